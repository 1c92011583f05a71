//! Writing files back: atomically, keeping permissions, never over a file that changed on disk.

use std::io::Write;
use std::path::Path;

/// A temporary file name beside `path` (same directory, so the rename is atomic).
pub(super) fn temp_path_beside(path: &Path) -> std::path::PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.newslint-{}.tmp", std::process::id()))
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
/// the original's permissions, renamed over it. Refuses when the file no longer holds `original`
/// (it changed on disk since it was read).
pub(super) fn write_atomic(path: &Path, original: &[u8], new: &[u8]) -> Result<(), String> {
    let now = std::fs::read(path).map_err(|e| format!("cannot read again before writing: {e}"))?;
    if now != original {
        return Err("changed on disk since it was read; not overwritten".into());
    }
    let perms = std::fs::metadata(path)
        .map_err(|e| format!("cannot read permissions: {e}"))?
        .permissions();
    let tmp = temp_path_beside(path);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(new)?;
        f.set_permissions(perms)?;
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
}
