//! Setting up a check: the config (given, discovered or none), the linter and the file filter.

use super::super::CheckArgs;
use super::report_error;
use crate::config::Config;
use crate::corpus::FileFilter;
use crate::{CliSelection, Linter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The linter and file filter for these arguments, and the config they come from; errors are
/// reported and give `None`.
pub(super) fn load_linter(
    args: &CheckArgs,
    paths: &[PathBuf],
) -> Option<(Linter, FileFilter, Config)> {
    // Config: --config, else discovered from the first path, unless --isolated.
    let config = if args.input.isolated {
        Config::default()
    } else {
        let found = args
            .input
            .config
            .clone()
            .or_else(|| Config::discover(&paths[0]));
        match found.map(|p| Config::load(&p)).transpose() {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                report_error(e);
                return None;
            }
        }
    };
    let cli = cli_selection(args);
    let linter = Linter::from_config(&config, &cli)
        .map_err(report_error)
        .ok()?;
    let mut filter = file_filter(&config)?;
    filter.force_exclude = args.input.force_exclude;
    Some((linter, filter, config))
}

fn cli_selection(args: &CheckArgs) -> CliSelection {
    CliSelection {
        select: args.rules.select.clone(),
        ignore: args.rules.ignore.clone(),
        extend_select: args.rules.extend_select.clone(),
        packs: args.rules.packs.clone(),
    }
}

/// The include and exclude globs of a config; an invalid glob is reported and gives `None`.
fn file_filter(config: &Config) -> Option<FileFilter> {
    let globs =
        |v: &[toml::Spanned<String>]| v.iter().map(|g| g.get_ref().clone()).collect::<Vec<_>>();
    match FileFilter::new(
        &config.base_dir(),
        &globs(&config.raw.include),
        &globs(&config.raw.exclude),
    ) {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("error: {e}");
            None
        }
    }
}

/// The configs nearer to some of `files` than `root` (ruff's and typos' rule: the nearest
/// `newslint.toml` above a file applies to it): each governs the files under its directory, and
/// its `exclude` drops the files found by walking there. Nothing changes with `--config` or
/// `--isolated`. Returns the files kept; errors are reported and give `None`.
pub(super) fn nested_configs(
    args: &CheckArgs,
    linter: &mut Linter,
    root: &Config,
    files: Vec<PathBuf>,
) -> Option<Vec<PathBuf>> {
    if args.input.isolated || args.input.config.is_some() {
        return Some(files);
    }
    let root_path = root.path.clone();
    let mut nearest: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut loaded: HashMap<PathBuf, Option<FileFilter>> = HashMap::new();
    let cli = cli_selection(args);
    if let Err(e) = linter.set_unconfigured(root, &cli) {
        report_error(e);
        return None;
    }
    let mut kept = Vec::with_capacity(files.len());
    for f in files {
        if f == Path::new("-") {
            kept.push(f);
            continue;
        }
        let dir = super::dir_of(&f);
        let config = nearest
            .entry(dir.clone())
            .or_insert_with(|| Config::discover(&dir))
            .clone();
        let Some(config) = config.filter(|c| Some(c) != root_path.as_ref()) else {
            kept.push(f);
            continue;
        };
        if !loaded.contains_key(&config) {
            let c = match Config::load(&config) {
                Ok(c) => c,
                Err(e) => {
                    report_error(e);
                    return None;
                }
            };
            if let Err(e) = linter.add_nested(&c, root, &cli) {
                report_error(e);
                return None;
            }
            loaded.insert(config.clone(), file_filter(&c));
        }
        let named = args.input.paths.iter().any(|p| p == &f);
        let excluded = loaded[&config]
            .as_ref()
            .is_some_and(|flt| (!named || args.input.force_exclude) && flt.is_excluded(&f));
        if !excluded {
            kept.push(f);
        }
    }
    Some(kept)
}
