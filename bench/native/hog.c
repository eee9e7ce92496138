/*
 * A fleet process for the benchmarks: it makes itself look like a busy Wazuh daemon to /proc
 * (resident memory, many open fds, children) and then sleeps.
 *
 *   hog <mb> <fds> [<mb>:<fds>x<count> ...]
 *
 * The process itself touches <mb> MiB and opens <fds> descriptors; each extra argument forks
 * <count> children shaped <mb>:<fds>. Children fork before anything is touched so that no page is
 * shared copy-on-write: every process owns what it shows. When all are set up it prints
 * "ready <n>" (n = processes including itself) and sleeps until killed. Everything dies with the
 * benchmark: the process and each child ask the kernel for SIGKILL when their parent exits.
 * Stop it children first: they are reaped at once (SIGCHLD ignored), not left as zombies.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

static void die(const char *what) {
	fprintf(stderr, "hog: %s: %s\n", what, strerror(errno));
	_exit(1);
}

/* Dies with the parent; the check after prctl closes the race with a parent that already left. */
static void follow_parent(pid_t parent) {
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) {
		die("prctl");
	}
	if (getppid() != parent) {
		_exit(1);
	}
}

static void shape(long mb, long fds) {
	if (mb > 0) {
		size_t size = (size_t)mb << 20;
		char *memory = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (memory == MAP_FAILED) {
			die("mmap");
		}
		/* Small pages like a real heap: huge pages would make smaps_rollup ~50x cheaper. */
		madvise(memory, size, MADV_NOHUGEPAGE);
		for (size_t offset = 0; offset < size; offset += 4096) {
			memory[offset] = (char)(offset >> 12 | 1);
		}
	}
	for (long i = 0; i < fds; i++) {
		if (open("/dev/null", O_RDONLY) < 0) {
			die("open /dev/null");
		}
	}
}

static void sleep_forever(void) {
	for (;;) {
		pause();
	}
}

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: hog <mb> <fds> [<mb>:<fds>x<count> ...]\n");
		return 2;
	}

	struct rlimit limit;
	if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
		limit.rlim_cur = limit.rlim_max;
		setrlimit(RLIMIT_NOFILE, &limit);
	}

	follow_parent(getppid());
	/* Children that die are reaped by the kernel: none lingers as a zombie in /proc. */
	signal(SIGCHLD, SIG_IGN);
	int ready[2];
	if (pipe(ready) != 0) {
		die("pipe");
	}

	long children = 0;
	pid_t self = getpid();
	for (int arg = 3; arg < argc; arg++) {
		long mb = 0, fds = 0, count = 1;
		if (sscanf(argv[arg], "%ld:%ldx%ld", &mb, &fds, &count) < 2) {
			fprintf(stderr, "hog: bad child shape %s\n", argv[arg]);
			return 2;
		}
		for (long i = 0; i < count; i++) {
			pid_t pid = fork();
			if (pid < 0) {
				die("fork");
			}
			if (pid == 0) {
				follow_parent(self);
				close(ready[0]);
				shape(mb, fds);
				if (write(ready[1], "+", 1) != 1) {
					_exit(1);
				}
				close(ready[1]);
				sleep_forever();
			}
			children++;
		}
	}

	close(ready[1]);
	for (long seen = 0; seen < children;) {
		char byte;
		ssize_t got = read(ready[0], &byte, 1);
		if (got == 1) {
			seen++;
		} else if (got == 0 || errno != EINTR) {
			fprintf(stderr, "hog: a child died before it was ready\n");
			return 1;
		}
	}
	close(ready[0]);

	shape(atol(argv[1]), atol(argv[2]));
	printf("ready %ld\n", children + 1);
	fflush(stdout);
	sleep_forever();
}
