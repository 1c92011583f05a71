use crate::declare_rule;
use crate::document::{Document, TokenFlags};
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds words that mix Latin letters with Cyrillic or Greek look-alikes: `Веrgen` written with
    /// a Cyrillic `В` and `е`. When the rest of the word is Latin, the fix replaces the look-alikes
    /// with the Latin letters they imitate. Words wholly in Cyrillic or Greek are not touched, and
    /// each part of a hyphenated compound is a word of its own (`IT-компания`, `3D-печать` join a
    /// Latin abbreviation to a Cyrillic word by rule).
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
    /// Safe when every non-Latin letter of the word has a Latin look-alike: the fix is one-to-one and
    /// restores the spelling the reader already sees. Otherwise no fix is offered.
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
        let (mut latin, mut other) = (0, 0);
        for c in word.chars().filter(|c| c.is_alphabetic()) {
            match script(c) {
                Script::Latin => latin += 1,
                Script::Cyrillic | Script::Greek => other += 1,
                Script::Other => {}
            }
        }
        if latin == 0 || other == 0 {
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
        match fixed {
            Some(f) if latin >= other => {
                d.help(format!("write it in Latin letters: `{f}`"))
                    .fix(Fix::replace(
                        Applicability::Safe,
                        format!("Replace with `{f}`"),
                        span,
                        f,
                    ));
            }
            _ => {
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
}
