//! One seccomp event, whichever source it came from, and the record and columns printed for it.

use serde_json::{json, Value};

use crate::audit::{self, SeccompRecord};
use crate::bpf::records::{comm_str, slot_abi, SeccompEvent};
use crate::host;
use crate::output::{Column, Mode};
use crate::runtime::Container;
use crate::syscalls::{self, Abi};
use crate::timestamp::rfc3339;

/// One seccomp event, whichever source it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Event {
    pub source: &'static str,
    pub time_unix_ns: Option<u64>,
    pub serial: Option<u64>,
    pub mntns: Option<u64>,
    pub pid: u32,
    pub tid: Option<u32>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
    pub comm: Option<String>,
    pub exe: Option<String>,
    pub abi: Option<Abi>,
    pub arch: u32,
    pub syscall: u64,
    pub code: u32,
    pub sig: Option<i64>,
    pub ip: Option<u64>,
    /// User stack taken by the ebpf source in audit_seccomp() itself.
    pub kernel_stack: Vec<u64>,
    /// The same stack as (build id, offset) frames, for a task gone before it is named.
    pub kernel_ids: Vec<crate::bpf::records::BuildIdFrame>,
    /// Where the executable lies in its own file system (s_dev, path), ebpf source.
    pub exe_in_fs: Option<(u32, String)>,
    /// Container id read from the task's cgroup (for containers gone before they were listed).
    pub cgroup_id: Option<String>,
}

impl Event {
    pub fn from_record(r: &SeccompRecord) -> Event {
        Event {
            source: "audit",
            time_unix_ns: r
                .time_secs
                .map(|s| s * 1_000_000_000 + u64::from(r.time_millis.unwrap_or(0)) * 1_000_000),
            serial: r.serial,
            pid: r.pid,
            uid: r.uid,
            gid: r.gid,
            comm: r.comm.clone(),
            exe: r.exe.clone(),
            abi: Abi::from_audit(r.arch, r.syscall),
            arch: r.arch,
            syscall: r.syscall,
            code: r.code,
            sig: Some(i64::from(r.sig)),
            ip: r.ip,
            ..Default::default()
        }
    }

    pub fn from_bpf(e: SeccompEvent) -> Event {
        let abi = slot_abi(e.abi as usize);
        Event {
            source: "ebpf",
            time_unix_ns: Some(host::boot_ns_to_unix_ns(e.timestamp_ns)),
            mntns: Some(e.mntns),
            pid: e.pid,
            tid: Some(e.tid),
            uid: Some(e.uid),
            gid: Some(e.gid),
            comm: Some(comm_str(&e.comm)),
            abi,
            arch: abi.map(Abi::audit_arch).unwrap_or(0),
            syscall: e.syscall,
            code: e.code,
            sig: Some(e.signr),
            ip: Some(e.ip),
            exe: e.exe,
            cgroup_id: crate::runtime::container_id_from_cgroup(&e.cgroup),
            kernel_stack: e.ustack,
            kernel_ids: e.ids,
            exe_in_fs: e.exe_in_fs,
            ..Default::default()
        }
    }

    /// Syscall name as ig shows it (`SYS_UNSHARE`), if the ABI's table knows the number.
    pub fn syscall_name(&self) -> Option<String> {
        let abi = self.abi?;
        let nr = u32::try_from(self.syscall).ok()?;
        syscalls::name(abi, nr).map(syscalls::display_name)
    }
}

/// Where an event's process was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attribution {
    Live,
    Exited,
    Unknown,
}

/// The record printed for one event.
pub fn event_json(ev: &Event, c: Option<&Container>, node: &str, mode: Mode) -> Value {
    let name = ev.syscall_name();
    let syscall = match (&name, mode) {
        (Some(n), _) => Value::from(n.as_str()),
        (None, Mode::Columns) => Value::from(format!("nr {}", ev.syscall as i64)),
        (None, _) => Value::Null,
    };
    let code = audit::seccomp_action(ev.code);
    let ts = ev.time_unix_ns.map(rfc3339);
    let mut v = json!({
        "timestamp": ts,
        "k8s": {
            "node": node,
            "namespace": c.and_then(|c| c.k8s.as_ref()).map(|k| k.namespace.clone()).unwrap_or_default(),
            "podName": c.and_then(|c| c.k8s.as_ref()).map(|k| k.pod_name.clone()).unwrap_or_default(),
            "containerName": c.and_then(|c| c.k8s.as_ref()).map(|k| k.container_name.clone()).unwrap_or_default(),
        },
        "runtime": {
            "runtimeName": c.map(|c| c.runtime.as_str()).unwrap_or_default(),
            "containerName": c.map(|c| c.name.clone()).unwrap_or_default(),
            "containerId": c.map(|c| c.id.clone()).unwrap_or_default(),
            "containerImageName": c.map(|c| c.image.clone()).unwrap_or_default(),
        },
        "mntns_id": ev.mntns,
        "proc": {
            "comm": ev.comm,
            "pid": ev.pid,
            "tid": ev.tid,
            "creds": { "uid": ev.uid, "gid": ev.gid },
        },
        "syscall": syscall,
        "syscall_raw": ev.syscall as i64,
        "arch": ev.abi.map(Abi::as_str),
        "audit_arch": format!("0x{:08x}", ev.arch),
        "code": code,
        "code_raw": format!("0x{:08x}", ev.code),
        "exe": ev.exe,
        "source": ev.source,
    });
    if let Some(ip) = ev.ip {
        v["ip"] = format!("0x{ip:x}").into();
    }
    if let Some(s) = ev.serial {
        v["audit_serial"] = s.into();
    }
    if let Some(sig) = ev.sig.filter(|&s| s != 0) {
        v["signal"] = sig.into();
    }
    v
}

pub fn columns(k8s: bool) -> Vec<Column> {
    let mut cols = vec![
        Column::new("TIMESTAMP", "timestamp", 30).hidden(),
        Column::new("K8S.NODE", "k8s.node", 16),
        Column::new("K8S.NAMESPACE", "k8s.namespace", 16),
        Column::new("K8S.PODNAME", "k8s.podName", 16),
        Column::new("K8S.CONTAINERNAME", "k8s.containerName", 16),
        Column::new("RUNTIME.CONTAINERNAME", "runtime.containerName", 21),
        Column::new("RUNTIME.CONTAINERID", "runtime.containerId", 12).hidden(),
        Column::new("MNTNS", "mntns_id", 10).right().hidden(),
        Column::new("COMM", "proc.comm", 16),
        Column::new("PID", "proc.pid", 7).right(),
        Column::new("TID", "proc.tid", 7).right(),
        Column::new("UID", "proc.creds.uid", 5).right().hidden(),
        Column::new("GID", "proc.creds.gid", 5).right().hidden(),
        Column::new("CODE", "code", 13).ellipsis_start(),
        Column::new("CODE_RAW", "code_raw", 10).hidden(),
        Column::new("SYSCALL", "syscall", 16),
        Column::new("SYSCALL_RAW", "syscall_raw", 5)
            .right()
            .hidden(),
        Column::new("ARCH", "arch", 7).hidden(),
        Column::new("EXE", "exe", 24).hidden(),
    ];
    for c in cols.iter_mut() {
        let is_k8s = c.header.starts_with("K8S.");
        let is_rt = c.header == "RUNTIME.CONTAINERNAME";
        if (is_k8s && !k8s) || (is_rt && k8s) {
            c.default_visible = false;
        }
    }
    cols
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit;

    #[test]
    fn timestamps_are_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            rfc3339(1_659_008_985_445_000_000),
            "2022-07-28T11:49:45.445000000Z"
        );
    }

    #[test]
    fn record_to_event_json() {
        let body = "audit(1659008985.445:25): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=2784 comm=\"unshare\" exe=\"/bin/busybox\" sig=31 arch=c000003e syscall=272 compat=0 ip=0x55ec0657bd3b code=0x0";
        let r = audit::parse_body(body).unwrap();
        let ev = Event::from_record(&r);
        let v = event_json(&ev, None, "node1", Mode::Json);
        assert_eq!(v["syscall"], "SYS_UNSHARE");
        assert_eq!(v["syscall_raw"], 272);
        assert_eq!(v["code"], "SECCOMP_RET_KILL_THREAD");
        assert_eq!(v["code_raw"], "0x00000000");
        assert_eq!(v["proc"]["pid"], 2784);
        assert_eq!(v["arch"], "x86_64");
        assert_eq!(v["signal"], 31);
    }

    #[test]
    fn compat_records_use_the_i386_table() {
        let body = "audit(1.0:1): pid=1 comm=\"a\" exe=\"/a\" sig=0 arch=40000003 syscall=310 compat=1 ip=0x1 code=0x7ffc0000";
        let ev = Event::from_record(&audit::parse_body(body).unwrap());
        let v = event_json(&ev, None, "n", Mode::Json);
        assert_eq!(v["syscall"], "SYS_UNSHARE");
        assert_eq!(v["arch"], "x86");
        assert_eq!(v["code"], "SECCOMP_RET_LOG");
    }

    #[test]
    fn unknown_numbers_are_not_named() {
        let body = "audit(1.0:1): pid=1 comm=\"a\" exe=\"/a\" sig=0 arch=c000003e syscall=999 compat=0 ip=0x1 code=0x7ffc0000";
        let ev = Event::from_record(&audit::parse_body(body).unwrap());
        assert_eq!(
            event_json(&ev, None, "n", Mode::Json)["syscall"],
            Value::Null
        );
        assert_eq!(
            event_json(&ev, None, "n", Mode::Columns)["syscall"],
            "nr 999"
        );
    }

    #[test]
    fn default_columns_follow_ig() {
        let names = |k8s| {
            columns(k8s)
                .into_iter()
                .filter(|c| c.default_visible)
                .map(|c| c.header)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(false),
            [
                "RUNTIME.CONTAINERNAME",
                "COMM",
                "PID",
                "TID",
                "CODE",
                "SYSCALL"
            ]
        );
        assert_eq!(
            names(true),
            [
                "K8S.NODE",
                "K8S.NAMESPACE",
                "K8S.PODNAME",
                "K8S.CONTAINERNAME",
                "COMM",
                "PID",
                "TID",
                "CODE",
                "SYSCALL"
            ]
        );
    }
}
