//! Phase 2, any time later: naming normalized frames from the held files (or the vDSO)
//! with one long-lived blazesym symbolizer, debug files found by build id.

use super::*;

impl StackSymbolizer {
    /// Name normalized frames: the ELF's .symtab, else its dynamic symbols (.dynsym), DWARF
    /// file:line where present (embedded, via debug link, or a debug file found by build id
    /// under /usr/lib/debug/.build-id). Frames that cannot be named keep module+offset (symbol
    /// None). Never drops frames: one `Frame` per input, in order.
    pub fn symbolize(&mut self, frames: &[NormalizedFrame]) -> Vec<Frame> {
        let mut out: Vec<Frame> = frames
            .iter()
            .enumerate()
            .map(|(index, f)| Frame {
                index,
                address: f.address,
                module: f.module.clone(),
                offset: f.offset,
                symbol: None,
                symbol_offset: None,
                file: None,
                line: None,
                unreadable: None,
            })
            .collect();

        // Group frames by module (same build id and root path), keeping first-seen order; each
        // group's file is found and used before the next one is (a small capacity may close it).
        let mut groups: Vec<(&NormalizedFrame, Vec<usize>)> = Vec::new();
        let mut vdso: Vec<usize> = Vec::new();
        for (i, f) in frames.iter().enumerate() {
            let (Some(module), Some(_)) = (&f.module, f.offset) else {
                continue;
            };
            if module == VDSO_MODULE {
                vdso.push(i);
                continue;
            }
            let same = |g: &NormalizedFrame| g.build_id == f.build_id && g.root == f.root;
            match groups.iter_mut().find(|(g, _)| same(g)) {
                Some((_, idxs)) => idxs.push(i),
                None => groups.push((f, vec![i])),
            }
        }

        for (first, idxs) in groups {
            self.refusal = None;
            let Some(key) = self.find_module(first) else {
                log::debug!(
                    "no readable file for {:?} (build id {:?}): {} frame(s) stay unnamed",
                    first.module,
                    first.build_id,
                    idxs.len()
                );
                if let Some(why) = self.refusal.take() {
                    for &i in &idxs {
                        out[i].unreadable = Some(why.clone());
                    }
                }
                continue;
            };
            let lookups: Vec<u64> = idxs
                .iter()
                .map(|&i| self.lookup_offset(frames[i].offset.unwrap_or_default()))
                .collect();
            let found = self.symbolize_in_module(key, &lookups);
            let malformed = self.refusal.take();
            for ((&i, &lookup), found) in idxs.iter().zip(&lookups).zip(found) {
                if let Some(found) = found {
                    let raw = frames[i].offset.unwrap_or_default();
                    apply(&mut out[i], found, raw - lookup);
                } else if let Some(why) = &malformed {
                    out[i].unreadable = Some(why.clone());
                }
            }
        }

        if !vdso.is_empty() {
            self.symbolize_vdso(frames, &vdso, &mut out);
        }
        out
    }

    /// The offset actually looked up for a raw `offset`.
    pub(super) fn lookup_offset(&self, offset: u64) -> u64 {
        if self.return_addresses {
            offset.saturating_sub(1)
        } else {
            offset
        }
    }

    /// Name `lookups` (file offsets) in held module `key`: blazesym on the file (DWARF, debug
    /// links, else ELF symbols), then a build-id debug file for what lacks file:line.
    pub(super) fn symbolize_in_module(
        &mut self,
        key: FileKey,
        lookups: &[u64],
    ) -> Vec<Option<Found>> {
        self.clock += 1;
        let clock = self.clock;
        let Some(m) = self.modules.get_mut(&key) else {
            return vec![None; lookups.len()];
        };
        m.last_used = clock;
        if let Some(why) = &m.malformed {
            self.refusal = Some(why.clone());
        }
        let mut found = match symbols_in_file(&self.symbolizer, m, lookups) {
            Ok(found) => found,
            Err(why) => {
                self.refusal = Some(why);
                vec![None; lookups.len()]
            }
        };
        lines_from_debug_file(&self.symbolizer, &self.debug_dirs, m, lookups, &mut found);
        found
    }

    /// Name vDSO frames through our own vDSO (same kernel, same image).
    pub(super) fn symbolize_vdso(
        &mut self,
        frames: &[NormalizedFrame],
        idxs: &[usize],
        out: &mut [Frame],
    ) {
        let own = *self.own_vdso.get_or_insert_with(own_vdso_start);
        let Some(start) = own else {
            return;
        };
        let lookups: Vec<u64> = idxs
            .iter()
            .map(|&i| self.lookup_offset(frames[i].offset.unwrap_or_default()))
            .collect();
        let addrs: Vec<u64> = lookups.iter().map(|l| start + l).collect();
        let Ok(norm) = self.normalizer.normalize_user_addrs(Pid::Slf, &addrs) else {
            return;
        };
        for ((&i, &lookup), &(_, meta)) in idxs.iter().zip(&lookups).zip(&norm.outputs) {
            if let Some(UserMeta::Sym(sym)) = norm.meta.get(meta) {
                let found = Found {
                    name: sym.name.to_string(),
                    offset: sym.offset as u64,
                    file: None,
                    line: None,
                };
                let raw = frames[i].offset.unwrap_or_default();
                apply(&mut out[i], found, raw - lookup);
            }
        }
    }

    /// The held file that names `f`: by build id, else by the root path handed out at
    /// normalization, else by opening `f.root` now (if the process still lives).
    pub(super) fn find_module(&mut self, f: &NormalizedFrame) -> Option<FileKey> {
        if let Some(id) = &f.build_id {
            if let Some(key) = self.by_build_id.get(id) {
                if self.modules.contains_key(key) {
                    return Some(*key);
                }
            }
        }
        let root = f.root.as_ref()?;
        if let Some((key, _)) = self.by_path.get(root) {
            if let Some(m) = self.modules.get(key) {
                if f.build_id.is_none() || m.build_id == f.build_id {
                    return Some(*key);
                }
            }
        }
        let key = self.hold(root, None, false)?;
        let m = self.modules.get(&key)?;
        if f.build_id.is_some() && m.build_id != f.build_id {
            log::debug!(
                "{} is no longer the file the frame was normalized against",
                root.display()
            );
            return None;
        }
        Some(key)
    }
}

/// Keep a stamped map bounded: forget the older half when it grows past [`MAX_PATHS`].
pub(super) fn prune<K, V>(map: &mut HashMap<K, V>, stamp: impl Fn(&V) -> u64) {
    if map.len() <= MAX_PATHS {
        return;
    }
    let mut stamps: Vec<u64> = map.values().map(&stamp).collect();
    stamps.sort_unstable();
    let cutoff = stamps[stamps.len() / 2];
    map.retain(|_, v| stamp(v) >= cutoff);
}

pub(super) fn unknown_frame(address: u64) -> NormalizedFrame {
    NormalizedFrame {
        address,
        module: None,
        offset: None,
        build_id: None,
        root: None,
    }
}

pub(super) fn vdso_info() -> ModuleInfo {
    ModuleInfo {
        module: VDSO_MODULE.to_string(),
        root: None,
        build_id: None,
        key: None,
    }
}

pub(super) fn apply(frame: &mut Frame, found: Found, adjust: u64) {
    frame.symbol = Some(found.name);
    frame.symbol_offset = Some(found.offset + adjust);
    frame.file = found.file;
    frame.line = found.line;
}

pub(super) fn build_symbolizer(debug_dirs: &[PathBuf]) -> Symbolizer {
    Symbolizer::builder()
        .enable_code_info(true)
        .enable_inlined_fns(false)
        .enable_demangling(true)
        .set_debug_dirs(Some(debug_dirs))
        .build()
}

/// One blazesym call on an ELF file, results made owned.
/// A panic inside blazesym (a malformed file it did not expect) is an error like any other.
pub(super) fn run_symbolize(
    symbolizer: &Symbolizer,
    path: &Path,
    debug_syms: bool,
    input: Input<&[u64]>,
) -> Result<Vec<Option<Found>>, String> {
    let mut elf = Elf::new(path);
    elf.debug_syms = debug_syms;
    let src = Source::Elf(elf);
    let results = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        symbolizer.symbolize(&src, input)
    }))
    .map_err(|_| "the ELF parser failed on this file".to_string())?
    .map_err(|err| err.to_string())?;
    Ok(results
        .into_iter()
        .map(|r| match r {
            Symbolized::Sym(sym) => {
                let (file, line) = match &sym.code_info {
                    Some(ci) => (Some(ci.to_path().to_string_lossy().into_owned()), ci.line),
                    None => (None, None),
                };
                Some(Found {
                    name: sym.name.to_string(),
                    offset: sym.offset as u64,
                    file,
                    line,
                })
            }
            _ => None,
        })
        .collect())
}

/// Names `lookups` in held file `m` with blazesym: with DWARF (and debug links) unless that
/// failed on this file before, else ELF symbols only. Err: why the file could not be read.
fn symbols_in_file(
    symbolizer: &Symbolizer,
    m: &mut HeldModule,
    lookups: &[u64],
) -> Result<Vec<Option<Found>>, String> {
    if !m.dwarf_failed {
        match run_symbolize(symbolizer, &m.fd_path, true, Input::FileOffset(lookups)) {
            Ok(found) => return Ok(found),
            Err(err) => {
                // Typically a debug link whose target's checksum does not match (the host
                // has a different build of a container's library at the same path).
                log::debug!(
                    "symbolizing {} with DWARF: {err}; using ELF symbols only",
                    m.fd_path.display()
                );
                m.dwarf_failed = true;
            }
        }
    }
    run_symbolize(symbolizer, &m.fd_path, false, Input::FileOffset(lookups)).map_err(|err| {
        log::debug!("symbolizing {}: {err}", m.fd_path.display());
        format!("not an ELF file ig can read: {err}")
    })
}

/// Fills in, from a detached debug file found by `m`'s build id under `debug_dirs`, the
/// frames of `found` still without file:line (an unnamed one also gets its name).
fn lines_from_debug_file(
    symbolizer: &Symbolizer,
    debug_dirs: &[PathBuf],
    m: &mut HeldModule,
    lookups: &[u64],
    found: &mut [Option<Found>],
) {
    let missing: Vec<usize> = (0..lookups.len())
        .filter(|&j| found[j].as_ref().is_none_or(|f| f.file.is_none()))
        .collect();
    if missing.is_empty() {
        return;
    }
    let debug_file = match &m.debug_file {
        Some(cached) => cached.clone(),
        None => {
            let path = m
                .build_id
                .as_deref()
                .and_then(|id| find_debug_file(debug_dirs, id));
            m.debug_file = Some(path.clone());
            path
        }
    };
    let Some(debug_file) = debug_file else {
        return;
    };
    let (slots, vaddrs): (Vec<usize>, Vec<u64>) = missing
        .iter()
        .filter_map(|&j| file_offset_to_vaddr(&m.loads, lookups[j]).map(|v| (j, v)))
        .unzip();
    if vaddrs.is_empty() {
        return;
    }
    match run_symbolize(symbolizer, &debug_file, true, Input::VirtOffset(&vaddrs)) {
        Ok(better) => {
            for (j, b) in slots.into_iter().zip(better) {
                if let Some(b) = b {
                    let slot = &mut found[j];
                    if slot.is_none() || b.file.is_some() {
                        *slot = Some(b);
                    }
                }
            }
        }
        Err(err) => log::debug!("symbolizing with {}: {err}", debug_file.display()),
    }
}

/// `<dir>/.build-id/xx/yyyy.debug` for a hex build id, if such a file exists.
pub(super) fn find_debug_file(dirs: &[PathBuf], build_id: &str) -> Option<PathBuf> {
    if build_id.len() < 4 || !build_id.is_ascii() {
        return None;
    }
    let (head, tail) = build_id.split_at(2);
    dirs.iter()
        .map(|dir| {
            dir.join(".build-id")
                .join(head)
                .join(format!("{tail}.debug"))
        })
        .find(|p| p.is_file())
}
