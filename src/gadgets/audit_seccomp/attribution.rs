//! Attribution of an audit record's process to its mount namespace: live in /proc, or
//! remembered by the exit tracepoint once it is gone.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::event::{Attribution, Event};
use super::program::AuditBpf;
use crate::bpf::records::comm_str;
use crate::host;
use crate::runtime::container_id_from_cgroup;

/// Attribution of recent records by pid: a burst of records of one process costs one
/// look-up (several /proc reads and, once it is gone, a walk of the exit map), not one each.
#[derive(Default)]
pub(super) struct AttributionCache {
    by_pid: HashMap<u32, Attributed>,
}

/// What `attribute` found for a pid, and when.
struct Attributed {
    at: Instant,
    mntns: Option<u64>,
    cgroup_id: Option<String>,
    tid: Option<u32>,
    how: Attribution,
}

/// How long a pid's attribution is reused (pids are not recycled that fast).
const ATTRIBUTION_TTL: Duration = Duration::from_millis(500);

impl AttributionCache {
    pub(super) fn attribute(
        &mut self,
        ev: &mut Event,
        bpf: Option<&AuditBpf>,
        host_ns: u64,
    ) -> Attribution {
        if let Some(hit) = self.by_pid.get(&ev.pid) {
            if hit.at.elapsed() < ATTRIBUTION_TTL {
                ev.mntns = hit.mntns;
                ev.cgroup_id = hit.cgroup_id.clone();
                ev.tid = ev.tid.or(hit.tid);
                return hit.how;
            }
        }
        let how = attribute(ev, bpf, host_ns);
        if self.by_pid.len() > 4096 {
            self.by_pid.retain(|_, v| v.at.elapsed() < ATTRIBUTION_TTL);
        }
        self.by_pid.insert(
            ev.pid,
            Attributed {
                at: Instant::now(),
                mntns: ev.mntns,
                cgroup_id: ev.cgroup_id.clone(),
                tid: ev.tid,
                how,
            },
        );
        how
    }
}

/// Finds the mount namespace (and thread id where it can be known exactly) of an audit
/// record's process: live in /proc, or remembered by the exit tracepoint if it is gone.
fn attribute(ev: &mut Event, bpf: Option<&AuditBpf>, host_ns: u64) -> Attribution {
    let exited = bpf.and_then(|b| b.exited(ev.pid));
    let live = host::mntns_of(ev.pid).ok();
    let reused = match (&exited, live) {
        (Some(x), Some(_)) => host::start_time_ns(ev.pid).is_ok_and(|s| s > x.exit_ns),
        _ => false,
    };
    let how = match (live, &exited) {
        (Some(ns), Some(_)) if reused => {
            ev.mntns = Some(ns);
            ev.cgroup_id = host::cgroup_leaf_of(ev.pid).and_then(|l| container_id_from_cgroup(&l));
            Attribution::Live
        }
        (_, Some(x)) => {
            ev.mntns = Some(x.mntns);
            ev.cgroup_id = container_id_from_cgroup(&comm_str(&x.cgroup));
            Attribution::Exited
        }
        (Some(ns), None) => {
            ev.mntns = Some(ns);
            ev.cgroup_id = host::cgroup_leaf_of(ev.pid).and_then(|l| container_id_from_cgroup(&l));
            Attribution::Live
        }
        // The exit tracepoint remembers every task of a non-host namespace, and it runs
        // before a task loses its namespaces: gone and not remembered means a host task.
        (None, None) if bpf.is_some() => {
            ev.mntns = Some(host_ns);
            Attribution::Exited
        }
        (None, None) => Attribution::Unknown,
    };
    if ev.tid.is_none() {
        ev.tid = match how {
            // A single-threaded live process: its only thread is the one.
            Attribution::Live => std::fs::read_dir(format!("/proc/{}/task", ev.pid))
                .ok()
                .and_then(|d| (d.count() == 1).then_some(ev.pid))
                .or_else(|| {
                    // Died while we looked: the exit record may be there by now.
                    let threads = bpf.map(|b| b.exited_threads(ev.pid)).unwrap_or_default();
                    (threads.len() == 1).then(|| threads[0].0)
                }),
            Attribution::Exited => {
                let threads = bpf.map(|b| b.exited_threads(ev.pid)).unwrap_or_default();
                (threads.len() == 1).then(|| threads[0].0)
            }
            Attribution::Unknown => None,
        };
    }
    how
}
