//! Records that arrive before their container is listed: a container's first syscalls can
//! reach ig before its runtime reports it as running (docker learns the init's pid only
//! after `runc start`). Such a record waits, in arrival order, for the runtimes to know its
//! mount namespace, at most [`ATTRIBUTION_WAIT`]; a namespace that stays unknown that long
//! is not waited for again.

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};

use super::Event;
use crate::runtime::tracker::ContainerTracker;
use crate::runtime::Container;

/// How long a record of a namespace no runtime knows yet waits for it.
pub(super) const ATTRIBUTION_WAIT: Duration = Duration::from_secs(2);
/// Lookups of one waiting namespace closer together than this are skipped.
const RETRY_EVERY: Duration = Duration::from_millis(200);

/// Records waiting to be printed: the event, its container once known, and since when it
/// waits.
pub(super) type Waiting = VecDeque<(Event, Option<Container>, Instant)>;

/// The namespaces records wait for, and those given up on.
#[derive(Default)]
pub(super) struct LateAttribution {
    given_up: HashSet<u64>,
    last_try: HashMap<u64, Instant>,
}

impl LateAttribution {
    /// Whether a record without a container may wait for one: it ran in a mount namespace
    /// other than the host's that has not already been given up on.
    pub(super) fn may_wait(&self, ev: &Event, c: Option<&Container>, host_ns: u64) -> bool {
        c.is_none()
            && ev
                .mntns
                .is_some_and(|ns| ns != host_ns && !self.given_up.contains(&ns))
    }

    /// Whether the record at the front must still wait for its container.
    pub(super) fn should_wait(
        &self,
        ev: &Event,
        c: Option<&Container>,
        host_ns: u64,
        age: Duration,
    ) -> bool {
        age < ATTRIBUTION_WAIT && self.may_wait(ev, c, host_ns)
    }

    /// Looks the waiting records' namespaces up again (each at most every [`RETRY_EVERY`],
    /// all of them when `last`). A namespace still unknown after [`ATTRIBUTION_WAIT`], or at
    /// the last try, is given up on.
    pub(super) async fn retry(
        &mut self,
        waiting: &mut Waiting,
        tracker: &mut ContainerTracker,
        host_ns: u64,
        last: bool,
    ) {
        let mut found: HashMap<u64, Option<Container>> = HashMap::new();
        for (ev, c, since) in waiting.iter_mut() {
            if !self.may_wait(ev, c.as_ref(), host_ns) {
                continue;
            }
            let Some(ns) = ev.mntns else { continue };
            if let std::collections::hash_map::Entry::Vacant(slot) = found.entry(ns) {
                let due = self
                    .last_try
                    .get(&ns)
                    .is_none_or(|t| t.elapsed() >= RETRY_EVERY);
                if !(due || last) {
                    continue;
                }
                self.last_try.insert(ns, Instant::now());
                let got = tracker.lookup(ns, ev.cgroup_id.as_deref()).await;
                slot.insert(got);
            }
            *c = found.get(&ns).cloned().flatten();
            if c.is_some() {
                self.last_try.remove(&ns);
            } else if last || since.elapsed() >= ATTRIBUTION_WAIT {
                log::debug!("mount namespace {ns}: no runtime knows it; records are printed without a container");
                self.given_up.insert(ns);
                self.last_try.remove(&ns);
            }
        }
    }

    /// Whether any waiting record still needs a lookup.
    pub(super) fn pending(&self, waiting: &Waiting, host_ns: u64) -> bool {
        waiting
            .iter()
            .any(|(ev, c, _)| self.may_wait(ev, c.as_ref(), host_ns))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: u64 = 4026531841;

    fn event(mntns: Option<u64>) -> Event {
        Event {
            mntns,
            ..Event::default()
        }
    }

    #[test]
    fn only_records_of_an_unknown_container_namespace_wait() {
        let late = LateAttribution::default();
        let now = Duration::ZERO;
        assert!(late.should_wait(&event(Some(7)), None, HOST, now));
        // The host's own records, records of no namespace and those already attributed
        // never wait; nor does anything past the wait.
        assert!(!late.should_wait(&event(Some(HOST)), None, HOST, now));
        assert!(!late.should_wait(&event(None), None, HOST, now));
        let c = Container {
            runtime: crate::runtime::RuntimeKind::Docker,
            namespace: None,
            id: "ab".repeat(32),
            name: "web".into(),
            image: "busybox".into(),
            pid: 42,
            mntns: 7,
            labels: Default::default(),
            k8s: None,
        };
        assert!(!late.should_wait(&event(Some(7)), Some(&c), HOST, now));
        assert!(!late.should_wait(&event(Some(7)), None, HOST, ATTRIBUTION_WAIT));
    }

    /// A namespace that no runtime knows is given up on at the last try (or after the
    /// wait): its next records are printed at once.
    #[tokio::test]
    async fn a_namespace_no_runtime_knows_is_given_up_on() {
        let mut late = LateAttribution::default();
        let mut tracker = ContainerTracker::new(None);
        let mut waiting: Waiting = VecDeque::new();
        waiting.push_back((event(Some(7)), None, Instant::now()));
        waiting.push_back((event(Some(8)), None, Instant::now()));
        late.retry(&mut waiting, &mut tracker, HOST, false).await;
        assert!(late.pending(&waiting, HOST), "still within the wait");
        late.retry(&mut waiting, &mut tracker, HOST, true).await;
        assert!(!late.pending(&waiting, HOST));
        assert!(!late.should_wait(&event(Some(7)), None, HOST, Duration::ZERO));
        // Another namespace still waits.
        assert!(late.should_wait(&event(Some(9)), None, HOST, Duration::ZERO));
    }
}
