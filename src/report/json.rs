//! The `json` format: one pretty-printed array of the findings (the [`Located`] contract, sorted)
//! followed by the input errors ([`InputProblem`], in input order).

use super::{InputProblem, Located};
use serde::Serialize;

/// One item of the array, `value` pretty-printed with each line indented by two spaces, without a
/// separator: what `serde_json`'s pretty array holds, so items can be written one at a time.
pub fn json_item(out: &mut String, value: &impl Serialize) {
    // Serializing plain strings, numbers and options cannot fail.
    let item = serde_json::to_string_pretty(value).expect("serialisable");
    for (k, line) in item.lines().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
}

/// The whole array, ending in a newline (`[]` for nothing).
pub fn render_json(all: &[Located], problems: &[InputProblem]) -> String {
    if all.is_empty() && problems.is_empty() {
        return "[]\n".to_string();
    }
    fn push(out: &mut String, value: &impl Serialize) {
        out.push_str(if out.is_empty() { "[\n" } else { ",\n" });
        json_item(out, value);
    }
    let mut out = String::new();
    for l in all {
        push(&mut out, l);
    }
    for p in problems {
        push(&mut out, p);
    }
    out.push_str("\n]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::super::problem::fixtures::problems;
    use super::*;
    use serde_json::Value;

    #[test]
    fn the_array_serde_json_would_write_then_the_errors() {
        let all = fixtures::samples();
        assert_eq!(
            render_json(&all, &[]),
            serde_json::to_string_pretty(&all).unwrap() + "\n"
        );
        assert_eq!(render_json(&[], &[]), "[]\n");
        let out = render_json(&all, &problems());
        let v: Vec<Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(v.len(), all.len() + 2);
        assert!(v[..all.len()].iter().all(|d| d.get("kind").is_none()));
        assert_eq!(v[all.len()]["kind"], "error");
        assert!(v[all.len()]["code"].is_null());
        assert_eq!(v[all.len() + 1]["path"], "corpus/e.bin");
    }
}
