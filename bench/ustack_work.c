/* Workload for bench/ustack_cost.sh, run inside a container whose seccomp profile logs
 * mkdir/mkdirat (SCMP_ACT_LOG) and nothing else. Built dynamically linked with frame pointers
 * and debug info (gcc -O2 -g -fno-omit-frame-pointer), so that ig --collect-ustack can walk and
 * name its stack: main -> work_run -> work_batch -> work_mkdir -> mkdir (libc) -> syscall.
 * Seen in the kernel: mkdir; work_batch; work_run; main; __libc_start_call_main (see below).
 *
 * usage: ustack_work mkdir N BATCH PAUSE_US DIR [HOLD_MS]
 *          N logged mkdir(2) calls in batches of BATCH distinct directories under DIR: each
 *          batch's mkdirs are timed back to back, then removed with rmdir(2) (untimed, not
 *          logged), then the program sleeps PAUSE_US microseconds, so a tracer reading the
 *          records and stacks can keep up. One untimed warm-up batch comes first; N=0 makes
 *          only that batch (`mkdir 0 1 0 DIR`: exactly one mkdir). After printing, it stays
 *          alive HOLD_MS milliseconds (default 0), so a tracer can still read its
 *          /proc/PID/maps for the last stacks.
 *          output: ustack_work: op=mkdir calls=C timed=N ok=OK ns_per_op=X median_ns_per_op=Y
 *          (C = every mkdir made, warm-up included: the number of records to expect; X = all
 *          timed batches' ns / N; Y = the median batch's ns / its size, which leaves out the
 *          batches in which the program was preempted)
 *        ustack_work getppid N
 *          N raw getppid(2) calls in a tight loop (not logged), after a 10 % warm-up.
 *          output: ustack_work: op=getppid calls=N ns_per_op=X
 * Exit status 0 only if every mkdir succeeded. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCH 1000

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static char names[MAX_BATCH][256];
static volatile long sink;

/* The call levels are not tail calls (the result is used after the call), so each keeps its
 * frame. work_mkdir itself is not on the stack the kernel sees: libc's mkdir wrapper does not
 * set up a frame, so the walk goes from mkdir's ip straight to work_mkdir's caller. */
__attribute__((noinline)) static int work_mkdir(const char *path)
{
	int r = mkdir(path, 0700);
	sink += r;
	return r == 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Makes b mkdirs back to back; returns their elapsed ns. */
__attribute__((noinline)) static long long work_batch(int b, long *ok)
{
	long long t0 = now_ns();
	for (int i = 0; i < b; i++)
		*ok += work_mkdir(names[i]);
	long long t1 = now_ns();
	for (int i = 0; i < b; i++)
		rmdir(names[i]);
	sink += b;
	return t1 - t0;
}

__attribute__((noinline)) static int work_run(long n, int batch, long pause_us, const char *dir,
					     long hold_ms)
{
	for (int i = 0; i < batch; i++)
		snprintf(names[i], sizeof(names[i]), "%s/uw.%d.%d", dir, (int)getpid(), i);
	struct timespec pause = { pause_us / 1000000, (pause_us % 1000000) * 1000 };
	long ok = 0, calls = 0, warm = 0;
	/* Warm-up: caches, branch predictors, the tracer's first stack. */
	work_batch(batch, &warm);
	calls += batch;
	if (pause_us > 0)
		nanosleep(&pause, NULL);
	long long total = 0;
	long done = 0, nb = 0;
	double *per_op = malloc(sizeof(double) * (size_t)(n / batch + 1));
	if (!per_op)
		return 1;
	while (done < n) {
		int b = n - done < batch ? (int)(n - done) : batch;
		long long t = work_batch(b, &ok);
		total += t;
		per_op[nb++] = (double)t / b;
		done += b;
		calls += b;
		if (pause_us > 0 && done < n)
			nanosleep(&pause, NULL);
	}
	qsort(per_op, (size_t)nb, sizeof(double), cmp_double);
	double med = nb == 0 ? 0.0 : nb % 2 ? per_op[nb / 2] : (per_op[nb / 2 - 1] + per_op[nb / 2]) / 2;
	free(per_op);
	printf("ustack_work: op=mkdir calls=%ld timed=%ld ok=%ld ns_per_op=%.2f median_ns_per_op=%.2f\n",
	       calls, n, ok, n > 0 ? (double)total / (double)n : 0.0, med);
	fflush(stdout);
	if (hold_ms > 0) {
		struct timespec hold = { hold_ms / 1000, (hold_ms % 1000) * 1000000 };
		nanosleep(&hold, NULL);
	}
	return ok == n && warm == batch ? 0 : 1;
}

__attribute__((noinline)) static int work_getppid(long n)
{
	for (long i = 0; i < n / 10; i++)
		syscall(SYS_getppid);
	long long t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	long long t1 = now_ns();
	printf("ustack_work: op=getppid calls=%ld ns_per_op=%.2f\n", n, (double)(t1 - t0) / (double)n);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	if ((argc == 6 || argc == 7) && strcmp(argv[1], "mkdir") == 0) {
		long n = strtol(argv[2], NULL, 10), pause_us = strtol(argv[4], NULL, 10);
		long hold_ms = argc == 7 ? strtol(argv[6], NULL, 10) : 0;
		int batch = (int)strtol(argv[3], NULL, 10);
		if (n < 0 || batch <= 0 || batch > MAX_BATCH || pause_us < 0 || hold_ms < 0) {
			fprintf(stderr, "N >= 0, 0 < BATCH <= %d, PAUSE_US >= 0, HOLD_MS >= 0\n", MAX_BATCH);
			return 2;
		}
		int r = work_run(n, batch, pause_us, argv[5], hold_ms);
		sink += r; /* not a tail call: main keeps its frame on the stack */
		return r;
	}
	if (argc == 3 && strcmp(argv[1], "getppid") == 0) {
		long n = strtol(argv[2], NULL, 10);
		if (n <= 0) {
			fprintf(stderr, "N must be a positive number\n");
			return 2;
		}
		return work_getppid(n);
	}
	fprintf(stderr, "usage: %s mkdir N BATCH PAUSE_US DIR [HOLD_MS] | getppid N\n", argv[0]);
	return 2;
}
