//! User-stack symbolization (blazesym): normalize addresses while the process lives, name them later.
//!
//! A stack from `bpf_get_stack(BPF_F_USER_STACK)` is a list of raw user addresses. Naming them
//! takes two phases, because a process killed by seccomp is gone by the time we get to name
//! its frames:
//!
//! 1. [`StackSymbolizer::normalize`] (process alive): blazesym turns each address into *(mapped
//!    file, file offset)* using `/proc/PID/maps`. The file is identified through
//!    `/proc/PID/map_files/<range>`, i.e. the very inode the process mapped — the container's
//!    `/bin/busybox`, not the host's same-named file — and is **opened and held** here, keyed by
//!    (device, inode, size, mtime), together with its GNU build id and `PT_LOAD` table. The
//!    alternative [`StackSymbolizer::snapshot`] + [`StackSymbolizer::normalize_snapshot`] does
//!    the same from a copy of the maps taken earlier (e.g. at exec), for processes that are
//!    already dead when their event is read.
//! 2. [`StackSymbolizer::symbolize`] (any time later): each frame is named from the held file
//!    (through `/proc/self/fd/N`, so it works after the process and even its container are
//!    gone), else from the path in [`NormalizedFrame::root`], with one long-lived blazesym
//!    `Symbolizer`: `.symtab`, else `.dynsym`, DWARF file:line where present, debug links, and
//!    a detached debug file found by build id (`/usr/lib/debug/.build-id/xx/yyyy.debug`).
//!    Frames that cannot be named keep module + offset; frames are never dropped.
//!
//! Addresses are looked up as *return addresses* by default (offset − 1, see
//! [`StackSymbolizer::set_return_addresses`]): every entry of a BPF user stack is either a
//! return address or the instruction after `syscall`, and looking up the byte before keeps a
//! call that ends a function (e.g. a call to a `noreturn` function) in its caller.
//!
//! Held files are bounded (least recently used ones are closed, see
//! [`StackSymbolizer::with_capacity`]); the blazesym data cached for them is evicted with them.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs::{File, Metadata};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::{Path, PathBuf};

use blazesym::normalize::{NormalizeOpts, Normalizer, UserMeta};
use blazesym::symbolize::evict::{self, Evict};
use blazesym::symbolize::source::{Elf, Source};
use blazesym::symbolize::{Input, Symbolized, Symbolizer};
use blazesym::Pid;

use crate::safe_open::{self, SafeOpenError};

/// The module name given to frames inside the vDSO.
pub const VDSO_MODULE: &str = "[vdso]";

/// Default number of mapped files held open (see [`StackSymbolizer::with_capacity`]). Each costs
/// up to three file descriptors: ours, blazesym's, and a debug file's.
pub const DEFAULT_MAX_MODULES: usize = 128;

/// Default directories searched for debug files (`.build-id/xx/yyyy.debug`, debug links): the
/// host's.
pub const DEFAULT_DEBUG_DIRS: [&str; 2] = ["/usr/lib/debug", "/lib/debug"];

/// Upper bound of remembered "root path → held file" and "map_files link → module"
/// associations (one per process and module each).
const MAX_PATHS: usize = 4096;

/// Distinct unreadable files reported on stderr; the rest only with `-vv`.
const MAX_REPORTED: usize = 32;

/// One frame after normalization: which file and where in it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct NormalizedFrame {
    /// The raw user address.
    pub address: u64,
    /// Path of the mapped file as the process sees it (e.g. `/usr/lib/x86_64-linux-gnu/libc.so.6`,
    /// `/bin/busybox`), or `[vdso]`; None for anonymous/JIT/unknown.
    pub module: Option<String>,
    /// File offset of the address in that module (offset in the image for `[vdso]`).
    pub offset: Option<u64>,
    /// Hex GNU build id where the ELF has one.
    pub build_id: Option<String>,
    /// Where to read the module from later: `/proc/PID/root` + module when that path names the
    /// mapped file, else `/proc/PID/map_files/<range>` (deleted or replaced files); None if
    /// unreadable. Only valid while the process lives: afterwards the symbolizer uses the copy
    /// of the file it holds open.
    pub root: Option<PathBuf>,
}

/// A symbolized frame.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Frame {
    /// Position in the stack (0 = innermost).
    pub index: usize,
    /// The raw user address.
    pub address: u64,
    /// See [`NormalizedFrame::module`].
    pub module: Option<String>,
    /// See [`NormalizedFrame::offset`].
    pub offset: Option<u64>,
    /// Function name (demangled), None if it could not be named.
    pub symbol: Option<String>,
    /// Offset of `address` from the start of `symbol`.
    pub symbol_offset: Option<u64>,
    /// Source file (DWARF), where known.
    pub file: Option<String>,
    /// Source line (DWARF), where known.
    pub line: Option<u32>,
    /// Why the frame's file was not read or not understood (a FIFO, a device, a file too large,
    /// a path leaving the container, a malformed ELF), when that is why it has no name.
    pub unreadable: Option<String>,
}

/// Errors of [`StackSymbolizer`].
#[derive(Debug, thiserror::Error)]
pub enum SymError {
    /// PID 0 would make blazesym look at our own process.
    #[error("normalizing stack of pid {pid}: not a user process id")]
    InvalidPid {
        /// The PID asked for.
        pid: u32,
    },
    /// The process (or its memory map) is gone: exited, or a zombie.
    #[error("normalizing stack of pid {pid}: process exited ({err})")]
    ProcessGone {
        /// The PID asked for.
        pid: u32,
        /// What reading its memory map reported.
        err: String,
    },
    /// Any other blazesym failure while normalizing.
    #[error("normalizing stack of pid {pid}: {err}")]
    Normalize {
        /// The PID asked for.
        pid: u32,
        /// The blazesym error.
        err: blazesym::Error,
    },
    /// Reading `/proc/PID/maps` for a snapshot failed.
    #[error("reading memory map of pid {pid}: {err}")]
    Maps {
        /// The PID asked for.
        pid: u32,
        /// The I/O error.
        err: std::io::Error,
    },
}

impl SymError {
    /// Whether the error means the process exited before its stack could be resolved (the
    /// caller reports "stack unavailable: process exited before its stack could be resolved").
    pub fn is_process_gone(&self) -> bool {
        match self {
            Self::ProcessGone { .. } => true,
            Self::Maps { err, .. } => {
                // ESRCH: the process is exiting while its maps are read.
                const ESRCH: i32 = 3;
                err.kind() == std::io::ErrorKind::NotFound || err.raw_os_error() == Some(ESRCH)
            }
            _ => false,
        }
    }

    fn from_blazesym(pid: u32, err: blazesym::Error) -> Self {
        use blazesym::ErrorKind;
        match err.kind() {
            // NotFound: /proc/PID is gone. UnexpectedEof: "proc maps does not contain relevant
            // entries", i.e. a zombie whose address space was already torn down.
            ErrorKind::NotFound | ErrorKind::UnexpectedEof => Self::ProcessGone {
                pid,
                err: err.to_string(),
            },
            _ => Self::Normalize { pid, err },
        }
    }
}

/// Identity of a file's contents: what blazesym's own file cache keys on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct FileKey {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: i64,
    mtime_nsec: i64,
}

impl From<&Metadata> for FileKey {
    fn from(m: &Metadata) -> Self {
        Self {
            dev: m.dev(),
            ino: m.ino(),
            size: m.size(),
            mtime: m.mtime(),
            mtime_nsec: m.mtime_nsec(),
        }
    }
}

/// A loadable segment: file range `[offset, offset + filesz)` is mapped at `vaddr`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Load {
    offset: u64,
    filesz: u64,
    vaddr: u64,
}

/// A mapped file we hold open so it can be read after its process is gone.
#[derive(Debug)]
struct HeldModule {
    /// Keeps `fd_path` valid.
    _file: File,
    /// "/proc/self/fd/N": the path blazesym opens.
    fd_path: PathBuf,
    build_id: Option<String>,
    loads: Vec<Load>,
    /// Lazily looked up `.build-id` debug file (outer None = not looked up yet).
    debug_file: Option<Option<PathBuf>>,
    /// Use ELF symbols only: blazesym failed with DWARF enabled (e.g. a debug link pointing at
    /// a mismatching file), or the file names debug files elsewhere (see `has_debug_links`).
    dwarf_failed: bool,
    /// The file names debug files elsewhere: never read with DWARF through blazesym.
    links_elsewhere: bool,
    /// Why the file is not an ELF ig understands, said by its frames that stay unnamed.
    malformed: Option<String>,
    last_used: u64,
}

/// What one normalized mapping resolved to.
#[derive(Clone, Debug)]
struct ModuleInfo {
    module: String,
    root: Option<PathBuf>,
    build_id: Option<String>,
    key: Option<FileKey>,
}

/// One executable mapping of a [`MapsSnapshot`].
#[derive(Clone, Debug)]
struct SnapEntry {
    start: u64,
    end: u64,
    offset: u64,
    /// None for anonymous mappings; `[vdso]` for the vDSO.
    info: Option<ModuleInfo>,
}

/// A copy of a process' executable mappings, taken while it lived (see
/// [`StackSymbolizer::snapshot`]); the mapped files are held open by the symbolizer.
#[derive(Clone, Debug)]
pub struct MapsSnapshot {
    pid: u32,
    entries: Vec<SnapEntry>,
}

impl MapsSnapshot {
    /// The process the snapshot was taken of.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Number of executable mappings recorded.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no executable mapping was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// A frame's name as found by blazesym, owned.
#[derive(Clone, Debug, Default)]
struct Found {
    name: String,
    /// Offset of the *looked-up* address from the symbol start.
    offset: u64,
    file: Option<String>,
    line: Option<u32>,
}

/// Symbolizes user stacks; owns one long-lived blazesym `Symbolizer` (+ `Normalizer`) and
/// the mapped files seen so far. Not `Sync`: use it from one thread at a time.
pub struct StackSymbolizer {
    symbolizer: Symbolizer,
    /// Uses the PROCMAP_QUERY ioctl (Linux 6.11+) where available: one ioctl per address
    /// instead of formatting and parsing all of /proc/PID/maps.
    normalizer: Normalizer,
    /// Parses /proc/PID/maps; used when the ioctl is unsupported or failed.
    parse_normalizer: Normalizer,
    /// Whether `normalizer` uses the ioctl.
    procmap_query: bool,
    modules: HashMap<FileKey, HeldModule>,
    /// `NormalizedFrame::root` paths handed out → the held file (stamped for pruning).
    by_path: HashMap<PathBuf, (FileKey, u64)>,
    /// `/proc/PID/map_files/<range>` → what it resolved to, valid while the link's target
    /// has the same [`FileKey`] (stamped for pruning).
    mapped: HashMap<PathBuf, (FileKey, ModuleInfo, u64)>,
    by_build_id: HashMap<String, FileKey>,
    max_modules: usize,
    clock: u64,
    return_addresses: bool,
    /// Start of our own vDSO (the same image as any 64-bit process on this kernel).
    own_vdso: Option<Option<u64>>,
    /// Where debug files are looked for.
    debug_dirs: Vec<PathBuf>,
    /// Why the last file asked for was not read (for the frames that needed it).
    refusal: Option<String>,
    /// Refusals already reported on stderr (bounded, see [`MAX_REPORTED`]).
    reported: std::collections::HashSet<String>,
}

// SAFETY: blazesym's `Symbolizer` and `Normalizer` are `!Send` only because they use `Rc`,
// `Cell` and `RefCell` internally. Every `Rc` they create stays inside them (this type never
// calls `register_elf_resolver` and converts all results into owned data before returning), and
// blazesym 0.2.7 (pinned `=0.2.7`) has no thread-locals or globals referring to them, so moving
// the whole `StackSymbolizer` to another thread moves every reference count along with it. The
// type stays `!Sync`, so it is never used from two threads at once.
unsafe impl Send for StackSymbolizer {}

impl Default for StackSymbolizer {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for StackSymbolizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StackSymbolizer")
            .field("modules", &self.modules.len())
            .field("paths", &self.by_path.len())
            .field("procmap_query", &self.procmap_query)
            .field("max_modules", &self.max_modules)
            .field("return_addresses", &self.return_addresses)
            .finish_non_exhaustive()
    }
}

impl StackSymbolizer {
    /// A symbolizer holding at most [`DEFAULT_MAX_MODULES`] files open.
    pub fn new() -> Self {
        Self::with_capacity(DEFAULT_MAX_MODULES)
    }

    /// A symbolizer holding at most `max_modules` (at least 1) mapped files open; the least
    /// recently used one is closed (and its blazesym data evicted) beyond that. A frame whose
    /// file was closed can still be named while its `root` path is readable. Each held file
    /// costs up to three descriptors (ours, blazesym's, a debug file's).
    pub fn with_capacity(max_modules: usize) -> Self {
        let debug_dirs: Vec<PathBuf> = DEFAULT_DEBUG_DIRS.iter().map(PathBuf::from).collect();
        let symbolizer = build_symbolizer(&debug_dirs);
        // Build ids are read by us, from the mapped inode: blazesym would read them from the
        // maps path, which on the host may be a different file than the container's.
        let procmap_query = blazesym::helper::is_procmap_query_supported().unwrap_or(false);
        let normalizer = Normalizer::builder()
            .enable_build_ids(false)
            .enable_procmap_query(procmap_query)
            .build();
        let parse_normalizer = Normalizer::builder().enable_build_ids(false).build();
        Self {
            symbolizer,
            normalizer,
            parse_normalizer,
            procmap_query,
            modules: HashMap::new(),
            by_path: HashMap::new(),
            mapped: HashMap::new(),
            by_build_id: HashMap::new(),
            max_modules: max_modules.max(1),
            clock: 0,
            return_addresses: true,
            own_vdso: None,
            debug_dirs,
            refusal: None,
            reported: std::collections::HashSet::new(),
        }
    }

    /// Whether addresses are looked up as return addresses (offset − 1; default true) or as
    /// exact instruction addresses (e.g. a function's own address). `Frame::address`/`offset`
    /// always report the raw value and `symbol_offset` is relative to it.
    pub fn set_return_addresses(&mut self, on: bool) {
        self.return_addresses = on;
    }

    /// Search `dirs` (in order) instead of [`DEFAULT_DEBUG_DIRS`] for debug files: by build id
    /// (`<dir>/.build-id/xx/yyyy.debug`) and for debug links. Restarts blazesym's caches.
    pub fn set_debug_dirs(&mut self, dirs: Vec<PathBuf>) {
        self.symbolizer = build_symbolizer(&dirs);
        self.debug_dirs = dirs;
        for m in self.modules.values_mut() {
            m.debug_file = None;
            m.dwarf_failed = m.links_elsewhere;
        }
    }

    /// Number of mapped files currently held open.
    pub fn held_modules(&self) -> usize {
        self.modules.len()
    }

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
    fn lookup_offset(&self, offset: u64) -> u64 {
        if self.return_addresses {
            offset.saturating_sub(1)
        } else {
            offset
        }
    }

    /// Name `lookups` (file offsets) in held module `key`: blazesym on the file (DWARF, debug
    /// links, else ELF symbols), then a build-id debug file for what lacks file:line.
    fn symbolize_in_module(&mut self, key: FileKey, lookups: &[u64]) -> Vec<Option<Found>> {
        self.clock += 1;
        let clock = self.clock;
        let Some(m) = self.modules.get_mut(&key) else {
            return vec![None; lookups.len()];
        };
        m.last_used = clock;
        let fd_path = m.fd_path.clone();
        if let Some(why) = &m.malformed {
            self.refusal = Some(why.clone());
        }

        let mut found = if m.dwarf_failed {
            None
        } else {
            match run_symbolize(&self.symbolizer, &fd_path, true, Input::FileOffset(lookups)) {
                Ok(found) => Some(found),
                Err(err) => {
                    // Typically a debug link whose target's checksum does not match (the host
                    // has a different build of a container's library at the same path).
                    log::debug!(
                        "symbolizing {} with DWARF: {err}; using ELF symbols only",
                        fd_path.display()
                    );
                    m.dwarf_failed = true;
                    None
                }
            }
        };
        if found.is_none() {
            found = match run_symbolize(
                &self.symbolizer,
                &fd_path,
                false,
                Input::FileOffset(lookups),
            ) {
                Ok(found) => Some(found),
                Err(err) => {
                    log::debug!("symbolizing {}: {err}", fd_path.display());
                    self.refusal = Some(format!("not an ELF file ig can read: {err}"));
                    None
                }
            };
        }
        let mut found = found.unwrap_or_else(|| vec![None; lookups.len()]);

        // A detached debug file by build id, for frames still without file:line.
        let missing: Vec<usize> = (0..lookups.len())
            .filter(|&j| found[j].as_ref().is_none_or(|f| f.file.is_none()))
            .collect();
        if missing.is_empty() {
            return found;
        }
        let debug_file = match &m.debug_file {
            Some(cached) => cached.clone(),
            None => {
                let path = m
                    .build_id
                    .as_deref()
                    .and_then(|id| find_debug_file(&self.debug_dirs, id));
                m.debug_file = Some(path.clone());
                path
            }
        };
        let Some(debug_file) = debug_file else {
            return found;
        };
        let (slots, vaddrs): (Vec<usize>, Vec<u64>) = missing
            .iter()
            .filter_map(|&j| file_offset_to_vaddr(&m.loads, lookups[j]).map(|v| (j, v)))
            .unzip();
        if vaddrs.is_empty() {
            return found;
        }
        match run_symbolize(
            &self.symbolizer,
            &debug_file,
            true,
            Input::VirtOffset(&vaddrs),
        ) {
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
        found
    }

    /// Name vDSO frames through our own vDSO (same kernel, same image).
    fn symbolize_vdso(&mut self, frames: &[NormalizedFrame], idxs: &[usize], out: &mut [Frame]) {
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
    fn find_module(&mut self, f: &NormalizedFrame) -> Option<FileKey> {
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

    /// Resolve one mapping's `/proc/PID/map_files/<range>` link: the path as the process sees
    /// it, a `root` path, and the held file. Repeated stacks of a process cost one `stat`.
    fn register_mapped(&mut self, pid: u32, map_file: &Path) -> Option<ModuleInfo> {
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
    fn hold(&mut self, path: &Path, known: Option<FileKey>, trusted: bool) -> Option<FileKey> {
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
                links_elsewhere,
                malformed,
                last_used: clock,
            },
        );
        Some(key)
    }

    /// Remembers why a file was not opened and says so on stderr, once per file (a missing
    /// file is ordinary and only remembered).
    fn refused(&mut self, err: &SafeOpenError) {
        let why = err.to_string();
        self.refusal = Some(why.clone());
        if err.is_not_found() || matches!(err, SafeOpenError::NoOpenat2 { .. }) {
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

    fn touch(&mut self, key: Option<FileKey>) {
        self.clock += 1;
        if let Some(m) = key.and_then(|k| self.modules.get_mut(&k)) {
            m.last_used = self.clock;
        }
    }

    /// Close the least recently used held file and drop everything cached for it.
    fn evict_lru(&mut self) {
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

/// IG's display strings: addresses `"[0]0x000000000040332e; [1]0x...; "` and symbols
/// `"[0]main.level3; [1]...; "` — one entry per frame, each followed by `"; "`. An unnamed
/// frame shows `module+0xOFFSET` (basename of module) in symbols, or `[unknown]` without a
/// module.
pub fn ig_strings(frames: &[Frame]) -> (String, String) {
    let mut addrs = String::new();
    let mut syms = String::new();
    for f in frames {
        let _ = write!(addrs, "[{}]0x{:016x}; ", f.index, f.address);
        match (&f.symbol, &f.module, f.offset) {
            (Some(name), _, _) => {
                let _ = write!(syms, "[{}]{name}; ", f.index);
            }
            (None, Some(module), Some(offset)) => {
                let base = Path::new(module)
                    .file_name()
                    .map(|b| b.to_string_lossy())
                    .unwrap_or_else(|| module.as_str().into());
                let _ = write!(syms, "[{}]{base}+0x{offset:x}; ", f.index);
            }
            _ => {
                let _ = write!(syms, "[{}][unknown]; ", f.index);
            }
        }
    }
    (addrs, syms)
}

/// Keep a stamped map bounded: forget the older half when it grows past [`MAX_PATHS`].
fn prune<K, V>(map: &mut HashMap<K, V>, stamp: impl Fn(&V) -> u64) {
    if map.len() <= MAX_PATHS {
        return;
    }
    let mut stamps: Vec<u64> = map.values().map(&stamp).collect();
    stamps.sort_unstable();
    let cutoff = stamps[stamps.len() / 2];
    map.retain(|_, v| stamp(v) >= cutoff);
}

fn unknown_frame(address: u64) -> NormalizedFrame {
    NormalizedFrame {
        address,
        module: None,
        offset: None,
        build_id: None,
        root: None,
    }
}

fn vdso_info() -> ModuleInfo {
    ModuleInfo {
        module: VDSO_MODULE.to_string(),
        root: None,
        build_id: None,
        key: None,
    }
}

fn apply(frame: &mut Frame, found: Found, adjust: u64) {
    frame.symbol = Some(found.name);
    frame.symbol_offset = Some(found.offset + adjust);
    frame.file = found.file;
    frame.line = found.line;
}

fn build_symbolizer(debug_dirs: &[PathBuf]) -> Symbolizer {
    Symbolizer::builder()
        .enable_code_info(true)
        .enable_inlined_fns(false)
        .enable_demangling(true)
        .set_debug_dirs(Some(debug_dirs))
        .build()
}

/// One blazesym call on an ELF file, results made owned.
/// A panic inside blazesym (a malformed file it did not expect) is an error like any other.
fn run_symbolize(
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

/// `<dir>/.build-id/xx/yyyy.debug` for a hex build id, if such a file exists.
fn find_debug_file(dirs: &[PathBuf], build_id: &str) -> Option<PathBuf> {
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
fn read_loads(file: &File) -> Option<Vec<Load>> {
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
fn file_offset_to_vaddr(loads: &[Load], offset: u64) -> Option<u64> {
    loads
        .iter()
        .find(|l| offset >= l.offset && offset - l.offset < l.filesz)
        .map(|l| offset - l.offset + l.vaddr)
}

/// Start of this process' vDSO, from /proc/self/maps.
fn own_vdso_start() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/maps").ok()?;
    text.lines()
        .filter_map(parse_maps_line)
        .find(|m| m.path == VDSO_MODULE)
        .map(|m| m.start)
}

/// One parsed /proc/PID/maps line.
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};
    use std::time::Instant;

    /// The test program: main -> level1 -> level2 -> level3, which prints its own stack
    /// (walking frame pointers) and the address of nanosleep, then sleeps forever.
    const LEVELS_C: &str = r#"
#include <stdio.h>
#include <time.h>

__attribute__((noinline)) static void *here(void) { return __builtin_return_address(0); }

__attribute__((noinline)) void level3(void) {
    void *pcs[8];
    int n = 0;
    pcs[n++] = here();
    void **fp = (void **)__builtin_frame_address(0);
    /* return addresses into level2, level1, main and libc's __libc_start_call_main */
    for (int i = 0; i < 4 && fp; i++) {
        pcs[n++] = fp[1];
        fp = (void **)fp[0];
    }
    printf("FRAMES");
    for (int i = 0; i < n; i++)
        printf(" %p", pcs[i]);
    printf("\nNANOSLEEP %p\nREADY\n", (void *)&nanosleep);
    fflush(stdout);
    struct timespec ts = {1, 0};
    for (;;)
        nanosleep(&ts, NULL);
}

__attribute__((noinline)) void level2(void) { level3(); }
__attribute__((noinline)) void level1(void) { level2(); }
int main(void) { level1(); return 0; }
"#;

    fn require_root() {
        let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
        let euid = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .expect("Uid line");
        assert_eq!(
            euid, "0",
            "these tests must run as root (they read /proc/PID/map_files of other processes and use docker)"
        );
    }

    fn workdir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ig-symtest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create work dir");
        dir
    }

    fn run(cmd: &mut Command) -> String {
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("running {cmd:?}: {e}"));
        assert!(
            out.status.success(),
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Compile the test program into `dir/name` with extra gcc flags.
    fn build(dir: &Path, name: &str, flags: &[&str]) -> PathBuf {
        let src = dir.join("levels.c");
        if !src.exists() {
            std::fs::write(&src, LEVELS_C).expect("write levels.c");
        }
        let bin = dir.join(name);
        run(Command::new("gcc")
            .args(["-O0", "-fno-omit-frame-pointer", "-g"])
            .args(flags)
            .arg("-o")
            .arg(&bin)
            .arg(&src));
        bin
    }

    /// Kills (and reaps) the child when dropped.
    struct Running {
        child: Child,
        frames: Vec<u64>,
        nanosleep: u64,
    }

    impl Drop for Running {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    impl Running {
        fn stop(mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn parse_hex(s: &str) -> u64 {
        u64::from_str_radix(s.trim_start_matches("0x"), 16).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    /// Start `cmd` (the test program, possibly through docker exec) and read what it printed.
    fn start(cmd: &mut Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawning {cmd:?}: {e}"));
        let stdout = child.stdout.take().expect("stdout");
        let mut running = Running {
            child,
            frames: Vec::new(),
            nanosleep: 0,
        };
        for line in BufReader::new(stdout).lines() {
            let line = line.expect("read program output");
            if let Some(rest) = line.strip_prefix("FRAMES ") {
                running.frames = rest.split_whitespace().map(parse_hex).collect();
            } else if let Some(rest) = line.strip_prefix("NANOSLEEP ") {
                running.nanosleep = parse_hex(rest);
            } else if line == "READY" {
                break;
            }
        }
        assert_eq!(running.frames.len(), 5, "program printed no stack");
        running
    }

    /// (function, file, line) from `addr2line -f -e bin vaddr`.
    fn addr2line(bin: &Path, vaddr: u64) -> (String, String, u32) {
        let out = run(Command::new("addr2line")
            .arg("-f")
            .arg("-e")
            .arg(bin)
            .arg(format!("{vaddr:#x}")));
        let mut lines = out.lines();
        let func = lines.next().expect("function line").to_string();
        let loc = lines.next().expect("location line");
        let loc = loc.split(" (discriminator").next().unwrap_or(loc);
        let (file, line) = loc.rsplit_once(':').expect("file:line");
        (func, file.to_string(), line.parse().expect("line number"))
    }

    fn vaddr_of(bin: &Path, offset: u64) -> u64 {
        let loads = read_loads(&File::open(bin).expect("open binary")).expect("program headers");
        file_offset_to_vaddr(&loads, offset).expect("offset in a PT_LOAD")
    }

    fn build_id_of(path: &Path) -> String {
        let out = run(Command::new("readelf").arg("-n").arg(path));
        out.lines()
            .find_map(|l| l.trim().strip_prefix("Build ID: "))
            .expect("build id")
            .trim()
            .to_string()
    }

    fn libc_debug_file_present(frames: &[NormalizedFrame]) -> bool {
        frames
            .iter()
            .find(|f| {
                f.module
                    .as_deref()
                    .is_some_and(|m| m.ends_with("libc.so.6"))
            })
            .and_then(|f| f.build_id.as_deref())
            .and_then(|id| {
                let dirs: Vec<PathBuf> = DEFAULT_DEBUG_DIRS.iter().map(PathBuf::from).collect();
                find_debug_file(&dirs, id)
            })
            .is_some()
    }

    fn symbols(frames: &[Frame]) -> Vec<Option<&str>> {
        frames.iter().map(|f| f.symbol.as_deref()).collect()
    }

    /// Test 1 + 2: a live PIE program, normalized while alive, symbolized after it was killed;
    /// file:line agree with addr2line; the libc frame is named.
    #[test]
    fn levels_pie_and_libc() {
        require_root();
        let dir = workdir("pie");
        let bin = build(&dir, "levels", &[]);
        let prog = start(&mut Command::new(&bin));
        let pid = prog.child.id();
        let frames = prog.frames.clone();
        let nanosleep = prog.nanosleep;

        let mut sym = StackSymbolizer::new();
        let norm = sym.normalize(pid, &frames).expect("normalize");
        prog.stop();

        let bin_str = bin.to_string_lossy().into_owned();
        for f in &norm[..4] {
            assert_eq!(f.module.as_deref(), Some(bin_str.as_str()), "{f:?}");
            assert_eq!(
                f.root,
                Some(PathBuf::from(format!("/proc/{pid}/root{bin_str}"))),
                "{f:?}"
            );
            assert_eq!(f.build_id.as_deref(), Some(build_id_of(&bin).as_str()));
        }
        assert!(
            norm[4]
                .module
                .as_deref()
                .is_some_and(|m| m.ends_with("/libc.so.6")),
            "{:?}",
            norm[4]
        );

        // The process is gone: the held files must still name everything.
        let out = sym.symbolize(&norm);
        assert_eq!(out.len(), frames.len());
        assert_eq!(
            &symbols(&out)[..4],
            &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
            "{out:#?}"
        );
        for (f, n) in out.iter().zip(&norm).take(4) {
            // Return addresses: blazesym looks up offset - 1; so does addr2line here.
            let (func, file, line) = addr2line(&bin, vaddr_of(&bin, n.offset.unwrap_or(0)) - 1);
            assert_eq!(f.symbol.as_deref(), Some(func.as_str()), "{f:?}");
            assert_eq!(f.file.as_deref(), Some(file.as_str()), "{f:?}");
            assert_eq!(f.line, Some(line), "{f:?}");
        }

        // Test 2: the return address into libc.
        let libc = &out[4];
        assert!(libc.symbol.is_some(), "libc frame not named: {libc:?}");
        if libc_debug_file_present(&norm) {
            assert_eq!(
                libc.symbol.as_deref(),
                Some("__libc_start_call_main"),
                "{libc:?}"
            );
            let libc_path = PathBuf::from(norm[4].module.clone().unwrap_or_default());
            let (func, _file, line) = addr2line(
                &libc_path,
                vaddr_of(&libc_path, norm[4].offset.unwrap_or(0)) - 1,
            );
            assert_eq!(libc.symbol.as_deref(), Some(func.as_str()));
            assert_eq!(libc.line, Some(line), "{libc:?}");
            assert!(libc.file.is_some(), "{libc:?}");
        }

        // Test 2: the exact address of nanosleep (not a return address). Its process is
        // gone, so normalize against ourselves (same libc).
        let _ = nanosleep;
        let mut exact = StackSymbolizer::new();
        exact.set_return_addresses(false);
        let own_nanosleep = own_libc_function_addr(&norm[4]);
        let n = exact
            .normalize(std::process::id(), &[own_nanosleep])
            .expect("normalize self");
        let f = exact.symbolize(&n);
        let name = f[0].symbol.clone().unwrap_or_default();
        assert!(name.contains("nanosleep"), "{f:?}");
        assert_eq!(f[0].symbol_offset, Some(0), "{f:?}");

        let (addrs, syms) = ig_strings(&out);
        assert!(
            addrs.starts_with(&format!("[0]0x{:016x}; [1]", frames[0])),
            "{addrs}"
        );
        assert!(
            syms.starts_with("[0]level3; [1]level2; [2]level1; [3]main; [4]"),
            "{syms}"
        );
        println!("{addrs}\n{syms}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Address of `nanosleep` in our own process: the same libc as the test program's, at the
    /// same file offset as in the other process (found through its frame's file).
    fn own_libc_function_addr(libc_frame: &NormalizedFrame) -> u64 {
        // Locate nanosleep's file offset via the symbol table of the libc file, then find where
        // that offset is mapped in our own process.
        let libc = libc_frame.module.clone().expect("libc module");
        let out = run(Command::new("nm")
            .arg("-D")
            .arg("--defined-only")
            .arg(&libc));
        let vaddr = out
            .lines()
            .find_map(|l| {
                let mut it = l.split_whitespace();
                let (a, _t, n) = (it.next()?, it.next()?, it.next()?);
                (n == "nanosleep" || n.starts_with("nanosleep@")).then(|| parse_hex(a))
            })
            .expect("nanosleep in libc's dynamic symbols");
        let loads = read_loads(&File::open(&libc).expect("open libc")).expect("libc phdrs");
        let offset = loads
            .iter()
            .find(|l| vaddr >= l.vaddr && vaddr - l.vaddr < l.filesz)
            .map(|l| vaddr - l.vaddr + l.offset)
            .expect("nanosleep in a PT_LOAD");
        let maps = std::fs::read_to_string("/proc/self/maps").expect("own maps");
        maps.lines()
            .filter_map(parse_maps_line)
            .find(|m| {
                m.exec
                    && m.path == libc
                    && offset >= m.offset
                    && offset - m.offset < m.end - m.start
            })
            .map(|m| m.start + offset - m.offset)
            .expect("libc mapped in the test process")
    }

    /// Test 3: stripped copies keep module+offset; -rdynamic exports are named from .dynsym.
    #[test]
    fn stripped_binaries() {
        require_root();
        let dir = workdir("strip");
        let plain = build(&dir, "levels", &[]);
        let stripped = dir.join("levels.stripped");
        run(Command::new("strip").arg("-o").arg(&stripped).arg(&plain));
        let dynamic = build(&dir, "levels-rdynamic", &["-rdynamic"]);
        let dyn_stripped = dir.join("levels-rdynamic.stripped");
        run(Command::new("strip")
            .arg("-o")
            .arg(&dyn_stripped)
            .arg(&dynamic));

        let mut sym = StackSymbolizer::new();

        let prog = start(&mut Command::new(&stripped));
        let norm = sym
            .normalize(prog.child.id(), &prog.frames)
            .expect("normalize");
        prog.stop();
        let out = sym.symbolize(&norm);
        assert_eq!(out.len(), 5);
        for f in &out[..4] {
            assert_eq!(f.symbol, None, "{f:?}");
            assert!(f.offset.is_some(), "{f:?}");
        }
        assert!(
            out[4].symbol.is_some(),
            "libc frame still named: {:?}",
            out[4]
        );
        let (_, syms) = ig_strings(&out);
        let expect = format!(
            "[0]levels.stripped+0x{:x}; [1]levels.stripped+0x{:x}; ",
            out[0].offset.unwrap_or(0),
            out[1].offset.unwrap_or(0)
        );
        assert!(syms.starts_with(&expect), "{syms}");
        println!("stripped: {syms}");

        let prog = start(&mut Command::new(&dyn_stripped));
        let norm = sym
            .normalize(prog.child.id(), &prog.frames)
            .expect("normalize");
        prog.stop();
        let out = sym.symbolize(&norm);
        assert_eq!(
            &symbols(&out)[..4],
            &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
            "{out:#?}"
        );
        assert!(out[..4].iter().all(|f| f.file.is_none()), "{out:#?}");
        println!("stripped -rdynamic: {}", ig_strings(&out).1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Removes the container when dropped.
    struct Container(String);

    impl Drop for Container {
        fn drop(&mut self) {
            let _ = Command::new("docker").args(["rm", "-f", &self.0]).output();
        }
    }

    fn docker_run(args: &[&str]) -> (Container, u32) {
        let id = run(Command::new("docker")
            .args(["run", "-d", "ig-test-busybox"])
            .args(args))
        .trim()
        .to_string();
        let container = Container(id);
        let pid =
            run(Command::new("docker").args(["inspect", "-f", "{{.State.Pid}}", &container.0]));
        let pid: u32 = pid.trim().parse().expect("container pid");
        (container, pid)
    }

    fn file_id(path: &Path) -> (u64, u64) {
        let m = std::fs::metadata(path).unwrap_or_else(|e| panic!("stat {}: {e}", path.display()));
        (m.dev(), m.ino())
    }

    /// Test 4: the container's static busybox is read through /proc/PID/root.
    #[test]
    fn container_busybox() {
        require_root();
        let (container, pid) = docker_run(&["sleep", "60"]);
        let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).expect("container maps");
        let text = maps
            .lines()
            .filter_map(parse_maps_line)
            .find(|m| m.exec && m.path == "/bin/busybox")
            .expect("busybox text mapping");
        let addr = text.start + 0x123;

        let mut sym = StackSymbolizer::new();
        let norm = sym.normalize(pid, &[addr]).expect("normalize");
        let f = &norm[0];
        assert_eq!(f.module.as_deref(), Some("/bin/busybox"));
        let root = PathBuf::from(format!("/proc/{pid}/root/bin/busybox"));
        assert_eq!(f.root.as_ref(), Some(&root));
        assert_eq!(f.offset, Some(addr - text.start + text.offset));
        assert_eq!(f.build_id.as_deref(), Some(build_id_of(&root).as_str()));

        // The file held is the container's inode, not the host's /bin/busybox.
        let key = f
            .build_id
            .as_ref()
            .and_then(|id| sym.by_build_id.get(id))
            .copied()
            .expect("held busybox");
        assert_eq!((key.dev, key.ino), file_id(&root));
        let host = Path::new("/bin/busybox");
        if host.exists() {
            assert_ne!((key.dev, key.ino), file_id(host), "host file used");
            println!(
                "container busybox build id {:?}, host busybox build id {}",
                f.build_id,
                build_id_of(host)
            );
        }

        drop(container);
        let out = sym.symbolize(&norm);
        let (addrs, syms) = ig_strings(&out);
        assert_eq!(addrs, format!("[0]0x{addr:016x}; "));
        match &out[0].symbol {
            Some(name) => assert_eq!(syms, format!("[0]{name}; ")),
            None => assert_eq!(syms, format!("[0]busybox+0x{:x}; ", f.offset.unwrap_or(0))),
        }
        println!("{addrs}\n{syms}");
    }

    /// Test 4b: a container binary whose path exists on the host as a different file
    /// (/bin/addr2line), named after the container is gone.
    #[test]
    fn container_binary_shadowing_host_path() {
        require_root();
        let dir = workdir("container");
        let bin = build(&dir, "levels-static", &["-static"]);
        let (container, _pid) = docker_run(&["sleep", "300"]);
        run(Command::new("docker")
            .arg("cp")
            .arg(&bin)
            .arg(format!("{}:/bin/addr2line", container.0)));
        let marker = format!("ig-symtest-{}", std::process::id());
        let prog =
            start(Command::new("docker").args(["exec", &container.0, "/bin/addr2line", &marker]));
        let pid = find_pid_by_argv(&["/bin/addr2line", &marker]).expect("exec'd process");

        let mut sym = StackSymbolizer::new();
        let snap = sym.snapshot(pid).expect("snapshot");
        let norm = sym.normalize(pid, &prog.frames).expect("normalize");
        for f in &norm[..4] {
            assert_eq!(f.module.as_deref(), Some("/bin/addr2line"), "{f:?}");
            assert_eq!(
                f.build_id.as_deref(),
                Some(build_id_of(&bin).as_str()),
                "{f:?}"
            );
        }
        let host = Path::new("/bin/addr2line");
        if host.exists() {
            assert_ne!(Some(build_id_of(host)), norm[0].build_id, "host file used");
        }

        let frames = prog.frames.clone();
        prog.stop();
        drop(container);
        // The snapshot still normalizes after the process and its container are gone.
        assert_eq!(sym.normalize_snapshot(&snap, &frames), norm);
        assert_eq!(snap.pid(), pid);
        let out = sym.symbolize(&norm);
        assert_eq!(
            &symbols(&out)[..5],
            &[
                Some("level3"),
                Some("level2"),
                Some("level1"),
                Some("main"),
                Some("__libc_start_call_main")
            ],
            "{out:#?}"
        );
        for (f, n) in out.iter().zip(&norm).take(4) {
            let (func, file, line) = addr2line(&bin, vaddr_of(&bin, n.offset.unwrap_or(0)) - 1);
            assert_eq!(f.symbol.as_deref(), Some(func.as_str()));
            assert_eq!(f.file.as_deref(), Some(file.as_str()));
            assert_eq!(f.line, Some(line));
        }
        println!("{}", ig_strings(&out).1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn find_pid_by_argv(argv: &[&str]) -> Option<u32> {
        let want: Vec<u8> = argv.iter().flat_map(|a| a.bytes().chain([0])).collect();
        for _ in 0..50 {
            for entry in std::fs::read_dir("/proc").ok()?.flatten() {
                let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                    continue;
                };
                if std::fs::read(format!("/proc/{pid}/cmdline"))
                    .ok()
                    .as_deref()
                    == Some(&want[..])
                {
                    return Some(pid);
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        None
    }

    /// A binary deleted while running: normalized through map_files, named after exit.
    #[test]
    fn deleted_binary() {
        require_root();
        let dir = workdir("deleted");
        let bin = build(&dir, "levels", &[]);
        let prog = start(&mut Command::new(&bin));
        std::fs::remove_file(&bin).expect("delete binary");
        let pid = prog.child.id();
        let mut sym = StackSymbolizer::new();
        let norm = sym.normalize(pid, &prog.frames).expect("normalize");
        prog.stop();
        assert_eq!(
            norm[0].module.as_deref(),
            Some(bin.to_string_lossy().as_ref())
        );
        let root = norm[0].root.clone().unwrap_or_default();
        assert!(
            root.starts_with(format!("/proc/{pid}/map_files/")),
            "{root:?}"
        );
        let out = sym.symbolize(&norm);
        assert_eq!(
            &symbols(&out)[..4],
            &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
            "{out:#?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// With room for one file only, frames are still named while the process lives
    /// (reopened through their root paths) and nothing is dropped.
    #[test]
    fn tiny_capacity() {
        require_root();
        let dir = workdir("tiny");
        let bin = build(&dir, "levels", &[]);
        let prog = start(&mut Command::new(&bin));
        let mut sym = StackSymbolizer::with_capacity(1);
        let norm = sym
            .normalize(prog.child.id(), &prog.frames)
            .expect("normalize");
        assert_eq!(sym.held_modules(), 1);
        let out = sym.symbolize(&norm);
        assert_eq!(sym.held_modules(), 1);
        assert_eq!(
            &symbols(&out)[..4],
            &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
            "{out:#?}"
        );
        assert!(out[4].symbol.is_some(), "{:?}", out[4]);
        // After exit only the file still held can name its frames; the rest keep offsets.
        prog.stop();
        let out = sym.symbolize(&norm);
        assert_eq!(out.len(), 5);
        assert!(out.iter().all(|f| f.offset.is_some()), "{out:#?}");
        assert!(out.iter().any(|f| f.symbol.is_some()), "{out:#?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// vDSO frames are named through our own vDSO.
    #[test]
    fn vdso_frames() {
        require_root();
        let own = own_vdso_start().expect("own vdso");
        // Find an offset in our vDSO that blazesym names.
        let probe = Normalizer::new();
        let (offset, name) = (0..0x2000u64)
            .step_by(8)
            .find_map(|off| {
                let out = probe.normalize_user_addrs(Pid::Slf, &[own + off]).ok()?;
                let (_, meta) = out.outputs.first()?;
                match out.meta.get(*meta)? {
                    UserMeta::Sym(sym) => Some((off, sym.name.to_string())),
                    _ => None,
                }
            })
            .expect("a named vdso offset");
        let mut child = Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("spawn sleep");
        std::thread::sleep(std::time::Duration::from_millis(100));
        let maps = std::fs::read_to_string(format!("/proc/{}/maps", child.id())).expect("maps");
        let start = maps
            .lines()
            .filter_map(parse_maps_line)
            .find(|m| m.path == VDSO_MODULE)
            .map(|m| m.start)
            .expect("child vdso");
        let mut sym = StackSymbolizer::new();
        sym.set_return_addresses(false);
        let norm = sym
            .normalize(child.id(), &[start + offset])
            .expect("normalize");
        let _ = child.kill();
        let _ = child.wait();
        assert_eq!(norm[0].module.as_deref(), Some(VDSO_MODULE));
        assert_eq!(norm[0].offset, Some(offset));
        let out = sym.symbolize(&norm);
        assert_eq!(out[0].symbol.as_deref(), Some(name.as_str()), "{out:?}");
    }

    /// A fully stripped binary named (with file:line) from a debug file found by build id.
    #[test]
    fn debug_file_by_build_id() {
        require_root();
        let dir = workdir("buildid");
        let full = build(&dir, "levels", &[]);
        let stripped = dir.join("levels.stripped");
        run(Command::new("strip").arg("-o").arg(&stripped).arg(&full));
        let id = build_id_of(&full);
        let debug_dir = dir.join("debug");
        let target = debug_dir
            .join(".build-id")
            .join(&id[..2])
            .join(format!("{}.debug", &id[2..]));
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        run(Command::new("objcopy")
            .arg("--only-keep-debug")
            .arg(&full)
            .arg(&target));

        let mut sym = StackSymbolizer::new();
        sym.set_debug_dirs(vec![debug_dir, PathBuf::from("/usr/lib/debug")]);
        let prog = start(&mut Command::new(&stripped));
        let norm = sym
            .normalize(prog.child.id(), &prog.frames)
            .expect("normalize");
        prog.stop();
        assert_eq!(norm[0].build_id.as_deref(), Some(id.as_str()));
        let out = sym.symbolize(&norm);
        assert_eq!(
            &symbols(&out)[..4],
            &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
            "{out:#?}"
        );
        for (f, n) in out.iter().zip(&norm).take(4) {
            let (func, file, line) = addr2line(&full, vaddr_of(&full, n.offset.unwrap_or(0)) - 1);
            assert_eq!(f.symbol.as_deref(), Some(func.as_str()));
            assert_eq!(f.file.as_deref(), Some(file.as_str()));
            assert_eq!(f.line, Some(line));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A debug link whose target does not match (blazesym fails with DWARF enabled): the
    /// frames fall back to the ELF symbol table instead of failing.
    #[test]
    fn debug_link_mismatch() {
        require_root();
        let dir = workdir("debuglink");
        let full = build(&dir, "levels", &[]);
        let linked = dir.join("levels.linked");
        run(Command::new("objcopy")
            .arg("--only-keep-debug")
            .arg(&full)
            .arg(dir.join("levels.debug")));
        run(Command::new("objcopy")
            .arg("--strip-debug")
            .arg(format!(
                "--add-gnu-debuglink={}",
                dir.join("levels.debug").display()
            ))
            .arg(&full)
            .arg(&linked));
        // A matching debug link target gives file:line.
        let mut sym = StackSymbolizer::new();
        let prog = start(&mut Command::new(&linked));
        let norm = sym
            .normalize(prog.child.id(), &prog.frames)
            .expect("normalize");
        prog.stop();
        let out = sym.symbolize(&norm);
        assert_eq!(out[0].symbol.as_deref(), Some("level3"), "{out:#?}");
        assert!(out[0].line.is_some(), "{out:#?}");

        // Replace the debug file with one of a different build.
        let other = build(&dir, "other", &["-DOTHER=1", "-O1"]);
        run(Command::new("objcopy")
            .arg("--only-keep-debug")
            .arg(&other)
            .arg(dir.join("levels.debug")));
        let mut sym = StackSymbolizer::new();
        let prog = start(&mut Command::new(&linked));
        let norm = sym
            .normalize(prog.child.id(), &prog.frames)
            .expect("normalize");
        prog.stop();
        let out = sym.symbolize(&norm);
        assert_eq!(
            &symbols(&out)[..4],
            &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
            "{out:#?}"
        );
        assert!(out[..4].iter().all(|f| f.line.is_none()), "{out:#?}");
        let key = norm[0]
            .build_id
            .as_ref()
            .and_then(|id| sym.by_build_id.get(id))
            .copied()
            .expect("held");
        assert!(sym.modules.get(&key).is_some_and(|m| m.dwarf_failed));
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Closing least recently used files releases blazesym's descriptors as well.
    #[test]
    fn eviction_bounds_descriptors() {
        require_root();
        let dir = workdir("evict");
        let bin = build(&dir, "levels", &[]);
        let open_in_dir = || {
            std::fs::read_dir("/proc/self/fd")
                .expect("own fds")
                .flatten()
                .filter(|e| std::fs::read_link(e.path()).is_ok_and(|t| t.starts_with(&dir)))
                .count()
        };
        let mut sym = StackSymbolizer::with_capacity(2);
        for i in 0..6 {
            let copy = dir.join(format!("copy{i}"));
            std::fs::copy(&bin, &copy).expect("copy binary");
            let prog = start(&mut Command::new(&copy));
            let norm = sym
                .normalize(prog.child.id(), &prog.frames)
                .expect("normalize");
            prog.stop();
            let out = sym.symbolize(&norm);
            assert_eq!(out[0].symbol.as_deref(), Some("level3"), "{out:#?}");
            assert!(sym.held_modules() <= 2);
            // At most one copy is held (libc takes the other slot): ours + blazesym's fd.
            assert!(
                open_in_dir() <= 2,
                "{} descriptors open in {dir:?}",
                open_in_dir()
            );
        }
        drop(sym);
        assert_eq!(open_in_dir(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Normalizing a gone process is an error the caller can recognize.
    #[test]
    fn gone_process() {
        let mut child = Command::new("true").spawn().expect("spawn true");
        let pid = child.id();
        let _ = child.wait();
        let mut sym = StackSymbolizer::new();
        let err = sym.normalize(pid, &[0x1000]).expect_err("gone process");
        assert!(err.is_process_gone(), "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("normalizing stack of pid {pid}: ")),
            "{err}"
        );
        assert!(matches!(
            sym.normalize(0, &[1]),
            Err(SymError::InvalidPid { pid: 0 })
        ));
        assert_eq!(sym.normalize(pid, &[]).expect("empty"), Vec::new());
    }

    /// Unknown frames are kept, never dropped.
    #[test]
    fn unknown_frames_kept() {
        let mut sym = StackSymbolizer::new();
        let frames = [
            unknown_frame(0),
            NormalizedFrame {
                address: 0x1234,
                module: Some("/nonexistent/lib.so".into()),
                offset: Some(0x234),
                build_id: None,
                root: Some(PathBuf::from("/proc/0/root/nonexistent/lib.so")),
            },
        ];
        let out = sym.symbolize(&frames);
        assert_eq!(out.len(), 2);
        assert_eq!(ig_strings(&out).1, "[0][unknown]; [1]lib.so+0x234; ");
    }

    /// Test 5: golden display strings.
    #[test]
    fn ig_strings_golden() {
        let frame = |index, address, module: Option<&str>, offset, symbol: Option<&str>| Frame {
            index,
            address,
            module: module.map(String::from),
            offset,
            symbol: symbol.map(String::from),
            symbol_offset: symbol.map(|_| 0x10),
            file: None,
            line: None,
            unreadable: None,
        };
        let frames = [
            frame(
                0,
                0x40332e,
                Some("/app/server"),
                Some(0x332e),
                Some("main.level3"),
            ),
            frame(
                1,
                0x4771e6,
                Some("/app/server"),
                Some(0x771e6),
                Some("main.main"),
            ),
            frame(
                2,
                0x7f00_1234_5678,
                Some("/usr/lib/x86_64-linux-gnu/libc.so.6"),
                Some(0x29d90),
                None,
            ),
            frame(3, 0xdead_beef, None, None, None),
        ];
        let (addrs, syms) = ig_strings(&frames);
        assert_eq!(
            addrs,
            "[0]0x000000000040332e; [1]0x00000000004771e6; [2]0x00007f0012345678; [3]0x00000000deadbeef; "
        );
        assert_eq!(
            syms,
            "[0]main.level3; [1]main.main; [2]libc.so.6+0x29d90; [3][unknown]; "
        );
        assert_eq!(ig_strings(&[]), (String::new(), String::new()));
    }

    #[test]
    fn maps_line_parsing() {
        let m = parse_maps_line(
            "7fd5ba059000-7fd5ba1a8000 r-xp 00022000 00:12 2088876                    /lib64/libc.so.6",
        )
        .expect("parsed");
        assert_eq!(
            (m.start, m.end, m.offset, m.exec),
            (0x7fd5ba059000, 0x7fd5ba1a8000, 0x22000, true)
        );
        assert_eq!(m.path, "/lib64/libc.so.6");
        let m = parse_maps_line("7ffe102a2000-7ffe102c4000 rw-p 00000000 00:00 0 ").expect("anon");
        assert_eq!((m.path, m.exec), ("", false));
        let m = parse_maps_line("1000-2000 r-xp 00000000 08:01 5   /tmp/a b (deleted)")
            .expect("deleted");
        assert_eq!(m.path, "/tmp/a b");
        assert!(parse_maps_line("garbage").is_none());
    }

    /// Cold vs warm cost per address (run with --nocapture to see the numbers).
    #[test]
    fn cost_per_address() {
        require_root();
        let dir = workdir("cost");
        let bin = build(&dir, "levels", &[]);
        let prog = start(&mut Command::new(&bin));
        let pid = prog.child.id();
        let n = prog.frames.len() as f64;

        let mut sym = StackSymbolizer::new();
        let t = Instant::now();
        let norm = sym.normalize(pid, &prog.frames).expect("normalize");
        let norm_cold = t.elapsed();
        let rounds = 200;
        let t = Instant::now();
        for _ in 0..rounds {
            let again = sym.normalize(pid, &prog.frames).expect("normalize");
            assert_eq!(again, norm);
        }
        let norm_warm = t.elapsed() / rounds;

        let t = Instant::now();
        let out = sym.symbolize(&norm);
        let sym_cold = t.elapsed();
        assert_eq!(out[0].symbol.as_deref(), Some("level3"));
        let rounds = 1000;
        let t = Instant::now();
        for _ in 0..rounds {
            let again = sym.symbolize(&norm);
            assert_eq!(again.len(), out.len());
        }
        let sym_warm = t.elapsed() / rounds;

        // Cold cost per module: the small test binary (embedded DWARF) vs libc (DWARF from
        // its detached debug file when libc6-dbg is installed, else .symtab/.dynsym only).
        let mut fresh = StackSymbolizer::new();
        let norm = fresh.normalize(pid, &prog.frames).expect("normalize");
        let t = Instant::now();
        let _ = fresh.symbolize(&norm[..4]);
        let cold_bin = t.elapsed();
        let t = Instant::now();
        let _ = fresh.symbolize(&norm[4..]);
        let cold_libc = t.elapsed();
        prog.stop();

        let us = |d: std::time::Duration| d.as_secs_f64() * 1e6;
        println!(
            "normalize: cold {:.1} us/stack ({:.1} us/addr), warm {:.1} us/stack ({:.2} us/addr)",
            us(norm_cold),
            us(norm_cold) / n,
            us(norm_warm),
            us(norm_warm) / n
        );
        println!(
            "symbolize: cold {:.1} ms/stack ({:.1} ms/addr), warm {:.1} us/stack ({:.2} us/addr), {} frames",
            us(sym_cold) / 1e3,
            us(sym_cold) / 1e3 / n,
            us(sym_warm),
            us(sym_warm) / n,
            n
        );
        println!(
            "symbolize cold per module: test binary {:.2} ms, libc {:.2} ms",
            us(cold_bin) / 1e3,
            us(cold_libc) / 1e3
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Frames whose files a container turned into traps: each is refused without blocking and
    /// says why; nothing outside the fake root is read. Needs no root.
    #[test]
    fn hostile_files_are_frames_that_say_why() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("root");
        std::fs::create_dir_all(root.join("lib")).expect("lib");
        let outside = dir.path().join("outside.so");
        std::fs::copy(std::env::current_exe().expect("exe"), &outside).expect("outside copy");
        nix::unistd::mkfifo(
            &root.join("lib/fifo.so"),
            nix::sys::stat::Mode::from_bits_truncate(0o644),
        )
        .expect("fifo");
        std::os::unix::fs::symlink(&outside, root.join("lib/host.so")).expect("symlink");
        std::os::unix::fs::symlink("/dev/zero", root.join("lib/zero.so")).expect("symlink");
        std::fs::write(root.join("lib/bad.so"), b"\x7fELF\x02\x01\x01garbage").expect("bad");
        File::create(root.join("lib/huge.so"))
            .and_then(|f| f.set_len(1 << 40))
            .expect("sparse");
        let handle = crate::safe_open::Root::at(&root).expect("root");
        let held = crate::safe_open::fd_path(handle.as_fd());
        let frame = |name: &str| NormalizedFrame {
            address: 0x1000,
            module: Some(format!("/lib/{name}")),
            offset: Some(0x10),
            build_id: None,
            root: Some(held.join("lib").join(name)),
        };
        let mut sym = StackSymbolizer::new();
        let started = std::time::Instant::now();
        let out = sym.symbolize(&[
            frame("fifo.so"),
            frame("host.so"),
            frame("zero.so"),
            frame("bad.so"),
            frame("huge.so"),
        ]);
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        let why: Vec<String> = out
            .iter()
            .map(|f| f.unreadable.clone().unwrap_or_default())
            .collect();
        assert!(why[0].contains("FIFO"), "{why:?}");
        assert!(why[1].contains("No such file"), "{why:?}");
        // The container's /dev/zero does not exist here; nothing outside is followed.
        assert!(why[2].contains("No such file"), "{why:?}");
        assert!(why[3].contains("not an ELF file ig can read"), "{why:?}");
        assert!(why[4].contains("1099511627776 bytes"), "{why:?}");
        assert!(out.iter().all(|f| f.symbol.is_none()));
        assert_eq!(
            sym.held_modules(),
            1,
            "only the regular, small file was opened"
        );
    }
}
