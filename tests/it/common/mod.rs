//! Test harness: runs the `ig` binary, and starts real containers through Docker and
//! directly through containerd (with Kubernetes-style labels standing in for pods), removing
//! them afterwards. What a test needs from the machine it states with `require!` (see
//! `gate`): outside CI a missing need skips the test with a printed reason; in CI it fails.

#[macro_use]
pub mod gate;
pub mod setup;

pub use gate::Need;
pub use setup::*;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const IMAGE: &str = "ig-test-busybox:latest";
pub const CTR_IMAGE: &str = "docker.io/library/ig-test-busybox:latest";
pub const CTR_NAMESPACE: &str = "ig-test";

pub fn ig_bin() -> &'static str {
    env!("CARGO_BIN_EXE_ig")
}

pub fn ig() -> Command {
    Command::new(ig_bin())
}

/// Debian's docker client, which matches the engine (another may come first on PATH).
pub fn docker_bin() -> &'static str {
    if Path::new("/usr/bin/docker").exists() {
        "/usr/bin/docker"
    } else {
        "docker"
    }
}

pub fn docker() -> Command {
    Command::new(docker_bin())
}

pub fn unique(tag: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!(
        "ig-test-{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Runs `cmd` and asserts that it succeeded.
pub fn run_ok(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    assert_ran(&out, &format!("{cmd:?}"));
    out
}

/// Runs `cmd`, asserts that it exited with `code`, and returns its stderr.
pub fn fails_with(cmd: &mut Command, code: i32) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{cmd:?}: {err}");
    err
}

/// Asserts that a finished command succeeded, showing `what` and its output if not.
pub fn assert_ran(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what}: {}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `docker run --rm` of the test image under a unique name, removed by that name afterwards
/// (a client that died leaves its container behind); options added one by one.
pub struct DockerRun {
    name: String,
    opts: Vec<String>,
}

impl DockerRun {
    /// A run named `unique(tag)`.
    pub fn new(tag: &str) -> DockerRun {
        DockerRun::named(&unique(tag))
    }

    pub fn named(name: &str) -> DockerRun {
        DockerRun {
            name: name.to_string(),
            opts: Vec::new(),
        }
    }

    pub fn opts(mut self, opts: &[&str]) -> DockerRun {
        self.opts.extend(opts.iter().map(|o| o.to_string()));
        self
    }

    /// `--security-opt seccomp=PROFILE`.
    pub fn seccomp(self, profile: &Path) -> DockerRun {
        let sec = format!("seccomp={}", profile.display());
        self.opts(&["--security-opt", &sec])
    }

    /// `--runtime RUNTIME --security-opt no-new-privileges=NNP`.
    pub fn runtime(self, runtime: &str, nnp: bool) -> DockerRun {
        let nnp = format!("no-new-privileges={nnp}");
        self.opts(&["--runtime", runtime, "--security-opt", &nnp])
    }

    /// `-v DIR:/t:ro`: the test's own programs at /t.
    pub fn programs(self, dir: &Path) -> DockerRun {
        let vol = format!("{}:/t:ro", dir.display());
        self.opts(&["-v", &vol])
    }

    /// Runs `cmd` in the image and returns how it ended (not checked).
    pub fn output(self, cmd: &[&str]) -> Output {
        let out = docker()
            .args(["run", "--rm", "--name", &self.name])
            .args(&self.opts)
            .arg(IMAGE)
            .args(cmd)
            .output()
            .expect("docker run");
        let _ = docker().args(["rm", "-f", &self.name]).output();
        out
    }

    /// Runs `sh -c SCRIPT` in the image.
    pub fn sh(self, script: &str) -> Output {
        self.output(&["sh", "-c", script])
    }
}

/// A Docker container removed (forcibly) when dropped.
pub struct DockerContainer {
    pub name: String,
}

impl DockerContainer {
    /// `docker run -d --name NAME [extra...] IMAGE cmd...`
    pub fn start(name: &str, extra: &[&str], cmd: &[&str]) -> DockerContainer {
        let c = DockerContainer {
            name: name.to_string(),
        };
        let mut args = vec!["run", "-d", "--name", name];
        args.extend_from_slice(extra);
        args.push(IMAGE);
        args.extend_from_slice(cmd);
        run_ok(docker().args(&args));
        c
    }

    pub fn pid(&self) -> u32 {
        let out = run_ok(docker().args(["inspect", "-f", "{{.State.Pid}}", &self.name]));
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("pid")
    }

    pub fn id(&self) -> String {
        let out = run_ok(docker().args(["inspect", "-f", "{{.Id}}", &self.name]));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    pub fn stop(&self) {
        let _ = docker().args(["rm", "-f", &self.name]).output();
    }
}

impl Drop for DockerContainer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A container started directly in containerd (namespace `ig-test`), removed when dropped.
pub struct CtrContainer {
    pub id: String,
}

impl CtrContainer {
    pub fn start(id: &str, labels: &[(&str, &str)], cmd: &[&str]) -> CtrContainer {
        let mut args: Vec<String> = vec!["run".into(), "-d".into()];
        for (k, v) in labels {
            args.push("--label".into());
            args.push(format!("{k}={v}"));
        }
        args.push(CTR_IMAGE.into());
        args.push(id.into());
        args.extend(cmd.iter().map(|s| s.to_string()));
        run_ok(ctr().args(&args));
        CtrContainer { id: id.to_string() }
    }

    pub fn pid(&self) -> u32 {
        let out = run_ok(ctr().args(["task", "ls"]));
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(self.id.as_str()))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("task {} not in: {text}", self.id))
    }
}

impl Drop for CtrContainer {
    fn drop(&mut self) {
        ctr_signal(&self.id, "SIGKILL");
        for _ in 0..50 {
            let out = ctr().args(["task", "rm", "-f", &self.id]).output();
            if out.is_ok_and(|o| o.status.success()) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = ctr().args(["container", "rm", &self.id]).output();
    }
}

/// `ctr -n ig-test`: containerd's client in the tests' namespace.
pub fn ctr() -> Command {
    let mut c = Command::new("ctr");
    c.args(["-n", CTR_NAMESPACE]);
    c
}

/// Sends `signal` (e.g. SIGTERM) to the task of containerd container `id`, if it runs.
pub fn ctr_signal(id: &str, signal: &str) {
    let _ = ctr().args(["task", "kill", "-s", signal, id]).output();
}

pub fn mntns_of(pid: u32) -> u64 {
    let link = std::fs::read_link(format!("/proc/{pid}/ns/mnt")).expect("ns link");
    let s = link.to_string_lossy();
    s.trim_start_matches("mnt:[")
        .trim_end_matches(']')
        .parse()
        .expect("inode")
}

/// `ig` running in the background with its stdout and stderr read line by line.
pub struct IgProcess {
    pub child: Child,
    stdout_rx: mpsc::Receiver<String>,
    stderr_rx: mpsc::Receiver<String>,
    pub stdout: Vec<String>,
    pub stderr: Vec<String>,
}

impl IgProcess {
    pub fn spawn(args: &[&str]) -> IgProcess {
        let mut cmd = ig();
        cmd.args(args);
        IgProcess::spawn_command(cmd)
    }

    /// `spawn` with extra environment variables.
    pub fn spawn_env(args: &[&str], env: &[(&str, &str)]) -> IgProcess {
        let mut cmd = ig();
        cmd.args(args).envs(env.iter().copied());
        IgProcess::spawn_command(cmd)
    }

    /// Any command that runs ig (e.g. `docker run IMAGE ...`), read the same way.
    pub fn spawn_command(mut cmd: Command) -> IgProcess {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawning ig");
        let stdout_rx = lines(child.stdout.take().expect("stdout"));
        let stderr_rx = lines(child.stderr.take().expect("stderr"));
        IgProcess {
            child,
            stdout_rx,
            stderr_rx,
            stdout: Vec::new(),
            stderr: Vec::new(),
        }
    }

    fn drain(&mut self) {
        while let Ok(l) = self.stdout_rx.try_recv() {
            self.stdout.push(l);
        }
        while let Ok(l) = self.stderr_rx.try_recv() {
            self.stderr.push(l);
        }
    }

    /// Waits until a line of stdout (or stderr) satisfies `pred`.
    pub fn wait_for(
        &mut self,
        on_stderr: bool,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> bool {
        let end = Instant::now() + timeout;
        let mut checked = 0;
        while Instant::now() < end {
            self.drain();
            let v = if on_stderr {
                &self.stderr
            } else {
                &self.stdout
            };
            if v[checked..].iter().any(|l| pred(l)) {
                return true;
            }
            checked = v.len();
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Waits (up to `timeout`) until ig says `what` on stderr; panics with its stderr if not.
    pub fn expect_said(&mut self, what: &str, timeout: Duration) {
        assert!(
            self.wait_for(true, timeout, |l| l.contains(what)),
            "ig did not say {what:?}: {:?}",
            self.stderr
        );
    }

    pub fn signal(&self, sig: nix::sys::signal::Signal) {
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(self.child.id() as i32), sig);
    }

    /// Waits for exit (killing it after `timeout`) and returns (exit code, stdout, stderr).
    pub fn finish(mut self, timeout: Duration) -> (Option<i32>, String, String) {
        let end = Instant::now() + timeout;
        let status = loop {
            if let Ok(Some(s)) = self.child.try_wait() {
                break Some(s);
            }
            if Instant::now() >= end {
                let _ = self.child.kill();
                let _ = self.child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        // Readers end at EOF once the process is gone.
        std::thread::sleep(Duration::from_millis(100));
        self.drain();
        (
            status.and_then(|s| s.code()),
            self.stdout.join("\n"),
            self.stderr.join("\n"),
        )
    }
}

impl Drop for IgProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines<R: Read + Send + 'static>(r: R) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for l in BufReader::new(r).lines() {
            let Ok(l) = l else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    rx
}

/// Compiles the test program `tests/data/SRC` with gcc into `out`, with `flags`.
pub fn compile_c(src: &str, out: &Path, flags: &[&str]) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(src);
    let cc = Command::new("gcc")
        .args(flags)
        .arg("-o")
        .arg(out)
        .arg(&src)
        .output()
        .expect("running gcc (apt-get install gcc; gcc-multilib for -m32)");
    assert!(
        cc.status.success(),
        "gcc {flags:?} {}: {}",
        src.display(),
        String::from_utf8_lossy(&cc.stderr)
    );
}

/// Writes `contents` to a new file `name` in a fresh temporary directory.
pub fn temp_file(name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let p = tempdir().join(name);
    std::fs::write(&p, contents).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    p
}

/// A JSON file (a profile, a coverage document).
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One JSON object per line (ig's `-o json` streams).
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The names of a profile's first rule (ig writes every allowed name in one rule).
pub fn first_rule_names(p: &serde_json::Value) -> BTreeSet<String> {
    p["syscalls"][0]["names"]
        .as_array()
        .expect("names")
        .iter()
        .map(|n| n.as_str().unwrap_or_default().to_string())
        .collect()
}

/// Every name an SCMP_ACT_ALLOW rule of a profile lists.
pub fn allowed_names(p: &serde_json::Value) -> BTreeSet<String> {
    p["syscalls"]
        .as_array()
        .expect("syscalls")
        .iter()
        .filter(|r| r["action"] == "SCMP_ACT_ALLOW")
        .flat_map(|r| r["names"].as_array().expect("names").iter())
        .map(|n| n.as_str().expect("name").to_string())
        .collect()
}

pub fn tempdir() -> PathBuf {
    let d = std::env::temp_dir().join(unique("dir"));
    std::fs::create_dir_all(&d).expect("tempdir");
    d
}

/// What the kernel the tests run on is known to allow, by its release: the host these tests
/// are developed on, and the stock Debian kernels `scripts/vm.sh` boots.
#[derive(Clone, Copy, Debug)]
pub struct KnownKernel {
    pub name: &'static str,
    /// kprobe on audit_seccomp attaches (the ebpf audit source).
    pub kprobe: bool,
    /// fentry on audit_seccomp loads and attaches.
    pub fentry: bool,
}

/// The kernel under test, named by `uname -r` (and, in a VM, checked against the kernel
/// `scripts/vm.sh` was asked for). An unknown kernel fails: its facts must be added here.
pub fn known_kernel() -> KnownKernel {
    let release = nix::sys::utsname::uname()
        .expect("uname")
        .release()
        .to_string_lossy()
        .into_owned();
    let k = if release.starts_with("6.1.0-") && release.ends_with("-amd64") {
        KnownKernel {
            name: "6.1",
            kprobe: true,
            fentry: true,
        }
    } else if release.starts_with("6.12.") && release.ends_with("+deb12-amd64") {
        KnownKernel {
            name: "6.12",
            kprobe: true,
            fentry: true,
        }
    } else if release.contains("-fc-") {
        // The development VM (6.18, Firecracker-style config): no kprobe PMU, and fentry
        // refused with EPERM.
        KnownKernel {
            name: "dev-host",
            kprobe: false,
            fentry: false,
        }
    } else {
        panic!("kernel {release} is not in tests/common known_kernel(): add what it allows");
    };
    if let Ok(asked) = std::env::var("IG_VM_KERNEL") {
        assert_eq!(
            k.name, asked,
            "scripts/vm.sh booted kernel {release} for IG_VM_KERNEL={asked}"
        );
    }
    k
}
