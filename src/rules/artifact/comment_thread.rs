use crate::ByteSpan;
use crate::declare_rule;
use crate::document::Document;
use crate::rule::{Applicability, Fix, FixAvailability, Rule, RuleMeta, RuleOptions, Sink};
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// ## What it does
    /// Finds a thread of reader comments that the extractor kept after the article. A comment
    /// thread is recognised by its signatures: a commenter's line with a date and a time
    /// (`Dana Holm March 3, 2031 at 9:12 pm`), `Name says:` or `Name wrote:`, `Posted by Name on
    /// March 3, 2031`, and the `Reply` or `Report this comment` links under each comment. When at
    /// least three signatures follow one another (at most 30 non-blank lines apart) after the
    /// first lines of the page, everything from the first of them to the end of the text is
    /// reported as one thread, together with a heading just before it (`12 Comments`, `Leave a
    /// Reply`, `5 thoughts on "…"`).
    ///
    /// ## Why is this bad
    /// Comments are not the article: they are other authors' words, often unedited, abusive or
    /// spam, and they can be longer than the story. Left in a news corpus they mix forum text into
    /// what is counted or trained as journalism, and their signatures repeat personal names.
    ///
    /// ## Example
    /// ```text
    /// The ferry timetable changes on Monday.
    /// 3 Comments
    /// Dana Holm March 3, 2031 at 9:12 pm
    /// About time.
    /// Reply
    /// Piet Aalto March 3, 2031 at 9:40 pm
    /// Still no night boat.
    /// Reply
    /// ```
    /// Everything from `3 Comments` on is reported.
    ///
    /// ## Fix safety
    /// Deleting the thread is unsafe: the rule reads signatures, not meaning, and a page built of
    /// dated entries (a live blog, letters to the editor) can look the same. Review it, then apply
    /// with `--unsafe-fixes`.
    ///
    /// ## Options
    /// `min-signatures` (default 3): how many comment signatures in a row make a thread.
    pub fn comment_thread_meta {
        code: "A108",
        name: "comment-thread",
        family: Artifact,
        severity: Warning,
        fix: FixAvailability::Always(Applicability::Unsafe),
    }
}

/// The rule's name, for the engine (a thread holds other artifact findings: it wins over them).
pub const NAME: &str = "comment-thread";

/// Signatures further apart than this many non-blank lines do not belong to one thread.
const MAX_GAP: usize = 30;
/// A thread does not start among the first lines of the page (a byline with a time is there).
const MIN_START: usize = 3;
/// Only lines this short can be signatures.
const MAX_SIGNATURE_BYTES: usize = 120;

pub struct CommentThread {
    meta: RuleMeta,
    min_signatures: usize,
}

impl Default for CommentThread {
    fn default() -> Self {
        Self {
            meta: comment_thread_meta(),
            min_signatures: 3,
        }
    }
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";

fn date() -> String {
    format!(
        r"(?:{m}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{m},?\s+\d{{4}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d\d-\d\d)",
        m = MONTH
    )
}

/// The patterns: signatures (`says:`, a dated commenter line, `Posted by … DATE`, the action
/// links) and thread headings.
struct Patterns {
    says: Regex,
    dated: Regex,
    posted: Regex,
    action: Regex,
    heading: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let d = date();
    let time = r"\d{1,2}:\d\d\s*(?:[ap]\.?m\.?)?";
    Patterns {
        says: Regex::new(r#"(?i)^[^"“”!?]{1,60}?\b(?:says|said|wrote|writes)\s*:$"#).expect("valid"),
        dated: Regex::new(&format!(
            r"(?i)^.{{1,50}}?\s*{d}\s*(?:at|@|,|-|\|)?\s*{time}.{{0,20}}$"
        ))
        .expect("valid"),
        posted: Regex::new(&format!(r"(?i)^(?:posted|submitted)\s+by\b.{{1,60}}{d}")).expect("valid"),
        action: Regex::new(
            r"(?i)^(?:reply|reply to this comment|report this comment|report abuse|permalink)\s*(?:[↓|]\s*)?$",
        )
        .expect("valid"),
        heading: Regex::new(
            r"(?i)^(?:\d+\s+(?:comments?|responses?|replies|thoughts? on\b.*)|leave a (?:reply|comment)|post a comment|add a comment|comments?|join the discussion|reader comments|discussion)\s*[:|]?$",
        )
        .expect("valid"),
    }
});

thread_local! {
    /// Per-thread clones: a shared `Regex` serialises worker threads on its cache pool.
    static LOCAL: Patterns = {
        let p = &*PATTERNS;
        Patterns {
            says: p.says.clone(),
            dated: p.dated.clone(),
            posted: p.posted.clone(),
            action: p.action.clone(),
            heading: p.heading.clone(),
        }
    };
}

impl Patterns {
    /// Is this trimmed line a comment signature? Cheap byte tests run before each pattern.
    fn signature(&self, t: &str) -> bool {
        if t.is_empty() || t.len() > MAX_SIGNATURE_BYTES {
            return false;
        }
        let b = t.as_bytes();
        let lower0 = b[0].to_ascii_lowercase();
        if t.ends_with(':') && self.says.is_match(t) {
            return true;
        }
        if (lower0 == b'r' || lower0 == b'p') && self.action.is_match(t) {
            return true;
        }
        let digit = b.iter().any(u8::is_ascii_digit);
        if !digit {
            return false;
        }
        let byline = b.len() > 3 && b[..3].eq_ignore_ascii_case(b"by ");
        if !byline && memchr::memchr(b':', b).is_some() && self.dated.is_match(t) {
            return true;
        }
        (lower0 == b'p' || lower0 == b's') && self.posted.is_match(t)
    }
}

/// Where the thread starts: the line index of the first signature of the first run of at least
/// `min` signatures (each at most [`MAX_GAP`] non-blank lines from the next), not among the first
/// [`MIN_START`] non-blank lines, moved back to a heading just before it.
fn thread_start(doc: &Document<'_>, p: &Patterns, min: usize) -> Option<usize> {
    let text = doc.text();
    let lines = doc.lines();
    // The line index of each non-blank line, by rank; the run of signatures being read as
    // (first line, first rank, last rank, count).
    let mut ranks = Vec::new();
    let mut run: Option<(usize, usize, usize, usize)> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.blank {
            continue;
        }
        let r = ranks.len();
        ranks.push(i);
        // A signature among the first lines (a byline with a time) starts no thread.
        if r < MIN_START || !p.signature(l.span.trim(text).slice(text)) {
            continue;
        }
        let (first, fr, _, n) = match run {
            Some((first, fr, last, n)) if r - last <= MAX_GAP => (first, fr, r, n + 1),
            _ => (i, r, r, 1),
        };
        run = Some((first, fr, r, n));
        if n >= min {
            // A heading among the three non-blank lines before the first signature.
            let mut start = first;
            for &j in ranks[fr.saturating_sub(3)..fr].iter().rev() {
                if p.heading.is_match(lines[j].span.trim(text).slice(text)) {
                    start = j;
                }
            }
            return Some(start);
        }
    }
    None
}

impl Rule for CommentThread {
    fn meta(&self) -> &RuleMeta {
        &self.meta
    }

    fn configure(&mut self, options: &RuleOptions) -> Result<(), String> {
        for (k, v) in options {
            match (k.as_str(), v) {
                ("min-signatures", toml::Value::Integer(n)) if (2..=50).contains(n) => {
                    self.min_signatures = *n as usize
                }
                ("min-signatures", _) => {
                    return Err("`min-signatures` must be an integer from 2 to 50".into());
                }
                _ => return Err(format!("rule `{}` has no option `{k}`", self.meta.name)),
            }
        }
        Ok(())
    }

    fn check(&self, doc: &Document<'_>, sink: &mut Sink<'_>) {
        let Some(start) = LOCAL.with(|p| thread_start(doc, p, self.min_signatures)) else {
            return;
        };
        let text = doc.text();
        let lines = doc.lines();
        let Some(last) = lines.iter().rposition(|l| !l.blank) else {
            return;
        };
        let span = ByteSpan::new(
            lines[start].span.trim(text).start,
            lines[last].span.trim(text).end,
        );
        let shown = lines.iter().skip(start).filter(|l| !l.blank).count();
        // Delete from the end of the line before the thread (its line break) to the end of the
        // thread, so that no empty line is left behind.
        let from = if start > 0 {
            lines[start - 1].span.end
        } else {
            lines[start].full.start
        };
        let deletion = ByteSpan::new(from, lines[last].span.end);
        sink.report(
            span,
            format!("a thread of reader comments ({shown} lines) kept after the article"),
        )
        .help("delete the thread: comments are not the article's text")
        .fix(Fix::delete(
            Applicability::Unsafe,
            "Delete the comment thread",
            deletion,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(text: &str) -> Vec<String> {
        crate::rule::flagged_spans(&CommentThread::default(), text)
    }

    const ARTICLE: &str = "Ferry timetable changes\nThe ferry timetable changes on Monday, the harbour office said.\nNight crossings will stop in winter.\n";

    #[test]
    fn flags_a_thread_from_its_heading_to_the_end() {
        let text = format!(
            "{ARTICLE}3 Comments\nDana Holm March 3, 2031 at 9:12 pm\nAbout time.\nReply\nPiet Aalto March 3, 2031 at 9:40 pm\nStill no night boat.\nReply"
        );
        let f = flagged(&text);
        assert_eq!(f.len(), 1);
        assert!(f[0].starts_with("3 Comments\nDana Holm"), "{f:?}");
        assert!(f[0].ends_with("Still no night boat.\nReply"), "{f:?}");
    }

    #[test]
    fn says_signatures_make_a_thread() {
        let text = format!(
            "{ARTICLE}Leave a Reply\nOla N. says:\nGood news.\nMara says:\nNot for us.\nJon Berg wrote:\nFinally."
        );
        let f = flagged(&text);
        assert_eq!(f.len(), 1);
        assert!(f[0].starts_with("Leave a Reply\nOla N. says:"), "{f:?}");
    }

    #[test]
    fn leaves_bylines_quotes_and_lone_signatures_alone() {
        // A byline with a time at the top, quotes that end in `said`, one signature.
        let text = format!(
            "Chris Holm - March 3, 2031, 9:12 pm CET\n{ARTICLE}\"We will see,\" she said\nDana Holm March 3, 2031 at 9:12 pm\nReply"
        );
        assert!(flagged(&text).is_empty());
        // Signatures far apart are not one thread.
        let filler = "The harbour office gave no reason for the change.\n".repeat(40);
        let text = format!("{ARTICLE}Reply\n{filler}Reply\n{filler}Reply\n");
        assert!(flagged(&text).is_empty());
        // Signatures among the first lines start nothing.
        assert!(flagged("Reply\nReply\nReply\nThe council met.").is_empty());
    }

    #[test]
    fn the_fix_deletes_the_thread_and_its_line_break() {
        let text = format!("{ARTICLE}Ola says:\nGood.\nMara says:\nBad.\nJon says:\nFine.\n");
        let doc = Document::new(&text);
        let mut out = Vec::new();
        CommentThread::default().check(&doc, &mut Sink::new(crate::rule::RuleId(0), &mut out));
        let fix = out[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.applicability, Applicability::Unsafe);
        let e = &fix.edits[0];
        let fixed = format!(
            "{}{}{}",
            &text[..e.span.start],
            e.replacement,
            &text[e.span.end..]
        );
        assert_eq!(fixed, format!("{}\n", ARTICLE.trim_end()));
    }
}
