//! Installs what the build and the tests need, skipping what is already
//! there at the right version, so a fresh machine and a warm one run the
//! same commands.
//!
//! Pins live in one place each: wasm-bindgen's in `Cargo.lock` (Trunk.toml
//! must agree), Trunk's here, wasm-opt's in `tools/package-lock.json`.

use crate::{run, Result};
use std::path::Path;
use std::process::Command;

const TRUNK_VERSION: &str = "0.22.1";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's chromedriver, matching Debian's chromium.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's Firefox ESR: the second engine (browser tests and end2end/tests/firefox.spec.ts).
const FIREFOX: &str = "/usr/bin/firefox-esr";
/// WebKitGTK's WebDriver server, which runs its MiniBrowser: the third
/// engine, Safari's (browser tests and end2end/tests/webkit.spec.ts).
pub const WEBKIT_DRIVER: &str = "/usr/bin/WebKitWebDriver";
/// The X server MiniBrowser needs, having no headless mode.
pub const XVFB: &str = "/usr/bin/Xvfb";
/// Debian packages the tests use: the browsers and their drivers, an X
/// server for WebKit, libfaketime (clock-skew tests), and nginx and Caddy
/// (the deployment guide's configs, tested).
const APT_PACKAGES: &[&str] =
    &["chromium", "chromium-driver", "firefox-esr", "webkit2gtk-driver", "xvfb", "faketime", "nginx", "caddy"];
/// Firefox's WebDriver server, from crates.io (Debian has none).
const GECKODRIVER_VERSION: &str = "0.37.1";

fn cargo_home() -> String {
    std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{}/.cargo", std::env::var("HOME").unwrap_or_default()))
}

/// Where `cargo install` puts `program`.
pub fn cargo_bin(program: &str) -> String {
    format!("{}/bin/{program}", cargo_home())
}

/// PATH with cargo's bin dir and the npm build tools first, so Trunk finds
/// the pinned tools before any stray system copy.
pub fn path_with_tools(root: &Path) -> String {
    let cargo_home = cargo_home();
    let npm_bin = root.join("tools").join("node_modules").join(".bin");
    let old = std::env::var("PATH").unwrap_or_default();
    format!("{}:{cargo_home}/bin:{old}", npm_bin.display())
}

/// The first line a tool prints for `--version`, if it runs at all.
fn version_of(root: &Path, program: &str) -> Option<String> {
    let out = Command::new(program).arg("--version").env("PATH", path_with_tools(root)).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).lines().next().unwrap_or("").trim().to_owned())
}

/// The wasm target, Trunk, wasm-bindgen-cli (the version Cargo.lock pins)
/// and wasm-opt (binaryen from npm).
pub fn ensure_build_tools(root: &Path) -> Result {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    let has_target =
        installed.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.trim() == WASM_TARGET));
    if !has_target {
        run(root, "rustup", &["target", "add", WASM_TARGET], &[])?;
    }

    if version_of(root, "trunk").as_deref() != Some(&format!("trunk {TRUNK_VERSION}")) {
        // 0.22 declares a newer rustc than this machine has, yet builds and
        // runs fine on it.
        run(
            root,
            "cargo",
            &["install", "trunk", "--version", TRUNK_VERSION, "--locked", "--ignore-rust-version"],
            &[],
        )?;
    }

    let bindgen = wasm_bindgen_version(root)?;
    check_trunk_toml_pin(root, &bindgen)?;
    if version_of(root, "wasm-bindgen").as_deref() != Some(&format!("wasm-bindgen {bindgen}")) {
        // Not --locked: its lockfile wants a crate version the registry
        // mirror here lacks.
        run(root, "cargo", &["install", "wasm-bindgen-cli", "--version", &bindgen, "--force"], &[])?;
    }

    if !root.join("tools/node_modules/.bin/wasm-opt").exists() {
        run(&root.join("tools"), "npm", &["ci", "--no-audit", "--no-fund"], &[])?;
    }
    Ok(())
}

/// Chromium, chromedriver, Firefox, WebKitGTK's driver and Xvfb from
/// Debian, geckodriver, and the Playwright packages.
pub fn ensure_test_tools(root: &Path) -> Result {
    let missing_apt = [
        CHROMIUM,
        CHROMEDRIVER,
        FIREFOX,
        WEBKIT_DRIVER,
        XVFB,
        "/usr/bin/faketime",
        "/usr/sbin/nginx",
        "/usr/bin/caddy",
    ]
    .iter()
    .any(|p| !Path::new(p).exists());
    if missing_apt {
        let sudo = !is_root();
        let apt = |args: &[&str]| {
            let mut full: Vec<&str> = Vec::new();
            if sudo {
                full.push("apt-get");
            }
            full.extend_from_slice(args);
            let program = if sudo { "sudo" } else { "apt-get" };
            run(root, program, &full, &[("DEBIAN_FRONTEND", "noninteractive")])
        };
        apt(&["update"])?;
        let mut install = vec!["install", "-y", "--no-install-recommends"];
        install.extend_from_slice(APT_PACKAGES);
        apt(&install)?;
    }
    let geckodriver = version_of(root, "geckodriver");
    if !geckodriver.is_some_and(|v| v.starts_with(&format!("geckodriver {GECKODRIVER_VERSION}"))) {
        run(root, "cargo", &["install", "geckodriver", "--version", GECKODRIVER_VERSION, "--locked"], &[])?;
    }
    run(&root.join("end2end"), "npm", &["ci", "--no-audit", "--no-fund"], &[])
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The wasm-bindgen version `Cargo.lock` pins.
pub fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock pins no wasm-bindgen version".to_owned())
}

fn check_trunk_toml_pin(root: &Path, version: &str) -> Result {
    let trunk = std::fs::read_to_string(root.join("Trunk.toml")).map_err(|e| format!("cannot read Trunk.toml: {e}"))?;
    if trunk.lines().any(|l| l.trim() == format!("wasm_bindgen = \"{version}\"")) {
        Ok(())
    } else {
        Err(format!("Trunk.toml's [tools] wasm_bindgen must equal the version Cargo.lock pins ({version})"))
    }
}

/// A fingerprint of every input of the release bundle (paths, sizes and
/// modification times), so an unchanged tree skips the build.
pub fn inputs_fingerprint(root: &Path) -> String {
    let mut entries = Vec::new();
    for input in [
        "src",
        "core/src",
        "input",
        "style",
        "index.html",
        "support.html",
        "boot.js",
        "embed.js",
        "bait",
        "favicon.svg",
        "resetcheck.json",
        "Cargo.toml",
        "core/Cargo.toml",
        "Cargo.lock",
        "Trunk.toml",
        ".cargo/config.toml",
        // It links the bundles and shortens their glue's names (link, glue).
        "xtask/src",
    ] {
        collect(&root.join(input), &mut entries);
    }
    entries.sort();
    entries.join("\n")
}

fn collect(path: &Path, out: &mut Vec<String>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        if let Ok(dir) = std::fs::read_dir(path) {
            for entry in dir.flatten() {
                collect(&entry.path(), out);
            }
        }
    } else {
        let modified = meta.modified().ok().and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok());
        out.push(format!("{} {} {:?}", path.display(), meta.len(), modified.map(|d| d.as_nanos())));
    }
}
