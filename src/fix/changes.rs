//! Where fixing changed an input, composed over the rounds of the fix loop: pairs of a range of
//! the original bytes and the range of the fixed bytes that replaced it. Outside those ranges the
//! two are the same bytes, so a caller that holds the input in another form (a JSON string
//! literal with its own escapes) can keep everything the fixes did not touch.

use std::ops::Range;

/// A replacement of the bytes `start..end` by new bytes: `(start, end, replacement)`.
pub type Splice = (usize, usize, Vec<u8>);

/// The changed regions, `(original range, fixed range)`, in order and not overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes(Vec<(Range<usize>, Range<usize>)>);

impl Changes {
    pub fn regions(&self) -> &[(Range<usize>, Range<usize>)] {
        &self.0
    }

    /// Add a round of splices (`(start, end, replacement)` in the current bytes, sorted, not
    /// overlapping): the current bytes become the next. Regions that overlap or touch merge.
    pub fn compose(&mut self, splices: &[Splice]) {
        let old = std::mem::take(&mut self.0);
        // Both lists hold ranges of the current bytes: the regions' fixed side, the splices'.
        let (mut h, mut s) = (old.into_iter().peekable(), splices.iter().peekable());
        // current - original, over the regions passed; next - current, over the splices passed.
        let (mut d_orig, mut d_next) = (0isize, 0isize);
        loop {
            let start = match (h.peek(), s.peek()) {
                (None, None) => break,
                (Some((_, c)), None) => c.start,
                (None, Some(sp)) => sp.0,
                (Some((_, c)), Some(sp)) => c.start.min(sp.0),
            };
            let (orig_start, next_start) = (shift(start, -d_orig), shift(start, d_next));
            let mut end = start;
            loop {
                if let Some((o, c)) = h.peek().filter(|(_, c)| c.start <= end) {
                    end = end.max(c.end);
                    d_orig += c.len() as isize - o.len() as isize;
                    h.next();
                } else if let Some(sp) = s.peek().filter(|sp| sp.0 <= end) {
                    end = end.max(sp.1);
                    d_next += sp.2.len() as isize - (sp.1 - sp.0) as isize;
                    s.next();
                } else {
                    break;
                }
            }
            self.0.push((
                orig_start..shift(end, -d_orig),
                next_start..shift(end, d_next),
            ));
        }
    }
}

fn shift(at: usize, by: isize) -> usize {
    at.checked_add_signed(by)
        .expect("a point outside every region maps inside the bytes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Random rounds of sorted, non-overlapping splices of a byte string.
    fn rounds() -> impl Strategy<Value = (Vec<u8>, Vec<Vec<Splice>>)> {
        (
            proptest::collection::vec(b'a'..=b'e', 0..40),
            proptest::collection::vec(
                proptest::collection::vec(
                    (
                        0usize..50,
                        0usize..4,
                        proptest::collection::vec(b'X'..=b'Z', 0..4),
                    ),
                    0..5,
                ),
                0..5,
            ),
        )
    }

    fn apply(bytes: &[u8], splices: &[Splice]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = 0;
        for (s, e, r) in splices {
            out.extend_from_slice(&bytes[at..*s]);
            out.extend_from_slice(r);
            at = *e;
        }
        out.extend_from_slice(&bytes[at..]);
        out
    }

    proptest! {
        #[test]
        fn composed_regions_rebuild_the_fixed_bytes((base, raw_rounds) in rounds()) {
            let mut changes = Changes::default();
            let mut now = base.clone();
            for raw in raw_rounds {
                // Make the round valid for the current bytes: sorted, in range, not overlapping.
                let mut raw = raw;
                raw.sort_by_key(|r| r.0);
                let mut splices = Vec::new();
                let mut at = 0;
                for (s, len, r) in raw {
                    let s = s.max(at).min(now.len());
                    let e = (s + len).min(now.len());
                    splices.push((s, e, r));
                    at = e;
                }
                changes.compose(&splices);
                now = apply(&now, &splices);
            }
            // The regions are in order, apart, and inside both byte strings.
            let regions = changes.regions();
            for w in regions.windows(2) {
                prop_assert!(w[0].0.end <= w[1].0.start && w[0].1.end <= w[1].1.start);
            }
            // Copying what lies between the regions from the original and the regions from
            // the fixed bytes rebuilds the fixed bytes; what lies between is the same in both.
            let (mut rebuilt, mut at_o, mut at_n) = (Vec::new(), 0, 0);
            for (o, n) in regions {
                prop_assert_eq!(&base[at_o..o.start], &now[at_n..n.start]);
                rebuilt.extend_from_slice(&base[at_o..o.start]);
                rebuilt.extend_from_slice(&now[n.clone()]);
                (at_o, at_n) = (o.end, n.end);
            }
            prop_assert_eq!(&base[at_o..], &now[at_n..]);
            rebuilt.extend_from_slice(&base[at_o..]);
            prop_assert_eq!(rebuilt, now);
        }
    }

    #[test]
    fn two_rounds_far_apart_stay_two_regions_and_touching_ones_merge() {
        let mut c = Changes::default();
        // "abcdefghij": "cd" -> "X", then (in "abXefghij") "hi" -> "YYY".
        c.compose(&[(2, 4, b"X".to_vec())]);
        c.compose(&[(6, 8, b"YYY".to_vec())]);
        assert_eq!(c.regions(), &[(2..4, 2..3), (7..9, 6..9)]);
        // Then "X" grows at its end: one region.
        c.compose(&[(3, 3, b"W".to_vec())]);
        assert_eq!(c.regions(), &[(2..4, 2..4), (7..9, 7..10)]);
    }
}
