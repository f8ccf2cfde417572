//! `khcds`: the command-line face of the engine.

mod cli;

fn main() -> std::process::ExitCode {
    // Die quietly like other Unix tools when the reader of our output goes away
    // (`khcds framework | head`), instead of panicking on a failed print.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to the default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::run()
}
