//! Name mentions: capitalised word sequences with their particles, read from the shared tokens.
//!
//! A mention is a run of capitalised words joined by single spaces, with the particles of
//! Arabic, Romance, Germanic and Dutch names inside it (`Bashar al-Assad`, `Osama bin Laden`,
//! `Charles de Gaulle`, `al Qaeda`). Titles and function words that open a run are dropped
//! (`President`, `The`, `In`); possessives (`Assad's`) and hyphenated lowercase tails
//! (`Kremlin-backed`) are cut off; a lowercase prefix that is not a particle (`pro-`, `anti-`) is
//! cut too. A single capitalised word that opens a sentence is not taken for a name by itself.
//! Words in capitals are acronyms (`SOHR`), kept apart: they are looked up, never fuzzily grouped.

use crate::ByteSpan;
use crate::document::{Document, TokenFlags};

/// What kind of mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    /// Capitalised words with particles.
    Name,
    /// A word of 2 to 6 capitals.
    Acronym,
    /// A brand's own casing that starts in a small letter (`eBay`, `iPhone`, `easyJet`).
    Brand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub span: ByteSpan,
    pub kind: MentionKind,
    /// Number of words (tokens) in the mention.
    pub words: u8,
    /// The mention opens its sentence: the case of its first letter says nothing.
    pub sentence_initial: bool,
    /// A single capitalised word opening a sentence: not a name by itself, only looked up in
    /// the gazetteer's list of wrong spellings.
    pub lone: bool,
}

/// Lowercase hyphen tails that are English words, not name parts (`Kremlin-led`).
const SHORT_TAILS: &[&str] = &["led", "run", "era", "born", "held", "free", "wide", "like"];

/// Lowercase particles that may stand as words inside (or at the start of) a name.
pub fn is_particle(w: &str) -> bool {
    // Most words are rejected on their first two letters before any comparison.
    let b = w.as_bytes();
    if b.len() < 2
        || b.len() > 5
        || !matches!(
            (b[0], b[1]),
            (b'a', b'b' | b'l')
                | (b'b', b'e' | b'i')
                | (b'd', b'a' | b'e' | b'i' | b'o' | b'u')
                | (b'e', b'l')
                | (b'i', b'b')
                | (b'l', b'a' | b'e')
                | (b't', b'e')
                | (b'v', b'a' | b'o')
        )
    {
        return false;
    }
    matches!(
        w,
        "abu"
            | "al"
            | "ben"
            | "bin"
            | "bint"
            | "da"
            | "das"
            | "de"
            | "del"
            | "della"
            | "den"
            | "der"
            | "di"
            | "dos"
            | "du"
            | "el"
            | "ibn"
            | "la"
            | "le"
            | "ter"
            | "van"
            | "von"
    )
}

/// Lowercase prefixes joined by a hyphen to a capitalised name part (`ash-Sham`, `ez-Zor`).
fn is_prefix(w: &str) -> bool {
    matches!(
        w,
        "abu"
            | "ad"
            | "al"
            | "an"
            | "ar"
            | "as"
            | "ash"
            | "at"
            | "az"
            | "bin"
            | "da"
            | "de"
            | "di"
            | "du"
            | "ed"
            | "el"
            | "en"
            | "er"
            | "es"
            | "et"
            | "ez"
            | "ibn"
            | "ud"
            | "ul"
            | "van"
            | "von"
    )
}

/// English contractions (`We'll`, `They're`, `Don't`) are not names.
fn is_contraction(w: &str) -> bool {
    let w = w.as_bytes();
    [
        "'ll", "'re", "'ve", "'d", "'m", "n't", "’ll", "’re", "’ve", "’d", "’m", "n’t",
    ]
    .iter()
    .any(|c| w.len() > c.len() && w.ends_with(c.as_bytes()))
}

/// Capitalised words that open a run without being part of the name: function words, titles,
/// weekdays and months.
fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "A" | "About"
            | "According"
            | "Acting"
            | "Admiral"
            | "After"
            | "Against"
            | "All"
            | "Also"
            | "Although"
            | "Ambassador"
            | "An"
            | "And"
            | "Any"
            | "April"
            | "Archbishop"
            | "As"
            | "At"
            | "August"
            | "Because"
            | "Before"
            | "Between"
            | "Bishop"
            | "Both"
            | "But"
            | "By"
            | "Capt"
            | "Captain"
            | "Chairman"
            | "Chancellor"
            | "Chief"
            | "Col"
            | "Colonel"
            | "Commander"
            | "December"
            | "Defence"
            | "Defense"
            | "Deputy"
            | "Despite"
            | "Did"
            | "Do"
            | "Dr"
            | "During"
            | "Each"
            | "Emir"
            | "Even"
            | "Every"
            | "Ex"
            | "February"
            | "Finance"
            | "For"
            | "Foreign"
            | "Former"
            | "Friday"
            | "From"
            | "Gen"
            | "General"
            | "Gov"
            | "Governor"
            | "He"
            | "Her"
            | "Here"
            | "His"
            | "How"
            | "However"
            | "I"
            | "If"
            | "In"
            | "Interior"
            | "Into"
            | "Is"
            | "It"
            | "Its"
            | "January"
            | "Judge"
            | "July"
            | "June"
            | "Justice"
            | "King"
            | "Last"
            | "Leader"
            | "Lt"
            | "Major"
            | "Many"
            | "March"
            | "May"
            | "Mayor"
            | "Meanwhile"
            | "Minister"
            | "Miss"
            | "Monday"
            | "More"
            | "Most"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "My"
            | "No"
            | "Not"
            | "November"
            | "Now"
            | "October"
            | "Of"
            | "On"
            | "Only"
            | "Or"
            | "Our"
            | "Over"
            | "Pope"
            | "President"
            | "Prime"
            | "Prince"
            | "Princess"
            | "Prof"
            | "Queen"
            | "Rep"
            | "Rev"
            | "Saturday"
            | "Secretary"
            | "Sen"
            | "Senator"
            | "September"
            | "Sgt"
            | "She"
            | "Sheikh"
            | "Since"
            | "So"
            | "Some"
            | "Speaker"
            | "Still"
            | "Sunday"
            | "That"
            | "The"
            | "Their"
            | "Then"
            | "There"
            | "These"
            | "They"
            | "This"
            | "Those"
            | "Through"
            | "Thursday"
            | "To"
            | "Tuesday"
            | "Under"
            | "Until"
            | "Vice"
            | "We"
            | "Wednesday"
            | "What"
            | "When"
            | "Where"
            | "Which"
            | "While"
            | "Who"
            | "Why"
            | "With"
            | "Yet"
            | "You"
            | "Your"
    )
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn has_lower(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

/// A word in a brand's own casing that starts in a small letter: ASCII letters, a small letter
/// first, then a capital followed by a small letter (`eBay`, `iPhone`, `easyJet`; not `iOS` or
/// `mRNA`). Returns where it ends, before a possessive. The gazetteer decides whether it is a name.
fn camel_brand(word: &str) -> Option<usize> {
    let w = ["'s", "’s"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
        .unwrap_or(word);
    let b = w.as_bytes();
    if !(3..=24).contains(&b.len())
        || !b[0].is_ascii_lowercase()
        || !b.iter().all(u8::is_ascii_alphabetic)
    {
        return None;
    }
    let cap = b.iter().position(u8::is_ascii_uppercase)?;
    b[cap + 1..]
        .iter()
        .any(u8::is_ascii_lowercase)
        .then_some(w.len())
}

/// The name part of a token: `(start, end)` offsets relative to the token, or `None` when the
/// token is not a name word. Cuts possessives, a non-particle lowercase prefix and a lowercase
/// tail that is an English word.
fn name_part(word: &str) -> Option<(usize, usize)> {
    // Fast path: a plain ASCII word (`Beirut`, `McCain`).
    let b = word.as_bytes();
    if b.iter().all(u8::is_ascii_alphabetic) {
        return (b[0].is_ascii_uppercase() && b[1..].iter().any(u8::is_ascii_lowercase))
            .then_some((0, b.len()));
    }
    let mut end = word.len();
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(w) = word.strip_suffix(suffix) {
            end = w.len();
            break;
        }
    }
    let w = &word[..end];
    let mut start = 0;
    if w.contains('-') {
        // Lowercase prefix: a particle stays (`al-Assad`), anything else goes (`pro-Assad`).
        if let Some((head, rest)) = w.split_once('-')
            && !starts_upper(head)
            && !is_prefix(head)
            && starts_upper(rest)
        {
            start = head.len() + 1;
        }
        // Lowercase tails that are English words go (`Qaeda-linked`); short syllables of Korean
        // or Chinese names stay (`Jae-in`).
        let mut e = end;
        while let Some((head, tail)) = w[start..e].rsplit_once('-') {
            if !starts_upper(tail) && (tail.len() >= 5 || SHORT_TAILS.contains(&tail)) {
                e = start + head.len();
            } else {
                break;
            }
        }
        end = e;
    }
    let w = &word[start..end];
    let first = w.split(['-', '\'', '’']).next().unwrap_or("");
    let ok = (starts_upper(w) && has_lower(w) && !is_contraction(word))
        || (is_prefix(first)
            && w[first.len()..]
                .chars()
                .nth(1)
                .is_some_and(char::is_uppercase));
    ok.then_some((start, end))
}

/// Append the mentions of `doc` to `out`.
pub fn mentions(doc: &Document<'_>, out: &mut Vec<Mention>) {
    let text = doc.text();
    let bytes = text.as_bytes();
    let mut words: Vec<(usize, ByteSpan)> = Vec::new();
    for s in doc.sentences() {
        let toks = doc.sentence_tokens(s);
        // Skip headline-style sentences in capitals: every word would look like an acronym.
        let caps = toks
            .iter()
            .filter(|t| t.flags.has(TokenFlags::ALL_CAPS))
            .count();
        let headline = toks.len() >= 4 && caps * 2 > toks.len();
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if !t.flags.has(TokenFlags::HAS_ALPHA) || t.flags.has(TokenFlags::HAS_DIGIT) {
                i += 1;
                continue;
            }
            let word = t.text(text);
            if t.flags.has(TokenFlags::ALL_CAPS) {
                if !headline && (2..=6).contains(&word.len()) && word.is_ascii() {
                    out.push(Mention {
                        span: t.span(),
                        kind: MentionKind::Acronym,
                        words: 1,
                        sentence_initial: i == 0,
                        lone: false,
                    });
                }
                i += 1;
                continue;
            }
            if !t.flags.has(TokenFlags::CAPITALISED)
                && let Some(end) = camel_brand(word)
            {
                out.push(Mention {
                    span: ByteSpan::new(t.span().start, t.span().start + end),
                    kind: MentionKind::Brand,
                    words: 1,
                    sentence_initial: i == 0,
                    lone: false,
                });
                i += 1;
                continue;
            }
            // Fast reject: lowercase words that are neither particles nor `al-Assad` forms.
            if !t
                .flags
                .has(TokenFlags::CAPITALISED | TokenFlags::HYPHENATED | TokenFlags::NON_ASCII)
                && (word.len() > 5 || !is_particle(word))
            {
                i += 1;
                continue;
            }
            let run_start = i;
            let mut j = i;
            words.clear();
            while j < toks.len() {
                let tj = toks[j];
                if j > run_start {
                    let gap = &bytes[toks[j - 1].span().end..tj.span().start];
                    if gap != b" " {
                        break;
                    }
                }
                let w = tj.text(text);
                if tj.flags.has(TokenFlags::ALL_CAPS | TokenFlags::HAS_DIGIT) {
                    break;
                }
                if is_particle(w) {
                    // A particle joins only when a name word follows it.
                    let next_is_name = toks.get(j + 1).is_some_and(|n| {
                        &bytes[tj.span().end..n.span().start] == b" "
                            && !n.flags.has(TokenFlags::ALL_CAPS)
                            && name_part(n.text(text)).is_some()
                    });
                    if !next_is_name {
                        break;
                    }
                    words.push((j, tj.span()));
                    j += 1;
                    continue;
                }
                let Some((a, b)) = name_part(w) else { break };
                if a > 0 && !words.is_empty() {
                    break; // `Assad pro-Kremlin`: the cut prefix starts another phrase
                }
                let span = ByteSpan::new(tj.span().start + a, tj.span().start + b);
                words.push((j, span));
                j += 1;
                // A cut tail or possessive ends the name.
                if b < w.len() {
                    break;
                }
            }
            // Titles and function words split the run (`Syrian President Bashar al-Assad`):
            // each stretch between them is a mention of its own.
            let mut k = 0;
            while k < words.len() {
                if is_opener(words[k].1.slice(text)) {
                    k += 1;
                    continue;
                }
                let mut e = k;
                while e < words.len() && !is_opener(words[e].1.slice(text)) {
                    e += 1;
                }
                let next = e;
                // A trailing particle cannot end a name.
                while e > k && is_particle(words[e - 1].1.slice(text)) {
                    e -= 1;
                }
                // A name has a few words; a longer run of capitals is a title or a list.
                if e > k && e - k <= 8 {
                    let (first_tok, first_span) = words[k];
                    let last_span = words[e - 1].1;
                    let n = e - k;
                    // A sentence starts at the first token, and again after an opening quote,
                    // a colon or a dash inside it (`he said: "Well, ...`).
                    let sentence_initial = first_tok == 0 || {
                        let gap =
                            &text[toks[first_tok - 1].span().end..toks[first_tok].span().start];
                        gap.contains(['"', '“', '‘', ':', '—', '–', '(', '\''])
                    };
                    // Alone at a sentence start, only a word that cannot be a common word is a
                    // name: a hyphenated one with a capital after the hyphen (`Al-Shabaab`).
                    let lone_capital = n == 1
                        && sentence_initial
                        && !first_span
                            .slice(text)
                            .split_once('-')
                            .is_some_and(|(_, rest)| starts_upper(rest));
                    out.push(Mention {
                        span: ByteSpan::new(first_span.start, last_span.end),
                        kind: MentionKind::Name,
                        words: n.min(255) as u8,
                        sentence_initial,
                        lone: lone_capital,
                    });
                }
                k = next;
            }
            i = j.max(i + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        mentions(&doc, &mut out);
        out.iter()
            .filter(|m| m.kind == MentionKind::Name && !m.lone)
            .map(|m| m.span.slice(text))
            .collect()
    }

    #[test]
    fn particle_prefilter_admits_every_particle() {
        for p in [
            "abu", "al", "ben", "bin", "bint", "da", "das", "de", "del", "della", "den", "der",
            "di", "dos", "du", "el", "ibn", "la", "le", "ter", "van", "von",
        ] {
            assert!(is_particle(p), "{p}");
        }
        for w in ["the", "and", "as", "at", "be", "dell", "a", "alps"] {
            assert!(!is_particle(w), "{w}");
        }
    }

    #[test]
    fn extracts_names_with_particles() {
        assert_eq!(
            names("Troops loyal to President Rafiq al-Hariri's cousin left Tyre."),
            vec!["Rafiq al-Hariri", "Tyre"]
        );
        assert_eq!(
            names("It was claimed by al Shabaab and praised by Osama bin Laden."),
            vec!["al Shabaab", "Osama bin Laden"]
        );
        assert_eq!(
            names("The Al-Shabaab-linked cell met Charles de Gaulle fans."),
            vec!["Al-Shabaab", "Charles de Gaulle"]
        );
        assert_eq!(
            names("Shelling hit Deir ez-Zor and pro-Kremlin media cheered."),
            vec!["Deir ez-Zor", "Kremlin"]
        );
        assert_eq!(
            names("He met Moon Jae-in in Seoul."),
            vec!["Moon Jae-in", "Seoul"]
        );
    }

    #[test]
    fn sentence_initial_capitals_are_not_names_alone() {
        assert_eq!(
            names("Fighting resumed. Rebels advanced."),
            Vec::<&str>::new()
        );
        assert_eq!(names("Kenya and Uganda signed."), vec!["Uganda"]);
        assert_eq!(names("Al-Shabaab denied it."), vec!["Al-Shabaab"]);
        assert_eq!(
            names("Hip-hop grew. Cross-border trade rose."),
            Vec::<&str>::new()
        );
        assert_eq!(
            names("He said: \"Well, We'll see.\" Nadia Murad agreed."),
            vec!["Nadia Murad"]
        );
        assert_eq!(names("Talks at Davos as Xi spoke."), vec!["Davos", "Xi"]);
        assert_eq!(names("Yoweri Museveni spoke."), vec!["Yoweri Museveni"]);
    }

    #[test]
    fn acronyms_and_headlines() {
        let text = "The UNHCR said so. REBELS SEIZE THE AIRPORT IN KISMAYO";
        let doc = Document::new(text);
        let mut out = Vec::new();
        mentions(&doc, &mut out);
        let acr: Vec<_> = out
            .iter()
            .filter(|m| m.kind == MentionKind::Acronym)
            .map(|m| m.span.slice(text))
            .collect();
        assert_eq!(acr, vec!["UNHCR"]);
        assert!(names(text).iter().all(|n| !n.contains("KISMAYO")));
    }
}
