//! Rewriting a JSON Lines file with --fix: the new file is streamed to a temporary file beside the
//! original and renamed over it only if the original is still what was read. A `.gz` or `.zst`
//! file is written compressed the same way (gzip, zstd at their default levels): the records are
//! what changes, the container stays.

use std::io::{BufRead, Read, Write};
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

    /// How many bytes it has seen.
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// The digest of what `path` holds, decompressed as `compression` says (as it was read).
    fn of_file(path: &Path, compression: Compression) -> std::io::Result<Digest> {
        let inner = compression.reader(std::fs::File::open(path)?)?;
        let mut f = std::io::BufReader::with_capacity(1 << 20, inner);
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

/// How a file is compressed, by its name's extension (`.gz`, `.zst`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub(super) fn of(path: &Path) -> Self {
        let name = crate::corpus::lowercase_file_name(path);
        if name.ends_with(".gz") {
            Compression::Gzip
        } else if name.ends_with(".zst") {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// `bytes` compressed this way (the whole stream, trailer included).
    pub(super) fn encode(self, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
        match self {
            Compression::None => Ok(bytes.to_vec()),
            Compression::Gzip => {
                let mut e =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                e.write_all(bytes)?;
                e.finish()
            }
            Compression::Zstd => zstd::stream::encode_all(bytes, 0),
        }
    }

    /// `raw` read through this compression's decoder.
    pub(super) fn reader(
        self,
        raw: impl std::io::Read + 'static,
    ) -> std::io::Result<Box<dyn std::io::Read>> {
        Ok(match self {
            Compression::None => Box::new(raw),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(raw)),
            Compression::Zstd => Box::new(zstd::Decoder::new(raw)?),
        })
    }
}

/// The temporary file being written, through its compressor if the original has one.
enum Encoder {
    Plain(std::io::BufWriter<std::fs::File>),
    Gzip(flate2::write::GzEncoder<std::io::BufWriter<std::fs::File>>),
    Zstd(zstd::stream::write::Encoder<'static, std::io::BufWriter<std::fs::File>>),
}

impl Encoder {
    fn new(file: std::fs::File, compression: Compression) -> std::io::Result<Self> {
        let w = std::io::BufWriter::with_capacity(1 << 20, file);
        Ok(match compression {
            Compression::None => Encoder::Plain(w),
            Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                w,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(w, 0)?),
        })
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Encoder::Plain(w) => w.write_all(bytes),
            Encoder::Gzip(w) => w.write_all(bytes),
            Encoder::Zstd(w) => w.write_all(bytes),
        }
    }

    /// End the stream (the compressor's trailer) and hand back the file.
    fn finish(self) -> std::io::Result<std::fs::File> {
        let w = match self {
            Encoder::Plain(w) => w,
            Encoder::Gzip(w) => w.finish()?,
            Encoder::Zstd(w) => w.finish()?,
        };
        w.into_inner().map_err(|e| e.into_error())
    }
}

impl Write for Encoder {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(bytes),
            Encoder::Gzip(w) => w.write(bytes),
            Encoder::Zstd(w) => w.write(bytes),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(w) => w.flush(),
            Encoder::Zstd(w) => w.flush(),
        }
    }
}

/// The new version of a JSONL file, streamed to a temporary file beside it. The temporary file
/// is created at the first changed record (a run that changes nothing, or is killed before it
/// changes anything, leaves nothing behind): the unchanged records before it are copied from
/// the original then.
pub(super) struct Rewrite {
    /// The file replaced: the original, or a symlink's target.
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    compression: Compression,
    file: Option<Encoder>,
    /// Bytes of the (decompressed) original kept, not yet copied to the temporary file.
    pending: u64,
    error: Option<String>,
    /// For standard input: the new content, printed to stdout at the end.
    memory: Option<Vec<u8>>,
}

impl Rewrite {
    pub(super) fn new(path: &Path) -> Self {
        Self::compressed(path, Compression::of(path))
    }

    /// A plain-text file, written as it is whatever its name says.
    pub(super) fn plain(path: &Path) -> Self {
        Self::compressed(path, Compression::None)
    }

    fn compressed(path: &Path, compression: Compression) -> Self {
        let (path, error) = match super::write::write_target(path) {
            Ok(p) => (p, None),
            Err(e) => (path.to_path_buf(), Some(e)),
        };
        Self {
            tmp: path.clone(),
            path,
            compression,
            file: None,
            pending: 0,
            error,
            memory: None,
        }
    }

    /// For standard input named (by `--stdin-filename`) with `compression`: the fixed content
    /// goes to stdout compressed the same way, as the input came.
    pub(super) fn stdout(compression: Compression) -> Self {
        Self {
            path: "-".into(),
            tmp: "-".into(),
            compression,
            file: None,
            pending: 0,
            error: None,
            memory: Some(Vec::new()),
        }
    }

    /// Bytes of the original, kept as they were.
    pub(super) fn keep(&mut self, bytes: &[u8]) {
        match (&mut self.memory, &mut self.file) {
            (Some(m), _) => m.extend_from_slice(bytes),
            (None, Some(_)) => self.write(bytes),
            (None, None) => self.pending += bytes.len() as u64,
        }
    }

    /// New bytes, in place of some of the original's.
    pub(super) fn write(&mut self, bytes: &[u8]) {
        if let Some(m) = self.memory.as_mut() {
            m.extend_from_slice(bytes);
            return;
        }
        if self.error.is_some() {
            return;
        }
        if self.file.is_none()
            && let Err(e) = self.start()
        {
            self.error = Some(e);
            return;
        }
        if let Some(f) = self.file.as_mut()
            && let Err(e) = f.write_all(bytes)
        {
            self.error = Some(format!("cannot write: {e}"));
        }
    }

    /// Create the temporary file and copy into it the original's bytes kept so far.
    fn start(&mut self) -> Result<(), String> {
        self.tmp = super::write::temp_path_beside(&self.path);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&self.tmp)
            .map_err(|e| format!("cannot create a temporary file: {e}"))?;
        let mut encoder = Encoder::new(file, self.compression)
            .map_err(|e| format!("cannot create a temporary file: {e}"))?;
        let copied = std::fs::File::open(&self.path)
            .and_then(|f| self.compression.reader(f))
            .and_then(|r| std::io::copy(&mut r.take(self.pending), &mut encoder));
        // Set now, so a failure below still removes the temporary file.
        self.file = Some(encoder);
        match copied {
            Ok(n) if n == self.pending => Ok(()),
            Ok(_) => Err("changed on disk since it was read; not overwritten".into()),
            Err(e) => Err(format!("cannot read again before writing: {e}")),
        }
    }

    pub(super) fn abandon(mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }

    /// Replace the original when something changed and it still holds what was read.
    pub(super) fn finish(mut self, changed: bool, read: &Digest) -> Result<(), String> {
        if let Some(m) = self.memory.take() {
            let mut out = std::io::stdout().lock();
            return self
                .compression
                .encode(&m)
                .and_then(|bytes| out.write_all(&bytes))
                .and_then(|_| out.flush())
                .map_err(|e| e.to_string());
        }
        let Some(file) = self.file.take() else {
            // Nothing new was written: nothing to replace (and nothing to refuse).
            return match self.error.take() {
                Some(e) if changed => Err(e),
                _ => Ok(()),
            };
        };
        let result = (|| {
            if let Some(e) = self.error.take() {
                return Err(e);
            }
            if !changed {
                return Ok(());
            }
            let file = file.finish().map_err(|e| format!("cannot write: {e}"))?;
            if Digest::of_file(&self.path, self.compression).map_err(|e| e.to_string())? != *read {
                return Err("changed on disk since it was read; not overwritten".into());
            }
            let meta = std::fs::metadata(&self.path).map_err(|e| e.to_string())?;
            super::write::copy_metadata(&file, &meta).map_err(|e| e.to_string())?;
            file.sync_all().map_err(|e| e.to_string())?;
            drop(file);
            std::fs::rename(&self.tmp, &self.path)
                .map_err(|e| format!("cannot replace the file: {e}"))
        })();
        let _ = std::fs::remove_file(&self.tmp);
        result
    }
}
