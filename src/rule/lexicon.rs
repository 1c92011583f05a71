//! Word lists and tables that packs give built-in rules: attribution verbs, outlets, gazetteers.
//!
//! A pack's `[lexicon]` table maps keys to arrays; the arrays of every loaded pack (bundled first,
//! then the user's) are appended, so a user pack extends a list without repeating it.

use std::collections::BTreeMap;

/// The merged `[lexicon]` arrays of every loaded pack.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    entries: BTreeMap<String, Vec<toml::Value>>,
}

impl Lexicon {
    /// Append `items` to the array under `key`.
    pub fn append(&mut self, key: &str, items: Vec<toml::Value>) {
        self.entries
            .entry(key.to_string())
            .or_default()
            .extend(items);
    }

    /// Every value under `key` (empty when no pack defines it).
    pub fn values(&self, key: &str) -> &[toml::Value] {
        self.entries.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The string values under `key`; an entry that is not a string is an error naming the key.
    pub fn strings(&self, key: &str) -> Result<Vec<&str>, String> {
        self.values(key)
            .iter()
            .map(|v| {
                v.as_str()
                    .ok_or_else(|| format!("lexicon `{key}` must hold strings, found `{v}`"))
            })
            .collect()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_append_across_packs() {
        let mut lex = Lexicon::default();
        lex.append("verbs", vec!["said".into()]);
        lex.append("verbs", vec!["told".into()]);
        assert_eq!(lex.strings("verbs").unwrap(), vec!["said", "told"]);
        assert!(lex.strings("none").unwrap().is_empty());
        lex.append("bad", vec![toml::Value::Integer(3)]);
        assert!(lex.strings("bad").unwrap_err().contains("`bad`"));
    }
}
