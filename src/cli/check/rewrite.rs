//! Rewriting a JSON Lines file with --fix: the new file is streamed to a temporary file beside the
//! original and renamed over it only if the original is still what was read.

use std::io::{BufRead, Write};
use std::path::Path;

/// A running digest of the bytes read, to detect a file changed on disk before replacing it.
#[derive(Default, PartialEq, Eq, Clone, Copy, Debug)]
pub(super) struct Digest {
    len: u64,
    hash: u64,
}

impl Digest {
    pub(super) fn update(&mut self, bytes: &[u8]) {
        let mut h = if self.len == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.hash
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.hash = h;
        self.len += bytes.len() as u64;
    }

    fn of_file(path: &Path) -> std::io::Result<Digest> {
        let mut f = std::io::BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
        let mut d = Digest::default();
        loop {
            let buf = f.fill_buf()?;
            if buf.is_empty() {
                return Ok(d);
            }
            let n = buf.len();
            d.update(buf);
            f.consume(n);
        }
    }
}

/// The new version of a JSONL file, streamed to a temporary file beside it.
pub(super) struct Rewrite {
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
    error: Option<String>,
    /// For standard input: the new content, printed to stdout at the end.
    memory: Option<Vec<u8>>,
}

impl Rewrite {
    pub(super) fn new(path: &Path) -> Self {
        let tmp = super::write::temp_path_beside(path);
        let (file, error) = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => (Some(std::io::BufWriter::with_capacity(1 << 20, f)), None),
            Err(e) => (None, Some(format!("cannot create a temporary file: {e}"))),
        };
        Self {
            path: path.to_path_buf(),
            tmp,
            file,
            error,
            memory: None,
        }
    }

    pub(super) fn stdout() -> Self {
        Self {
            path: "-".into(),
            tmp: "-".into(),
            file: None,
            error: None,
            memory: Some(Vec::new()),
        }
    }

    pub(super) fn write(&mut self, bytes: &[u8]) {
        if let Some(m) = self.memory.as_mut() {
            m.extend_from_slice(bytes);
            return;
        }
        if let (Some(f), None) = (self.file.as_mut(), &self.error)
            && let Err(e) = f.write_all(bytes)
        {
            self.error = Some(format!("cannot write: {e}"));
        }
    }

    pub(super) fn abandon(mut self) {
        self.file.take();
        if self.memory.is_none() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }

    /// Replace the original when something changed and it still holds what was read.
    pub(super) fn finish(mut self, changed: bool, read: &Digest) -> Result<(), String> {
        if let Some(m) = self.memory.take() {
            let mut out = std::io::stdout().lock();
            return out
                .write_all(&m)
                .and_then(|_| out.flush())
                .map_err(|e| e.to_string());
        }
        let file = self.file.take();
        let result = (|| {
            if let Some(e) = self.error.take() {
                return Err(e);
            }
            if !changed {
                return Ok(());
            }
            let file = file.ok_or("no temporary file")?;
            let file = file
                .into_inner()
                .map_err(|e| format!("cannot write: {e}"))?;
            if Digest::of_file(&self.path).map_err(|e| e.to_string())? != *read {
                return Err("changed on disk since it was read; not overwritten".into());
            }
            let perms = std::fs::metadata(&self.path)
                .map_err(|e| e.to_string())?
                .permissions();
            file.set_permissions(perms).map_err(|e| e.to_string())?;
            file.sync_all().map_err(|e| e.to_string())?;
            drop(file);
            std::fs::rename(&self.tmp, &self.path)
                .map_err(|e| format!("cannot replace the file: {e}"))
        })();
        let _ = std::fs::remove_file(&self.tmp);
        result
    }
}
