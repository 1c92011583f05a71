//! Rewriting a JSON Lines file with --fix: the new file is streamed to a temporary file beside the
//! original and renamed over it only if the original is still what was read. A `.gz` or `.zst`
//! file is written compressed the same way (gzip, zstd at their default levels): the records are
//! what changes, the container stays.

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

/// The new version of a JSONL file, streamed to a temporary file beside it.
pub(super) struct Rewrite {
    path: std::path::PathBuf,
    tmp: std::path::PathBuf,
    compression: Compression,
    file: Option<Encoder>,
    error: Option<String>,
    /// For standard input: the new content, printed to stdout at the end.
    memory: Option<Vec<u8>>,
}

impl Rewrite {
    pub(super) fn new(path: &Path) -> Self {
        let tmp = super::write::temp_path_beside(path);
        let compression = Compression::of(path);
        let (file, error) = match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|f| Encoder::new(f, compression))
        {
            Ok(f) => (Some(f), None),
            Err(e) => (None, Some(format!("cannot create a temporary file: {e}"))),
        };
        Self {
            path: path.to_path_buf(),
            tmp,
            compression,
            file,
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
            return self
                .compression
                .encode(&m)
                .and_then(|bytes| out.write_all(&bytes))
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
            let file = file.finish().map_err(|e| format!("cannot write: {e}"))?;
            if Digest::of_file(&self.path, self.compression).map_err(|e| e.to_string())? != *read {
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
