//! Times the link analysis over the committed corpus: the issue asks for under 1 ms per link natively.
//!
//! Run with `cargo run --release -p resetcheck-core --example link_bench`. Each corpus row is analysed a number of
//! times after a warm-up; the report gives each row's mean and worst time, then the mean and worst over all rows.
//! A benchmark, not a test: timings depend on the machine, so nothing here fails on a slow one.

use resetcheck_core::link::{analyze, LinkConfig};
use std::hint::black_box;
use std::time::{Duration, Instant};

const RUNS: u32 = 200;

fn main() {
    let corpus = include_str!("../tests/data/links.jsonl");
    let inputs: Vec<(String, String)> = corpus
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|row| Some((row.get("kind")?.as_str()?.to_owned(), row.get("input")?.as_str()?.to_owned())))
        .collect();
    let config = LinkConfig::default();
    let mut means = Vec::with_capacity(inputs.len());
    let mut worst_overall = Duration::ZERO;
    for (i, (kind, input)) in inputs.iter().enumerate() {
        for _ in 0..10 {
            black_box(analyze(black_box(input), &config, Some(1_700_000_000_000)));
        }
        let mut total = Duration::ZERO;
        let mut worst = Duration::ZERO;
        for _ in 0..RUNS {
            let start = Instant::now();
            black_box(analyze(black_box(input), &config, Some(1_700_000_000_000)));
            let took = start.elapsed();
            total += took;
            worst = worst.max(took);
        }
        let mean = total / RUNS;
        means.push(mean);
        worst_overall = worst_overall.max(worst);
        println!("{:>3} {kind:<28} mean {:>8.1} µs  max {:>8.1} µs", i + 1, micros(mean), micros(worst));
    }
    let count = u32::try_from(means.len()).unwrap_or(u32::MAX).max(1);
    let mean_overall = means.iter().sum::<Duration>() / count;
    println!(
        "{} links, {RUNS} runs each: mean {:.1} µs per link, max {:.1} µs",
        means.len(),
        micros(mean_overall),
        micros(worst_overall)
    );
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
