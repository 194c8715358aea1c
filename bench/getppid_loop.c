/* Per-syscall cost probe for bench/advisor_overhead.sh: makes N getppid(2) calls in a tight
 * loop (raw syscall(2), so libc cannot cache or elide it) and prints the mean cost per call.
 * usage: getppid_loop N
 * output (one line): getppid_loop: calls=N ns_per_syscall=X.XX */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
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
	if (argc != 2) {
		fprintf(stderr, "usage: %s N\n", argv[0]);
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	if (n <= 0) {
		fprintf(stderr, "N must be a positive number\n");
		return 2;
	}
	/* Warm up caches, the branch predictors and the CPU frequency. */
	for (long i = 0; i < n / 10; i++)
		syscall(SYS_getppid);
	double t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	double t1 = now_ns();
	printf("getppid_loop: calls=%ld ns_per_syscall=%.2f\n", n, (t1 - t0) / (double)n);
	fflush(stdout);
	return 0;
}
