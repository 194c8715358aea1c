/* Test program for --learn-args. Build: gcc -static -O1 -pthread.
 * Usage: learn_args sockets [probe] | learn_args clone [probe]
 *   sockets: socket(AF_UNIX) and an AF_INET socket bound to 127.0.0.1 (with extra: an
 *            AF_INET datagram socket too); probe: then socket(AF_NETLINK), socket(AF_PACKET)
 *            and socket(AF_INET, SOCK_DGRAM) (a recorded family with a type never recorded
 *            with it: refused only if the rule ANDs its two conditions)
 *   clone:   fork() a child and start a thread; probe: then clone() with CLONE_NEWUSER and
 *            with CLONE_NEWNET, then fork() again
 * Prints one line of results: "name=0" for success, "name=ERRNO" for a failure. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int result(int ok)
{
	return ok ? 0 : errno;
}

static int open_socket(int family, int type)
{
	int fd = socket(family, type, 0);
	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static int inet_loopback(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int rc = result(bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0);
	close(fd);
	return rc;
}

static int do_fork(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	int status = 0;
	if (waitpid(pid, &status, 0) < 0)
		return errno;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 255;
}

/* A raw clone() with these flags; the child exits at once. */
static int do_clone(unsigned long flags)
{
	long pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	int status = 0;
	waitpid((pid_t)pid, &status, 0);
	return 0;
}

static void *thread_main(void *arg)
{
	return arg;
}

static int do_thread(void)
{
	pthread_t t;
	int rc = pthread_create(&t, NULL, thread_main, NULL);
	if (rc != 0)
		return rc;
	return pthread_join(t, NULL);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	const char *extra = argc > 2 ? argv[2] : "";
	if (strcmp(mode, "sockets") == 0) {
		printf("unix=%d inet=%d", open_socket(AF_UNIX, SOCK_STREAM), inet_loopback());
		if (strcmp(extra, "udp") == 0)
			printf(" udp=%d", open_socket(AF_INET, SOCK_DGRAM));
		if (strcmp(extra, "probe") == 0)
			printf(" netlink=%d packet=%d dgram=%d", open_socket(AF_NETLINK, SOCK_RAW),
			       open_socket(AF_PACKET, SOCK_RAW), open_socket(AF_INET, SOCK_DGRAM));
	} else if (strcmp(mode, "clone") == 0) {
		printf("fork=%d thread=%d", do_fork(), do_thread());
		if (strcmp(extra, "probe") == 0) {
			int user = do_clone(CLONE_NEWUSER);
			int net = do_clone(CLONE_NEWNET);
			printf(" newuser=%d newnet=%d fork2=%d", user, net, do_fork());
		}
	} else {
		fprintf(stderr, "usage: learn_args sockets [udp|probe] | learn_args clone [probe]\n");
		return 2;
	}
	printf("\n");
	return 0;
}
