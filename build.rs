//! Build script: compiles the eBPF programs in `ebpf/` with clang (CO-RE, BTF kept) for the
//! target architecture, and turns `ebpf/ig_common.h` into Rust constants and layout facts so
//! the user-space mirror of the record formats is checked against the C header.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let arch = env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    let (bpf_arch, multiarch) = match arch.as_str() {
        "x86_64" => ("x86", "x86_64-linux-gnu"),
        "aarch64" => ("arm64", "aarch64-linux-gnu"),
        other => panic!("ig's eBPF programs support x86_64 and aarch64 targets, not {other}"),
    };
    println!("cargo:rerun-if-changed=ebpf");
    println!("cargo:rerun-if-env-changed=CLANG");

    let clang = env::var("CLANG").unwrap_or_else(|_| "clang".into());
    let mut sources: Vec<PathBuf> = std::fs::read_dir("ebpf")
        .expect("reading ebpf/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".bpf.c"))
        .collect();
    sources.sort();
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
                .arg("-Iebpf")
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
            .args(["-O0", "-Iebpf", "-o"])
            .arg(&layout_bin)
            .arg(Path::new("ebpf/layout.c")),
        "compiling ebpf/layout.c with the host C compiler",
    );
    let printed = Command::new(&layout_bin)
        .output()
        .expect("running the layout program");
    assert!(printed.status.success(), "ebpf/layout.c program failed");
    std::fs::write(out.join("ig_layout.rs"), printed.stdout).expect("writing ig_layout.rs");
}

fn run(cmd: &mut Command, what: &str) {
    let status = cmd
        .status()
        .unwrap_or_else(|e| panic!("{what}: cannot run {:?}: {e}", cmd.get_program()));
    assert!(status.success(), "{what}: {cmd:?} exited with {status}");
}
