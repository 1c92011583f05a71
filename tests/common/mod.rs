//! Helpers shared by the tests that run the built binary.
#![allow(dead_code)] // each test file uses a different subset

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// A sentence of our own with one mojibake word (`café` read as Windows-1252): one E103 warning
/// with a safe fix.
pub const MOJIBAKE_SENTENCE: &str = "The new caf\u{c3}\u{a9} on Orrin Street opened on Monday.";

/// Run the built `newslint` in `cwd`, colour off.
pub fn newslint(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run newslint")
}

/// Run the built `newslint` in `cwd` with `input` on its standard input, colour off.
pub fn newslint_stdin(args: &[&str], cwd: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newslint");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for newslint")
}

/// The JSON array printed by `--format json`.
pub fn json(out: &Output) -> Vec<Value> {
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("bad JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
        .as_array()
        .expect("array")
        .clone()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Run the built `newslint ARGS` in `dir` and return its peak resident set in KiB: its
/// high-water mark since its exec (VmHWM, not the memory it was forked with), sampled until it
/// ends; it only grows, so the last sample is the largest. Standard output goes to /dev/null (the
/// run streams it, the test need not hold it); the run must exit 0 or 1.
pub fn peak_rss_kib(args: &[&str], dir: &Path) -> u64 {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newslint"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut peak_kib = 0u64;
    let status = loop {
        if let Ok(s) = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
            && let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    assert!(matches!(status.code(), Some(0 | 1)), "{status}");
    assert!(peak_kib > 0, "sampled");
    peak_kib
}
