/* Test program for a hostile container (tests/hostile_container.rs). Before the syscall its
 * seccomp profile kills, it turns every path ig might read into a trap:
 *   its own executable (argv[0]) becomes a symlink to EXE_TARGET (a host file or FIFO);
 *   each library directory gets a FIFO, a link to /dev/zero, links to host files and a
 *   1 TiB sparse .so; the libc it mapped is replaced by a link to the host FIFO.
 * Usage: hostile EXE_TARGET HOST_FIFO HOST_FILE
 * Build: gcc -O0 -g -fno-omit-frame-pointer (dynamically linked: libraries are mapped). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dirs[] = { "/lib", "/lib64", "/usr/lib", "/lib/x86_64-linux-gnu",
			      "/usr/lib/x86_64-linux-gnu", "/usr/local/lib" };

static void trap_dir(const char *dir, const char *fifo, const char *file)
{
	char p[512];
	mkdir(dir, 0755);
	snprintf(p, sizeof p, "%s/libfifo.so", dir);
	mkfifo(p, 0644);
	snprintf(p, sizeof p, "%s/libzero.so", dir);
	symlink("/dev/zero", p);
	snprintf(p, sizeof p, "%s/libhostfifo.so", dir);
	symlink(fifo, p);
	snprintf(p, sizeof p, "%s/libhostfile.so", dir);
	symlink(file, p);
	snprintf(p, sizeof p, "%s/libescape.so", dir);
	symlink("../../../../../../../../../..", p);
	snprintf(p, sizeof p, "%s/libhuge.so", dir);
	int fd = open(p, O_CREAT | O_WRONLY, 0644);
	if (fd >= 0) {
		if (ftruncate(fd, 1LL << 40) != 0)
			perror("ftruncate 1 TiB");
		close(fd);
	}
}

__attribute__((noinline)) long killed_syscall(void)
{
	long ret = 0;
#if defined(__x86_64__)
	__asm__ volatile("syscall" : "=a"(ret) : "a"(272L /* unshare */), "D"(0x08000000L)
			 : "rcx", "r11", "memory");
#endif
	return ret;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: hostile EXE_TARGET HOST_FIFO HOST_FILE\n");
		return 2;
	}
	unlink(argv[0]);
	if (symlink(argv[1], argv[0]) != 0)
		perror("symlink exe");
	for (unsigned i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		trap_dir(dirs[i], argv[2], argv[3]);
	unlink("/lib/x86_64-linux-gnu/libc.so.6");
	symlink(argv[2], "/lib/x86_64-linux-gnu/libc.so.6");
	fflush(stdout);
	return (int)killed_syscall();
}
