#ifndef KITH_CADENCE_H
#define KITH_CADENCE_H

/*
 * Circles and cadences.
 *
 * A circle says how close someone is (Dunbar's layers): inner (~5),
 * close (~15), active (~50), wide (~150), and none for everyone else. Each
 * circle has a default cadence; a tag can override it (kith cadence +mentor
 * 2w), and the person's own cadence overrides both: person > tag > circle.
 * When several of a person's tags have cadences, the most frequent wins.
 *
 * A cadence is an ideal interval and a maximum, in days: a person is *due*
 * once the ideal has passed since the last touch, *overdue* once the
 * maximum has. Without an explicit maximum it is the ideal plus half.
 * An ideal of 0 means no cadence: never due.
 *
 *   next_due   = max(last_touch + ideal, snoozed_until)
 *   overdue_on = max(last_touch + max, snoozed_until + (max - ideal))
 *
 * Someone never in touch counts from the day they were added, spread
 * deterministically: they first fall due between 1 and `ideal` days after
 * being added (by a hash of their id), so 500 people added at once come
 * due over one cadence, not all on the same day.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"

enum kith_circle {
	KITH_CIRCLE_INNER = 0,
	KITH_CIRCLE_CLOSE = 1,
	KITH_CIRCLE_ACTIVE = 2,
	KITH_CIRCLE_WIDE = 3,
	KITH_CIRCLE_NONE = 4,
	KITH_N_CIRCLES = 5,
};

/* "inner", "close", "active", "wide", "none"; "?" when out of range. */
const char *kith_circle_name(int circle);

/* The circle named s (case-insensitive), or -1. */
int kith_circle_parse(const char *s);

struct kith_cadence {
	int ideal; /* days; 0 = no cadence */
	int max;   /* days, >= ideal; 0 with ideal 0 */
};

/*
 * Parse "2w", "2w..3w" (ideal..maximum) or "none". Without a maximum it is
 * ideal + ideal / 2. Returns 0, or -1 with a reason in err.
 */
int kith_cadence_parse(const char *s, struct kith_cadence *out, char *err, size_t errlen);

/* "2w..3w" or "none" into buf (len bytes); returns buf. */
char *kith_cadence_format(const struct kith_cadence *c, char *buf, size_t len);

/* The cadence of a circle: the setting cadence.NAME, else the default. */
enum kith_rc kith_circle_cadence(struct kith *k, int circle, struct kith_cadence *out);

/* Change a circle's cadence and refresh everyone it affects. */
enum kith_rc kith_circle_cadence_set(struct kith *k, int circle, const struct kith_cadence *c);

/*
 * Set (c non-NULL) or remove (c NULL) the cadence of a tag, and refresh the
 * people with that tag. Removing a tag cadence that does not exist is
 * KITH_ENOTFOUND.
 */
enum kith_rc kith_tag_cadence_set(struct kith *k, const char *tag, const struct kith_cadence *c);

/* Call fn for each tag cadence, sorted by tag. fn returning non-zero stops. */
enum kith_rc kith_tag_cadence_each(struct kith *k,
				   int (*fn)(void *ctx, const char *tag, const struct kith_cadence *c),
				   void *ctx);

/*
 * Recompute one person's derived columns (last touch, effective cadence,
 * due and overdue days) from their interactions, tags and settings. Every
 * library call that changes what they depend on calls it.
 */
enum kith_rc kith_person_refresh(struct kith *k, int64_t id);

/*
 * The same for everyone; `touches` 1 also recomputes the last touch from
 * the interactions (after a bulk load), 0 trusts the stored one (after a
 * cadence change).
 */
enum kith_rc kith_refresh_all(struct kith *k, int touches);

/* Status of a person on day `today`. */
enum kith_status {
	KITH_STATUS_NONE = 0, /* no cadence */
	KITH_STATUS_OK,
	KITH_STATUS_DUE,
	KITH_STATUS_OVERDUE,
};
const char *kith_status_name(enum kith_status s);
enum kith_status kith_status_of(kith_day today, kith_day due_on, kith_day overdue_on);

#endif
