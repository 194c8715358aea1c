//! Deploying ig as users do: the image from `packaging/build-image.sh` run under Docker and
//! containerd with the host mounted at HOST_ROOT, the DaemonSet checked against the
//! Kubernetes schema and run with its own settings, Talos patches and a followed audit stream.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

const DAEMONSET: &str = "packaging/kubernetes/ig-daemonset.yaml";
/// Runc's default capabilities, which `ctr run` grants unless each is dropped by name.
const CTR_DEFAULT_CAPS: &[&str] = &[
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_RAW",
    "CAP_SYS_CHROOT",
    "CAP_MKNOD",
    "CAP_AUDIT_WRITE",
    "CAP_SETFCAP",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// An image built from the ig under test, removed when dropped.
struct Image {
    tag: String,
}

impl Image {
    fn build() -> Image {
        let tag = format!("{}:test", unique("image"));
        let out = run_ok(
            Command::new("bash")
                .arg(repo().join("packaging/build-image.sh"))
                .args(["--binary", ig_bin(), "--tag", &tag]),
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            stdout.lines().last(),
            Some(tag.as_str()),
            "the last line is the image reference: {stdout}"
        );
        Image { tag }
    }

    /// The same image in containerd's test namespace (as a kubelet would run it).
    fn import_into_containerd(&self) -> String {
        let mut save = docker()
            .args(["save", &self.tag])
            .stdout(Stdio::piped())
            .spawn()
            .expect("docker save");
        let status = ctr()
            .args(["images", "import", "-"])
            .stdin(save.stdout.take().expect("pipe"))
            .stdout(Stdio::null())
            .status()
            .expect("ctr import");
        assert!(save.wait().is_ok_and(|s| s.success()), "docker save");
        assert!(status.success(), "ctr images import");
        format!("docker.io/library/{}", self.tag)
    }
}

impl Drop for Image {
    fn drop(&mut self) {
        let _ = docker().args(["rmi", "-f", &self.tag]).output();
        let _ = ctr()
            .args(["images", "rm"])
            .arg(format!("docker.io/library/{}", self.tag))
            .output();
    }
}

/// A `docker run --name` of the image: removed when dropped (killing the client does not
/// stop the container).
struct Named(String);

impl Drop for Named {
    fn drop(&mut self) {
        let _ = docker().args(["rm", "-f", &self.0]).output();
    }
}

fn docker_ig(name: &str, opts: &[&str], image: &Image, args: &[&str]) -> (Named, IgProcess) {
    let mut cmd = docker();
    cmd.args(["run", "--rm", "--name", name])
        .args(opts)
        .arg(&image.tag)
        .args(args);
    (Named(name.to_string()), IgProcess::spawn_command(cmd))
}

/// `signal` (TERM as a kubelet stops a pod, INT as Ctrl-C) to ig in its container `name`; how
/// ig ended.
fn stop_ig(name: &str, signal: &str, ig: IgProcess) -> (Option<i32>, String, String) {
    let _ = docker().args(["kill", "--signal", signal, name]).output();
    ig.finish(Duration::from_secs(30))
}

/// Least-privilege `docker run` options for the audit stream of ig in its image.
const STREAM_OPTS: [&str; 9] = [
    "--pid=host",
    "--network=host",
    "--cap-drop=ALL",
    "--cap-add=SYS_ADMIN",
    "--cap-add=SYS_PTRACE",
    "--cap-add=AUDIT_READ",
    "--read-only",
    "-v",
    "/run/docker.sock:/host/run/docker.sock",
];

/// `ig run audit_seccomp ARGS...` in its image with STREAM_OPTS and `extra` options, once it
/// has said which source it reads.
fn stream_in_image(image: &Image, extra: &[&str], args: &[&str]) -> (Named, IgProcess) {
    let opts = [&STREAM_OPTS[..], extra].concat();
    let args = [&["run", "audit_seccomp"][..], args].concat();
    let (n, mut ig) = docker_ig(&unique("dep-ig"), &opts, image, &args);
    ig.expect_said("ig: source:", Duration::from_secs(60));
    (n, ig)
}

#[test]
fn image_is_small_labelled_and_has_no_shell() {
    require!(Root, Docker);
    let image = Image::build();
    let out = run_ok(docker().args([
        "image",
        "inspect",
        "--format",
        "{{.Size}} {{json .Config.Labels}} {{json .Config.Entrypoint}} {{json .Config.Env}}",
        &image.tag,
    ]));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (size, rest) = text.trim().split_once(' ').expect("fields");
    let size: u64 = size.parse().expect("size");
    println!("image size: {size} bytes");
    assert!(size < 40 * 1024 * 1024, "image is {size} bytes");
    let labels: Value = serde_json::from_str(rest.split(" [").next().expect("labels")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(labels["org.opencontainers.image.version"], version);
    assert!(
        labels["org.opencontainers.image.source"].is_string(),
        "{labels}"
    );
    assert!(
        labels["org.opencontainers.image.revision"].is_string(),
        "{labels}"
    );
    assert!(rest.contains(r#"["/usr/bin/ig"]"#), "{rest}");
    assert!(rest.contains("HOST_ROOT=/host"), "{rest}");
    // ig runs; nothing else does.
    let v = run_ok(docker().args(["run", "--rm", &image.tag, "--version"]));
    assert!(String::from_utf8_lossy(&v.stdout).contains(version));
    let sh = docker()
        .args([
            "run",
            "--rm",
            "--entrypoint",
            "/bin/sh",
            &image.tag,
            "-c",
            "true",
        ])
        .output()
        .expect("docker run");
    assert!(!sh.status.success(), "the image has a shell");
}

#[test]
fn image_lists_host_containers_with_host_pids_and_says_when_pid_host_is_missing() {
    require!(Root, Docker);
    let image = Image::build();
    let c = DockerContainer::start(&unique("dep-list"), &[], &["sleep", "60"]);
    let out = run_ok(docker().args([
        "run",
        "--rm",
        "--pid=host",
        "-v",
        "/:/host",
        &image.tag,
        "list-containers",
        "-c",
        &c.name,
        "-o",
        "json",
    ]));
    let list: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["runtime"]["containerName"], c.name.as_str());
    assert_eq!(list[0]["runtime"]["containerPid"], c.pid());
    assert_eq!(list[0]["mountnsid"], mntns_of(c.pid()));

    // Without --pid=host ig would see only its own container: it says what to do.
    let out = docker()
        .args([
            "run",
            "--rm",
            "-v",
            "/:/host",
            &image.tag,
            "list-containers",
        ])
        .output()
        .expect("docker run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("run it with --pid=host"), "{err}");
    // A relative HOST_ROOT is a usage error.
    let out = docker()
        .args([
            "run",
            "--rm",
            "-e",
            "HOST_ROOT=host",
            &image.tag,
            "list-containers",
        ])
        .output()
        .expect("docker run");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn image_records_a_container_into_a_profile_it_runs_under_with_least_privilege() {
    require!(Root, Docker);
    let image = Image::build();
    let out_dir = tempdir();
    let target = unique("dep-rec");
    let opts = least_privilege_opts(&out_dir);
    let opts: Vec<&str> = opts.iter().map(String::as_str).collect();
    let (_n, mut ig) = docker_ig(
        &unique("dep-ig"),
        &opts,
        &image,
        &[
            "seccomp-advisor",
            "-c",
            &target,
            "--output-dir",
            out_dir.to_str().expect("utf-8"),
            "--timeout",
            "60",
        ],
    );
    ig.expect_said("waiting for", Duration::from_secs(30));
    let work = "echo hello > /tmp/x && cat /tmp/x && mkdir /tmp/d";
    assert_ran(
        &DockerRun::named(&target).sh(work),
        "the recorded container",
    );
    let (code, _out, err) = ig.finish(Duration::from_secs(60));
    assert_eq!(code, Some(0), "{err}");
    let profile = out_dir.join(format!("{target}.json"));
    assert!(profile.exists(), "no {}: {err}", profile.display());
    let ok = enforced(&profile, work);
    assert_ran(&ok, "the workload under its profile");
    assert_eq!(String::from_utf8_lossy(&ok.stdout).trim(), "hello");
    let refused = DockerRun::new("dep-refused")
        .seccomp(&profile)
        .output(&["unshare", "-i", "true"]);
    assert!(!refused.status.success(), "unshare was not refused");
}

#[test]
fn image_streams_a_seccomp_record_with_a_symbolized_stack() {
    require!(Root, Docker, Gcc);
    let image = Image::build();
    let dir = tempdir();
    compile_levels(&dir, "levels", &["-g"]);
    let prof = dir.join("log-mkdir.json");
    std::fs::write(
        &prof,
        r#"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"action":"SCMP_ACT_LOG","names":["mkdir","mkdirat"]}]}"#,
    )
    .expect("profile");
    let target = unique("dep-ustack");
    let args = [
        "-c",
        &target,
        "--collect-ustack",
        "-o",
        "json",
        "--timeout",
        "90",
    ];
    let (n, mut ig) = stream_in_image(&image, &[], &args);
    let _c = levels_container(&target, &dir, &prof, "sleep 3; /t/levels log; sleep 1");
    let seen = ig.wait_for(false, Duration::from_secs(40), |l| l.contains("SYS_MKDIR"));
    std::thread::sleep(Duration::from_millis(500));
    let (code, out, err) = stop_ig(&n.0, "INT", ig);
    assert!(seen, "no mkdir record: {out}\n{err}");
    assert_eq!(code, Some(0), "{err}");
    let rec: Value = out
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|r| r["syscall"] == "SYS_MKDIR")
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(rec["runtime"]["containerName"], target.as_str(), "{rec}");
    let symbols = rec["ustack"]["symbols"].as_str().unwrap_or_default();
    assert!(
        symbols.contains("level3") && symbols.contains("main"),
        "{rec}"
    );
}

/// ig in its image (HOST_ROOT, --pid=host) names the stack of a static program killed or
/// logged at its very first syscall in a `--rm` container it never saw: with the ebpf source
/// (kprobes or fentry) the executable is found through the host's mount table, which ig in
/// a container reads through the host's init, not through its own container's mounts.
#[test]
fn image_names_a_static_program_stopped_at_its_first_syscall() {
    require!(Root, Docker, Gcc);
    let k = known_kernel();
    let image = Image::build();
    let (dir, prof) = static_levels();
    let name = unique("dep-static");
    let (n, mut ig) = stream_in_image(
        &image,
        &["--security-opt", "seccomp=unconfined"],
        &["--collect-ustack", "-o", "json", "--timeout", "120"],
    );
    run_static_levels(&name, &dir, &prof);
    let done = saw_static_levels(&mut ig, &name);
    std::thread::sleep(Duration::from_millis(1500));
    let (code, out, err) = stop_ig(&n.0, "INT", ig);
    assert!(done, "no record of the logged run: {out}\n{err}");
    assert_eq!(code, Some(0), "{err}");
    let recs: Vec<Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    static_levels_records(&recs, &name, k, &out);
}

/// The DaemonSet's container, as a `ctr run` command line: its capabilities, read-only
/// root, environment, hostPID and mounts (host paths replaced by `host_dirs`).
fn ctr_args_of_daemonset(ds: &serde_yaml::Value, host_dirs: &[(&str, &Path)]) -> Vec<String> {
    let pod = &ds["spec"]["template"]["spec"];
    let c = &pod["containers"][0];
    let sc = &c["securityContext"];
    let mut a = Vec::new();
    for cap in CTR_DEFAULT_CAPS {
        a.push("--cap-drop".to_string());
        a.push(cap.to_string());
    }
    for cap in sc["capabilities"]["add"].as_sequence().expect("caps") {
        a.push("--cap-add".into());
        a.push(format!("CAP_{}", cap.as_str().expect("cap")));
    }
    if sc["readOnlyRootFilesystem"].as_bool() == Some(true) {
        a.push("--read-only".into());
    }
    if pod["hostPID"].as_bool() == Some(true) {
        // kthreadd's PID namespace is the host's.
        a.push("--with-ns".into());
        a.push("pid:/proc/2/ns/pid".into());
    }
    for e in c["env"].as_sequence().expect("env") {
        let name = e["name"].as_str().expect("name");
        let value = e["value"].as_str().unwrap_or("test-node");
        a.push("--env".into());
        a.push(format!("{name}={value}"));
    }
    let volumes = pod["volumes"].as_sequence().expect("volumes");
    for m in c["volumeMounts"].as_sequence().expect("mounts") {
        let name = m["name"].as_str().expect("name");
        let dst = m["mountPath"].as_str().expect("mountPath");
        let vol = volumes
            .iter()
            .find(|v| v["name"].as_str() == Some(name))
            .expect("volume");
        a.push("--mount".into());
        if let Some(src) = vol["hostPath"]["path"].as_str() {
            let src = host_dirs
                .iter()
                .find(|(p, _)| *p == src)
                .map(|(_, d)| d.display().to_string())
                .unwrap_or_else(|| src.to_string());
            a.push(format!("type=bind,src={src},dst={dst},options=rbind:rw"));
        } else {
            a.push(format!(
                "type=tmpfs,src=tmpfs,dst={dst},options=nosuid:nodev"
            ));
        }
    }
    a
}

fn read_daemonset() -> serde_yaml::Value {
    let text = std::fs::read_to_string(repo().join(DAEMONSET)).expect("DaemonSet file");
    let ds = serde_yaml::Deserializer::from_str(&text)
        .map(|d| serde::Deserialize::deserialize(d).expect("YAML"))
        .find(|d: &serde_yaml::Value| d["kind"] == "DaemonSet")
        .expect("a DaemonSet document");
    ds
}

#[test]
fn daemonset_validates_against_the_kubernetes_schema_and_asks_for_little() {
    // The schema check needs its tool; the least-privilege checks below run regardless.
    if gate::met(test_name!(), &[Need::KubernetesValidate]) {
        let file = repo().join(DAEMONSET);
        let out = Command::new("kubernetes-validate")
            .args(["--strict", "--no-warn"])
            .arg(&file)
            .output()
            .expect("kubernetes-validate");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Least privilege, whatever the schema allows.
    let ds = read_daemonset();
    let pod = &ds["spec"]["template"]["spec"];
    let c = &pod["containers"][0];
    let sc = &c["securityContext"];
    assert_eq!(pod["hostPID"].as_bool(), Some(true));
    assert_ne!(pod["hostNetwork"].as_bool(), Some(true));
    assert_ne!(sc["privileged"].as_bool(), Some(true));
    assert_eq!(sc["readOnlyRootFilesystem"].as_bool(), Some(true));
    assert_eq!(sc["capabilities"]["drop"][0].as_str(), Some("ALL"));
    let hostpaths: Vec<&str> = pod["volumes"]
        .as_sequence()
        .expect("volumes")
        .iter()
        .filter_map(|v| v["hostPath"]["path"].as_str())
        .collect();
    assert_eq!(
        hostpaths,
        [
            "/run/containerd/containerd.sock",
            "/var/lib/kubelet/seccomp/ig"
        ]
    );
    let args: Vec<&str> = c["args"]
        .as_sequence()
        .expect("args")
        .iter()
        .filter_map(|a| a.as_str())
        .collect();
    assert!(
        args.windows(2)
            .any(|w| w == ["--output-dir", "/var/lib/kubelet/seccomp/ig"]),
        "{args:?}"
    );
}

#[test]
fn daemonset_settings_record_a_pod_under_containerd() {
    require!(Root, Docker, Containerd);
    let image = Image::build();
    let image_ref = image.import_into_containerd();
    let out_dir = tempdir();
    let ds = read_daemonset();
    let mut args = ctr_args_of_daemonset(&ds, &[("/var/lib/kubelet/seccomp/ig", &out_dir)]);
    let ig_id = unique("dep-ds");
    args.splice(0..0, ["-n", CTR_NAMESPACE, "run", "--rm"].map(String::from));
    args.push(image_ref);
    args.push(ig_id.clone());
    let pod = unique("pod");
    // The DaemonSet's own command line (automatic mode), narrowed to the test's pod.
    args.push("/usr/bin/ig".into());
    let ds_args = ds["spec"]["template"]["spec"]["containers"][0]["args"]
        .as_sequence()
        .expect("args");
    args.extend(ds_args.iter().map(|a| a.as_str().expect("arg").to_string()));
    args.extend(["-n", "shop", "-p", &pod, "--timeout", "60"].map(String::from));
    let mut cmd = Command::new("ctr");
    cmd.args(&args);
    let mut ig = IgProcess::spawn_command(cmd);
    struct Task(String);
    impl Drop for Task {
        fn drop(&mut self) {
            ctr_signal(&self.0, "SIGKILL");
            std::thread::sleep(Duration::from_millis(300));
            let _ = ctr().args(["container", "rm", &self.0]).output();
        }
    }
    let _task = Task(ig_id);
    ig.expect_said("automatic mode:", Duration::from_secs(30));
    let work = "echo hello > /tmp/x && cat /tmp/x && mkdir /tmp/d";
    let cid = unique("dep-web");
    let c = CtrContainer::start(
        &cid,
        &[
            ("io.kubernetes.pod.namespace", "shop"),
            ("io.kubernetes.pod.name", &pod),
            ("io.kubernetes.container.name", "web"),
        ],
        &["sh", "-c", work],
    );
    let profile = out_dir.join(format!("shop_{pod}_web.json"));
    let written = wait_for_file(&profile, |t| t.contains("SCMP_ACT_ALLOW"));
    drop(c);
    ctr_signal(&_task.0, "SIGTERM");
    let (code, _out, err) = ig.finish(Duration::from_secs(30));
    assert!(written, "no {}: {err}", profile.display());
    assert_eq!(code, Some(0), "{err}");
    // The pod's container runs under it (same runtime, same runc).
    let run = |cmd: &[&str]| {
        ctr()
            .args(["run", "--rm", "--seccomp", "--seccomp-profile"])
            .arg(&profile)
            .arg(CTR_IMAGE)
            .arg(unique("dep-enf"))
            .args(cmd)
            .output()
            .expect("ctr run")
    };
    let ok = run(&["sh", "-c", work]);
    assert!(
        ok.status.success() && String::from_utf8_lossy(&ok.stdout).trim() == "hello",
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(!run(&["unshare", "-i", "true"]).status.success());
}

const TALOS_LINES: &str = "\
10.5.0.3: kern: warning: [2022-07-28T11:49:44.873616063Z]: kauditd_printk_skb: 14 callbacks suppressed
10.5.0.3: kern:  notice: [2022-07-28T11:49:44.873619063Z]: audit: type=1326 audit(1659008985.445:25): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=2784 comm=\"runc:[2:INIT]\" exe=\"/\" sig=0 arch=c000003e syscall=3 compat=0 ip=0x55ec0657bd3b code=0x7ffc0000
10.5.0.3: kern:  notice: [2022-07-28T11:49:44.901518063Z]: audit: type=1326 audit(1659008985.473:34): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=2784 comm=\"http-echo\" exe=\"/http-echo\" sig=0 arch=c000003e syscall=158 compat=0 ip=0x455f35 code=0x7ffc0000
10.5.0.3: kern:  notice: [2022-07-28T11:49:44.901518063Z]: audit: type=1326 audit(1659008985.473:35): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=2784 comm=\"http-echo\" exe=\"/http-echo\" sig=0 arch=c000003e syscall=0 compat=0 ip=0x455f35 code=0x7ffc0000
";

fn talos_profile(yaml: &str) -> Value {
    let doc: serde_yaml::Value = serde_yaml::from_str(yaml).expect("the patch is YAML");
    let entries = doc["machine"]["seccompProfiles"]
        .as_sequence()
        .unwrap_or_else(|| panic!("no machine.seccompProfiles: {yaml}"));
    assert_eq!(entries.len(), 1, "{yaml}");
    assert_eq!(
        entries[0]["name"].as_str(),
        Some("http-echo.json"),
        "{yaml}"
    );
    serde_yaml::from_value(entries[0]["value"].clone()).expect("value")
}

#[test]
fn talos_patch_is_yaml_with_the_profile_as_its_value() {
    let dir = tempdir();
    let log = dir.join("talos.txt");
    std::fs::write(&log, TALOS_LINES).expect("log");
    let out = run_ok(
        ig().args(["seccomp-advisor", "from-audit-log", "-m", "talos"])
            .args([
                "--seccomp-profile-name",
                "http-echo",
                log.to_str().expect("utf-8"),
            ]),
    );
    let profile = talos_profile(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(profile["defaultAction"], "SCMP_ACT_ERRNO");
    let names = allowed_names(&profile);
    for n in ["close", "arch_prctl", "read"] {
        assert!(names.iter().any(|x| x == n), "{n} missing: {names:?}");
    }
    // The same profile as -m terminal prints.
    let json = run_ok(ig().args(["seccomp-advisor", "from-audit-log"]).arg(&log));
    let plain: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(profile, plain);
    // A name that cannot be a file name is refused.
    let bad = ig()
        .args(["seccomp-advisor", "from-audit-log", "-m", "talos"])
        .args(["--seccomp-profile-name", "../x"])
        .arg(&log)
        .output()
        .expect("ig");
    assert_eq!(bad.status.code(), Some(2));
}

/// `ig ... from-audit-log --follow -` with a stream that stays open.
fn follow(args: &[&str]) -> std::process::Child {
    ig().args(["seccomp-advisor", "from-audit-log", "--follow", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ig")
}

#[test]
fn follow_prints_the_profile_on_sigterm_with_every_line_read() {
    let mut child = follow(&["-m", "talos", "--seccomp-profile-name", "http-echo"]);
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(TALOS_LINES.as_bytes()).expect("write");
    // A malformed seccomp line in a live stream is reported, not fatal.
    stdin
        .write_all(b"audit: type=1326 audit(1.2:3): pid=x syscall=zz\n")
        .expect("write");
    stdin.flush().expect("flush");
    std::thread::sleep(Duration::from_millis(1500));
    let pid = nix::unistd::Pid::from_raw(child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("kill");
    let out = child.wait_with_output().expect("wait");
    drop(stdin);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("stopped by signal"), "{err}");
    assert!(err.contains("3 of 3 seccomp record(s) used"), "{err}");
    let profile = talos_profile(&String::from_utf8_lossy(&out.stdout));
    assert!(allowed_names(&profile).iter().any(|n| n == "read"));
}

#[test]
fn follow_prints_the_profile_when_the_stream_ends_and_refuses_files() {
    let mut child = follow(&[]);
    let mut stdin = child.stdin.take().expect("stdin");
    stdin.write_all(TALOS_LINES.as_bytes()).expect("write");
    drop(stdin);
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("stream ended after 4 line(s)"), "{err}");
    let profile: Value = serde_json::from_slice(&out.stdout).expect("JSON profile");
    assert!(allowed_names(&profile).iter().any(|n| n == "arch_prctl"));

    let bad = ig()
        .args(["seccomp-advisor", "from-audit-log", "--follow", "some.log"])
        .output()
        .expect("ig");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("tail -f"));
}

/// Least-privilege `docker run` options for ig in its image writing into `out_dir` (a host
/// directory mounted at the same path under /host). Docker 20.10 has no names for
/// CAP_BPF/CAP_PERFMON: CAP_SYS_ADMIN stands in for them.
fn least_privilege_opts(out_dir: &Path) -> Vec<String> {
    [
        "--pid=host",
        "--cap-drop=ALL",
        "--cap-add=SYS_ADMIN",
        "--cap-add=SYS_PTRACE",
        "--read-only",
        "--tmpfs=/run",
        "-v",
        "/run/docker.sock:/host/run/docker.sock",
        "-v",
    ]
    .into_iter()
    .map(String::from)
    .chain([format!("{}:/host{}", out_dir.display(), out_dir.display())])
    .collect()
}

/// The number of inputs a coverage file counts over (0 if it is not one yet).
fn inputs_in(text: &str) -> usize {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| v["inputs"].as_array().map(Vec::len))
        .unwrap_or(0)
}

fn wait_for_file(path: &Path, pred: impl Fn(&str) -> bool) -> bool {
    for _ in 0..200 {
        if std::fs::read_to_string(path).is_ok_and(|t| pred(&t)) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn enforced(profile: &Path, script: &str) -> std::process::Output {
    DockerRun::new("dep-enforce").seccomp(profile).sh(script)
}

#[test]
fn auto_mode_in_the_image_writes_a_profile_as_each_container_exits() {
    require!(Root, Docker);
    let image = Image::build();
    let out_dir = tempdir();
    let base = unique("auto");
    let names: Vec<String> = (1..=3).map(|i| format!("{base}-c{i}")).collect();
    let opts = least_privilege_opts(&out_dir);
    let opts: Vec<&str> = opts.iter().map(String::as_str).collect();
    let ig_name = unique("dep-auto");
    let (_n, mut ig) = docker_ig(
        &ig_name,
        &opts,
        &image,
        &[
            "seccomp-advisor",
            "--auto",
            "-c",
            &names.join(","),
            "--output-dir",
            out_dir.to_str().expect("utf-8"),
            "--timeout",
            "120",
        ],
    );
    ig.expect_said("automatic mode:", Duration::from_secs(30));
    let scripts = [
        "echo one > /tmp/x && cat /tmp/x",
        "mkdir /tmp/d && rmdir /tmp/d",
        "ln -s a /tmp/l && readlink /tmp/l",
    ];
    for (name, script) in names.iter().zip(scripts) {
        assert_ran(&DockerRun::named(name).sh(script), name);
        let file = out_dir.join(format!("{name}.json"));
        assert!(
            wait_for_file(&file, |t| t.contains("SCMP_ACT_ALLOW")),
            "no {} after {name} exited: {:?}",
            file.display(),
            ig.stderr
        );
    }
    let (code, _out, err) = stop_ig(&ig_name, "TERM", ig);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("3 profile(s) written"), "{err}");
    for (name, script) in names.iter().zip(scripts) {
        let out = enforced(&out_dir.join(format!("{name}.json")), script);
        assert_ran(&out, &format!("{name} under its profile"));
    }
}

#[test]
fn auto_mode_merges_replicas_with_coverage_and_a_killed_ig_loses_nothing() {
    require!(Root, Docker);
    let image = Image::build();
    let out_dir = tempdir();
    let base = unique("rep");
    let (r1, r2) = (format!("{base}-1"), format!("{base}-2"));
    let opts = least_privilege_opts(&out_dir);
    let opts: Vec<&str> = opts.iter().map(String::as_str).collect();
    let targets = format!("{r1},{r2}");
    let args = [
        "seccomp-advisor",
        "--auto",
        "--merge",
        "-c",
        &targets,
        "--output-dir",
        out_dir.to_str().expect("utf-8"),
        "--timeout",
        "120",
    ];
    let ig1_name = unique("dep-auto1");
    let (_n1, mut ig1) = docker_ig(&ig1_name, &opts, &image, &args);
    ig1.expect_said("automatic mode:", Duration::from_secs(30));
    let merged = out_dir.join(format!("{base}.json"));
    let coverage = out_dir.join(format!("{base}.coverage.json"));
    // Replica 1 makes mkdir and ends: the merged profile appears.
    assert_ran(&DockerRun::named(&r1).sh("mkdir /tmp/d"), "replica 1");
    assert!(
        wait_for_file(&coverage, |t| inputs_in(t) == 1),
        "{:?}",
        ig1.stderr
    );
    // Replica 2 makes a symlink, then ig is killed (no chance to write anything more), and
    // a new ig is started before replica 2 goes on to rmdir and ends.
    let _c2 = DockerContainer::start(
        &r2,
        &[],
        &["sh", "-c", "ln -s a /tmp/l; sleep 12; rmdir /tmp"],
    );
    ig1.expect_said(&r2, Duration::from_secs(20));
    std::thread::sleep(Duration::from_millis(2500));
    run_ok(docker().args(["kill", "--signal", "KILL", &ig1_name]));
    let (_, _, err1) = ig1.finish(Duration::from_secs(20));
    let ig2_name = unique("dep-auto2");
    let (_n2, mut ig2) = docker_ig(&ig2_name, &opts, &image, &args);
    assert!(
        ig2.wait_for(true, Duration::from_secs(30), |l| l
            .contains("resuming 1 container")),
        "first run: {err1}\nsecond run: {:?}",
        ig2.stderr
    );
    assert!(
        wait_for_file(&coverage, |t| inputs_in(t) == 2),
        "{:?}",
        ig2.stderr
    );
    let (code, _out, err) = stop_ig(&ig2_name, "TERM", ig2);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("no ig recorded into this directory for"),
        "{err}"
    );

    let profile = read_json(&merged);
    let names = allowed_names(&profile);
    let has = |n: &[&str]| names.iter().any(|x| n.contains(&x.as_str()));
    assert!(has(&["mkdir", "mkdirat"]), "replica 1's mkdir: {names:?}");
    assert!(
        has(&["symlink", "symlinkat"]),
        "replica 2's symlink, before the kill: {names:?}"
    );
    assert!(
        has(&["rmdir"]),
        "replica 2's rmdir, after the restart: {names:?}"
    );
    let cov = read_json(&coverage);
    assert_eq!(cov["inputs"].as_array().map(Vec::len), Some(2), "{cov}");
    let count = |n: &[&str]| {
        n.iter()
            .filter_map(|x| cov["syscalls"][*x]["count"].as_u64())
            .sum::<u64>()
    };
    assert_eq!(count(&["mkdir", "mkdirat"]), 1, "{cov}");
    assert_eq!(count(&["symlink", "symlinkat"]), 1, "{cov}");
    assert_eq!(count(&["execve"]), 2, "{cov}");
    // Both replicas' work runs under the one profile.
    let out = enforced(&merged, "mkdir /tmp/d; ln -s a /tmp/l; rmdir /tmp/d");
    assert_ran(&out, "both replicas' work under the merged profile");
}
