//! xtask as the wasm linker of the release bundles: rust-lld, minus the
//! exports nothing here uses.
//!
//! Leptos links server_fn, which links wasm-streams, whose
//! `#[wasm_bindgen]` classes (IntoUnderlyingSource, …Sink, …ByteSource)
//! rustc exports from every Leptos bundle. An export keeps its code, and
//! that code puts its futures' functions into the indirect-call table,
//! where no later pass can tell they are dead: wasm-opt's
//! `--remove-exports` drops the exports, but not what the table holds
//! (about 4 KB brotli). Left out at link time, they never get in. (The JS
//! glue still defines the classes, whose `free` would call an export that
//! is gone: nothing here makes one.) Nothing in the checker streams.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Set, to rust-lld's path, when xtask runs as the linker.
pub const LINK_WITH: &str = "XTASK_WASM_LINK_WITH";

/// What an export the link leaves out has in its name: wasm-streams'
/// classes' methods, their `free` and their wasm-bindgen descriptors.
const DROPPED: &str = "intounderlying";

/// The environment under which cargo links wasm with xtask (this very
/// binary), which then runs rust-lld without the dropped exports.
pub fn env() -> Result<Vec<(&'static str, String)>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask's own binary: {e}"))?;
    Ok(vec![
        ("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER", exe.to_string_lossy().into_owned()),
        (LINK_WITH, rust_lld()?.to_string_lossy().into_owned()),
    ])
}

/// The rust-lld of the toolchain that compiles.
fn rust_lld() -> Result<PathBuf, String> {
    let rustc = |args: &[&str]| {
        let out = Command::new("rustc").args(args).output().map_err(|e| format!("could not start rustc: {e}"))?;
        Ok::<_, String>(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let sysroot = rustc(&["--print", "sysroot"])?;
    let verbose = rustc(&["-vV"])?;
    let host = verbose.lines().find_map(|l| l.strip_prefix("host: ")).ok_or("rustc -vV names no host")?;
    let lld = Path::new(sysroot.trim()).join("lib").join("rustlib").join(host.trim()).join("bin").join("rust-lld");
    Ok(lld.with_extension(std::env::consts::EXE_EXTENSION))
}

/// Links: runs `lld` with `args` (rustc's, for wasm-ld), without the
/// dropped exports.
pub fn link(lld: &Path, args: impl Iterator<Item = OsString>) -> ExitCode {
    let args = filtered(args.collect());
    let mut command = Command::new(lld);
    // rustc names the flavor for rust-lld; said again if it didn't.
    if args.first().is_none_or(|a| a != "-flavor") {
        command.args(["-flavor", "wasm"]);
    }
    match command.args(&args).status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("xtask: could not start {}: {e}", lld.display());
            ExitCode::FAILURE
        }
    }
}

/// `args` without `--export NAME` and `--export=NAME` of a dropped name.
fn filtered(args: Vec<OsString>) -> Vec<OsString> {
    let dropped = |name: &OsString| name.to_string_lossy().contains(DROPPED);
    let mut kept = Vec::with_capacity(args.len());
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--export" {
            match args.next() {
                Some(name) if dropped(&name) => {}
                Some(name) => kept.extend([arg, name]),
                None => kept.push(arg),
            }
        } else if !(arg.to_string_lossy().starts_with("--export=") && dropped(&arg)) {
            kept.push(arg);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn drops_only_the_streams_exports() {
        let args = os(&[
            "-flavor",
            "wasm",
            "--export",
            "main",
            "--export",
            "intounderlyingsource_pull_58a9338f50bce61c",
            "--export",
            "__wbindgen_describe_intounderlyingsink_write_58a9338f50bce61c",
            "--export=__heap_base",
            "--export=intounderlyingbytesource_type_58a9338f50bce61c",
            "--export",
            "__wbindgen_describe___wbg_new_with_into_underlying_source_10a8d5a675a6a5f5",
            "--gc-sections",
        ]);
        let kept = os(&[
            "-flavor",
            "wasm",
            "--export",
            "main",
            "--export=__heap_base",
            "--export",
            "__wbindgen_describe___wbg_new_with_into_underlying_source_10a8d5a675a6a5f5",
            "--gc-sections",
        ]);
        assert_eq!(filtered(args), kept);
    }
}
