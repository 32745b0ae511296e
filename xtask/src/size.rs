//! `cargo xtask size`: what the checker costs to load.
//!
//! Every file directly in `dist/` but the embed loader is fetched on the
//! checker's first load (the page, its script, loader, wasm, stylesheet,
//! icon and config), so the first-load transfer is the sum of their brotli
//! sizes, as `resetcheck serve` sends them. `embed.js` loads on the host
//! page instead, and `dist/support/` is the support page, which the
//! checker never loads; it is listed apart.

use crate::{run, Result};
use std::io::Write;
use std::path::Path;

/// Files in `dist/` the checker page itself never loads.
const NOT_FIRST_LOAD: [&str; 1] = ["embed.js"];

struct Sizes {
    raw: usize,
    gzip: usize,
    brotli: usize,
}

fn measure(bytes: &[u8]) -> Sizes {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gzip = gz.write_all(bytes).and_then(|()| gz.finish()).map(|v| v.len()).unwrap_or(bytes.len());
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    let brotli = brotli::BrotliCompress(&mut &bytes[..], &mut br, &params).map(|_| br.len()).unwrap_or(bytes.len());
    // A compressed variant bigger than the file itself is never sent.
    Sizes { raw: bytes.len(), gzip: gzip.min(bytes.len()), brotli: brotli.min(bytes.len()) }
}

/// Prints a table of `dir`'s files and returns the brotli first-load total.
fn table(title: &str, dir: &Path) -> Result<usize> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e} (build it first)", dir.display()))?
        .flatten()
        .filter(|e| e.path().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    files.sort_by_key(|e| e.file_name());
    println!("\n{title} ({})", dir.display());
    println!("{:<48} {:>10} {:>10} {:>10}", "file", "raw", "gzip -9", "brotli 11");
    let (mut raw, mut gzip, mut brotli) = (0, 0, 0);
    for entry in files {
        let bytes = std::fs::read(entry.path()).map_err(|e| e.to_string())?;
        let s = measure(&bytes);
        let name = entry.file_name().to_string_lossy().into_owned();
        if NOT_FIRST_LOAD.contains(&name.as_str()) {
            println!("{:<48} {:>10} {:>10} {:>10}  (host page, not first load)", name, s.raw, s.gzip, s.brotli);
            continue;
        }
        println!("{:<48} {:>10} {:>10} {:>10}", name, s.raw, s.gzip, s.brotli);
        raw += s.raw;
        gzip += s.gzip;
        brotli += s.brotli;
    }
    println!("{:<48} {:>10} {:>10} {:>10}", "first-load total", raw, gzip, brotli);
    Ok(brotli)
}

/// Prints the size report for `dist/`, and with `baseline` the bare
/// Leptos hello-world built the same way and the difference.
pub fn report(root: &Path, baseline: bool) -> Result {
    let app = table("resetcheck", &root.join("dist"))?;
    table("the support page (support agents only; the checker never loads it)", &root.join("dist").join("support"))?;
    if baseline {
        crate::tools::ensure_build_tools(root)?;
        let dir = root.join("xtask").join("baseline");
        run(root, "cargo", &["fetch", "--target", "wasm32-unknown-unknown"], &[])?;
        run(&dir, "trunk", &["build", "--release"], &[("TRUNK_SKIP_VERSION_CHECK", "true")])?;
        let base = table("bare Leptos hello-world, built the same way", &root.join("target").join("baseline-dist"))?;
        let delta = app as i64 - base as i64;
        println!(
            "\nfirst-load brotli: resetcheck {app} B, hello-world {base} B, difference {delta} B (budget 102400 B)"
        );
        if delta > 102_400 {
            return Err(format!("the checker adds {delta} B over a bare Leptos page, more than the 100 KB budget"));
        }
    }
    Ok(())
}
