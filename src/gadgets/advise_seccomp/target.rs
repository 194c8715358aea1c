//! What is recorded per target: syscall bits per ABI slot, learned argument values, first
//! uses, and reading them from the recorder.

use std::collections::{BTreeMap, BTreeSet};

use super::program::{ArgEntries, SyscallRecorder};

use crate::bpf::records::{layout, slot_abi, MntnsSyscalls, ABI_SLOTS};
use crate::runtime::Container;
use crate::seccomp::args::{ArgSyscall, Learned};
use crate::seccomp::Observed;

use super::explain;

/// Syscall numbers per ABI slot, accumulated in user space so nothing is lost when the
/// kernel entry goes away.
#[derive(Default, Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Bits {
    pub seen: [BTreeSet<u32>; ABI_SLOTS],
    pub filtered: [BTreeSet<u32>; ABI_SLOTS],
    /// From the namespace's first execve on.
    #[serde(default)]
    pub after_exec: [BTreeSet<u32>; ABI_SLOTS],
    pub out_of_range: bool,
    /// `--learn-args`: distinct argument values per syscall and ABI.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub args: Learned,
}

impl Bits {
    /// Adds the learned argument values of the namespaces behind `keys`.
    pub fn absorb_args(&mut self, entries: &ArgEntries, keys: &BTreeSet<u64>) {
        for (k, how) in entries.values.iter().filter(|(k, _)| keys.contains(&k.ns)) {
            if let (Some(s), Some(abi)) = (ArgSyscall::from_slot(k.slot), slot_abi(k.abi as usize))
            {
                let v = self.args.entry(s).or_default().entry(abi).or_default();
                *v.values.entry(k.value).or_default() |= how;
            }
        }
        for (k, c) in entries.counts.iter().filter(|(k, _)| keys.contains(&k.ns)) {
            if let (Some(s), Some(abi), true) = (
                ArgSyscall::from_slot(k.slot),
                slot_abi(k.abi as usize),
                c.overflow != 0,
            ) {
                self.args
                    .entry(s)
                    .or_default()
                    .entry(abi)
                    .or_default()
                    .overflow |= c.overflow;
            }
        }
    }

    pub fn absorb(&mut self, v: &MntnsSyscalls) {
        for slot in 0..ABI_SLOTS {
            self.seen[slot].extend(MntnsSyscalls::numbers(&v.seen, slot));
            self.filtered[slot].extend(MntnsSyscalls::numbers(&v.filtered, slot));
            self.after_exec[slot].extend(MntnsSyscalls::numbers(&v.after_exec, slot));
        }
        self.out_of_range |= v.flags & layout::IG_FLAG_NR_OUT_OF_RANGE != 0;
    }

    pub fn observed(&self, filtered_only: bool) -> Observed {
        let src = if filtered_only {
            &self.filtered
        } else {
            &self.seen
        };
        observed_of(src)
    }

    pub fn observed_after_exec(&self) -> Observed {
        observed_of(&self.after_exec)
    }
}

fn observed_of(src: &[BTreeSet<u32>; ABI_SLOTS]) -> Observed {
    let mut o = Observed::default();
    for (slot, nrs) in src.iter().enumerate() {
        if let (false, Some(abi)) = (nrs.is_empty(), slot_abi(slot)) {
            o.per_abi
                .entry(abi)
                .or_default()
                .extend(nrs.iter().copied());
        }
    }
    o
}

/// One recording target and what was recorded for it (saved by background recordings).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Target {
    pub label: String,
    pub container: Option<Container>,
    /// Keys of the recorder map (unique namespace ids) that belong to this target.
    #[serde(skip)]
    pub(super) keys: BTreeSet<u64>,
    pub bits: Bits,
    pub missed_startup: bool,
    pub exited: bool,
    /// A command ig started: only syscalls from its execve on are the command's.
    pub filtered_only: bool,
    /// Who made each syscall first (per ABI and phase).
    #[serde(default)]
    pub first_uses: Vec<explain::FirstUse>,
}

impl Target {
    /// A target that is not a container (a command, an executable of an audit log).
    pub fn named(label: String) -> Target {
        Target {
            label,
            container: None,
            keys: BTreeSet::new(),
            bits: Bits::default(),
            missed_startup: false,
            exited: true,
            filtered_only: false,
            first_uses: Vec::new(),
        }
    }

    pub(super) fn harvest(&mut self, rec: &SyscallRecorder) {
        self.harvest_with(rec, None);
    }

    /// `harvest`, with the learned argument values already read (one map scan per tick for
    /// all targets, not one per target).
    pub(super) fn harvest_with(&mut self, rec: &SyscallRecorder, args: Option<&ArgEntries>) {
        rec.drain_first_uses();
        for &key in &self.keys {
            for raw in rec.first_uses(key) {
                if let Some(f) = explain::FirstUse::from_raw(&raw) {
                    explain::absorb(&mut self.first_uses, f);
                }
            }
            match rec.get(key) {
                Ok(Some(v)) => self.bits.absorb(&v),
                Ok(None) => {}
                Err(e) => log::warn!("reading syscalls of {}: {e}", self.label),
            }
        }
        if rec.args.is_none() || self.keys.is_empty() {
            return;
        }
        match args {
            Some(entries) => self.bits.absorb_args(entries, &self.keys),
            None => match rec.arg_entries() {
                Ok(entries) => self.bits.absorb_args(&entries, &self.keys),
                Err(e) => log::warn!("reading argument values of {}: {e}", self.label),
            },
        }
    }
}

pub(super) fn label_of(c: &Container) -> String {
    match &c.k8s {
        Some(k) => format!(
            "container {} (pod {}/{}, {} {})",
            k.container_name,
            k.namespace,
            k.pod_name,
            c.runtime,
            c.short_id()
        ),
        None => format!("container {} ({} {})", c.name, c.runtime, c.short_id()),
    }
}
