//! Setting up a check: the config (given, discovered or none), the linter and the file filter.

use super::super::CheckArgs;
use super::report_error;
use crate::config::Config;
use crate::corpus::FileFilter;
use crate::{CliSelection, Linter};
use std::path::PathBuf;

/// The linter and file filter for these arguments; errors are reported and give `None`.
pub(super) fn load_linter(args: &CheckArgs, paths: &[PathBuf]) -> Option<(Linter, FileFilter)> {
    // Config: --config, else discovered from the first path, unless --isolated.
    let config = if args.isolated {
        Config::default()
    } else {
        let found = args.config.clone().or_else(|| Config::discover(&paths[0]));
        match found.map(|p| Config::load(&p)).transpose() {
            Ok(c) => c.unwrap_or_default(),
            Err(e) => {
                report_error(e);
                return None;
            }
        }
    };
    let cli = CliSelection {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        extend_select: args.extend_select.clone(),
        packs: args.packs.clone(),
    };
    let linter = Linter::from_config(&config, &cli)
        .map_err(report_error)
        .ok()?;
    let globs =
        |v: &[toml::Spanned<String>]| v.iter().map(|g| g.get_ref().clone()).collect::<Vec<_>>();
    let mut filter = match FileFilter::new(
        &config.base_dir(),
        &globs(&config.raw.include),
        &globs(&config.raw.exclude),
    ) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    filter.force_exclude = args.force_exclude;
    Some((linter, filter))
}
