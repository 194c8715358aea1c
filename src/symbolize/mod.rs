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

mod name;
mod normalize;
#[cfg(test)]
mod tests;

use self::name::*;
pub(crate) use self::normalize::parse_maps_line;
use self::normalize::*;

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
    #[cfg(test)]
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
    #[cfg(test)]
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
    /// The file names debug files elsewhere: never read with DWARF through blazesym (what
    /// `dwarf_failed` is reset to when the debug directories change).
    #[cfg(test)]
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
#[cfg(test)]
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
#[cfg(test)]
#[derive(Clone, Debug)]
pub struct MapsSnapshot {
    pid: u32,
    entries: Vec<SnapEntry>,
}

#[cfg(test)]
impl MapsSnapshot {
    /// The process the snapshot was taken of.
    pub fn pid(&self) -> u32 {
        self.pid
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
    #[cfg(test)]
    pub fn set_return_addresses(&mut self, on: bool) {
        self.return_addresses = on;
    }

    /// Search `dirs` (in order) instead of [`DEFAULT_DEBUG_DIRS`] for debug files: by build id
    /// (`<dir>/.build-id/xx/yyyy.debug`) and for debug links. Restarts blazesym's caches.
    #[cfg(test)]
    pub fn set_debug_dirs(&mut self, dirs: Vec<PathBuf>) {
        self.symbolizer = build_symbolizer(&dirs);
        self.debug_dirs = dirs;
        for m in self.modules.values_mut() {
            m.debug_file = None;
            m.dwarf_failed = m.links_elsewhere;
        }
    }

    /// Number of mapped files currently held open.
    #[cfg(test)]
    pub fn held_modules(&self) -> usize {
        self.modules.len()
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
