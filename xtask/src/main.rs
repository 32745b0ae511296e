//! Project automation, run as `cargo xtask <task>`: set-up, build, serve,
//! test and size. Nothing beyond cargo is needed to start it; it installs
//! the rest itself (see `tools`).

mod glue;
mod link;
mod size;
mod tools;
mod xvfb;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T = ()> = std::result::Result<T, String>;

const HELP: &str = "\
cargo xtask <task>

tasks:
  serve [--port N]   install what is missing, build the release bundle, serve it at http://127.0.0.1:8080,
                     and an example host page embedding it at http://localhost:8081
  build              install what is missing and build the release bundle into dist/
  test               install what is missing and run every test layer (what CI runs)
  size [--baseline]  print dist/ sizes raw, gzip and brotli, and the first-load transfer;
                     --baseline also builds a bare Leptos hello-world the same way and compares
  bench clock [--runs N]
                     clock accuracy in Chromium with its clock skewed by libfaketime, against
                     resetcheck serve, with the time endpoint and with the Date-header fallback
  bench load [--runs N]
                     what the user waits for from a cold cache (first paint, the checker shown,
                     every check done, the first link verdict), as is and as a mid-range phone
                     on a slow mobile network
";

fn main() -> ExitCode {
    // Run by cargo as the wasm linker of a release bundle (see `link`).
    if let Some(lld) = env::var_os(link::LINK_WITH) {
        return link::link(Path::new(&lld), env::args_os().skip(1));
    }
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("build") => build_release().map(|_| ()),
        Some("test") => test(),
        Some("size") => size::report(&root(), args[1..].iter().any(|a| a == "--baseline")),
        Some("bench") => bench(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown task {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}

/// Runs a command in `dir`, failing with its name when it fails.
fn run(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)]) -> Result {
    run_without(dir, program, args, envs, &[])
}

/// [`run`], with the variables `removed` taken out of the environment it
/// inherits (before `envs` go in).
fn run_without(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)], removed: &[&str]) -> Result {
    let status =
        command(dir, program, args, envs, removed).status().map_err(|e| format!("could not start {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// The command [`run_without`] and [`run_teed`] run, said as it starts.
fn command(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)], removed: &[&str]) -> Command {
    eprintln!("xtask: $ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    for var in removed {
        command.env_remove(var);
    }
    command.args(args).current_dir(dir).envs(envs.iter().copied()).env("PATH", tools::path_with_tools(&root()));
    command
}

/// The drivers wasm-bindgen-test's runner looks for, a remote one first:
/// it takes the first its environment names, so one left over from the
/// caller's would run a step in another browser than its own.
const DRIVER_VARS: [&str; 8] = [
    "CHROMEDRIVER",
    "CHROMEDRIVER_REMOTE",
    "GECKODRIVER",
    "GECKODRIVER_REMOTE",
    "SAFARIDRIVER",
    "SAFARIDRIVER_REMOTE",
    "MSEDGEDRIVER",
    "MSEDGEDRIVER_REMOTE",
];

/// Runs the app's browser tests (tests/web.rs) with `envs`, which name the
/// one driver to use, and no other driver from the caller's environment,
/// nor any capabilities file it names: a step that wants one names its own.
/// Returns whether they had to run twice (see [`crashed`]), for the final
/// line to say so.
fn browser_tests(root: &Path, envs: &[(&str, &str)]) -> Result<bool> {
    let removed: Vec<&str> = DRIVER_VARS.into_iter().chain(["WASM_BINDGEN_TEST_WEBDRIVER_JSON"]).collect();
    let envs: Vec<(&str, &str)> = envs.iter().copied().chain([("WASM_BINDGEN_TEST_TIMEOUT", "120")]).collect();
    let args = ["test", "--target", "wasm32-unknown-unknown", "--package", "resetcheck-app"];
    let (result, output) = run_teed(root, "cargo", &args, &envs, &removed);
    if result.is_err() && crashed(&output) {
        // The browser or its driver died before the page could report
        // (once, WebKitGTK's web process aborted on a GLib error in CI,
        // 2026-11-27). Only such a stop is run again, and only once.
        eprintln!("xtask: the browser stopped before the tests reported a result; running them once more");
        return run_teed(root, "cargo", &args, &envs, &removed).0.map(|()| true);
    }
    result.map(|()| false)
}

/// Whether a failed wasm-bindgen-test run failed because its browser
/// stopped, not because of a test. Cargo stops at the first test binary
/// that fails, so the last browser the runner started ("Running headless
/// tests in …") is the one that failed. It was a test's doing if, after
/// that line, a test failed (each test's line comes as it ends: "test … ...
/// FAIL"), the page reported its verdict ("test result: "), or the page
/// stayed up without one until the runner's timeout ("Failed to detect test
/// as having been run"): a hang is a defect, not to be hidden by a second
/// run. Left is a browser or driver gone (the runner's requests to it fail),
/// and a failed build starts no browser.
fn crashed(output: &str) -> bool {
    let lines: Vec<&str> = output.lines().map(str::trim_start).collect();
    let Some(start) = lines.iter().rposition(|line| line.starts_with("Running headless tests in ")) else {
        return false;
    };
    !lines[start..].iter().any(|line| {
        line.starts_with("test result: ")
            || (line.starts_with("test ") && line.ends_with(" ... FAIL"))
            || line.starts_with("Failed to detect test as having been run")
    })
}

/// [`run_without`], also returning what the command wrote to stdout and
/// stderr (which still reach the terminal as they come).
fn run_teed(dir: &Path, program: &str, args: &[&str], envs: &[(&str, &str)], removed: &[&str]) -> (Result, String) {
    use std::io::{Read, Write};
    use std::process::Stdio;
    let child = command(dir, program, args, envs, removed).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => return (Err(format!("could not start {program}: {e}")), String::new()),
    };
    fn copy(mut from: impl Read, mut to: impl Write) -> Vec<u8> {
        let (mut seen, mut buffer) = (Vec::new(), [0u8; 8192]);
        loop {
            match from.read(&mut buffer) {
                Ok(0) => return seen,
                Ok(n) => {
                    let _ = to.write_all(&buffer[..n]);
                    let _ = to.flush();
                    seen.extend_from_slice(&buffer[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return seen,
            }
        }
    }
    let stdout = child.stdout.take().map(|out| std::thread::spawn(move || copy(out, std::io::stdout())));
    let stderr = child.stderr.take().map(|err| std::thread::spawn(move || copy(err, std::io::stderr())));
    let mut seen = Vec::new();
    for handle in [stdout, stderr].into_iter().flatten() {
        seen.extend(handle.join().unwrap_or_default());
    }
    let output = String::from_utf8_lossy(&seen).into_owned();
    match child.wait() {
        Ok(status) if status.success() => (Ok(()), output),
        Ok(status) => (Err(format!("`{program} {}` failed ({status})", args.join(" "))), output),
        Err(e) => (Err(format!("could not wait for {program}: {e}")), output),
    }
}

/// Builds the release bundle into `dist/` unless it is already up to date.
fn build_release() -> Result<PathBuf> {
    let root = root();
    tools::ensure_build_tools(&root)?;
    let dist = root.join("dist");
    let stamp = tools::inputs_fingerprint(&root);
    let stamp_file = root.join("target").join("xtask-dist.stamp");
    if dist.join("index.html").exists() && std::fs::read_to_string(&stamp_file).ok().as_deref() == Some(&stamp) {
        eprintln!("xtask: dist/ is up to date");
        return Ok(dist);
    }
    // Trunk runs cargo with --offline (Trunk.toml), so fetch first.
    run(&root, "cargo", &["fetch", "--target", "wasm32-unknown-unknown"], &[])?;
    // The input module first: the checker is built with its content hash,
    // so it loads exactly the module of its own build.
    // Every bundle is linked by xtask itself, without exports nothing uses
    // (see `link`).
    let linker = link::env()?;
    let linker: Vec<(&str, &str)> = linker.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let staged = root.join("target").join("input-module");
    let hash = build_input_module(&root, &staged, &linker)?;
    let env: Vec<(&str, &str)> = [("TRUNK_SKIP_VERSION_CHECK", "true"), ("RESETCHECK_INPUT_HASH", hash.as_str())]
        .into_iter()
        .chain(linker)
        .collect();
    run(&root, "trunk", &["build", "--release"], &env)?;
    // The support page second: Trunk replaces its whole dist directory, and
    // this one sits inside the checker's.
    run(
        &root,
        "trunk",
        &["build", "support.html", "--release", "true", "--dist", "dist/support", "--public-url", "./"],
        &env,
    )?;
    // Short names between each page's wasm and its JS glue (see `glue`).
    glue::shorten_bundle(&dist, "resetcheck-app")?;
    glue::shorten_bundle(&dist.join("support"), "resetcheck-support")?;
    copy_dir(&staged, &dist.join("input"))?;
    let _ = std::fs::create_dir_all(root.join("target"));
    let _ = std::fs::write(&stamp_file, stamp);
    Ok(dist)
}

/// Builds the input module (`input/`: the link test, the e-mail lint and
/// the QR code, which the checker loads on first use) into `out`, the way
/// Trunk builds a bundle: release wasm, wasm-bindgen for ES modules,
/// wasm-opt as the pages' bundles (`--flatten --rereloop -Oz`). Its files are named with a hash of their content, like
/// Trunk's (`resetcheck-input-<hash>.js`, `…_bg.wasm`), so they are cached
/// for good; returns the hash. `linker` is the environment that links it (see `link`).
fn build_input_module(root: &Path, out: &Path, linker: &[(&str, &str)]) -> Result<String> {
    let build = ["build", "--release", "--target", "wasm32-unknown-unknown", "--package", "resetcheck-input"];
    // Linked as the pages' bundles are: cargo fingerprints the linker, so a
    // build without it would rebuild every wasm crate the two share, back
    // and forth, on each run (review, 2026-11-27).
    run(root, "cargo", &build, linker)?;
    let wasm = root.join("target").join("wasm32-unknown-unknown").join("release").join("resetcheck_input.wasm");
    let _ = std::fs::remove_dir_all(out);
    let (wasm, out_dir) = (wasm.to_string_lossy(), out.to_string_lossy());
    let bindgen =
        ["--target", "web", "--no-typescript", "--out-name", "resetcheck-input", "--out-dir", &out_dir, &wasm];
    run(root, "wasm-bindgen", &bindgen, &[])?;
    let (js, bg) = (out.join("resetcheck-input.js"), out.join("resetcheck-input_bg.wasm"));
    let bg_path = bg.to_string_lossy();
    run(root, "wasm-opt", &["--flatten", "--rereloop", "-Oz", &bg_path, "-o", &bg_path], &[])?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let hash = format!("{:016x}", fnv1a(&[read(&js)?, read(&bg)?].concat()));
    for (from, to) in [(&js, format!("resetcheck-input-{hash}.js")), (&bg, format!("resetcheck-input-{hash}_bg.wasm"))]
    {
        std::fs::rename(from, out.join(to)).map_err(|e| format!("cannot rename {}: {e}", from.display()))?;
    }
    Ok(hash)
}

/// 64-bit FNV-1a: a content hash for file names, not for security.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Copies the files of `from` (no subfolders) into `to`, which it creates.
fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?.flatten() {
        let target = to.join(entry.file_name());
        std::fs::copy(entry.path(), &target).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    }
    Ok(())
}

/// Builds the native binary and returns its path.
fn build_resetcheck() -> Result<PathBuf> {
    let root = root();
    run(&root, "cargo", &["build", "--release", "--package", "resetcheck"], &[])?;
    Ok(root.join("target").join("release").join("resetcheck"))
}

/// The demo host page's port; its origin, http://localhost:8081, is in the demo config's `allowed_embedders`.
const DEMO_HOST_PORT: &str = "8081";

fn serve(args: &[String]) -> Result {
    let port = match args {
        [] => "8080".to_owned(),
        [flag, port] if flag == "--port" => port.clone(),
        _ => return Err("usage: cargo xtask serve [--port N]".to_owned()),
    };
    let dist = build_release()?;
    let bin = build_resetcheck()?;
    let bin = bin.to_string_lossy();
    let root = root();
    let dist = dist.to_string_lossy().into_owned();
    // The example host page on a second loopback origin: opened as http://localhost:8081, it is another site than
    // the checker at 127.0.0.1, as a real help page would be.
    let checker = format!("http://127.0.0.1:{port}/");
    let demo_args = ["demo-host", "--port", DEMO_HOST_PORT, "--host", "127.0.0.1", "--checker", &checker];
    eprintln!("xtask: $ {bin} {}", demo_args.join(" "));
    let mut demo_host = Command::new(&*bin)
        .args(demo_args)
        .current_dir(&root)
        .spawn()
        .map_err(|e| format!("could not start {bin}: {e}"))?;
    eprintln!(
        "xtask: the checker: {checker}\nxtask: the support page: {checker}support/index.html\n\
         xtask: the example host page embedding it: http://localhost:{DEMO_HOST_PORT}/ (Ctrl-C stops both)"
    );
    // The served config is the demo config Trunk copied into dist/. Ctrl-C reaches both servers (they share the
    // terminal's process group); should the checker stop by itself, the demo host must not outlive it.
    let served = run(&root, &bin, &["serve", "--dir", &dist, "--port", &port], &[]);
    let _ = demo_host.kill();
    let _ = demo_host.wait();
    served
}

fn bench(args: &[String]) -> Result {
    let usage = || "usage: cargo xtask bench clock|load [--runs N]".to_owned();
    let (script, runs) = match args {
        [what, rest @ ..] => {
            let script = match what.as_str() {
                "clock" => "bench/clock.mjs",
                "load" => "bench/load.mjs",
                _ => return Err(usage()),
            };
            match rest {
                [] => (script, None),
                [flag, n] if flag == "--runs" && n.parse::<u32>().is_ok_and(|n| n > 0) => (script, Some(n.clone())),
                _ => return Err(usage()),
            }
        }
        _ => return Err(usage()),
    };
    let root = root();
    tools::ensure_test_tools(&root)?;
    let dist = build_release()?;
    let bin = build_resetcheck()?;
    let mut node_args = vec![script];
    if let Some(runs) = &runs {
        node_args.extend(["--runs", runs.as_str()]);
    }
    run(
        &root.join("end2end"),
        "node",
        &node_args,
        &[("RESETCHECK_BIN", &bin.to_string_lossy()), ("RESETCHECK_DIST", &dist.to_string_lossy())],
    )
}

fn test() -> Result {
    let root = root();
    tools::ensure_build_tools(&root)?;
    tools::ensure_test_tools(&root)?;
    let step = |name: &str| eprintln!("\nxtask: ==== {name} ====");

    step("format");
    run(&root, "cargo", &["fmt", "--all", "--check"], &[])?;

    step("lint (native and wasm)");
    run(&root, "cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[])?;
    // The app with its browser tests; the core's library as it ships in the
    // wasm (its tests are native: proptest does not build for wasm32).
    run(
        &root,
        "cargo",
        &[
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "resetcheck-app",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
        &[],
    )?;
    run(
        &root,
        "cargo",
        &["clippy", "--target", "wasm32-unknown-unknown", "--package", "resetcheck-core", "--", "-D", "warnings"],
        &[],
    )?;

    step("native tests");
    run(&root, "cargo", &["test", "--workspace"], &[])?;

    // The browsers whose tests had to run twice, for the last line to say.
    let mut ran_twice = Vec::new();
    step("browser tests (wasm-bindgen-test in headless Chromium)");
    if browser_tests(&root, &[("CHROMEDRIVER", tools::CHROMEDRIVER)])? {
        ran_twice.push("Chromium");
    }

    step("browser tests (wasm-bindgen-test in headless Firefox)");
    let (geckodriver, capabilities) =
        (tools::cargo_bin("geckodriver"), root.join("tests").join("webdriver-firefox.json"));
    let capabilities = capabilities.to_string_lossy();
    let firefox = [("GECKODRIVER", geckodriver.as_str()), ("WASM_BINDGEN_TEST_WEBDRIVER_JSON", &capabilities)];
    if browser_tests(&root, &firefox)? {
        ran_twice.push("Firefox");
    }

    // The runner starts WebKitWebDriver as it would safaridriver, with no
    // capabilities: the driver runs its own MiniBrowser, which needs an X
    // server. Without WebKit's sandbox, as Chromium runs without its own: a
    // machine without user namespaces can't start the sandboxed web process.
    step("browser tests (wasm-bindgen-test in WebKitGTK, Safari's engine, on Xvfb)");
    let display = xvfb::Display::start()?;
    let webkit = [
        ("SAFARIDRIVER", tools::WEBKIT_DRIVER),
        ("DISPLAY", display.name()),
        ("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1"),
    ];
    if browser_tests(&root, &webkit)? {
        ran_twice.push("WebKitGTK");
    }
    drop(display);

    step("release build");
    let dist = build_release()?;
    let bin = build_resetcheck()?;
    size::report(&root, false)?;

    step("end-to-end (Playwright against resetcheck serve; Chromium, Firefox over WebDriver BiDi, WebKitGTK over WebDriver)");
    let end2end = root.join("end2end");
    run(
        &end2end,
        "npx",
        &["playwright", "test"],
        &[("RESETCHECK_BIN", &bin.to_string_lossy()), ("RESETCHECK_DIST", &dist.to_string_lossy())],
    )?;
    eprintln!("\nxtask: all test layers passed");
    if !ran_twice.is_empty() {
        // Passed, but a browser crashing in CI is worth a look if it recurs.
        eprintln!(
            "xtask: note: the browser tests in {} ran twice: the browser stopped before they reported the first time",
            ran_twice.join(" and ")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::crashed;

    /// As cargo, the runner (wasm-bindgen-cli 0.2.130) and the page
    /// (wasm-bindgen-test 0.3.80) print them.
    const STARTED: &str = "     Running unittests src/lib.rs (target/x.wasm)\nno tests to run!\n     Running tests/web.rs (target/y.wasm)\nRunning headless tests in Safari on `http://127.0.0.1:4000/`\nrunning 11 tests\ntest a ... ok\n";
    const GONE: &str = "Error: webdriver POST /session/1/execute/sync request failed\n";

    #[test]
    fn only_a_browser_gone_before_any_test_failed_is_run_again() {
        // The driver died under the runner, every test so far passing.
        assert!(crashed(&format!("{STARTED}{GONE}")));
        // A test failed: the page reported it.
        assert!(!crashed(&format!("{STARTED}test b ... FAIL\n\ntest result: FAILED. 10 passed; 1 failed\n")));
        // A test failed, then the browser died: the failure stands.
        assert!(!crashed(&format!("{STARTED}test b ... FAIL\n{GONE}")));
        // The page hung until the runner's timeout: a defect, not a crash.
        assert!(!crashed(&format!(
            "{STARTED}Failed to detect test as having been run. It might have timed out.\n{GONE}"
        )));
        // The build failed before any browser started.
        assert!(!crashed("error[E0308]: mismatched types\nerror: could not compile `resetcheck-app`\n"));
        // An earlier binary's verdict says nothing of the last browser's.
        let earlier = "Running headless tests in Chrome on `x`\ntest result: ok. 1 passed\n";
        assert!(crashed(&format!("{earlier}{STARTED}{GONE}")));
    }
}
