//! JSON Lines records: each text field of a record is a document, with an exact map from the
//! decoded field text back to the raw bytes of its line, through JSON escapes.

use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;

/// Maps decoded-string byte offsets to raw byte offsets inside a JSON string literal.
///
/// Between escapes the two advance together (JSON strings hold UTF-8 verbatim); each escape
/// (`\n`, `\"`, `\u00e9`, a surrogate pair) adds a checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EscapeMap {
    /// `(decoded offset, raw offset)`, both relative to the literal's content (after the opening
    /// quote), increasing. Always starts with `(0, 0)`.
    checkpoints: Vec<(u32, u32)>,
}

impl EscapeMap {
    /// The map of an empty literal.
    pub fn empty() -> Self {
        Self {
            checkpoints: vec![(0, 0)],
        }
    }

    /// The raw offset (after the opening quote) of a decoded offset on a char boundary.
    pub fn raw_offset(&self, decoded: usize) -> usize {
        let d = decoded as u32;
        let i = match self.checkpoints.binary_search_by_key(&d, |c| c.0) {
            // Several checkpoints can share a decoded offset only at the end; take the first.
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let (cd, cr) = self.checkpoints[i];
        (cr + (d - cd)) as usize
    }
}

/// Why a JSON string literal could not be decoded (serde_json validated it, so only on bugs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLiteral;

fn hex4(b: &[u8]) -> Option<u32> {
    let s = std::str::from_utf8(b.get(..4)?).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// Decode a JSON string literal (quotes included) into its text and escape map.
pub fn unescape(literal: &str) -> Result<(String, EscapeMap), BadLiteral> {
    let b = literal.as_bytes();
    if b.len() < 2 || b[0] != b'"' || b[b.len() - 1] != b'"' {
        return Err(BadLiteral);
    }
    let content = &literal[1..literal.len() - 1];
    let cb = content.as_bytes();
    let mut out = String::with_capacity(content.len());
    let mut map = EscapeMap {
        checkpoints: vec![(0, 0)],
    };
    let mut i = 0;
    while i < cb.len() {
        let Some(k) = memchr::memchr(b'\\', &cb[i..]) else {
            out.push_str(&content[i..]);
            break;
        };
        out.push_str(&content[i..i + k]);
        i += k;
        let (c, raw_len) = match cb.get(i + 1).ok_or(BadLiteral)? {
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'b' => ('\u{8}', 2),
            b'f' => ('\u{c}', 2),
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'u' => {
                let hi = hex4(&cb[i + 2..]).ok_or(BadLiteral)?;
                if (0xD800..0xDC00).contains(&hi) {
                    // A surrogate pair: `\uD83D\uDE00`; a lone surrogate becomes U+FFFD.
                    let lo = (cb.get(i + 6..i + 8) == Some(b"\\u"))
                        .then(|| hex4(&cb[i + 8..]))
                        .flatten()
                        .filter(|lo| (0xDC00..0xE000).contains(lo));
                    match lo {
                        Some(lo) => {
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            (char::from_u32(cp).ok_or(BadLiteral)?, 12)
                        }
                        None => ('\u{FFFD}', 6),
                    }
                } else {
                    (char::from_u32(hi).unwrap_or('\u{FFFD}'), 6)
                }
            }
            _ => return Err(BadLiteral),
        };
        map.checkpoints.push((out.len() as u32, i as u32));
        out.push(c);
        i += raw_len;
        map.checkpoints.push((out.len() as u32, i as u32));
    }
    Ok((out, map))
}

/// One text field of a record, ready to lint.
#[derive(Debug, Clone)]
pub struct FieldText {
    /// The field's dotted path, as given.
    pub name: String,
    /// Byte range of the string literal (quotes included) in the record line.
    pub literal: std::ops::Range<usize>,
    pub text: String,
    pub map: EscapeMap,
    /// Not decoded yet: a literal too long to decode whole (see [`parse_record_deferring`]);
    /// `text` is empty and the literal is read in pieces ([`literal_pieces`]).
    pub deferred: bool,
}

impl FieldText {
    /// Byte offset in the record line of a decoded offset.
    pub fn line_offset(&self, decoded: usize) -> usize {
        self.literal.start + 1 + self.map.raw_offset(decoded)
    }

    /// Does the field's literal in `line` write non-ASCII chars as `\uXXXX` escapes (the style
    /// its new text keeps)?
    pub fn ascii_only(&self, line: &str) -> bool {
        let original = &line[self.literal.clone()];
        original.is_ascii() && original.contains("\\u")
    }
}

/// A parsed record: its text fields, its id and (from [`parse_record_sourced`]) its source.
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub fields: Vec<FieldText>,
    /// Indices (into the requested fields) of the text fields the record does not have at all
    /// (a `null` field is present, and empty).
    pub missing: Vec<usize>,
    pub id: Option<String>,
    /// The outlet or site the record comes from: its source field, else its `url`'s host.
    pub source: Option<String>,
}

/// Why a record line could not be used, with the byte offset in the line where it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub message: String,
    pub at: usize,
}

type Object<'a> = HashMap<Cow<'a, str>, &'a RawValue>;

/// The raw value at a dotted path (`article.body`) of a record, if present.
fn lookup<'a>(top: &Object<'a>, path: &str) -> Option<&'a RawValue> {
    let mut parts = path.split('.');
    let mut raw = *top.get(parts.next()?)?;
    for p in parts {
        let obj: Object<'a> = serde_json::from_str(raw.get()).ok()?;
        raw = *obj.get(p)?;
    }
    Some(raw)
}

/// Parse one record line (no line terminator) and extract `fields` (dotted paths) and `id_field`.
/// Missing or `null` fields are skipped; a field that is present but not a string is an error.
pub fn parse_record(
    line: &str,
    fields: &[String],
    id_field: Option<&str>,
) -> Result<Record, RecordError> {
    parse(line, fields, id_field, None, NEVER)
}

/// [`parse_record`], also finding the record's source: the value of `source_field` (a dotted
/// path) when present and not empty, else the host of a `url` field.
pub fn parse_record_sourced(
    line: &str,
    fields: &[String],
    id_field: Option<&str>,
    source_field: Option<&str>,
) -> Result<Record, RecordError> {
    parse(line, fields, id_field, Some(source_field), NEVER)
}

/// No field is deferred.
const NEVER: Limits = Limits {
    bytes: usize::MAX,
    lines: usize::MAX,
};

/// How long a text field may be before it is read in pieces, and how long a piece may be: in
/// bytes of the raw literal, and in lines (its `\n` escapes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub bytes: usize,
    pub lines: usize,
}

/// The offsets (in `raw`, the inside of a JSON string literal) of its `\n` escapes, each after
/// the one before: escapes are read in order, so `\\n` (an escaped backslash, then `n`) is not one.
fn newline_escapes(raw: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let i = at + memchr::memchr(b'\\', raw.get(at..)?)?;
            let next = raw.get(i + 1).copied();
            at = i + if next == Some(b'u') { 6 } else { 2 };
            if next == Some(b'n') {
                return Some(i);
            }
        }
    })
}

/// [`parse_record_sourced`], leaving undecoded (`deferred`) every text field whose literal is
/// longer than `defer` allows (in bytes or in lines), so that a record holding a whole flattened
/// dump is never decoded whole: its pieces are, one at a time ([`literal_pieces`]).
pub fn parse_record_deferring(
    line: &str,
    fields: &[String],
    id_field: Option<&str>,
    source_field: Option<&str>,
    defer: Limits,
) -> Result<Record, RecordError> {
    parse(line, fields, id_field, Some(source_field), defer)
}

/// The pieces of a deferred field's literal in `line`, each decoded on its own into a
/// [`FieldText`] whose offsets map into `line` exactly as the whole field's would. A piece ends
/// after a space of the raw literal (never inside an escape) near `piece.bytes` bytes, or runs on
/// to the next space when half a piece holds none, and after at most `piece.lines` `\n` escapes.
pub fn literal_pieces<'a>(
    line: &'a str,
    field: &'a FieldText,
    piece: Limits,
) -> impl Iterator<Item = FieldText> + 'a {
    let target = piece.bytes;
    let content = field.literal.start + 1..field.literal.end - 1;
    let mut at = content.start;
    std::iter::from_fn(move || {
        if at >= content.end {
            return None;
        }
        let b = line.as_bytes();
        let end = if content.end - at <= target {
            content.end
        } else {
            let window = &b[at + target / 2..at + target];
            match memchr::memrchr(b' ', window) {
                Some(i) => at + target / 2 + i + 1,
                None => memchr::memchr(b' ', &b[at + target..content.end])
                    .map_or(content.end, |i| at + target + i + 1),
            }
        };
        // At most `piece.lines` lines: after the last `\n` escape they allow.
        let end = newline_escapes(&b[at..end])
            .nth(piece.lines.saturating_sub(1))
            .map_or(end, |i| at + i + 2)
            .min(end);
        let piece = &line[at..end];
        let mut quoted = String::with_capacity(piece.len() + 2);
        quoted.push('"');
        quoted.push_str(piece);
        quoted.push('"');
        // The whole literal was validated as JSON; a piece cut after a space is a literal too.
        let (text, map) = unescape(&quoted).unwrap_or_else(|_| (String::new(), EscapeMap::empty()));
        let out = FieldText {
            name: field.name.clone(),
            literal: at - 1..end + 1,
            text,
            map,
            deferred: false,
        };
        at = end;
        Some(out)
    })
}

/// A JSON value as text: a string's content, anything else as written.
fn value_text(raw: &RawValue) -> String {
    let s = raw.get();
    match serde_json::from_str::<String>(s) {
        Ok(v) => v,
        Err(_) => s.to_string(),
    }
}

/// The host of an absolute URL (`https://www.example.test:8080/a` -> `example.test`), lowercase,
/// without a `www.` prefix.
pub fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            rest
        }
        _ => url.strip_prefix("//")?,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

/// `source`: `None` when the source is not wanted, else the source field (if any).
fn parse(
    line: &str,
    fields: &[String],
    id_field: Option<&str>,
    source: Option<Option<&str>>,
    defer: Limits,
) -> Result<Record, RecordError> {
    let top: Object<'_> = serde_json::from_str(line).map_err(|e| {
        // serde_json columns are 1-based bytes on the (single) line.
        let at = e.column().saturating_sub(1).min(line.len());
        // serde_json ends its messages with its own position; ours is exact and given separately.
        let e = e.to_string();
        let e = e
            .rfind(" at line ")
            .map_or(e.as_str(), |i| &e[..i])
            .to_string();
        let message = if line.trim_start().starts_with(['{']) {
            format!("malformed JSON record: {e}")
        } else {
            format!("record is not a JSON object: {e}")
        };
        RecordError { message, at }
    })?;
    let base = line.as_ptr() as usize;
    let mut rec = Record::default();
    for (k, name) in fields.iter().enumerate() {
        let Some(raw) = lookup(&top, name) else {
            rec.missing.push(k);
            continue;
        };
        let s = raw.get();
        let start = s.as_ptr() as usize - base;
        if s == "null" {
            continue;
        }
        if !s.starts_with('"') {
            return Err(RecordError {
                message: format!("text field `{name}` is not a string"),
                at: start,
            });
        }
        let deferred = s.len() > defer.bytes
            || (defer.lines < usize::MAX
                && newline_escapes(s.as_bytes()).nth(defer.lines).is_some());
        let (text, map) = if deferred {
            (String::new(), EscapeMap::empty())
        } else {
            unescape(s).map_err(|_| RecordError {
                message: format!("text field `{name}` is not a valid JSON string"),
                at: start,
            })?
        };
        rec.fields.push(FieldText {
            name: name.clone(),
            literal: start..start + s.len(),
            text,
            map,
            deferred,
        });
    }
    if let Some(idf) = id_field
        && let Some(raw) = lookup(&top, idf)
    {
        rec.id = Some(value_text(raw));
    }
    if let Some(source_field) = source {
        rec.source = source_field
            .and_then(|f| lookup(&top, f))
            .filter(|raw| raw.get() != "null")
            .map(value_text)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .or_else(|| {
                lookup(&top, "url")
                    .and_then(|raw| serde_json::from_str::<String>(raw.get()).ok())
                    .and_then(|u| url_host(&u))
            });
    }
    Ok(rec)
}

/// The default dotted path of a record's ignore list: `{"newslint": {"ignore": ["S103"]}}`.
pub const IGNORE_FIELD: &str = "newslint.ignore";

/// The rule selectors of a record's ignore list at dotted path `field`, each with its byte range
/// in the line: a list of strings, or one string of selectors separated by commas or spaces.
/// Empty (cheaply, without parsing) when the line does not name the field's first key.
pub fn ignore_list(
    line: &str,
    field: &str,
) -> Result<Vec<(std::ops::Range<usize>, String)>, RecordError> {
    let first = field.split('.').next().unwrap_or(field);
    let quoted = format!("\"{first}\"");
    if memchr::memmem::find(line.as_bytes(), quoted.as_bytes()).is_none() {
        return Ok(Vec::new());
    }
    let Ok(top) = serde_json::from_str::<Object<'_>>(line) else {
        return Ok(Vec::new());
    };
    let Some(raw) = lookup(&top, field) else {
        return Ok(Vec::new());
    };
    let base = line.as_ptr() as usize;
    let at = |r: &RawValue| r.get().as_ptr() as usize - base;
    let bad = |r: &RawValue| RecordError {
        message: format!("`{field}` must be a list of rule codes or names"),
        at: at(r),
    };
    let mut out = Vec::new();
    // One string: its selectors, each at its own place when the literal has no escapes.
    let split = |r: &RawValue, out: &mut Vec<(std::ops::Range<usize>, String)>| {
        let lit = r.get();
        let start = at(r);
        let value: String = serde_json::from_str(lit).map_err(|_| bad(r))?;
        if lit.contains('\\') {
            out.extend(
                value
                    .split([',', ' '])
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (start..start + lit.len(), t.trim().to_string())),
            );
            return Ok(());
        }
        let inner = &lit[1..lit.len() - 1];
        let mut pos = 0;
        for t in inner.split([',', ' ']) {
            let here = pos;
            pos += t.len() + 1;
            let trimmed = t.trim();
            if !trimmed.is_empty() {
                let lead = t.len() - t.trim_start().len();
                let a = start + 1 + here + lead;
                out.push((a..a + trimmed.len(), trimmed.to_string()));
            }
        }
        Ok(())
    };
    match raw.get().as_bytes().first() {
        Some(b'"') => split(raw, &mut out)?,
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(raw.get()).map_err(|_| bad(raw))?;
            for item in items {
                if !item.get().starts_with('"') {
                    return Err(bad(item));
                }
                split(item, &mut out)?;
            }
        }
        _ if raw.get() == "null" => {}
        _ => return Err(bad(raw)),
    }
    Ok(out)
}

/// `text` as a JSON string literal. With `ascii_only`, non-ASCII chars are written as `\uXXXX`
/// escapes (surrogate pairs beyond the BMP), the style of writers such as Python's `json.dumps`.
pub fn json_literal(text: &str, ascii_only: bool) -> String {
    let lit = serde_json::to_string(text).expect("a string serialises");
    if !ascii_only || lit.is_ascii() {
        return lit;
    }
    let mut out = String::with_capacity(lit.len() + 16);
    for c in lit.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u16; 2];
            for u in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

/// `text` escaped as inside a JSON string literal (the literal without its quotes), in the style
/// of [`json_literal`]: JSON's escapes are per character, so a piece of a field can be escaped on
/// its own.
pub fn json_escaped(text: &str, ascii_only: bool) -> String {
    let lit = json_literal(text, ascii_only);
    lit[1..lit.len() - 1].to_string()
}

/// The record line with one field's string replaced by `new_text`, re-serialised in the style of
/// the original literal (ASCII-only escapes kept); every other byte of the line is kept.
pub fn replace_field(line: &str, field: &FieldText, new_text: &str) -> String {
    let lit = json_literal(new_text, field.ascii_only(line));
    let mut out = String::with_capacity(line.len() + lit.len());
    out.push_str(&line[..field.literal.start]);
    out.push_str(&lit);
    out.push_str(&line[field.literal.end..]);
    out
}

/// The record line with one field's string changed to `new_text` where `regions` say
/// (`(range of the field's text, range of new_text)`, in order, as [`crate::fix::Changes`] gives
/// them): only those pieces are escaped anew; every other byte of the literal is kept, escapes
/// and all (`\/`, `\u00e9`, a lone surrogate's `\ud800`). When the regions do not describe
/// `new_text` (the text between them differs) the whole literal is re-serialised.
pub fn replace_field_regions(
    line: &str,
    field: &FieldText,
    new_text: &str,
    regions: &[(std::ops::Range<usize>, std::ops::Range<usize>)],
) -> String {
    let old = field.text.as_str();
    let (mut at_o, mut at_n) = (0, 0);
    let mut fits = true;
    for (o, n) in regions {
        let inside = o.start >= at_o
            && n.start >= at_n
            && o.end >= o.start
            && n.end >= n.start
            && old.get(o.clone()).is_some()
            && new_text.get(n.clone()).is_some();
        if !inside || old[at_o..o.start] != new_text[at_n..n.start] {
            fits = false;
            break;
        }
        (at_o, at_n) = (o.end, n.end);
    }
    if !fits || old.get(at_o..) != new_text.get(at_n..) {
        return replace_field(line, field, new_text);
    }
    let ascii_only = field.ascii_only(line);
    let content = field.literal.start + 1;
    let raw = |decoded: usize| content + field.map.raw_offset(decoded);
    let mut out = String::with_capacity(line.len() + 16);
    out.push_str(&line[..content]);
    let mut at_o = 0;
    for (o, n) in regions {
        out.push_str(&line[raw(at_o)..raw(o.start)]);
        out.push_str(&json_escaped(&new_text[n.clone()], ascii_only));
        at_o = o.end;
    }
    out.push_str(&line[raw(at_o)..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ignore_lists_give_each_selector_its_place() {
        let line = r#"{"text": "x", "newslint": {"ignore": ["S103", "A106, E1"]}}"#;
        let got = ignore_list(line, IGNORE_FIELD).unwrap();
        let names: Vec<&str> = got.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(names, ["S103", "A106", "E1"]);
        for (r, s) in &got {
            assert_eq!(&line[r.clone()], s);
        }
        let line = r#"{"text": "x", "meta": {"skip": "S103 S101"}}"#;
        let got = ignore_list(line, "meta.skip").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(&line[got[1].0.clone()], "S101");
        assert!(ignore_list(r#"{"newslint": {"ignore": [3]}}"#, IGNORE_FIELD).is_err());
        assert!(ignore_list(r#"{"newslint": {"ignore": 3}}"#, IGNORE_FIELD).is_err());
        assert_eq!(
            ignore_list(r#"{"text": "newslint"}"#, IGNORE_FIELD),
            Ok(vec![])
        );
    }

    #[test]
    fn newline_escapes_are_read_in_order() {
        let raw = br#"a\nb\\nc\u005cn\n"#;
        let at: Vec<usize> = newline_escapes(raw).collect();
        // `\n` at 1 and at the end; `\\n` is a backslash then `n`, `\u005c` a backslash.
        assert_eq!(at, [1, raw.len() - 2]);
    }

    #[test]
    fn escapes_map_back_exactly() {
        let line = r#"{"id": 7, "text": "Caf\u00e9 \"Nord\"\nShare\ud83d\ude00 end", "n": null}"#;
        let rec = parse_record(
            line,
            &["text".into(), "n".into(), "missing".into()],
            Some("id"),
        )
        .unwrap();
        assert_eq!(rec.id.as_deref(), Some("7"));
        assert_eq!(rec.fields.len(), 1);
        let f = &rec.fields[0];
        assert_eq!(f.text, "Café \"Nord\"\nShare😀 end");
        let share = f.text.find("Share").unwrap();
        assert_eq!(
            &line[f.line_offset(share)..f.line_offset(share + 5)],
            "Share"
        );
        let nord = f.text.find("\"Nord").unwrap();
        assert_eq!(&line[f.line_offset(nord)..f.line_offset(nord + 1)], "\\\"");
        let end = f.text.find("end").unwrap();
        assert_eq!(
            &line[f.line_offset(end)..f.line_offset(f.text.len())],
            "end"
        );
    }

    #[test]
    fn sources_from_a_field_or_the_url_host() {
        let fields = ["text".to_string()];
        let src = |line: &str, f: Option<&str>| {
            parse_record_sourced(line, &fields, None, f).unwrap().source
        };
        let line = r#"{"text": "x", "site": "Harbour Ledger", "url": "https://www.harbour-ledger.test:8443/a?b#c"}"#;
        assert_eq!(src(line, Some("site")).as_deref(), Some("Harbour Ledger"));
        assert_eq!(src(line, None).as_deref(), Some("harbour-ledger.test"));
        assert_eq!(
            src(line, Some("outlet")).as_deref(),
            Some("harbour-ledger.test")
        );
        assert_eq!(src(r#"{"text": "x", "site": " "}"#, Some("site")), None);
        assert_eq!(
            src(r#"{"text": "x", "meta": {"site": 7}}"#, Some("meta.site")).as_deref(),
            Some("7")
        );
        assert_eq!(parse_record(line, &fields, None).unwrap().source, None);
        assert_eq!(url_host("http://user@[::1]:80/").as_deref(), Some("::1"));
        assert_eq!(
            url_host("//cdn.Example.test/x").as_deref(),
            Some("cdn.example.test")
        );
        assert_eq!(url_host("example.test/a"), None);
        assert_eq!(url_host("https:///path"), None);
        assert_eq!(url_host("mailto:a@b.test"), None);
    }

    #[test]
    fn dotted_paths_and_errors() {
        let line = r#"{"article": {"body": "Text here", "title": 3}}"#;
        let rec = parse_record(line, &["article.body".into()], None).unwrap();
        assert_eq!(rec.fields[0].text, "Text here");
        let e = parse_record(line, &["article.title".into()], None).unwrap_err();
        assert!(e.message.contains("not a string"));
        let e = parse_record(r#"{"text": "unterminated}"#, &["text".into()], None).unwrap_err();
        assert!(e.message.contains("malformed"));
        assert!(
            parse_record("[1, 2]", &["text".into()], None)
                .unwrap_err()
                .message
                .contains("not a JSON object")
        );
    }

    #[test]
    fn replacing_a_field_keeps_every_other_byte() {
        let line = r#"{"a":1,  "text" : "x\nShare\ny", "z": [true]}"#;
        let rec = parse_record(line, &["text".into()], None).unwrap();
        let out = replace_field(line, &rec.fields[0], "x\ny");
        assert_eq!(out, r#"{"a":1,  "text" : "x\ny", "z": [true]}"#);
        // A writer that escapes non-ASCII keeps its style.
        let line = r#"{"text": "Caf\u00e9\nShare\n\ud83d\ude00"}"#;
        let rec = parse_record(line, &["text".into()], None).unwrap();
        let out = replace_field(line, &rec.fields[0], "Café\n😀");
        assert_eq!(out, r#"{"text": "Caf\u00e9\n\ud83d\ude00"}"#);
    }

    proptest! {
        /// The decoded text equals serde_json's, and every char boundary maps to the raw bytes
        /// that decode to that char.
        #[test]
        fn unescape_agrees_with_serde_json(s in "[a-zé\"\\\\/\n\t\r\u{1}😀’ ]{0,30}") {
            let literal = serde_json::to_string(&s).unwrap();
            let (text, map) = unescape(&literal).unwrap();
            prop_assert_eq!(&text, &s);
            for (off, c) in text.char_indices() {
                let a = 1 + map.raw_offset(off);
                let b = 1 + map.raw_offset(off + c.len_utf8());
                let piece: String = serde_json::from_str(&format!("\"{}\"", &literal[a..b])).unwrap();
                prop_assert_eq!(piece, c.to_string());
            }
        }

        /// A fix re-escapes only what it changed: every raw byte of the literal outside the
        /// changed regions is kept (lone surrogates, `\/`, `\u00e9` included), and the new
        /// line decodes to the new text.
        #[test]
        fn replacing_regions_keeps_the_bytes_around_them(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("a"), Just("b c"), Just("é"), Just("\\/"), Just("\\u00e9"),
                    Just("\\ud800"), Just("\\n"), Just("\\\""), Just("\\ud83d\\ude00"),
                ],
                0..12,
            ),
            edits in proptest::collection::vec((0usize..40, 0usize..3, "[xyé\"\n]{0,3}"), 0..4),
        ) {
            let content: String = pieces.concat();
            let line = format!("{{\"id\": 1, \"text\": \"{content}\", \"n\": 2}}");
            let rec = parse_record(&line, &["text".into()], None).unwrap();
            let f = &rec.fields[0];
            let bounds: Vec<usize> = f.text.char_indices().map(|(i, _)| i).chain([f.text.len()]).collect();
            // Non-overlapping edits at char boundaries of the decoded text, in order.
            let mut regions = Vec::new();
            let mut new_text = String::new();
            let (mut at, mut k) = (0usize, 0usize);
            let mut edits = edits;
            edits.sort_by_key(|e| e.0);
            for (start, len, rep) in edits {
                let a = bounds[(start % bounds.len()).max(k)];
                let kb = (bounds.iter().position(|&b| b == a).unwrap() + len).min(bounds.len() - 1);
                let b = bounds[kb];
                if a < at { continue; }
                new_text.push_str(&f.text[at..a]);
                let n0 = new_text.len();
                new_text.push_str(&rep);
                regions.push((a..b, n0..new_text.len()));
                (at, k) = (b, kb);
            }
            new_text.push_str(&f.text[at..]);
            let out = replace_field_regions(&line, f, &new_text, &regions);
            let again = parse_record(&out, &["text".into()], None).unwrap();
            prop_assert_eq!(&again.fields[0].text, &new_text);
            // The raw pieces between the regions appear, in order, unchanged.
            let raw = |d: usize| f.literal.start + 1 + f.map.raw_offset(d);
            let mut pos = 0;
            let mut at_o = 0;
            for (o, _) in regions.iter().chain([&(f.text.len()..f.text.len(), 0..0)]) {
                let piece = &line[raw(at_o)..raw(o.start)];
                let found = out[pos..].find(piece);
                prop_assert!(found.is_some(), "{piece:?} kept in {out}");
                pos += found.unwrap() + piece.len();
                at_o = o.end;
            }
            prop_assert!(out.starts_with(&line[..raw(regions.first().map_or(f.text.len(), |r| r.0.start))]));
            prop_assert!(out.ends_with(&line[raw(regions.last().map_or(0, |r| r.0.end))..]));
        }

        /// A deferred field read in pieces gives the whole field's text, and every piece maps
        /// each of its chars to the same bytes of the line as the whole field does.
        #[test]
        fn literal_pieces_decode_and_map_as_the_whole_field(
            s in "[a-zé\"\\\\/\n\t😀’ ]{0,300}",
            target in 4usize..40,
            lines_per_piece in 1usize..4,
        ) {
            let line = format!("{{\"text\": {}}}", serde_json::to_string(&s).unwrap());
            let whole = parse_record(&line, &["text".into()], None).unwrap();
            let limits = Limits { bytes: target, lines: lines_per_piece };
            let deferred = parse_record_deferring(
                &line, &["text".into()], None, None, Limits { bytes: 0, lines: usize::MAX },
            ).unwrap();
            let (w, d) = (&whole.fields[0], &deferred.fields[0]);
            prop_assert!(d.deferred && d.text.is_empty());
            let mut at = 0;
            for piece in literal_pieces(&line, d, limits) {
                prop_assert!(piece.text.matches('\n').count() <= lines_per_piece);
                for (off, c) in piece.text.char_indices() {
                    prop_assert_eq!(piece.line_offset(off), w.line_offset(at + off));
                    prop_assert_eq!(
                        piece.line_offset(off + c.len_utf8()),
                        w.line_offset(at + off + c.len_utf8())
                    );
                }
                prop_assert_eq!(&piece.text, &w.text[at..at + piece.text.len()]);
                at += piece.text.len();
            }
            prop_assert_eq!(at, w.text.len());
        }
    }
}
