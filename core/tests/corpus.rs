//! The link corpus: real rewritten and damaged links, each with its public source, must unwrap to the original.
//!
//! `tests/data/links.jsonl` holds one JSON object per line: `kind`, `input` (what a user might paste), `original`
//! (the link the sender wrote, byte for byte; `null` when an opaque wrapper hides it), `wrapper` (the wrapper word
//! the analysis must name, or `null`) and `source` (the public page, issue or reference file it came from). This is
//! the crate's one integration-test binary.

use resetcheck_core::link::{analyze, LinkConfig};
use resetcheck_core::report::Param;

struct Row {
    line: usize,
    kind: String,
    input: String,
    original: Option<String>,
    wrapper: Option<String>,
    source: String,
}

fn rows() -> Vec<Row> {
    let text = include_str!("data/links.jsonl");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
            let text = |key: &str| v.get(key).and_then(|x| x.as_str()).map(str::to_owned);
            Row {
                line: i + 1,
                kind: text("kind").expect("kind"),
                input: text("input").expect("input"),
                original: text("original"),
                wrapper: text("wrapper"),
                source: text("source").expect("source"),
            }
        })
        .collect()
}

#[test]
fn every_row_unwraps_to_its_original() {
    let mut failures = Vec::new();
    for row in rows() {
        let a = analyze(&row.input, &LinkConfig::default(), None);
        if a.unwrapped != row.original {
            failures.push(format!("line {} ({}): got {:?}, want {:?}", row.line, row.kind, a.unwrapped, row.original));
            continue;
        }
        if let Some(wrapper) = &row.wrapper {
            let named = a.layers.iter().any(|l| l.wrapper == wrapper);
            let opaque_named = a
                .findings
                .iter()
                .any(|f| f.id == "link.opaque_wrapper" && f.params.get("wrapper") == Some(&Param::Word(leak(wrapper))));
            if !named || (row.original.is_none() && !opaque_named) {
                failures
                    .push(format!("line {} ({}): wrapper {wrapper} not named: {:?}", row.line, row.kind, a.findings));
            }
        }
        if row.original.is_none() && a.openable {
            failures.push(format!("line {} ({}): an opaque link is openable", row.line, row.kind));
        }
    }
    assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n"));
}

/// Param words are `&'static str`; the test compares against one made from the row.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

#[test]
fn corpus_is_large_varied_and_sourced() {
    let rows = rows();
    let mut kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert!(rows.len() >= 60, "only {} rows", rows.len());
    assert!(kinds.len() >= 15, "only {} kinds", kinds.len());
    for row in &rows {
        assert!(
            row.source.starts_with("https://") || row.source.starts_with("shared/reference/"),
            "line {}: source {:?} is neither a public URL nor a reference file",
            row.line,
            row.source
        );
    }
}

#[test]
fn no_row_is_openable_without_a_configured_host() {
    for row in rows() {
        assert!(!analyze(&row.input, &LinkConfig::default(), None).openable, "line {}", row.line);
    }
}
