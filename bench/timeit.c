/*
 * bench/timeit: run a command several times and report its wall time and
 * peak memory.
 *
 *   timeit [-n RUNS] [--warmup W] [-q] -- CMD ARGS...
 *
 * Each run is a fork and exec with stdout sent to /dev/null; stderr is
 * left alone, so a failing command says why, unless -q sends it to
 * /dev/null too (for commands that report on stderr as they succeed). Wall time is measured with
 * CLOCK_MONOTONIC around fork..wait; peak resident memory is the largest
 * ru_maxrss that wait4() reports over the measured runs. Warm-up runs are
 * executed the same way and not counted. One line is printed:
 *
 *   median 4.21 ms  min 3.90 ms  max 6.10 ms  peak rss 7.8 MB  (n=21)
 *
 * Exit status: 0, 1 when a run of the command fails (non-zero exit, killed
 * by a signal, cannot be executed), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "banned.h"

#define MAX_RUNS 10000

static void usage(FILE *f)
{
	fprintf(f, "usage: timeit [-n RUNS] [--warmup W] [-q] -- CMD ARGS...\n");
}

static int parse_count(const char *s, long lo, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > MAX_RUNS)
		return -1;
	*out = v;
	return 0;
}

/*
 * Run argv once. Sets *ms to the wall time and *rss_kb to the child's peak
 * resident set. Returns 0, or -1 after saying on stderr what went wrong.
 */
static int run_once(char **argv, int quiet, double *ms, long *rss_kb)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	pid_t pid, got;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "timeit: error: cannot fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0 || (quiet && dup2(fd, STDERR_FILENO) < 0)) {
			fprintf(stderr, "timeit: error: cannot open /dev/null: %s\n", strerror(errno));
			_exit(126);
		}
		close(fd);
		execvp(argv[0], argv);
		fprintf(stderr, "timeit: error: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	do
		got = wait4(pid, &status, 0, &ru);
	while (got < 0 && errno == EINTR);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (got < 0) {
		fprintf(stderr, "timeit: error: cannot wait for '%s': %s\n", argv[0], strerror(errno));
		return -1;
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "timeit: error: '%s' was killed by signal %d\n", argv[0], WTERMSIG(status));
		return -1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "timeit: error: '%s' exited with status %d\n", argv[0],
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	*ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	*rss_kb = ru.ru_maxrss; /* kilobytes on Linux */
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	long runs = 21, warmup = 1, peak_kb = 0, rss_kb;
	double *ms = NULL, median, t;
	char **cmd = NULL;
	int ret = 1, quiet = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			cmd = argv + i + 1;
			break;
		} else if (!strcmp(a, "-q")) {
			quiet = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-n") && i + 1 < argc) {
			if (parse_count(argv[++i], 1, &runs) < 0) {
				fprintf(stderr, "timeit: error: invalid run count '%s' (1 to %d)\n", argv[i], MAX_RUNS);
				return 2;
			}
		} else if (!strcmp(a, "--warmup") && i + 1 < argc) {
			if (parse_count(argv[++i], 0, &warmup) < 0) {
				fprintf(stderr, "timeit: error: invalid warm-up count '%s' (0 to %d)\n", argv[i], MAX_RUNS);
				return 2;
			}
		} else {
			fprintf(stderr, "timeit: error: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
	}
	if (!cmd || !cmd[0]) {
		usage(stderr);
		return 2;
	}

	ms = calloc((size_t)runs, sizeof(*ms));
	if (!ms) {
		fprintf(stderr, "timeit: error: out of memory\n");
		goto cleanup;
	}
	for (long i = 0; i < warmup; i++)
		if (run_once(cmd, quiet, &t, &rss_kb) < 0)
			goto cleanup;
	for (long i = 0; i < runs; i++) {
		if (run_once(cmd, quiet, &ms[i], &rss_kb) < 0)
			goto cleanup;
		if (rss_kb > peak_kb)
			peak_kb = rss_kb;
	}
	qsort(ms, (size_t)runs, sizeof(*ms), cmp_double);
	median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("median %.2f ms  min %.2f ms  max %.2f ms  peak rss %.1f MB  (n=%ld)\n", median, ms[0],
	       ms[runs - 1], (double)peak_kb / 1024.0, runs);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "timeit: error: cannot write the result: %s\n", strerror(errno));
		goto cleanup;
	}
	ret = 0;
cleanup:
	free(ms);
	return ret;
}
