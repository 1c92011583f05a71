use crate::declare_rule;
use crate::document::{Document, TokenFlags};
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds words that mix Latin letters with Cyrillic or Greek look-alikes: `Веrgen` written with
    /// a Cyrillic `В` and `е`. The fix writes the word in the script most of its letters are in:
    /// the look-alikes become the Latin letters they imitate, or the Latin letters of a Cyrillic
    /// word (`семейcтва` with a Latin `c`) their Cyrillic twins. Words wholly in Cyrillic or Greek
    /// are not touched, nor Roman numerals typed with look-alikes (`ХХVI` with Cyrillic `Х`, as
    /// Cyrillic keyboards have no `X`), and each part of a hyphenated compound is a word of its own
    /// (`IT-компания`, `3D-печать` join a Latin abbreviation to a Cyrillic word by rule).
    ///
    /// ## Why is this bad
    /// A look-alike letter makes a word that looks right but matches nothing: the name is lost to
    /// search, entity linking and counting. It comes from OCR, keyboard switching or spoofing.
    /// Always an error.
    ///
    /// ## Example
    /// `Оsterby` with a Cyrillic `О` → `Osterby`.
    ///
    /// ## Fix safety
    /// Safe when every letter outside the word's main script has a look-alike in it: the fix is
    /// one-to-one and restores the spelling the reader already sees. Otherwise no fix is offered.
    pub fn mixed_script_word_meta {
        code: "E108",
        name: "mixed-script-word",
        family: Encoding,
        severity: Error,
        fix: FixAvailability::Sometimes(Applicability::Safe),
    }
}

pub struct MixedScriptWord(RuleMeta);

impl Default for MixedScriptWord {
    fn default() -> Self {
        Self(mixed_script_word_meta())
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Other,
}

fn script(c: char) -> Script {
    match c as u32 {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x400..=0x52F => Script::Cyrillic,
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        _ => Script::Other,
    }
}

/// Every Cyrillic and Greek letter [`latin_twin`] knows a Latin look-alike for.
const LOOK_ALIKES: &str = "АΑВΒЕΕКΚМΜНΗОΟРΡСТΤХΧІΙЈЅΖΝΥУаαеоοрρсухіιјѕν";

/// The letter of `target`'s script that looks like the Latin letter `c`, when there is one.
fn twin_in(target: Script, c: char) -> Option<char> {
    LOOK_ALIKES
        .chars()
        .find(|&k| script(k) == target && latin_twin(k) == Some(c))
}

/// A Roman numeral typed with look-alikes (`ХХVI` with Cyrillic `Х`): Cyrillic keyboards have no
/// Latin `X`, and writers take the Cyrillic letter. The numeral is read right whatever its letters.
fn roman_numeral(word: &str) -> bool {
    word.chars().count() >= 2
        && word.chars().all(|c| {
            matches!(
                latin_twin(c).unwrap_or(c),
                'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'
            )
        })
}

/// The Latin letter a Cyrillic or Greek letter imitates, when there is one.
fn latin_twin(c: char) -> Option<char> {
    Some(match c {
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        'І' | 'Ι' => 'I',
        'Ј' => 'J',
        'Ѕ' => 'S',
        'Ζ' => 'Z',
        'Ν' => 'N',
        'Υ' | 'У' => 'Y',
        'а' | 'α' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' | 'ι' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ν' => 'v',
        _ => return None,
    })
}

impl Rule for MixedScriptWord {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        for tok in doc.tokens() {
            if !tok.flags.has(TokenFlags::NON_ASCII) {
                continue;
            }
            // The parts of a compound are words of their own: `IT-хакатон`, `3D-печать`, `G-та`
            // join a Latin abbreviation to a Cyrillic word by rule.
            let word = tok.text(text);
            let mut at = 0;
            for part in word.split(['-', '‐', '‑', '/', '\'', '’']) {
                let start = tok.span().start + at;
                at += part.len()
                    + word[at + part.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                self.check_word(part, crate::ByteSpan::new(start, start + part.len()), sink);
            }
        }
    }
}

impl MixedScriptWord {
    fn check_word(&self, word: &str, span: crate::ByteSpan, sink: &mut Sink<'_>) {
        let (mut latin, mut other, mut greek) = (0, 0, 0);
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            match script(c) {
                Script::Latin => latin += 1,
                Script::Cyrillic => other += 1,
                Script::Greek => {
                    other += 1;
                    greek += 1;
                }
                Script::Other => {}
            }
        }
        if latin == 0 || other == 0 || roman_numeral(word) {
            return;
        }
        let d = sink.report(
            span,
            format!("`{word}` mixes Latin with Cyrillic or Greek look-alike letters"),
        );
        let fixed: Option<String> = word
            .chars()
            .map(|c| match script(c) {
                Script::Cyrillic | Script::Greek => latin_twin(c),
                _ => Some(c),
            })
            .collect();
        // A word mostly in Cyrillic (or Greek) with a Latin look-alike (`семейcтва` with a Latin
        // `c`) is written in its own script.
        let target = if greek * 2 > other {
            Script::Greek
        } else {
            Script::Cyrillic
        };
        let native: Option<String> = word
            .chars()
            .map(|c| match script(c) {
                Script::Latin => twin_in(target, c),
                s if s == target || s == Script::Other => Some(c),
                _ => None,
            })
            .collect();
        let (fixed, name) = if latin >= other {
            (fixed, "Latin")
        } else {
            (
                native,
                if target == Script::Greek {
                    "Greek"
                } else {
                    "Cyrillic"
                },
            )
        };
        match fixed {
            Some(f) => {
                d.help(format!("write it in {name} letters: `{f}`"))
                    .fix(Fix::replace(
                        Applicability::Safe,
                        format!("Replace with `{f}`"),
                        span,
                        f,
                    ));
            }
            None => {
                d.help("write the word in one script");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    #[test]
    fn finds_look_alikes_and_fixes_to_latin() {
        let text = "In \u{41E}sterby and \u{412}\u{435}rgen, not in Москва or Αθήνα or Zürich.";
        let doc = Document::new(text);
        let mut out = Vec::new();
        MixedScriptWord::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let fixes: Vec<&str> = out
            .iter()
            .map(|d| d.fix.as_ref().unwrap().edits[0].replacement.as_str())
            .collect();
        assert_eq!(fixes, vec!["Osterby", "Bergen"]);
    }

    #[test]
    fn parts_of_a_compound_are_judged_apart() {
        let text = "Сеть 5G-вышек и IT-компания, но Веrgen-Nord.";
        let doc = Document::new(text);
        let mut out = Vec::new();
        MixedScriptWord::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let words: Vec<&str> = out.iter().map(|d| d.span.slice(text)).collect();
        assert_eq!(words, vec!["Веrgen"]);
    }

    #[test]
    fn a_cyrillic_word_with_a_latin_look_alike_is_written_in_cyrillic() {
        // `c` and `i` below are Latin; Roman numerals typed with Cyrillic `Х` are left alone.
        let text = "Лучшая из серии пылесоcов, працює постiйно, с XIX по ХХI век и в ХХVI томе.";
        let doc = Document::new(text);
        let mut out = Vec::new();
        MixedScriptWord::default().check(&doc, &mut Sink::new(RuleId(0), &mut out));
        let fixes: Vec<(&str, &str)> = out
            .iter()
            .map(|d| {
                (
                    d.span.slice(text),
                    d.fix.as_ref().unwrap().edits[0].replacement.as_str(),
                )
            })
            .collect();
        assert_eq!(
            fixes,
            vec![("пылесоcов", "пылесосов"), ("постiйно", "постійно")]
        );
    }
}
