//! The per-article analysis the three name rules share: mentions, their keys, the gazetteer's
//! verdict, their variant group, and which spelling the article itself prefers.

use super::gazetteer::{Gazetteer, Verdict};
use super::key::{Confidence, strict_key, translit_key};
use super::loose::{same_name, skeleton_key};
use super::mention::{MentionKind, is_particle, mentions};
use crate::ByteSpan;
use crate::document::Document;
use foldhash::{HashMap, HashMapExt};

/// Group ids of gazetteer entries have this bit set; discovered groups are key hashes without it.
const ENTRY_BIT: u64 = 1 << 63;

/// One analysed name mention.
#[derive(Debug, Clone, Copy)]
pub struct Named {
    pub span: ByteSpan,
    /// Variant group: spellings of one name share it.
    pub group: u64,
    /// Hash of the strict key (same value: high-confidence variants).
    pub strict: u64,
    /// Hash of the spelling as counted ([`identity`]): same value, same spelling.
    pub ident: u64,
    /// The gazetteer's verdict and entry, if it knows the name.
    pub verdict: Option<(u32, Verdict)>,
    /// Counts towards which spelling is usual (false for sentence-initial particles, whose case
    /// is forced, and for spellings the gazetteer rule reports on its own).
    pub vote: bool,
    /// The article's own preferred spelling of this group, when the article mixes spellings and
    /// this mention is not it: (index of the first mention of the preferred spelling).
    pub differs_in_article: Option<usize>,
}

impl Named {
    pub fn spelling<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }
    /// The spelling as counted (see [`identity`]).
    pub fn counted<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        identity(self.spelling(text))
    }
}

pub fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h & !ENTRY_BIT
}

/// What [`classify`] says of a spelling: (group, strict hash, verdict).
pub type Classified = (u64, u64, Option<(u32, Verdict)>);

/// Keys and verdict of one spelling: (group, strict hash, verdict).
pub fn classify(gaz: &Gazetteer, spelling: &str, sk: &mut String, tk: &mut String) -> Classified {
    strict_key(spelling, sk);
    translit_key(sk, tk);
    let verdict = gaz.judge(spelling, sk, tk);
    let group = match verdict {
        Some((id, _)) => ENTRY_BIT | id as u64,
        // Names of five letters or more block on their consonant skeleton; which spellings of a
        // group are one name is the verifier's call ([`same_name`]). Shorter names merge on the
        // strict key only (`Iran` / `Iraq`).
        None if sk.chars().count() >= 5 => {
            skeleton_key(spelling, tk);
            hash(tk)
        }
        None => hash(sk),
    };
    (group, hash(sk), verdict)
}

/// True for the group of a gazetteer entry (whose spellings the gazetteer vouches for).
pub fn is_entry(group: u64) -> bool {
    group & ENTRY_BIT != 0
}

/// Whether two spellings of `group` are one name: always for a gazetteer entry's, else as the
/// verifier says.
pub fn one_name(group: u64, a: &str, b: &str) -> bool {
    is_entry(group) || same_name(a, b)
}

/// How sure it is that two spellings of one group are the same name.
pub fn confidence(a: &Named, b: &Named) -> Confidence {
    if a.strict == b.strict {
        Confidence::High
    } else {
        Confidence::Medium
    }
}

/// The spelling as counted: a leading particle's capital is a matter of position and style
/// (`Van Persie` alone, `Robin van Persie`; `Al-Shabaab` opening a sentence), so it is lowered.
pub fn identity(spelling: &str) -> std::borrow::Cow<'_, str> {
    let first = spelling.split([' ', '-']).next().unwrap_or("");
    if first.len() < spelling.len()
        && first.starts_with(|c: char| c.is_ascii_uppercase())
        && is_particle(&first.to_ascii_lowercase())
    {
        let mut s = spelling.to_string();
        s[..1].make_ascii_lowercase();
        std::borrow::Cow::Owned(s)
    } else {
        std::borrow::Cow::Borrowed(spelling)
    }
}

/// The analysis of `doc` with `gaz`, computed once and shared by the name rules.
pub fn analysed(doc: &Document<'_>, gaz: &Gazetteer) -> std::rc::Rc<Vec<Named>> {
    doc.memo(gaz.fingerprint, |d| {
        let mut out = Vec::new();
        analyse(d, gaz, &mut out);
        out
    })
}

/// Analyse every name mention of `doc` (acronyms only when the gazetteer lists them).
pub fn analyse(doc: &Document<'_>, gaz: &Gazetteer, out: &mut Vec<Named>) {
    let text = doc.text();
    let mut ms = Vec::new();
    mentions(doc, &mut ms);
    let (mut sk, mut tk) = (String::new(), String::new());
    // A name recurs in its article: each distinct spelling is keyed and judged once.
    let mut seen: HashMap<&str, Classified> = HashMap::with_capacity(ms.len().min(256));
    for m in &ms {
        let spelling = m.span.slice(text);
        let (group, strict, verdict) = *seen
            .entry(spelling)
            .or_insert_with(|| classify(gaz, spelling, &mut sk, &mut tk));
        // Acronyms and lone sentence-initial words are looked up, never matched fuzzily: `SANA`
        // is not `Sanaa`, and a capital opening a sentence is not a name by itself.
        if (m.kind == MentionKind::Acronym || m.lone)
            && !verdict.is_some_and(|(_, v)| matches!(v, Verdict::Misspelling | Verdict::Foreign))
        {
            continue;
        }
        // A word in a small letter and then capitals is a name only where the gazetteer lists
        // it (`eBay`), never a fuzzy match: it may be code or a unit.
        if m.kind == MentionKind::Brand && !verdict.is_some_and(|(_, v)| v == Verdict::Accepted) {
            continue;
        }
        let vote = matches!(m.kind, MentionKind::Name | MentionKind::Brand)
            && !m.lone
            && !verdict.is_some_and(|(_, v)| v.always_reported());
        out.push(Named {
            span: m.span,
            group,
            strict,
            ident: hash(&identity(spelling)),
            verdict,
            vote,
            differs_in_article: None,
        });
    }
    mark_article_variants(out, text, gaz);
}

/// For each group with two or more spellings in the article, mark the mentions that differ from
/// the article's preferred spelling: the gazetteer's canonical if present, else the most frequent,
/// else the first.
fn mark_article_variants(named: &mut [Named], text: &str, gaz: &Gazetteer) {
    let mut order: Vec<usize> = (0..named.len()).filter(|&i| named[i].vote).collect();
    order.sort_unstable_by_key(|&i| (named[i].group, named[i].ident, i));
    let mut g = 0;
    while g < order.len() {
        let group = named[order[g]].group;
        let end = g + order[g..]
            .iter()
            .take_while(|&&i| named[i].group == group)
            .count();
        // Distinct spellings of the group: (first mention index, count), sorted by spelling.
        let mut spellings: Vec<(usize, usize)> = Vec::new();
        for &i in &order[g..end] {
            match spellings.last_mut() {
                Some((first, n)) if named[*first].ident == named[i].ident => *n += 1,
                _ => spellings.push((i, 1)),
            }
        }
        if spellings.len() > 1 {
            let canonical = named[order[g]]
                .verdict
                .map(|(id, _)| gaz.entry(id).canonical.as_str());
            let best = spellings
                .iter()
                .max_by(|a, b| {
                    let ca = canonical == Some(&*named[a.0].counted(text));
                    let cb = canonical == Some(&*named[b.0].counted(text));
                    (ca, a.1, std::cmp::Reverse(a.0)).cmp(&(cb, b.1, std::cmp::Reverse(b.0)))
                })
                .map(|s| s.0)
                .expect("non-empty");
            let best_ident = named[best].ident;
            let best_spelling = named[best].counted(text);
            for &i in &order[g..end] {
                if named[i].ident != best_ident
                    && one_name(group, &best_spelling, &named[i].counted(text))
                {
                    named[i].differs_in_article = Some(best);
                }
            }
        }
        g = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<(String, Option<String>)> {
        let doc = Document::new(text);
        let mut out = Vec::new();
        analyse(&doc, &Gazetteer::default(), &mut out);
        out.iter()
            .map(|n| {
                (
                    n.spelling(text).to_string(),
                    n.differs_in_article
                        .map(|b| out[b].spelling(text).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn marks_minority_spellings_in_an_article() {
        let text = "Troops of Rafiq al-Hariri marched. Supporters of Rafiq al-Hariri cheered. \
                    Critics of Rafiq Al Hariri stayed home.";
        let r = run(text);
        assert_eq!(
            r[2],
            ("Rafiq Al Hariri".into(), Some("Rafiq al-Hariri".into()))
        );
        assert_eq!(r[0].1, None);
    }

    #[test]
    fn sentence_initial_particles_do_not_vote() {
        let text = "Al-Shabaab denied it. Officials blamed al-Shabaab.";
        assert!(run(text).iter().all(|(_, d)| d.is_none()));
    }

    #[test]
    fn single_words_merge_only_on_the_strict_key() {
        let text = "Philip met Philipp. Mohammed met Mohamed.";
        assert!(run(text).iter().all(|(_, d)| d.is_none()));
        let text = "Officials in Kyiv and officials in KYIV-Oblast and in Kýiv.";
        assert!(run(text).iter().any(|(_, d)| d.is_some()));
    }
}
