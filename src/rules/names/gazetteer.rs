//! The gazetteer: canonical spellings, accepted variants, known misspellings, source-language
//! forms, house preferences and pairs that must never merge, read from the packs' `[lexicon]`.
//!
//! ```toml
//! [lexicon]
//! never-merge = [["Mohammed", "Mohamed"]]
//! prefer = ["Türkiye"]                      # house spellings (usually in the user's own pack)
//!
//! [[lexicon.names]]
//! canonical = "Turkey"
//! variants = ["Türkiye"]                    # accepted alternatives: only mixing them is a finding
//! misspellings = ["Turky"]                  # always wrong; the fix to the canonical is safe
//! foreign = ["Turquie"]                     # source-language forms; the fix is unsafe
//! ```

use super::key::{strict_key, translit_key};
use crate::rule::Lexicon;
use foldhash::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct Entry {
    /// The spelling to use: the house preference if one is set, else the canonical.
    pub canonical: String,
    /// Strict keys of the spellings that are accepted when used consistently.
    accepted: Vec<String>,
    /// The strict key of a house preference, when the house chose.
    preferred: Option<String>,
}

/// What the gazetteer says about one spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The canonical or an accepted variant (possibly in another case or punctuation).
    Accepted,
    /// Listed as a plain misspelling: always wrong, safe to fix.
    Misspelling,
    /// Listed as a source-language form (a French acronym in English copy).
    Foreign,
    /// Not listed, but a transliteration variant of the entry (`Idleb` for `Idlib`).
    NearMiss,
    /// An accepted spelling, but not the one the house prefers.
    NotPreferred,
}

impl Verdict {
    /// True when the spelling is reported on its own, even if used consistently.
    pub fn always_reported(self) -> bool {
        !matches!(self, Verdict::Accepted)
    }
}

#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Identifies the inputs, so analyses made with one gazetteer can be shared (memoised).
    pub fingerprint: u64,
    entries: Vec<Entry>,
    listed: HashMap<String, (u32, Verdict)>,
    by_strict: HashMap<String, u32>,
    by_translit: HashMap<String, u32>,
    never: HashSet<(String, String)>,
}

fn strings(v: &toml::Value, what: &str) -> Result<Vec<String>, String> {
    match v {
        toml::Value::String(s) => Ok(vec![s.clone()]),
        toml::Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("`{what}` must hold strings, found `{x}`"))
            })
            .collect(),
        other => Err(format!(
            "`{what}` must be a list of strings, found `{other}`"
        )),
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl Gazetteer {
    /// Build from the `names`, `never-merge` and `prefer` lexicon entries.
    pub fn from_lexicon(lexicon: &Lexicon) -> Result<Self, String> {
        let mut g = Gazetteer {
            fingerprint: super::analysis::hash(&format!(
                "{:?}{:?}{:?}",
                lexicon.values("names"),
                lexicon.values("never-merge"),
                lexicon.values("prefer")
            )),
            ..Gazetteer::default()
        };
        let (mut sk, mut tk) = (String::new(), String::new());
        for (i, v) in lexicon.values("names").iter().enumerate() {
            let t = v
                .as_table()
                .ok_or_else(|| format!("`names` entry {} must be a table", i + 1))?;
            for k in t.keys() {
                if !matches!(
                    k.as_str(),
                    "canonical" | "variants" | "misspellings" | "foreign"
                ) {
                    return Err(format!(
                        "`names` entry {} has an unknown key `{k}` (expected canonical, variants, misspellings, foreign)",
                        i + 1
                    ));
                }
            }
            let canonical = t
                .get("canonical")
                .and_then(toml::Value::as_str)
                .ok_or_else(|| format!("`names` entry {} needs a `canonical` string", i + 1))?
                .to_string();
            let list = |key: &str| -> Result<Vec<String>, String> {
                t.get(key).map_or(Ok(Vec::new()), |v| strings(v, key))
            };
            let (variants, misspellings, foreign) =
                (list("variants")?, list("misspellings")?, list("foreign")?);
            let id = g.entries.len() as u32;
            let mut accepted = Vec::new();
            for s in std::iter::once(&canonical).chain(&variants) {
                strict_key(s, &mut sk);
                translit_key(&sk, &mut tk);
                g.by_strict.entry(sk.clone()).or_insert(id);
                if tk.chars().count() >= 4 {
                    g.by_translit.entry(tk.clone()).or_insert(id);
                }
                accepted.push(sk.clone());
            }
            for s in misspellings {
                g.listed.insert(s, (id, Verdict::Misspelling));
            }
            for s in foreign {
                g.listed.insert(s, (id, Verdict::Foreign));
            }
            g.entries.push(Entry {
                canonical,
                accepted,
                preferred: None,
            });
        }
        for (i, v) in lexicon.values("never-merge").iter().enumerate() {
            let names = strings(v, "never-merge")?;
            if names.len() < 2 {
                return Err(format!(
                    "`never-merge` entry {} needs two or more spellings",
                    i + 1
                ));
            }
            let keys: Vec<String> = names
                .iter()
                .map(|n| {
                    strict_key(n, &mut sk);
                    sk.clone()
                })
                .collect();
            for a in &keys {
                for b in &keys {
                    if a != b {
                        g.never.insert(pair(a, b));
                    }
                }
            }
        }
        for s in lexicon.strings("prefer")? {
            strict_key(s, &mut sk);
            let Some(&id) = g.by_strict.get(&sk) else {
                return Err(format!(
                    "`prefer` names `{s}`, which is not a canonical spelling or variant in any `names` entry"
                ));
            };
            let e = &mut g.entries[id as usize];
            e.canonical = s.to_string();
            e.preferred = Some(sk.clone());
        }
        Ok(g)
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// Entry `id`, or `None` when this gazetteer has no such entry (an id read from an index).
    pub fn get(&self, id: u32) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// True when the two strict keys are listed as distinct names.
    pub fn never_merge(&self, a: &str, b: &str) -> bool {
        !self.never.is_empty() && self.never.contains(&pair(a, b))
    }

    /// True when two spellings must not be taken for one name: the pair, or a pair of words in
    /// the same place (`Mohammed Saleh` / `Mohamed Saleh`), is listed in `never-merge`.
    pub fn keep_apart(&self, a: &str, b: &str) -> bool {
        if self.never.is_empty() {
            return false;
        }
        let (mut ka, mut kb) = (String::new(), String::new());
        strict_key(a, &mut ka);
        strict_key(b, &mut kb);
        if self.never_merge(&ka, &kb) {
            return true;
        }
        let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
        wa.len() == wb.len()
            && wa.iter().zip(&wb).any(|(x, y)| {
                x != y && {
                    strict_key(x, &mut ka);
                    strict_key(y, &mut kb);
                    self.never_merge(&ka, &kb)
                }
            })
    }

    /// Judge a spelling, given its strict and transliteration keys.
    pub fn judge(&self, spelling: &str, strict: &str, translit: &str) -> Option<(u32, Verdict)> {
        if let Some(&(id, v)) = self.listed.get(spelling) {
            return Some((id, v));
        }
        if let Some(&id) = self.by_strict.get(strict) {
            let e = &self.entries[id as usize];
            return Some(match &e.preferred {
                Some(p) if p != strict => (id, Verdict::NotPreferred),
                _ => (id, Verdict::Accepted),
            });
        }
        let &id = self.by_translit.get(translit)?;
        let e = &self.entries[id as usize];
        // Transliterations vary inside a name, rarely in its first two letters: `Eran` is a name
        // of its own, not a variant of `Iran`, and `Gotta` is not `Ghouta`.
        let initial = |k: &str| k.chars().take(2).collect::<String>();
        if e.accepted.iter().any(|k| self.never_merge(k, strict))
            || !e.accepted.iter().any(|k| initial(k) == initial(strict))
        {
            return None;
        }
        Some((id, Verdict::NearMiss))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gaz(src: &str) -> Result<Gazetteer, String> {
        let table: toml::Table = toml::from_str(src).unwrap();
        let mut lex = Lexicon::default();
        for (k, v) in table["lexicon"].as_table().unwrap() {
            lex.append(k, v.as_array().unwrap().clone());
        }
        Gazetteer::from_lexicon(&lex)
    }

    fn judge(g: &Gazetteer, s: &str) -> Option<Verdict> {
        let (mut sk, mut tk) = (String::new(), String::new());
        strict_key(s, &mut sk);
        translit_key(&sk, &mut tk);
        g.judge(s, &sk, &tk).map(|(_, v)| v)
    }

    const SRC: &str = r#"
        [lexicon]
        never-merge = [["Homsa", "Homs"], ["Mohammed", "Mohamed"]]
        [[lexicon.names]]
        canonical = "Homs"
        misspellings = ["Hooms"]
        [[lexicon.names]]
        canonical = "Kharkiv"
        variants = ["Kharkov"]
        foreign = ["Charkiw"]
        [[lexicon.names]]
        canonical = "Mohammed"
        [[lexicon.names]]
        canonical = "Idlib"
    "#;

    #[test]
    fn verdicts() {
        let g = gaz(SRC).unwrap();
        assert_eq!(judge(&g, "Homs"), Some(Verdict::Accepted));
        assert_eq!(judge(&g, "HOMS"), Some(Verdict::Accepted));
        assert_eq!(judge(&g, "Hooms"), Some(Verdict::Misspelling));
        assert_eq!(judge(&g, "Hommss"), Some(Verdict::NearMiss));
        assert_eq!(judge(&g, "Kharkov"), Some(Verdict::Accepted));
        assert_eq!(judge(&g, "Charkiw"), Some(Verdict::Foreign));
        assert_eq!(judge(&g, "Mohamed"), None, "never-merge");
        assert_eq!(judge(&g, "Hamas"), None);
        assert_eq!(judge(&g, "Idleb"), Some(Verdict::NearMiss));
        assert_eq!(judge(&g, "Edlib"), None, "first letter differs");
    }

    #[test]
    fn house_preference() {
        let table: toml::Table = toml::from_str(SRC).unwrap();
        let mut lex = Lexicon::default();
        for (k, v) in table["lexicon"].as_table().unwrap() {
            lex.append(k, v.as_array().unwrap().clone());
        }
        lex.append("prefer", vec!["Kharkov".into()]);
        let g = Gazetteer::from_lexicon(&lex).unwrap();
        assert_eq!(judge(&g, "Kharkiv"), Some(Verdict::NotPreferred));
        assert_eq!(judge(&g, "Kharkov"), Some(Verdict::Accepted));
        lex.append("prefer", vec!["Nowhere".into()]);
        assert!(
            Gazetteer::from_lexicon(&lex)
                .unwrap_err()
                .contains("Nowhere")
        );
    }

    #[test]
    fn bad_entries_are_errors() {
        assert!(
            gaz("[[lexicon.names]]\nvariants = [\"x\"]")
                .unwrap_err()
                .contains("canonical")
        );
        assert!(
            gaz("[[lexicon.names]]\ncanonical = \"x\"\nspelling = 1")
                .unwrap_err()
                .contains("unknown key")
        );
    }
}
