//! Turning recorded targets into profiles and files: the set-up trimming policy applied,
//! profiles built, merged, annotated and written (stdout, --output-dir, --install).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::cli::{AdvisorOutputMode, ProfileArgs};
use crate::host;
use crate::seccomp::args::{self as seccomp_args, Class};
use crate::seccomp::{self, BuildOptions, Observed, OciProfile, Recorded, Scope, SpoMeta};
use crate::syscalls::Abi;
use crate::UsageError;

use super::target::Target;
use super::Prepared;

pub(super) fn file_stem(t: &Target) -> String {
    let raw = match &t.container {
        Some(c) => match &c.k8s {
            Some(k) => format!("{}_{}_{}", k.namespace, k.pod_name, k.container_name),
            None => c.name.clone(),
        },
        None if t.label.starts_with("command ") => "command".to_string(),
        None => match t.label.trim_start_matches('/') {
            "" => "root".to_string(),
            rest => rest.to_string(),
        },
    };
    raw.chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || "-_.".contains(ch) {
                ch
            } else {
                '_'
            }
        })
        .collect()
}

/// Builds and writes one profile per target (or one merged with --merge); returns the
/// syscalls of each target's profile.
pub fn emit(
    p: &ProfileArgs,
    include_runtime_setup: bool,
    targets: &[Target],
    prepared: &Prepared,
) -> anyhow::Result<Vec<Observed>> {
    let mut items = Vec::new();
    for t in targets {
        if t.missed_startup {
            log::warn!(
                "{} was already running when recording began: its start-up was missed and the profile may not start it (start ig first, then the container)",
                t.label
            );
        }
        if t.bits.out_of_range {
            log::warn!(
                "{} made syscalls with numbers beyond ig's tables; they are not in the profile",
                t.label
            );
        }
        items.push((t, observed_for_profile(t, include_runtime_setup)));
    }
    emit_observed(p, &items, Abi::host_abis(), prepared)?;
    Ok(items.into_iter().map(|(_, o)| o).collect())
}

/// Builds profiles from observed syscalls (one per item, or one merged with --merge), adds
/// --base, and writes them where the output flags say.
pub fn emit_observed(
    p: &ProfileArgs,
    items: &[(&Target, Observed)],
    abis: &[Abi],
    prepared: &Prepared,
) -> anyhow::Result<()> {
    let opts = BuildOptions::new(&p.default_action, seccomp::EPERM, abis.to_vec())
        .map_err(|e| UsageError(format!("--default-action: {e}")))?;
    let mut built: Vec<(&Target, OciProfile)> = Vec::new();
    for (t, observed) in items {
        let mut b = seccomp::build(observed, &opts);
        if let Some(l) = &prepared.learn {
            let class = arg_class(t, l.include_runtime_setup);
            for m in
                seccomp_args::restrict(&mut b.profile, &l.set, &t.bits.args, class, l.max_values)
            {
                if m.warning {
                    log::warn!("{}: {}", t.label, m.text);
                } else {
                    crate::diagnostics::note!("note: {}: {}", t.label, m.text);
                }
            }
        }
        for (abi, nr) in &b.unknown {
            log::warn!(
                "{}: syscall number {nr} ({}) is not in ig's syscall table and was left out of the profile",
                t.label,
                abi.as_str()
            );
        }
        for n in &b.notes {
            crate::diagnostics::note!("note: {}: {n}", t.label);
        }
        built.push((t, b.profile));
    }
    let mut extra = BTreeMap::new();
    if p.coverage.is_some() && !p.merge {
        return Err(UsageError("--coverage goes with --merge (or with `merge`)".into()).into());
    }
    if p.merge && (built.len() > 1 || p.coverage.is_some()) {
        let labelled: Vec<(&str, &OciProfile)> = built
            .iter()
            .map(|(t, prof)| (t.label.as_str(), prof))
            .collect();
        extra = write_coverage(p, &labelled)?;
        let (merged, notes) = seccomp::merge_labeled(&labelled)?;
        for n in notes {
            crate::diagnostics::note!("--merge: {n}");
        }
        let first = built[0].0;
        built = vec![(first, merged)];
    }
    let many = built.len() > 1;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for (t, mut prof) in built {
        if let Some(base) = &prepared.base {
            let (merged, notes) = seccomp::merge(&[prof, base.clone()])?;
            for n in notes {
                crate::diagnostics::note!("--base: {n}");
            }
            prof = merged;
        }
        write_profile(
            p,
            t,
            &prof,
            prepared.spo_name.as_ref(),
            many,
            &extra,
            &mut out,
        )?;
    }
    Ok(())
}

/// Which learned argument values are the workload's: the same choice as for the names.
pub(super) fn arg_class(t: &Target, include_runtime_setup: bool) -> Class {
    if include_runtime_setup {
        Class::All
    } else if t.filtered_only || t.bits.filtered.iter().all(BTreeSet::is_empty) {
        Class::AfterExec
    } else {
        Class::Filtered
    }
}

/// The syscalls that go into a target's profile: the set-up trimming policy of
/// [`seccomp::trim`], with what it dropped or kept printed on stderr.
pub(super) fn observed_for_profile(t: &Target, include_runtime_setup: bool) -> Observed {
    let scope = if t.filtered_only {
        Scope::Command
    } else if include_runtime_setup {
        Scope::Everything
    } else {
        Scope::Container
    };
    let recorded = Recorded {
        seen: t.bits.observed(false),
        filtered: t.bits.observed(true),
        after_exec: t.bits.observed_after_exec(),
    };
    let trimmed = seccomp::trim(&recorded, scope);
    for f in &trimmed.findings {
        let warning = if f.is_warning() { "warning: " } else { "" };
        crate::diagnostics::note!("{warning}{}: {f}", t.label);
    }
    trimmed.kept
}

/// Writes an already built profile (`merge`) where the output flags say.
pub fn write_merged(
    p: &ProfileArgs,
    t: &Target,
    prof: &OciProfile,
    prepared: &Prepared,
    inputs: &[(&str, &OciProfile)],
) -> anyhow::Result<()> {
    let extra = write_coverage(p, inputs)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_profile(
        p,
        t,
        prof,
        prepared.spo_name.as_ref(),
        false,
        &extra,
        &mut out,
    )
}

/// Annotation with the coverage of each syscall across merged inputs (`name: N/M`).
pub const ANNOTATION_COVERAGE: &str = "seccomp.gadget.kinvolk.io/syscall-coverage";

/// With `--coverage FILE`: writes in how many of the merged inputs each syscall runs (N of
/// M), and returns the annotation for a SeccompProfile resource.
fn write_coverage(
    p: &ProfileArgs,
    inputs: &[(&str, &OciProfile)],
) -> anyhow::Result<BTreeMap<String, String>> {
    let Some(path) = &p.coverage else {
        return Ok(BTreeMap::new());
    };
    let profiles: Vec<&OciProfile> = inputs.iter().map(|(_, p)| *p).collect();
    let counts = crate::seccomp::eval::coverage(&profiles, Abi::host_abis());
    let m = inputs.len();
    let doc = serde_json::json!({
        "inputs": inputs.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
        "syscalls": counts
            .iter()
            .map(|(n, c)| (n.clone(), serde_json::json!({"count": c, "of": m})))
            .collect::<serde_json::Map<_, _>>(),
    });
    write_atomic(
        path,
        (serde_json::to_string_pretty(&doc)? + "\n").as_bytes(),
    )
    .with_context(|| format!("writing --coverage file {}", path.display()))?;
    let partial = counts.values().filter(|&&c| c < m).count();
    crate::diagnostics::note!(
        "wrote the coverage of {} syscalls over {m} inputs to {} ({partial} not in every input)",
        counts.len(),
        path.display()
    );
    let value = counts
        .iter()
        .map(|(n, c)| format!("{n}={c}/{m}"))
        .collect::<Vec<_>>()
        .join(",");
    Ok(BTreeMap::from([(ANNOTATION_COVERAGE.to_string(), value)]))
}

/// Writes one profile: to --install DIR, to --output-dir, or to stdout.
fn write_profile(
    p: &ProfileArgs,
    t: &Target,
    prof: &OciProfile,
    spo_name: Option<&(Option<String>, String)>,
    many: bool,
    extra: &BTreeMap<String, String>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let (text, ext) = match p.output_mode {
        AdvisorOutputMode::Terminal => (prof.to_json_pretty()?, "json"),
        AdvisorOutputMode::SeccompProfile => {
            let mut meta = spo_meta(p, t, spo_name, many);
            meta.annotations
                .extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
            (seccomp::to_spo_yaml(prof, &meta)?, "yaml")
        }
        AdvisorOutputMode::Talos => {
            let name = talos_name(t, spo_name, many);
            crate::diagnostics::note!(
                "Talos profile {name} of {}: pods use it with localhostProfile: profiles/{name}",
                t.label
            );
            (crate::seccomp::talos::patch_yaml(prof, &name)?, "yaml")
        }
    };
    let host = crate::hostroot::get();
    if let Some(dir) = &p.install {
        let dir = host.path(dir);
        // Always OCI JSON: that is what the kubelet and runc read.
        let json = prof.to_json_pretty()?;
        let rel = PathBuf::from("ig").join(format!("{}.json", install_name(t, spo_name, many)));
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        write_atomic(&path, json.as_bytes())?;
        crate::diagnostics::note!("installed profile of {} as {}", t.label, path.display());
        writeln!(out, "localhostProfile: {}", rel.display())?;
        return Ok(());
    }
    match &p.output_dir {
        Some(dir) => {
            let path = host.path(dir).join(format!("{}.{ext}", file_stem(t)));
            write_atomic(&path, text.as_bytes())?;
            crate::diagnostics::note!("wrote profile of {} to {}", t.label, path.display());
        }
        None => {
            if many {
                crate::diagnostics::note!("profile of {}:", t.label);
            }
            if p.output_mode != AdvisorOutputMode::Terminal && many {
                out.write_all(b"---\n")?;
            }
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The profile's file name in a Talos patch: --seccomp-profile-name, else the target's.
fn talos_name(t: &Target, name: Option<&(Option<String>, String)>, many: bool) -> String {
    match name {
        Some((_, n)) if !many => n.clone(),
        Some((_, n)) => crate::seccomp::talos::profile_name_from(&format!(
            "{}-{}",
            n.trim_end_matches(".json"),
            file_stem(t)
        )),
        None => crate::seccomp::talos::profile_name_from(&file_stem(t)),
    }
}

/// File name (without .json) under DIR/ig/ for --install.
fn install_name(t: &Target, spo_name: Option<&(Option<String>, String)>, many: bool) -> String {
    let stem = file_stem(t);
    match spo_name {
        Some((ns, n)) => {
            let n = n.trim_end_matches(".json");
            let base = match ns {
                Some(ns) => format!("{ns}-{n}"),
                None => n.to_string(),
            };
            if many {
                format!("{base}-{stem}")
            } else {
                base
            }
        }
        None => stem,
    }
}

fn spo_meta(
    a: &ProfileArgs,
    t: &Target,
    name: Option<&(Option<String>, String)>,
    many: bool,
) -> SpoMeta {
    let mut annotations = BTreeMap::new();
    annotations.insert(seccomp::ANNOTATION_NODE.to_string(), host::node_name());
    let suffix = file_stem(t).to_lowercase().replace(['_', '.'], "-");
    if let Some(c) = &t.container {
        if let Some(k) = &c.k8s {
            annotations.insert(
                seccomp::ANNOTATION_POD.into(),
                format!("{}/{}", k.namespace, k.pod_name),
            );
            annotations.insert(
                seccomp::ANNOTATION_CONTAINER.into(),
                k.container_name.clone(),
            );
        } else {
            annotations.insert(seccomp::ANNOTATION_CONTAINER.into(), c.name.clone());
        }
        annotations.insert(seccomp::ANNOTATION_CONTAINER_ID.into(), c.id.clone());
        annotations.insert(seccomp::ANNOTATION_PID.into(), c.pid.to_string());
    }
    let (namespace, name) = match name {
        Some((ns, n)) if many => (ns.clone(), format!("{n}-{suffix}")),
        Some((ns, n)) => (ns.clone(), n.clone()),
        None => (
            t.container
                .as_ref()
                .and_then(|c| c.k8s.as_ref())
                .map(|k| k.namespace.clone()),
            suffix,
        ),
    };
    SpoMeta {
        name,
        namespace,
        annotations,
        api_version: a.spo_api_version,
    }
}

/// Writes a file so that readers see either the old or the whole new content.
pub fn write_atomic(path: &Path, data: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp: PathBuf = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("profile"),
        std::process::id()
    ));
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::anyhow!("writing {}: {e}", path.display())
    })
}
