//! Phase 1, while the process lives: addresses to (held file, offset) through its maps;
//! the held files (opened through map_files, evicted least recently used), their build ids
//! and PT_LOAD tables.

use super::*;

impl StackSymbolizer {
    /// Normalize `addrs` of live process `pid` (reads /proc/PID/maps via blazesym). The module
    /// path is as the process sees it; the mapped file itself is opened (through
    /// /proc/PID/map_files) and held, so a container's binary is read, not the host's
    /// same-named file, also after the process is gone. Errors for a gone process
    /// ([`SymError::is_process_gone`]).
    pub fn normalize(&mut self, pid: u32, addrs: &[u64]) -> Result<Vec<NormalizedFrame>, SymError> {
        if pid == 0 {
            return Err(SymError::InvalidPid { pid });
        }
        if addrs.is_empty() {
            return Ok(Vec::new());
        }
        let opts = NormalizeOpts {
            map_files: true,
            ..NormalizeOpts::default()
        };
        enum Kind {
            File(PathBuf),
            Vdso,
            Unknown,
        }
        let (outputs, kinds) = {
            let mut result =
                self.normalizer
                    .normalize_user_addrs_opts(Pid::from(pid), addrs, &opts);
            if self.procmap_query {
                if let Err(err) = &result {
                    // A gone process stays gone; anything else (e.g. no VMA at or above the
                    // lowest address, which the ioctl reports like an empty map) gets the
                    // parsing path, whose verdict is authoritative.
                    if err.kind() != blazesym::ErrorKind::NotFound {
                        log::debug!(
                            "PROCMAP_QUERY normalization of pid {pid}: {err}; parsing maps"
                        );
                        result = self.parse_normalizer.normalize_user_addrs_opts(
                            Pid::from(pid),
                            addrs,
                            &opts,
                        );
                    }
                }
            }
            let out = result.map_err(|err| SymError::from_blazesym(pid, err))?;
            let kinds: Vec<Kind> = out
                .meta
                .iter()
                .map(|meta| match meta {
                    UserMeta::Elf(elf) => Kind::File(elf.path.clone()),
                    // blazesym names vDSO addresses right away; we name them later from our
                    // own vDSO (same image), so frames stay plain data.
                    UserMeta::Sym(_) => Kind::Vdso,
                    _ => Kind::Unknown,
                })
                .collect();
            (out.outputs, kinds)
        };
        let infos: Vec<Option<ModuleInfo>> = kinds
            .iter()
            .map(|kind| match kind {
                Kind::File(map_file) => self.register_mapped(pid, map_file),
                Kind::Vdso => Some(vdso_info()),
                Kind::Unknown => None,
            })
            .collect();
        let frames = addrs
            .iter()
            .zip(&outputs)
            .map(|(&address, &(off, idx))| match infos.get(idx) {
                Some(Some(info)) => {
                    self.touch(info.key);
                    NormalizedFrame {
                        address,
                        module: Some(info.module.clone()),
                        offset: Some(off),
                        build_id: info.build_id.clone(),
                        root: info.root.clone(),
                    }
                }
                Some(None) if matches!(kinds.get(idx), Some(Kind::File(_))) => {
                    // File-backed but its path could not be read: keep the offset at least.
                    NormalizedFrame {
                        address,
                        module: None,
                        offset: Some(off),
                        build_id: None,
                        root: None,
                    }
                }
                _ => unknown_frame(address),
            })
            .collect();
        Ok(frames)
    }

    /// Copy the executable mappings of live process `pid` (e.g. at exec or when first seen)
    /// and hold their files open, so a stack of the process can be normalized with
    /// [`Self::normalize_snapshot`] after it died. Later `mmap`/`dlopen`s are not in it.
    #[cfg(test)]
    pub fn snapshot(&mut self, pid: u32) -> Result<MapsSnapshot, SymError> {
        if pid == 0 {
            return Err(SymError::InvalidPid { pid });
        }
        let text = std::fs::read_to_string(format!("/proc/{pid}/maps"))
            .map_err(|err| SymError::Maps { pid, err })?;
        let mut entries = Vec::new();
        for line in text.lines() {
            let Some(m) = parse_maps_line(line) else {
                continue;
            };
            if !m.exec {
                continue;
            }
            let info = if m.path == VDSO_MODULE {
                Some(vdso_info())
            } else if m.path.starts_with('/') {
                let map_file =
                    PathBuf::from(format!("/proc/{pid}/map_files/{:x}-{:x}", m.start, m.end));
                self.register_mapped(pid, &map_file)
            } else {
                None
            };
            entries.push(SnapEntry {
                start: m.start,
                end: m.end,
                offset: m.offset,
                info,
            });
        }
        if entries.is_empty() {
            return Err(SymError::ProcessGone {
                pid,
                err: "its memory map has no executable mappings".to_string(),
            });
        }
        entries.sort_by_key(|e| e.start);
        Ok(MapsSnapshot { pid, entries })
    }

    /// Normalize `addrs` against a [`MapsSnapshot`]; works whether or not the process still
    /// lives. Addresses outside the snapshot's executable mappings come out unknown.
    #[cfg(test)]
    pub fn normalize_snapshot(
        &mut self,
        snap: &MapsSnapshot,
        addrs: &[u64],
    ) -> Vec<NormalizedFrame> {
        addrs
            .iter()
            .map(|&address| {
                let idx = snap.entries.partition_point(|e| e.start <= address);
                let entry = idx
                    .checked_sub(1)
                    .and_then(|i| snap.entries.get(i))
                    .filter(|e| address < e.end);
                match entry {
                    Some(SnapEntry {
                        start,
                        offset,
                        info: Some(info),
                        ..
                    }) => {
                        self.touch(info.key);
                        NormalizedFrame {
                            address,
                            module: Some(info.module.clone()),
                            offset: Some(address - start + offset),
                            build_id: info.build_id.clone(),
                            root: info.root.clone(),
                        }
                    }
                    _ => unknown_frame(address),
                }
            })
            .collect()
    }

    /// Resolve one mapping's `/proc/PID/map_files/<range>` link: the path as the process sees
    /// it, a `root` path, and the held file. Repeated stacks of a process cost one `stat`.
    pub(super) fn register_mapped(&mut self, pid: u32, map_file: &Path) -> Option<ModuleInfo> {
        self.clock += 1;
        let clock = self.clock;
        let key = std::fs::metadata(map_file).ok().map(|m| FileKey::from(&m));
        if let (Some(key), Some((k, info, stamp))) = (key, self.mapped.get_mut(map_file)) {
            if *k == key && self.modules.contains_key(&key) {
                *stamp = clock;
                return Some(info.clone());
            }
        }
        let link = std::fs::read_link(map_file).ok()?;
        let link = link.to_string_lossy();
        let (module, deleted) = match link.strip_suffix(" (deleted)") {
            Some(m) => (m.to_string(), true),
            None => (link.into_owned(), false),
        };
        let via_root = PathBuf::from(format!("/proc/{pid}/root{module}"));
        let root_is_mapped = !deleted
            && key.is_some()
            && safe_open::metadata(&via_root)
                .ok()
                .map(|m| FileKey::from(&m))
                == key;
        let root = if root_is_mapped {
            via_root
        } else {
            map_file.to_path_buf()
        };
        // A host process's debug links name host files anyway; a container's could name any.
        let trusted = crate::host::mntns_of(pid)
            .ok()
            .is_some_and(|ns| crate::host::mntns_of(std::process::id()).ok() == Some(ns));
        let held = self.hold(map_file, key, trusted);
        let build_id = held
            .and_then(|k| self.modules.get(&k))
            .and_then(|m| m.build_id.clone());
        let info = ModuleInfo {
            module,
            root: Some(root.clone()),
            build_id,
            key: held,
        };
        if let Some(k) = held {
            let _ = self.by_path.insert(root, (k, clock));
            let _ = self
                .mapped
                .insert(map_file.to_path_buf(), (k, info.clone(), clock));
            prune(&mut self.by_path, |(_, s)| *s);
            prune(&mut self.mapped, |(_, _, s)| *s);
        }
        Some(info)
    }

    /// Open `path` and hold it (or find it held already); returns its key. `known` is the
    /// path's key if the caller already stat'ed it. `trusted`: a file of a host process, whose
    /// debug links blazesym may follow.
    pub(super) fn hold(
        &mut self,
        path: &Path,
        known: Option<FileKey>,
        trusted: bool,
    ) -> Option<FileKey> {
        self.clock += 1;
        let clock = self.clock;
        let key = known.or_else(|| safe_open::metadata(path).ok().map(|m| FileKey::from(&m)));
        if let Some(key) = key {
            if let Some(m) = self.modules.get_mut(&key) {
                m.last_used = clock;
                return Some(key);
            }
        }
        let file = match safe_open::open(path, safe_open::MAX_FILE_SIZE) {
            Ok(file) => file,
            Err(err) => {
                self.refused(&err);
                return None;
            }
        };
        let key = FileKey::from(&file.metadata().ok()?);
        if let Some(m) = self.modules.get_mut(&key) {
            m.last_used = clock;
            return Some(key);
        }
        let fd_path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        let build_id = std::panic::catch_unwind(|| blazesym::helper::read_elf_build_id(&fd_path))
            .ok()
            .and_then(Result::ok)
            .flatten()
            .map(hex::encode);
        let loads = read_loads(&file);
        let malformed = loads.is_none().then(|| {
            "not an ELF file ig can read (no valid ELF header or program headers)".to_string()
        });
        let loads = loads.unwrap_or_default();
        // blazesym follows a debug link (and altlink, .debug_sup) by name, also next to the
        // file as the host sees its path: a container could point that at any host file.
        // A container's such files are read with their own symbols and ig's build-id lookup
        // only.
        let links_elsewhere = !trusted && has_debug_links(&file);
        while self.modules.len() >= self.max_modules {
            self.evict_lru();
        }
        if let Some(id) = &build_id {
            let _ = self.by_build_id.insert(id.clone(), key);
        }
        let _ = self.modules.insert(
            key,
            HeldModule {
                _file: file,
                fd_path,
                build_id,
                loads,
                debug_file: None,
                dwarf_failed: links_elsewhere,
                #[cfg(test)]
                links_elsewhere,
                malformed,
                last_used: clock,
            },
        );
        Some(key)
    }

    /// Remembers why a file was not opened and says so on stderr, once per file (a missing
    /// file, or a process that exited while it was read, is ordinary and only remembered).
    fn refused(&mut self, err: &SafeOpenError) {
        let why = err.to_string();
        self.refusal = Some(why.clone());
        if err.is_not_found()
            || err.is_process_gone()
            || matches!(err, SafeOpenError::NoOpenat2 { .. })
        {
            log::debug!("not symbolizing {why}");
            return;
        }
        if self.reported.len() < MAX_REPORTED && self.reported.insert(why.clone()) {
            log::warn!("not symbolizing {why}");
            if self.reported.len() == MAX_REPORTED {
                log::warn!("further files ig does not read are not reported (see -vv)");
            }
        } else {
            log::debug!("not symbolizing {why}");
        }
    }

    pub(super) fn touch(&mut self, key: Option<FileKey>) {
        self.clock += 1;
        if let Some(m) = key.and_then(|k| self.modules.get_mut(&k)) {
            m.last_used = self.clock;
        }
    }

    /// Close the least recently used held file and drop everything cached for it.
    pub(super) fn evict_lru(&mut self) {
        let Some(key) = self
            .modules
            .iter()
            .min_by_key(|(_, m)| m.last_used)
            .map(|(k, _)| *k)
        else {
            return;
        };
        let Some(m) = self.modules.remove(&key) else {
            return;
        };
        // Evict before the descriptor closes: the number may be reused for another file.
        let _ = self
            .symbolizer
            .evict(&Evict::Elf(evict::Elf::new(m.fd_path.clone())));
        // The build-id debug file, whether we or blazesym's debug link resolution opened it.
        let debug_file = match &m.debug_file {
            Some(known) => known.clone(),
            None => m
                .build_id
                .as_deref()
                .and_then(|id| find_debug_file(&self.debug_dirs, id)),
        };
        if let Some(debug_file) = debug_file {
            let _ = self
                .symbolizer
                .evict(&Evict::Elf(evict::Elf::new(debug_file)));
        }
        self.by_path.retain(|_, (k, _)| *k != key);
        self.mapped.retain(|_, (k, _, _)| *k != key);
        self.by_build_id.retain(|_, k| *k != key);
        log::debug!("closed {} (build id {:?})", m.fd_path.display(), m.build_id);
    }
}

/// Whether an ELF file names other files to read its debug information from
/// (`.gnu_debuglink`, `.gnu_debugaltlink`, `.debug_sup`). Unparsable files count as linking.
fn has_debug_links(file: &File) -> bool {
    use object::{Object, ObjectSection};
    let cache = object::ReadCache::new(file);
    let Ok(elf) = object::File::parse(&cache) else {
        return true;
    };
    let linked = elf.sections().any(|s| {
        matches!(
            s.name(),
            Ok(".gnu_debuglink" | ".gnu_debugaltlink" | ".debug_sup")
        )
    });
    linked
}

/// The `PT_LOAD` segments of a little-endian ELF file (32- or 64-bit).
pub(super) fn read_loads(file: &File) -> Option<Vec<Load>> {
    let mut ehdr = [0u8; 64];
    file.read_exact_at(&mut ehdr, 0).ok()?;
    if ehdr[..4] != *b"\x7fELF" || ehdr[5] != 1 {
        return None;
    }
    let u16_at = |b: &[u8], o: usize| -> Option<u64> {
        Some(u64::from(u16::from_le_bytes(
            b.get(o..o + 2)?.try_into().ok()?,
        )))
    };
    let u32_at = |b: &[u8], o: usize| -> Option<u64> {
        Some(u64::from(u32::from_le_bytes(
            b.get(o..o + 4)?.try_into().ok()?,
        )))
    };
    let u64_at = |b: &[u8], o: usize| -> Option<u64> {
        Some(u64::from_le_bytes(b.get(o..o + 8)?.try_into().ok()?))
    };
    let is64 = match ehdr[4] {
        1 => false,
        2 => true,
        _ => return None,
    };
    let (phoff, phentsize, phnum) = if is64 {
        (
            u64_at(&ehdr, 0x20)?,
            u16_at(&ehdr, 0x36)?,
            u16_at(&ehdr, 0x38)?,
        )
    } else {
        (
            u32_at(&ehdr, 0x1c)?,
            u16_at(&ehdr, 0x2a)?,
            u16_at(&ehdr, 0x2c)?,
        )
    };
    let min = if is64 { 56 } else { 32 };
    if phentsize < min || phnum == 0 || phnum > 4096 {
        return None;
    }
    let mut table = vec![0u8; usize::try_from(phentsize * phnum).ok()?];
    file.read_exact_at(&mut table, phoff).ok()?;
    let mut loads = Vec::new();
    for ph in table.chunks_exact(usize::try_from(phentsize).ok()?) {
        const PT_LOAD: u64 = 1;
        if u32_at(ph, 0)? != PT_LOAD {
            continue;
        }
        let load = if is64 {
            Load {
                offset: u64_at(ph, 8)?,
                vaddr: u64_at(ph, 16)?,
                filesz: u64_at(ph, 32)?,
            }
        } else {
            Load {
                offset: u32_at(ph, 4)?,
                vaddr: u32_at(ph, 8)?,
                filesz: u32_at(ph, 16)?,
            }
        };
        loads.push(load);
    }
    Some(loads)
}

/// Virtual address (as in the ELF/debug file) of a file offset.
pub(super) fn file_offset_to_vaddr(loads: &[Load], offset: u64) -> Option<u64> {
    loads
        .iter()
        .find(|l| offset >= l.offset && offset - l.offset < l.filesz)
        .map(|l| offset - l.offset + l.vaddr)
}

/// Start of this process' vDSO, from /proc/self/maps.
pub(super) fn own_vdso_start() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/maps").ok()?;
    text.lines()
        .filter_map(parse_maps_line)
        .find(|m| m.path == VDSO_MODULE)
        .map(|m| m.start)
}

/// One parsed /proc/PID/maps line.
#[cfg_attr(
    not(test),
    expect(
        dead_code,
        reason = "end, exec and offset are read by the snapshot, which only tests use"
    )
)]
pub(crate) struct MapsLine<'a> {
    pub(crate) start: u64,
    pub(crate) end: u64,
    pub(crate) exec: bool,
    pub(crate) offset: u64,
    pub(crate) path: &'a str,
}

/// "start-end perms offset dev inode   path" (path may be empty or contain spaces).
pub(crate) fn parse_maps_line(line: &str) -> Option<MapsLine<'_>> {
    let mut rest = line;
    let mut field = || -> Option<&str> {
        let trimmed = rest.trim_start();
        let end = trimmed.find(' ').unwrap_or(trimmed.len());
        let (f, r) = trimmed.split_at(end);
        rest = r;
        (!f.is_empty()).then_some(f)
    };
    let range = field()?;
    let perms = field()?;
    let offset = field()?;
    let _dev = field()?;
    let _inode = field()?;
    let path = rest.trim_start();
    let (start, end) = range.split_once('-')?;
    Some(MapsLine {
        start: u64::from_str_radix(start, 16).ok()?,
        end: u64::from_str_radix(end, 16).ok()?,
        exec: perms.as_bytes().get(2) == Some(&b'x'),
        offset: u64::from_str_radix(offset, 16).ok()?,
        path: path.strip_suffix(" (deleted)").unwrap_or(path),
    })
}
