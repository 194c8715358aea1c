//! What a test needs from the machine, checked in one place. A test states its needs with
//! `require!(Root, Docker, ...)` as its first line; when one is missing it prints
//! `IG-TEST-SKIP <module::test>: needs <need>: <what is missing and how to get it>` and
//! returns. In CI (`CI=true`, or `IG_TEST_STRICT=1` as scripts/test.sh exports) the same line
//! is a panic instead, so a run never passes on a skipped test. The test's name comes from
//! the function the macro stands in, never from a typed string.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{OnceLock, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::{docker, CTR_IMAGE, CTR_NAMESPACE, IMAGE};

/// One thing a test needs from the machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Effective uid 0: ig loads eBPF programs and enters other namespaces.
    Root,
    /// A reachable Docker daemon holding the test image.
    Docker,
    /// A reachable containerd holding the test image in the test namespace.
    Containerd,
    /// crun registered as a Docker runtime (`docker run --runtime crun`).
    Crun,
    /// `strace` on PATH.
    Strace,
    /// `gcc` on PATH (tests compile their programs from tests/data).
    Gcc,
    /// gcc able to link static 32-bit (i386) programs.
    Gcc32,
    /// `kubernetes-validate` (PyPI) on PATH, to check manifests against the API schema.
    KubernetesValidate,
}

impl Need {
    const ALL: [Need; 8] = [
        Need::Root,
        Need::Docker,
        Need::Containerd,
        Need::Crun,
        Need::Strace,
        Need::Gcc,
        Need::Gcc32,
        Need::KubernetesValidate,
    ];

    /// What is missing and how to get it, or `None` when this machine has it. Checked once
    /// per test run.
    pub fn missing(self) -> Option<&'static str> {
        static FOUND: OnceLock<Vec<Option<String>>> = OnceLock::new();
        let found = FOUND.get_or_init(|| Need::ALL.iter().map(|n| n.check().err()).collect());
        let i = Need::ALL.iter().position(|n| *n == self)?;
        found[i].as_deref()
    }

    fn check(self) -> Result<(), String> {
        match self {
            Need::Root => {
                if nix::unistd::geteuid().is_root() {
                    Ok(())
                } else {
                    Err(format!(
                        "effective uid is {}, not 0 (run the tests as root)",
                        nix::unistd::geteuid()
                    ))
                }
            }
            Need::Docker => {
                let host = std::env::var("DOCKER_HOST")
                    .unwrap_or_else(|_| "unix:///var/run/docker.sock".into());
                run(
                    docker().args(["version", "--format", "{{.Server.Version}}"]),
                    &format!("no Docker daemon answers at {host} (start one: scripts/test-env.sh)"),
                )?;
                run(
                    docker().args(["image", "inspect", IMAGE]),
                    &format!("Docker has no image {IMAGE} (scripts/test-env.sh builds it)"),
                )
                .map(drop)
            }
            Need::Containerd => {
                let address = std::env::var("CONTAINERD_ADDRESS")
                    .unwrap_or_else(|_| "/run/containerd/containerd.sock".into());
                run(
                    Command::new("ctr").arg("version"),
                    &format!(
                        "no containerd answers at {address} through `ctr` \
                         (start it: scripts/test-env.sh)"
                    ),
                )?;
                let images = run(
                    Command::new("ctr").args(["-n", CTR_NAMESPACE, "images", "ls", "-q"]),
                    "`ctr images ls` failed",
                )?;
                if images.lines().any(|l| l == CTR_IMAGE) {
                    Ok(())
                } else {
                    Err(format!(
                        "containerd namespace {CTR_NAMESPACE} has no image {CTR_IMAGE} \
                         (scripts/test-env.sh imports it)"
                    ))
                }
            }
            Need::Crun => {
                let runtimes = run(
                    docker().args(["info", "--format", "{{json .Runtimes}}"]),
                    "`docker info` failed: no Docker daemon to ask for its runtimes \
                     (start one: scripts/test-env.sh)",
                )?;
                if runtimes.contains("\"crun\"") {
                    Ok(())
                } else {
                    Err(format!(
                        "Docker has no runtime named crun, only {} (apt-get install crun \
                         and add it to \"runtimes\" in /etc/docker/daemon.json: \
                         scripts/test-env.sh does both)",
                        runtimes.trim()
                    ))
                }
            }
            Need::Strace => run(
                Command::new("strace").arg("-V"),
                "no strace on PATH (apt-get install strace)",
            )
            .map(drop),
            Need::Gcc => run(
                Command::new("gcc").arg("--version"),
                "no gcc on PATH (apt-get install gcc)",
            )
            .map(drop),
            Need::Gcc32 => {
                // Prints the bare name back when no i386 libc.a is installed.
                let libc = run(
                    Command::new("gcc").args(["-m32", "-print-file-name=libc.a"]),
                    "no gcc on PATH (apt-get install gcc-multilib)",
                )?;
                if libc.trim().starts_with('/') {
                    Ok(())
                } else {
                    Err("gcc finds no i386 libc.a for -m32 -static \
                         (apt-get install gcc-multilib)"
                        .into())
                }
            }
            Need::KubernetesValidate => run(
                Command::new("kubernetes-validate").arg("--version"),
                "no kubernetes-validate on PATH (pip install kubernetes-validate; \
                 scripts/test-env.sh does)",
            )
            .map(drop),
        }
    }
}

/// Runs `cmd` and returns its stdout; `why` (with the command's own complaint) when it cannot
/// start or fails.
fn run(cmd: &mut Command, why: &str) -> Result<String, String> {
    match cmd.stdin(Stdio::null()).output() {
        Ok(out) if out.status.success() => Ok(String::from_utf8_lossy(&out.stdout).into_owned()),
        Ok(out) => {
            let said = String::from_utf8_lossy(&out.stderr);
            let said = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
            Err(format!("{why}: {}: {said}", out.status))
        }
        Err(e) => Err(format!("{why}: {e}")),
    }
}

/// Whether CI runs the tests: a skip is then a failure.
pub fn strict() -> bool {
    std::env::var("IG_TEST_STRICT").as_deref() == Ok("1")
        || std::env::var("CI").as_deref() == Ok("true")
}

/// True when every need is met; otherwise prints (or, in CI, panics with) one line per missing
/// need and returns false.
pub fn met(test: &str, needs: &[Need]) -> bool {
    let lines: Vec<String> = needs
        .iter()
        .filter_map(|n| n.missing().map(|why| format!("{test}: needs {n:?}: {why}")))
        .collect();
    if lines.is_empty() {
        return true;
    }
    if strict() {
        panic!("a test may not skip in CI: {}", lines.join("; "));
    }
    // Straight to the process's stdout, past libtest's capture (which would swallow the line
    // of a test that returns normally); on a line of its own for scripts/test.sh to find.
    let mut out = std::io::stdout().lock();
    for l in &lines {
        let _ = writeln!(out, "\nIG-TEST-SKIP {l}");
    }
    false
}

/// `it::kernels::some_test::here` -> `kernels::some_test`: the path libtest prints and
/// `--exact` takes.
pub fn name_of(here: &'static str) -> &'static str {
    let path = here.strip_suffix("::here").unwrap_or(here);
    path.split_once("::").map_or(path, |(_, rest)| rest)
}

/// The name of the test function this stands in, as libtest prints it.
macro_rules! test_name {
    () => {{
        fn here() {}
        $crate::common::gate::name_of(std::any::type_name_of_val(&here))
    }};
}

/// The machine's kernel-wide state (the kernel log, its rate limits), shared by every test
/// that passed its gates; a test that changes it holds it alone. In separate test binaries
/// no other test ran meanwhile; in the one binary this lock keeps that so.
static MACHINE: RwLock<()> = RwLock::new(());

/// The machine shared with the other tests that run now.
pub fn shared() -> RwLockReadGuard<'static, ()> {
    MACHINE.read().unwrap_or_else(PoisonError::into_inner)
}

/// The machine to this test alone: waits until every other gated test has ended.
pub fn alone() -> RwLockWriteGuard<'static, ()> {
    MACHINE.write().unwrap_or_else(PoisonError::into_inner)
}

/// `require!(Root, Docker)`: returns from the test (after saying exactly what is missing)
/// unless the machine has every need; then holds the machine, shared with other tests to the
/// end of this one. `require!(alone: Root, Docker)` holds it alone instead.
macro_rules! require {
    (alone: $($need:ident),+ $(,)?) => {
        let _machine = if $crate::common::gate::met(
            test_name!(),
            &[$($crate::common::gate::Need::$need),+],
        ) {
            $crate::common::gate::alone()
        } else {
            return;
        };
    };
    ($($need:ident),+ $(,)?) => {
        let _machine = if $crate::common::gate::met(
            test_name!(),
            &[$($crate::common::gate::Need::$need),+],
        ) {
            $crate::common::gate::shared()
        } else {
            return;
        };
    };
}
