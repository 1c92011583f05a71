//! Inputs that are not ordinary files (issue 23, defects 4, 6 and 7): FIFOs and devices are
//! refused without being read, files whose names are not UTF-8 are checked, and a forced UTF-16
//! encoding reads a file with no byte-order mark.

mod common;

use common::{MOJIBAKE_SENTENCE, newslint, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Run newslint, killing it (and failing) if it has not finished within 60 s: a hang is the bug.
fn newslint_bounded(args: &[&str], cwd: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newslint");
    let start = Instant::now();
    while child.try_wait().expect("poll").is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("newslint {args:?} still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("collect output")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid NUL-terminated path that lives across the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_as_input_is_refused_and_the_other_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    mkfifo(&p.join("pipe.txt"));
    std::fs::write(p.join("story.txt"), format!("{MOJIBAKE_SENTENCE}\n")).unwrap();
    let out = newslint_bounded(
        &["check", "--format", "concise", "pipe.txt", "story.txt"],
        p,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("pipe.txt") && err.contains("FIFO"), "{err}");
    assert!(stdout(&out).contains("story.txt:1:"), "{}", stdout(&out));
}

/// The run failed, and said the input was a character device (miette may wrap the words).
fn assert_refused_device(out: &Output) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr(out));
    let err = stderr(out);
    assert!(err.contains("character") && err.contains("device"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_device_is_refused_as_input_pack_or_config_pack() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("story.txt"), format!("{MOJIBAKE_SENTENCE}\n")).unwrap();

    let out = newslint_bounded(&["check", "/dev/zero", "story.txt"], p);
    assert_refused_device(&out);

    let out = newslint_bounded(&["check", "--pack", "/dev/zero", "story.txt"], p);
    assert_refused_device(&out);

    std::fs::write(p.join("newslint.toml"), "packs = [\"/dev/zero\"]\n").unwrap();
    let out = newslint_bounded(&["check", "story.txt"], p);
    assert_refused_device(&out);

    let out = newslint_bounded(
        &[
            "check",
            "--isolated",
            "--baseline",
            "/dev/zero",
            "story.txt",
        ],
        p,
    );
    assert_refused_device(&out);
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_name_is_not_utf8_is_walked_and_checked() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("corpus")).unwrap();
    // Latin-1 `é` in the name: not UTF-8.
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(
        p.join("corpus").join(name),
        format!("{MOJIBAKE_SENTENCE}\n"),
    )
    .unwrap();
    let jname = std::ffi::OsStr::from_bytes(b"r\xe9cit.jsonl");
    let record = serde_json::json!({ "text": MOJIBAKE_SENTENCE }).to_string();
    std::fs::write(p.join("corpus").join(jname), format!("{record}\n")).unwrap();

    let out = newslint_bounded(&["check", "--format", "concise", "corpus"], p);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    // Reported under the lossy name, each as what its extension says.
    assert!(text.contains("corpus/caf\u{fffd}.txt:1:"), "{text}");
    assert!(text.contains("corpus/r\u{fffd}cit.jsonl:1:"), "{text}");
    assert!(text.contains("E103"), "{text}");

    // And fixed in place under its real name.
    let out = newslint_bounded(&["check", "--fix", "corpus"], p);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let fixed = std::fs::read_to_string(p.join("corpus").join(name)).unwrap();
    assert!(fixed.contains("caf\u{e9} on"), "{fixed}");
}

#[test]
fn a_forced_utf16_encoding_reads_a_file_with_no_bom() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = format!("{MOJIBAKE_SENTENCE}\n");
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(p.join("story.txt"), &bytes).unwrap();

    // Without the encoding, NUL bytes mean binary.
    let out = newslint(&["check", "story.txt"], p);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("binary"), "{}", stderr(&out));

    let out = newslint(
        &[
            "check",
            "--encoding",
            "utf-16le",
            "--format",
            "json",
            "story.txt",
        ],
        p,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let findings = common::json(&out);
    let e103 = findings
        .iter()
        .find(|f| f["code"] == "E103")
        .unwrap_or_else(|| panic!("no E103 in {findings:?}"));
    // The mojibake starts at `\u{c3}`: two bytes per UTF-16 code unit before it.
    let units_before = text[..text.find('\u{c3}').unwrap()].encode_utf16().count();
    assert_eq!(
        e103["offset"].as_u64(),
        Some(2 * units_before as u64),
        "{e103}"
    );
}
