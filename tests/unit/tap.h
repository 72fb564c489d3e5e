#ifndef KITH_TAP_H
#define KITH_TAP_H

/*
 * A small TAP producer for unit tests (in the spirit of pkgconf's and
 * git's test helpers). Each CHECK prints one "ok N - ..." or "not ok N - ..."
 * line; tap_done() prints the plan and returns the exit status, so a unit
 * test's main ends with `return tap_done();`.
 *
 * tests/run counts the ok / not ok lines of every test program.
 */

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int tap_check(int cond, const char *file, int line, const char *what)
{
	tap_n++;
	if (cond) {
		printf("ok %d - %s\n", tap_n, what);
	} else {
		tap_failed++;
		printf("not ok %d - %s\n#   at %s:%d\n", tap_n, what, file, line);
	}
	return cond;
}

#define CHECK(cond) tap_check(!!(cond), __FILE__, __LINE__, #cond)
#define CHECK_MSG(cond, msg) tap_check(!!(cond), __FILE__, __LINE__, (msg))

#define CHECK_INT(a, b) do { \
	long long tap_a_ = (long long)(a), tap_b_ = (long long)(b); \
	if (!tap_check(tap_a_ == tap_b_, __FILE__, __LINE__, #a " == " #b)) \
		printf("#   got %lld, expected %lld\n", tap_a_, tap_b_); \
} while (0)

#define CHECK_STR(a, b) do { \
	const char *tap_a_ = (a), *tap_b_ = (b); \
	int tap_ok_ = tap_a_ && tap_b_ && strcmp(tap_a_, tap_b_) == 0; \
	if (!tap_check(tap_ok_, __FILE__, __LINE__, #a " == " #b)) \
		printf("#   got '%s', expected '%s'\n", tap_a_ ? tap_a_ : "(null)", \
		       tap_b_ ? tap_b_ : "(null)"); \
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	fflush(stdout);
	return tap_failed ? 1 : 0;
}

#endif
