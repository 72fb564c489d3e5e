#ifndef KITH_DUPES_H
#define KITH_DUPES_H

/*
 * Likely duplicates: pairs of records that may be one person, for
 * kith merge. Strongest evidence first: the same LinkedIn or other link,
 * the same email, the same phone number (its last 9 digits), the same full
 * name (folded), then a name with an initial that fits a longer one
 * ("Ada L." and "Ada Lovelace"). Pairs already known to be different
 * people are not recorded anywhere yet, so they come back until merged.
 */

#include <stdint.h>

#include "kith/kith.h"

struct kith_dupe {
	int64_t a, b;          /* a < b */
	const char *name_a, *name_b;
	const char *why;       /* "same email ada@example.org" */
};

/* Call fn for each likely duplicate pair, strongest first, each pair once. */
enum kith_rc kith_dupes(struct kith *k, int (*fn)(void *ctx, const struct kith_dupe *d), void *ctx);

#endif
