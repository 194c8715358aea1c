// SPDX-License-Identifier: GPL-2.0
/*
 * audit_seccomp: the kernel calls audit_seccomp(syscall, signr, code) for every syscall a
 * seccomp filter logs or kills. This program runs there (kprobe, or fentry where allowed),
 * filters by mount namespace in the kernel and sends one ig_seccomp_event per call, with the
 * user stack when asked. A tracepoint on task exit remembers which container a task belonged
 * to, so a task killed by seccomp can still be attributed after it is gone (used by both
 * sources). Read by program.rs beside it.
 */
#include "ig_prog.h"

/* Drop events of host tasks in the kernel (ig without --host). */
const volatile __u8 containers_only = 1;
const volatile __u8 collect_ustack = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);
} ig_events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct ig_exited_task);
} ig_exited SEC(".maps");

/* Per-CPU scratch for building an exit record (too big for the BPF stack). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ig_exited_task);
} ig_exit_scratch SEC(".maps");

#if defined(__TARGET_ARCH_x86)
#define TI_STATUS_CORE(t) BPF_CORE_READ(t, thread_info.status)
#else
#define TI_STATUS_CORE(t) 0
#endif

#if defined(__TARGET_ARCH_x86)
#define REGS_IP(r) BPF_CORE_READ(r, ip)
#define REGS_NR(r) BPF_CORE_READ(r, orig_ax)
#elif defined(__TARGET_ARCH_arm64)
#define REGS_IP(r) BPF_CORE_READ(r, pc)
#define REGS_NR(r) BPF_CORE_READ(r, syscallno)
#endif

/* The path of `d` on mount `vm` as the task sees it (up to its root, crossing mounts), or,
 * with `in_fs`, from the root of d's own file system (not crossing mounts): one slot per
 * step from the file up, a mount crossing leaving its slot empty. Returns the number of
 * slots used; *flags gets IG_PATH_COMPLETE when the walk reached the top within
 * IG_PATH_PARTS. Every path through the loop has the same slot index at each step, so the
 * verifier can prune equal states (a separate component counter made 6.12's verifier
 * explore every combination of crossings). */
static __always_inline __u32 walk_path(struct dentry *d, struct vfsmount *vm,
				       struct dentry *root_d, struct vfsmount *root_m,
				       bool in_fs, char (*out)[IG_PATH_PART_LEN], __u32 *flags)
{
	__u32 i;
	*flags = 0;
	struct mount *m = (struct mount *)((void *)vm - bpf_core_field_offset(struct mount, mnt));
	for (i = 0; i < IG_PATH_PARTS; i++) {
		out[i][0] = 0;
		if (!in_fs && d == root_d && vm == root_m)
			break;
		if (!in_fs && d == BPF_CORE_READ(vm, mnt_root)) {
			struct mount *parent = BPF_CORE_READ(m, mnt_parent);
			if (parent == m)
				break;
			d = BPF_CORE_READ(m, mnt_mountpoint);
			m = parent;
			vm = (struct vfsmount *)((void *)m + bpf_core_field_offset(struct mount, mnt));
			continue;
		}
		struct dentry *up = BPF_CORE_READ(d, d_parent);
		if (up == d || !up)
			break;
		bpf_probe_read_kernel_str(out[i], IG_PATH_PART_LEN, BPF_CORE_READ(d, d_name.name));
		d = up;
	}
	if (i < IG_PATH_PARTS)
		*flags = IG_PATH_COMPLETE;
	return i;
}

static __always_inline int emit(void *ctx, unsigned long syscall, long signr, int code)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u64 mntns = ig_task_mntns(t);
	if (containers_only && mntns == host_mntns)
		return 0;

	struct ig_seccomp_event *e = bpf_ringbuf_reserve(&ig_events, sizeof(*e), 0);
	if (!e) {
		ig_stat_inc(&ig_stats, IG_STAT_RINGBUF_FULL);
		return 0;
	}
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u64 uid_gid = bpf_get_current_uid_gid();
	e->timestamp_ns = bpf_ktime_get_boot_ns();
	e->mntns = mntns;
	e->syscall = syscall;
	e->signr = signr;
	e->code = (__u32)code;
	e->pid = pid_tgid >> 32;
	e->tid = (__u32)pid_tgid;
	e->uid = (__u32)uid_gid;
	e->gid = uid_gid >> 32;
	e->abi = ig_abi_of(BPF_CORE_READ(t, thread_info.flags), TI_STATUS_CORE(t), (long)syscall);
	e->_pad = 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	ig_task_cgroup_name(t, e->cgroup, sizeof(e->cgroup));
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf());
	e->ip = REGS_IP(regs);
	struct file *exe = BPF_CORE_READ(t, mm, exe_file);
	struct dentry *d = BPF_CORE_READ(exe, f_path.dentry);
	struct vfsmount *vm = BPF_CORE_READ(exe, f_path.mnt);
	e->exe_parts = 0;
	e->fs_parts = 0;
	e->fs_dev = 0;
	e->exe_flags = 0;
	e->fs_flags = 0;
	if (exe && d && vm) {
		e->exe_parts = walk_path(d, vm, BPF_CORE_READ(t, fs, root.dentry),
					 BPF_CORE_READ(t, fs, root.mnt), false, e->exe, &e->exe_flags);
		if (collect_ustack) {
			e->fs_dev = BPF_CORE_READ(d, d_sb, s_dev);
			e->fs_parts = walk_path(d, vm, NULL, NULL, true, e->fs_path, &e->fs_flags);
		}
	}
	if (collect_ustack) {
		e->ustack_len = bpf_get_stack(ctx, e->ustack, sizeof(e->ustack), BPF_F_USER_STACK);
		e->ids_len = bpf_get_stack(ctx, e->ids, sizeof(e->ids),
					   BPF_F_USER_STACK | BPF_F_USER_BUILD_ID);
	} else {
		e->ustack_len = 0;
		e->ids_len = 0;
	}
	bpf_ringbuf_submit(e, 0);
	return 0;
}

SEC("kprobe/audit_seccomp")
int BPF_KPROBE(ig_audit_seccomp_kprobe, unsigned long syscall, long signr, int code)
{
	return emit(ctx, syscall, signr, code);
}

SEC("fentry/audit_seccomp")
int BPF_PROG(ig_audit_seccomp_fentry, unsigned long syscall, long signr, int code)
{
	return emit(ctx, syscall, signr, code);
}

SEC("tracepoint/sched/sched_process_exit")
int ig_task_exit(void *ctx)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	__u64 mntns = ig_task_mntns(t);
	if (mntns == host_mntns || mntns == 0)
		return 0;
	__u32 zero = 0;
	struct ig_exited_task *v = bpf_map_lookup_elem(&ig_exit_scratch, &zero);
	if (!v)
		return 0;
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)pid_tgid;
	v->mntns = mntns;
	v->exit_ns = bpf_ktime_get_boot_ns();
	v->tgid = pid_tgid >> 32;
	v->exit_code = BPF_CORE_READ(t, exit_code);
	bpf_get_current_comm(v->comm, sizeof(v->comm));
	ig_task_cgroup_name(t, v->cgroup, sizeof(v->cgroup));
	if (bpf_map_update_elem(&ig_exited, &tid, v, BPF_ANY))
		ig_stat_inc(&ig_stats, IG_STAT_EXITS_FULL);
	return 0;
}

/*
 * User stacks where kprobes are missing: taken in the task's own context at the points
 * where the kernel passes with the task still alive and its registers intact. Seccomp runs
 * before the sys_enter tracepoint: a LOG lets the syscall through (sys_enter fires), an ERRNO
 * skips it (sys_exit fires with the error), a kill or trap sends the task SIGSYS
 * (signal_generate fires in the task itself).
 *
 * Which calls get a stack, two ways (ustack_by_cache, chosen by user space):
 * - by the kernel's own seccomp cache (5.11+): a task under a filter gets a stack for every
 *   call outside the set its filters allow whatever the arguments (the set seccomp itself
 *   skips the filters for); user space keeps it only if an audit record matches. No profile
 *   and no listing needed, so a container's very first syscall is covered.
 * - by watch set (kernels without the cache): only watched mount namespaces, only for the
 *   syscalls their own seccomp profile logs or kills (read by user space from the runtime).
 */
const volatile __u8 ustack_by_cache = 0;

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, struct ig_syscall_set);
} ig_ustack_watch SEC(".maps");

/* Mount namespaces announced to user space (IG_STACK_AT_NEW_NS), by unique id. Value: 0 once
 * user space holds the namespace, else when it was last announced (boot ns): until user space
 * holds it, it is announced again at most once per IG_ANNOUNCE_EVERY_NS, so a runtime task that
 * exited before user space could open its namespace does not lose the container. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u64);
	__type(value, __u64);
} ig_ustack_seen SEC(".maps");

#define IG_ANNOUNCE_EVERY_NS 1000000ULL

/* The executable each process's stacks last reported the place of (its struct file), by
 * tgid: a process's next stacks leave the place out (fs_parts 0) until its executable
 * changes, and user space reuses the one it was told. Walking the path costs more than the
 * stack itself. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, __u64);
} ig_exe_told SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 4 << 20);
} ig_stacks SEC(".maps");

#define IG_SIGSYS 31

static __always_inline int emit_stack(void *ctx, __u64 mntns, long nr, __u64 ip, __u32 point,
				      __u32 abi)
{
	struct ig_stack_event *e = bpf_ringbuf_reserve(&ig_stacks, sizeof(*e), 0);
	if (!e) {
		ig_stat_inc(&ig_stats, IG_STAT_RINGBUF_FULL);
		return 0;
	}
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	e->timestamp_ns = bpf_ktime_get_boot_ns();
	e->mntns = mntns;
	e->ip = ip;
	e->syscall = (__u64)nr;
	e->pid = pid_tgid >> 32;
	e->tid = (__u32)pid_tgid;
	e->abi = abi;
	e->point = point;
	e->fs_dev = 0;
	e->fs_flags = 0;
	e->fs_parts = 0;
	e->_pad2 = 0;
	if (point == IG_STACK_AT_NEW_NS) {
		e->ustack_len = 0;
		e->ids_len = 0;
	} else {
		e->ustack_len = bpf_get_stack(ctx, e->ustack, sizeof(e->ustack), BPF_F_USER_STACK);
		e->ids_len = bpf_get_stack(ctx, e->ids, sizeof(e->ids),
					   BPF_F_USER_STACK | BPF_F_USER_BUILD_ID);
		/* The executable's place on its file system: user space finds it there by build
		 * id even when the task (killed at its first syscall, say) is gone before its
		 * maps or its container's root could be opened. */
		struct task_struct *t = (struct task_struct *)bpf_get_current_task();
		struct file *exe = BPF_CORE_READ(t, mm, exe_file);
		__u32 tgid = pid_tgid >> 32;
		__u64 told = (__u64)exe;
		__u64 *last = bpf_map_lookup_elem(&ig_exe_told, &tgid);
		if (exe && !(last && *last == told)) {
			struct dentry *d = BPF_CORE_READ(exe, f_path.dentry);
			struct vfsmount *vm = BPF_CORE_READ(exe, f_path.mnt);
			if (d && vm) {
				e->fs_dev = BPF_CORE_READ(d, d_sb, s_dev);
				e->fs_parts = walk_path(d, vm, NULL, NULL, true, e->fs_path,
							&e->fs_flags);
				bpf_map_update_elem(&ig_exe_told, &tgid, &told, BPF_ANY);
			}
		}
	}
	bpf_ringbuf_submit(e, 0);
	return 0;
}

static __always_inline int take_stack(void *ctx, struct task_struct *t, __u64 mntns, long nr,
				      __u64 ip, __u32 point)
{
	struct ig_syscall_set *set = bpf_map_lookup_elem(&ig_ustack_watch, &mntns);
	if (!set)
		return 0;
	__u32 abi = ig_abi_of(BPF_CORE_READ(t, thread_info.flags), TI_STATUS_CORE(t), nr);
	long n = abi == IG_ABI_X32 ? (nr & ~(long)IG_X32_SYSCALL_BIT) : nr;
	if (n < 0 || n >= IG_SYSCALL_BITS || abi >= IG_ABI_SLOTS)
		return 0;
	if (!(set->bits[abi][(__u32)n >> 5] & (1U << ((__u32)n & 31))))
		return 0;
	return emit_stack(ctx, mntns, nr, ip, point, abi);
}

#if defined(__TARGET_ARCH_x86)
#define TI_STATUS_BTF(t) ((t)->thread_info.status)
#else
#define TI_STATUS_BTF(t) 0
#endif

/* Word `w` of a cache bitmap, by direct BTF loads (constant indexes: no helper call). */
#define IG_CACHE_WORD(arr, w)                                                                  \
	({                                                                                     \
		unsigned long __v = 0;                                                         \
		switch (w) {                                                                   \
		case 0: __v = arr[0]; break;                                                   \
		case 1: __v = arr[1]; break;                                                   \
		case 2: __v = arr[2]; break;                                                   \
		case 3: __v = arr[3]; break;                                                   \
		case 4: __v = arr[4]; break;                                                   \
		case 5: __v = arr[5]; break;                                                   \
		case 6: __v = arr[6]; break;                                                   \
		case 7: __v = arr[7]; break;                                                   \
		}                                                                              \
		__v;                                                                           \
	})

/* Whether the kernel's cache says every filter of the task allows syscall `nr` of ABI slot
 * `abi` whatever its arguments (then seccomp ran no filter and logged nothing). x32 numbers
 * are never cached by the kernel. */
static __always_inline bool ig_cached_allow(struct seccomp_filter *f, __u32 abi, long nr)
{
	if (nr < 0)
		return false;
	__u32 w = (__u64)nr >> 6;
	unsigned long bit = 1UL << ((__u64)nr & 63);
	if (abi == IG_ABI_NATIVE) {
		if (w >= bpf_core_field_size(f->cache.allow_native) / 8)
			return false;
		return IG_CACHE_WORD(f->cache.allow_native, w) & bit;
	}
	if (abi == IG_ABI_COMPAT && bpf_core_field_exists(f->cache.allow_compat)) {
		if (w >= bpf_core_field_size(f->cache.allow_compat) / 8)
			return false;
		return IG_CACHE_WORD(f->cache.allow_compat, w) & bit;
	}
	return false;
}

/* Whether a filter of the chain was loaded with SECCOMP_FILTER_FLAG_LOG (without it, an
 * ERRNO, TRACE or USER_NOTIF result is not logged, so a failed call needs no stack). */
static __always_inline bool ig_chain_logs(struct seccomp_filter *f)
{
	for (int i = 0; i < 8; i++) {
		if (!f)
			return false;
		if (f->log)
			return true;
		f = f->prev;
	}
	return f != NULL; /* deeper than looked at: it may */
}

/* The first syscall of a mount namespace (by its unique id) not yet announced. */
static __always_inline void ig_announce_ns(void *ctx, struct task_struct *t, __u64 mntns, long nr)
{
	struct mnt_namespace *mnt = t->nsproxy->mnt_ns;
	__u64 uid;
	if (bpf_core_field_exists(mnt->ns.ns_id))
		uid = mnt->ns.ns_id;
	else
		uid = mnt->seq;
	__u64 *last = bpf_map_lookup_elem(&ig_ustack_seen, &uid);
	if (last && *last == 0)
		return;
	__u64 now = bpf_ktime_get_boot_ns();
	if (last && now - *last < IG_ANNOUNCE_EVERY_NS)
		return;
	bpf_map_update_elem(&ig_ustack_seen, &uid, &now, BPF_ANY);
	/* ip carries the unique id, which user space sets to 0 once it holds the namespace. */
	emit_stack(ctx, mntns, nr, uid, IG_STACK_AT_NEW_NS, IG_ABI_NATIVE);
}

static __always_inline int take_stack_by_cache(void *ctx, struct task_struct *t, __u64 mntns,
					       long nr, struct pt_regs *regs, __u32 point)
{
	int mode = t->seccomp.mode;
	/* A kill sets the mode to SECCOMP_MODE_DEAD before it sends the SIGSYS; the skipped
	 * call then passes sys_exit before the task dies. signal_generate runs with interrupts
	 * off, where the kernel gives no build ids (only addresses), so the killed call gets a
	 * second stack at sys_exit, with build ids: a task gone before user space reads its
	 * maps is still named through its files. */
	bool killed = mode == IG_SECCOMP_MODE_DEAD &&
		      (point == IG_STACK_AT_SIGSYS || point == IG_STACK_AT_SYS_EXIT);
	if (mode != IG_SECCOMP_MODE_FILTER && !killed) {
		if (point == IG_STACK_AT_SYS_ENTER && mntns != host_mntns)
			ig_announce_ns(ctx, t, mntns, nr);
		return 0;
	}
	struct seccomp_filter *f = t->seccomp.filter;
	if (!f)
		return 0;
	__u32 abi = ig_abi_of(t->thread_info.flags, TI_STATUS_BTF(t), nr);
	if (!killed && point != IG_STACK_AT_SIGSYS && ig_cached_allow(f, abi, nr))
		return 0;
	if (!killed && point == IG_STACK_AT_SYS_EXIT && !ig_chain_logs(f))
		return 0;
	return emit_stack(ctx, mntns, nr, REGS_IP(regs), point, abi);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(ig_ustack_sys_enter, struct pt_regs *regs, long id)
{
	struct task_struct *t = bpf_get_current_task_btf();
	__u64 mntns = t->nsproxy->mnt_ns->ns.inum; /* direct BTF loads: no helper calls */
	if (mntns == host_mntns && containers_only)
		return 0;
	if (ustack_by_cache)
		return take_stack_by_cache(ctx, t, mntns, id, regs, IG_STACK_AT_SYS_ENTER);
	return take_stack(ctx, t, mntns, id, REGS_IP(regs), IG_STACK_AT_SYS_ENTER);
}

SEC("tp_btf/sys_exit")
int BPF_PROG(ig_ustack_sys_exit, struct pt_regs *regs, long ret)
{
	struct task_struct *t = bpf_get_current_task_btf();
	/* A killed call was rolled back (its return value is its number): kept by the mode. */
	if (ret >= 0 && !(ustack_by_cache && t->seccomp.mode == IG_SECCOMP_MODE_DEAD))
		return 0;
	__u64 mntns = t->nsproxy->mnt_ns->ns.inum; /* direct BTF loads: no helper calls */
	if (mntns == host_mntns && containers_only)
		return 0;
	if (ustack_by_cache)
		return take_stack_by_cache(ctx, t, mntns, (long)REGS_NR(regs), regs,
					   IG_STACK_AT_SYS_EXIT);
	return take_stack(ctx, t, mntns, (long)REGS_NR(regs), REGS_IP(regs), IG_STACK_AT_SYS_EXIT);
}

SEC("tp_btf/signal_generate")
int BPF_PROG(ig_ustack_sigsys, int sig, void *info, struct task_struct *task, int group,
	     int result)
{
	struct task_struct *t = bpf_get_current_task_btf();
	if (sig != IG_SIGSYS || task != t)
		return 0;
	__u64 mntns = t->nsproxy->mnt_ns->ns.inum;
	if (mntns == host_mntns && containers_only)
		return 0;
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(t);
	if (ustack_by_cache)
		return take_stack_by_cache(ctx, t, mntns, (long)REGS_NR(regs), regs,
					   IG_STACK_AT_SIGSYS);
	return take_stack(ctx, t, mntns, (long)REGS_NR(regs), REGS_IP(regs), IG_STACK_AT_SIGSYS);
}
