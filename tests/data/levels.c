/* Test program for --collect-ustack: main -> level1 -> level2 -> level3 -> a syscall made
 * by level3 itself (inline asm, so no libc wrapper without frame pointers hides level3).
 * Build: gcc -O0 -g -fno-omit-frame-pointer. Usage: levels log|kill
 * "log" calls mkdir (logged by the test's profile), "kill" calls unshare (killed).
 * With -DFIRST_SYSCALL -static -nostdlib -fno-stack-protector: no libc at all, so that call
 * is the process's very first syscall after execve (then it exits). */
#ifndef FIRST_SYSCALL
#include <stdio.h>
#include <string.h>
#endif

__attribute__((noinline)) long level3(int kill)
{
	long ret;
#if defined(__x86_64__)
	long nr = kill ? 272 /* unshare */ : 83 /* mkdir */;
	long a = kill ? 0x08000000 /* CLONE_NEWIPC */ : (long)"/tmp/ig-ustack-test";
	long b = 0700;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b) : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = kill ? 97 /* unshare */ : 34 /* mkdirat */;
	register long x0 __asm__("x0") = kill ? 0x08000000 : -100 /* AT_FDCWD */;
	register long x1 __asm__("x1") = (long)"/tmp/ig-ustack-test";
	register long x2 __asm__("x2") = 0700;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	ret = x0;
#endif
	return ret;
}

__attribute__((noinline)) long level2(int kill) { return level3(kill) + 1; }
__attribute__((noinline)) long level1(int kill) { return level2(kill) + 1; }

#ifdef STRIPPED_COPY
/* Makes the stripped build differ from the debug one, so no file shares its build id. */
volatile int stripped_copy = 1;
#endif

#ifdef FIRST_SYSCALL
int main(int argc, char **argv)
{
	int kill = argc > 1 && argv[1][0] == 'k';
	level1(kill);
	return 0;
}

/* The entry point: clears the frame pointer (the stack walk ends here), passes the initial
 * stack (argc, argv) to ig_start, which runs main and exits. */
#if defined(__x86_64__)
__asm__(".text\n.global _start\n_start:\n\txor %rbp, %rbp\n\tmov %rsp, %rdi\n"
	"\tand $-16, %rsp\n\tcall ig_start\n\thlt\n");
#elif defined(__aarch64__)
__asm__(".text\n.global _start\n_start:\n\tmov x29, #0\n\tmov x30, #0\n\tmov x0, sp\n"
	"\tbl ig_start\n");
#endif

__attribute__((noinline, used)) void ig_start(long *sp)
{
	long code = main((int)sp[0], (char **)(sp + 1));
#if defined(__x86_64__)
	__asm__ volatile("syscall" : : "a"(60 /* exit */), "D"(code) : "rcx", "r11", "memory");
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = 93; /* exit */
	register long x0 __asm__("x0") = code;
	__asm__ volatile("svc #0" : : "r"(x8), "r"(x0) : "memory");
#endif
	for (;;)
		;
}
#else
int main(int argc, char **argv)
{
	int kill = argc > 1 && strcmp(argv[1], "kill") == 0;
	printf("%ld\n", level1(kill));
	return 0;
}
#endif
