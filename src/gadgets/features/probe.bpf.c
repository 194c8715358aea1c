// SPDX-License-Identifier: GPL-2.0
/*
 * Feature probes: one empty program per attach type ig may use. probe.rs beside it loads and
 * attaches each one and reports, in words, which types this kernel allows.
 */
#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(ig_probe_tp_btf, struct pt_regs *regs, long id) { return 0; }

SEC("raw_tracepoint/sys_enter")
int ig_probe_raw_tp(void *ctx) { return 0; }

SEC("tracepoint/raw_syscalls/sys_enter")
int ig_probe_tp(void *ctx) { return 0; }

SEC("kprobe/audit_seccomp")
int BPF_KPROBE(ig_probe_kprobe) { return 0; }

SEC("fentry/audit_seccomp")
int BPF_PROG(ig_probe_fentry) { return 0; }
