//! The fix loop: [`fix_bytes`] on any bytes (detected encoding, safe fixes, or unsafe ones too
//! when the first byte is odd: the byte stays part of the input), as `check --fix` runs it.
//!
//! Invariants: fixing never panics and converges within its round limit; fixing the fixed
//! bytes again changes nothing and applies no fix (fixing twice is fixing once); when nothing is
//! applied the bytes are the input's; the changed regions it reports rebuild the fixed bytes
//! from the input (what lies between them is the input's); and the findings left are inside the
//! fixed text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newslint::fix::{FixMode, fix_bytes};
use newslint_fuzz::{LINTER, assert_findings};

fuzz_target!(|data: &[u8]| {
    let linter = &*LINTER;
    let mode = FixMode {
        unsafe_fixes: data.first().is_some_and(|b| b & 1 == 1),
    };
    let selection = linter.base_selection();
    let once = fix_bytes(linter, data, None, selection, mode).expect("fixes converge");
    if once.fixed() == 0 {
        assert_eq!(once.bytes, data, "bytes changed with no fix applied");
    }
    let (mut rebuilt, mut at_o, mut at_n) = (Vec::new(), 0, 0);
    for (o, n) in once.changes.regions() {
        assert_eq!(
            &data[at_o..o.start],
            &once.bytes[at_n..n.start],
            "kept bytes differ"
        );
        rebuilt.extend_from_slice(&data[at_o..o.start]);
        rebuilt.extend_from_slice(&once.bytes[n.clone()]);
        (at_o, at_n) = (o.end, n.end);
    }
    rebuilt.extend_from_slice(&data[at_o..]);
    assert_eq!(
        rebuilt, once.bytes,
        "the changed regions do not rebuild the fixed bytes"
    );
    assert_findings(linter, once.source.text(), &once.remaining);
    let twice = fix_bytes(linter, &once.bytes, None, selection, mode).expect("fixes converge");
    assert_eq!(
        twice.bytes, once.bytes,
        "fixing the fixed bytes changed them again ({:?})",
        twice.applied
    );
    assert_eq!(
        twice.fixed(),
        0,
        "fixes applied to fixed bytes: {:?}",
        twice.applied
    );
});
