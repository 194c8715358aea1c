/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel types ig's programs read, written by hand for CO-RE: every struct is marked
 * preserve_access_index, so field offsets come from the running kernel's BTF at load time,
 * not from this file. Only the fields ig reads are declared.
 */
#ifndef IG_VMLINUX_MIN_H
#define IG_VMLINUX_MIN_H
/* bpf_tracing.h picks kernel pt_regs field names (di, si, ...) when this is defined. */
#define __VMLINUX_H__

typedef unsigned char __u8;
typedef signed char __s8;
typedef unsigned short __u16;
typedef short __s16;
typedef unsigned int __u32;
typedef int __s32;
typedef unsigned long long __u64;
typedef long long __s64;
typedef __u16 __be16;
typedef __u32 __be32;
typedef __u32 __wsum;
typedef __u8 u8;
typedef __u16 u16;
typedef __u32 u32;
typedef __u64 u64;
typedef __s32 pid_t;
typedef _Bool bool;
enum { false = 0, true = 1 };

enum bpf_map_type {
	BPF_MAP_TYPE_HASH = 1,
	BPF_MAP_TYPE_ARRAY = 2,
	BPF_MAP_TYPE_PERCPU_ARRAY = 6,
	BPF_MAP_TYPE_STACK_TRACE = 7,
	BPF_MAP_TYPE_LRU_HASH = 9,
	BPF_MAP_TYPE_RINGBUF = 27,
};

enum {
	BPF_ANY = 0,
	BPF_NOEXIST = 1,
	BPF_EXIST = 2,
};

#define BPF_F_USER_STACK (1ULL << 8)
#define BPF_F_USER_BUILD_ID (1ULL << 11)

#pragma clang attribute push(__attribute__((preserve_access_index)), apply_to = record)

#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	unsigned long r15, r14, r13, r12, bp, bx, r11, r10, r9, r8;
	unsigned long ax, cx, dx, si, di, orig_ax, ip, cs, flags, sp, ss;
};
#elif defined(__TARGET_ARCH_arm64)
struct user_pt_regs {
	__u64 regs[31];
	__u64 sp;
	__u64 pc;
	__u64 pstate;
};
struct pt_regs {
	union {
		struct user_pt_regs user_regs;
		struct {
			__u64 regs[31];
			__u64 sp;
			__u64 pc;
			__u64 pstate;
		};
	};
	__u64 orig_x0;
	__s32 syscallno;
};
#endif

struct thread_info {
	unsigned long flags;
	__u32 status;
};

struct ns_common {
	unsigned int inum;
	u64 ns_id; /* unique for the boot, never reused (6.x) */
};

struct mnt_namespace {
	struct ns_common ns;
	u64 seq; /* unique sequence number (kernels before ns_id) */
};

struct nsproxy {
	struct mnt_namespace *mnt_ns;
};

/* The kernel's per-filter cache of syscalls the filter allows whatever their arguments
 * (since 5.11; absent where the architecture has no SECCOMP_ARCH_NATIVE). Bit N of
 * allow_native set: native syscall N is allowed by this filter and by every older one. */
struct action_cache {
	unsigned long allow_native[8];
	unsigned long allow_compat[8];
};

struct seccomp_filter {
	bool log; /* loaded with SECCOMP_FILTER_FLAG_LOG */
	struct action_cache cache;
	struct seccomp_filter *prev;
};

struct seccomp {
	int mode;
	struct seccomp_filter *filter;
};

struct kernfs_node {
	const char *name;
};

struct cgroup {
	struct kernfs_node *kn;
};

struct cgroup_subsys_state {
	struct cgroup *cgroup;
};

struct css_set {
	struct cgroup_subsys_state *subsys[12];
	struct cgroup *dfl_cgrp;
};

enum cgroup_subsys_id {
	memory_cgrp_id = 4,
};

/* The executable's path, walked in the kernel (audit_seccomp's exe=). */
struct qstr {
	const unsigned char *name;
};
struct super_block {
	unsigned int s_dev;
};
struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
	struct super_block *d_sb;
};
struct vfsmount {
	struct dentry *mnt_root;
};
struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
};
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};
struct file {
	struct path f_path;
};
struct mm_struct {
	struct file *exe_file;
};
struct fs_struct {
	struct path root;
};
struct task_struct {
	struct thread_info thread_info;
	unsigned int flags;
	int exit_code;
	pid_t pid;
	pid_t tgid;
	struct task_struct *group_leader;
	u64 start_time;
	char comm[16];
	struct mm_struct *mm;
	struct nsproxy *nsproxy;
	struct seccomp seccomp;
	struct css_set *cgroups;
	struct fs_struct *fs;
};

#pragma clang attribute pop

#endif
