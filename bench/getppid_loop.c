/* Per-syscall cost probe for bench/advisor_overhead.sh: makes N getppid(2) calls in a tight
 * loop (raw syscall(2), so libc cannot cache or elide it) and prints the mean cost per call.
 * With "prctl", the calls are prctl(PR_GET_DUMPABLE) instead: a syscall whose argument
 * `--learn-args` records (always the same value, so the kernel's dedup lookup is measured).
 * usage: getppid_loop N [prctl]
 * output (one line): getppid_loop: calls=N ns_per_syscall=X.XX */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 2 && !(argc == 3 && strcmp(argv[2], "prctl") == 0)) {
		fprintf(stderr, "usage: %s N [prctl]\n", argv[0]);
		return 2;
	}
	long nr = argc == 3 ? SYS_prctl : SYS_getppid;
	long n = strtol(argv[1], NULL, 10);
	if (n <= 0) {
		fprintf(stderr, "N must be a positive number\n");
		return 2;
	}
	/* Warm up caches, the branch predictors and the CPU frequency. */
	for (long i = 0; i < n / 10; i++)
		syscall(nr, PR_GET_DUMPABLE, 0, 0, 0, 0);
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(nr, PR_GET_DUMPABLE, 0, 0, 0, 0);
	double t1 = now_ns();
	printf("getppid_loop: calls=%ld ns_per_syscall=%.2f\n", n, (t1 - t0) / (double)n);
	fflush(stdout);
	return 0;
}
