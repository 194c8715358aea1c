//! `ig list-containers`: every running container of every runtime, once, or as a stream of
//! start/stop events with `--watch`.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::ListContainersArgs;
use crate::output::{self, Column, Mode, Printer};
use crate::runtime::{Container, ContainerFilter};

const POLL: Duration = Duration::from_millis(250);

pub(crate) fn columns(watch: bool) -> Vec<Column> {
    let mut cols = Vec::new();
    if watch {
        cols.push(Column::new("EVENT", "event", 7));
    }
    cols.extend([
        Column::new("RUNTIME", "runtime.runtimeName", 10),
        Column::new("ID", "runtime.containerId", 12),
        Column::new("NAME", "runtime.containerName", 20),
        Column::new("IMAGE", "runtime.containerImageName", 20),
        Column::new("PID", "runtime.containerPid", 7).right(),
        Column::new("MNTNS", "mountnsid", 10).right(),
        Column::new("K8S.NAMESPACE", "k8s.namespace", 13),
        Column::new("K8S.POD", "k8s.podName", 16),
        Column::new("K8S.CONTAINER", "k8s.containerName", 16),
    ]);
    cols
}

fn record(c: &Container, mode: Mode, event: Option<&str>) -> serde_json::Value {
    let mut v = c.to_json();
    if mode == Mode::Columns {
        v["runtime"]["containerId"] = c.short_id().into();
    }
    if let Some(ev) = event {
        if let Some(obj) = v.as_object_mut() {
            obj.insert("event".into(), ev.into());
            // Keep "event" first in JSON for readability.
            let ev = obj.shift_remove("event");
            let rest = std::mem::take(obj);
            if let Some(ev) = ev {
                obj.insert("event".into(), ev);
            }
            obj.extend(rest);
        }
    }
    v
}

pub async fn run(a: ListContainersArgs, runtimes_given: bool) -> anyhow::Result<ExitCode> {
    let mode = super::parse_mode(&a.output)?;
    let cfg = a.runtime.config(runtimes_given);
    let filter = ContainerFilter {
        names: a.names.containername.clone(),
        ..Default::default()
    };
    let discovery = super::discovery(&cfg).await?;
    if discovery.is_empty() {
        log::warn!(
            "no container runtime found (looked for {} and {}); name one with --docker-socketpath or --containerd-socketpath",
            cfg.docker_socket.display(),
            cfg.containerd_socket.display()
        );
    }
    let stdout = std::io::stdout();
    let mut printer = Printer::new(
        stdout.lock(),
        mode,
        columns(a.watch),
        output::terminal_width(),
    );
    if !a.watch {
        let list = discovery.list().await?;
        let recs: Vec<_> = list
            .iter()
            .filter(|c| filter.is_empty() || filter.matches(c))
            .map(|c| record(c, mode, None))
            .collect();
        printer.table(&recs)?;
        return Ok(ExitCode::SUCCESS);
    }

    let mut stop = super::stop_signal(a.timeout);
    let mut known: HashMap<String, Container> = HashMap::new();
    printer.header()?;
    loop {
        match discovery.list().await {
            Ok(list) => {
                let now: HashMap<String, Container> = list
                    .into_iter()
                    .filter(|c| filter.is_empty() || filter.matches(c))
                    .map(|c| (c.id.clone(), c))
                    .collect();
                let mut added: Vec<&Container> = now
                    .values()
                    .filter(|c| !known.contains_key(&c.id))
                    .collect();
                added.sort_by(|x, y| x.name.cmp(&y.name));
                for c in added {
                    printer.record(&record(c, mode, Some("ADDED")))?;
                }
                let mut removed: Vec<&Container> = known
                    .values()
                    .filter(|c| !now.contains_key(&c.id))
                    .collect();
                removed.sort_by(|x, y| x.name.cmp(&y.name));
                for c in removed {
                    printer.record(&record(c, mode, Some("REMOVED")))?;
                }
                known = now;
            }
            Err(e) => log::warn!("listing containers: {e}"),
        }
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            _ = stop.changed() => break,
        }
    }
    let _ = std::io::stdout().flush();
    Ok(ExitCode::SUCCESS)
}
