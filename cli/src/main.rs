//! The `resetcheck` binary: parses arguments, hands them to a module and maps the outcome to an exit code.
//!
//! Exit codes: 0 success; 1 the command ran and found errors (such as a config with errors); 2 the command could
//! not run (bad arguments, a file that can't be read, a port in use). Clap already uses 2 for usage errors, so the
//! numbering stays consistent. Each subcommand lives in its own module so `decode` and `link` can join as siblings.

mod config_check;
mod decode;
mod demo_host;
mod link;
mod output;
mod serve;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// resetcheck: the password-reset self-check, served and supported from the command line.
#[derive(Parser)]
#[command(name = "resetcheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the built checker (dist/), its config and the reference time endpoint.
    Serve(ServeArgs),
    /// Validate a resetcheck.json and list every problem in it.
    CheckConfig {
        /// The config file to check, or - for standard input.
        file: PathBuf,
        /// Fail (exit 1) on warnings too, such as the demo's example values left in the file: for a deploy
        /// pipeline that gates on the exit code.
        #[arg(long)]
        strict: bool,
    },
    /// Decode a diagnostic code into the report and the next steps for support.
    Decode(DecodeArgs),
    /// Check a reset link, or a pasted chunk of mail, for rewriters and damage; never opens it.
    Link(LinkArgs),
    /// Serve an example "reset didn't work?" page that embeds the checker from another origin (a developer demo).
    DemoHost(DemoHostArgs),
}

#[derive(Args)]
struct DemoHostArgs {
    /// The checker's address: the directory that holds its embed.js. The origin this page is opened at (such as
    /// http://localhost:8081) must be in that checker's `allowed_embedders`, or the checker refuses the frame.
    #[arg(long)]
    checker: String,
    /// The TCP port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8081)]
    port: u16,
    /// The address or host name to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
}

#[derive(Args)]
struct LinkArgs {
    /// The link or text as the user pasted it; `-` reads standard input.
    input: String,
    /// A resetcheck.json whose `reset_link` settings apply.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print the analysis as JSON instead of text.
    #[arg(long)]
    json: bool,
    /// Judge expiry at this time (Unix ms) instead of this machine's clock.
    #[arg(long, allow_negative_numbers = true)]
    now: Option<i64>,
}

#[derive(Args)]
struct DecodeArgs {
    /// The code, as the user read or pasted it (case, spaces and dashes don't matter), or the message around it;
    /// `-` reads it from standard input (a message pasted whole, or a line starting with a dash).
    #[arg(required = true, num_args = 1..)]
    code: Vec<String>,
    /// Print JSON instead of text: `--json` the report (the `resetcheck:done` report shape), `--json=briefing` the
    /// report with everything the text says (headline, steps, reply, runbook), for a helpdesk integration.
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "report")]
    json: Option<decode::Json>,
    /// A resetcheck.json whose endpoint names the network findings use.
    #[arg(long)]
    config: Option<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    /// The directory Trunk built, holding index.html.
    #[arg(long, default_value = "dist")]
    dir: PathBuf,
    /// The TCP port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The address or host name to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// A resetcheck.json to serve instead of the one in --dir.
    #[arg(long)]
    config: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            let options = serve::Options { dir: args.dir, host: args.host, port: args.port, config: args.config };
            match serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    // Every serve error stops it before it serves anything, so it is "could not run".
                    output::error(&format!("resetcheck serve: {err}"));
                    ExitCode::from(2)
                }
            }
        }
        Command::Decode(args) => {
            // `--json briefing` reads "briefing" as part of the code's message: say how it is written.
            if args.json.is_some() && args.code.first().is_some_and(|w| matches!(w.as_str(), "briefing" | "report")) {
                let cat = resetcheck_core::messages::Catalogue::new(resetcheck_core::messages::Locale::En);
                output::error(&format!(
                    "resetcheck decode: {}",
                    cat.format("cli.decode.json_equals", &[("shape", &args.code[0])])
                ));
                return ExitCode::from(2);
            }
            let options = decode::Options { code: args.code.join(" "), json: args.json, config: args.config };
            match decode::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    output::error(&format!("resetcheck decode: {err}"));
                    // A bad code is the command finding an error; an unreadable config means it could not run.
                    ExitCode::from(if matches!(err, decode::Error::BadCode(_)) { 1 } else { 2 })
                }
            }
        }
        Command::Link(args) => {
            let options = link::Options { input: args.input, config: args.config, json: args.json, now_ms: args.now };
            match link::run(&options) {
                // A damaged link is what the command reports, not an error of its own.
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    output::error(&format!("resetcheck link: {err}"));
                    ExitCode::from(2)
                }
            }
        }
        Command::DemoHost(args) => {
            let options = demo_host::Options { host: args.host, port: args.port, checker: args.checker };
            match demo_host::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    output::error(&format!("resetcheck demo-host: {err}"));
                    ExitCode::from(2)
                }
            }
        }
        Command::CheckConfig { file, strict } => match config_check::run(&file) {
            Ok(config_check::Verdict::Usable) => ExitCode::SUCCESS,
            Ok(config_check::Verdict::HasWarnings) if !strict => ExitCode::SUCCESS,
            Ok(config_check::Verdict::HasWarnings | config_check::Verdict::HasErrors) => ExitCode::from(1),
            Err(err) => {
                output::error(&format!("resetcheck check-config: {err}"));
                ExitCode::from(2)
            }
        },
    }
}
