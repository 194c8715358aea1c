//! Container runtimes: one trait, one file per runtime, and the discovery that merges them
//! into one list of containers, each mapped to its mount namespace.

pub mod containerd;
pub mod docker;
pub mod tracker;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use futures_util::future::BoxFuture;
use serde::{Deserialize, Serialize};

pub const LABEL_K8S_NAMESPACE: &str = "io.kubernetes.pod.namespace";
pub const LABEL_K8S_POD: &str = "io.kubernetes.pod.name";
pub const LABEL_K8S_CONTAINER: &str = "io.kubernetes.container.name";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuntimeKind {
    Docker,
    Containerd,
}

impl RuntimeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RuntimeKind::Docker => "docker",
            RuntimeKind::Containerd => "containerd",
        }
    }
}

impl fmt::Display for RuntimeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for RuntimeKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "docker" => Ok(RuntimeKind::Docker),
            "containerd" => Ok(RuntimeKind::Containerd),
            other => Err(format!(
                "unknown runtime {other:?}: valid runtimes are docker, containerd"
            )),
        }
    }
}

/// Kubernetes identity of a container, from its `io.kubernetes.*` labels.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct K8sMeta {
    pub namespace: String,
    pub pod_name: String,
    pub container_name: String,
}

impl K8sMeta {
    pub fn from_labels(labels: &BTreeMap<String, String>) -> Option<K8sMeta> {
        let namespace = labels.get(LABEL_K8S_NAMESPACE)?;
        let pod_name = labels.get(LABEL_K8S_POD)?;
        Some(K8sMeta {
            namespace: namespace.clone(),
            pod_name: pod_name.clone(),
            container_name: labels.get(LABEL_K8S_CONTAINER).cloned().unwrap_or_default(),
        })
    }
}

/// A running container and the mount namespace its processes live in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    pub runtime: RuntimeKind,
    /// containerd namespace (`moby` for Docker's own containers, `k8s.io` for the CRI).
    pub namespace: Option<String>,
    pub id: String,
    pub name: String,
    pub image: String,
    pub pid: u32,
    pub mntns: u64,
    pub labels: BTreeMap<String, String>,
    pub k8s: Option<K8sMeta>,
}

impl Container {
    pub fn short_id(&self) -> &str {
        self.id.get(..12).unwrap_or(&self.id)
    }

    /// The record ig prints for a container (JSON/YAML), IG's field names.
    pub fn to_json(&self) -> serde_json::Value {
        let mut v = serde_json::json!({
            "runtime": {
                "runtimeName": self.runtime.as_str(),
                "containerId": self.id,
                "containerName": self.name,
                "containerImageName": self.image,
                "containerPid": self.pid,
            },
            "mountnsid": self.mntns,
        });
        if let Some(ns) = &self.namespace {
            v["runtime"]["containerdNamespace"] = ns.clone().into();
        }
        let k8s = self.k8s.clone().unwrap_or_default();
        v["k8s"] = serde_json::to_value(k8s).unwrap_or_default();
        v
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("{runtime} socket {path} does not exist: is {runtime} running? (set the path with --{runtime}-socketpath)")]
    SocketMissing { runtime: RuntimeKind, path: PathBuf },
    #[error("{runtime} socket {path}: permission denied: run ig as root (sudo ig ...)")]
    PermissionDenied { runtime: RuntimeKind, path: PathBuf },
    #[error("{runtime} at {path} did not answer: {detail} (is the daemon running and healthy?)")]
    Unreachable {
        runtime: RuntimeKind,
        path: PathBuf,
        detail: String,
    },
    #[error("querying {runtime}: {detail}")]
    Api {
        runtime: RuntimeKind,
        detail: String,
    },
}

/// One container runtime: how to list its running containers.
pub trait Runtime: Send + Sync {
    fn kind(&self) -> RuntimeKind;
    /// Running containers, with pid and mount namespace. Containers whose process vanished
    /// while being listed are left out.
    fn list(&self) -> BoxFuture<'_, Result<Vec<Container>, RuntimeError>>;
    /// A container by id, also one that is not running (then `pid` and `mntns` are 0),
    /// as long as the runtime (or what it announced since `track` began) still knows it.
    fn resolve<'a>(&'a self, id: &'a str)
        -> BoxFuture<'a, Result<Option<Container>, RuntimeError>>;
    /// Starts remembering containers as the runtime announces them, so one that exits and is
    /// removed before it was listed can still be named.
    fn track(&self) {}
    /// The seccomp profile the container runs under (OCI/Docker JSON), if it has one.
    fn seccomp_profile<'a>(
        &'a self,
        c: &'a Container,
    ) -> BoxFuture<'a, Result<Option<serde_json::Value>, RuntimeError>>;
}

/// Which runtimes to use and where their sockets are.
#[derive(Clone, Debug)]
pub struct RuntimeConfig {
    pub runtimes: Vec<RuntimeKind>,
    /// Runtimes named explicitly by the user: a missing socket is an error for these.
    pub required: HashSet<RuntimeKind>,
    pub docker_socket: PathBuf,
    pub containerd_socket: PathBuf,
    pub containerd_namespace: Option<String>,
}

/// Where the runtimes' sockets are on a host, in the order ig looks (host paths: under
/// `HOST_ROOT` when ig runs in a container).
pub const DEFAULT_DOCKER_SOCKETS: &[&str] = &["/run/docker.sock", "/var/run/docker.sock"];
pub const DEFAULT_CONTAINERD_SOCKETS: &[&str] = &[
    "/run/containerd/containerd.sock",
    "/var/run/containerd/containerd.sock",
];

fn check_socket(kind: RuntimeKind, path: &std::path::Path) -> Result<(), RuntimeError> {
    match std::fs::metadata(path) {
        Ok(_) => match nix::unistd::access(path, nix::unistd::AccessFlags::W_OK) {
            Err(nix::errno::Errno::EACCES) | Err(nix::errno::Errno::EPERM) => {
                Err(RuntimeError::PermissionDenied {
                    runtime: kind,
                    path: path.to_path_buf(),
                })
            }
            _ => Ok(()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(RuntimeError::SocketMissing {
            runtime: kind,
            path: path.to_path_buf(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(RuntimeError::PermissionDenied {
                runtime: kind,
                path: path.to_path_buf(),
            })
        }
        Err(e) => Err(RuntimeError::Unreachable {
            runtime: kind,
            path: path.to_path_buf(),
            detail: e.to_string(),
        }),
    }
}

/// All configured runtimes, queried together.
pub struct Discovery {
    runtimes: Vec<Box<dyn Runtime>>,
}

impl Discovery {
    /// Connects to every configured runtime. A runtime whose socket is missing is skipped
    /// (logged at debug level) unless the user asked for it by flag.
    pub async fn connect(cfg: &RuntimeConfig) -> Result<Discovery, RuntimeError> {
        let mut runtimes: Vec<Box<dyn Runtime>> = Vec::new();
        for &kind in &cfg.runtimes {
            let path = match kind {
                RuntimeKind::Docker => &cfg.docker_socket,
                RuntimeKind::Containerd => &cfg.containerd_socket,
            };
            if let Err(e) = check_socket(kind, path) {
                if cfg.required.contains(&kind) || !matches!(e, RuntimeError::SocketMissing { .. })
                {
                    return Err(e);
                }
                log::debug!("skipping {kind}: {e}");
                continue;
            }
            let rt: Box<dyn Runtime> = match kind {
                RuntimeKind::Docker => Box::new(docker::DockerRuntime::connect(path).await?),
                RuntimeKind::Containerd => Box::new(
                    containerd::ContainerdRuntime::connect(path, cfg.containerd_namespace.clone())
                        .await?,
                ),
            };
            runtimes.push(rt);
        }
        Ok(Discovery { runtimes })
    }

    pub fn is_empty(&self) -> bool {
        self.runtimes.is_empty()
    }

    pub fn kinds(&self) -> Vec<RuntimeKind> {
        self.runtimes.iter().map(|r| r.kind()).collect()
    }

    /// Remember containers as runtimes announce them (for `resolve`).
    pub fn track(&self) {
        for r in &self.runtimes {
            r.track();
        }
    }

    /// A container by id from whichever runtime knows it (Docker first).
    pub async fn resolve(&self, id: &str) -> Result<Option<Container>, RuntimeError> {
        for r in &self.runtimes {
            if let Some(c) = r.resolve(id).await? {
                return Ok(Some(c));
            }
        }
        Ok(None)
    }

    /// The seccomp profile of a container, from the runtime that runs it.
    pub async fn seccomp_profile(
        &self,
        c: &Container,
    ) -> Result<Option<serde_json::Value>, RuntimeError> {
        for r in self.runtimes.iter().filter(|r| r.kind() == c.runtime) {
            if let Some(p) = r.seccomp_profile(c).await? {
                return Ok(Some(p));
            }
        }
        Ok(None)
    }

    /// Every running container of every runtime, each listed once: a Docker container is
    /// also a task in containerd's `moby` namespace; the Docker entry is kept.
    pub async fn list(&self) -> Result<Vec<Container>, RuntimeError> {
        let results = futures_util::future::join_all(self.runtimes.iter().map(|r| r.list())).await;
        let mut all = Vec::new();
        for r in results {
            all.extend(r?);
        }
        // containerd's `moby` namespace holds Docker's own containers, without their names
        // and labels (pause containers included): Docker lists them.
        if self.kinds().contains(&RuntimeKind::Docker) {
            all.retain(|c| {
                !(c.runtime == RuntimeKind::Containerd && c.namespace.as_deref() == Some("moby"))
            });
        }
        Ok(dedup(all))
    }
}

/// Drops duplicates of the same container seen through two runtimes (same id), preferring
/// the Docker entry, and sorts by runtime, then name.
pub fn dedup(mut all: Vec<Container>) -> Vec<Container> {
    all.sort_by(|a, b| (a.runtime, &a.name, &a.id).cmp(&(b.runtime, &b.name, &b.id)));
    let mut seen = HashSet::new();
    all.retain(|c| seen.insert(c.id.clone()));
    all
}

/// The container id in a cgroup directory name: a run of 64 hex digits (Docker, CRI,
/// systemd `docker-<id>.scope`), else the whole name (containerd ids chosen by the user).
pub fn container_id_from_cgroup(leaf: &str) -> Option<String> {
    let bytes = leaf.as_bytes();
    let mut run = 0;
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii_hexdigit() {
            run += 1;
            if run == 64 && !bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit) {
                return Some(leaf[i + 1 - 64..=i].to_string());
            }
        } else {
            run = 0;
        }
    }
    let name = leaf.trim();
    (!name.is_empty() && name != "/" && !name.ends_with(".slice")).then(|| name.to_string())
}

/// Labels that mark a pod sandbox (pause container), not a workload.
pub fn is_sandbox(labels: &BTreeMap<String, String>) -> bool {
    labels.get("io.cri-containerd.kind").map(String::as_str) == Some("sandbox")
        || labels.get("io.kubernetes.docker.type").map(String::as_str) == Some("podsandbox")
}

/// Which containers a gadget targets.
#[derive(Clone, Debug, Default)]
pub struct ContainerFilter {
    pub names: Vec<String>,
    pub k8s_namespace: Option<String>,
    pub k8s_pod: Option<String>,
    pub k8s_container: Option<String>,
}

impl ContainerFilter {
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
            && self.k8s_namespace.is_none()
            && self.k8s_pod.is_none()
            && self.k8s_container.is_none()
    }

    /// A container matches when every given criterion matches. Names match the runtime name,
    /// the Kubernetes container name, or the (short or full) id.
    pub fn matches(&self, c: &Container) -> bool {
        if !self.names.is_empty()
            && !self.names.iter().any(|n| {
                *n == c.name
                    || (n.len() >= 12 && c.id.starts_with(n.as_str()))
                    || c.k8s.as_ref().is_some_and(|k| k.container_name == *n)
            })
        {
            return false;
        }
        let k = c.k8s.as_ref();
        let check = |want: &Option<String>, have: Option<&String>| match want {
            None => true,
            Some(w) => have == Some(w),
        };
        check(&self.k8s_namespace, k.map(|k| &k.namespace))
            && check(&self.k8s_pod, k.map(|k| &k.pod_name))
            && check(&self.k8s_container, k.map(|k| &k.container_name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(rt: RuntimeKind, id: &str, name: &str) -> Container {
        Container {
            runtime: rt,
            namespace: None,
            id: id.into(),
            name: name.into(),
            image: "img".into(),
            pid: 1,
            mntns: 2,
            labels: BTreeMap::new(),
            k8s: None,
        }
    }

    #[test]
    fn dedup_prefers_docker() {
        let all = vec![
            c(RuntimeKind::Containerd, "abc", "abc"),
            c(RuntimeKind::Docker, "abc", "web"),
            c(RuntimeKind::Containerd, "def", "def"),
        ];
        let d = dedup(all);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].runtime, RuntimeKind::Docker);
        assert_eq!(d[0].name, "web");
    }

    #[test]
    fn filter_by_name_and_k8s() {
        let mut x = c(RuntimeKind::Containerd, "0123456789abcdef", "x");
        x.k8s = Some(K8sMeta {
            namespace: "default".into(),
            pod_name: "mypod".into(),
            container_name: "c1".into(),
        });
        let f = ContainerFilter {
            names: vec!["c1".into()],
            ..Default::default()
        };
        assert!(f.matches(&x));
        let f = ContainerFilter {
            k8s_namespace: Some("default".into()),
            k8s_pod: Some("mypod".into()),
            ..Default::default()
        };
        assert!(f.matches(&x));
        let f = ContainerFilter {
            k8s_pod: Some("other".into()),
            ..Default::default()
        };
        assert!(!f.matches(&x));
        let f = ContainerFilter {
            names: vec!["0123456789ab".into()],
            ..Default::default()
        };
        assert!(f.matches(&x));
    }

    #[test]
    fn ids_from_cgroup_names() {
        let id = "0dbc2cb1e5f75150648eecd3f54c717acc51fd86cd3b54a34f8601c495694204";
        assert_eq!(container_id_from_cgroup(id).as_deref(), Some(id));
        assert_eq!(
            container_id_from_cgroup(&format!("docker-{id}.scope")).as_deref(),
            Some(id)
        );
        assert_eq!(
            container_id_from_cgroup(&format!("cri-containerd-{id}.scope")).as_deref(),
            Some(id)
        );
        assert_eq!(
            container_id_from_cgroup("my-ctr").as_deref(),
            Some("my-ctr")
        );
        assert_eq!(container_id_from_cgroup("system.slice"), None);
        assert_eq!(container_id_from_cgroup(""), None);
    }

    #[test]
    fn sandbox_labels() {
        let mut l = BTreeMap::new();
        l.insert("io.cri-containerd.kind".to_string(), "sandbox".to_string());
        assert!(is_sandbox(&l));
        l.insert(
            "io.cri-containerd.kind".to_string(),
            "container".to_string(),
        );
        assert!(!is_sandbox(&l));
    }
}
