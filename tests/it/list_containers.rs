//! `ig list-containers` against the real Docker engine and containerd.

use std::process::Command;
use std::time::Duration;

use crate::common::*;
use serde_json::Value;

fn list_json(extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["list-containers", "-o", "json"];
    args.extend_from_slice(extra);
    let out = run_ok(ig().args(&args));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("JSON array")
}

fn find<'a>(list: &'a [Value], name: &str) -> Option<&'a Value> {
    list.iter().find(|c| c["runtime"]["containerName"] == name)
}

#[test]
fn lists_docker_and_containerd_containers_with_mntns_and_k8s_labels() {
    require!(Root, Docker, Containerd);
    let dname = unique("list-d");
    let d = DockerContainer::start(
        &dname,
        &[
            "--label",
            "io.kubernetes.pod.namespace=ns-docker",
            "--label",
            "io.kubernetes.pod.name=pod-docker",
            "--label",
            "io.kubernetes.container.name=ctr-docker",
        ],
        &["sleep", "60"],
    );
    let cid = unique("list-c");
    let kname = unique("k8sname");
    let c = CtrContainer::start(
        &cid,
        &[
            ("io.kubernetes.pod.namespace", "ns-ctr"),
            ("io.kubernetes.pod.name", "pod-ctr"),
            ("io.kubernetes.container.name", &kname),
        ],
        &["sleep", "60"],
    );

    let list = list_json(&[]);
    let dj = find(&list, &dname).unwrap_or_else(|| panic!("{dname} not in {list:?}"));
    assert_eq!(dj["runtime"]["runtimeName"], "docker");
    assert_eq!(dj["runtime"]["containerId"], d.id(), "full id in JSON");
    assert_eq!(dj["runtime"]["containerPid"], d.pid());
    assert_eq!(dj["mountnsid"], mntns_of(d.pid()));
    assert_eq!(dj["k8s"]["namespace"], "ns-docker");
    assert_eq!(dj["k8s"]["podName"], "pod-docker");
    assert_eq!(dj["k8s"]["containerName"], "ctr-docker");
    assert_eq!(
        list.iter()
            .filter(|x| x["runtime"]["containerId"] == d.id())
            .count(),
        1,
        "a Docker container (also in containerd's moby namespace) is listed once"
    );

    let cj = find(&list, &kname).unwrap_or_else(|| panic!("{kname} not in {list:?}"));
    assert_eq!(cj["runtime"]["runtimeName"], "containerd");
    assert_eq!(cj["runtime"]["containerId"], cid);
    assert_eq!(cj["runtime"]["containerdNamespace"], CTR_NAMESPACE);
    assert_eq!(cj["runtime"]["containerPid"], c.pid());
    assert_eq!(cj["mountnsid"], mntns_of(c.pid()));
    assert_eq!(cj["k8s"]["namespace"], "ns-ctr");
    assert_eq!(cj["k8s"]["podName"], "pod-ctr");

    // One containerd namespace only, and a name filter.
    let only = list_json(&[
        "--containerd-namespace",
        CTR_NAMESPACE,
        "--runtimes",
        "containerd",
    ]);
    assert!(find(&only, &kname).is_some());
    assert!(find(&only, &dname).is_none());
    let named = list_json(&["-c", &dname]);
    assert_eq!(named.len(), 1);

    // Columns: short id, one row each.
    let out = run_ok(ig().args(["list-containers", "-c", &dname]));
    let text = String::from_utf8_lossy(&out.stdout);
    let short = &d.id()[..12];
    assert!(
        text.lines().next().unwrap_or("").starts_with("RUNTIME"),
        "{text}"
    );
    assert!(text.contains(short) && !text.contains(&d.id()), "{text}");
}

#[test]
fn watch_reports_a_container_started_then_stopped() {
    require!(Root, Docker);
    let name = unique("watch");
    let mut ig = IgProcess::spawn(&[
        "list-containers",
        "-w",
        "-o",
        "json",
        "-c",
        &name,
        "--timeout",
        "60",
    ]);
    std::thread::sleep(Duration::from_millis(800));
    let d = DockerContainer::start(&name, &[], &["sleep", "60"]);
    let added = ig.wait_for(false, Duration::from_secs(15), |l| {
        l.contains("\"ADDED\"") && l.contains(&name)
    });
    assert!(added, "no ADDED event: {:?}", ig.stdout);
    d.stop();
    let removed = ig.wait_for(false, Duration::from_secs(15), |l| {
        l.contains("\"REMOVED\"") && l.contains(&name)
    });
    assert!(removed, "no REMOVED event: {:?}", ig.stdout);
    ig.signal(nix::sys::signal::Signal::SIGINT);
    let (code, stdout, _) = ig.finish(Duration::from_secs(10));
    assert_eq!(code, Some(0));
    for line in stdout.lines() {
        let v: Value = serde_json::from_str(line).expect("one JSON object per line");
        assert!(v["event"].is_string());
    }
}

#[test]
fn missing_socket_named_by_flag_is_a_clear_error() {
    let out = ig()
        .args([
            "list-containers",
            "--docker-socketpath",
            "/nonexistent/docker.sock",
        ])
        .output()
        .expect("run ig");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("/nonexistent/docker.sock") && err.contains("does not exist"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn unknown_containerd_namespace_is_a_clear_error() {
    require!(Root, Containerd);
    let err = fails_with(
        ig().args([
            "list-containers",
            "--containerd-namespace",
            "no-such-namespace",
        ]),
        1,
    );
    assert!(
        err.contains("no-such-namespace") && err.contains("does not exist"),
        "{err}"
    );
    assert!(
        err.contains(CTR_NAMESPACE),
        "lists the namespaces there are: {err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = ig()
        .args(["list-containers", "-o", "xml"])
        .output()
        .expect("run ig");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("xml") && err.contains("columns, json, jsonpretty, yaml"),
        "{err}"
    );
    let out = ig()
        .args(["list-containers", "--runtimes", "podman"])
        .output()
        .expect("run ig");
    assert_eq!(out.status.code(), Some(2));
    let out = ig().args(["seccomp-advisor"]).output().expect("run ig");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `ig list-containers -w -o json | head -1`: the closed pipe ends ig quietly with 0 at its
/// next write (here the REMOVED record), as ripgrep does.
#[test]
fn a_closed_stdout_ends_watch_quietly_with_0() {
    require!(Root, Docker);
    let name = unique("pipe");
    let d = DockerContainer::start(&name, &[], &["sleep", "60"]);
    let script = format!(
        "{} list-containers -w -o json -c {name} --timeout 120 | head -1; echo \"ig-exit=${{PIPESTATUS[0]}}\" >&2",
        ig_bin()
    );
    let mut child = Command::new("bash")
        .args(["-c", &script])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("bash");
    let mut first = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    std::io::BufRead::read_line(&mut stdout, &mut first).expect("first line");
    assert!(
        first.contains("\"ADDED\"") && first.contains(&name),
        "{first}"
    );
    // head has exited; the next record ig writes meets a closed pipe.
    d.stop();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        assert!(
            std::time::Instant::now() < deadline,
            "ig went on after its stdout was closed"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
        .expect("stderr");
    assert!(err.contains("ig-exit=0"), "{err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
}
