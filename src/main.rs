//! `khcds`: the command-line face of the engine.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
