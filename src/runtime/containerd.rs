//! containerd: containers and their tasks in every containerd namespace (or one), over gRPC.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use containerd_client::services::v1::{
    containers_client::ContainersClient, namespaces_client::NamespacesClient,
    tasks_client::TasksClient, GetContainerRequest, GetRequest, ListContainersRequest,
    ListNamespacesRequest, ListTasksRequest,
};
use containerd_client::tonic::transport::Channel;
use containerd_client::tonic::Request;
use futures_util::future::BoxFuture;

use super::{is_sandbox, Container, K8sMeta, Runtime, RuntimeError, RuntimeKind};
use crate::host;

const KIND: RuntimeKind = RuntimeKind::Containerd;
/// containerd task status RUNNING (containerd.v1.types.Status).
const STATUS_RUNNING: i32 = 2;

pub struct ContainerdRuntime {
    channel: Channel,
    namespace: Option<String>,
}

fn api_err(what: &str, e: containerd_client::tonic::Status) -> RuntimeError {
    RuntimeError::Api {
        runtime: KIND,
        detail: format!("{what}: {}", e.message()),
    }
}

fn in_namespace<T>(msg: T, ns: &str) -> Result<Request<T>, RuntimeError> {
    let mut req = Request::new(msg);
    let value = ns.parse().map_err(|_| RuntimeError::Api {
        runtime: KIND,
        detail: format!("containerd namespace {ns:?} is not a valid name"),
    })?;
    req.metadata_mut().insert("containerd-namespace", value);
    Ok(req)
}

/// A containerd container record as ig's `Container`: named by nerdctl's or the
/// Kubernetes container label, else by its id.
fn to_container(
    c: containerd_client::services::v1::Container,
    ns: &str,
    pid: u32,
    mntns: u64,
) -> Container {
    let labels: BTreeMap<String, String> = c.labels.into_iter().collect();
    let name = labels
        .get("nerdctl/name")
        .or_else(|| labels.get(super::LABEL_K8S_CONTAINER))
        .cloned()
        .unwrap_or_else(|| c.id.clone());
    Container {
        runtime: KIND,
        namespace: Some(ns.to_string()),
        name,
        image: c.image,
        pid,
        mntns,
        k8s: K8sMeta::from_labels(&labels),
        labels,
        id: c.id,
    }
}

/// Whether an error, or any error in its source chain, is a refused permission: an I/O error
/// of kind `PermissionDenied` (the socket's mode) or a gRPC `PermissionDenied` status.
fn permission_denied(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::PermissionDenied {
                return true;
            }
        }
        if let Some(status) = err.downcast_ref::<tonic::Status>() {
            if status.code() == tonic::Code::PermissionDenied {
                return true;
            }
        }
        cur = err.source();
    }
    false
}

impl ContainerdRuntime {
    pub async fn connect(
        path: &Path,
        namespace: Option<String>,
    ) -> Result<ContainerdRuntime, RuntimeError> {
        let channel = containerd_client::connect(path).await.map_err(|e| {
            let detail = std::error::Error::source(&e)
                .map(|s| s.to_string())
                .unwrap_or_else(|| e.to_string());
            if permission_denied(&e) {
                RuntimeError::PermissionDenied {
                    runtime: KIND,
                    path: path.to_path_buf(),
                }
            } else {
                RuntimeError::Unreachable {
                    runtime: KIND,
                    path: path.to_path_buf(),
                    detail,
                }
            }
        })?;
        let rt = ContainerdRuntime { channel, namespace };
        if let Some(ns) = &rt.namespace {
            let all = rt.all_namespaces().await?;
            if !all.contains(ns) {
                return Err(RuntimeError::Api {
                    runtime: KIND,
                    detail: format!(
                        "containerd namespace {ns:?} does not exist (namespaces: {})",
                        all.join(", ")
                    ),
                });
            }
        }
        Ok(rt)
    }

    async fn namespaces(&self) -> Result<Vec<String>, RuntimeError> {
        match &self.namespace {
            Some(ns) => Ok(vec![ns.clone()]),
            None => self.all_namespaces().await,
        }
    }

    async fn all_namespaces(&self) -> Result<Vec<String>, RuntimeError> {
        let resp = NamespacesClient::new(self.channel.clone())
            .list(ListNamespacesRequest::default())
            .await
            .map_err(|e| api_err("listing namespaces", e))?;
        Ok(resp
            .into_inner()
            .namespaces
            .into_iter()
            .map(|n| n.name)
            .collect())
    }

    async fn list_namespace(&self, ns: &str) -> Result<Vec<Container>, RuntimeError> {
        let tasks = TasksClient::new(self.channel.clone())
            .list(in_namespace(ListTasksRequest::default(), ns)?)
            .await
            .map_err(|e| api_err("listing tasks", e))?
            .into_inner()
            .tasks;
        let running: HashMap<String, u32> = tasks
            .into_iter()
            .filter(|t| t.status == STATUS_RUNNING && t.pid > 0)
            .map(|t| (t.id, t.pid))
            .collect();
        if running.is_empty() {
            return Ok(Vec::new());
        }
        let containers = ContainersClient::new(self.channel.clone())
            .list(in_namespace(ListContainersRequest::default(), ns)?)
            .await
            .map_err(|e| api_err("listing containers", e))?
            .into_inner()
            .containers;
        let mut out = Vec::new();
        for c in containers {
            let Some(&pid) = running.get(&c.id) else {
                continue;
            };
            let Ok(mntns) = host::mntns_of(pid) else {
                continue; // exited while we listed
            };
            let c = to_container(c, ns, pid, mntns);
            if !is_sandbox(&c.labels) {
                out.push(c);
            }
        }
        Ok(out)
    }
}

impl Runtime for ContainerdRuntime {
    fn kind(&self) -> RuntimeKind {
        KIND
    }

    fn seccomp_profile<'a>(
        &'a self,
        c: &'a Container,
    ) -> BoxFuture<'a, Result<Option<serde_json::Value>, RuntimeError>> {
        Box::pin(async move {
            let Some(ns) = &c.namespace else {
                return Ok(None);
            };
            let req = in_namespace(GetContainerRequest { id: c.id.clone() }, ns)?;
            let spec = match ContainersClient::new(self.channel.clone()).get(req).await {
                Ok(r) => r.into_inner().container.and_then(|c| c.spec),
                Err(s) if s.code() == containerd_client::tonic::Code::NotFound => None,
                Err(e) => return Err(api_err("getting container", e)),
            };
            // The OCI runtime spec, whose linux.seccomp is the profile runc applies.
            Ok(spec
                .and_then(|any| serde_json::from_slice::<serde_json::Value>(&any.value).ok())
                .and_then(|spec| spec.pointer("/linux/seccomp").cloned()))
        })
    }

    fn resolve<'a>(
        &'a self,
        id: &'a str,
    ) -> BoxFuture<'a, Result<Option<Container>, RuntimeError>> {
        Box::pin(async move {
            for ns in self.namespaces().await? {
                let req = in_namespace(GetContainerRequest { id: id.to_string() }, &ns)?;
                let c = match ContainersClient::new(self.channel.clone()).get(req).await {
                    Ok(r) => match r.into_inner().container {
                        Some(c) => c,
                        None => continue,
                    },
                    Err(s) if s.code() == containerd_client::tonic::Code::NotFound => continue,
                    Err(e) => return Err(api_err("getting container", e)),
                };
                let treq = in_namespace(
                    GetRequest {
                        container_id: id.to_string(),
                        ..Default::default()
                    },
                    &ns,
                )?;
                let pid = TasksClient::new(self.channel.clone())
                    .get(treq)
                    .await
                    .ok()
                    .and_then(|r| r.into_inner().process)
                    .map(|p| p.pid)
                    .unwrap_or(0);
                let mntns = if pid > 0 {
                    host::mntns_of(pid).unwrap_or(0)
                } else {
                    0
                };
                return Ok(Some(to_container(c, &ns, pid, mntns)));
            }
            Ok(None)
        })
    }

    fn list(&self) -> BoxFuture<'_, Result<Vec<Container>, RuntimeError>> {
        Box::pin(async move {
            let namespaces = self.namespaces().await?;
            let per_ns =
                futures_util::future::join_all(namespaces.iter().map(|ns| self.list_namespace(ns)))
                    .await;
            let mut out = Vec::new();
            for r in per_ns {
                out.extend(r?);
            }
            Ok(out)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::permission_denied;

    #[derive(Debug, thiserror::Error)]
    #[error("transport error")]
    struct Wrapper(#[source] Box<dyn std::error::Error + Send + Sync>);

    #[test]
    fn permission_is_told_by_kind_or_code_anywhere_in_the_chain() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(permission_denied(&Wrapper(Box::new(io))));
        let status = tonic::Status::permission_denied("no");
        assert!(permission_denied(&Wrapper(Box::new(status))));
        // The words alone are not enough; the kind decides.
        let other = std::io::Error::other("Permission denied (os error 13)");
        assert!(!permission_denied(&Wrapper(Box::new(other))));
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(!permission_denied(&Wrapper(Box::new(missing))));
    }
}
