//! Times the core on the slowest inputs found so far for each entry point that reads what anyone can
//! paste, link or deploy: the support page's code finder, the link test, the `?checks=` option and the
//! config validator. Each must stay well under 50 ms natively (a phone is several times slower).
//!
//! Run with `cargo run --release -p resetcheck-core --example worst_inputs`. The inputs come from the
//! fuzz audit of 2026-11-26, which measured them before their fixes (in brackets). A benchmark, not a
//! test: timings depend on the machine, so nothing here fails on a slow one.

use resetcheck_core::messages::{Catalogue, Locale};
use resetcheck_core::report::CheckId;
use resetcheck_core::{code, config, link};
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: u32 = 7;

/// A name, the time the audit measured before the fix, and the run.
type Case = (&'static str, &'static str, Box<dyn Fn()>);

fn main() {
    let now = 1_773_500_000_000;
    let hosts: Vec<String> = (0..19_517).map(|i| format!("\"a{i}.test\"")).collect();
    let many_hosts = format!(r#"{{"reset_link": {{"hosts": [{}]}}}}"#, hosts.join(","));
    let wrapped = format!("{} https://example.com/abcdefghij{}", "x".repeat(128 * 1024), "\n%".repeat(64 * 1024));
    let checks = "1,".repeat(32_768);
    let cases: Vec<Case> = vec![
        ("code finder: 4 KB of four-digit numbers", "139 ms", {
            let text = "1234 ".repeat(819) + "thank you";
            Box::new(move || drop(black_box(code::find_at(black_box(&text), now))))
        }),
        ("code finder: 4 KB of one-letter words", "108 ms", {
            let text = "A ".repeat(2048);
            Box::new(move || drop(black_box(code::find_at(black_box(&text), now))))
        }),
        ("code finder: 4 KB of code-like groups", "39 ms", {
            let text = "DKR3-3A6W-K0GM ".repeat(273);
            Box::new(move || drop(black_box(code::find_at(black_box(&text), now))))
        }),
        ("link test: 256 KB of wrapped lines", "242 ms", {
            Box::new(move || drop(black_box(link::analyze(black_box(&wrapped), &link::LinkConfig::default(), None))))
        }),
        ("?checks= with 32,768 names", "77 ms", {
            Box::new(move || {
                let cat = Catalogue::checker(Locale::En);
                drop(black_box(CheckId::option_warnings(Some(black_box(&checks)), None, cat)))
            })
        }),
        (
            "config with 19,517 hosts (256 KB)",
            "533 ms",
            Box::new(move || drop(black_box(config::load(black_box(&many_hosts))))),
        ),
    ];
    for (name, before, run) in &cases {
        run();
        let mut worst = Duration::ZERO;
        let mut best = Duration::MAX;
        for _ in 0..RUNS {
            let start = Instant::now();
            run();
            let took = start.elapsed();
            worst = worst.max(took);
            best = best.min(took);
        }
        println!("{name:<42} best {:>7.2} ms  worst {:>7.2} ms  (was {before})", ms(best), ms(worst));
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
