use super::util::{acronym_fits, initials, name_ending_at};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};
use std::collections::{HashMap, HashSet};

declare_rule! {
    /// ## What it does
    /// Finds an acronym in parentheses after an English name whose letters do not fit that name
    /// but are the source language's acronym: the same letters in another order (Romance
    /// languages put the adjective after the noun: `European Union (UE)`), nearly the same
    /// letters (`Syrian Observatory for Human Rights (OSDH)`, from the French `Observatoire
    /// syrien des droits de l'homme`), or a known foreign acronym of a well-known body
    /// (`OTAN`, `ONU`, `OMS`, listed in the pack's `foreign-acronyms`).
    ///
    /// Acronyms that English news keeps from the source language (`PKK`, `FARC`, `SPD`) are
    /// listed in `accepted-acronyms` and never flagged; stock tickers and names whose acronym
    /// shares at most one letter with them are left alone.
    ///
    /// ## Why is this bad
    /// The reader cannot connect the acronym to the name, searches for the English acronym miss
    /// the article, and the same body ends up under two acronyms in one corpus.
    ///
    /// ## Example
    /// ```text
    /// the World Health Organization (OMS) said on Monday
    /// ```
    /// Use instead:
    /// ```text
    /// the World Health Organization (WHO) said on Monday
    /// ```
    ///
    /// ## Fix safety
    /// Display-only: the acronym may appear elsewhere in the article and must change there too.
    ///
    /// ## Options
    /// Lexicon keys `foreign-acronyms` (`"OTAN=NATO"` entries) and `accepted-acronyms`.
    pub fn source_language_acronym_meta {
        code: "T103",
        name: "source-language-acronym",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::DisplayOnly),
    }
}

pub struct SourceLanguageAcronym {
    meta: RuleMeta,
    foreign: HashMap<String, String>,
    accepted: HashSet<String>,
}

impl Default for SourceLanguageAcronym {
    fn default() -> Self {
        Self {
            meta: source_language_acronym_meta(),
            foreign: HashMap::new(),
            accepted: HashSet::new(),
        }
    }
}

/// How many letters of `a` can be paired with letters of `b` (multiset intersection).
fn overlap(a: &str, b: &str) -> usize {
    let mut pool: Vec<char> = b.chars().collect();
    let mut n = 0;
    for c in a.chars() {
        if let Some(i) = pool.iter().position(|&p| p == c) {
            pool.swap_remove(i);
            n += 1;
        }
    }
    n
}

impl SourceLanguageAcronym {
    /// Is this mismatch a source-language acronym rather than an unrelated one?
    fn looks_foreign(&self, acronym: &str, english: &str) -> bool {
        let (la, le) = (acronym.len(), english.len());
        // Romance word order puts the noun first (`Observatoire syrien …`, `Fonds monétaire
        // international`): the source acronym starts with another letter. Same first letter and
        // a letter more or less is a truncated name (`… Bank (ICBC)`), not a translation.
        if acronym.chars().next() == english.chars().next() {
            return false;
        }
        let o = overlap(acronym, english);
        if la == le && o == la {
            return true; // the same letters in another order
        }
        la >= 4 && o + 1 >= la && le + 1 >= la && la + 1 >= le
    }
}

impl Rule for SourceLanguageAcronym {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        for entry in lexicon.strings("foreign-acronyms")? {
            let (f, e) = entry.split_once('=').ok_or_else(|| {
                format!("lexicon `foreign-acronyms`: `{entry}` must be `FOREIGN=ENGLISH`")
            })?;
            self.foreign
                .insert(f.trim().to_string(), e.trim().to_string());
        }
        for a in lexicon.strings("accepted-acronyms")? {
            self.accepted.insert(a.trim().to_string());
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let bytes = text.as_bytes();
        let toks = doc.tokens();
        let mut words: Vec<&str> = Vec::new();
        for open in memchr::memchr_iter(b'(', bytes) {
            // `(ABCD)`: 2 to 6 capitals, closed at once, after `Name ` on the same line.
            let inner_end = bytes[open + 1..]
                .iter()
                .take(8)
                .position(|&b| !b.is_ascii_uppercase())
                .map(|n| open + 1 + n);
            let Some(close) = inner_end else { continue };
            if bytes[close] != b')' || !(2..=6).contains(&(close - open - 1)) || open < 2 {
                continue;
            }
            if bytes[open - 1] != b' ' {
                continue;
            }
            let acronym = &text[open + 1..close];
            if self.accepted.contains(acronym) {
                continue;
            }
            let last = toks.partition_point(|t| t.span().end < open);
            if last == 0 || toks[last - 1].span().end != open - 1 {
                continue;
            }
            let last = last - 1;
            let Some(first) = name_ending_at(text, toks, last) else {
                continue;
            };
            words.clear();
            words.extend(toks[first..=last].iter().map(|t| t.text(text)));
            // Possessives and dotted abbreviations open the name from outside it (`Britain's`).
            let skip = words
                .iter()
                .rposition(|w| w.ends_with("'s") || w.ends_with("’s") || w.contains('.'))
                .map(|i| i + 1)
                .unwrap_or(0);
            let mut name = &words[skip..];
            // A capitalised word opening the sentence may precede the name (`Troops of the …`):
            // keep the longest tail with about as many initials as the acronym has letters.
            while initials(name).len() > acronym.len() + 1 && name.len() > 1 {
                name = &name[1..];
                while name.len() > 1 && super::util::is_name_connector(name[0]) {
                    name = &name[1..];
                }
            }
            let significant = initials(name);
            if significant.len() < 2 || name.iter().any(|w| w.chars().all(|c| c.is_uppercase())) {
                continue;
            }
            // Fits the whole name (`Children's Health Insurance Program (CHIP)`), or the name
            // with one word dropped from either end (`High Altitude Area Defense (THAAD)`).
            let long = acronym.len() >= 4;
            if acronym_fits(&words, acronym)
                || (long && acronym_fits(&words, &acronym[1..]))
                || (long && acronym_fits(&words, &acronym[..acronym.len() - 1]))
            {
                continue;
            }
            let known = self.foreign.get(acronym);
            let english = match known {
                Some(e) => e.clone(),
                None if self.looks_foreign(acronym, &significant) => significant.clone(),
                None => continue,
            };
            let span = ByteSpan::new(open + 1, close);
            let name_start = first + (words.len() - name.len());
            let name_text = &text[toks[name_start].span().start..toks[last].span().end];
            sink.report(
                span,
                format!("acronym `{acronym}` does not fit the English name `{name_text}`: it is the source language's"),
            )
            .help(format!(
                "use the English acronym `{english}`, here and wherever `{acronym}` recurs in the article"
            ))
            .fix(Fix::replace(
                Applicability::DisplayOnly,
                "Use the English acronym",
                span,
                english,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleId;

    fn flagged(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        let mut rule = SourceLanguageAcronym::default();
        let mut lex = Lexicon::default();
        lex.append("foreign-acronyms", vec!["OMS=WHO".into()]);
        lex.append("accepted-acronyms", vec!["PKK".into(), "FARC".into()]);
        rule.use_lexicon(&lex).unwrap();
        rule.check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter().map(|d| d.span.slice(text).to_string()).collect()
    }

    #[test]
    fn flags_source_language_acronyms() {
        assert_eq!(flagged("the European Union (UE) agreed"), vec!["UE"]);
        assert_eq!(
            flagged("the World Health Organization (OMS) said"),
            vec!["OMS"]
        );
        assert_eq!(
            flagged("the Lebanese Centre for Human Rights (CLDH) said"),
            vec!["CLDH"]
        );
    }

    #[test]
    fn quiet_on_fitting_or_accepted_acronyms() {
        for t in [
            "the Lebanese Centre for Human Rights (LCHR) said",
            "the Kurdistan Workers Party (PKK) said",
            "Revolutionary Armed Forces of Colombia (FARC)",
            "Charles Schwab Corp (SCHW) rose",
            "Exxon Mobil Corp (XOM) fell",
            "PARIS (AFP) - The",
            "the Organisation for Economic Co-operation and Development (OECD)",
            "Hayat Tahrir al-Sham (HTS) fighters",
            "Britain's Office for National Statistics (ONS) said",
            "the firm (ABC) said",
            "(UE)",
            "Columbia Management Advisors (CAM) said",
            "Sumitomo Mitsui Financial (SMFG), and",
            "Oil & Natural Gas Corp (ONGC) said",
            "the Children’s Health Insurance Program (CHIP) for",
            "the U.S.-supplied High Altitude Area Defense (THAAD) in",
            "in Yemen, Al Qaeda in the Arabian Peninsula (AQAP) said",
            "D. James Kennedy Ministries (DJKM) filed",
        ] {
            assert!(flagged(t).is_empty(), "{t}");
        }
    }
}
