#ifndef KITH_INTRO_H
#define KITH_INTRO_H

/*
 * Who knows whom, and introductions: leveraging the existing network by
 * connecting people who would benefit from knowing each other.
 *
 * THE KNOWS GRAPH
 *
 * Two people of the network know each other when any of these holds
 * (`how`, in this order of strength):
 *
 *   "stated"       the user said so (kith knows A B): a row of the knows
 *                  table with source 'stated'; rows other modules write
 *                  report their own source ("interaction", "org", "import")
 *   "intro"        an introduction between them was made (a knows row with
 *                  source 'intro', or an intro in state made)
 *   "interaction"  they were logged together in one interaction
 *   "org"          the same organization: person.org equal ignoring ASCII
 *                  case (the person_org index's collation), or members of
 *                  the same org (org_member)
 *
 * The `how` strings are static: they stay valid for the life of the
 * program and are never freed.
 *
 * INTRODUCTIONS
 *
 * An introduction of A to B goes through the double opt-in:
 *
 *   proposed -> asked -> accepted -> made
 *        \---------\---------\-----> declined
 *
 * proposed: the idea; asked: the user asked both whether they'd like to
 * meet; accepted: both said yes; made: the user wrote to both. The day of
 * each step is kept. A made introduction records that A and B know each
 * other and logs an "intro" interaction with both (a give, which resets
 * their clocks). An introduction of someone to themselves, or of a pair
 * with an introduction still open (proposed, asked or accepted), is
 * refused.
 *
 * SUGGESTIONS
 *
 * kith_intro_suggest ranks pairs by how much rare common ground they have
 * (interest tags and goals, weighted by rarity) and how close they are to
 * the user, leaving out pairs who already know each other or were already
 * in an introduction. See lib/intro.c for the score and the algorithm.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"

/* ---- the knows graph ---- */

/*
 * Record that a and b (two different people) know each other, source
 * "stated", since today. *added (may be NULL) is 1 when the fact is new, 0
 * when the knows table already had the pair (whatever its source: it is
 * left as it was). Errors: KITH_EINPUT when a == b, KITH_ENOTFOUND when
 * either is not a person.
 */
enum kith_rc kith_knows_add(struct kith *k, int64_t a, int64_t b, int *added);

/*
 * Whether a and b know each other. On KITH_OK, *how is NULL when they
 * don't, else the first reason in the order above ("stated", "intro",
 * "interaction", "org"; or the source of a knows row another module
 * wrote). a == b, or ids that are no one, give *how = NULL. KITH_ERR on a
 * database failure. Cost: a few indexed lookups plus a merge of the two
 * people's interaction lists (a few hundred rows for the busiest).
 */
enum kith_rc kith_knows_check(struct kith *k, int64_t a, int64_t b, const char **how);

/*
 * The neighbors of person a in the knows graph: everyone who knows a by
 * any of the four sources above, each once, with the strongest `how`.
 * Calls fn(ctx, id, how) in order of how (stated, intro, interaction,
 * org), then id; a is never reported. fn returning non-zero stops the
 * walk (kith_knows_each still returns KITH_OK). `how` is static (see
 * above). Errors: KITH_ENOTFOUND when a is not a person, KITH_ERR. fn
 * must not write to the database. Cost: indexed, proportional to the
 * neighbors found (an organization of 10,000 people gives 10,000 calls);
 * meant for warm paths and `kith knows A`.
 */
enum kith_rc kith_knows_each(struct kith *k, int64_t a,
			     int (*fn)(void *ctx, int64_t id, const char *how), void *ctx);

/* One neighbor of kith_knows_list. */
struct kith_neighbor {
	int64_t id;
	char *name;             /* owned by the array */
	const char *how;        /* static, as above */
};

/*
 * The same neighbors as kith_knows_each, in the same order, with their
 * names: *out is a new array of *n (free it with kith_neighbors_free,
 * which accepts NULL). Errors as kith_knows_each (then *out is NULL).
 */
enum kith_rc kith_knows_list(struct kith *k, int64_t a, struct kith_neighbor **out, size_t *n);
void kith_neighbors_free(struct kith_neighbor *v, size_t n);

/* How someone knows someone in words: "you said so", "introduced",
 * "logged together", "same organization", else how itself. Static. */
const char *kith_knows_how_words(const char *how);

/* ---- introductions ---- */

enum kith_intro_state {
	KITH_INTRO_PROPOSED = 0,
	KITH_INTRO_ASKED,
	KITH_INTRO_ACCEPTED,
	KITH_INTRO_MADE,
	KITH_INTRO_DECLINED,
	KITH_N_INTRO_STATES
};

/* "proposed", ... "declined"; NULL out of range. */
const char *kith_intro_state_name(enum kith_intro_state s);

/* The state named exactly s (lowercase), or -1. */
int kith_intro_state_parse(const char *s);

/* The states that may follow s, a bit (1u << state) each: 0 for made and
 * declined, which end an introduction. */
unsigned kith_intro_next_states(enum kith_intro_state s);

/* 1 while an introduction in state s is open (proposed, asked, accepted). */
int kith_intro_state_open(enum kith_intro_state s);

struct kith_intro {
	int64_t id;
	int64_t a, b;           /* a is the one asked first */
	char *name_a, *name_b;
	char *why;              /* NULL without */
	enum kith_intro_state state;
	kith_day created;       /* the day it was proposed */
	kith_day updated;       /* the day of the last step */
	kith_day asked_on, accepted_on, made_on, declined_on; /* KITH_NO_DAY when not reached */
	char *note;             /* how it went (kith intro set --note), NULL without */
};

/* Free the contents and zero the struct. NULL is accepted. */
void kith_intro_release(struct kith_intro *in);

/*
 * Propose an introduction of a to b, why (NULL or "": what they have in
 * common, from kith_intro_common, when they have anything). *id (may be
 * NULL) is its id. Errors (nothing written): KITH_EINPUT for a == b, a
 * pair with an open introduction, a `why` longer than 1000 bytes or on
 * several lines; KITH_ENOTFOUND for someone who is not a person.
 */
enum kith_rc kith_intro_start(struct kith *k, int64_t a, int64_t b, const char *why, int64_t *id);

/* Load introduction id into *out (released by the caller). KITH_ENOTFOUND. */
enum kith_rc kith_intro_get(struct kith *k, int64_t id, struct kith_intro *out);

/*
 * Call fn for each introduction, newest first (by id), only those in
 * `state` unless it is -1. fn returning non-zero stops. The struct is
 * released after each call.
 */
enum kith_rc kith_intro_each(struct kith *k, int state,
			     int (*fn)(void *ctx, const struct kith_intro *in), void *ctx);

/*
 * Move introduction id to state `to` on day `on` (not in the future; not
 * before the day of the step it follows, asked or accepted: the first step
 * may be earlier than the day it was proposed, as an introduction is often
 * written down late), with an optional note (NULL or "" keeps the one it
 * has). To made: also records that they know each other and logs
 * an "intro" interaction with both on that day (the note, else "introduced
 * A and B"). Errors (nothing written): KITH_ENOTFOUND; KITH_EINPUT for a
 * transition the double opt-in does not allow (the message names the
 * allowed next states), a bad date or a note over 1000 bytes.
 */
enum kith_rc kith_intro_set(struct kith *k, int64_t id, enum kith_intro_state to, kith_day on,
			    const char *note);

/*
 * What a and b have in common, in words ("both into fintech and payments;
 * both want to raise a seed round"), rarest first. *out is a new string
 * (free() it), or NULL when they share no interest or goal.
 */
enum kith_rc kith_intro_common(struct kith *k, int64_t a, int64_t b, char **out);

/* ---- suggestions ---- */

struct kith_intro_suggestion {
	int64_t a, b;           /* a < b */
	char *name_a, *name_b;
	double score;           /* 0 < score <= 1, higher is better */
	char *reason;           /* "both into ...; they don't know each other" */
};

/* What the search did, for the curious and for tests. */
struct kith_intro_stats {
	size_t people;          /* people with an interest or a goal */
	size_t features;        /* distinct tags and goals shared by two or more */
	size_t scored;          /* pairs whose exact score was computed */
	size_t checked;         /* pairs checked against who knows whom */
};

struct kith_intro_suggestions {
	struct kith_intro_suggestion *v;
	size_t n;
	struct kith_intro_stats stats;
};

/* Free the list and zero it. NULL is accepted. */
void kith_intro_suggestions_release(struct kith_intro_suggestions *s);

#define KITH_SUGGEST_MAX 1000

/*
 * The best `limit` (1..KITH_SUGGEST_MAX) pairs to introduce, best first
 * (score, then ids): people who don't know each other (above) and were
 * never in an introduction together. flags: KITH_SUGGEST_EXHAUSTIVE scores
 * every pair instead of the filtered search (slow; the same answer, for
 * tests). *out is released by the caller.
 */
#define KITH_SUGGEST_EXHAUSTIVE 1u
enum kith_rc kith_intro_suggest(struct kith *k, size_t limit, unsigned flags,
				struct kith_intro_suggestions *out);

#endif
