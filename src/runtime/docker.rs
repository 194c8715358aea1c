//! Docker: running containers through the Engine API on its unix socket (bollard).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bollard::query_parameters::ListContainersOptions;
use bollard::Docker;
use futures_util::future::BoxFuture;

use super::{is_sandbox, Container, K8sMeta, Runtime, RuntimeError, RuntimeKind};
use crate::host;

pub struct DockerRuntime {
    client: Docker,
    path: PathBuf,
    /// id -> (pid, mntns) from earlier inspections, re-used while that pid still lives in
    /// that namespace (a restarted container gets a new pid and is inspected again).
    cache: Mutex<HashMap<String, (u32, u64)>>,
    /// Containers announced by the event stream since `track` (id -> container, pid 0).
    announced: Arc<Mutex<HashMap<String, Container>>>,
    tracking: std::sync::atomic::AtomicBool,
}

const KIND: RuntimeKind = RuntimeKind::Docker;

fn api_err(e: bollard::errors::Error) -> RuntimeError {
    RuntimeError::Api {
        runtime: KIND,
        detail: e.to_string(),
    }
}

impl DockerRuntime {
    pub async fn connect(path: &Path) -> Result<DockerRuntime, RuntimeError> {
        let unreachable = |detail: String| RuntimeError::Unreachable {
            runtime: KIND,
            path: path.to_path_buf(),
            detail,
        };
        let client =
            Docker::connect_with_unix(&path.to_string_lossy(), 10, bollard::API_DEFAULT_VERSION)
                .map_err(|e| unreachable(e.to_string()))?;
        let client = client.negotiate_version().await.map_err(|e| match &e {
            bollard::errors::Error::IOError { err }
                if err.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                RuntimeError::PermissionDenied {
                    runtime: KIND,
                    path: path.to_path_buf(),
                }
            }
            _ => unreachable(e.to_string()),
        })?;
        Ok(DockerRuntime {
            client,
            path: path.to_path_buf(),
            cache: Mutex::new(HashMap::new()),
            announced: Arc::new(Mutex::new(HashMap::new())),
            tracking: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// `docker inspect`; None when the container is gone.
    async fn inspect(
        &self,
        id: &str,
    ) -> Result<Option<bollard::models::ContainerInspectResponse>, RuntimeError> {
        match self.client.inspect_container(id, None).await {
            Ok(info) => Ok(Some(info)),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 404, ..
            }) => Ok(None),
            Err(e) => Err(api_err(e)),
        }
    }

    fn cached(&self, id: &str) -> Option<(u32, u64)> {
        let hit = self.cache.lock().ok()?.get(id).copied()?;
        (host::mntns_of(hit.0).ok() == Some(hit.1)).then_some(hit)
    }

    async fn pid_and_mntns(&self, id: &str) -> Result<Option<(u32, u64)>, RuntimeError> {
        if let Some(hit) = self.cached(id) {
            return Ok(Some(hit));
        }
        let Some(info) = self.inspect(id).await? else {
            return Ok(None);
        };
        let pid = info
            .state
            .and_then(|s| s.pid)
            .and_then(|p| u32::try_from(p).ok())
            .filter(|&p| p > 0);
        let Some(pid) = pid else { return Ok(None) };
        let Ok(mntns) = host::mntns_of(pid) else {
            return Ok(None);
        };
        if let Ok(mut c) = self.cache.lock() {
            c.insert(id.to_string(), (pid, mntns));
        }
        Ok(Some((pid, mntns)))
    }
}

fn from_announcement(id: &str, attrs: &HashMap<String, String>) -> Container {
    let labels: BTreeMap<String, String> = attrs
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "name" | "image" | "exitCode"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Container {
        runtime: KIND,
        namespace: None,
        id: id.to_string(),
        name: attrs.get("name").cloned().unwrap_or_else(|| id.to_string()),
        image: attrs.get("image").cloned().unwrap_or_default(),
        pid: 0,
        mntns: 0,
        k8s: K8sMeta::from_labels(&labels),
        labels,
    }
}

impl Runtime for DockerRuntime {
    fn kind(&self) -> RuntimeKind {
        KIND
    }

    fn track(&self) {
        use futures_util::StreamExt;
        if self
            .tracking
            .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            return;
        }
        let client = self.client.clone();
        let announced = self.announced.clone();
        // The stream is opened by a task that may run after the caller has already told the
        // user it records: ask Docker to replay what happened since this call (one second
        // earlier, for clock granularity), so a container created and removed in between is
        // still announced.
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs().saturating_sub(1).to_string())
            .ok();
        tokio::spawn(async move {
            let mut filters = HashMap::new();
            filters.insert("type".to_string(), vec!["container".to_string()]);
            filters.insert(
                "event".to_string(),
                vec!["create".to_string(), "start".to_string()],
            );
            let opts = bollard::query_parameters::EventsOptions {
                filters: Some(filters),
                since,
                ..Default::default()
            };
            let mut events = client.events(Some(opts));
            while let Some(ev) = events.next().await {
                match ev {
                    Ok(ev) => {
                        let Some(actor) = ev.actor else { continue };
                        let (Some(id), Some(attrs)) = (actor.id, actor.attributes) else {
                            continue;
                        };
                        if let Ok(mut m) = announced.lock() {
                            m.insert(id.clone(), from_announcement(&id, &attrs));
                        }
                    }
                    Err(e) => {
                        log::warn!("docker event stream ended: {e}");
                        return;
                    }
                }
            }
        });
    }

    fn seccomp_profile<'a>(
        &'a self,
        c: &'a Container,
    ) -> BoxFuture<'a, Result<Option<serde_json::Value>, RuntimeError>> {
        Box::pin(async move {
            let Some(info) = self.inspect(&c.id).await? else {
                return Ok(None);
            };
            // Docker keeps the JSON given with --security-opt seccomp=FILE; none means its
            // default profile, which logs and kills nothing.
            let opts = info
                .host_config
                .and_then(|h| h.security_opt)
                .unwrap_or_default();
            Ok(opts.iter().find_map(|o| {
                let v = o
                    .strip_prefix("seccomp=")
                    .or_else(|| o.strip_prefix("seccomp:"))?;
                serde_json::from_str(v).ok()
            }))
        })
    }

    fn resolve<'a>(
        &'a self,
        id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Container>, RuntimeError>> {
        Box::pin(async move {
            if let Some(c) = self.announced.lock().ok().and_then(|m| m.get(id).cloned()) {
                return Ok(Some(c));
            }
            let Some(info) = self.inspect(id).await? else {
                return Ok(None);
            };
            let config = info.config.unwrap_or_default();
            let labels: BTreeMap<String, String> =
                config.labels.unwrap_or_default().into_iter().collect();
            let pid = info
                .state
                .and_then(|s| s.pid)
                .and_then(|p| u32::try_from(p).ok())
                .unwrap_or(0);
            Ok(Some(Container {
                runtime: KIND,
                namespace: None,
                id: info.id.unwrap_or_else(|| id.to_string()),
                name: info
                    .name
                    .map(|n| n.trim_start_matches('/').to_string())
                    .unwrap_or_else(|| id.to_string()),
                image: config.image.unwrap_or_default(),
                pid,
                mntns: if pid > 0 {
                    host::mntns_of(pid).unwrap_or(0)
                } else {
                    0
                },
                k8s: K8sMeta::from_labels(&labels),
                labels,
            }))
        })
    }

    fn list(&self) -> BoxFuture<'_, Result<Vec<Container>, RuntimeError>> {
        Box::pin(async move {
            let summaries = self
                .client
                .list_containers(Some(ListContainersOptions::default()))
                .await
                .map_err(|e| match e {
                    bollard::errors::Error::IOError { err } => RuntimeError::Unreachable {
                        runtime: KIND,
                        path: self.path.clone(),
                        detail: err.to_string(),
                    },
                    e => api_err(e),
                })?;
            let lookups = summaries.iter().map(|s| async move {
                let id = s.id.clone().unwrap_or_default();
                let labels: BTreeMap<String, String> =
                    s.labels.clone().unwrap_or_default().into_iter().collect();
                if id.is_empty() || is_sandbox(&labels) {
                    return Ok(None);
                }
                let Some((pid, mntns)) = self.pid_and_mntns(&id).await? else {
                    return Ok(None);
                };
                let name = s
                    .names
                    .as_ref()
                    .and_then(|n| n.first())
                    .map(|n| n.trim_start_matches('/').to_string())
                    .unwrap_or_else(|| id.clone());
                Ok(Some(Container {
                    runtime: KIND,
                    namespace: None,
                    name,
                    image: s.image.clone().unwrap_or_default(),
                    pid,
                    mntns,
                    k8s: K8sMeta::from_labels(&labels),
                    labels,
                    id,
                }))
            });
            let found = futures_util::future::join_all(lookups).await;
            let mut out = Vec::new();
            for f in found {
                if let Some(c) = f? {
                    out.push(c);
                }
            }
            // Forget inspections of containers that are gone.
            if let Ok(mut cache) = self.cache.lock() {
                cache.retain(|id, _| out.iter().any(|c| &c.id == id));
            }
            Ok(out)
        })
    }
}
