//! Reading inputs safely: only regular files (or standard input), never more than a cap.
//!
//! A FIFO named as an input would block the run forever, and a device such as `/dev/zero` would
//! be read until memory runs out. So a path is opened without blocking, its type is taken from
//! the open handle (not from the path, which could be swapped between a `stat` and the `open`),
//! and anything but a regular file is refused with what it is. The size is not trusted either: a
//! file can grow while it is read, and some file systems report 0, so reading stops one byte past
//! the cap and says the input is too large.

use std::io::Read;
use std::path::Path;

/// The largest config, pack or baseline newslint reads (64 MiB): settings, not corpora.
pub const MAX_SETTINGS_FILE: u64 = 64 << 20;

/// What a file that is not a regular file is, in words.
#[cfg(unix)]
fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn kind_of(t: std::fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Open `path` for reading if it is a regular file (following symlinks). A FIFO, device, socket
/// or directory is an `InvalidInput` error naming what it is; opening never blocks.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Without it, opening a FIFO waits for a writer. It changes nothing for a regular file.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let t = file.metadata()?.file_type();
    if !t.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{}, not a regular file: not read", kind_of(t)),
        ));
    }
    Ok(file)
}

/// Read all of `input`, but no more than `cap` bytes: an `InvalidData` error when there is more,
/// found by reading one byte past the cap rather than by trusting a size.
pub fn read_capped(input: impl Read, cap: u64) -> std::io::Result<Vec<u8>> {
    read_capped_into(input, cap, Vec::new())
}

fn read_capped_into(input: impl Read, cap: u64, mut bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    input.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("larger than the {} this input may be", human_size(cap)),
        ));
    }
    Ok(bytes)
}

/// Read the regular file `path` whole, at most `cap` bytes (see [`open_regular`] and
/// [`read_capped`]).
pub fn read_regular(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    // The size is a capacity hint only: the cap holds even if the file grows while it is read.
    let hint = file.metadata().map_or(0, |m| m.len()).min(cap);
    read_capped_into(file, cap, Vec::with_capacity(hint as usize))
}

fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b => format!("{b} bytes"),
    }
}

/// Read a UTF-8 text file (a config, a pack) whole: a regular file of at most
/// [`MAX_SETTINGS_FILE`]. Bytes that are not UTF-8 are an `InvalidData` error that says where: the
/// byte offset, line and column of the first bad byte, so a damaged file can be mended without
/// guessing.
pub fn read_text_file(path: &Path) -> std::io::Result<String> {
    let bytes = read_regular(path, MAX_SETTINGS_FILE)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let good = &e.as_bytes()[..at];
        let line = 1 + good.iter().filter(|&&b| b == b'\n').count();
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // `good` is valid UTF-8 up to `at`, so its last line counts in chars.
        let column = 1 + std::str::from_utf8(&good[line_start..]).map_or(0, |s| s.chars().count());
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not UTF-8: byte {at} (line {line}, column {column}) is not part of a UTF-8 character"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_is_found_by_reading_not_by_a_size() {
        let ten = [b'a'; 10];
        assert_eq!(read_capped(&ten[..], 10).unwrap().len(), 10);
        let err = read_capped(&ten[..], 9).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("9 bytes"), "{err}");
        // An endless reader stops one byte past the cap.
        let err = read_capped(std::io::repeat(0), 1 << 20).unwrap_err();
        assert!(err.to_string().contains("1 MiB"), "{err}");
    }

    #[test]
    fn a_regular_file_is_read_and_a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, b"hello").unwrap();
        assert_eq!(read_regular(&p, 5).unwrap(), b"hello");
        assert!(read_regular(&p, 4).is_err());
        let err = read_regular(dir.path(), 5).unwrap_err();
        assert!(err.to_string().contains("directory"), "{err}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn devices_are_refused_without_reading() {
        let err = read_regular(Path::new("/dev/zero"), 1 << 30).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("character device"), "{err}");
    }
}
