/*
 * Who knows whom, introductions, and suggesting introductions.
 *
 * THE SCORE
 *
 * A person's features are their interest tags and their goals (each
 * person_goal row folded to lowercase, spaces collapsed, trailing
 * punctuation dropped, so "Raise a seed round." and "raise a seed round"
 * are one goal). Among the N people with at least one feature, a feature
 * held by df of them weighs its rarity:
 *
 *     w(f) = ln(N / df)          for a tag
 *     w(f) = 1.5 * ln(N / df)    for a goal (a shared goal is a stronger
 *                                reason to meet than a shared interest)
 *
 * Person x has the norm |x| = sqrt(sum of w(f)^2 over x's features),
 * floored at M = ln(N) (the weight of a tag no one else has), and a
 * closeness factor c(x) from their circle (inner 1.00, close 0.96, active
 * 0.92, wide 0.88, none 0.84: closer people rank a bit higher, the user
 * can vouch for them). x's vector is
 *
 *     u_x[f] = c(x) * w(f) / max(|x|, M)
 *
 * and a pair scores the dot product
 *
 *     score(x, y) = sum over shared f of u_x[f] * u_y[f]
 *                 = c(x) c(y) * sum w(f)^2 / (max(|x|,M) max(|y|,M))
 *
 * a weighted cosine, in (0, 1]. Without the floor, two people whose only
 * tag is "ai" would score a perfect 1, as would two who share one rare tag
 * and nothing else, above two who share three rare interests and a goal.
 * With it, most profiles (a few tags) are measured against M, so the score
 * grows with how much rare common ground a pair has, and only profiles
 * with much more than that (people with many interests) are normalized by
 * their own size, so they don't match everyone. Pairs rank by score, then
 * by the lower id, then the higher one.
 *
 * THE SEARCH: A TOP-K SIMILARITY JOIN WITH PREFIX FILTERING
 *
 * Scoring every pair is quadratic: with Zipf-distributed tags at 100,000
 * people, an inverted index alone still meets billions of pairs through the
 * lists of the common tags ("ai" is held by ~40,000 people). Instead (after
 * AllPairs, Bayardo, Ma & Srikant, WWW 2007, and the top-k join of Xiao,
 * Wang, Lin & Shang, ICDE 2009):
 *
 *  - Features are ordered by decreasing weight (rarest first), each
 *    person's features in that order. maxu[f] is the largest u_y[f] of
 *    anyone, and s(y) = sqrt(sum of u_y[f]^2) the norm of y's shared
 *    features (s(y) <= c(y) <= 1). For person x with features f_1..f_m,
 *    against partners y with s(y) <= S, the suffix bound
 *
 *        B_x(i, S) = min( sum_{j>=i} u_x[f_j] * maxu[f_j],
 *                         sqrt(sum_{j>=i} u_x[f_j]^2) * S )
 *
 *    bounds what the features from the i-th on can add to the score of a
 *    pair (term by term; and by Cauchy-Schwarz).
 *
 *  - A min-heap keeps the best k pairs found so far; t is the score of its
 *    worst once it is full (before that nothing is pruned). t only rises.
 *
 *  - The prefix of x for t and S is f_1..f_{p-1} where p is the first
 *    position with B_x(p, S) < t. If x and y score >= t, their first
 *    shared feature (in the global order) lies in the prefix of x: were it
 *    past p, every shared feature would be, and the score would be at most
 *    B_x(p, S) < t. The same holds for y's prefix.
 *
 *  - People are taken by decreasing s (then id), so everyone met before x
 *    has s >= s(x), and everyone met after it s <= s(x). Each x probes,
 *    for the features of its prefix at the current t with S = the largest
 *    s, an inverted index of the people before it; then enters itself into
 *    that index under the features of its prefix with S = s(x) (its future
 *    partners' bound), at the t of that moment (long enough later on, as t
 *    only rises). A candidate is met first (a stamp array keeps it to
 *    once) at its first shared feature, at entry i of x and j of y; all
 *    else they share comes after both, so the score is at most
 *    u_x[i] u_y[j] + |x's entries after i| |y's entries after j| (PPJoin's
 *    positional filter, weighted), and at most s(x) s(y). Candidates whose
 *    bounds reach t get their exact score, a merge of two short sorted
 *    lists. By the argument above every pair scoring >= the final t is
 *    met, so the heap ends holding the exact top k, ties included.
 *
 *  - What this prunes: the common tags weigh little against M, so they
 *    fall in everyone's suffix and their long lists are neither probed nor
 *    filled; and people whose best possible pair is below t (the far
 *    circles, once closer pairs are found: s(y) <= 0.84 for circle none)
 *    enter no list at all. At 100,000 people with Zipf tags (bench/gen)
 *    the join scores under a million pairs for the top 10 instead of
 *    billions, in about as long as reading the tags takes.
 *
 *  - Bounds are compared with a margin of 1e-9, so rounding never drops a
 *    pair whose score equals t (which can still win on its ids).
 *
 * Who knows whom is checked only for pairs that would enter the heap
 * (indexed lookups, and a merge of the two people's interaction lists),
 * so the shared-interaction pairs of a million interactions are never
 * built. KITH_SUGGEST_EXHAUSTIVE scores every pair with the same code for
 * scores, heap and exclusions: the unit tests check that both give the
 * same list, and that it is the one the formula above gives.
 *
 * THE PLAN
 *
 * kith_intro_plan adds the open introductions waiting on the user (ask
 * both, make the introduction, follow up) and at most one new suggestion a
 * day. The plan must stay within milliseconds at 100,000 people, so that
 * suggestion comes from a bounded join: only the people of the inner,
 * close and active circles who have a cadence (found through the partial
 * index person_due, at most 500, closest first), with rarity counted among
 * them. Those are the people the user knows well enough to introduce.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/intro.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "plan_internal.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_WHY 1000
#define GOAL_BOOST 1.5
#define BOUND_MARGIN 1e-9
#define PLAN_SCOPE 500        /* people in the plan's bounded join */
#define FOLLOW_UP_DAYS 7      /* an asked introduction waits this long */

static const double circle_factor[KITH_N_CIRCLES] = { 1.00, 0.96, 0.92, 0.88, 0.84 };

/* ---- states ---- */

static const char *const state_names[KITH_N_INTRO_STATES] = {
	"proposed", "asked", "accepted", "made", "declined",
};

const char *kith_intro_state_name(enum kith_intro_state s)
{
	return (int)s >= 0 && s < KITH_N_INTRO_STATES ? state_names[s] : NULL;
}

int kith_intro_state_parse(const char *s)
{
	for (int i = 0; s && i < KITH_N_INTRO_STATES; i++)
		if (!strcmp(s, state_names[i]))
			return i;
	return -1;
}

unsigned kith_intro_next_states(enum kith_intro_state s)
{
	switch (s) {
	case KITH_INTRO_PROPOSED:
		return 1u << KITH_INTRO_ASKED | 1u << KITH_INTRO_DECLINED;
	case KITH_INTRO_ASKED:
		return 1u << KITH_INTRO_ACCEPTED | 1u << KITH_INTRO_DECLINED;
	case KITH_INTRO_ACCEPTED:
		return 1u << KITH_INTRO_MADE | 1u << KITH_INTRO_DECLINED;
	default:
		return 0;
	}
}

int kith_intro_state_open(enum kith_intro_state s)
{
	return s == KITH_INTRO_PROPOSED || s == KITH_INTRO_ASKED || s == KITH_INTRO_ACCEPTED;
}

/* "asked or declined" */
static void states_words(struct strbuf *sb, unsigned set)
{
	int n = 0, total = 0;
	for (int i = 0; i < KITH_N_INTRO_STATES; i++)
		total += !!(set & (1u << i));
	for (int i = 0; i < KITH_N_INTRO_STATES; i++) {
		if (!(set & (1u << i)))
			continue;
		if (n)
			strbuf_addstr(sb, n + 1 == total ? " or " : ", ");
		strbuf_addstr(sb, state_names[i]);
		n++;
	}
}

/* ---- small helpers ---- */

/* 1 when person id exists (its name in buf when buf is non-NULL), 0 when not, -1 on error. */
static int person_name(struct kith *k, int64_t id, char *buf, size_t len)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT name FROM person WHERE id = ?1");
	int r;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW && buf)
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (r == SQLITE_ROW)
		return 1;
	if (r == SQLITE_DONE)
		return 0;
	kith_fail_db(k, "cannot read person");
	return -1;
}

static enum kith_rc need_person(struct kith *k, int64_t id)
{
	int r = person_name(k, id, NULL, 0);
	if (r < 0)
		return KITH_ERR;
	if (r == 0)
		return kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)id);
	return KITH_OK;
}

static int one_line(const char *s)
{
	return !strchr(s, '\n') && !strchr(s, '\r');
}

/* ---- who knows whom ---- */

/* Cached statements for checking pairs, many at a time. */
struct knows_q {
	struct kith *k;
	sqlite3_stmt *row, *made, *any, *org, *member, *ix[2];
};

static void knows_q_release(struct knows_q *q)
{
	sqlite3_finalize(q->row);
	sqlite3_finalize(q->made);
	sqlite3_finalize(q->any);
	sqlite3_finalize(q->org);
	sqlite3_finalize(q->member);
	sqlite3_finalize(q->ix[0]);
	sqlite3_finalize(q->ix[1]);
	memset(q, 0, sizeof(*q));
}

static int knows_q_init(struct knows_q *q, struct kith *k)
{
	memset(q, 0, sizeof(*q));
	q->k = k;
	q->row = kith_prepare(k, "SELECT source FROM knows WHERE a = ?1 AND b = ?2");
	q->made = kith_prepare(k, "SELECT 1 FROM intro WHERE state = 'made'"
				  " AND ((a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1)) LIMIT 1");
	q->any = kith_prepare(k, "SELECT 1 FROM intro WHERE (a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1) LIMIT 1");
	q->org = kith_prepare(k, "SELECT 1 FROM person p JOIN person q ON q.id = ?2"
				 " WHERE p.id = ?1 AND p.org != '' AND p.org = q.org COLLATE NOCASE");
	q->member = kith_prepare(k, "SELECT 1 FROM org_member m JOIN org_member n"
				    " ON n.org_id = m.org_id AND n.person_id = ?2 WHERE m.person_id = ?1 LIMIT 1");
	/* in key order: the two lists merge without sorting */
	for (int i = 0; i < 2; i++)
		q->ix[i] = kith_prepare(k, "SELECT date, interaction_id FROM interaction_person"
					   " WHERE person_id = ?1 ORDER BY date, interaction_id");
	if (!q->row || !q->made || !q->any || !q->org || !q->member || !q->ix[0] || !q->ix[1]) {
		knows_q_release(q);
		return -1;
	}
	return 0;
}

/* Run a statement with two ids; 1 when it gives a row, 0 when not, -1 on error. */
static int exists2(struct kith *k, sqlite3_stmt *st, int64_t a, int64_t b)
{
	int r;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	r = sqlite3_step(st);
	sqlite3_reset(st);
	if (r == SQLITE_ROW)
		return 1;
	if (r == SQLITE_DONE)
		return 0;
	kith_fail_db(k, "cannot read who knows whom");
	return -1;
}

/* Were a and b ever logged together? A merge of their interaction lists. */
static int shared_interaction(struct knows_q *q, int64_t a, int64_t b)
{
	sqlite3_stmt *x = q->ix[0], *y = q->ix[1];
	int rx, ry, found = 0;

	sqlite3_reset(x);
	sqlite3_reset(y);
	sqlite3_bind_int64(x, 1, a);
	sqlite3_bind_int64(y, 1, b);
	rx = sqlite3_step(x);
	ry = rx == SQLITE_ROW ? sqlite3_step(y) : SQLITE_DONE;
	while (rx == SQLITE_ROW && ry == SQLITE_ROW) {
		int c = strcmp((const char *)sqlite3_column_text(x, 0), (const char *)sqlite3_column_text(y, 0));
		if (c == 0) {
			int64_t ix = sqlite3_column_int64(x, 1), iy = sqlite3_column_int64(y, 1);
			c = ix < iy ? -1 : ix > iy;
		}
		if (c == 0) {
			found = 1;
			break;
		}
		if (c < 0)
			rx = sqlite3_step(x);
		else
			ry = sqlite3_step(y);
	}
	if (!found && ((rx != SQLITE_ROW && rx != SQLITE_DONE) || (ry != SQLITE_ROW && ry != SQLITE_DONE))) {
		kith_fail_db(q->k, "cannot read interactions");
		found = -1;
	}
	sqlite3_reset(x);
	sqlite3_reset(y);
	return found;
}

static const char *const knows_sources[] = { "stated", "import", "intro", "interaction", "org" };

/* The static string for a knows.source value (they are CHECKed in the schema). */
static const char *source_static(const char *s)
{
	for (size_t i = 0; i < sizeof(knows_sources) / sizeof(knows_sources[0]); i++)
		if (s && !strcmp(s, knows_sources[i]))
			return knows_sources[i];
	return "stated";
}

/* Rank of a how, strongest first. */
static int how_rank(const char *how)
{
	for (size_t i = 0; i < sizeof(knows_sources) / sizeof(knows_sources[0]); i++)
		if (!strcmp(how, knows_sources[i]))
			return (int)i;
	return 0;
}

/* How a and b know each other (*how NULL: they don't). 0 or -1 (error set). */
static int knows_q_check(struct knows_q *q, int64_t a, int64_t b, const char **how)
{
	int r;
	*how = NULL;
	if (a == b)
		return 0;
	sqlite3_reset(q->row);
	sqlite3_bind_int64(q->row, 1, a < b ? a : b);
	sqlite3_bind_int64(q->row, 2, a < b ? b : a);
	r = sqlite3_step(q->row);
	if (r == SQLITE_ROW)
		*how = source_static((const char *)sqlite3_column_text(q->row, 0));
	sqlite3_reset(q->row);
	if (r != SQLITE_ROW && r != SQLITE_DONE) {
		kith_fail_db(q->k, "cannot read who knows whom");
		return -1;
	}
	if (*how)
		return 0;
	if ((r = exists2(q->k, q->made, a, b)) != 0) {
		*how = r > 0 ? "intro" : NULL;
		return r < 0 ? -1 : 0;
	}
	if ((r = exists2(q->k, q->org, a, b)) != 0 || (r = exists2(q->k, q->member, a, b)) != 0) {
		*how = r > 0 ? "org" : NULL;
		return r < 0 ? -1 : 0;
	}
	if ((r = shared_interaction(q, a, b)) != 0) {
		*how = r > 0 ? "interaction" : NULL;
		return r < 0 ? -1 : 0;
	}
	return 0;
}

enum kith_rc kith_knows_check(struct kith *k, int64_t a, int64_t b, const char **how)
{
	struct knows_q q;
	int r;
	*how = NULL;
	if (knows_q_init(&q, k) < 0)
		return KITH_ERR;
	r = knows_q_check(&q, a, b, how);
	knows_q_release(&q);
	return r < 0 ? KITH_ERR : KITH_OK;
}

const char *kith_knows_how_words(const char *how)
{
	if (!how)
		return "";
	if (!strcmp(how, "stated"))
		return "you said so";
	if (!strcmp(how, "import"))
		return "imported";
	if (!strcmp(how, "intro"))
		return "introduced";
	if (!strcmp(how, "interaction"))
		return "logged together";
	if (!strcmp(how, "org"))
		return "same organization";
	return how;
}

enum kith_rc kith_knows_add(struct kith *k, int64_t a, int64_t b, int *added)
{
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;

	if (added)
		*added = 0;
	if (a == b)
		return kith_fail(k, KITH_EINPUT, "someone always knows themselves: name two different people");
	if ((rc = need_person(k, a)) != KITH_OK || (rc = need_person(k, b)) != KITH_OK)
		return rc;
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "INSERT OR IGNORE INTO knows(a, b, source, since) VALUES (?1, ?2, 'stated', ?3)");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, a < b ? a : b);
	sqlite3_bind_int64(st, 2, a < b ? b : a);
	kith_bind_day(st, 3, k->today);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot record who knows whom");
		goto done;
	}
	if (added)
		*added = sqlite3_changes(k->db) > 0;
done:
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

struct neighbor {
	int64_t id;
	int rank;
};

static int cmp_neighbor_id(const void *pa, const void *pb)
{
	const struct neighbor *a = pa, *b = pb;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return a->rank - b->rank;
}

static int cmp_neighbor_rank(const void *pa, const void *pb)
{
	const struct neighbor *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* a's neighbors, each once with its strongest how, by how then id: *out (free()) of *n. */
static enum kith_rc knows_collect(struct kith *k, int64_t a, struct neighbor **out, size_t *n_out)
{
	/* each query gives (id, how); `how` NULL reads it from the row */
	static const struct {
		const char *sql;
		const char *how;
	} sources[] = {
		{ "SELECT b, source FROM knows WHERE a = ?1 UNION ALL SELECT a, source FROM knows WHERE b = ?1", NULL },
		{ "SELECT b FROM intro WHERE a = ?1 AND state = 'made'"
		  " UNION ALL SELECT a FROM intro WHERE b = ?1 AND state = 'made'", "intro" },
		{ "SELECT DISTINCT y.person_id FROM interaction_person x JOIN interaction_person y"
		  " ON y.interaction_id = x.interaction_id WHERE x.person_id = ?1 AND y.person_id != ?1", "interaction" },
		{ "SELECT DISTINCT n.person_id FROM org_member m JOIN org_member n ON n.org_id = m.org_id"
		  " WHERE m.person_id = ?1 AND n.person_id != ?1", "org" },
		/* the person_org index (org COLLATE NOCASE) finds the colleagues */
		{ "SELECT q.id FROM person p JOIN person q ON q.org = p.org COLLATE NOCASE"
		  " WHERE p.id = ?1 AND p.org != '' AND q.id != ?1", "org" },
	};
	struct neighbor *v = NULL;
	size_t n = 0, alloc = 0, m = 0;
	enum kith_rc rc;

	*out = NULL;
	*n_out = 0;
	if ((rc = need_person(k, a)) != KITH_OK)
		return rc;
	for (size_t s = 0; s < sizeof(sources) / sizeof(sources[0]); s++) {
		sqlite3_stmt *st = kith_prepare(k, sources[s].sql);
		int r;
		if (!st) {
			rc = KITH_ERR;
			goto cleanup;
		}
		sqlite3_bind_int64(st, 1, a);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			const char *how = sources[s].how
				? sources[s].how : source_static((const char *)sqlite3_column_text(st, 1));
			if (n == alloc) {
				alloc = alloc ? alloc * 2 : 64;
				v = xrealloc(v, alloc * sizeof(*v));
			}
			v[n].id = sqlite3_column_int64(st, 0);
			v[n].rank = how_rank(how);
			n++;
		}
		sqlite3_finalize(st);
		if (r != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot read who knows whom");
			goto cleanup;
		}
	}
	/* each neighbor once, with the strongest how */
	if (n)
		qsort(v, n, sizeof(*v), cmp_neighbor_id);
	for (size_t i = 0; i < n; i++)
		if (v[i].id != a && (m == 0 || v[m - 1].id != v[i].id))
			v[m++] = v[i];
	if (m)
		qsort(v, m, sizeof(*v), cmp_neighbor_rank);
cleanup:
	if (rc != KITH_OK) {
		free(v);
		v = NULL;
		m = 0;
	}
	*out = v;
	*n_out = m;
	return rc;
}

enum kith_rc kith_knows_each(struct kith *k, int64_t a, int (*fn)(void *ctx, int64_t id, const char *how),
			     void *ctx)
{
	struct neighbor *v = NULL;
	size_t n = 0;
	enum kith_rc rc = knows_collect(k, a, &v, &n);
	for (size_t i = 0; rc == KITH_OK && i < n; i++)
		if (fn(ctx, v[i].id, knows_sources[v[i].rank]))
			break;
	free(v);
	return rc;
}

void kith_neighbors_free(struct kith_neighbor *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].name);
	free(v);
}

enum kith_rc kith_knows_list(struct kith *k, int64_t a, struct kith_neighbor **out, size_t *n_out)
{
	struct neighbor *v = NULL;
	size_t n = 0;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;

	*out = NULL;
	*n_out = 0;
	rc = knows_collect(k, a, &v, &n);
	if (rc != KITH_OK)
		return rc;
	st = kith_prepare(k, "SELECT name FROM person WHERE id = ?1");
	if (!st) {
		free(v);
		return KITH_ERR;
	}
	*out = xcalloc(n ? n : 1, sizeof(**out));
	for (size_t i = 0; i < n; i++) {
		struct kith_neighbor *x = &(*out)[i];
		x->id = v[i].id;
		x->how = knows_sources[v[i].rank];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, x->id);
		x->name = xstrdup(sqlite3_step(st) == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "?");
	}
	*n_out = n;
	sqlite3_finalize(st);
	free(v);
	return KITH_OK;
}

/* ---- introductions ---- */

void kith_intro_release(struct kith_intro *in)
{
	if (!in)
		return;
	free(in->name_a);
	free(in->name_b);
	free(in->why);
	free(in->note);
	memset(in, 0, sizeof(*in));
}

#define INTRO_COLUMNS \
	"i.id, i.a, i.b, pa.name, pb.name, i.why, i.state, i.created, i.updated," \
	" i.asked_on, i.accepted_on, i.made_on, i.declined_on, i.outcome" \
	" FROM intro i JOIN person pa ON pa.id = i.a JOIN person pb ON pb.id = i.b"

static void intro_from_row(sqlite3_stmt *st, struct kith_intro *in)
{
	int s;
	memset(in, 0, sizeof(*in));
	in->id = sqlite3_column_int64(st, 0);
	in->a = sqlite3_column_int64(st, 1);
	in->b = sqlite3_column_int64(st, 2);
	in->name_a = kith_column_strdup(st, 3);
	in->name_b = kith_column_strdup(st, 4);
	in->why = kith_column_strdup(st, 5);
	s = kith_intro_state_parse((const char *)sqlite3_column_text(st, 6));
	in->state = s < 0 ? KITH_INTRO_PROPOSED : (enum kith_intro_state)s;
	in->created = kith_column_day(st, 7);
	in->updated = kith_column_day(st, 8);
	in->asked_on = kith_column_day(st, 9);
	in->accepted_on = kith_column_day(st, 10);
	in->made_on = kith_column_day(st, 11);
	in->declined_on = kith_column_day(st, 12);
	in->note = kith_column_strdup(st, 13);
}

enum kith_rc kith_intro_get(struct kith *k, int64_t id, struct kith_intro *out)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT " INTRO_COLUMNS " WHERE i.id = ?1");
	enum kith_rc rc = KITH_OK;
	int r;

	memset(out, 0, sizeof(*out));
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		intro_from_row(st, out);
	else if (r == SQLITE_DONE)
		rc = kith_fail(k, KITH_ENOTFOUND, "no introduction #%lld (see kith intro ls)", (long long)id);
	else
		rc = kith_fail_db(k, "cannot read the introduction");
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_intro_each(struct kith *k, int state, int (*fn)(void *ctx, const struct kith_intro *in),
			     void *ctx)
{
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;
	int r;

	if (state >= KITH_N_INTRO_STATES)
		return kith_fail(k, KITH_EINPUT, "unknown introduction state");
	st = kith_prepare(k, "SELECT " INTRO_COLUMNS " WHERE ?1 IS NULL OR i.state = ?1 ORDER BY i.id DESC");
	if (!st)
		return KITH_ERR;
	if (state >= 0)
		sqlite3_bind_text(st, 1, state_names[state], -1, SQLITE_STATIC);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_intro in;
		int stop;
		intro_from_row(st, &in);
		stop = fn(ctx, &in);
		kith_intro_release(&in);
		if (stop)
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read introductions");
	sqlite3_finalize(st);
	return rc;
}

/* An open introduction of a and b, in either order: its id (0 when none) and state. */
static enum kith_rc open_intro(struct kith *k, int64_t a, int64_t b, int64_t *id, char *state, size_t len)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT id, state FROM intro WHERE ((a = ?1 AND b = ?2) OR (a = ?2 AND b = ?1))"
					   " AND state IN ('proposed', 'asked', 'accepted') ORDER BY id LIMIT 1");
	int r;
	*id = 0;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		snprintf(state, len, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return kith_fail_db(k, "cannot read introductions");
	return KITH_OK;
}

enum kith_rc kith_intro_start(struct kith *k, int64_t a, int64_t b, const char *why, int64_t *id)
{
	sqlite3_stmt *st = NULL;
	char *common = NULL, state[16], na[256], nb[256];
	int64_t open = 0;
	enum kith_rc rc;
	int r;

	if (id)
		*id = 0;
	if (a == b)
		return kith_fail(k, KITH_EINPUT, "cannot introduce someone to themselves: name two different people");
	if (why && strlen(why) > MAX_WHY)
		return kith_fail(k, KITH_EINPUT, "the reason is too long (%d bytes at most)", MAX_WHY);
	if (why && !one_line(why))
		return kith_fail(k, KITH_EINPUT, "the reason must be one line");
	if ((r = person_name(k, a, na, sizeof(na))) <= 0)
		return r < 0 ? KITH_ERR : kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)a);
	if ((r = person_name(k, b, nb, sizeof(nb))) <= 0)
		return r < 0 ? KITH_ERR : kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)b);
	rc = open_intro(k, a, b, &open, state, sizeof(state));
	if (rc != KITH_OK)
		return rc;
	if (open)
		return kith_fail(k, KITH_EINPUT,
				 "'%s' and '%s' already have an open introduction (#%lld, %s); move it on with kith intro set %lld",
				 na, nb, (long long)open, state, (long long)open);
	if (!why || !*why) {
		rc = kith_intro_common(k, a, b, &common);
		if (rc != KITH_OK)
			return rc;
		why = common;
	}
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "INSERT INTO intro(a, b, why, state, created, updated) VALUES (?1, ?2, ?3, 'proposed', ?4, ?4)");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		kith_bind_text(st, 3, why, 1);
		kith_bind_day(st, 4, k->today);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot add the introduction");
		else if (id)
			*id = sqlite3_last_insert_rowid(k->db);
	}
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
cleanup:
	free(common);
	return rc;
}

/* The day a state was reached, from its column. */
static kith_day state_day(const struct kith_intro *in, enum kith_intro_state s)
{
	switch (s) {
	case KITH_INTRO_PROPOSED:
		return in->created;
	case KITH_INTRO_ASKED:
		return in->asked_on;
	case KITH_INTRO_ACCEPTED:
		return in->accepted_on;
	case KITH_INTRO_MADE:
		return in->made_on;
	case KITH_INTRO_DECLINED:
		return in->declined_on;
	default:
		return KITH_NO_DAY;
	}
}

enum kith_rc kith_intro_set(struct kith *k, int64_t id, enum kith_intro_state to, kith_day on, const char *note)
{
	static const char *const set_sql[KITH_N_INTRO_STATES] = {
		NULL,
		"UPDATE intro SET state = 'asked', asked_on = ?2, updated = ?2, outcome = coalesce(?3, outcome) WHERE id = ?1",
		"UPDATE intro SET state = 'accepted', accepted_on = ?2, updated = ?2, outcome = coalesce(?3, outcome) WHERE id = ?1",
		"UPDATE intro SET state = 'made', made_on = ?2, updated = ?2, outcome = coalesce(?3, outcome) WHERE id = ?1",
		"UPDATE intro SET state = 'declined', declined_on = ?2, updated = ?2, outcome = coalesce(?3, outcome) WHERE id = ?1",
	};
	struct kith_intro in;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;
	char buf[KITH_DATE_BUFSZ];
	unsigned next;

	if ((int)to < 0 || to >= KITH_N_INTRO_STATES)
		return kith_fail(k, KITH_EINPUT, "unknown introduction state");
	if (note && strlen(note) > MAX_WHY)
		return kith_fail(k, KITH_EINPUT, "the note is too long (%d bytes at most)", MAX_WHY);
	if (on > k->today)
		return kith_fail(k, KITH_EINPUT, "cannot record a step in the future (%s)", kith_day_format(on, buf));
	rc = kith_intro_get(k, id, &in);
	if (rc != KITH_OK)
		return rc;
	next = kith_intro_next_states(in.state);
	if (!(next & (1u << to))) {
		struct strbuf sb = STRBUF_INIT;
		if (!next)
			strbuf_addf(&sb, "introduction #%lld is %s: nothing comes after that", (long long)id,
				    state_names[in.state]);
		else {
			strbuf_addf(&sb, "introduction #%lld is %s: it cannot become %s (next: ", (long long)id,
				    state_names[in.state], state_names[to]);
			states_words(&sb, next);
			strbuf_addch(&sb, ')');
		}
		rc = kith_fail(k, KITH_EINPUT, "%s", sb.buf);
		strbuf_release(&sb);
		goto cleanup;
	}
	/* the steps happen in order: not before the one it follows (the first
	   may be back-dated before the day the idea was written down) */
	if (in.state != KITH_INTRO_PROPOSED && state_day(&in, in.state) != KITH_NO_DAY && on < state_day(&in, in.state)) {
		char prev[KITH_DATE_BUFSZ];
		rc = kith_fail(k, KITH_EINPUT, "introduction #%lld was %s on %s: it cannot be %s before that (%s)",
			       (long long)id, state_names[in.state], kith_day_format(state_day(&in, in.state), prev),
			       state_names[to], kith_day_format(on, buf));
		goto cleanup;
	}
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, set_sql[to]);
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	kith_bind_day(st, 2, on);
	kith_bind_text(st, 3, note, 1);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot update the introduction");
		goto done;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (to == KITH_INTRO_MADE) {
		int64_t ids[2] = { in.a, in.b };
		struct strbuf sb = STRBUF_INIT;
		/* an earlier fact (stated, say) stays as it is */
		st = kith_prepare(k, "INSERT OR IGNORE INTO knows(a, b, source, since) VALUES (?1, ?2, 'intro', ?3)");
		if (!st) {
			rc = KITH_ERR;
			goto done;
		}
		sqlite3_bind_int64(st, 1, in.a < in.b ? in.a : in.b);
		sqlite3_bind_int64(st, 2, in.a < in.b ? in.b : in.a);
		kith_bind_day(st, 3, on);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot record who knows whom");
			goto done;
		}
		if (note && *note)
			strbuf_addstr(&sb, note);
		else
			strbuf_addf(&sb, "introduced %s and %s", in.name_a, in.name_b);
		rc = kith_log(k, ids, 2, "intro", on, sb.buf, NULL);
		strbuf_release(&sb);
	}
done:
	sqlite3_finalize(st);
	rc = kith_sp_end(k, rc);
cleanup:
	kith_intro_release(&in);
	return rc;
}

/* ---- features: tags and goals ---- */

/* A goal as a feature key: folded, trailing punctuation dropped. New string. */
static char *goal_key(const char *goal)
{
	char *f = kith_fold_dup(goal);
	size_t n = strlen(f);
	while (n && (strchr(".!?;,:", f[n - 1]) || f[n - 1] == ' '))
		f[--n] = '\0';
	return f;
}

struct shared_feature {
	char *name;
	int goal;
	double rank; /* smaller first: rarer */
};

static int cmp_shared(const void *pa, const void *pb)
{
	const struct shared_feature *a = pa, *b = pb;
	if (a->goal != b->goal)
		return a->goal - b->goal;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->name, b->name);
}

/*
 * "both into fintech and payments; both want to raise a seed round" from
 * shared features sorted by cmp_shared (tags first, each rarest first).
 */
static void describe_shared(struct strbuf *sb, const struct shared_feature *v, size_t n)
{
	size_t n_tags = 0, n_goals = 0, shown;
	for (size_t i = 0; i < n; i++) {
		if (v[i].goal)
			n_goals++;
		else
			n_tags++;
	}
	shown = n_tags > 3 ? 3 : n_tags;
	if (shown) {
		strbuf_addstr(sb, "both into ");
		for (size_t i = 0; i < shown; i++) {
			if (i)
				strbuf_addstr(sb, i + 1 == shown ? " and " : ", ");
			strbuf_addstr(sb, v[i].name);
		}
	}
	if (n_goals) {
		size_t g = n_goals > 2 ? 2 : n_goals;
		strbuf_addstr(sb, shown ? "; both want to " : "both want to ");
		for (size_t i = 0; i < g; i++) {
			if (i)
				strbuf_addstr(sb, " and to ");
			strbuf_addstr(sb, v[n_tags + i].name);
		}
	}
}

enum kith_rc kith_intro_common(struct kith *k, int64_t a, int64_t b, char **out)
{
	sqlite3_stmt *tags = NULL, *goals = NULL;
	struct shared_feature *v = NULL;
	size_t n = 0, alloc = 0;
	enum kith_rc rc = KITH_OK;
	int r;

	*out = NULL;
	/* shared tags, rarest first */
	tags = kith_prepare(k, "SELECT t.tag, (SELECT count(*) FROM person_tag c WHERE c.tag = t.tag)"
			       " FROM person_tag t JOIN person_tag u ON u.tag = t.tag AND u.person_id = ?2"
			       " WHERE t.person_id = ?1");
	goals = kith_prepare(k, "SELECT goal, ?1 FROM person_goal WHERE person_id = ?1"
				" UNION ALL SELECT goal, ?2 FROM person_goal WHERE person_id = ?2 ORDER BY 2, 1");
	if (!tags || !goals) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_int64(tags, 1, a);
	sqlite3_bind_int64(tags, 2, b);
	while ((r = sqlite3_step(tags)) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		v[n].name = kith_column_strdup(tags, 0);
		v[n].goal = 0;
		v[n].rank = (double)sqlite3_column_int64(tags, 1);
		n++;
	}
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot read interests");
		goto cleanup;
	}
	/* shared goals: a's goals whose key b has too */
	{
		struct kith_strlist ka = KITH_STRLIST_INIT, ta = KITH_STRLIST_INIT, kb = KITH_STRLIST_INIT;
		sqlite3_bind_int64(goals, 1, a);
		sqlite3_bind_int64(goals, 2, b);
		while ((r = sqlite3_step(goals)) == SQLITE_ROW) {
			const char *g = (const char *)sqlite3_column_text(goals, 0);
			char *key = goal_key(g);
			if (sqlite3_column_int64(goals, 1) == a) {
				kith_strlist_push(&ka, key);
				kith_strlist_push(&ta, g);
			} else {
				kith_strlist_push(&kb, key);
			}
			free(key);
		}
		for (size_t i = 0; r == SQLITE_DONE && i < ka.n; i++) {
			int dup = 0;
			for (size_t j = 0; j < i; j++)
				dup |= !strcmp(ka.v[j], ka.v[i]);
			for (size_t j = 0; !dup && j < kb.n; j++) {
				if (strcmp(ka.v[i], kb.v[j]))
					continue;
				if (n == alloc) {
					alloc = alloc ? alloc * 2 : 8;
					v = xrealloc(v, alloc * sizeof(*v));
				}
				v[n].name = xstrdup(ta.v[i]);
				v[n].goal = 1;
				v[n].rank = 0;
				n++;
				break;
			}
		}
		kith_strlist_release(&ka);
		kith_strlist_release(&ta);
		kith_strlist_release(&kb);
		if (r != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot read goals");
			goto cleanup;
		}
	}
	if (n) {
		struct strbuf sb = STRBUF_INIT;
		qsort(v, n, sizeof(*v), cmp_shared);
		describe_shared(&sb, v, n);
		*out = strbuf_detach(&sb);
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	sqlite3_finalize(tags);
	sqlite3_finalize(goals);
	return rc;
}

/* ---- the similarity model ---- */

struct posting {
	uint32_t x;         /* the person */
	uint32_t e;         /* their entry for the feature (an index into ent) */
};

struct feature {
	char *name;         /* the tag, or the goal as first written */
	int goal;
	uint32_t df;        /* holders */
	double w;           /* weight */
	double maxu;        /* the largest u of a holder */
	uint32_t *holders;  /* dense indexes, ascending */
	/* the prefix index of the join: who, and at which of their entries */
	struct posting *list;
	size_t n_list, alloc_list;
};

struct entry {
	uint32_t f;         /* feature, by rank: 0 is the heaviest */
	double u;
};

struct model {
	size_t n;           /* people (dense indexes 0..n-1), ascending ids */
	int64_t *id;
	double *c;          /* closeness factor */
	double *norm2;      /* sum of w^2, then the floored norm */
	uint32_t *off;      /* entries of x: ent[off[x] .. off[x+1]) */
	struct entry *ent;
	double *lin, *sqn;  /* suffix sums of entries i..: of u * maxu, and sqrt of u^2 */
	double *s;          /* the norm of each person's entries */
	uint32_t *order;    /* people with entries, by decreasing s: the join's order */
	size_t n_order;
	struct feature *f;  /* by rank once ranked */
	size_t n_f, alloc_f;
	size_t n_with;      /* people with at least one feature */
	double max_s;
	int32_t *direct;    /* id -> dense, when ids are dense enough */
	int64_t max_id;
};

static void model_release(struct model *m)
{
	for (size_t i = 0; i < m->n_f; i++) {
		free(m->f[i].name);
		free(m->f[i].holders);
		free(m->f[i].list);
	}
	free(m->f);
	free(m->id);
	free(m->c);
	free(m->norm2);
	free(m->off);
	free(m->ent);
	free(m->lin);
	free(m->sqn);
	free(m->s);
	free(m->order);
	free(m->direct);
	memset(m, 0, sizeof(*m));
}

/* Dense index of person id, or -1. */
static long dense_of(const struct model *m, int64_t id)
{
	size_t lo = 0, hi = m->n;
	if (m->direct)
		return id >= 0 && id <= m->max_id ? m->direct[id] : -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->id[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->n && m->id[lo] == id ? (long)lo : -1;
}

/* Index the people of m->id (sorted ascending, unique) by id. */
static void model_index_people(struct model *m)
{
	m->max_id = m->n ? m->id[m->n - 1] : 0;
	/* a direct table when ids are not too sparse (AUTOINCREMENT ids are) */
	if (m->n && m->max_id >= 0 && (uint64_t)m->max_id <= 4 * (uint64_t)m->n + 4096) {
		m->direct = xmalloc(((size_t)m->max_id + 1) * sizeof(*m->direct));
		for (int64_t i = 0; i <= m->max_id; i++)
			m->direct[i] = -1;
		for (size_t i = 0; i < m->n; i++)
			m->direct[m->id[i]] = (int32_t)i;
	}
	m->norm2 = xcalloc(m->n ? m->n : 1, sizeof(*m->norm2));
}

/* A new feature with its holders (dense, ascending; taken over). */
static void model_add_feature(struct model *m, const char *name, int goal, uint32_t *holders, size_t n)
{
	struct feature *f;
	if (m->n_f == m->alloc_f) {
		m->alloc_f = m->alloc_f ? m->alloc_f * 2 : 64;
		m->f = xrealloc(m->f, m->alloc_f * sizeof(*m->f));
	}
	f = &m->f[m->n_f++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->goal = goal;
	f->holders = holders;
	f->df = (uint32_t)n;
}

/* A growable array of dense indexes. */
struct uvec {
	uint32_t *v;
	size_t n, alloc;
};

static void uvec_push(struct uvec *u, uint32_t x)
{
	if (u->n == u->alloc) {
		u->alloc = u->alloc ? u->alloc * 2 : 16;
		u->v = xrealloc(u->v, u->alloc * sizeof(*u->v));
	}
	u->v[u->n++] = x;
}

/* (feature key, display, dense person) triples, grouped into features by sorting. */
struct triple {
	char *key;
	char *display;
	uint32_t x;
};

static int cmp_triple(const void *pa, const void *pb)
{
	const struct triple *a = pa, *b = pb;
	int c = strcmp(a->key, b->key);
	if (c)
		return c;
	return a->x < b->x ? -1 : a->x > b->x;
}

static void triples_to_features(struct model *m, struct triple *t, size_t n, int goal)
{
	size_t i = 0;
	if (n)
		qsort(t, n, sizeof(*t), cmp_triple);
	while (i < n) {
		struct uvec h = { NULL, 0, 0 };
		size_t j = i;
		for (; j < n && !strcmp(t[j].key, t[i].key); j++)
			if (!h.n || h.v[h.n - 1] != t[j].x)
				uvec_push(&h, t[j].x);
		/* the display of the lowest id: the same on every run */
		model_add_feature(m, t[i].display, goal, h.v, h.n);
		i = j;
	}
	for (i = 0; i < n; i++) {
		free(t[i].key);
		free(t[i].display);
	}
}

static void triple_push(struct triple **t, size_t *n, size_t *alloc, const char *key, const char *display, uint32_t x)
{
	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 256;
		*t = xrealloc(*t, *alloc * sizeof(**t));
	}
	(*t)[*n].key = xstrdup(key);
	(*t)[*n].display = xstrdup(display);
	(*t)[*n].x = x;
	(*n)++;
}

/*
 * The whole network: everyone's circle (one scan of person), the tags (one
 * ordered read of the person_tag_tag index: each tag's holders arrive
 * together, in id order) and the goals (one read, grouped in memory).
 */
static enum kith_rc load_network(struct kith *k, struct model *m)
{
	sqlite3_stmt *st = NULL;
	struct triple *t = NULL;
	size_t n_t = 0, alloc_t = 0, alloc = 0;
	struct uvec h = { NULL, 0, 0 };
	char *cur = NULL;
	enum kith_rc rc = KITH_OK;
	int r;

	st = kith_prepare(k, "SELECT id, circle FROM person ORDER BY id");
	if (!st)
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int circle = sqlite3_column_int(st, 1);
		if (m->n == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			m->id = xrealloc(m->id, alloc * sizeof(*m->id));
			m->c = xrealloc(m->c, alloc * sizeof(*m->c));
		}
		m->id[m->n] = sqlite3_column_int64(st, 0);
		m->c[m->n] = circle_factor[circle >= 0 && circle < KITH_N_CIRCLES ? circle : KITH_N_CIRCLES - 1];
		m->n++;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return kith_fail_db(k, "cannot read people");
	model_index_people(m);

	st = kith_prepare(k, "SELECT tag, person_id FROM person_tag ORDER BY tag, person_id");
	if (!st)
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tag = (const char *)sqlite3_column_text(st, 0);
		long x = dense_of(m, sqlite3_column_int64(st, 1));
		if (!tag || x < 0)
			continue;
		if (!cur || strcmp(cur, tag)) {
			if (cur)
				model_add_feature(m, cur, 0, h.v, h.n);
			free(cur);
			cur = xstrdup(tag);
			memset(&h, 0, sizeof(h));
		}
		uvec_push(&h, (uint32_t)x);
	}
	if (cur)
		model_add_feature(m, cur, 0, h.v, h.n);
	else
		free(h.v);
	free(cur);
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return kith_fail_db(k, "cannot read interests");

	st = kith_prepare(k, "SELECT goal, person_id FROM person_goal");
	if (!st)
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *goal = (const char *)sqlite3_column_text(st, 0);
		long x = dense_of(m, sqlite3_column_int64(st, 1));
		char *key;
		if (!goal || x < 0)
			continue;
		key = goal_key(goal);
		if (*key)
			triple_push(&t, &n_t, &alloc_t, key, goal, (uint32_t)x);
		free(key);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read goals");
	triples_to_features(m, t, n_t, 1);
	free(t);
	return rc;
}

/*
 * The plan's scope: the first `limit` people with a cadence in circles up
 * to `circle` (closest first), given in ids (ascending) and circles, and
 * their tags and goals, read by one query each.
 */
#define SCOPE_SQL \
	"WITH s AS (SELECT id FROM person WHERE due_on IS NOT NULL AND circle <= ?1 ORDER BY circle, id LIMIT ?2)"

static enum kith_rc load_scope(struct kith *k, struct model *m, const int64_t *ids, const int *circles, size_t n,
			       int circle, int limit)
{
	sqlite3_stmt *st[2] = { NULL, NULL };
	struct triple *t[2] = { NULL, NULL };
	size_t n_t[2] = { 0, 0 }, a_t[2] = { 0, 0 };
	enum kith_rc rc = KITH_OK;

	m->n = n;
	m->id = xmalloc((n ? n : 1) * sizeof(*m->id));
	m->c = xmalloc((n ? n : 1) * sizeof(*m->c));
	for (size_t i = 0; i < n; i++) {
		m->id[i] = ids[i];
		m->c[i] = circle_factor[circles[i] >= 0 && circles[i] < KITH_N_CIRCLES ? circles[i] : KITH_N_CIRCLES - 1];
	}
	model_index_people(m);
	st[0] = kith_prepare(k, SCOPE_SQL " SELECT t.person_id, t.tag FROM s JOIN person_tag t ON t.person_id = s.id");
	st[1] = kith_prepare(k, SCOPE_SQL " SELECT g.person_id, g.goal FROM s JOIN person_goal g ON g.person_id = s.id");
	for (int goal = 0; goal < 2 && rc == KITH_OK; goal++) {
		int r;
		if (!st[goal]) {
			rc = KITH_ERR;
			break;
		}
		sqlite3_bind_int(st[goal], 1, circle);
		sqlite3_bind_int(st[goal], 2, limit);
		while ((r = sqlite3_step(st[goal])) == SQLITE_ROW) {
			long x = dense_of(m, sqlite3_column_int64(st[goal], 0));
			const char *v = (const char *)sqlite3_column_text(st[goal], 1);
			char *key;
			if (x < 0 || !v)
				continue;
			key = goal ? goal_key(v) : NULL;
			if (!goal || *key)
				triple_push(&t[goal], &n_t[goal], &a_t[goal], goal ? key : v, v, (uint32_t)x);
			free(key);
		}
		if (r != SQLITE_DONE)
			rc = kith_fail_db(k, goal ? "cannot read goals" : "cannot read interests");
	}
	triples_to_features(m, t[0], n_t[0], 0);
	triples_to_features(m, t[1], n_t[1], 1);
	free(t[0]);
	free(t[1]);
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	return rc;
}

/* Heaviest first; ties by kind (tags first) and name, so ranks are stable. */
static int cmp_feature(const void *pa, const void *pb)
{
	const struct feature *a = pa, *b = pb;
	if (a->w != b->w)
		return a->w > b->w ? -1 : 1;
	if (a->goal != b->goal)
		return a->goal - b->goal;
	return strcmp(a->name, b->name);
}

/*
 * Sort m->order (dense indexes, ascending) by decreasing s, ties in dense
 * order. The key is the complemented bit pattern of s (non-negative
 * doubles order as their bits do): qsort for a few people, else a stable
 * LSD radix sort, 16 bits at a time (a few milliseconds at 100,000 instead
 * of a dozen).
 */
static void order_radix(struct model *m);

struct norm_key {
	uint64_t key;
	uint32_t x;
};

static int cmp_norm_key(const void *pa, const void *pb)
{
	const struct norm_key *a = pa, *b = pb;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->x < b->x ? -1 : a->x > b->x;
}

static uint64_t norm_key(double s)
{
	uint64_t bits;
	memcpy(&bits, &s, sizeof(bits));
	return ~bits;
}

static void order_by_norm(struct model *m)
{
	size_t n = m->n_order;
	if (n < 4096) { /* the radix sort's tables cost more than this */
		struct norm_key *v = xmalloc((n ? n : 1) * sizeof(*v));
		for (size_t i = 0; i < n; i++) {
			v[i].key = norm_key(m->s[m->order[i]]);
			v[i].x = m->order[i];
		}
		qsort(v, n, sizeof(*v), cmp_norm_key);
		for (size_t i = 0; i < n; i++)
			m->order[i] = v[i].x;
		free(v);
		return;
	}
	order_radix(m);
}

static void order_radix(struct model *m)
{
	size_t n = m->n_order;
	uint64_t *key = xmalloc((n ? n : 1) * sizeof(*key)), *key2 = xmalloc((n ? n : 1) * sizeof(*key2));
	uint32_t *tmp = xmalloc((n ? n : 1) * sizeof(*tmp));
	size_t *count = xmalloc(65537 * sizeof(*count));

	for (size_t i = 0; i < n; i++)
		key[i] = norm_key(m->s[m->order[i]]);
	for (int shift = 0; shift < 64; shift += 16) {
		memset(count, 0, 65537 * sizeof(*count));
		for (size_t i = 0; i < n; i++)
			count[((key[i] >> shift) & 0xFFFF) + 1]++;
		for (size_t d = 1; d <= 65536; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++) {
			size_t at = count[(key[i] >> shift) & 0xFFFF]++;
			key2[at] = key[i];
			tmp[at] = m->order[i];
		}
		memcpy(key, key2, n * sizeof(*key));
		memcpy(m->order, tmp, n * sizeof(*tmp));
	}
	free(key);
	free(key2);
	free(tmp);
	free(count);
}

/*
 * Weights, norms, vectors and bounds from the loaded features. Features
 * held by one person only weigh in their norm; features held by everyone
 * weigh nothing; the rest (the shared ones) are ranked and kept.
 */
static void model_build(struct model *m)
{
	uint32_t *count = xcalloc(m->n ? m->n : 1, sizeof(*count));
	double big_n, floor_norm;
	size_t kept = 0, n_ent = 0;

	for (size_t i = 0; i < m->n_f; i++)
		for (uint32_t j = 0; j < m->f[i].df; j++)
			count[m->f[i].holders[j]]++;
	m->n_with = 0;
	for (size_t x = 0; x < m->n; x++)
		m->n_with += count[x] > 0;
	big_n = (double)m->n_with;
	floor_norm = big_n > 1 ? log(big_n) : 0;
	for (size_t i = 0; i < m->n_f; i++) {
		struct feature *f = &m->f[i];
		f->w = f->df && big_n > 0 ? log(big_n / (double)f->df) : 0;
		if (f->goal)
			f->w *= GOAL_BOOST;
		if (f->w <= 0)
			continue;
		for (uint32_t j = 0; j < f->df; j++)
			m->norm2[f->holders[j]] += f->w * f->w;
	}
	for (size_t x = 0; x < m->n; x++) {
		double norm = sqrt(m->norm2[x]);
		m->norm2[x] = norm > floor_norm ? norm : floor_norm;
	}
	/* keep the shared features, ranked */
	for (size_t i = 0; i < m->n_f; i++) {
		if (m->f[i].w > 0 && m->f[i].df >= 2) {
			m->f[kept++] = m->f[i];
		} else {
			free(m->f[i].name);
			free(m->f[i].holders);
		}
	}
	m->n_f = kept;
	if (kept)
		qsort(m->f, kept, sizeof(*m->f), cmp_feature);

	/* entries: each person's, heaviest first (features are visited by rank) */
	memset(count, 0, (m->n ? m->n : 1) * sizeof(*count));
	for (size_t i = 0; i < m->n_f; i++) {
		for (uint32_t j = 0; j < m->f[i].df; j++)
			count[m->f[i].holders[j]]++;
		n_ent += m->f[i].df;
	}
	m->off = xmalloc((m->n + 1) * sizeof(*m->off));
	m->off[0] = 0;
	for (size_t x = 0; x < m->n; x++)
		m->off[x + 1] = m->off[x] + count[x];
	m->ent = xmalloc((n_ent ? n_ent : 1) * sizeof(*m->ent));
	m->lin = xmalloc((n_ent ? n_ent : 1) * sizeof(*m->lin));
	m->sqn = xmalloc((n_ent ? n_ent : 1) * sizeof(*m->sqn));
	m->s = xcalloc(m->n ? m->n : 1, sizeof(*m->s));
	memset(count, 0, (m->n ? m->n : 1) * sizeof(*count));
	for (size_t i = 0; i < m->n_f; i++) {
		struct feature *f = &m->f[i];
		f->maxu = 0;
		for (uint32_t j = 0; j < f->df; j++) {
			uint32_t x = f->holders[j];
			struct entry *e = &m->ent[m->off[x] + count[x]++];
			e->f = (uint32_t)i;
			e->u = m->c[x] * f->w / m->norm2[x];
			if (e->u > f->maxu)
				f->maxu = e->u;
		}
	}
	/* suffix sums, from the end of each person's entries */
	m->max_s = 0;
	m->order = xmalloc((m->n ? m->n : 1) * sizeof(*m->order));
	m->n_order = 0;
	for (size_t x = 0; x < m->n; x++) {
		double lin = 0, sq = 0;
		for (uint32_t i = m->off[x + 1]; i > m->off[x]; i--) {
			const struct entry *e = &m->ent[i - 1];
			lin += e->u * m->f[e->f].maxu;
			sq += e->u * e->u;
			m->lin[i - 1] = lin;
			m->sqn[i - 1] = sqrt(sq);
		}
		m->s[x] = sqrt(sq);
		if (m->s[x] > m->max_s)
			m->max_s = m->s[x];
		if (m->off[x + 1] > m->off[x])
			m->order[m->n_order++] = (uint32_t)x;
	}
	order_by_norm(m);
	free(count);
}

/* The exact score of x and y: a merge of their entries. */
static double model_dot(const struct model *m, uint32_t x, uint32_t y)
{
	const struct entry *a = m->ent + m->off[x], *ae = m->ent + m->off[x + 1];
	const struct entry *b = m->ent + m->off[y], *be = m->ent + m->off[y + 1];
	double s = 0;
	while (a < ae && b < be) {
		if (a->f == b->f) {
			s += a->u * b->u;
			a++;
			b++;
		} else if (a->f < b->f) {
			a++;
		} else {
			b++;
		}
	}
	return s;
}

/* ---- the join ---- */

struct pair {
	double score;
	int64_t a, b;       /* ids, a < b */
	uint32_t x, y;      /* their dense indexes */
};

/* 1 when p ranks before q: higher score, then lower ids. */
static int pair_better(const struct pair *p, const struct pair *q)
{
	if (p->score != q->score)
		return p->score > q->score;
	if (p->a != q->a)
		return p->a < q->a;
	return p->b < q->b;
}

/* Whether a pair may be suggested: 0 yes, 1 no, -1 error (message set). */
typedef int (*exclude_fn)(void *ctx, int64_t a, int64_t b);

struct join {
	const struct model *m;
	size_t k;
	struct pair *heap;  /* a min-heap: the worst of the best k at heap[0] */
	size_t n;
	exclude_fn exclude;
	void *ctx;
	int failed;
	struct kith_intro_stats *stats;
};

static void heap_sift_down(struct join *j, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < j->n && pair_better(&j->heap[w], &j->heap[l]))
			w = l;
		if (r < j->n && pair_better(&j->heap[w], &j->heap[r]))
			w = r;
		if (w == i)
			return;
		{
			struct pair t = j->heap[i];
			j->heap[i] = j->heap[w];
			j->heap[w] = t;
		}
		i = w;
	}
}

static void heap_sift_up(struct join *j, size_t i)
{
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!pair_better(&j->heap[p], &j->heap[i]))
			return;
		{
			struct pair t = j->heap[i];
			j->heap[i] = j->heap[p];
			j->heap[p] = t;
		}
		i = p;
	}
}

/* What a pair must reach to matter: -1 while the heap is not full. */
static double join_threshold(const struct join *j)
{
	return j->n < j->k ? -1.0 : j->heap[0].score - BOUND_MARGIN;
}

/* Score x and y and keep them when they rank among the best k. */
static void join_offer(struct join *j, uint32_t x, uint32_t y)
{
	const struct model *m = j->m;
	struct pair p;
	int r;

	/* Cauchy-Schwarz first: most candidates stop here, before the merge */
	if (j->n == j->k && m->s[x] * m->s[y] < j->heap[0].score - BOUND_MARGIN)
		return;
	p.score = model_dot(m, x, y);
	j->stats->scored++;
	if (p.score <= 0)
		return;
	if (m->id[x] < m->id[y]) {
		p.a = m->id[x], p.b = m->id[y], p.x = x, p.y = y;
	} else {
		p.a = m->id[y], p.b = m->id[x], p.x = y, p.y = x;
	}
	if (j->n == j->k && !pair_better(&p, &j->heap[0]))
		return;
	/* rare from here on: only pairs that would enter the heap (each pair
	   is offered once, so it is not in the heap yet) */
	j->stats->checked++;
	r = j->exclude(j->ctx, p.a, p.b);
	if (r < 0) {
		j->failed = 1;
		return;
	}
	if (r)
		return;
	if (j->n < j->k) {
		j->heap[j->n++] = p;
		heap_sift_up(j, j->n - 1);
	} else {
		j->heap[0] = p;
		heap_sift_down(j, 0);
	}
}

/*
 * Length of x's prefix for threshold t: the first i where what entries i..
 * can add to a pair falls below t, against a partner whose entries have a
 * norm of at most `partner` (Cauchy-Schwarz) and whose weights are at most
 * maxu (term by term).
 */
static uint32_t prefix_len(const struct model *m, uint32_t x, double t, double partner)
{
	uint32_t i = m->off[x], end = m->off[x + 1];
	if (t <= 0)
		return end - i;
	while (i < end) {
		double cs = m->sqn[i] * partner;
		if ((m->lin[i] < cs ? m->lin[i] : cs) < t)
			break;
		i++;
	}
	return i - m->off[x];
}

static void feature_list_push(struct feature *f, uint32_t x, uint32_t e)
{
	if (f->n_list == f->alloc_list) {
		f->alloc_list = f->alloc_list ? f->alloc_list * 2 : 16;
		f->list = xrealloc(f->list, f->alloc_list * sizeof(*f->list));
	}
	f->list[f->n_list].x = x;
	f->list[f->n_list].e = e;
	f->n_list++;
}

/* sqrt of the sum of u^2 over x's entries after entry e. */
static double after(const struct model *m, uint32_t x, uint32_t e)
{
	return e + 1 < m->off[x + 1] ? m->sqn[e + 1] : 0;
}

/* The filtered join (see the top of this file). */
static void join_run(struct join *j)
{
	struct model *m = (struct model *)j->m;
	uint32_t *stamp = xcalloc(m->n ? m->n : 1, sizeof(*stamp));

	for (size_t o = 0; o < m->n_order && !j->failed; o++) {
		uint32_t x = m->order[o], p;
		double t = join_threshold(j);
		/* the people indexed before x: norms up to max_s */
		p = prefix_len(m, x, t, m->max_s);
		for (uint32_t i = 0; i < p && !j->failed; i++) {
			uint32_t ex = m->off[x] + i;
			const struct feature *f = &m->f[m->ent[ex].f];
			double rest_x = after(m, x, ex);
			for (size_t l = 0; l < f->n_list && !j->failed; l++) {
				uint32_t y = f->list[l].x, ey = f->list[l].e;
				if (stamp[y] == o + 1)
					continue;
				stamp[y] = (uint32_t)o + 1;
				/*
				 * The first meeting is at their first shared feature:
				 * the rest of what they share comes after it on both
				 * sides, so the score is at most this one product plus
				 * the two remainders' norms multiplied (Cauchy-Schwarz;
				 * PPJoin's positional filter, weighted).
				 */
				if (t > 0 && m->ent[ex].u * m->ent[ey].u + rest_x * after(m, y, ey) < t)
					continue;
				join_offer(j, y, x);
				t = join_threshold(j);
			}
		}
		/* the people who will probe x come after it: norms up to x's own;
		   and t may have risen: the shorter prefix is enough from now on */
		p = prefix_len(m, x, join_threshold(j), m->s[x]);
		for (uint32_t i = 0; i < p; i++)
			feature_list_push(&m->f[m->ent[m->off[x] + i].f], x, m->off[x] + i);
	}
	free(stamp);
}

/* Every pair, for checking the filtered join. */
static void join_exhaustive(struct join *j)
{
	const struct model *m = j->m;
	for (uint32_t x = 0; x < m->n && !j->failed; x++) {
		if (m->off[x + 1] == m->off[x])
			continue;
		for (uint32_t y = x + 1; y < m->n && !j->failed; y++)
			if (m->off[y + 1] > m->off[y])
				join_offer(j, x, y);
	}
}

static int cmp_pair_rank(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;
	if (pair_better(a, b))
		return -1;
	return pair_better(b, a);
}

/*
 * The best k pairs of model m, best first, in *out (a new array of *n).
 * 0, or -1 when exclude failed (its message set).
 */
static int model_top(struct model *m, size_t k, int exhaustive, exclude_fn exclude, void *ctx,
		     struct kith_intro_stats *stats, struct pair **out, size_t *n)
{
	struct join j;
	memset(&j, 0, sizeof(j));
	j.m = m;
	j.k = k;
	j.heap = xcalloc(k ? k : 1, sizeof(*j.heap));
	j.exclude = exclude;
	j.ctx = ctx;
	j.stats = stats;
	*out = NULL;
	*n = 0;
	if (k) {
		if (exhaustive)
			join_exhaustive(&j);
		else
			join_run(&j);
	}
	if (j.failed) {
		free(j.heap);
		return -1;
	}
	if (j.n)
		qsort(j.heap, j.n, sizeof(*j.heap), cmp_pair_rank);
	*out = j.heap;
	*n = j.n;
	return 0;
}

/* "both into ...; both want to ..." for a pair of the model. */
static void model_reason(const struct model *m, uint32_t x, uint32_t y, struct strbuf *sb)
{
	const struct entry *a = m->ent + m->off[x], *ae = m->ent + m->off[x + 1];
	const struct entry *b = m->ent + m->off[y], *be = m->ent + m->off[y + 1];
	struct shared_feature v[32];
	size_t n = 0;
	while (a < ae && b < be && n < sizeof(v) / sizeof(v[0])) {
		if (a->f == b->f) {
			const struct feature *f = &m->f[a->f];
			v[n].name = f->name;
			v[n].goal = f->goal;
			v[n].rank = (double)a->f;
			n++;
			a++;
			b++;
		} else if (a->f < b->f) {
			a++;
		} else {
			b++;
		}
	}
	qsort(v, n, sizeof(*v), cmp_shared);
	describe_shared(sb, v, n);
}

/* ---- suggestions ---- */

struct exclude_ctx {
	struct knows_q q;
	struct kith_plan_build *b; /* the plan: also skip people it has and marked keys */
	sqlite3_stmt *mark;
};

static int exclude_pair(void *pctx, int64_t a, int64_t b)
{
	struct exclude_ctx *e = pctx;
	const char *how = NULL;
	int r;

	if (e->b) {
		char key[80];
		if (kith_plan_seen(e->b, a) || kith_plan_seen(e->b, b))
			return 1;
		snprintf(key, sizeof(key), "introsuggest:%lld-%lld", (long long)a, (long long)b);
		sqlite3_reset(e->mark);
		sqlite3_bind_text(e->mark, 1, key, -1, SQLITE_TRANSIENT);
		r = sqlite3_step(e->mark);
		sqlite3_reset(e->mark);
		if (r == SQLITE_ROW)
			return 1;
		if (r != SQLITE_DONE) {
			kith_fail_db(e->q.k, "cannot read the plan's marks");
			return -1;
		}
	}
	/* never twice: any introduction of the pair, whatever its state */
	if ((r = exists2(e->q.k, e->q.any, a, b)) != 0)
		return r;
	if (knows_q_check(&e->q, a, b, &how) < 0)
		return -1;
	return how != NULL;
}

void kith_intro_suggestions_release(struct kith_intro_suggestions *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name_a);
		free(s->v[i].name_b);
		free(s->v[i].reason);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

enum kith_rc kith_intro_suggest(struct kith *k, size_t limit, unsigned flags, struct kith_intro_suggestions *out)
{
	struct model m;
	struct exclude_ctx e;
	struct pair *top = NULL;
	size_t n = 0;
	enum kith_rc rc;

	memset(out, 0, sizeof(*out));
	memset(&m, 0, sizeof(m));
	memset(&e, 0, sizeof(e));
	if (limit < 1 || limit > KITH_SUGGEST_MAX)
		return kith_fail(k, KITH_EINPUT, "the number of suggestions must be 1 to %d", KITH_SUGGEST_MAX);
	if (knows_q_init(&e.q, k) < 0)
		return KITH_ERR;
	rc = load_network(k, &m);
	if (rc != KITH_OK)
		goto cleanup;
	model_build(&m);
	out->stats.people = m.n_with;
	out->stats.features = m.n_f;
	if (model_top(&m, limit, (flags & KITH_SUGGEST_EXHAUSTIVE) != 0, exclude_pair, &e, &out->stats, &top, &n) < 0) {
		rc = KITH_ERR;
		goto cleanup;
	}
	out->v = xcalloc(n ? n : 1, sizeof(*out->v));
	for (size_t i = 0; i < n; i++) {
		struct kith_intro_suggestion *s = &out->v[out->n++];
		struct strbuf sb = STRBUF_INIT;
		char name[256];
		s->a = top[i].a;
		s->b = top[i].b;
		s->score = top[i].score;
		s->name_a = xstrdup(kith_person_name(k, s->a, name, sizeof(name)));
		s->name_b = xstrdup(kith_person_name(k, s->b, name, sizeof(name)));
		model_reason(&m, top[i].x, top[i].y, &sb);
		strbuf_addstr(&sb, "; they don't know each other");
		s->reason = strbuf_detach(&sb);
	}
cleanup:
	free(top);
	model_release(&m);
	knows_q_release(&e.q);
	if (rc != KITH_OK)
		kith_intro_suggestions_release(out);
	return rc;
}

/* ---- the plan ---- */

/* Open introductions waiting on the user. */
static enum kith_rc plan_open(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	sqlite3_stmt *st = kith_prepare(k, "SELECT " INTRO_COLUMNS
					   " WHERE i.state IN ('proposed', 'asked', 'accepted') ORDER BY i.id LIMIT ?1");
	size_t added = 0;
	int r;

	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)(4 * b->limit + 16));
	while (added < b->limit && (r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_intro in;
		struct kith_action *a = NULL;
		char key[80];
		intro_from_row(st, &in);
		if (kith_plan_seen(b, in.a) || kith_plan_seen(b, in.b)) {
			kith_intro_release(&in);
			continue;
		}
		snprintf(key, sizeof(key), "intro:%lld:%s", (long long)in.id, state_names[in.state]);
		if (in.state == KITH_INTRO_PROPOSED) {
			long days = in.created != KITH_NO_DAY ? k->today - in.created : 0;
			a = kith_plan_add(b, "introduce", 58.0 + (days > 8 ? 4.0 : 0.5 * (double)(days > 0 ? days : 0)), key);
			kith_action_reason(a, "ask %s whether they'd like to meet %s%s%s%s", in.name_a, in.name_b,
					   in.why ? " (" : "", in.why ? in.why : "", in.why ? ")" : "");
		} else if (in.state == KITH_INTRO_ACCEPTED) {
			a = kith_plan_add(b, "introduce", 62.0, key);
			kith_action_reason(a, "make the introduction: write to both%s%s%s", in.why ? " (" : "",
					   in.why ? in.why : "", in.why ? ")" : "");
		} else if (in.asked_on != KITH_NO_DAY && k->today - in.asked_on > FOLLOW_UP_DAYS) {
			a = kith_plan_add(b, "introduce", 55.0, key);
			kith_action_reason(a, "asked %ld days ago whether they'd like to meet: a gentle follow-up",
					   (long)(k->today - in.asked_on));
		}
		if (a) {
			kith_plan_add_person(b, a, in.a, in.name_a);
			kith_plan_add_person(b, a, in.b, in.name_b);
			if (in.note)
				kith_action_detail(a, "note: %s", in.note);
			added++;
		}
		kith_intro_release(&in);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE && r != SQLITE_ROW)
		return kith_fail_db(k, "cannot read introductions");
	return KITH_OK;
}

struct scoped {
	int64_t id;
	int circle;
};

static int cmp_scoped(const void *pa, const void *pb)
{
	return kith_cmp_id(&((const struct scoped *)pa)->id, &((const struct scoped *)pb)->id);
}

/* One new suggestion from the bounded join over the closest people. */
static enum kith_rc plan_suggest(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	struct scoped *sc = NULL;
	int64_t *ids = NULL;
	int *circles = NULL;
	size_t n = 0, n_top = 0;
	struct model m;
	struct exclude_ctx e;
	struct kith_intro_stats stats;
	struct pair *top = NULL;
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;
	int r;

	memset(&m, 0, sizeof(m));
	memset(&e, 0, sizeof(e));
	memset(&stats, 0, sizeof(stats));
	/* the partial index person_due holds everyone with a cadence, circle included */
	st = kith_prepare(k, "SELECT id, circle FROM person WHERE due_on IS NOT NULL AND circle <= ?1"
			     " ORDER BY circle, id LIMIT ?2"); /* as SCOPE_SQL */
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int(st, 1, KITH_CIRCLE_ACTIVE);
	sqlite3_bind_int(st, 2, PLAN_SCOPE);
	sc = xcalloc(PLAN_SCOPE, sizeof(*sc));
	while ((r = sqlite3_step(st)) == SQLITE_ROW && n < PLAN_SCOPE) {
		sc[n].id = sqlite3_column_int64(st, 0);
		sc[n].circle = sqlite3_column_int(st, 1);
		n++;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE && r != SQLITE_ROW) {
		free(sc);
		return kith_fail_db(k, "cannot read the closest circles");
	}
	if (n < 2)
		goto cleanup;
	qsort(sc, n, sizeof(*sc), cmp_scoped);
	ids = xmalloc(n * sizeof(*ids));
	circles = xmalloc(n * sizeof(*circles));
	for (size_t i = 0; i < n; i++) {
		ids[i] = sc[i].id;
		circles[i] = sc[i].circle;
	}
	rc = load_scope(k, &m, ids, circles, n, KITH_CIRCLE_ACTIVE, PLAN_SCOPE);
	if (rc != KITH_OK)
		goto cleanup;
	model_build(&m);
	if (knows_q_init(&e.q, k) < 0) {
		rc = KITH_ERR;
		goto cleanup;
	}
	e.b = b;
	e.mark = kith_prepare(k, "SELECT 1 FROM plan_mark WHERE action_key = ?1 AND (state = 'done' OR date = ?2)");
	if (!e.mark) {
		rc = KITH_ERR;
		goto cleanup;
	}
	kith_bind_day(e.mark, 2, k->today);
	if (model_top(&m, 1, 0, exclude_pair, &e, &stats, &top, &n_top) < 0) {
		rc = KITH_ERR;
		goto cleanup;
	}
	if (n_top) {
		struct strbuf sb = STRBUF_INIT;
		struct kith_action *a;
		char key[80], name[256];
		snprintf(key, sizeof(key), "introsuggest:%lld-%lld", (long long)top[0].a, (long long)top[0].b);
		a = kith_plan_add(b, "introduce", 45.0, key);
		kith_plan_add_person(b, a, top[0].a, kith_person_name(k, top[0].a, name, sizeof(name)));
		kith_plan_add_person(b, a, top[0].b, kith_person_name(k, top[0].b, name, sizeof(name)));
		model_reason(&m, top[0].x, top[0].y, &sb);
		strbuf_addstr(&sb, "; they don't know each other");
		a->reason = strbuf_detach(&sb);
		kith_action_detail(a, "start it with: kith intro %lld %lld", (long long)top[0].a, (long long)top[0].b);
	}
cleanup:
	free(top);
	sqlite3_finalize(e.mark);
	knows_q_release(&e.q);
	model_release(&m);
	free(sc);
	free(ids);
	free(circles);
	return rc;
}

enum kith_rc kith_intro_plan(struct kith_plan_build *b)
{
	enum kith_rc rc = plan_open(b);
	if (rc == KITH_OK)
		rc = plan_suggest(b);
	return rc;
}
