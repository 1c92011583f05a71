//! Bytes → decoded text, with an exact way back.
//!
//! [`SourceText::decode`] takes any byte sequence: it honours a byte-order mark, takes the UTF-8 fast
//! path when the bytes are valid UTF-8, and otherwise decodes with `encoding_rs` using the encoding
//! `chardetng` detects (or the one the caller forces). Every byte of the decoded text maps back to
//! the original bytes ([`SourceText::original_offset`]); malformed byte sequences become U+FFFD and
//! are remembered with their exact original position.

mod lines;
mod read;

pub use lines::{CharCounter, LineCol, LineIndex};
pub use read::{MAX_SETTINGS_FILE, open_regular, read_capped, read_regular, read_text_file};

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// A run of decoded chars that all have the same decoded and original byte length.
#[derive(Debug, Clone, Copy)]
struct Run {
    decoded: usize,
    original: usize,
    decoded_len: u8,
    original_len: u8,
}

/// Maps decoded-text byte offsets to original-file byte offsets.
#[derive(Debug, Clone)]
enum OffsetMap {
    /// original = decoded + shift (UTF-8, possibly after a BOM).
    Shift(usize),
    /// Piecewise runs for other encodings.
    Runs(Vec<Run>),
}

/// Bytes that could not be decoded, at their exact original position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed {
    /// Original byte range.
    pub original: (usize, usize),
    /// Where the replacement character sits in the decoded text.
    pub decoded: usize,
}

/// The decoded text of one input, and everything needed to map back to its bytes.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: String,
    encoding: &'static Encoding,
    bom_len: usize,
    detected: bool,
    malformed: Vec<Malformed>,
    map: OffsetMap,
}

/// The largest document newslint reads in one piece (1 GiB). Spans inside a document are exact
/// in 32 bits below this size; larger plain-text files are reported as input errors.
pub const MAX_DOCUMENT: usize = 1 << 30;

/// A NUL byte in the first 8 KiB (and no UTF-16 BOM) marks a file as binary, as git and ripgrep
/// do, unless the caller forces UTF-16 (`--encoding utf-16le`): NUL bytes are half of BOM-less
/// UTF-16 text.
pub fn looks_binary_for(bytes: &[u8], forced: Option<&'static Encoding>) -> bool {
    let utf16 = forced.is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    !utf16 && looks_binary(bytes)
}

/// A NUL byte in the first 8 KiB (and no UTF-16 BOM) marks a file as binary, as git and ripgrep do.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some_and(|(e, _)| e != UTF_8) {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

impl SourceText {
    /// Text that is already decoded (a JSON string field, a test input): offsets map to themselves.
    pub fn from_text(text: impl Into<String>) -> Self {
        Self::valid_utf8(text.into(), 0)
    }

    /// Valid UTF-8 (after a BOM of `bom_len` bytes): offsets are shifted by the BOM.
    fn valid_utf8(text: String, bom_len: usize) -> Self {
        Self {
            text,
            encoding: UTF_8,
            bom_len,
            detected: false,
            malformed: Vec::new(),
            map: OffsetMap::Shift(bom_len),
        }
    }

    /// Like [`SourceText::decode`], taking ownership: valid UTF-8 becomes the text without a copy.
    pub fn decode_vec(bytes: Vec<u8>, forced: Option<&'static Encoding>) -> Self {
        let utf8_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
        let plain = forced.is_none() && Encoding::for_bom(&bytes).is_none();
        if (plain || utf8_bom)
            && std::str::from_utf8(&bytes[if utf8_bom { 3 } else { 0 }..]).is_ok()
        {
            let mut bytes = bytes;
            let bom_len = if utf8_bom {
                bytes.drain(..3);
                3
            } else {
                0
            };
            return Self::valid_utf8(String::from_utf8(bytes).expect("validated above"), bom_len);
        }
        Self::decode(&bytes, forced)
    }

    /// Decode any byte sequence. `forced` overrides detection (but not a BOM, which is authoritative).
    pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Self {
        if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
            return Self::decode_with(bytes, enc, bom_len, false);
        }
        if let Some(enc) = forced {
            return Self::decode_with(bytes, enc, 0, false);
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Self::valid_utf8(text.to_owned(), 0);
        }
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        let enc = det.guess(None, chardetng::Utf8Detection::Allow);
        Self::decode_with(bytes, enc, 0, true)
    }

    fn decode_with(bytes: &[u8], enc: &'static Encoding, bom_len: usize, detected: bool) -> Self {
        let body = &bytes[bom_len..];
        if enc == UTF_8 {
            return Self::decode_utf8_lossy(body, bom_len, detected);
        }
        // Feed the decoder one byte at a time so each output char is attributed to the exact
        // original bytes it came from. Legacy encodings are rare, so simplicity wins over speed.
        let mut decoder = enc.new_decoder_without_bom_handling();
        let mut text = String::with_capacity(body.len() + body.len() / 2);
        let mut runs: Vec<Run> = Vec::new();
        let mut malformed = Vec::new();
        let mut pending = 0usize; // original offset (in body) of the first unattributed byte
        let mut buf = [0u8; 32];
        let mut push =
            |runs: &mut Vec<Run>, decoded: usize, original: usize, dl: usize, ol: usize| {
                let (dl, ol) = (dl as u8, ol.min(255) as u8);
                if let Some(last) = runs.last()
                    && last.decoded_len == dl
                    && last.original_len == ol
                {
                    let n = (decoded - last.decoded) / dl as usize;
                    if last.original + n * ol as usize == original {
                        return;
                    }
                }
                runs.push(Run {
                    decoded,
                    original,
                    decoded_len: dl,
                    original_len: ol,
                });
            };
        for i in 0..=body.len() {
            let last = i == body.len();
            let src = if last { &[][..] } else { &body[i..i + 1] };
            let mut src_off = 0;
            loop {
                let (res, read, written) =
                    decoder.decode_to_utf8_without_replacement(&src[src_off..], &mut buf, last);
                src_off += read;
                let consumed_end = i + src_off; // body offset just past what was consumed
                match res {
                    DecoderResult::Malformed(bad, after) => {
                        let (bad, after) = (bad as usize, after as usize);
                        // Chars written before the error came from the pending bytes.
                        attribute(
                            &buf[..written],
                            &mut text,
                            &mut runs,
                            &mut push,
                            &mut pending,
                            consumed_end - after - bad,
                            bom_len,
                        );
                        let start = consumed_end - after - bad;
                        let end = consumed_end - after;
                        malformed.push(Malformed {
                            original: (start + bom_len, end + bom_len),
                            decoded: text.len(),
                        });
                        push(&mut runs, text.len(), start + bom_len, 3, end - start);
                        text.push('\u{FFFD}');
                        pending = end;
                        continue;
                    }
                    DecoderResult::OutputFull => {
                        attribute(
                            &buf[..written],
                            &mut text,
                            &mut runs,
                            &mut push,
                            &mut pending,
                            consumed_end,
                            bom_len,
                        );
                        continue;
                    }
                    DecoderResult::InputEmpty => {
                        attribute(
                            &buf[..written],
                            &mut text,
                            &mut runs,
                            &mut push,
                            &mut pending,
                            consumed_end,
                            bom_len,
                        );
                        break;
                    }
                }
            }
        }
        Self {
            text,
            encoding: enc,
            bom_len,
            detected,
            malformed,
            map: OffsetMap::Runs(runs),
        }
    }

    fn decode_utf8_lossy(body: &[u8], bom_len: usize, detected: bool) -> Self {
        let mut text = String::with_capacity(body.len());
        let mut malformed = Vec::new();
        let mut runs = Vec::new();
        let mut rest = body;
        let mut orig = 0usize;
        loop {
            runs.push(Run {
                decoded: text.len(),
                original: orig + bom_len,
                decoded_len: 1,
                original_len: 1,
            });
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    text.push_str(s);
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    text.push_str(std::str::from_utf8(&rest[..good]).expect("validated prefix"));
                    let bad = e.error_len().unwrap_or(rest.len() - good);
                    let start = orig + good;
                    malformed.push(Malformed {
                        original: (start + bom_len, start + bad + bom_len),
                        decoded: text.len(),
                    });
                    runs.push(Run {
                        decoded: text.len(),
                        original: start + bom_len,
                        decoded_len: 3,
                        original_len: bad as u8,
                    });
                    text.push('\u{FFFD}');
                    rest = &rest[good + bad..];
                    orig = start + bad;
                }
            }
        }
        let map = if malformed.is_empty() {
            OffsetMap::Shift(bom_len)
        } else {
            OffsetMap::Runs(runs)
        };
        Self {
            text,
            encoding: UTF_8,
            bom_len,
            detected,
            malformed,
            map,
        }
    }

    /// The decoded text; every [`crate::ByteSpan`] indexes into it.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// The encoding the bytes were decoded with.
    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// True when the encoding was guessed by detection (not UTF-8, no BOM, not forced).
    pub fn was_detected(&self) -> bool {
        self.detected
    }

    /// Length in bytes of the byte-order mark the input started with (0 when none).
    pub fn bom_len(&self) -> usize {
        self.bom_len
    }

    /// Byte sequences that could not be decoded.
    pub fn malformed(&self) -> &[Malformed] {
        &self.malformed
    }

    /// The original-file byte offset of a decoded-text byte offset (on a char boundary, or the end).
    pub fn original_offset(&self, decoded: usize) -> usize {
        match &self.map {
            OffsetMap::Shift(s) => decoded + s,
            OffsetMap::Runs(runs) => {
                if runs.is_empty() {
                    return decoded + self.bom_len;
                }
                let i = match runs.binary_search_by_key(&decoded, |r| r.decoded) {
                    Ok(i) => i,
                    Err(0) => 0,
                    Err(i) => i - 1,
                };
                let r = runs[i];
                let chars = (decoded - r.decoded) / r.decoded_len as usize;
                r.original + chars * r.original_len as usize
            }
        }
    }

    /// Re-encode a (possibly edited) decoded text in this source's encoding, BOM included.
    /// Returns `None` when some char cannot be represented in the encoding.
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() + self.bom_len);
        if self.bom_len > 0 {
            match self.encoding.name() {
                "UTF-16LE" => out.extend_from_slice(&[0xFF, 0xFE]),
                "UTF-16BE" => out.extend_from_slice(&[0xFE, 0xFF]),
                _ => out.extend_from_slice(&[0xEF, 0xBB, 0xBF]),
            }
        }
        match self.encoding.name() {
            "UTF-8" => out.extend_from_slice(text.as_bytes()),
            "UTF-16LE" => text
                .encode_utf16()
                .for_each(|u| out.extend_from_slice(&u.to_le_bytes())),
            "UTF-16BE" => text
                .encode_utf16()
                .for_each(|u| out.extend_from_slice(&u.to_be_bytes())),
            _ => {
                let (bytes, _, unmappable) = self.encoding.encode(text);
                if unmappable {
                    return None;
                }
                out.extend_from_slice(&bytes);
            }
        }
        Some(out)
    }
}

/// Append the chars decoded in `out` to `text`, attributing them to the original bytes from
/// `*pending` up to `consumed_end` (offsets relative to the body, after the BOM).
fn attribute(
    out: &[u8],
    text: &mut String,
    runs: &mut Vec<Run>,
    push: &mut impl FnMut(&mut Vec<Run>, usize, usize, usize, usize),
    pending: &mut usize,
    consumed_end: usize,
    bom_len: usize,
) {
    if out.is_empty() {
        return;
    }
    let s = std::str::from_utf8(out).expect("encoding_rs writes UTF-8");
    let n = s.chars().count();
    let span = consumed_end.saturating_sub(*pending);
    for (k, c) in s.chars().enumerate() {
        // Usually one char per call (we feed one byte at a time); when a decoder emits several,
        // the first takes the whole original sequence and the rest are zero-width in the original.
        let (orig, olen) = if k == 0 {
            (*pending, if n == 1 { span } else { span.min(1) })
        } else {
            (consumed_end, 0)
        };
        push(runs, text.len(), orig + bom_len, c.len_utf8(), olen);
        text.push(c);
    }
    *pending = consumed_end;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_roundtrip(bytes: &[u8], enc: &'static Encoding) {
        let src = SourceText::decode(bytes, Some(enc));
        assert_eq!(src.encode(src.text()).as_deref(), Some(bytes));
    }

    #[test]
    fn decode_vec_matches_decode() {
        for bytes in [
            b"plain".to_vec(),
            b"\xEF\xBB\xBFwith bom".to_vec(),
            b"caf\xE9".to_vec(),
            b"\xEF\xBB\xBFbroken \xFF".to_vec(),
        ] {
            let a = SourceText::decode(&bytes, None);
            let b = SourceText::decode_vec(bytes.clone(), None);
            assert_eq!(
                (a.text(), a.bom_len(), a.encoding()),
                (b.text(), b.bom_len(), b.encoding())
            );
            assert_eq!(
                a.original_offset(a.text().len()),
                b.original_offset(b.text().len())
            );
        }
    }

    #[test]
    fn utf8_fast_path_and_bom() {
        let s = SourceText::decode("héllo".as_bytes(), None);
        assert_eq!(s.text(), "héllo");
        assert_eq!(s.original_offset(3), 3);
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("héllo".as_bytes());
        let s = SourceText::decode(&b, None);
        assert_eq!(s.text(), "héllo");
        assert_eq!(s.bom_len(), 3);
        assert_eq!(s.original_offset(3), 6);
        assert_eq!(s.encode(s.text()).unwrap(), b);
    }

    #[test]
    fn windows_1252_offsets_are_exact() {
        // "café – x" in Windows-1252: é = E9, en dash = 96.
        let bytes = b"caf\xE9 \x96 x";
        let s = SourceText::decode(bytes, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(s.text(), "café – x");
        let x = s.text().find('x').unwrap();
        assert_eq!(s.original_offset(x), 7);
        let dash = s.text().find('–').unwrap();
        assert_eq!(s.original_offset(dash), 5);
        assert_eq!(s.original_offset(s.text().len()), bytes.len());
        check_roundtrip(bytes, encoding_rs::WINDOWS_1252);
    }

    #[test]
    fn shift_jis_and_euc_kr_offsets() {
        let (b, _, _) = encoding_rs::SHIFT_JIS.encode("東京 news");
        let s = SourceText::decode(&b, Some(encoding_rs::SHIFT_JIS));
        assert_eq!(s.text(), "東京 news");
        assert_eq!(s.original_offset(s.text().find('n').unwrap()), 5);
        let (b, _, _) = encoding_rs::EUC_KR.encode("서울 A");
        let s = SourceText::decode(&b, Some(encoding_rs::EUC_KR));
        assert_eq!(s.original_offset(s.text().find('A').unwrap()), 5);
    }

    #[test]
    fn utf16le_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        "Hi é"
            .encode_utf16()
            .for_each(|u| b.extend_from_slice(&u.to_le_bytes()));
        let s = SourceText::decode(&b, None);
        assert_eq!(s.text(), "Hi é");
        assert_eq!(s.original_offset(3), 2 + 6);
        assert_eq!(s.encode(s.text()).unwrap(), b);
    }

    #[test]
    fn malformed_bytes_are_located() {
        // Mostly UTF-8 with one stray byte, forced to UTF-8.
        let bytes = b"ab\xFFcd";
        let s = SourceText::decode(bytes, Some(UTF_8));
        assert_eq!(s.text(), "ab\u{FFFD}cd");
        assert_eq!(s.malformed()[0].original, (2, 3));
        assert_eq!(s.original_offset(s.text().find('c').unwrap()), 3);
    }

    #[test]
    fn detection_picks_a_legacy_encoding() {
        let text = "Le président a déclaré que l’économie française était très forte cette année.";
        let (b, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let s = SourceText::decode(&b, None);
        assert!(s.was_detected());
        assert_eq!(s.text(), text);
    }
}
