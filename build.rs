//! Build script: compiles each gadget's eBPF program (`src/gadgets/<gadget>/*.bpf.c`) with
//! clang (CO-RE, BTF kept) for the target architecture, against the shared headers in
//! `src/bpf/include/`, and turns `src/bpf/include/ig_common.h` into Rust constants and layout
//! facts so the user-space mirror of the record formats is checked against the C header.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One folder per gadget; a gadget with a kernel program keeps its `*.bpf.c` there.
const GADGETS: &str = "src/gadgets";
/// Headers shared by every kernel program (and by the layout printer).
const INCLUDE: &str = "src/bpf/include";
/// Host program printing the shared header's constants, sizes and offsets.
const LAYOUT: &str = "src/bpf/layout.c";

/// Every `src/gadgets/<gadget>/<name>.bpf.c`, sorted; object names must be unique.
fn bpf_sources() -> Vec<PathBuf> {
    let mut sources = Vec::new();
    for dir in std::fs::read_dir(GADGETS).expect("reading src/gadgets/") {
        let dir = dir.expect("reading src/gadgets/").path();
        if !dir.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", dir.display());
        for f in std::fs::read_dir(&dir).expect("reading a gadget folder") {
            let p = f.expect("reading a gadget folder").path();
            if p.to_string_lossy().ends_with(".bpf.c") {
                sources.push(p);
            }
        }
    }
    sources.sort();
    let mut names: Vec<_> = sources.iter().filter_map(|p| p.file_name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        sources.len(),
        "two gadgets ship a .bpf.c of the same name"
    );
    sources
}

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    let (bpf_arch, multiarch) = match arch.as_str() {
        "x86_64" => ("x86", "x86_64-linux-gnu"),
        "aarch64" => ("arm64", "aarch64-linux-gnu"),
        other => panic!("ig's eBPF programs support x86_64 and aarch64 targets, not {other}"),
    };
    println!("cargo:rerun-if-changed={GADGETS}");
    println!("cargo:rerun-if-changed={INCLUDE}");
    println!("cargo:rerun-if-changed={LAYOUT}");
    println!("cargo:rerun-if-env-changed=CLANG");

    let clang = env::var("CLANG").unwrap_or_else(|_| "clang".into());
    let sources = bpf_sources();
    for src in &sources {
        let stem = src
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".bpf.c"))
            .expect("source name ends with .bpf.c");
        let obj = out.join(format!("{stem}.bpf.o"));
        run(
            Command::new(&clang)
                .args([
                    "-O2", "-g", "-target", "bpf", "-mcpu=v3", "-Wall", "-Werror",
                ])
                .arg(format!("-D__TARGET_ARCH_{bpf_arch}"))
                .arg(format!("-I{INCLUDE}"))
                .arg(format!("-I/usr/include/{multiarch}"))
                .arg("-c")
                .arg(src)
                .arg("-o")
                .arg(&obj),
            "compiling eBPF program (install clang and libbpf-dev: scripts/test-env.sh does)",
        );
        // Drop DWARF, keep .BTF and .BTF.ext (aya needs them for CO-RE).
        let strip = env::var("LLVM_STRIP").unwrap_or_else(|_| "llvm-strip".into());
        run(
            Command::new(strip).arg("-g").arg(&obj),
            "stripping eBPF object (install llvm)",
        );
    }

    // Layout of the shared record header, printed by a host C program.
    let layout_bin = out.join("ig_layout");
    let cc = env::var("HOST_CC").unwrap_or_else(|_| "cc".into());
    run(
        Command::new(cc)
            .arg("-O0")
            .arg(format!("-I{INCLUDE}"))
            .arg("-o")
            .arg(&layout_bin)
            .arg(Path::new(LAYOUT)),
        "compiling src/bpf/layout.c with the host C compiler",
    );
    let printed = Command::new(&layout_bin)
        .output()
        .expect("running the layout program");
    assert!(printed.status.success(), "src/bpf/layout.c program failed");
    std::fs::write(out.join("ig_layout.rs"), printed.stdout).expect("writing ig_layout.rs");
}

fn run(cmd: &mut Command, what: &str) {
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("{what}: cannot run {:?}: {e}", cmd.get_program()));
    assert!(status.success(), "{what}: {cmd:?} exited with {status}");
}
