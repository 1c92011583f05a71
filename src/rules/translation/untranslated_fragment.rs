use super::util::{is_english_function_word, is_foreign_function_word, is_latin};
use crate::ByteSpan;
use crate::declare_rule;
use crate::document::{Document, Sentence, TokenFlags};
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds a sentence or line in another language, or another script, inside English copy:
    /// a caption, menu item or paragraph the translation skipped (`Le ministre a annoncé la
    /// fermeture du port.`, `사진 제공 연합뉴스 기자`). The language is named with the
    /// `whatlang` identifier, which runs only on sentences that look non-English by a cheap
    /// test: mostly letters of a non-Latin script (at least 6 of them), or at least five words,
    /// mostly lowercase, with almost no English function words. Short spans (names, bylines,
    /// a foreign title in quotes inside an English sentence) are never judged. When most of the
    /// article is in another language it is reported once, as an article not in English.
    ///
    /// ## Why is this bad
    /// The fragment is noise for English readers and models, and it usually means the
    /// translation of that part is missing.
    ///
    /// ## Example
    /// ```text
    /// The port reopened on Monday.
    /// Le port a rouvert lundi après trois jours de grève.
    /// ```
    /// Use instead:
    /// ```text
    /// The port reopened on Monday after a three-day strike.
    /// ```
    ///
    /// ## Fix safety
    /// No fix: it needs a translation, or a judgement that the line is page furniture.
    pub fn untranslated_fragment_meta {
        code: "T111",
        name: "untranslated-fragment",
        family: Translation,
        severity: Warning,
        fix: FixAvailability::None,
    }
}

pub struct UntranslatedFragment(RuleMeta);

impl Default for UntranslatedFragment {
    fn default() -> Self {
        Self(untranslated_fragment_meta())
    }
}

#[derive(Debug, PartialEq, Eq, Clone, Copy)]
enum Verdict {
    English,
    Foreign,
}

/// The cheap prefilter, then the identifier. Returns the language's English name.
fn judge(doc: &Document<'_>, s: &Sentence) -> (Verdict, Option<&'static str>) {
    let text = doc.text();
    let toks = doc.sentence_tokens(s);
    let body = s.span.slice(text);
    if !body.is_ascii() {
        let (mut latin, mut other) = (0usize, 0usize);
        for c in body.chars() {
            if is_latin(c) {
                latin += 1;
            } else if c.is_alphabetic() {
                other += 1;
            }
        }
        if other >= 6 && other * 10 >= (latin + other) * 6 {
            let lang = whatlang::detect(body).map(|i| i.lang().eng_name());
            return (Verdict::Foreign, lang);
        }
    }
    // Fast path: a Latin-script sentence with one of the commonest English words is English
    // (a substring search instead of classifying every word).
    if [" the ", " and "].iter().any(|w| body.contains(w)) {
        return (Verdict::English, None);
    }
    let mut alpha = 0usize;
    let mut lower = 0usize;
    let mut function = 0usize;
    let mut foreign = 0usize;
    let mut distinct: [&str; 2] = ["", ""];
    for t in toks {
        if !t.flags.has(TokenFlags::HAS_ALPHA) {
            continue;
        }
        alpha += 1;
        let w = t.text(text);
        if w.as_bytes()[0].is_ascii_lowercase()
            || (!w.as_bytes()[0].is_ascii() && !t.is_capitalised())
        {
            lower += 1;
        }
        if is_english_function_word(w) {
            function += 1;
            // Already too many English function words whatever the rest holds: English.
            if function * 100 > toks.len() * 12 {
                return (Verdict::English, None);
            }
        } else if is_foreign_function_word(w) {
            foreign += 1;
            if distinct[0].is_empty() {
                distinct[0] = w;
            } else if !distinct[0].eq_ignore_ascii_case(w) {
                distinct[1] = w;
            }
        }
    }
    // Latin script: long enough, mostly lowercase words, almost no English function words, and
    // at least two different function words of another language, making a fifth of the words.
    if alpha < 6
        || body.len() < 30
        || lower * 2 < alpha
        || function * 100 > alpha * 12
        || distinct[1].is_empty()
        || foreign * 5 < alpha
    {
        return (Verdict::English, None);
    }
    if body.contains("://") || body.contains("www.") || body.contains('@') {
        return (Verdict::English, None);
    }
    let Some(info) = whatlang::detect(body) else {
        return (Verdict::English, None);
    };
    let lang = info.lang();
    if lang == whatlang::Lang::Eng {
        return (Verdict::English, None);
    }
    if info.is_reliable() {
        return (Verdict::Foreign, Some(lang.eng_name()));
    }
    // Close languages (Spanish and Catalan, Danish and Norwegian) make the identifier unsure
    // which one it is, not whether it is English: ask it to choose between the two.
    let pair = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, lang]);
    match pair.detect(body) {
        Some(i) if i.lang() == lang && i.confidence() >= 0.5 => {
            (Verdict::Foreign, Some(lang.eng_name()))
        }
        _ => (Verdict::English, None),
    }
}

impl Rule for UntranslatedFragment {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let sentences = doc.sentences();
        let mut found: Vec<(ByteSpan, Option<&'static str>)> = Vec::new();
        let mut total = 0usize;
        let mut foreign = 0usize;
        for s in sentences {
            let n = s.span.len();
            total += n;
            if let (Verdict::Foreign, lang) = judge(doc, s) {
                foreign += n;
                found.push((s.span, lang));
            }
        }
        if found.is_empty() {
            return;
        }
        if foreign * 2 > total {
            // Most of the article: one finding, not one per sentence.
            let (span, lang) = found[0];
            let what = lang.unwrap_or("another language");
            sink.report(
                span,
                format!("the article is not in English (mostly {what})"),
            )
            .help("translate the article, or remove it from an English corpus");
            return;
        }
        for (span, lang) in found {
            let what = lang.unwrap_or("another language");
            sink.report(span, format!("untranslated text in {what} inside English copy"))
                .help("translate it into English, or delete it if it is a caption or menu item of the source page");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&UntranslatedFragment::default(), text)
    }

    const ENGLISH: &str = "The harbour reopened on Monday after a strike that lasted three days.\nDockers said they had won a pay rise and would return to work at once.\n";

    #[test]
    fn flags_foreign_sentences() {
        let t =
            format!("{ENGLISH}Le ministre a annoncé la fermeture du port pour trois semaines.\n");
        assert_eq!(
            flagged(&t),
            vec!["Le ministre a annoncé la fermeture du port pour trois semaines."]
        );
        let t = format!("{ENGLISH}부산항 노동자들이 파업을 끝냈다고 밝혔다\n");
        assert_eq!(
            flagged(&t),
            vec!["부산항 노동자들이 파업을 끝냈다고 밝혔다"]
        );
    }

    #[test]
    fn quiet_on_names_titles_and_headings() {
        for extra in [
            "Jean-Pierre Dubois, Maria Fernández and Lars Øvergaard\n",
            "He read \"Cien años de soledad\" on the train.\n",
            "By Søren Kierkegaard-Holm\n",
            "习近平 visited the port.\n",
            "Dockers Win Pay Rise After Three Days\n",
        ] {
            let t = format!("{ENGLISH}{extra}");
            assert!(flagged(&t).is_empty(), "{extra}");
        }
    }

    #[test]
    fn whole_foreign_article_reported_once() {
        let t = "El puerto reabrió el lunes después de una huelga de tres días.\nLos estibadores dijeron que habían ganado un aumento de sueldo.\n";
        assert_eq!(flagged(t).len(), 1);
    }
}
