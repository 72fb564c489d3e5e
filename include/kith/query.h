#ifndef KITH_QUERY_H
#define KITH_QUERY_H

/*
 * Listing and searching people: the filters of `kith ls` and the
 * full-text search of `kith find`.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/cadence.h"
#include "kith/kith.h"
#include "kith/person.h"

/* One person in a listing. Pointers are valid during the callback only. */
struct kith_row {
	int64_t id;
	const char *name;
	const char *org;         /* NULL when unset */
	const char *title;       /* NULL when unset */
	int circle;
	kith_day created;
	kith_day last_touch;     /* KITH_NO_DAY: never in touch */
	const char *last_kind;   /* NULL when never in touch */
	int cadence_days;        /* 0: no cadence */
	kith_day due_on;         /* KITH_NO_DAY without cadence */
	kith_day overdue_on;
	enum kith_status status;
	double score;            /* find: relevance, higher is better; ls: 0 */
	const char *match;       /* find: what matched, e.g. "coffee 2026-11-23: talked about her [school project]"; NULL in ls */
};

typedef int (*kith_row_fn)(void *ctx, const struct kith_row *row);

/*
 * A parsed `ls` filter. Terms (all must hold; keywords and prefixes are
 * case-insensitive, surrounding spaces are ignored):
 *   +TAG            has the tag                (several: all of them)
 *   -TAG            does not have the tag
 *   org:TEXT        organization contains TEXT (case- and accent-insensitive)
 *   title:TEXT      title contains TEXT
 *   circle:NAME     in the circle (several circle: terms: any of them)
 *   due             due or overdue today
 *   overdue         overdue today
 *   due:DUR         due within DUR from today (e.g. due:1w), overdue included
 *   ok              has a cadence and is not due
 *   never           never in touch
 *   snoozed         snoozed past today
 *   WORD            name, organization or title contains WORD
 * Any other "letters:..." term is an error (a mistyped prefix), not a
 * WORD. Everything is matched through bound parameters.
 */
struct kith_filter {
	struct kith_strlist tags, not_tags, orgs, titles, words;
	unsigned circles;   /* bit per circle; 0 = any */
	int due, overdue, ok, never, snoozed;
	int due_within;     /* days, with due_within_set */
	int due_within_set;
};

void kith_filter_init(struct kith_filter *f);
void kith_filter_release(struct kith_filter *f);

/*
 * Parse terms into f (initialized by the caller). At most 64 terms of at
 * most 1000 bytes each. Returns 0, or -1 with a reason in err (may be
 * NULL), e.g. "unknown circle in 'circle:x' (inner, close, active, wide or
 * none)"; after a failure f may hold the terms before the bad one, and the
 * caller still releases it.
 */
int kith_filter_parse(struct kith_filter *f, const char *const *terms, size_t n,
		      char *err, size_t errlen);

enum kith_sort {
	KITH_SORT_NAME = 0, /* by name */
	KITH_SORT_DUE,      /* soonest next_due first; no cadence last */
	KITH_SORT_LAST,     /* longest since last touch first; never first */
	KITH_SORT_ADDED,    /* newest first (then highest id) */
	KITH_SORT_CIRCLE,   /* inner first, then by name */
};

/* "name", "due", "last", "added", "circle" -> sort; -1 when unknown. */
int kith_sort_parse(const char *s);

/*
 * Call fn for every person matching f, in order `sort` (ties broken by
 * name, then id), at most limit (0: all). fn returning non-zero stops
 * (still KITH_OK).
 */
enum kith_rc kith_list(struct kith *k, const struct kith_filter *f, enum kith_sort sort,
		       size_t limit, kith_row_fn fn, void *ctx);

/*
 * Full-text search over names, organizations, titles, tags, goals, notes,
 * how-we-met and interaction notes (SQLite FTS5, accent-insensitive, each
 * word of two letters or more a prefix). People whose own record matches come first, ranked by
 * BM25; then people whose interaction notes match, most recent first
 * (among the newest logged matches). Each person once. At most limit
 * (0: 50, capped at 10000) people. Punctuation separates words and is
 * otherwise ignored, so FTS5 syntax in text is only words. A query
 * without words, over 1000 bytes or over 32 words is KITH_EINPUT.
 * fn returning non-zero stops (still KITH_OK).
 */
enum kith_rc kith_find(struct kith *k, const char *text, size_t limit, kith_row_fn fn, void *ctx);

#endif
