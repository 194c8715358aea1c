//! Merging: the union of profiles with libseccomp's semantics, and notes on conflicts.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// An argument-conditioned rule for one name: (action, errnoRet, sorted args).
type CondRule = (&'static str, Option<u32>, Vec<ArgRule>);

/// An input profile digested for merging; actions are canonical `&'static str`.
struct Prepared<'a> {
    label: &'a str,
    default: (&'static str, Option<u32>),
    /// Unconditional rules; the first rule for a name wins, as in libseccomp.
    uncond: BTreeMap<&'a str, (&'static str, Option<u32>)>,
    /// Argument-conditioned rules of names without an unconditional rule (args sorted).
    cond: BTreeMap<&'a str, Vec<CondRule>>,
}

fn prepare<'a>(
    label: &'a str,
    p: &'a OciProfile,
    notes: &mut Vec<String>,
) -> Result<Prepared<'a>, ProfileError> {
    check_profile(p).map_err(|m| ProfileError::Merge(format!("{label}: {m}")))?;
    let act = |a: &str| canonical_action(a).unwrap_or("SCMP_ACT_KILL_PROCESS");
    let mut uncond: BTreeMap<&str, (&'static str, Option<u32>)> = BTreeMap::new();
    let mut cond: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for r in &p.syscalls {
        let a = act(&r.action);
        for n in &r.names {
            if r.args.is_empty() {
                match uncond.get(n.as_str()) {
                    None => {
                        uncond.insert(n, (a, r.errno_ret));
                    }
                    Some(&(first, first_errno))
                        if !same_effect(first, first_errno, a, r.errno_ret) =>
                    {
                        notes.push(format!(
                            "{label}: {n} has several unconditional rules; runtimes apply the first one ({}) and so does the merge, ignoring {}",
                            describe(first, first_errno),
                            describe(a, r.errno_ret)
                        ));
                    }
                    Some(_) => {}
                }
            } else {
                let mut args = r.args.clone();
                args.sort();
                args.dedup();
                cond.entry(n.as_str())
                    .or_default()
                    .push((a, r.errno_ret, args));
            }
        }
    }
    cond.retain(|n, rules| {
        if let Some(&(a, e)) = uncond.get(n) {
            notes.push(format!(
                "{label}: the unconditional {} rule for {n} supersedes its {} argument-conditioned rule(s), as in libseccomp; dropping them",
                describe(a, e),
                rules.len()
            ));
            false
        } else {
            true
        }
    });
    Ok(Prepared {
        label,
        default: (act(&p.default_action), p.default_errno_ret),
        uncond,
        cond,
    })
}

/// Union of profiles (replicas, pods, --base). Returns the merged profile and human-readable
/// notes about conflicts, for stderr. Inputs are labelled "profile 1", "profile 2", ... in the
/// notes; use [`merge_labeled`] to name them.
pub fn merge(profiles: &[OciProfile]) -> Result<(OciProfile, Vec<String>), ProfileError> {
    let labels: Vec<String> = (1..=profiles.len())
        .map(|i| format!("profile {i}"))
        .collect();
    let inputs: Vec<(&str, &OciProfile)> = labels
        .iter()
        .map(String::as_str)
        .zip(profiles.iter())
        .collect();
    merge_labeled(&inputs)
}

/// [`merge`] with a label (e.g. a file name or pod) per input for the notes.
///
/// Rules:
/// * architectures and flags: union, canonical order; listenerPath/listenerMetadata must agree;
/// * defaultAction: the most permissive (first on ties), with a note when inputs differ;
///   defaultErrnoRet: kept if all inputs with that action agree, else the first (note); dropped
///   if the action takes no errno;
/// * each syscall name gets the most permissive action any input gives it, counting an input's
///   default action for names it has no rule for (explicit rules beat defaults on ties, then the
///   first input); names whose result equals the merged default get no rule;
/// * argument-conditioned rules are kept as they are, grouped by identical (action, errnoRet,
///   args), unless the name ends up with an unconditional rule (libseccomp would ignore them;
///   note), they are no-ops, or another input allows the name for all arguments;
/// * output is sorted: unconditional rules first (most permissive first), names sorted.
pub fn merge_labeled(
    inputs: &[(&str, &OciProfile)],
) -> Result<(OciProfile, Vec<String>), ProfileError> {
    if inputs.is_empty() {
        return Err(ProfileError::Merge("no profiles to merge".to_string()));
    }
    let mut notes = Vec::new();
    let prepared = inputs
        .iter()
        .map(|(label, p)| prepare(label, p, &mut notes))
        .collect::<Result<Vec<_>, _>>()?;
    let default = merged_default(&prepared, &mut notes);
    let mut out = MergedRules::default();
    let all_names: BTreeSet<&str> = prepared
        .iter()
        .flat_map(|p| p.uncond.keys().chain(p.cond.keys()).copied())
        .collect();
    for name in all_names {
        resolve_name(name, &prepared, default, &mut out, &mut notes);
    }
    let (architectures, flags) = union_architectures_and_flags(inputs);
    let merged = OciProfile {
        default_action: default.0.to_string(),
        default_errno_ret: default.1,
        architectures,
        flags,
        listener_path: agree(inputs, "listenerPath", |p| p.listener_path.as_deref())?,
        listener_metadata: agree(inputs, "listenerMetadata", |p| {
            p.listener_metadata.as_deref()
        })?,
        syscalls: out.into_rules(),
    };
    Ok((merged, notes))
}

/// An action with its errnoRet.
type Effect = (&'static str, Option<u32>);

/// The merged defaultAction (most permissive, first on ties) and defaultErrnoRet.
fn merged_default(prepared: &[Prepared], notes: &mut Vec<String>) -> Effect {
    let winner = prepared
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (rank(p.default.0), Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let default_action = prepared[winner].default.0;
    let mut distinct_defaults: Vec<&str> = Vec::new();
    for p in prepared {
        if !distinct_defaults.contains(&p.default.0) {
            distinct_defaults.push(p.default.0);
        }
    }
    if distinct_defaults.len() > 1 {
        notes.push(format!(
            "the profiles have different defaultAction values ({}); using the most permissive, {default_action} (from {})",
            distinct_defaults.join(", "),
            prepared[winner].label
        ));
    }
    (
        default_action,
        merged_default_errno(prepared, default_action, notes),
    )
}

/// defaultErrnoRet of the merged default: the first input's with that action (note when they
/// differ); none when the action takes no errno (note when an input had one).
fn merged_default_errno(
    prepared: &[Prepared],
    default_action: &'static str,
    notes: &mut Vec<String>,
) -> Option<u32> {
    if !takes_errno(default_action) {
        if prepared.iter().any(|p| p.default.1.is_some()) {
            notes.push(format!(
                "dropping defaultErrnoRet: {default_action} takes no errno"
            ));
        }
        return None;
    }
    let same: Vec<&Prepared> = prepared
        .iter()
        .filter(|p| p.default.0 == default_action)
        .collect();
    let first = same[0].default.1;
    if same.iter().any(|p| {
        effective_errno(default_action, p.default.1) != effective_errno(default_action, first)
    }) {
        let shown: Vec<String> = same
            .iter()
            .map(|p| {
                format!(
                    "{} in {}",
                    effective_errno(default_action, p.default.1).unwrap_or(EPERM),
                    p.label
                )
            })
            .collect();
        notes.push(format!(
            "the profiles have different defaultErrnoRet values ({}); keeping {} from {}",
            shown.join(", "),
            effective_errno(default_action, first).unwrap_or(EPERM),
            same[0].label
        ));
    }
    first
}

/// (Reverse(rank), action, errno) -> names
type UncondKey = (Reverse<u8>, &'static str, Option<u32>);
type CondKey = (Reverse<u8>, &'static str, Option<u32>, Vec<ArgRule>);

/// The merged rules, grouped by what they do, in output order.
#[derive(Default)]
struct MergedRules<'a> {
    uncond: BTreeMap<UncondKey, BTreeSet<&'a str>>,
    cond: BTreeMap<CondKey, BTreeSet<&'a str>>,
}

impl MergedRules<'_> {
    /// Unconditional rules first (most permissive first), then the argument-conditioned ones.
    fn into_rules(self) -> Vec<SyscallRule> {
        let rule =
            |names: BTreeSet<&str>, a: &str, e: Option<u32>, args: Vec<ArgRule>| SyscallRule {
                names: names.into_iter().map(str::to_string).collect(),
                action: a.to_string(),
                errno_ret: e,
                args,
            };
        let mut syscalls: Vec<SyscallRule> = self
            .uncond
            .into_iter()
            .map(|((_, a, e), names)| rule(names, a, e, Vec::new()))
            .collect();
        syscalls.extend(
            self.cond
                .into_iter()
                .map(|((_, a, e, args), names)| rule(names, a, e, args)),
        );
        syscalls
    }
}

/// Decides what the merge does with one syscall name.
fn resolve_name<'a>(
    name: &'a str,
    prepared: &[Prepared],
    default: Effect,
    out: &mut MergedRules<'a>,
    notes: &mut Vec<String>,
) {
    // What each input does with `name` when no argument rule matches.
    let effs: Vec<(&'static str, Option<u32>, bool)> = prepared
        .iter()
        .map(|p| match p.uncond.get(name) {
            Some(&(a, e)) => (a, e, true),
            None => (p.default.0, p.default.1, false),
        })
        .collect();
    let best_i = effs
        .iter()
        .enumerate()
        .max_by_key(|(i, (a, _, explicit))| (rank(a), *explicit, Reverse(*i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    let (best_a, best_e, best_explicit) = effs[best_i];
    if best_explicit {
        note_equal_rivals(name, &effs, prepared, best_i, notes);
    }
    let conds: Vec<(usize, &CondRule)> = prepared
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.cond.get(name).into_iter().flatten().map(move |c| (i, c)))
        .collect();

    if !same_effect(best_a, best_e, default.0, default.1) {
        out.uncond
            .entry((
                Reverse(rank(best_a)),
                best_a,
                effective_errno(best_a, best_e),
            ))
            .or_default()
            .insert(name);
        if !conds.is_empty() {
            let mut from: Vec<&str> = conds.iter().map(|(i, _)| prepared[*i].label).collect();
            from.dedup();
            notes.push(format!(
                "{name}: {} unconditionally (from {}), which supersedes the argument-conditioned rules from {}",
                describe(best_a, best_e),
                prepared[best_i].label,
                from.join(", ")
            ));
        }
        return;
    }
    // `name` falls to the merged default; keep the argument rules that still matter.
    let by_args = kept_conditional(
        name,
        &conds,
        &effs,
        prepared,
        default,
        (best_a, best_e),
        notes,
    );
    for (args, (_, a, e)) in by_args {
        out.cond
            .entry((Reverse(rank(a)), a, effective_errno(a, e), args.clone()))
            .or_default()
            .insert(name);
    }
}

/// Notes inputs whose explicit rule for `name` is as permissive as the chosen one but differs.
fn note_equal_rivals(
    name: &str,
    effs: &[(&'static str, Option<u32>, bool)],
    prepared: &[Prepared],
    best_i: usize,
    notes: &mut Vec<String>,
) {
    let (best_a, best_e, _) = effs[best_i];
    let rivals: Vec<String> = effs
        .iter()
        .zip(prepared)
        .filter(|((a, e, explicit), _)| {
            *explicit && rank(a) == rank(best_a) && !same_effect(a, *e, best_a, best_e)
        })
        .map(|((a, e, _), p)| format!("{} in {}", describe(a, *e), p.label))
        .collect();
    if !rivals.is_empty() {
        notes.push(format!(
            "{name}: equally permissive but different rules ({}); keeping {} from {}",
            rivals.join(", "),
            describe(best_a, best_e),
            prepared[best_i].label
        ));
    }
}

/// The argument-conditioned rules of a name that falls to the merged default, one per
/// argument list: (input index, action, errno).
fn kept_conditional<'c>(
    name: &str,
    conds: &[(usize, &'c CondRule)],
    effs: &[(&'static str, Option<u32>, bool)],
    prepared: &[Prepared],
    default: Effect,
    best: Effect,
    notes: &mut Vec<String>,
) -> BTreeMap<&'c Vec<ArgRule>, (usize, &'static str, Option<u32>)> {
    let mut by_args: BTreeMap<&Vec<ArgRule>, (usize, &'static str, Option<u32>)> = BTreeMap::new();
    for &(i, (a, e, args)) in conds {
        let (a, e) = (*a, *e);
        if !conditional_matters(name, i, (a, e), effs, prepared, default, best, notes) {
            continue;
        }
        match by_args.get(args) {
            None => {
                by_args.insert(args, (i, a, e));
            }
            Some(&(k, ka, ke)) => {
                if !same_effect(ka, ke, a, e) {
                    let (wa, we, wi) = if rank(a) > rank(ka) {
                        (a, e, i)
                    } else {
                        (ka, ke, k)
                    };
                    notes.push(format!(
                        "{name}: conflicting rules for the same arguments ({} in {}, {} in {}); keeping {} from {}",
                        describe(ka, ke),
                        prepared[k].label,
                        describe(a, e),
                        prepared[i].label,
                        describe(wa, we),
                        prepared[wi].label
                    ));
                    by_args.insert(args, (wi, wa, we));
                }
            }
        }
    }
    by_args
}

/// Whether input `i`'s argument-conditioned rule `(a, e)` for `name` still changes anything
/// under the merged default.
#[allow(clippy::too_many_arguments)]
fn conditional_matters(
    name: &str,
    i: usize,
    (a, e): Effect,
    effs: &[(&'static str, Option<u32>, bool)],
    prepared: &[Prepared],
    default: Effect,
    best: Effect,
    notes: &mut Vec<String>,
) -> bool {
    if rank(a) > rank(default.0) {
        return true;
    }
    if same_effect(a, e, default.0, default.1) {
        return false;
    }
    if rank(a) == rank(default.0) {
        return true;
    }
    // Less permissive than the default under these arguments: gone if another input
    // allows the name (as much as the result) for all arguments.
    let open = prepared
        .iter()
        .enumerate()
        .find(|(j, p)| *j != i && rank(effs[*j].0) >= rank(best.0) && !p.cond.contains_key(name));
    if let Some((_, p)) = open {
        notes.push(format!(
            "{name}: dropping the argument-conditioned {} rule from {}: {} gives {} for all arguments",
            describe(a, e),
            prepared[i].label,
            p.label,
            describe(best.0, best.1)
        ));
    }
    open.is_none()
}

/// Union of the inputs' architectures and flags, in canonical order.
fn union_architectures_and_flags(inputs: &[(&str, &OciProfile)]) -> (Vec<String>, Vec<String>) {
    let mut architectures: Vec<String> = Vec::new();
    let mut flags: Vec<String> = Vec::new();
    for (_, p) in inputs {
        for a in &p.architectures {
            push_unique(&mut architectures, a.clone());
        }
        for f in &p.flags {
            push_unique(&mut flags, f.clone());
        }
    }
    architectures.sort_by_key(|a| arch_index(a));
    flags.sort_by_key(|f| flag_index(f));
    (architectures, flags)
}

/// The single value of an optional field all inputs that set it agree on.
fn agree(
    inputs: &[(&str, &OciProfile)],
    field: &str,
    get: impl Fn(&OciProfile) -> Option<&str>,
) -> Result<Option<String>, ProfileError> {
    let mut seen: Option<(&str, &str)> = None;
    for (label, p) in inputs {
        if let Some(v) = get(p) {
            match seen {
                None => seen = Some((v, label)),
                Some((first, first_label)) if first != v => {
                    return Err(ProfileError::Merge(format!(
                        "{field} differs: {first:?} in {first_label}, {v:?} in {label}"
                    )));
                }
                Some(_) => {}
            }
        }
    }
    Ok(seen.map(|(v, _)| v.to_string()))
}
