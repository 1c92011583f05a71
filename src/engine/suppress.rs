//! Suppressions where the text lives: comment lines in a document and a JSONL record's ignore
//! list.
//!
//! ```text
//! <!-- newslint-disable S103, A106 -->    off from the next line until a matching enable
//! <!-- newslint-enable S103 -->           on again (no codes: every rule on again)
//! <!-- newslint-disable-next-line S103 --> off for the next line only
//! ```
//!
//! A directive names rules as `--select` does (codes, names, prefixes, families); with none it
//! means every rule. The comment must be the whole line. A finding is silenced when it starts where
//! a directive applies to its rule; a rule that is not [`suppressible`](crate::rule::RuleMeta)
//! never is. Directives that silence nothing, name nothing or name only unsuppressible rules are
//! reported by [`unused-suppression`](crate::rules::newslint::unused_suppression).

use super::{Linter, Selection};
use crate::ByteSpan;
use crate::rule::{Diagnostic, RuleId};

/// One rule selector of a directive or an ignore list, and what came of it.
#[derive(Debug, Clone)]
pub struct Token {
    /// Where it is written (in the document for a comment; the caller's coordinates for a list).
    pub span: ByteSpan,
    /// The selector as written; empty for a directive that names no rule (every rule).
    pub text: String,
    /// The rules it names, `None` when it names none.
    ids: Option<Vec<RuleId>>,
    /// Did it silence a finding?
    used: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Disable,
    Enable,
    NextLine,
}

#[derive(Debug)]
struct Directive {
    /// The whole comment line (findings on it are about the comment, not the article).
    line: ByteSpan,
    kind: Kind,
    tokens: Vec<Token>,
}

/// Where rule `rule` is off, because of token `token` of directive `directive`.
#[derive(Debug)]
struct Range {
    rule: RuleId,
    start: usize,
    end: usize,
    directive: usize,
    token: usize,
}

/// The suppression comments of one document.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    ranges: Vec<Range>,
}

/// The directive of a line (without its terminator), if it is one: its kind and the selectors'
/// byte ranges in the line.
fn parse_line(line: &str) -> Option<(Kind, Vec<(usize, usize)>)> {
    let lead = line.len() - line.trim_start().len();
    let body = line.trim().strip_prefix("<!--")?.strip_suffix("-->")?;
    let body_at = lead + 4;
    let inner = body.trim_start();
    let mut at = body_at + (body.len() - inner.len());
    let (kind, rest) = if let Some(r) = inner.strip_prefix("newslint-disable-next-line") {
        (Kind::NextLine, r)
    } else if let Some(r) = inner.strip_prefix("newslint-disable") {
        (Kind::Disable, r)
    } else if let Some(r) = inner.strip_prefix("newslint-enable") {
        (Kind::Enable, r)
    } else {
        return None;
    };
    if !rest.is_empty() && !rest.starts_with(|c: char| c.is_whitespace()) {
        return None;
    }
    at += inner.len() - rest.len();
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in rest.char_indices() {
        let sep = c.is_whitespace() || c == ',';
        match (sep, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                tokens.push((at + s, at + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push((at + s, at + rest.len()));
    }
    Some((kind, tokens))
}

impl Linter {
    /// The rules a suppression token names (`None`: no rule by that name).
    fn token(&self, span: ByteSpan, text: &str) -> Token {
        let ids = if text.is_empty() {
            self.registry.select("ALL")
        } else {
            self.registry.select(text)
        };
        Token {
            span,
            text: text.to_string(),
            ids,
            used: false,
        }
    }

    /// The suppression comments of `text` (none, cheaply, when it has no `newslint-`).
    pub fn suppressions(&self, text: &str) -> Suppressions {
        let mut s = Suppressions::default();
        if memchr::memmem::find(text.as_bytes(), b"newslint-").is_none() {
            return s;
        }
        let mut open: Vec<Option<usize>> = vec![None; self.registry.len()];
        let mut pending_next: Vec<usize> = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let end = memchr::memchr2(b'\n', b'\r', &text.as_bytes()[pos..])
                .map_or(text.len(), |i| pos + i);
            let next = match text.as_bytes().get(end) {
                Some(b'\r') if text.as_bytes().get(end + 1) == Some(&b'\n') => end + 2,
                Some(_) => end + 1,
                None => end,
            };
            let line = &text[pos..end];
            // A line after a `disable-next-line`: its ranges end with it.
            for r in pending_next.drain(..) {
                s.ranges[r].start = pos;
                s.ranges[r].end = end;
            }
            if let Some((kind, toks)) = parse_line(line) {
                let d = s.directives.len();
                let mut tokens: Vec<Token> = toks
                    .iter()
                    .map(|&(a, b)| self.token(ByteSpan::new(pos + a, pos + b), &line[a..b]))
                    .collect();
                if tokens.is_empty() {
                    tokens.push(self.token(ByteSpan::new(pos, end), ""));
                }
                for (t, tok) in tokens.iter().enumerate() {
                    let Some(ids) = &tok.ids else { continue };
                    for &rule in ids {
                        if !self.registry.meta(rule).suppressible {
                            continue;
                        }
                        match kind {
                            Kind::Disable if open[rule.0 as usize].is_none() => {
                                open[rule.0 as usize] = Some(s.ranges.len());
                                s.ranges.push(Range {
                                    rule,
                                    start: next,
                                    end: text.len(),
                                    directive: d,
                                    token: t,
                                });
                            }
                            Kind::Enable => {
                                if let Some(r) = open[rule.0 as usize].take() {
                                    s.ranges[r].end = pos;
                                }
                            }
                            Kind::NextLine => {
                                pending_next.push(s.ranges.len());
                                s.ranges.push(Range {
                                    rule,
                                    start: next,
                                    end: next,
                                    directive: d,
                                    token: t,
                                });
                            }
                            Kind::Disable => {}
                        }
                    }
                }
                s.directives.push(Directive {
                    line: ByteSpan::new(pos, end),
                    kind,
                    tokens,
                });
            }
            pos = next;
        }
        s
    }

    /// Drop the findings that the suppression comments of `text` silence, without reporting
    /// what they left unused (for findings that come after the document's own check: the corpus
    /// rules').
    pub fn suppress_in(&self, text: &str, out: &mut Vec<Diagnostic>) {
        let mut sup = self.suppressions(text);
        self.suppress(&mut sup, out);
    }

    /// Drop the findings `sup` silences (and those on its comment lines), marking what was used.
    pub fn suppress(&self, sup: &mut Suppressions, out: &mut Vec<Diagnostic>) {
        if sup.directives.is_empty() {
            return;
        }
        out.retain(|d| {
            if sup
                .directives
                .iter()
                .any(|x| x.line.start <= d.span.start && d.span.end <= x.line.end)
            {
                return false;
            }
            if !self.registry.meta(d.rule).suppressible {
                return true;
            }
            let at = d.span.start;
            let hit = sup
                .ranges
                .iter()
                .find(|r| r.rule == d.rule && r.start <= at && at < r.end);
            match hit {
                Some(r) => {
                    sup.directives[r.directive].tokens[r.token].used = true;
                    false
                }
                None => true,
            }
        });
    }

    /// The findings of rule `unused-suppression` for what `sup` left unused, when it is on.
    pub fn unused_suppressions(
        &self,
        sup: &Suppressions,
        selection: &Selection,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(id) = self
            .unused_suppression
            .filter(|&id| selection.is_enabled(id))
        else {
            return;
        };
        for d in &sup.directives {
            for t in &d.tokens {
                let check_use = d.kind != Kind::Enable;
                if let Some(message) = self.token_problem(t, selection, check_use) {
                    out.push(Diagnostic {
                        rule: id,
                        severity: selection.severity(id),
                        span: t.span,
                        message,
                        help: Some("delete it, or name the rule it is meant for".into()),
                        fix: None,
                    });
                }
            }
        }
    }

    /// What is wrong with a suppression token, if anything: it names no rule, only rules that
    /// cannot be suppressed, or (when `check_use`) it silenced nothing though a rule it names was
    /// on and is judged document by document.
    fn token_problem(&self, t: &Token, selection: &Selection, check_use: bool) -> Option<String> {
        let what = if t.text.is_empty() {
            "every rule".to_string()
        } else {
            format!("`{}`", t.text)
        };
        let Some(ids) = &t.ids else {
            return Some(format!("`{}` names no rule: it suppresses nothing", t.text));
        };
        let reg = &self.registry;
        let suppressible: Vec<RuleId> = ids
            .iter()
            .copied()
            .filter(|&id| reg.meta(id).suppressible)
            .collect();
        if suppressible.is_empty() {
            let codes: Vec<String> = ids
                .iter()
                .map(|&id| format!("{} ({})", reg.meta(id).code, reg.meta(id).name))
                .collect();
            return Some(format!("{} cannot be suppressed", codes.join(", ")));
        }
        if !check_use || t.used {
            return None;
        }
        let on: Vec<RuleId> = suppressible
            .into_iter()
            .filter(|&id| selection.is_enabled(id))
            .collect();
        let corpus = |id: RuleId| reg.corpus().iter().any(|(c, _)| *c == id);
        if on.is_empty() || on.iter().any(|&id| corpus(id)) {
            return None;
        }
        Some(format!("unused suppression: no finding of {what} here"))
    }

    /// A record's ignore list (`"newslint": {"ignore": [...]}`), each selector with the span
    /// the caller gives it.
    pub fn record_ignore<'a>(
        &self,
        selectors: impl IntoIterator<Item = (ByteSpan, &'a str)>,
    ) -> RecordIgnore {
        RecordIgnore {
            tokens: selectors
                .into_iter()
                .map(|(span, s)| self.token(span, s.trim()))
                .collect(),
        }
    }

    /// What is wrong with each entry of `ignore` after it was applied to every field of its
    /// record: `(entry's span, message)`, for findings of `unused-suppression`. Empty when that
    /// rule is off.
    pub fn record_ignore_problems(
        &self,
        ignore: &RecordIgnore,
        selection: &Selection,
    ) -> Vec<(ByteSpan, String)> {
        match self.unused_suppression {
            Some(id) if selection.is_enabled(id) => ignore
                .tokens
                .iter()
                .filter_map(|t| Some((t.span, self.token_problem(t, selection, true)?)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `selection` with the rules `ignore` silences turned off (to fix a record without touching
    /// what its ignore list keeps).
    pub fn selection_without<'a>(
        &self,
        ignore: &RecordIgnore,
        selection: &'a Selection,
    ) -> std::borrow::Cow<'a, Selection> {
        if ignore.tokens.is_empty() {
            return std::borrow::Cow::Borrowed(selection);
        }
        let mut s = selection.clone();
        for id in ignore.tokens.iter().flat_map(|t| t.ids.iter().flatten()) {
            if self.registry.meta(*id).suppressible {
                s.enabled[id.0 as usize] = false;
            }
        }
        std::borrow::Cow::Owned(s)
    }

    /// Drop the findings `ignore` silences (every suppressible rule it names, anywhere in the
    /// record), marking what was used.
    pub fn apply_record_ignore(&self, ignore: &mut RecordIgnore, out: &mut Vec<Diagnostic>) {
        if ignore.tokens.is_empty() {
            return;
        }
        out.retain(|d| {
            if !self.registry.meta(d.rule).suppressible {
                return true;
            }
            match ignore
                .tokens
                .iter_mut()
                .find(|t| t.ids.as_ref().is_some_and(|ids| ids.contains(&d.rule)))
            {
                Some(t) => {
                    t.used = true;
                    false
                }
                None => true,
            }
        });
    }
}

/// A JSONL record's list of rules to ignore in all of its text fields.
#[derive(Debug, Default, Clone)]
pub struct RecordIgnore {
    tokens: Vec<Token>,
}

impl RecordIgnore {
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(linter: &Linter, text: &str) -> Vec<(String, String)> {
        let reg = linter.registry();
        linter
            .check_text(text)
            .into_iter()
            .map(|d| {
                (
                    reg.meta(d.rule).code.to_string(),
                    text[d.span.start..d.span.end].to_string(),
                )
            })
            .collect()
    }

    const SOURCED: &str = "Officials said the plan would cost less, sources said.";
    const SOURCED_TOO: &str = "The harbour may close in winter, sources said on Monday.";

    #[test]
    fn parses_directives() {
        assert_eq!(
            parse_line("<!-- newslint-disable S103, A106 -->"),
            Some((Kind::Disable, vec![(22, 26), (28, 32)]))
        );
        assert_eq!(
            parse_line("  <!--newslint-enable-->"),
            Some((Kind::Enable, vec![]))
        );
        assert_eq!(
            parse_line("<!-- newslint-disable-next-line sourcing -->"),
            Some((Kind::NextLine, vec![(32, 40)]))
        );
        assert_eq!(parse_line("<!-- newslint-disabled S103 -->"), None);
        assert_eq!(parse_line("Text <!-- newslint-disable --> after"), None);
        assert_eq!(parse_line("<!-- a comment -->"), None);
    }

    #[test]
    fn next_line_silences_only_the_next_line() {
        let linter = Linter::new();
        let text =
            format!("<!-- newslint-disable-next-line S103 -->\n{SOURCED}\n\n{SOURCED_TOO}\n");
        let found = codes(&linter, &text);
        assert_eq!(
            found,
            vec![("S103".to_string(), "sources said".to_string())]
        );
        let at = linter.check_text(&text)[0].span.start;
        assert!(at > text.find("\n\n").unwrap(), "the second one stays");
    }

    #[test]
    fn disable_until_enable_by_code_name_or_family() {
        let linter = Linter::new();
        for sel in ["S103", "unnamed-source", "sourcing", ""] {
            let text = format!(
                "<!-- newslint-disable {sel} -->\n{SOURCED}\n<!-- newslint-enable {sel} -->\n{SOURCED_TOO}\n"
            );
            let found = codes(&linter, &text);
            assert_eq!(found.len(), 1, "{sel}: {found:?}");
            assert_eq!(found[0].0, "S103");
        }
    }

    #[test]
    fn unused_unknown_and_unsuppressible_are_reported() {
        let linter = Linter::new();
        let text = "<!-- newslint-disable-next-line S103 -->\nThe ferry runs twice a day.\n";
        assert_eq!(
            codes(&linter, text),
            vec![("X101".to_string(), "S103".to_string())]
        );
        let text = "<!-- newslint-disable Z999 -->\nThe ferry runs twice a day.\n";
        assert_eq!(
            codes(&linter, text),
            vec![("X101".to_string(), "Z999".to_string())]
        );
        let text = "<!-- newslint-disable E105 -->\nThe ferry \u{202E}runs\u{202C} twice a day.\n";
        let found = codes(&linter, text);
        assert!(
            found.contains(&("X101".to_string(), "E105".to_string())),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(c, _)| c == "E105"),
            "bidi stays: {found:?}"
        );
    }

    #[test]
    fn a_disable_of_every_rule_never_silences_bidi_controls() {
        let linter = Linter::new();
        let text = "<!-- newslint-disable -->\nThe ferry \u{202E}runs\u{202C} twice a day.\n";
        assert!(codes(&linter, text).iter().any(|(c, _)| c == "E105"));
    }

    #[test]
    fn record_ignore_silences_and_reports_unused() {
        let linter = Linter::new();
        let mut diags = linter.check_text(SOURCED);
        assert!(!diags.is_empty());
        let mut ignore = linter.record_ignore([
            (ByteSpan::new(0, 4), "S103"),
            (ByteSpan::new(6, 10), "A106"),
            (ByteSpan::new(12, 16), "Q1"),
        ]);
        linter.apply_record_ignore(&mut ignore, &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let problems = linter.record_ignore_problems(&ignore, linter.base_selection());
        let spans: Vec<usize> = problems.iter().map(|(s, _)| s.start).collect();
        assert_eq!(spans, vec![6, 12], "{problems:?}");
    }
}
