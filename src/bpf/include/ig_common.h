/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The record formats shared by ig's eBPF programs and its user space (src/bpf/records.rs).
 * One header for both sides: build.rs compiles a layout check against this file and the Rust
 * mirror asserts the same sizes and offsets at compile time.
 */
#ifndef IG_COMMON_H
#define IG_COMMON_H

/* Syscall bitmaps: one per ABI slot, 1024 bits each (every table today ends below 600). */
#define IG_SYSCALL_BITS 1024
#define IG_SYSCALL_WORDS (IG_SYSCALL_BITS / 32)
#define IG_ABI_NATIVE 0 /* x86_64 or aarch64 */
#define IG_ABI_COMPAT 1 /* i386 on x86_64, arm on aarch64 */
#define IG_ABI_X32 2    /* x86_64 task using the x32 ABI (syscall number has bit 30 set) */
#define IG_ABI_SLOTS 3
#define IG_X32_SYSCALL_BIT 0x40000000

/* Default size of the per-mount-namespace map; user space may override it at load. */
#define IG_MAX_MNTNS_DEFAULT 8192

/* ig_mntns_syscalls.flags */
#define IG_FLAG_NR_OUT_OF_RANGE 1 /* a syscall number >= IG_SYSCALL_BITS was seen */
#define IG_FLAG_EXEC_SEEN 2       /* a task of the namespace entered execve */

/* Bytes kept of a cgroup directory name (container ids are 64 hex digits, plus decorations
 * such as "docker-" / "cri-containerd-" and ".scope"). */
#define IG_CGROUP_NAME_LEN 128

/* Value of the advisor's per-mount-namespace map, keyed by the namespace's unique id
 * (ns_common.ns_id, or mnt_namespace.seq on older kernels), not by its reusable inode. */
struct ig_mntns_syscalls {
	/* every syscall a task of this mount namespace entered */
	__u32 seen[IG_ABI_SLOTS][IG_SYSCALL_WORDS];
	/* the subset entered while the task already had a seccomp filter (seccomp.mode == 2) */
	__u32 filtered[IG_ABI_SLOTS][IG_SYSCALL_WORDS];
	/* the subset entered from the namespace's first execve on (the runtime's own process
	 * ends by executing the container's entrypoint) */
	__u32 after_exec[IG_ABI_SLOTS][IG_SYSCALL_WORDS];
	/* bpf_ktime_get_boot_ns() when the namespace was first seen */
	__u64 first_seen_ns;
	/* inode number of the namespace (/proc/PID/ns/mnt), reusable after it is freed */
	__u64 mntns;
	__u32 flags;
	/* tgid of the first task seen in the namespace */
	__u32 first_tgid;
	/* cgroup directory name of that first task (the container runtime puts a container's
	 * first process in the container's cgroup before creating its namespaces), so user
	 * space can tell the container even after it has exited */
	char cgroup[IG_CGROUP_NAME_LEN];
};

#define IG_TASK_COMM_LEN 16

/* Phase of a syscall's first use in a mount namespace (ig_first_use.phase). */
#define IG_PHASE_RUNTIME 1   /* before the task had a seccomp filter: the runtime's set-up */
#define IG_PHASE_CONTAINER 2 /* under a seccomp filter: the container's own processes */
#define IG_EXE_NAME_LEN 64

/* Sent once per (namespace, ABI, syscall, phase), when the syscall's bit goes from 0 to 1:
 * who made the call first. Cheap because it happens a few hundred times per container. */
struct ig_first_use {
	__u64 key;     /* the namespace's unique id (ig_syscalls key) */
	__u64 time_ns; /* bpf_ktime_get_boot_ns */
	__u32 pid;     /* tgid */
	__u32 tid;
	__u32 abi;     /* IG_ABI_* */
	__u32 nr;      /* without the x32 bit */
	__u32 phase;   /* IG_PHASE_* */
	__u32 _pad;
	char comm[IG_TASK_COMM_LEN];
	char exe[IG_EXE_NAME_LEN]; /* file name of the task's executable (mm->exe_file) */
};

/* Indexes of the per-CPU statistics counters. */
#define IG_STAT_MAP_FULL 0      /* a new mount namespace could not be inserted: map full */
#define IG_STAT_NR_RANGE 1      /* syscall numbers out of bitmap range */
#define IG_STAT_RINGBUF_FULL 2  /* ring buffer reservation failed: event lost */
#define IG_STAT_EXITS_FULL 3    /* exited-task map insert failed */
#define IG_STAT_ARGS_FULL 4     /* --learn-args: a counter entry could not be inserted */
#define IG_STAT_COUNT 5

/* --learn-args: argument values of a few syscalls, per mount namespace (src/gadgets/advise_seccomp/ig_args.h). */
#define IG_ARG_SLOTS 6               /* socket, clone, personality, ioctl, prctl, setsockopt */
#define IG_ARG_NONE 0xffffffff       /* no syscall / no second argument */
#define IG_ARG_VALUES_MAX_DEFAULT 64 /* distinct values kept per syscall and namespace */
#define IG_ARG_MAP_DEFAULT 16384     /* entries of the value map, shared by all namespaces */
/* ig_arg_values value: how the value was seen (mirrors the three syscall bitmaps) */
#define IG_ARG_SEEN 1
#define IG_ARG_FILTERED 2
#define IG_ARG_AFTER_EXEC 4
/* ig_arg_count.overflow */
#define IG_ARG_OVER_LIMIT 1 /* more distinct values than arg_values_max */
#define IG_ARG_OVER_MAP 2   /* the value map was full */

/* Which syscalls are learned and how a value is formed from their arguments (set by user
 * space before load): value = (arg[idx[0]] & mask[0]) | (arg[idx[1]] & mask[1]) << 32. */
struct ig_arg_config {
	__u32 nr[IG_ARG_SLOTS][IG_ABI_SLOTS]; /* syscall number per ABI slot, or IG_ARG_NONE */
	__u32 idx[IG_ARG_SLOTS][2];           /* argument indexes; idx[s][1] may be IG_ARG_NONE */
	__u64 mask[IG_ARG_SLOTS][2];
};

/* Key of one distinct value (no padding: it is hashed as bytes). */
struct ig_arg_key {
	__u64 ns;   /* unique mount namespace id, as in ig_syscalls */
	__u32 slot; /* index into ig_arg_config */
	__u32 abi;  /* IG_ABI_* */
	__u64 value;
};

/* Key and value of the per-(namespace, syscall, ABI) counter. */
struct ig_arg_count_key {
	__u64 ns;
	__u32 slot;
	__u32 abi;
};
struct ig_arg_count {
	__u32 count;
	__u32 overflow; /* IG_ARG_OVER_* */
};

#define IG_MAX_STACK_DEPTH 32

/* A path as the kernel walks it: components from the file up, each cut at
 * IG_PATH_PART_LEN - 1 bytes. */
#define IG_PATH_PARTS 16
#define IG_PATH_PART_LEN 64
#define IG_PATH_COMPLETE 1 /* the walk reached the root (else the path is cut) */

/* One frame as the kernel resolved it at capture time (struct bpf_stack_build_id): the build
 * id of the mapped file and the offset in it, so frames of a task that is gone by the time
 * user space reads them can still be named. */
#define IG_BUILD_ID_SIZE 20
#define IG_BUILD_ID_VALID 1 /* build_id and offset are set */
#define IG_BUILD_ID_IP 2    /* no build id: offset_or_ip is the raw address */
struct ig_build_id_frame {
	__s32 status;
	__u8 build_id[IG_BUILD_ID_SIZE];
	__u64 offset_or_ip;
};

/* audit_seccomp event from the kprobe/fentry source. */
struct ig_seccomp_event {
	__u64 timestamp_ns; /* bpf_ktime_get_boot_ns */
	__u64 mntns;
	__u64 syscall;      /* raw number as the filter saw it (x32 bit kept) */
	__s64 signr;
	__u32 code;         /* SECCOMP_RET_* action | data */
	__u32 pid;          /* tgid */
	__u32 tid;
	__u32 uid;
	__u32 gid;
	__u32 abi;          /* IG_ABI_* */
	__s32 ustack_len;   /* bytes of ustack filled, or negative errno from bpf_get_stack */
	__u32 _pad;
	char comm[IG_TASK_COMM_LEN];
	__u64 ustack[IG_MAX_STACK_DEPTH];
	/* what follows is what audit's own record has, or what is needed once the task is
	 * gone: its cgroup (names the container), its executable as the task sees it
	 * (exe=), and with collect_ustack the stack's build ids and where the executable
	 * lies in its own file system (s_dev and the path from that file system's root) */
	__u64 ip;          /* user instruction pointer (audit ip=) */
	__s32 ids_len;     /* bytes of ids filled, or negative errno */
	__u32 exe_flags;   /* IG_PATH_COMPLETE */
	__u32 exe_parts;   /* components filled in exe */
	__u32 fs_flags;
	__u32 fs_parts;
	__u32 fs_dev;      /* super_block.s_dev of the executable's file system */
	char cgroup[IG_CGROUP_NAME_LEN];
	char exe[IG_PATH_PARTS][IG_PATH_PART_LEN];
	char fs_path[IG_PATH_PARTS][IG_PATH_PART_LEN];
	struct ig_build_id_frame ids[IG_MAX_STACK_DEPTH];
};

/* A set of syscalls per ABI slot (same layout as the advisor's bitmaps). */
struct ig_syscall_set {
	__u32 bits[IG_ABI_SLOTS][IG_SYSCALL_WORDS];
};

/* Where a user stack was taken (ig_stack_event.point). */
#define IG_STACK_AT_SYS_ENTER 1 /* a syscall the filter let through (LOG) */
#define IG_STACK_AT_SYS_EXIT 2  /* a syscall that returned an error (ERRNO-style denial) */
#define IG_STACK_AT_SIGSYS 3    /* the SIGSYS a seccomp kill or trap sends the task itself */
/* No stack: the first syscall seen in a mount namespace, by a task not under a seccomp filter
 * yet (a runtime setting up a container), so user space can keep a handle on the namespace
 * through which the files of the container stay readable after it is gone. `ip` holds the
 * namespace's unique id (the key of ig_ustack_seen, set to 0 there once user space holds it;
 * until then it is announced again, at most once a millisecond). */
#define IG_STACK_AT_NEW_NS 4

/* A user stack taken in the task's own context, joined in user space to the audit record
 * with the same tgid, syscall number and instruction pointer. */
struct ig_stack_event {
	__u64 timestamp_ns;
	__u64 mntns;
	__u64 ip;      /* user instruction pointer after the syscall instruction (audit ip=) */
	__u64 syscall; /* raw number (x32 bit kept) */
	__u32 pid;     /* tgid */
	__u32 tid;
	__u32 abi;
	__u32 point;   /* IG_STACK_AT_* */
	__s32 ustack_len;
	__s32 ids_len; /* bytes of ids filled, or negative errno */
	/* Where the task's executable is, from the root of its own file system (not crossing
	 * mounts) on device fs_dev: how user space finds the file by its build id when the
	 * task is gone before its maps could be read (a process killed at its first syscall). */
	__u32 fs_dev;
	__u32 fs_flags; /* IG_PATH_COMPLETE */
	__u32 fs_parts; /* components filled in fs_path */
	__u32 _pad2;
	__u64 ustack[IG_MAX_STACK_DEPTH];
	struct ig_build_id_frame ids[IG_MAX_STACK_DEPTH];
	char fs_path[IG_PATH_PARTS][IG_PATH_PART_LEN];
};

/* What the exit tracepoint remembers about a container task that exited (key: tid). */
struct ig_exited_task {
	__u64 mntns;
	__u64 exit_ns;     /* bpf_ktime_get_boot_ns */
	__u32 tgid;
	__s32 exit_code;
	char comm[IG_TASK_COMM_LEN];
	/* cgroup directory name (names the container, see ig_mntns_syscalls.cgroup) */
	char cgroup[IG_CGROUP_NAME_LEN];
};

#endif
