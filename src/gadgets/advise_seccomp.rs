//! placeholder being written
use std::process::ExitCode;
pub async fn run(_a: crate::cli::AdvisorArgs, _r: bool) -> anyhow::Result<ExitCode> { anyhow::bail!("not yet") }
