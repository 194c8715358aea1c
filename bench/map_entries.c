// map_entries: prints "NAME ENTRIES MAX_ENTRIES" for each BPF map id given, counting the
// entries by walking the keys with BPF_MAP_GET_NEXT_KEY (bench/soak.sh; no bpftool needed).
// Build: gcc -O2 -o map_entries map_entries.c -lbpf
#include <bpf/bpf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int count_entries(int fd, unsigned key_size, long *out)
{
	unsigned char *key = calloc(2, key_size ? key_size : 1);
	unsigned char *next = key + key_size;
	long n = 0;
	int err;
	if (!key)
		return -ENOMEM;
	err = bpf_map_get_next_key(fd, NULL, next);
	while (!err) {
		n++;
		memcpy(key, next, key_size);
		err = bpf_map_get_next_key(fd, key, next);
	}
	free(key);
	/* The walk ends with ENOENT (old libbpf: -1 and errno; new: -ENOENT). */
	if (err != -ENOENT && errno != ENOENT)
		return -1;
	*out = n;
	return 0;
}

int main(int argc, char **argv)
{
	int status = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: %s MAP_ID...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		unsigned id = (unsigned)strtoul(argv[i], NULL, 10);
		struct bpf_map_info info;
		unsigned len = sizeof(info);
		long n = -1;
		int fd = bpf_map_get_fd_by_id(id);
		if (fd < 0) {
			fprintf(stderr, "map %u: %s\n", id, strerror(errno));
			status = 1;
			continue;
		}
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(fd, &info, &len)) {
			fprintf(stderr, "map %u: info: %s\n", id, strerror(errno));
			close(fd);
			status = 1;
			continue;
		}
		/* Only hash-like maps have a meaningful count; arrays are always full. */
		if (info.key_size && count_entries(fd, info.key_size, &n))
			n = -1;
		printf("%u %s %ld %u\n", id, info.name, n, info.max_entries);
		close(fd);
	}
	return status;
}
