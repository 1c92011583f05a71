//! Writing files back: atomically, keeping permissions and owner, never over a file that changed
//! on disk, through symlinks to their target, never splitting hard links; and the temporary files
//! a killed run left behind are removed by the next run that writes in their directory.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The infix of this tool's temporary files: `.{name}.newslint-{pid}.tmp`.
const TEMP_INFIX: &str = ".newslint-";

/// A temporary file name beside `path` (same directory, so the rename is atomic). The first
/// time a run writes in a directory, the temporary files of runs that are no longer alive (killed
/// while writing) are removed from it.
pub(super) fn temp_path_beside(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    clean_stale_temps(dir);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}{TEMP_INFIX}{}.tmp", std::process::id()))
}

/// The process id in a temporary file name of this tool, if it is one.
fn temp_owner(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = rest.rsplit_once(TEMP_INFIX)?;
    (!pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        .then(|| pid.parse().ok())
        .flatten()
}

/// Is process `pid` alive (or not ours to ask about)?
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = i32::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

/// Remove this tool's temporary files whose run is gone from `dir`, once per directory per run.
fn clean_stale_temps(dir: &Path) {
    static CLEANED: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if !cleaned
            .get_or_insert_with(HashSet::new)
            .insert(dir.to_path_buf())
        {
            return;
        }
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if regular && !alive(pid) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file a fix of `path` replaces: `path` itself, or, for a symlink, its target (so the link
/// stays a link and the text it points to is fixed). A file with other hard links is refused:
/// replacing it would leave its other names with the old text.
pub(super) fn write_target(path: &Path) -> Result<PathBuf, String> {
    let link = std::fs::symlink_metadata(path).map_err(|e| format!("cannot stat: {e}"))?;
    let target = if link.file_type().is_symlink() {
        std::fs::canonicalize(path).map_err(|e| format!("cannot follow the symlink: {e}"))?
    } else {
        path.to_path_buf()
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let links = std::fs::metadata(&target)
            .map_err(|e| format!("cannot stat: {e}"))?
            .nlink();
        if links > 1 {
            return Err(format!(
                "has {links} hard links; replacing it would leave the other names with the old \
                 text, so it was not fixed"
            ));
        }
    }
    Ok(target)
}

/// Give `file` (a new temporary file) the permissions and, where permitted, the owner and group
/// of `like`.
pub(super) fn copy_metadata(file: &std::fs::File, like: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(like.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only a privileged user can give a file away; otherwise the file is the writer's.
        let _ = std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid()));
    }
    Ok(())
}

/// Write a new file (or replace one) atomically: a temporary file beside it, then a rename.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path_beside(path);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Replace `path`'s contents with `new`, atomically: a temporary file in the same directory with
/// the original's permissions and owner, renamed over it (over a symlink's target). Refuses when
/// the file no longer holds `original` (it changed on disk since it was read) and when it has
/// other hard links.
pub(super) fn write_atomic(path: &Path, original: &[u8], new: &[u8]) -> Result<(), String> {
    let path = &write_target(path)?;
    let now = std::fs::read(path).map_err(|e| format!("cannot read again before writing: {e}"))?;
    if now != original {
        return Err("changed on disk since it was read; not overwritten".into());
    }
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read permissions: {e}"))?;
    let tmp = temp_path_beside(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(new)?;
        copy_metadata(&f, &meta)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_keeps_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"old", b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o640
        );
        // The file no longer holds what was read: not overwritten.
        let err = write_atomic(&p, b"old", b"newer").unwrap_err();
        assert!(err.contains("changed on disk"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn temporary_names_give_their_owner() {
        assert_eq!(temp_owner(".a.txt.newslint-4242.tmp"), Some(4242));
        assert_eq!(temp_owner(".x.newslint-1.y.newslint-77.tmp"), Some(77));
        assert_eq!(temp_owner(".a.txt.newslint-.tmp"), None);
        assert_eq!(temp_owner(".a.txt.newslint-12x.tmp"), None);
        assert_eq!(temp_owner("a.txt.newslint-12.tmp"), None);
        assert_eq!(temp_owner(".a.txt.tmp"), None);
    }

    #[test]
    fn stale_temporary_files_of_dead_runs_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A process that has ended: its pid is no longer alive (reuse within the test is
        // vanishingly unlikely).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!(".a.txt.newslint-{dead}.tmp"));
        let live = dir
            .path()
            .join(format!(".b.txt.newslint-{}.tmp", std::process::id()));
        let other = dir.path().join(".c.txt.other-1.tmp");
        for p in [&stale, &live, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let tmp = temp_path_beside(&dir.path().join("d.txt"));
        assert_eq!(tmp.parent(), Some(dir.path()));
        assert!(!stale.exists(), "a dead run's temporary file is removed");
        assert!(live.exists() && other.exists());
    }
}
