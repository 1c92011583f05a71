//! The names index (`newslint index`): every spelling of a corpus with its counts and keys, in a
//! compact binary layout that a pre-commit check reads without parsing what it does not need.
//!
//! Layout (little-endian):
//!
//! ```text
//! version u32 | gazetteer fingerprint u64
//! files: count u32, then (length u32, UTF-8 path)*
//! rows: count u32, then a table of (group u64, offset u32) sorted by group, then the rows:
//!   strict u64 | entry i32 (-1: none) | mentions u64 | articles u64
//!   | spelling length u16, UTF-8 | per-file count u32, then (file u32, mentions u32, articles u32)*
//! ```
//!
//! The table lets a reader take only the rows of the variant groups it cares about (binary
//! search), so loading cost follows the names of the files checked, not the size of the corpus.
//! Every read is bounds-checked: a damaged index is an error, never a panic.

/// Format version; bump on any layout change.
pub const VERSION: u32 = 5;

/// The longest spelling stored (bytes); longer runs of capitals are not names.
pub const MAX_SPELLING: usize = 1024;

/// One spelling of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<'a> {
    pub spelling: &'a str,
    pub group: u64,
    pub strict: u64,
    pub entry: Option<u32>,
    pub mentions: u64,
    pub articles: u64,
    /// `(file, mentions, articles)` for every file that mentions the spelling, so a re-checked
    /// file's old mentions are taken out exactly.
    pub per_file: Vec<(u32, u32, u32)>,
}

/// Serialise an index. `rows` need not be sorted.
pub fn write(gazetteer: u64, files: &[String], rows: &mut [Row<'_>]) -> Vec<u8> {
    rows.sort_unstable_by(|a, b| (a.group, a.spelling).cmp(&(b.group, b.spelling)));
    let mut out = Vec::new();
    out.extend(VERSION.to_le_bytes());
    out.extend(gazetteer.to_le_bytes());
    out.extend((files.len() as u32).to_le_bytes());
    for f in files {
        out.extend((f.len() as u32).to_le_bytes());
        out.extend(f.as_bytes());
    }
    out.extend((rows.len() as u32).to_le_bytes());
    let table_at = out.len();
    out.resize(table_at + rows.len() * 12, 0);
    let data_at = out.len();
    for (i, r) in rows.iter().enumerate() {
        let offset = (out.len() - data_at) as u32;
        let t = table_at + i * 12;
        out[t..t + 8].copy_from_slice(&r.group.to_le_bytes());
        out[t + 8..t + 12].copy_from_slice(&offset.to_le_bytes());
        out.extend(r.strict.to_le_bytes());
        out.extend(r.entry.map_or(-1i32, |e| e as i32).to_le_bytes());
        out.extend(r.mentions.to_le_bytes());
        out.extend(r.articles.to_le_bytes());
        debug_assert!(r.spelling.len() <= MAX_SPELLING);
        let s = &r.spelling.as_bytes()[..r.spelling.len().min(MAX_SPELLING)];
        out.extend((s.len() as u16).to_le_bytes());
        out.extend(s);
        out.extend((r.per_file.len() as u32).to_le_bytes());
        for &(f, m, a) in &r.per_file {
            out.extend(f.to_le_bytes());
            out.extend(m.to_le_bytes());
            out.extend(a.to_le_bytes());
        }
    }
    out
}

struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

const DAMAGED: &str = "the index is damaged or truncated; write it again with `newslint index`";

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).ok_or(DAMAGED)?;
        let s = self.b.get(self.at..end).ok_or(DAMAGED)?;
        self.at = end;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn str(&mut self, n: usize) -> Result<&'a str, String> {
        std::str::from_utf8(self.take(n)?).map_err(|_| DAMAGED.to_string())
    }
}

/// A parsed index header; rows are read on demand.
pub struct Reader<'a> {
    pub gazetteer: u64,
    pub files: Vec<&'a str>,
    table: &'a [u8],
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Self, String> {
        let mut c = Cursor { b: bytes, at: 0 };
        let version = c.u32()?;
        if version != VERSION {
            return Err(format!(
                "names index version {version} is not {VERSION}; write it again with `newslint index`"
            ));
        }
        let gazetteer = c.u64()?;
        let n_files = c.u32()? as usize;
        let mut files = Vec::with_capacity(n_files.min(1 << 16));
        for _ in 0..n_files {
            let n = c.u32()? as usize;
            files.push(c.str(n)?);
        }
        let n_rows = c.u32()? as usize;
        let table = c.take(n_rows.checked_mul(12).ok_or(DAMAGED)?)?;
        let data = &bytes[c.at..];
        Ok(Reader {
            gazetteer,
            files,
            table,
            data,
        })
    }

    pub fn len(&self) -> usize {
        self.table.len() / 12
    }

    fn group_at(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.table[i * 12..i * 12 + 8].try_into().expect("8 bytes"))
    }

    /// Row `i` of the table.
    pub fn row(&self, i: usize) -> Result<Row<'a>, String> {
        let t = &self.table[i * 12..i * 12 + 12];
        let group = u64::from_le_bytes(t[..8].try_into().expect("8 bytes"));
        let offset = u32::from_le_bytes(t[8..].try_into().expect("4 bytes")) as usize;
        let mut c = Cursor {
            b: self.data,
            at: offset,
        };
        let strict = c.u64()?;
        let entry = i32::from_le_bytes(c.take(4)?.try_into().expect("4 bytes"));
        let mentions = c.u64()?;
        let articles = c.u64()?;
        let n = c.u16()? as usize;
        let spelling = c.str(n)?;
        let k = c.u32()? as usize;
        // A damaged count cannot reserve more than the bytes left could hold.
        let mut per_file = Vec::with_capacity(k.min(c.b.len().saturating_sub(c.at) / 12));
        for _ in 0..k {
            per_file.push((c.u32()?, c.u32()?, c.u32()?));
        }
        Ok(Row {
            spelling,
            group,
            strict,
            entry: u32::try_from(entry).ok(),
            mentions,
            articles,
            per_file,
        })
    }

    /// The rows of variant group `group` (binary search in the table).
    pub fn group(&self, group: u64) -> std::ops::Range<usize> {
        let n = self.len();
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.group_at(mid) < group {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let start = lo;
        let mut end = start;
        while end < n && self.group_at(end) == group {
            end += 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(s: &str, group: u64) -> Row<'_> {
        Row {
            spelling: s,
            group,
            strict: 7,
            entry: (group % 2 == 0).then_some(3),
            mentions: 4,
            articles: 2,
            per_file: vec![(0, 3, 1), (1, 1, 1)],
        }
    }

    #[test]
    fn round_trip_and_group_lookup() {
        let mut rows = vec![row("Kyiv", 9), row("Kiev", 9), row("Odesa", 2)];
        let bytes = write(42, &["a.txt".into(), "b.txt".into()], &mut rows);
        let r = Reader::new(&bytes).unwrap();
        assert_eq!(
            (r.gazetteer, r.files.clone(), r.len()),
            (42, vec!["a.txt", "b.txt"], 3)
        );
        let g = r.group(9);
        let got: Vec<_> = g.map(|i| r.row(i).unwrap()).collect();
        assert_eq!(got, vec![row("Kiev", 9), row("Kyiv", 9)]);
        assert_eq!(r.group(5).len(), 0);
        assert_eq!(r.row(r.group(2).start).unwrap(), row("Odesa", 2));
    }

    proptest! {
        /// Any bytes: an error or a reader whose every row reads or errs, never a panic.
        #[test]
        fn damaged_indexes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), cut in 0usize..200) {
            let mut rows = vec![row("Kyiv", 9), row("Odesa", 2)];
            let mut good = write(1, &["a".into()], &mut rows);
            good.truncate(cut.min(good.len()));
            for b in [&bytes[..], &good[..]] {
                if let Ok(r) = Reader::new(b) {
                    for i in 0..r.len() {
                        let _ = r.row(i);
                    }
                    let _ = r.group(9);
                }
            }
        }
    }
}
