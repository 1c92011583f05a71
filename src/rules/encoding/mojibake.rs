use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1 (`cafÃ©`, `â€™`,
    /// `Â£45m`), also twice over (`ÃƒÂ©`), and repairs it by encoding the damaged characters back to
    /// bytes and decoding them as UTF-8. Only characters that form valid UTF-8 sequences are repaired,
    /// so legitimate accented text (`Größe`, `São Paulo`) and other scripts are never touched.
    ///
    /// ## Why is this bad
    /// Mojibake breaks search (`café` no longer matches), deduplication and tokenisers, and it is
    /// visible nonsense to readers. It usually comes from one wrong decoding step in a pipeline.
    ///
    /// ## Example
    /// ```text
    /// Tickets cost Â£12 at the cafÃ©.
    /// ```
    /// Use instead:
    /// ```text
    /// Tickets cost £12 at the café.
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the repair is the exact inverse of the damage (bytes re-read as UTF-8), applied only
    /// where that gives valid UTF-8 with fewer, non-control characters.
    pub fn mojibake_meta {
        code: "E103",
        name: "mojibake",
        family: Encoding,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct Mojibake(RuleMeta);

impl Default for Mojibake {
    fn default() -> Self {
        Self(mojibake_meta())
    }
}

/// The byte a char came from when it is the product of a single-byte decoding (Windows-1252 or
/// Latin-1) of a non-ASCII byte: Latin-1 maps U+0080–U+00FF to themselves, Windows-1252 puts 27
/// other characters at 0x80–0x9F.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Repair one pass: every run of chars whose bytes form valid multi-byte UTF-8 is replaced by the
/// decoded char. Returns `(byte range in s, replacement)` pairs.
fn repairs(s: &str, base: usize) -> Vec<(ByteSpan, String)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    // (span, repaired text, evident, 3-byte sequences that are not evident on their own)
    let mut out: Vec<(ByteSpan, String, bool, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(lead) = byte_of(chars[i].1) else {
            i += 1;
            continue;
        };
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => 0,
        };
        if need == 0 || i + need > chars.len() {
            i += 1;
            continue;
        }
        let mut bytes = vec![lead];
        for k in 1..need {
            match byte_of(chars[i + k].1) {
                Some(b) if (0x80..=0xBF).contains(&b) => bytes.push(b),
                _ => break,
            }
        }
        let decoded = (bytes.len() == need)
            .then(|| std::str::from_utf8(&bytes).ok())
            .flatten();
        match decoded {
            // A repaired control char would not be "less strange": leave it.
            Some(d) if !d.chars().any(char::is_control) => {
                let start = chars[i].0;
                let end = chars.get(i + need).map_or(s.len(), |c| c.0);
                let evident = self_evident(need, lead, d);
                // Merge with an adjacent repair so one finding covers a damaged word.
                match out.last_mut() {
                    Some((span, rep, ev, n)) if span.end == base + start => {
                        span.end = base + end;
                        rep.push_str(d);
                        *ev |= evident;
                        *n += usize::from(!evident);
                    }
                    _ => out.push((
                        ByteSpan::new(base + start, base + end),
                        d.to_string(),
                        evident,
                        usize::from(!evident),
                    )),
                }
                i += need;
            }
            _ => i += 1,
        }
    }
    // A lone three-byte sequence that decodes to a CJK or Indic character inside Latin text is
    // more likely three real letters (`é––`) than damage; damaged CJK comes in runs.
    out.into_iter()
        .filter(|(_, _, evident, others)| *evident || *others >= 2)
        .map(|(span, rep, _, _)| (span, rep))
        .collect()
}

/// Is this repaired sequence mojibake by itself? Two-byte sequences (`Ã©`, `Â£`), punctuation and
/// symbols behind a `â` (U+2000–U+2FFF), Vietnamese letters (U+1E00–U+1EFF) and four-byte
/// characters (emoji) are; other three-byte characters need company.
fn self_evident(need: usize, lead: u8, decoded: &str) -> bool {
    let c = decoded.chars().next().map_or(0, |c| c as u32);
    need == 2 || need == 4 || lead == 0xE2 || (0x1E00..=0x1EFF).contains(&c)
}

/// Repair `s` completely (damage applied twice over needs two passes).
pub fn repair(s: &str) -> String {
    let mut cur = s.to_string();
    for _ in 0..3 {
        let r = repairs(&cur, 0);
        if r.is_empty() {
            break;
        }
        let mut next = String::with_capacity(cur.len());
        let mut at = 0;
        for (span, rep) in r {
            next.push_str(&cur[at..span.start]);
            next.push_str(&rep);
            at = span.end;
        }
        next.push_str(&cur[at..]);
        cur = next;
    }
    cur
}

/// Could the text hold mojibake? Every damaged sequence starts with a char in U+00C2–U+00F4
/// (encoded `C3 82`–`C3 B4`) followed by another non-ASCII char: look for those bytes before doing
/// any work (a legitimate `é` is nearly always followed by ASCII).
fn has_lead(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xC3, b).any(|i| {
        b.get(i + 1).is_some_and(|n| (0x82..=0xB4).contains(n))
            && b.get(i + 2).is_some_and(|&n| n >= 0xC2)
    })
}

impl Rule for Mojibake {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        if !has_lead(text) {
            return;
        }
        for (span, _) in repairs(text, 0) {
            let damaged = span.slice(text);
            let fixed = repair(damaged);
            sink.report(
                span,
                format!(
                    "mojibake: `{damaged}` is UTF-8 read as Windows-1252; it should read `{fixed}`"
                ),
            )
            .help("re-read the bytes as UTF-8")
            .fix(Fix::replace(
                Applicability::Safe,
                format!("Repair to `{fixed}`"),
                span,
                fixed,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn damage(s: &str) -> String {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    fn found(text: &str) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        Mojibake::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter()
            .map(|d| {
                (
                    d.span.slice(text).to_string(),
                    d.fix.as_ref().unwrap().edits[0].replacement.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn repairs_single_and_double_damage() {
        assert_eq!(
            found("Tickets cost Â£12 at the cafÃ©."),
            vec![("Â£".into(), "£".into()), ("Ã©".into(), "é".into())]
        );
        assert_eq!(
            found(&damage("“Yes,” she said")),
            vec![(damage("“"), "“".into()), (damage("”"), "”".into())]
        );
        let twice = damage(&damage("café"));
        assert_eq!(repair(&twice), "café");
        assert_eq!(found(&twice).len(), 1);
    }

    #[test]
    fn legitimate_text_is_never_touched() {
        assert!(found("é–– and è…” — à‚x").is_empty());
        assert_eq!(repair(&damage("東京 and 서울")), "東京 and 서울");
        for t in [
            "Größe und Maaß",
            "São Paulo, Ñuñoa",
            "İstanbul ve Şırnak",
            "Nguyễn Thị Ánh ở Hà Nội",
            "Αθήνα",
            "Москва",
            "القاهرة",
            "北京と東京",
            "20°C × 3 = 60 €",
            "“quoted” — ‘single’ … £5",
            "À la carte: Ça va",
        ] {
            assert!(found(t).is_empty(), "{t}");
        }
    }
}
