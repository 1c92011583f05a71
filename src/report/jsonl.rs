//! The `jsonl` format: one compact JSON object per finding and line, the same object as in
//! `--format json` (the [`Located`](super::Located) contract), for streaming into `jq`, databases
//! and notebooks; input errors ([`InputProblem`](super::InputProblem)) follow, one per line too.

use serde::Serialize;

/// One `serde_json` object per line, each line ending in `\n`; nothing at all for no items.
pub fn render_jsonl<T: Serialize>(all: &[T]) -> String {
    let mut out = String::new();
    for l in all {
        // Serializing plain strings, numbers and options cannot fail.
        out.push_str(&serde_json::to_string(l).expect("serialisable"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::concise::fixtures;
    use super::*;
    use serde_json::Value;

    #[test]
    fn one_object_per_line() {
        let all = fixtures::samples();
        let out = render_jsonl(&all);
        assert!(out.ends_with('\n'));
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), all.len());
        for (line, l) in lines.iter().zip(&all) {
            let v: Value = serde_json::from_str(line).unwrap();
            assert_eq!(v, serde_json::to_value(l).unwrap());
            assert_eq!(v["message"], l.message.as_str());
        }
        let v: Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(v["record"], 3);
        assert_eq!(v["field"], "body");
        assert_eq!(v["text"], "Zürich");
        let v: Value = serde_json::from_str(lines[0]).unwrap();
        assert!(v["record"].is_null());
        assert_eq!(render_jsonl::<crate::report::Located>(&[]), "");
    }
}
