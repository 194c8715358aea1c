/* Test program for --collect-ustack: main -> level1 -> level2 -> level3 -> a syscall made
 * by level3 itself (inline asm, so no libc wrapper without frame pointers hides level3).
 * Build: gcc -O0 -g -fno-omit-frame-pointer. Usage: levels log|kill
 * "log" calls mkdir (logged by the test's profile), "kill" calls unshare (killed). */
#include <stdio.h>
#include <string.h>

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

int main(int argc, char **argv)
{
	int kill = argc > 1 && strcmp(argv[1], "kill") == 0;
	printf("%ld\n", level1(kill));
	return 0;
}
