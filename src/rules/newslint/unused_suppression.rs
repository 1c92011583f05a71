use crate::declare_rule;
use crate::document::Document;
use crate::rule::{FixAvailability, Rule, RuleMeta, Sink};

declare_rule! {
    /// ## What it does
    /// Finds suppressions that do nothing: a `newslint-disable` comment, or a record's ignore
    /// list, that names a rule with no finding where it applies, a name that is no rule, or a rule
    /// that cannot be suppressed.
    ///
    /// ## Why is this bad
    /// A suppression outlives the finding it was written for: once the text is fixed, it stays
    /// and silently hides the next real finding of that rule in the same place. A misspelt code
    /// suppresses nothing while looking as if it did. (ruff's `RUF100` does the same for `noqa`.)
    ///
    /// A suppression of a corpus rule (`N103`, `A107`) is never reported as unused: its findings
    /// are known only once the whole corpus is read. A rule that is off for the file is not
    /// reported either.
    ///
    /// ## Example
    /// ```text
    /// <!-- newslint-disable-next-line S103 -->
    /// The ferry will run twice a day, the harbour master said.
    /// ```
    /// The line has no unnamed source: the comment is unused.
    ///
    /// ## Fix safety
    /// No fix: delete the comment, or the code, by hand.
    pub fn unused_suppression_meta {
        code: "X101",
        name: "unused-suppression",
        family: Newslint,
        severity: Warning,
        fix: FixAvailability::None,
        suppressible: false,
    }
}

/// The rule's name, by which the engine finds it.
pub const NAME: &str = "unused-suppression";

/// Its findings come from the engine's suppression pass
/// ([`crate::engine::suppress`]), which alone knows what was suppressed.
pub struct UnusedSuppression(RuleMeta);

impl Default for UnusedSuppression {
    fn default() -> Self {
        Self(unused_suppression_meta())
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &RuleMeta {
        &self.0
    }

    fn check(&self, _doc: &Document<'_>, _sink: &mut Sink<'_>) {}
}
