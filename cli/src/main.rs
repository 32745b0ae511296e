//! The `resetcheck` binary: parses arguments, hands them to a module and maps the outcome to an exit code.
//!
//! Exit codes: 0 success; 1 the command ran and found errors (such as a config with errors); 2 the command could
//! not run (bad arguments, a file that can't be read, a port in use). Clap already uses 2 for usage errors, so the
//! numbering stays consistent. Each subcommand lives in its own module so `decode` and `link` can join as siblings.

mod config_check;
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
        /// The config file to check.
        file: PathBuf,
    },
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
        Command::CheckConfig { file } => match config_check::run(&file) {
            Ok(config_check::Verdict::Usable) => ExitCode::SUCCESS,
            Ok(config_check::Verdict::HasErrors) => ExitCode::from(1),
            Err(err) => {
                output::error(&format!("resetcheck check-config: {err}"));
                ExitCode::from(2)
            }
        },
    }
}
