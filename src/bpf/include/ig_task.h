/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers that read the current task: mount namespace, ABI of the running syscall. */
#ifndef IG_TASK_H
#define IG_TASK_H

#define IG_TS_COMPAT 0x0002      /* x86 thread_info.status: in a 32-bit syscall */
#define IG_TIF_32BIT (1UL << 22) /* arm64 thread_info.flags: 32-bit task */
#define IG_SECCOMP_MODE_FILTER 2
#define IG_SECCOMP_MODE_DEAD 3 /* set by a seccomp kill (5.9+) */

static __always_inline __u64 ig_task_mntns(struct task_struct *task)
{
	return BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
}

/* A mount namespace's id that is never reused during the boot. Inode numbers are reused as
 * soon as a namespace is freed, so a map keyed by them would hand a dead container's
 * syscalls to the next namespace that gets its number. */
static __always_inline __u64 ig_mntns_uid(struct mnt_namespace *mnt)
{
	if (bpf_core_field_exists(mnt->ns.ns_id))
		return BPF_CORE_READ(mnt, ns.ns_id);
	return BPF_CORE_READ(mnt, seq);
}

/* ABI slot of a syscall, from the thread status/flags word and the raw number. */
static __always_inline __u32 ig_abi_of(unsigned long ti_flags, __u32 ti_status, long nr)
{
#if defined(__TARGET_ARCH_x86)
	if (ti_status & IG_TS_COMPAT)
		return IG_ABI_COMPAT;
	if (nr & IG_X32_SYSCALL_BIT)
		return IG_ABI_X32;
#elif defined(__TARGET_ARCH_arm64)
	if (ti_flags & IG_TIF_32BIT)
		return IG_ABI_COMPAT;
#endif
	return IG_ABI_NATIVE;
}

/* Name of the task's cgroup directory: on the default (v2) hierarchy, or on the memory
 * controller's where the v2 one is the root (cgroup v1 hosts). */
static __always_inline void ig_task_cgroup_name(struct task_struct *task, char *buf, __u32 len)
{
	const char *name = BPF_CORE_READ(task, cgroups, dfl_cgrp, kn, name);
	if (bpf_probe_read_kernel_str(buf, len, name) <= 2 || buf[0] == '/') {
		int mem = bpf_core_enum_value(enum cgroup_subsys_id, memory_cgrp_id);
		if (mem >= 0 && mem < 12) {
			struct css_set *cset = BPF_CORE_READ(task, cgroups);
			struct cgroup_subsys_state *css = NULL;
			bpf_core_read(&css, sizeof(css), &cset->subsys[mem]);
			name = BPF_CORE_READ(css, cgroup, kn, name);
			bpf_probe_read_kernel_str(buf, len, name);
		}
	}
}

static __always_inline void ig_stat_inc(void *stats_map, __u32 idx)
{
	__u64 *c = bpf_map_lookup_elem(stats_map, &idx);
	if (c)
		*c += 1;
}

#endif
