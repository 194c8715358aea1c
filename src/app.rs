//! Top level: turns the parsed command line into a gadget run and errors into exit codes
//! (2 for usage errors, 1 for runtime errors), each printed as one line on stderr.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{
    AdviseCommand, AdvisorAction, AdvisorCmd, Cli, Command, CompletionShell, RunCommand,
};
use crate::gadgets;
use crate::gadgets::advise_seccomp::{check, profile_tools, recordings};
use crate::UsageError;

pub fn main() -> ExitCode {
    let args = crate::cli::normalize_args(std::env::args_os().collect());
    let matches = match Cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    crate::diagnostics::init(cli.verbose);
    let runtimes_given = crate::cli::runtimes_given(&matches);
    match run(cli, runtimes_given) {
        Ok(code) => code,
        // A reader that closed the pipe early (`| head`) is not an error, wherever it hit.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let code = if e.downcast_ref::<UsageError>().is_some() {
                2
            } else {
                1
            };
            // One line: the chain of contexts, outermost first.
            let msg = e
                .chain()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(": ");
            eprintln!("ig: {msg}");
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let host = crate::hostroot::init().map_err(|e| match e {
        crate::hostroot::HostError::NotAbsolute(_) => anyhow::Error::new(UsageError(e.to_string())),
        e => anyhow::Error::new(e),
    })?;
    if reads_host_processes(&cli.command) {
        host.require_host_pid()?;
    }
    match cli.command {
        Command::Completion { shell } => {
            quiet_pipe(print_completion(shell, &mut std::io::stdout()))
        }
        Command::Man => quiet_pipe(print_man(&mut std::io::stdout())),
        Command::Features(a) => gadgets::features::run(&a),
        Command::ListContainers(a) => tokio_main(gadgets::list_containers::run(a, runtimes_given)),
        Command::SeccompAdvisor(a)
        | Command::Advise {
            what: AdviseCommand::SeccompProfile(a),
        } => advisor(a, runtimes_given),
        Command::Run {
            gadget: RunCommand::AdviseSeccomp(a),
        } => advisor(*a, runtimes_given),
        Command::Run {
            gadget: RunCommand::AuditSeccomp(a),
        } => tokio_main(gadgets::audit_seccomp::run(*a, runtimes_given)),
    }
}

/// The advisor's subcommands: record in the foreground, manage background recordings, or
/// build profiles from audit logs and earlier profiles.
fn advisor(cmd: AdvisorCmd, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    match cmd.action {
        None if cmd.args.record.auto => {
            tokio_main(gadgets::advise_seccomp::auto::run(cmd.args, runtimes_given))
        }
        None => tokio_main(gadgets::advise_seccomp::run(cmd.args, runtimes_given)),
        Some(AdvisorAction::Start(a)) => recordings::start(a, runtimes_given),
        Some(AdvisorAction::Stop(s)) => recordings::stop(&s),
        Some(AdvisorAction::List(l)) => recordings::list(&l),
        Some(AdvisorAction::Daemon(d)) => tokio_main(recordings::daemon(d)),
        Some(AdvisorAction::FromAuditLog(f)) => profile_tools::from_audit_log(f),
        Some(AdvisorAction::Merge(m)) => profile_tools::merge(m),
        Some(AdvisorAction::Check(c)) => tokio_main(check::check(*c, runtimes_given)),
        Some(AdvisorAction::Diff(d)) => check::diff(&d),
        Some(AdvisorAction::Explain(x)) => check::explain(&x),
    }
}

/// Commands that read the host's processes through /proc (in a container: `--pid=host`).
fn reads_host_processes(c: &Command) -> bool {
    use crate::cli::AdvisorAction;
    let advisor = |a: &crate::cli::AdvisorCmd| {
        matches!(
            a.action,
            None | Some(AdvisorAction::Start(_)) | Some(AdvisorAction::Daemon(_))
        )
    };
    match c {
        Command::ListContainers(_) => true,
        Command::SeccompAdvisor(a)
        | Command::Advise {
            what: AdviseCommand::SeccompProfile(a),
        } => advisor(a),
        Command::Run {
            gadget: RunCommand::AdviseSeccomp(a),
        } => advisor(a),
        Command::Run {
            gadget: RunCommand::AuditSeccomp(_),
        } => true,
        Command::Features(_) | Command::Completion { .. } | Command::Man => false,
    }
}

pub(crate) fn tokio_main<T, F: std::future::Future<Output = anyhow::Result<T>>>(
    f: F,
) -> anyhow::Result<T> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| anyhow::anyhow!("starting the async runtime: {e}"))?;
    rt.block_on(f)
}

/// Whether an error comes from writing to a closed pipe (its source chain holds EPIPE).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A reader that closed the pipe early (`| head`) is not an error.
fn quiet_pipe(r: std::io::Result<()>) -> anyhow::Result<ExitCode> {
    match r {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(anyhow::anyhow!("writing to stdout: {e}")),
    }
}

pub fn print_completion(shell: CompletionShell, out: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = Cli::command();
    let shell = match shell {
        CompletionShell::Bash => clap_complete::Shell::Bash,
        CompletionShell::Zsh => clap_complete::Shell::Zsh,
        CompletionShell::Fish => clap_complete::Shell::Fish,
    };
    // clap_complete panics on write errors (a closed pipe): render first, then write.
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ig", &mut buf);
    out.write_all(&buf)
}

pub fn print_man(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}
