/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --learn-args for the seccomp advisor: the distinct argument values of a few syscalls
 * (socket, clone, personality, ioctl, prctl, setsockopt), per mount namespace and ABI,
 * deduplicated in the kernel in bounded maps. Only the configured syscall numbers pay for
 * it; with learn_args off the verifier drops the code. Read by program.rs beside it.
 */
#ifndef IG_ARGS_H
#define IG_ARGS_H

#ifndef EEXIST
#define EEXIST 17
#endif

/* Off unless user space turns it on; then the limits and the syscall table below. */
const volatile __u32 learn_args = 0;
const volatile __u32 arg_values_max = IG_ARG_VALUES_MAX_DEFAULT;
const volatile struct ig_arg_config arg_config = {
	.nr = { [0 ... IG_ARG_SLOTS - 1] = { [0 ... IG_ABI_SLOTS - 1] = IG_ARG_NONE } },
	.idx = { [0 ... IG_ARG_SLOTS - 1] = { IG_ARG_NONE, IG_ARG_NONE } },
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, IG_ARG_MAP_DEFAULT);
	__type(key, struct ig_arg_key);
	__type(value, __u32); /* IG_ARG_SEEN | IG_ARG_FILTERED | IG_ARG_AFTER_EXEC */
} ig_arg_values SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, IG_ARG_MAP_DEFAULT);
	__type(key, struct ig_arg_count_key);
	__type(value, struct ig_arg_count);
} ig_arg_counts SEC(".maps");

/* Slot of a learned syscall, or -1. `abi` is already checked to be < IG_ABI_SLOTS. */
static __always_inline int ig_arg_slot(__u32 abi, long nr)
{
#pragma unroll
	for (int s = 0; s < IG_ARG_SLOTS; s++)
		if (arg_config.nr[s][abi] == (__u32)nr)
			return s;
	return -1;
}

/* Syscall argument i (0..5) from the registers at syscall entry, by ABI. */
static __always_inline __u64 ig_regs_arg(struct pt_regs *regs, __u32 abi, __u32 i)
{
#if defined(__TARGET_ARCH_x86)
	if (abi == IG_ABI_COMPAT) {
		switch (i) {
		case 0: return BPF_CORE_READ(regs, bx);
		case 1: return BPF_CORE_READ(regs, cx);
		case 2: return BPF_CORE_READ(regs, dx);
		case 3: return BPF_CORE_READ(regs, si);
		case 4: return BPF_CORE_READ(regs, di);
		default: return BPF_CORE_READ(regs, bp);
		}
	}
	switch (i) {
	case 0: return BPF_CORE_READ(regs, di);
	case 1: return BPF_CORE_READ(regs, si);
	case 2: return BPF_CORE_READ(regs, dx);
	case 3: return BPF_CORE_READ(regs, r10);
	case 4: return BPF_CORE_READ(regs, r8);
	default: return BPF_CORE_READ(regs, r9);
	}
#elif defined(__TARGET_ARCH_arm64)
	/* x0 is overwritten by the return value later; orig_x0 keeps the first argument. */
	if (i == 0)
		return BPF_CORE_READ(regs, orig_x0);
	__u64 v = 0;
	bpf_core_read(&v, sizeof(v), &regs->regs[i & 7]);
	return v;
#else
	return 0;
#endif
}

/* Argument i from either source: a stack copy of the tracepoint's arguments, or the
 * registers. */
static __always_inline __u64 ig_arg(const unsigned long *tp_args, struct pt_regs *regs,
				    __u32 abi, __u32 i)
{
	if (tp_args)
		return tp_args[i < 6 ? i : 5];
	return ig_regs_arg(regs, abi, i);
}

/* Records the value of one call of a learned syscall. */
static __always_inline void ig_learn_arg(void *stats, __u64 ns, __u32 abi, long nr,
					 __u32 how, const unsigned long *tp_args,
					 struct pt_regs *regs)
{
	int slot = ig_arg_slot(abi, nr);
	if (slot < 0 || slot >= IG_ARG_SLOTS)
		return;
	__u32 i0 = arg_config.idx[slot][0], i1 = arg_config.idx[slot][1];
	__u64 value = ig_arg(tp_args, regs, abi, i0) & arg_config.mask[slot][0];
	if (i1 != IG_ARG_NONE)
		value |= (ig_arg(tp_args, regs, abi, i1) & arg_config.mask[slot][1]) << 32;

	struct ig_arg_key k = { .ns = ns, .slot = slot, .abi = abi, .value = value };
	__u32 *seen = bpf_map_lookup_elem(&ig_arg_values, &k);
	if (seen) {
		/* The common case: a value already known. The atomic only when a flag is new. */
		if ((*seen & how) != how)
			__sync_fetch_and_or(seen, how);
		return;
	}
	struct ig_arg_count_key ck = { .ns = ns, .slot = slot, .abi = abi };
	struct ig_arg_count *c = bpf_map_lookup_elem(&ig_arg_counts, &ck);
	if (!c) {
		struct ig_arg_count zero = {};
		long err = bpf_map_update_elem(&ig_arg_counts, &ck, &zero, BPF_NOEXIST);
		if (err && err != -EEXIST) {
			ig_stat_inc(stats, IG_STAT_ARGS_FULL);
			return;
		}
		c = bpf_map_lookup_elem(&ig_arg_counts, &ck);
		if (!c)
			return;
	}
	if (c->overflow)
		return;
	if (__sync_fetch_and_add(&c->count, 1) >= arg_values_max) {
		__sync_fetch_and_or(&c->overflow, IG_ARG_OVER_LIMIT);
		return;
	}
	long err = bpf_map_update_elem(&ig_arg_values, &k, &how, BPF_NOEXIST);
	if (err == -EEXIST) {
		/* Another CPU inserted the same value first: only add our flags. */
		seen = bpf_map_lookup_elem(&ig_arg_values, &k);
		if (seen)
			__sync_fetch_and_or(seen, how);
	} else if (err) {
		__sync_fetch_and_or(&c->overflow, IG_ARG_OVER_MAP);
	}
}

#endif
