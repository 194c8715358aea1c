/* Workload for bench/audit_rate.sh, run inside a container whose seccomp profile logs
 * mkdir/mkdirat (SCMP_ACT_LOG): makes N mkdir(2) calls (mkdir or mkdirat, as libc chooses) as fast as it can, each followed by an
 * rmdir(2) of the same directory (not logged), and prints when it started and how long it took.
 * Build static (gcc -static -O2) so it runs in any image.
 * usage: mkdir_burst N [DIR]     (DIR defaults to /tmp)
 * output (one line): mkdir_burst: n=N ok=OK start_unix_ns=T elapsed_ns=E */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long long ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s N [DIR]\n", argv[0]);
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	if (n <= 0) {
		fprintf(stderr, "N must be a positive number\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof(path), "%s/mkdir_burst.%d", dir, (int)getpid());
	long ok = 0;
	long long start_unix = ns(CLOCK_REALTIME);
	long long t0 = ns(CLOCK_MONOTONIC);
	for (long i = 0; i < n; i++) {
		if (mkdir(path, 0700) == 0)
			ok++;
		rmdir(path);
	}
	long long t1 = ns(CLOCK_MONOTONIC);
	printf("mkdir_burst: n=%ld ok=%ld start_unix_ns=%lld elapsed_ns=%lld\n", n, ok, start_unix,
	       t1 - t0);
	fflush(stdout);
	return ok == n ? 0 : 1;
}
