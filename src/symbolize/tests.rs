//! Unit tests of normalization and naming, against real processes and files.

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

/// The frames of test program `bin`, normalized while it runs; the program is then stopped.
fn normalize_run(sym: &mut StackSymbolizer, bin: &Path) -> Vec<NormalizedFrame> {
    let prog = start(&mut Command::new(bin));
    let norm = sym
        .normalize(prog.child.id(), &prog.frames)
        .expect("normalize");
    prog.stop();
    norm
}

/// The test program's own four frames are named level3, level2, level1, main.
#[track_caller]
fn assert_levels(out: &[Frame]) {
    assert_eq!(
        &symbols(out)[..4],
        &[Some("level3"), Some("level2"), Some("level1"), Some("main")],
        "{out:#?}"
    );
}

/// The test program's own four frames say what `addr2line` says of `bin` (function, file,
/// line). Return addresses: blazesym looks up offset - 1; so does addr2line here.
#[track_caller]
fn assert_addr2line(bin: &Path, out: &[Frame], norm: &[NormalizedFrame]) {
    for (f, n) in out.iter().zip(norm).take(4) {
        let (func, file, line) = addr2line(bin, vaddr_of(bin, n.offset.unwrap_or(0)) - 1);
        assert_eq!(f.symbol.as_deref(), Some(func.as_str()), "{f:?}");
        assert_eq!(f.file.as_deref(), Some(file.as_str()), "{f:?}");
        assert_eq!(f.line, Some(line), "{f:?}");
    }
}

/// `strip -o to from`.
fn strip(from: &Path, to: &Path) {
    run(Command::new("strip").arg("-o").arg(to).arg(from));
}

/// `objcopy --only-keep-debug from to`: the debug file of `from`.
fn keep_debug_only(from: &Path, to: &Path) {
    run(Command::new("objcopy")
        .arg("--only-keep-debug")
        .arg(from)
        .arg(to));
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
    assert_levels(&out);
    assert_addr2line(&bin, &out, &norm);

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
            m.exec && m.path == libc && offset >= m.offset && offset - m.offset < m.end - m.start
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
    strip(&plain, &stripped);
    let dynamic = build(&dir, "levels-rdynamic", &["-rdynamic"]);
    let dyn_stripped = dir.join("levels-rdynamic.stripped");
    strip(&dynamic, &dyn_stripped);

    let mut sym = StackSymbolizer::new();

    let norm = normalize_run(&mut sym, &stripped);
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

    let norm = normalize_run(&mut sym, &dyn_stripped);
    let out = sym.symbolize(&norm);
    assert_levels(&out);
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
    let pid = run(Command::new("docker").args(["inspect", "-f", "{{.State.Pid}}", &container.0]));
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
    assert_addr2line(&bin, &out, &norm);
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
    assert_levels(&out);
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
    assert_levels(&out);
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
    strip(&full, &stripped);
    let id = build_id_of(&full);
    let debug_dir = dir.join("debug");
    let target = debug_dir
        .join(".build-id")
        .join(&id[..2])
        .join(format!("{}.debug", &id[2..]));
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    keep_debug_only(&full, &target);

    let mut sym = StackSymbolizer::new();
    sym.set_debug_dirs(vec![debug_dir, PathBuf::from("/usr/lib/debug")]);
    let norm = normalize_run(&mut sym, &stripped);
    assert_eq!(norm[0].build_id.as_deref(), Some(id.as_str()));
    let out = sym.symbolize(&norm);
    assert_levels(&out);
    assert_addr2line(&full, &out, &norm);
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
    keep_debug_only(&full, &dir.join("levels.debug"));
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
    let norm = normalize_run(&mut sym, &linked);
    let out = sym.symbolize(&norm);
    assert_eq!(out[0].symbol.as_deref(), Some("level3"), "{out:#?}");
    assert!(out[0].line.is_some(), "{out:#?}");

    // Replace the debug file with one of a different build.
    let other = build(&dir, "other", &["-DOTHER=1", "-O1"]);
    keep_debug_only(&other, &dir.join("levels.debug"));
    let mut sym = StackSymbolizer::new();
    let norm = normalize_run(&mut sym, &linked);
    let out = sym.symbolize(&norm);
    assert_levels(&out);
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
        let norm = normalize_run(&mut sym, &copy);
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
    let m =
        parse_maps_line("1000-2000 r-xp 00000000 08:01 5   /tmp/a b (deleted)").expect("deleted");
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
