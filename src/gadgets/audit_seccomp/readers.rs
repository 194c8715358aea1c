//! The readers of a run: the ebpf ring buffers (as tasks) and the audit netlink socket
//! (on a thread), how each ended, and the test hook that makes one fail.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::mpsc;

use super::event::Event;
use crate::audit::{self, AuditSocket, AUDIT_SECCOMP};

pub(super) enum Reader {
    Ring(tokio::task::JoinHandle<anyhow::Result<()>>),
    Thread(std::thread::JoinHandle<anyhow::Result<()>>),
}

impl Reader {
    /// Stops the reader and returns how it ended: an error it met, or `Ok` when it was
    /// still running (it is stopped) or ended because nobody listened any more.
    pub(super) async fn finish(self, quit: &AtomicBool, ended: bool) -> anyhow::Result<()> {
        quit.store(true, Ordering::Relaxed);
        match self {
            Reader::Ring(h) => finish_task(h, ended).await,
            Reader::Thread(h) => match tokio::task::spawn_blocking(move || h.join()).await {
                Ok(Ok(r)) => r,
                Ok(Err(_)) | Err(_) => Err(anyhow::anyhow!("the event reader panicked")),
            },
        }
    }
}

/// Result of a reader task: its own if it ended (`ended`: its channel closed), else it is
/// aborted (`Ok`).
pub(super) async fn finish_task(
    h: tokio::task::JoinHandle<anyhow::Result<()>>,
    ended: bool,
) -> anyhow::Result<()> {
    if !ended && !h.is_finished() {
        h.abort();
        return Ok(());
    }
    match h.await {
        Ok(r) => r,
        Err(e) if e.is_cancelled() => Ok(()),
        Err(_) => Err(anyhow::anyhow!("a reader task panicked")),
    }
}

/// Test hook (documented in docs/design.md): `IG_TEST_FAIL_READER=events` (the event
/// reader, either source) or `=stacks` makes that reader fail at once, so tests can check
/// that a failed reader ends the run with exit 1 and its reason.
fn forced_reader_failure(what: &str) -> anyhow::Result<()> {
    match std::env::var("IG_TEST_FAIL_READER") {
        Ok(v) if v == what => Err(anyhow::anyhow!("failure forced by IG_TEST_FAIL_READER={v}")),
        _ => Ok(()),
    }
}

/// Reads a ring buffer as it fills and hands over its records in batches, each decoded by
/// `decode` (length-checked; a short record is logged and skipped).
/// Ends with `Ok` when the receiver is gone, with the reason when reading fails.
pub(super) async fn read_ringbuf<T: Send + 'static>(
    what: &'static str,
    ring: aya::maps::RingBuf<aya::maps::MapData>,
    decode: fn(&[u8]) -> Result<T, crate::bpf::records::ShortRecord>,
    tx: mpsc::Sender<Vec<T>>,
) -> anyhow::Result<()> {
    let hook = if what == "stack" { "stacks" } else { "events" };
    forced_reader_failure(hook).with_context(|| format!("reading the {what} ring buffer"))?;
    // SAFETY: the ring buffer owns its map fd and keeps it open for as long as the AsyncFd
    // (which owns the ring buffer) is registered; nothing else closes it.
    let registered = unsafe { tokio::io::unix::AsyncFd::register(ring) };
    let mut fd = registered.with_context(|| format!("polling the {what} ring buffer"))?;
    loop {
        let mut guard = fd
            .readable_mut()
            .await
            .with_context(|| format!("polling the {what} ring buffer"))?;
        let ring = guard.get_inner_mut();
        let mut batch = Vec::new();
        while let Some(item) = ring.next() {
            match decode(&item) {
                Ok(e) => batch.push(e),
                Err(e) => log::warn!("{e}"),
            }
        }
        guard.clear_ready();
        if !batch.is_empty() && tx.send(batch).await.is_err() {
            return Ok(());
        }
    }
}

pub(super) fn read_netlink(
    mut sock: AuditSocket,
    tx: mpsc::Sender<Vec<Event>>,
    lost: Arc<AtomicU64>,
    quit: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    forced_reader_failure("events").context("reading the kernel audit stream")?;
    if let Err(e) = sock.set_timeout(Duration::from_millis(200)) {
        log::warn!("{e}");
    }
    let mut batch = Vec::new();
    while !quit.load(Ordering::Relaxed) {
        batch.clear();
        match sock.recv(&mut batch) {
            Ok(st) => {
                lost.fetch_add(st.lost, Ordering::Relaxed);
            }
            Err(e) => return Err(e).context("reading the kernel audit stream"),
        }
        let mut events = Vec::with_capacity(batch.len());
        for (ty, body) in &batch {
            if *ty != AUDIT_SECCOMP {
                continue;
            }
            match audit::parse_body(body) {
                Ok(r) => events.push(Event::from_record(&r)),
                Err(e) => log::warn!("unreadable seccomp record: {e}"),
            }
        }
        if !events.is_empty() && tx.blocking_send(events).is_err() {
            return Ok(());
        }
    }
    Ok(())
}
