/*
 * The floor: the least work that reads what one sample needs (the columns of docs/recording.md) from /proc, so the
 * collector's cost can be put next to what the kernel itself charges.
 *
 *   floor hot <passes> <pid>...            passes back to back
 *   floor run <interval-ms> <passes> <pid>...  one pass per interval on a monotonic schedule
 *                                          (passes 0: until SIGTERM/SIGINT)
 *
 * Per process and pass: stat, smaps_rollup and io (each kept open and re-read at offset 0, the
 * cheapest way the kernel offers) parsed into numbers, and the fd count from
 * stat("/proc/PID/fd").st_size (kernel >= 6.2), falling back to listing the directory.
 * The first pass opens the files and is not counted. At the end it prints one JSON line with the
 * CPU time (user + system, getrusage) of the counted passes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	int pid;
	int stat_fd, smaps_fd, io_fd;
	int dead;
	char fd_dir[32];
} target_t;

static volatile sig_atomic_t stopping = 0;
static char buffer[1 << 16];
/* Every parsed number lands here so the compiler cannot drop the parsing. */
static volatile unsigned long long sink;

static void on_signal(int signal) {
	(void)signal;
	stopping = 1;
}

static int open_proc(int pid, const char *name) {
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
	return open(path, O_RDONLY | O_CLOEXEC);
}

static ssize_t reread(int fd) {
	ssize_t length = pread(fd, buffer, sizeof buffer - 1, 0);
	if (length >= 0) {
		buffer[length] = 0;
	}
	return length;
}

static unsigned long long number_after(const char *text, const char *key) {
	const char *at = strstr(text, key);
	return at == NULL ? 0 : strtoull(at + strlen(key), NULL, 10);
}

static int fd_count_by_size = -1;

static long count_fds(target_t *target) {
	struct stat info;
	if (stat(target->fd_dir, &info) != 0) {
		return -1;
	}
	if (fd_count_by_size == 1 || (fd_count_by_size == -1 && info.st_size > 0)) {
		fd_count_by_size = 1;
		return (long)info.st_size;
	}
	fd_count_by_size = 0;
	DIR *dir = opendir(target->fd_dir);
	if (dir == NULL) {
		return -1;
	}
	long count = 0;
	while (readdir(dir) != NULL) {
		count++;
	}
	closedir(dir);
	return count - 2;
}

static void sample(target_t *target) {
	if (target->dead) {
		return;
	}
	if (target->stat_fd < 0) {
		target->stat_fd = open_proc(target->pid, "stat");
		target->smaps_fd = open_proc(target->pid, "smaps_rollup");
		target->io_fd = open_proc(target->pid, "io");
		snprintf(target->fd_dir, sizeof target->fd_dir, "/proc/%d/fd", target->pid);
	}

	if (target->stat_fd < 0 || reread(target->stat_fd) <= 0) {
		target->dead = 1;
		return;
	}
	/* Fields after the command name, which may hold spaces and parentheses. */
	char *cursor = strrchr(buffer, ')');
	unsigned long long fields[24] = {0};
	for (int field = 3; cursor != NULL && field <= 23; field++) {
		cursor = strchr(cursor + 1, ' ');
		if (cursor != NULL && field >= 14) {
			fields[field] = strtoull(cursor + 1, NULL, 10);
		}
	}
	sink += fields[14] + fields[15] + fields[23];

	if (target->smaps_fd >= 0 && reread(target->smaps_fd) > 0) {
		sink += number_after(buffer, "\nRss:") + number_after(buffer, "\nPss:")
			+ number_after(buffer, "\nPrivate_Clean:") + number_after(buffer, "\nPrivate_Dirty:")
			+ number_after(buffer, "\nSwap:");
	}
	if (target->io_fd >= 0 && reread(target->io_fd) > 0) {
		sink += number_after(buffer, "syscr: ") + number_after(buffer, "syscw: ")
			+ number_after(buffer, "\nread_bytes: ") + number_after(buffer, "\nwrite_bytes: ");
	}
	sink += (unsigned long long)count_fds(target);
}

static double cpu_us(void) {
	struct rusage usage;
	getrusage(RUSAGE_SELF, &usage);
	return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void pass(target_t *targets, int count) {
	for (int i = 0; i < count; i++) {
		sample(&targets[i]);
	}
}

int main(int argc, char **argv) {
	int hot = argc > 1 && strcmp(argv[1], "hot") == 0;
	int first_pid = hot ? 3 : 4;
	if (argc <= first_pid || (!hot && strcmp(argv[1], "run") != 0)) {
		fprintf(stderr, "usage: floor hot <passes> <pid>... | floor run <interval-ms> <passes> <pid>...\n");
		return 2;
	}

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	long interval_ms = hot ? 0 : atol(argv[2]);
	long passes = atol(argv[hot ? 2 : 3]);
	int count = argc - first_pid;
	target_t *targets = calloc((size_t)count, sizeof *targets);
	for (int i = 0; i < count; i++) {
		targets[i].pid = atoi(argv[first_pid + i]);
		targets[i].stat_fd = -1;
	}

	pass(targets, count);
	double start = cpu_us();
	long done = 0;
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!stopping && (passes == 0 || done < passes)) {
		if (interval_ms > 0) {
			next.tv_nsec += (interval_ms % 1000) * 1000000L;
			next.tv_sec += interval_ms / 1000 + next.tv_nsec / 1000000000L;
			next.tv_nsec %= 1000000000L;
			/* Interrupted by SIGTERM: report what was measured so far. */
			if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) != 0) {
				continue;
			}
		}
		pass(targets, count);
		done++;
	}

	int alive = 0;
	for (int i = 0; i < count; i++) {
		alive += !targets[i].dead;
	}
	printf("{\"passes\":%ld,\"procs\":%d,\"alive\":%d,\"cpu_us\":%.0f}\n", done, count, alive, cpu_us() - start);
	return 0;
}
