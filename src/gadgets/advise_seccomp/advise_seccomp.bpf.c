// SPDX-License-Identifier: GPL-2.0
/*
 * Seccomp advisor: on every syscall entry, set the syscall's bit in the bitmap of the calling
 * task's mount namespace. Every mount namespace other than the host's is recorded from load
 * time, so a container that starts after ig loses none of its syscalls; user space matches
 * namespaces to containers later. Read by program.rs beside it.
 *
 * With --learn-args (ig_args.h beside it), the distinct argument values of a few syscalls too.
 *
 * Three attachments of the same logic, best first: tp_btf (direct BTF loads from the current
 * task), raw_tracepoint, tracepoint (both read the task through CO-RE probe reads).
 */
#include "ig_prog.h"

#define EEXIST 17

/* Native execve and execveat numbers (set by user space from its tables). */
const volatile __u32 execve_nr = 0xffffffff;
const volatile __u32 execveat_nr = 0xffffffff;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, IG_MAX_MNTNS_DEFAULT);
	__type(key, __u64);
	__type(value, struct ig_mntns_syscalls);
} ig_syscalls SEC(".maps");

/* One all-zero value, the template for a namespace's first insert. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ig_mntns_syscalls);
} ig_zero SEC(".maps");

#include "ig_args.h"

/* First use of a syscall per namespace and phase (provenance); a few hundred per container. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} ig_first_uses SEC(".maps");

/* Reports who made a syscall first. Racing CPUs may both report it: user space keeps the
 * earliest. Only runs when a bit goes from 0 to 1, so the per-syscall cost is unchanged. */
static __attribute__((noinline)) int report_first(__u64 key, __u32 abi, __u32 nr, __u32 phase)
{
	struct ig_first_use *e = bpf_ringbuf_reserve(&ig_first_uses, sizeof(*e), 0);
	if (!e) {
		ig_stat_inc(&ig_stats, IG_STAT_RINGBUF_FULL);
		return 0;
	}
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	e->key = key;
	e->time_ns = bpf_ktime_get_boot_ns();
	e->pid = pid_tgid >> 32;
	e->tid = (__u32)pid_tgid;
	e->abi = abi;
	e->nr = nr;
	e->phase = phase;
	e->_pad = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	const unsigned char *name = BPF_CORE_READ(t, mm, exe_file, f_path.dentry, d_name.name);
	if (!name || bpf_probe_read_kernel_str(e->exe, sizeof(e->exe), name) < 0)
		e->exe[0] = 0;
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* Sets a bit; true when it was clear (the first use). Read first: the atomic is only paid
 * the first time a syscall is seen. */
static __always_inline bool set_bit(__u32 *word, __u32 mask)
{
	if (*word & mask)
		return false;
	__sync_fetch_and_or(word, mask);
	return true;
}

static __always_inline int record(__u64 key, __u64 mntns, __u32 abi, long nr, bool filtered,
				  __u32 tgid, struct task_struct *task, const unsigned long *tp_args,
				  struct pt_regs *regs)
{
	if (mntns == host_mntns || mntns == 0)
		return 0;

	struct ig_mntns_syscalls *v = bpf_map_lookup_elem(&ig_syscalls, &key);
	if (!v) {
		__u32 zero_key = 0;
		struct ig_mntns_syscalls *zero = bpf_map_lookup_elem(&ig_zero, &zero_key);
		if (!zero)
			return 0;
		long err = bpf_map_update_elem(&ig_syscalls, &key, zero, BPF_NOEXIST);
		if (err && err != -EEXIST) {
			ig_stat_inc(&ig_stats, IG_STAT_MAP_FULL);
			return 0;
		}
		v = bpf_map_lookup_elem(&ig_syscalls, &key);
		if (!v)
			return 0;
		if (!err) {
			v->first_seen_ns = bpf_ktime_get_boot_ns();
			v->mntns = mntns;
			v->first_tgid = tgid;
			ig_task_cgroup_name(task, v->cgroup, sizeof(v->cgroup));
		}
	}

	long n = abi == IG_ABI_X32 ? (nr & ~(long)IG_X32_SYSCALL_BIT) : nr;
	if (n < 0 || n >= IG_SYSCALL_BITS || abi >= IG_ABI_SLOTS) {
		if (!(v->flags & IG_FLAG_NR_OUT_OF_RANGE))
			__sync_fetch_and_or(&v->flags, IG_FLAG_NR_OUT_OF_RANGE);
		ig_stat_inc(&ig_stats, IG_STAT_NR_RANGE);
		return 0;
	}
	/* Some runtimes (crun) move a container's first task into its cgroup only after they
	 * created its namespaces: at an execve the task is where it will stay. */
	bool exec = abi == IG_ABI_NATIVE && (n == execve_nr || n == execveat_nr);
	if (exec) {
		ig_task_cgroup_name(task, v->cgroup, sizeof(v->cgroup));
		if (!(v->flags & IG_FLAG_EXEC_SEEN))
			__sync_fetch_and_or(&v->flags, IG_FLAG_EXEC_SEEN);
	}
	__u32 word = (__u32)n >> 5;
	__u32 mask = 1U << ((__u32)n & 31);
	/* First uses: before the filter and the first execve it is the runtime (or ig's own
	 * child before a command's execve); under a filter, or after the execve of a workload
	 * that has none (a command, an unconfined container), it is the workload. */
	bool after = v->flags & IG_FLAG_EXEC_SEEN;
	if (set_bit(&v->seen[abi][word], mask) && !filtered && !after)
		report_first(key, abi, (__u32)n, IG_PHASE_RUNTIME);
	if (filtered && set_bit(&v->filtered[abi][word], mask))
		report_first(key, abi, (__u32)n, IG_PHASE_CONTAINER);
	if (after && set_bit(&v->after_exec[abi][word], mask) && !filtered)
		report_first(key, abi, (__u32)n, IG_PHASE_CONTAINER);
	if (learn_args)
		ig_learn_arg(&ig_stats, key, abi, n,
			     IG_ARG_SEEN | (filtered ? IG_ARG_FILTERED : 0) |
				     (after ? IG_ARG_AFTER_EXEC : 0),
			     tp_args, regs);
	return 0;
}

#if defined(__TARGET_ARCH_x86)
#define TI_STATUS_DIRECT(t) ((t)->thread_info.status)
#define TI_STATUS_CORE(t) BPF_CORE_READ(t, thread_info.status)
#else
#define TI_STATUS_DIRECT(t) 0
#define TI_STATUS_CORE(t) 0
#endif

SEC("tp_btf/sys_enter")
int BPF_PROG(ig_advise_sys_enter_btf, struct pt_regs *regs, long id)
{
	struct task_struct *t = bpf_get_current_task_btf();
	struct mnt_namespace *mnt = t->nsproxy->mnt_ns;
	__u64 mntns = mnt->ns.inum;
	if (mntns == host_mntns)
		return 0;
	__u64 key = bpf_core_field_exists(mnt->ns.ns_id) ? mnt->ns.ns_id : BPF_CORE_READ(mnt, seq);
	__u32 abi = ig_abi_of(t->thread_info.flags, TI_STATUS_DIRECT(t), id);
	return record(key, mntns, abi, id, t->seccomp.mode == IG_SECCOMP_MODE_FILTER, t->tgid, t,
		      NULL, regs);
}

static __always_inline int record_core(long id, const unsigned long *tp_args,
				       struct pt_regs *regs)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct mnt_namespace *mnt = BPF_CORE_READ(t, nsproxy, mnt_ns);
	__u64 mntns = BPF_CORE_READ(mnt, ns.inum);
	if (mntns == host_mntns)
		return 0;
	__u32 abi = ig_abi_of(BPF_CORE_READ(t, thread_info.flags), TI_STATUS_CORE(t), id);
	int mode = BPF_CORE_READ(t, seccomp.mode);
	return record(ig_mntns_uid(mnt), mntns, abi, id, mode == IG_SECCOMP_MODE_FILTER,
		      BPF_CORE_READ(t, tgid), t, tp_args, regs);
}

SEC("raw_tracepoint/sys_enter")
int ig_advise_sys_enter_raw(void *ctx)
{
	/* args[1] of sys_enter(regs, id); read as plain u64s (aya rejects CO-RE on this ctx). */
	__u64 *args = ctx;
	return record_core((long)args[1], NULL, (struct pt_regs *)args[0]);
}

/* Layout of raw_syscalls:sys_enter's tracepoint record (stable ABI, see its format file). */
struct ig_tp_sys_enter {
	__u64 common;
	long id;
	unsigned long args[6];
};

SEC("tracepoint/raw_syscalls/sys_enter")
int ig_advise_sys_enter_tp(struct ig_tp_sys_enter *ctx)
{
	/* A stack copy: the verifier refuses variable offsets into the context. */
	unsigned long args[6] = {};
	if (learn_args) {
		args[0] = ctx->args[0];
		args[1] = ctx->args[1];
		args[2] = ctx->args[2];
		args[3] = ctx->args[3];
		args[4] = ctx->args[4];
		args[5] = ctx->args[5];
	}
	return record_core(ctx->id, args, NULL);
}
