use super::analysis::analysed;
use super::gazetteer::{Gazetteer, Verdict};
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Lexicon, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Checks every name against the gazetteer (`rules/names.toml`, extended by your own packs)
    /// and flags, even when it occurs once: a listed misspelling (`Kharkov` for the house's
    /// `Kharkiv` is a choice, `Kharkhiv` is a misspelling); a source-language form such as a
    /// French acronym in English copy (`OTAN` for `NATO`); an unlisted spelling that is a
    /// transliteration variant of a known name (`Mosoul` for `Mosul`); and, when your pack sets
    /// `prefer = [...]`, an accepted spelling that is not the house's choice.
    ///
    /// ## Why is this bad
    /// A rare misspelling never wins a vote, so consistency checks cannot see it: it takes a list
    /// of canonical spellings. Misspelled names are lost to search, entity linking and counts.
    ///
    /// ## Example
    /// ```text
    /// Shelling resumed near Mosoul on Tuesday.
    /// ```
    /// Use instead:
    /// ```text
    /// Shelling resumed near Mosul on Tuesday.
    /// ```
    ///
    /// ## Fix safety
    /// Rewriting a listed misspelling to the canonical spelling is safe. The other fixes are
    /// unsafe: a transliteration variant can be another place or person, a source-language
    /// acronym may sit in a quotation, and a house preference is a style choice.
    ///
    /// ## Options
    /// None; the gazetteer is data. Add `[[lexicon.names]]` entries (`canonical`, `variants`,
    /// `misspellings`, `foreign`), `never-merge` pairs and `prefer` spellings in a pack listed
    /// in `newslint.toml` (`packs = ["house-names.toml"]`).
    pub fn gazetteer_variant_meta {
        code: "N102",
        name: "gazetteer-name-variant",
        family: Names,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Safe),
    }
}

pub struct GazetteerVariant {
    meta: RuleMeta,
    gaz: Gazetteer,
}

impl Default for GazetteerVariant {
    fn default() -> Self {
        Self {
            meta: gazetteer_variant_meta(),
            gaz: Gazetteer::default(),
        }
    }
}

impl Rule for GazetteerVariant {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn use_lexicon(&mut self, lexicon: &Lexicon) -> Result<(), String> {
        self.gaz = Gazetteer::from_lexicon(lexicon)?;
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        if self.gaz.is_empty() {
            return;
        }
        let text = doc.text();
        let named = analysed(doc, &self.gaz);
        for n in named.iter() {
            let Some((id, verdict)) = n.verdict else {
                continue;
            };
            let canonical = self.gaz.entry(id).canonical.as_str();
            let spelling = n.spelling(text);
            let (message, help, applicability) = match verdict {
                Verdict::Accepted => continue,
                Verdict::Misspelling => (
                    format!("`{spelling}` is a misspelling of `{canonical}`"),
                    format!("spell it `{canonical}`"),
                    Applicability::Safe,
                ),
                Verdict::Foreign => (
                    format!("`{spelling}` is the source-language form of `{canonical}`"),
                    format!("use the English form `{canonical}`"),
                    Applicability::Unsafe,
                ),
                Verdict::NearMiss => (
                    format!("`{spelling}` looks like a variant spelling of `{canonical}`"),
                    format!(
                        "spell it `{canonical}` if the same name is meant (medium confidence; add the spelling to the gazetteer's `variants` or `never-merge` otherwise)"
                    ),
                    Applicability::Unsafe,
                ),
                Verdict::NotPreferred => (
                    format!("`{spelling}`: the house spelling is `{canonical}`"),
                    format!("spell it `{canonical}` (set by `prefer` in a pack)"),
                    Applicability::Unsafe,
                ),
            };
            sink.report(n.span, message).help(help).fix(Fix::replace(
                applicability,
                format!("Spell it `{canonical}`"),
                n.span,
                canonical,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::{Applicability, RuleId};

    fn rule() -> GazetteerVariant {
        let mut lex = Lexicon::default();
        let entries: toml::Table = toml::from_str(
            r#"
            [[names]]
            canonical = "Mosul"
            misspellings = ["Mousl"]
            [[names]]
            canonical = "NATO"
            foreign = ["OTAN"]
            [[names]]
            canonical = "Kharkiv"
            variants = ["Kharkov"]
            "#,
        )
        .unwrap();
        lex.append("names", entries["names"].as_array().unwrap().clone());
        let mut r = GazetteerVariant::default();
        r.use_lexicon(&lex).unwrap();
        r
    }

    fn flagged(r: &GazetteerVariant, text: &str) -> Vec<(String, Applicability)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        r.check(&doc, &mut Sink::new(RuleId(0), &mut out));
        out.iter()
            .map(|d| {
                (
                    d.span.slice(text).to_string(),
                    d.fix.as_ref().unwrap().applicability,
                )
            })
            .collect()
    }

    #[test]
    fn flags_gazetteer_variants_even_once() {
        let r = rule();
        assert_eq!(
            flagged(
                &r,
                "Troops left Mousl. The OTAN summit met near Mosoul's airport."
            ),
            vec![
                ("Mousl".to_string(), Applicability::Safe),
                ("OTAN".to_string(), Applicability::Unsafe),
                ("Mosoul".to_string(), Applicability::Unsafe),
            ]
        );
    }

    #[test]
    fn accepted_spellings_pass() {
        let r = rule();
        assert!(flagged(&r, "Kharkov and Kharkiv, Mosul and NATO, Mosel and Hamas.").is_empty());
    }
}
