/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every ig gadget program starts with: the kernel types ig reads (CO-RE), libbpf's
 * helpers, ig's record formats and task helpers, the license the kernel requires for the
 * GPL-only helpers (probe reads, ring buffers, stacks), the host's mount namespace (set by
 * user space before load) and the stat counters. Included once, first, by each gadget's
 * .bpf.c.
 */
#ifndef IG_PROG_H
#define IG_PROG_H

#include "vmlinux_min.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include "ig_common.h"
#include "ig_task.h"

char LICENSE[] SEC("license") = "GPL";

/* Mount namespace of pid 1: the host's own tasks are told apart by it. */
const volatile __u64 host_mntns = 0;

/* Per-CPU counters of what a program could not do (IG_STAT_*), summed by user space. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, IG_STAT_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} ig_stats SEC(".maps");

#endif /* IG_PROG_H */
