//! Sentence boundaries for news text.
//!
//! A boundary is a `.`, `!`, `?` or ellipsis, optionally followed by closing quotes or brackets, then
//! whitespace, then something that can open a sentence (an uppercase letter, a digit, an opening quote
//! or a dash). It is not a boundary after a known abbreviation (`Lt.`, `Col.`, `Dr.`, `Jan.`), after a
//! single initial (`J. Smith`), or after a dotted acronym (`U.S.`) unless the next word is a common
//! sentence opener. No whitespace after the stop means no boundary (`U.K.-based`, `1.13bn`, URLs).

/// Abbreviations that end in a full stop and rarely end a sentence (compared case-sensitively).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj",
    "Capt", "Cmdr", "Cdr", "Sgt", "Cpl", "Pvt", "Adm", "Brig", "Rev", "Hon", "Pres", "Supt",
    "Insp", "Det", "Fr", "St", "Mt", "Ft", "Jr", "Sr", "No", "Nos", "vs", "v", "etc", "approx",
    "est", "Inc", "Corp", "Ltd", "Co", "Bros", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
    "Sat", "Sun", "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn", "Fig", "p", "pp", "ca", "cf", "al",
    "Gens", "Reps", "Sens",
];

/// Capitalised words that commonly open a sentence after a dotted acronym (`... the U.S. The ...`).
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "After",
    "Before",
    "As",
    "When",
    "While",
    "If",
    "Yet",
    "So",
    "For",
    "Meanwhile",
    "However",
    "Some",
    "Many",
    "Officials",
];

static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

#[inline]
fn can_open(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || matches!(
            c,
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '–' | '—' | '-' | '¿' | '¡'
        )
        || (!c.is_ascii() && c.is_alphabetic() && !c.is_lowercase())
}

/// The word (letters, digits and inner dots) that ends at byte `end` of `text`, within `[lo, end)`.
fn word_before(text: &str, lo: usize, end: usize) -> &str {
    let s = &text[lo..end];
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &s[start..]
}

fn next_word(text: &str, from: usize, hi: usize) -> &str {
    let s = &text[from..hi];
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    &s[..end]
}

/// Is the stop at `dot` (a `.`) part of an abbreviation, initial or acronym that does not end
/// the sentence, given the sentence would continue at `next`?
fn abbreviation_blocks(text: &str, lo: usize, dot: usize, next: usize, hi: usize) -> bool {
    let word = word_before(text, lo, dot);
    if word.is_empty() {
        return false;
    }
    // Abbreviations are short: most words are rejected by length before any comparison.
    if word.len() <= 6 && ABBREVIATIONS.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    let first = chars.next().expect("non-empty");
    // A single capital initial: `J. K. Rowling`, `Lt. Col. A. Hassan`.
    if word.len() == first.len_utf8() && first.is_uppercase() {
        return true;
    }
    // A dotted acronym such as `U.S` (the final dot is `dot`): a boundary only before an opener.
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2) {
        return !OPENERS.contains(&next_word(text, next, hi));
    }
    false
}

/// Push the sentence spans of `text[lo..hi]` (absolute byte offsets), trimmed of whitespace.
pub fn split(text: &str, lo: usize, hi: usize, out: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut start = lo;
    let mut i = lo;
    // Next `…` at or after `i`, searched again only once we have passed it.
    let mut next_ellipsis = 0usize;
    let mut searched = false;
    while i < hi {
        // Jump to the next candidate stop with memchr instead of walking every char.
        if !searched || next_ellipsis < i {
            next_ellipsis = ELLIPSIS.find(&bytes[i..hi]).map_or(usize::MAX, |k| i + k);
            searched = true;
        }
        let ascii_stop =
            memchr::memchr3(b'.', b'!', b'?', &bytes[i..hi]).map_or(usize::MAX, |k| i + k);
        let at = ascii_stop.min(next_ellipsis);
        if at == usize::MAX {
            break;
        }
        i = at;
        let c = if bytes[i] < 0x80 {
            bytes[i] as char
        } else {
            '…'
        };
        let len = c.len_utf8();
        // Swallow a run of stops (`...`, `?!`) and closing quotes/brackets.
        let mut j = i + len;
        while j < hi {
            let c2 = text[j..].chars().next().expect("char boundary");
            if matches!(c2, '.' | '!' | '?' | '…') || is_closer(c2) {
                j += c2.len_utf8();
            } else {
                break;
            }
        }
        // Require whitespace, then a sentence opener.
        let mut k = j;
        let mut saw_space = false;
        while k < hi {
            let c2 = text[k..].chars().next().expect("char boundary");
            if c2.is_whitespace() {
                saw_space = true;
                k += c2.len_utf8();
            } else {
                break;
            }
        }
        let boundary = if k >= hi {
            true
        } else if !saw_space {
            false
        } else {
            let next = text[k..].chars().next().expect("char boundary");
            can_open(next)
                && !(c == '.' && j == i + 1 && abbreviation_blocks(text, start, i, k, hi))
        };
        if boundary {
            push_trimmed(text, start, j, out);
            start = k;
            i = k;
        } else {
            i = j;
        }
    }
    push_trimmed(text, start, hi, out);
}

fn push_trimmed(text: &str, lo: usize, hi: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[lo..hi];
    let trimmed_start = s.len() - s.trim_start().len();
    let trimmed_end = s.trim_end().len();
    if trimmed_end > trimmed_start {
        out.push((lo + trimmed_start, lo + trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split(text, 0, text.len(), &mut v);
        v.into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn survives_news_abbreviations() {
        assert_eq!(
            sentences("Lt. Col. Omar Haddad of the U.K.-based group spoke. Dr. Lina Park agreed."),
            vec![
                "Lt. Col. Omar Haddad of the U.K.-based group spoke.",
                "Dr. Lina Park agreed."
            ]
        );
        assert_eq!(
            sentences("Sales rose to $1.13bn in Jan. 2023. J. R. Mendes left."),
            vec!["Sales rose to $1.13bn in Jan. 2023.", "J. R. Mendes left."]
        );
    }

    #[test]
    fn dotted_acronyms() {
        assert_eq!(
            sentences("U.S. officials met in the U.S. The talks ended."),
            vec!["U.S. officials met in the U.S.", "The talks ended."]
        );
    }

    #[test]
    fn quotations_and_ellipses() {
        assert_eq!(
            sentences("“We will stay,” she said. “It is over.” Then the rain came... Nobody left."),
            vec![
                "“We will stay,” she said.",
                "“It is over.”",
                "Then the rain came...",
                "Nobody left."
            ]
        );
        assert_eq!(
            sentences("“Is it over?” he asked. It was."),
            vec!["“Is it over?” he asked.", "It was."]
        );
    }

    #[test]
    fn headline_without_stop() {
        assert_eq!(
            sentences("Markets rally as rates hold"),
            vec!["Markets rally as rates hold"]
        );
    }
}
