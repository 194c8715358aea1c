//! One container tracker, shared by the advisor (foreground and background) and the audit
//! stream: mount namespace id (or the container id a task's cgroup names) -> container,
//! from the runtimes' listing with their `resolve` fallback for containers gone before they
//! were listed, and a grace period for containers that just exited.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use super::{Container, Discovery, RuntimeError};

/// Listings closer together than this reuse the last one.
const MIN_REFRESH: Duration = Duration::from_millis(200);
/// How long a container that left the listing is still known by its mount namespace (its
/// killed process's records may be read after it is gone).
pub const EXIT_GRACE: Duration = Duration::from_secs(60);

/// Containers by mount namespace, kept current from the runtimes.
pub struct ContainerTracker {
    discovery: Option<Discovery>,
    by_mntns: HashMap<u64, Container>,
    /// Mount namespaces of the containers running at the last listing.
    running_mntns: HashSet<u64>,
    listed: Vec<Container>,
    /// When a known mount namespace was first seen missing from the listing.
    gone_since: HashMap<u64, Instant>,
    last_refresh: Option<Instant>,
}

impl ContainerTracker {
    /// A tracker over `discovery` (none: nothing is ever known); starts the runtimes' event
    /// streams so that `resolve` finds containers that lived between two listings.
    pub fn new(discovery: Option<Discovery>) -> ContainerTracker {
        let discovery = discovery.filter(|d| !d.is_empty());
        if let Some(d) = &discovery {
            d.track();
        }
        ContainerTracker {
            discovery,
            by_mntns: HashMap::new(),
            running_mntns: HashSet::new(),
            listed: Vec::new(),
            gone_since: HashMap::new(),
            last_refresh: None,
        }
    }

    pub fn discovery(&self) -> Option<&Discovery> {
        self.discovery.as_ref()
    }

    /// Lists the running containers (at most once per 200 ms; else the last listing).
    pub async fn refresh(&mut self) -> Result<&[Container], RuntimeError> {
        let Some(d) = &self.discovery else {
            return Ok(&[]);
        };
        if self.last_refresh.is_none_or(|t| t.elapsed() >= MIN_REFRESH) {
            self.last_refresh = Some(Instant::now());
            let list = d.list().await?;
            self.running_mntns = list.iter().map(|c| c.mntns).collect();
            for c in &list {
                self.by_mntns.insert(c.mntns, c.clone());
                self.gone_since.remove(&c.mntns);
            }
            self.expire();
            self.listed = list;
        }
        Ok(&self.listed)
    }

    /// Forgets containers gone from the listing for longer than [`EXIT_GRACE`].
    fn expire(&mut self) {
        let now = Instant::now();
        for ns in self.by_mntns.keys() {
            if !self.running_mntns.contains(ns) {
                self.gone_since.entry(*ns).or_insert(now);
            }
        }
        let expired: Vec<u64> = self
            .gone_since
            .iter()
            .filter(|(_, t)| t.elapsed() >= EXIT_GRACE)
            .map(|(ns, _)| *ns)
            .collect();
        for ns in expired {
            self.by_mntns.remove(&ns);
            self.gone_since.remove(&ns);
        }
    }

    /// Whether the container of this mount namespace was running at the last listing.
    pub fn running_mntns(&self, mntns: u64) -> bool {
        self.running_mntns.contains(&mntns)
    }

    /// Every container known (running, or exited within the grace period).
    pub fn known(&self) -> impl Iterator<Item = &Container> {
        self.by_mntns.values()
    }

    /// Asks the runtimes about a container id (one a task's cgroup names) that no listing
    /// showed; a container found is remembered under `mntns`.
    pub async fn resolve(
        &mut self,
        id: &str,
        mntns: u64,
    ) -> Result<Option<Container>, RuntimeError> {
        let Some(d) = &self.discovery else {
            return Ok(None);
        };
        let found = d.resolve(id).await?;
        if let Some(c) = &found {
            self.by_mntns.insert(mntns, c.clone());
            if !self.running_mntns.contains(&mntns) {
                self.gone_since.entry(mntns).or_insert_with(Instant::now);
            }
        }
        Ok(found)
    }

    /// The container of a mount namespace: remembered, else listed now, else resolved by the
    /// id its cgroup names (`cgroup_id`).
    pub async fn lookup(&mut self, mntns: u64, cgroup_id: Option<&str>) -> Option<Container> {
        // Inode numbers are reused: a remembered container whose id differs from the one
        // the task's cgroup names is a previous owner of this number.
        if let (Some(c), Some(id)) = (self.by_mntns.get(&mntns), cgroup_id) {
            if c.id != id && id.len() == 64 {
                self.by_mntns.remove(&mntns);
                self.gone_since.remove(&mntns);
            }
        }
        if !self.by_mntns.contains_key(&mntns) {
            if let Err(e) = self.refresh().await {
                log::warn!("listing containers: {e}");
            }
        }
        if !self.by_mntns.contains_key(&mntns) {
            // Gone before it was listed: ask the runtimes about the id its cgroup names.
            if let Some(id) = cgroup_id {
                if let Err(e) = self.resolve(id, mntns).await {
                    log::warn!("looking up container {id}: {e}");
                }
            }
        }
        self.by_mntns.get(&mntns).cloned()
    }
}
