#ifndef KITH_INTERACTION_H
#define KITH_INTERACTION_H

/*
 * Interactions: dated touches with one or more people. Every kind resets
 * the clock of everyone in it; each kind is a give, an ask or neutral.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"

enum kith_kind_class {
	KITH_NEUTRAL = 0,
	KITH_GIVE,
	KITH_ASK,
};

struct kith_kind_info {
	const char *name;
	enum kith_kind_class cls;
	int meeting;  /* a conversation worth a thank-you (coffee, call, meeting) */
	const char *help;
};

/* The kinds, sorted by name, terminated by a NULL name. */
extern const struct kith_kind_info kith_kinds[];

/* The kind named s (case-insensitive), or NULL. */
const struct kith_kind_info *kith_kind_find(const char *s);

/* "give", "ask" or "neutral". */
const char *kith_kind_class_name(enum kith_kind_class c);

/*
 * Log an interaction of `kind` on `date` with the n people in ids (n >= 1),
 * with an optional note (NULL or ""). A date after today is KITH_EINPUT.
 * Resets the clock of everyone in it. *id (may be NULL) is the new id.
 */
enum kith_rc kith_log(struct kith *k, const int64_t *ids, size_t n, const char *kind,
		      kith_day date, const char *note, int64_t *id);

/*
 * Many interactions at once (imports), inside the caller's transaction:
 * kith_logger_add checks and writes like kith_log (a rejected interaction
 * writes nothing) but with statements prepared once, and the people's
 * clocks are reset by kith_logger_finish, once per person, which must be
 * called before the transaction commits (and before anything reads the
 * people's last touch or due dates). kith_logger_new returns NULL on a
 * database error (set on k); kith_logger_free accepts NULL. A logger
 * belongs to k and is freed before kith_close(k).
 */
struct kith_logger;
struct kith_logger *kith_logger_new(struct kith *k);
enum kith_rc kith_logger_add(struct kith_logger *l, const int64_t *ids, size_t n, const char *kind,
			     kith_day date, const char *note, int64_t *id);
enum kith_rc kith_logger_finish(struct kith_logger *l);
void kith_logger_free(struct kith_logger *l);

struct kith_interaction {
	int64_t id;
	kith_day date;
	char *kind;
	char *note;          /* NULL without note */
	size_t n_people;
	int64_t *people;     /* everyone in it */
	char **names;
};

void kith_interaction_release(struct kith_interaction *i);

/*
 * Call fn for each interaction of person id, newest first (by date, then
 * by the order logged), at most `limit` (0: all). fn returning non-zero
 * stops. The struct passed to fn is released after the call.
 */
enum kith_rc kith_timeline(struct kith *k, int64_t id, size_t limit,
			   int (*fn)(void *ctx, const struct kith_interaction *i), void *ctx);

/* Remove interaction id and refresh the clocks of the people in it. */
enum kith_rc kith_interaction_rm(struct kith *k, int64_t id);

#endif
