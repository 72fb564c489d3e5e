#ifndef KITH_RESOURCE_H
#define KITH_RESOURCE_H

/*
 * Being helpful: a library of resources worth sharing (articles, podcasts,
 * videos, events, opportunities with a deadline), who each one fits, and
 * which went to whom; and praise: milestones to congratulate, praise to log.
 *
 * Who a resource fits (kith_share_suggest) is a ranking over the people
 * whose tags or goals mention one of its tags (the tag, a tag with its
 * words such as ai-ethics for ai, a goal such as "find a job in fintech"
 * for fintech):
 *
 *   score = fit + bonus, rounded to 2 decimals
 *   fit   = sum over the resource's tags they mention of
 *           idf(tag) = ln(1 + N / n_tag), N the people ever added (the
 *           largest id), n_tag the people mentioning the tag: a rare
 *           shared interest says more than a common one
 *   bonus = overdue 1, due 0.75 (a reason to reach out), plus the circle:
 *           inner 0.5, close 0.375, active 0.25, wide 0.125, none 0
 *
 * People who already received the resource are never suggested. Ties
 * break by id. Candidates come from the full-text index (tags and goals),
 * never from a scan of everyone; the people due come from the person_due
 * index; a person's row is read only while they could still make the
 * list, KITH_SHARE_VISIT_CAP at most (see lib/resource.c).
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"
#include "kith/person.h"

#define KITH_URL_MAX 2048
#define KITH_TITLE_MAX 500
#define KITH_RESOURCE_TAGS_MAX 32
#define KITH_MILESTONE_MAX 1000
#define KITH_SHARE_VISIT_CAP 5000

struct kith_resource {
	int64_t id;
	char *url;
	char *title;                 /* NULL when none */
	char kind[16];               /* article, podcast, video, event, opportunity, other */
	struct kith_strlist tags;    /* sorted */
	kith_day until;              /* the last day it is useful (a deadline, the event); KITH_NO_DAY */
	kith_day created;
	int64_t n_shared;            /* people it went to */
};

/* Free the contents and zero the struct. NULL is accepted. */
void kith_resource_release(struct kith_resource *r);

/* 1 when kind names a resource kind (exact, lowercase). */
int kith_resource_kind_valid(const char *kind);

/*
 * Check a URL: an http or https scheme, a host, no spaces or control
 * characters, at most KITH_URL_MAX bytes. 0 when valid; -1 with a reason
 * in err (errlen bytes) otherwise.
 */
int kith_url_check(const char *url, char *err, size_t errlen);

/*
 * Add a resource. url is required (trimmed, checked with kith_url_check);
 * title may be NULL or ""; kind NULL means "article"; tags (may be NULL)
 * are normalized like people's; until KITH_NO_DAY for none. A URL already
 * in the library is KITH_EINPUT naming the resource that has it; bad values
 * are KITH_EINPUT. *id (may be NULL) is the new id.
 */
enum kith_rc kith_resource_add(struct kith *k, const char *url, const char *title, const char *kind,
			       const struct kith_strlist *tags, kith_day until, int64_t *id);

/* Load resource id into *r (released by the caller). KITH_ENOTFOUND when none. */
enum kith_rc kith_resource_get(struct kith *k, int64_t id, struct kith_resource *r);

/*
 * Resolve a reference to one resource: "3" or "#3" (an id), a URL or a
 * unique prefix of one (case-insensitive; the scheme and "www." may be
 * left out), a title or a unique prefix of it or of a word in it or in
 * the URL (case- and accent-insensitive). Better matches win: an exact
 * URL, an exact title, a URL prefix, a title prefix, a word prefix. KITH_ENOTFOUND, or
 * KITH_EAMBIG listing up to 5 with their ids.
 */
enum kith_rc kith_resource_resolve(struct kith *k, const char *ref, int64_t *id);

/*
 * Call fn for each resource holding every tag in `tags` (NULL or empty:
 * all), by id. fn returning non-zero stops. The struct is released after
 * the call.
 */
enum kith_rc kith_resource_list(struct kith *k, const struct kith_strlist *tags,
				int (*fn)(void *ctx, const struct kith_resource *r), void *ctx);

/* Remove resource id with its tags and share records (interactions stay). */
enum kith_rc kith_resource_rm(struct kith *k, int64_t id);

struct kith_share {
	int64_t person_id;
	const char *name;
	kith_day date;
	int64_t interaction_id;      /* 0 when the interaction was removed */
};

/* Call fn for each person resource id went to, oldest first. */
enum kith_rc kith_resource_shares(struct kith *k, int64_t id,
				  int (*fn)(void *ctx, const struct kith_share *s), void *ctx);

struct kith_suggestion {
	int64_t person_id;
	char *name;
	double score;                /* rounded to 2 decimals */
	char *reason;                /* "shares ai, education; due for a coffee" */
};

/* Free an array of n suggestions. NULL is accepted. */
void kith_suggestions_free(struct kith_suggestion *v, size_t n);

/*
 * Who resource id fits, best first, at most limit (1..1000) of them (see
 * the top of this file). A resource whose `until` has passed is KITH_EINPUT
 * ("... closed on DATE"). *out is a new array of *n (kith_suggestions_free);
 * it may be empty.
 */
enum kith_rc kith_share_suggest(struct kith *k, int64_t id, size_t limit,
				struct kith_suggestion **out, size_t *n);

/*
 * Record that resource id went to the n people in ids on `date`: one
 * interaction of kind "share" (a give; it resets their clocks) whose note
 * names the resource (followed by `note` when given), and a share row per
 * person. Someone who already got it, a date in the future or after the
 * resource's `until` are KITH_EINPUT and nothing is written. *iid (may be
 * NULL) is the interaction's id.
 */
enum kith_rc kith_share_record(struct kith *k, int64_t id, const int64_t *ids, size_t n, kith_day date,
			       const char *note, int64_t *iid);

/*
 * The best resource to share with person_id: not shared with them yet,
 * not past its `until`, with the most tags in common with theirs (then
 * the soonest deadline, then the newest). On success *title is a new
 * string (the title, else the URL) and *why the shared tags ("ai,
 * education"), both free()d by the caller; both are NULL when nothing
 * fits. Indexed: the person's tags, then resource_tag by tag.
 */
enum kith_rc kith_resource_idea(struct kith *k, int64_t person_id, char **title, char **why);

struct kith_milestone {
	int64_t id;
	int64_t person_id;
	const char *name;            /* the person's */
	kith_day date;
	const char *text;
	kith_day celebrated_on;      /* KITH_NO_DAY when not yet */
};

/*
 * Record a milestone of person_id (a new job, a promotion, a launch, an
 * award) on date. text: 1..KITH_MILESTONE_MAX bytes after trimming.
 * *id (may be NULL) is the new id. The plan suggests congratulating for
 * two weeks after the date, until praise is logged.
 */
enum kith_rc kith_milestone_add(struct kith *k, int64_t person_id, kith_day date, const char *text, int64_t *id);

/* Call fn for each milestone (of person_id, or of everyone when 0), newest first. */
enum kith_rc kith_milestone_list(struct kith *k, int64_t person_id,
				 int (*fn)(void *ctx, const struct kith_milestone *m), void *ctx);

/* Remove milestone id. */
enum kith_rc kith_milestone_rm(struct kith *k, int64_t id);

/*
 * Log praise for the n people in ids on date: an interaction of kind
 * "praise" (a give) with text as its note. Each person's milestones not yet
 * celebrated, dated in the 30 days up to `date`, are marked celebrated on
 * `date`; *celebrated (may be NULL) is then a new array (free() it) of
 * their *n_celebrated ids. *iid (may be NULL) is the interaction's id.
 */
enum kith_rc kith_praise(struct kith *k, const int64_t *ids, size_t n, kith_day date, const char *text,
			 int64_t *iid, int64_t **celebrated, size_t *n_celebrated);

#endif
