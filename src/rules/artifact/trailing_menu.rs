use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, RuleOptions, Sink};

declare_rule! {
    /// ## What it does
    /// Finds a block of short lines at the end of an article that read like a site's menu or
    /// related-news list: at least three non-blank lines (blank lines between them allowed), each
    /// of at most eight words, none ending like a sentence, after the article's last sentence, and
    /// at least one of them using the vocabulary of site navigation (`News`, `Latest`, `Sport`,
    /// `Business`, `Contact`, …) or a bracketed label (`[Phone]`). A list of results or fixtures
    /// that ends an article is left alone.
    ///
    /// ## Why is this bad
    /// Scrapers that take everything below the headline keep the page's footer: related-news
    /// headings, section menus (`Business`, `Culture`, `Sport`), contact lines. They are not part of
    /// the article, and their words leak into whatever is trained or counted on the corpus.
    ///
    /// ## Example
    /// ```text
    /// The council will vote again in May.
    ///
    /// Latest Headlines
    ///
    /// Business
    ///
    /// Sport
    /// ```
    ///
    /// ## Fix safety
    /// Deleting the lines is unsafe: a short list at the end of an article (results, names) can be
    /// article text. Review the block, then apply with `--unsafe-fixes`.
    ///
    /// ## Options
    /// `min-lines` (default 3): how many menu-like lines make a block.
    pub fn trailing_menu_meta {
        code: "A102",
        name: "trailing-menu",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

pub struct TrailingMenu {
    meta: RuleMeta,
    min_lines: usize,
}

impl Default for TrailingMenu {
    fn default() -> Self {
        Self {
            meta: trailing_menu_meta(),
            min_lines: 3,
        }
    }
}

/// Words that site menus, footers and related-news headings are made of.
const NAV_WORDS: &[&str] = &[
    "news",
    "latest",
    "headlines",
    "related",
    "recommended",
    "picks",
    "popular",
    "trending",
    "more",
    "home",
    "menu",
    "sections",
    "business",
    "politics",
    "sport",
    "sports",
    "culture",
    "entertainment",
    "opinion",
    "world",
    "technology",
    "tech",
    "science",
    "health",
    "lifestyle",
    "travel",
    "weather",
    "video",
    "videos",
    "photos",
    "podcasts",
    "games",
    "game",
    "contact",
    "about",
    "advertise",
    "subscribe",
    "newsletter",
    "follow",
    "copyright",
    "privacy",
    "terms",
    "stories",
    "top",
];

/// Does the line look like site navigation: a nav word, or a bracketed label?
fn navigational(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('[')
        || t.split(|c: char| !c.is_alphanumeric())
            .any(|w| NAV_WORDS.iter().any(|n| n.eq_ignore_ascii_case(w)))
}

/// A line that could be a menu item or heading: short, not a sentence.
fn menu_like(line: &str) -> bool {
    let t = line.trim();
    let words = t.split_whitespace().count();
    if t.is_empty() || t.len() > 80 || words > 8 {
        return false;
    }
    let body = t.trim_end_matches(['\'', '"', '’', '”', '»']);
    if body.ends_with(['.', '!', '?', '…', ')', ';', ',']) {
        return false;
    }
    t.chars().next().is_some_and(|c| !c.is_lowercase())
}

impl Rule for TrailingMenu {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("min-lines", toml::Value::Integer(n)) if (2..=50).contains(n) => {
                    self.min_lines = *n as usize
                }
                ("min-lines", _) => {
                    return Err("`min-lines` must be an integer from 2 to 50".into());
                }
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let text = doc.text();
        let lines = doc.lines();
        let mut block = Vec::new();
        let mut i = lines.len();
        while i > 0 {
            i -= 1;
            let l = lines[i];
            if l.blank {
                continue;
            }
            if !menu_like(l.span.slice(text)) {
                break;
            }
            block.push(i);
        }
        // The block must follow an article: some line before it ends a sentence.
        let first = match block.last() {
            Some(&f) => f,
            None => return,
        };
        let article_before = lines[..first]
            .iter()
            .any(|l| !l.blank && !menu_like(l.span.slice(text)));
        let nav = block
            .iter()
            .any(|&l| navigational(lines[l].span.slice(text)));
        if block.len() < self.min_lines || !article_before || !nav {
            return;
        }
        for &l in block.iter().rev() {
            let item = lines[l].span.trim(text);
            sink.report(
                item,
                format!(
                    "menu or related-news line after the end of the article: `{}`",
                    item.slice(text)
                ),
            )
            .help("delete the block of short lines after the article's last sentence")
            .fix(Fix::delete(
                Applicability::Unsafe,
                "Delete the line",
                doc.line_deletion(l),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&TrailingMenu::default(), text)
    }

    #[test]
    fn flags_a_trailing_menu() {
        let text = "Port vote delayed\nThe council will vote again in May.\n\nLatest Headlines\n\nBusiness\n\nSport";
        assert_eq!(flagged(text), vec!["Latest Headlines", "Business", "Sport"]);
    }

    #[test]
    fn leaves_articles_and_sign_offs_alone() {
        assert!(flagged("Headline\nThe council voted.\nIt was close.\n(Reporting by Ama Mensah; Editing by Rolf Berg)").is_empty());
        assert!(flagged("Headline\nThe council voted.\nBusiness\nSport").is_empty()); // two lines only
        assert!(flagged("One\nTwo\nThree\nFour").is_empty()); // no article before the block
        assert!(flagged("Headline\nThe council voted.\nFirst, the budget.\nSecond, the port.\nThird, the tram.").is_empty());
        // A list of fixtures or results ending an article is article text.
        assert!(flagged("Draw made\nThe draw was made on Sunday.\nHarbour v Valley\nKessel or Aldine v Port\nNorth v South").is_empty());
    }
}
