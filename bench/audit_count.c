/* Independent kernel-side reader for bench/audit_rate.sh (does not share code with ig).
 *
 *   audit_count status
 *       Prints the kernel audit status (AUDIT_GET, what `auditctl -s` shows): enabled,
 *       backlog_limit, lost, backlog, backlog_wait_time, ... Read-only: it registers nothing.
 *   audit_count listen MATCH
 *       Joins the AUDIT_NLGRP_READLOG multicast group (a copy of every audit record, whether or
 *       not auditd runs) and counts AUDIT_SECCOMP (type 1326) records whose text contains MATCH,
 *       until SIGINT/SIGTERM; then prints
 *       audit_count: seccomp=N matched=M enobufs=E drops=D
 *       (enobufs: receive-buffer overruns reported; drops: records the socket dropped, from
 *       SO_MEMINFO, i.e. records this reader missed, not records the kernel failed to emit).
 *       Prints "audit_count: listening" on stderr once it is subscribed. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AUDIT_NLGRP_READLOG
#define AUDIT_NLGRP_READLOG 1
#endif
#ifndef SO_MEMINFO
#define SO_MEMINFO 55
#endif

static volatile sig_atomic_t stop;
static void on_signal(int s) { (void)s; stop = 1; }

static int status(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("socket(NETLINK_AUDIT)");
		return 1;
	}
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct nlmsghdr req = { .nlmsg_len = NLMSG_LENGTH(0), .nlmsg_type = AUDIT_GET,
				.nlmsg_flags = NLM_F_REQUEST, .nlmsg_seq = 1 };
	if (sendto(fd, &req, req.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
		perror("AUDIT_GET");
		return 1;
	}
	char buf[8192];
	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0) {
			perror("recv");
			return 1;
		}
		for (size_t off = 0; off + NLMSG_HDRLEN <= (size_t)n;) {
			struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
			if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > (size_t)n - off)
				break;
			off += NLMSG_ALIGN(h->nlmsg_len);
			if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(h);
				if (e->error) {
					fprintf(stderr, "AUDIT_GET: %s\n", strerror(-e->error));
					return 1;
				}
				continue;
			}
			if (h->nlmsg_type != AUDIT_GET)
				continue;
			struct audit_status s = { 0 };
			size_t len = h->nlmsg_len - NLMSG_HDRLEN;
			memcpy(&s, NLMSG_DATA(h), len < sizeof(s) ? len : sizeof(s));
			printf("enabled %u\nfailure %u\npid %u\nrate_limit %u\nbacklog_limit %u\n"
			       "lost %u\nbacklog %u\nbacklog_wait_time %u\n",
			       s.enabled, s.failure, s.pid, s.rate_limit, s.backlog_limit, s.lost,
			       s.backlog, s.backlog_wait_time);
			if (len >= offsetof(struct audit_status, backlog_wait_time_actual) + 4)
				printf("backlog_wait_time_actual %u\n", s.backlog_wait_time_actual);
			return 0;
		}
	}
}

static unsigned drops(int fd)
{
	unsigned mem[SK_MEMINFO_VARS] = { 0 };
	socklen_t len = sizeof(mem);
	if (getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mem, &len) < 0 || len <= SK_MEMINFO_DROPS * 4)
		return 0;
	return mem[SK_MEMINFO_DROPS];
}

static int listen_records(const char *match)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	if (fd < 0) {
		perror("socket(NETLINK_AUDIT)");
		return 1;
	}
	int rcvbuf = 64 << 20;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK, .nl_groups = 1u << (AUDIT_NLGRP_READLOG - 1) };
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("bind(AUDIT_NLGRP_READLOG)");
		return 1;
	}
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	struct sigaction sa = { .sa_handler = on_signal };
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(stderr, "audit_count: listening\n");

	static char buf[1 << 16];
	unsigned long long seccomp = 0, matched = 0, enobufs = 0;
	while (!stop) {
		ssize_t n = recv(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0) {
			if (errno == ENOBUFS) {
				enobufs++;
				continue;
			}
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				continue;
			perror("recv");
			return 1;
		}
		/* Not NLMSG_OK/NLMSG_NEXT: audit records are not padded to NLMSG_ALIGNTO, so the
		 * remaining length would go negative after the last one. */
		for (size_t off = 0; off + NLMSG_HDRLEN <= (size_t)n;) {
			struct nlmsghdr *h = (struct nlmsghdr *)(buf + off);
			if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > (size_t)n - off)
				break;
			off += NLMSG_ALIGN(h->nlmsg_len);
			if (h->nlmsg_type != AUDIT_SECCOMP)
				continue;
			seccomp++;
			char *text = NLMSG_DATA(h);
			size_t len = h->nlmsg_len - NLMSG_HDRLEN;
			char save = text[len];
			text[len] = 0;
			if (strstr(text, match))
				matched++;
			text[len] = save;
		}
	}
	printf("audit_count: seccomp=%llu matched=%llu enobufs=%llu drops=%u\n", seccomp, matched,
	       enobufs, drops(fd));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "status"))
		return status();
	if (argc == 3 && !strcmp(argv[1], "listen"))
		return listen_records(argv[2]);
	fprintf(stderr, "usage: %s status | %s listen MATCH\n", argv[0], argv[0]);
	return 2;
}
