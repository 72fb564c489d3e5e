/*
 * Introductions: who knows whom, the double opt-in, suggestions (their
 * score, their exclusions, the filtered search against brute force) and
 * the plan's introduce actions.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/intro.h"
#include "kith/person.h"
#include "kith/plan.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

/* Add a person with space-separated tags, an optional goal and org. */
static int64_t add(struct kith *k, const char *name, int circle, const char *tags, const char *goal, const char *org)
{
	struct kith_person_change ch;
	int64_t id = 0;
	char buf[256];
	kith_person_change_init(&ch);
	ch.name = name;
	ch.circle = circle;
	ch.org = org;
	snprintf(buf, sizeof(buf), "%s", tags ? tags : "");
	for (char *s = buf; *s;) {
		size_t n = strcspn(s, " ");
		char save = s[n];
		s[n] = '\0';
		if (n)
			kith_strlist_push(&ch.add_tags, s);
		s += n;
		if (save)
			s++;
	}
	if (goal)
		kith_strlist_push(&ch.add_goals, goal);
	if (kith_person_add(k, &ch, &id) != KITH_OK) {
		fprintf(stderr, "cannot add %s: %s\n", name, kith_errmsg(k));
		exit(1);
	}
	kith_person_change_release(&ch);
	return id;
}

static void sql(struct kith *k, const char *q)
{
	char *err = NULL;
	if (sqlite3_exec(kith_db(k), q, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sql failed: %s: %s\n", q, err);
		exit(1);
	}
}

static long count(struct kith *k, const char *q)
{
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(kith_db(k), q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* 1 when the suggestions hold the pair (a, b) in either order. */
static int suggested(const struct kith_intro_suggestions *s, int64_t a, int64_t b)
{
	for (size_t i = 0; i < s->n; i++)
		if ((s->v[i].a == a && s->v[i].b == b) || (s->v[i].a == b && s->v[i].b == a))
			return 1;
	return 0;
}

static const char *how_of(struct kith *k, int64_t a, int64_t b)
{
	const char *how = "error";
	if (kith_knows_check(k, a, b, &how) != KITH_OK)
		return "error";
	return how ? how : "no";
}

/* ---- the state machine ---- */

static void test_states(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t carol = add(k, "Carol", KITH_CIRCLE_CLOSE, "fintech payments", "raise a seed round", NULL);
	int64_t dan = add(k, "Dan", KITH_CIRCLE_ACTIVE, "fintech payments", "Raise a seed round.", NULL);
	int64_t eve = add(k, "Eve", KITH_CIRCLE_WIDE, "music", NULL, NULL);
	int64_t id = 0, id2 = 0;
	struct kith_intro in;
	struct kith_person p;

	CHECK_STR(kith_intro_state_name(KITH_INTRO_ACCEPTED), "accepted");
	CHECK_INT(kith_intro_state_parse("declined"), KITH_INTRO_DECLINED);
	CHECK_INT(kith_intro_state_parse("Declined"), -1);
	CHECK_INT(kith_intro_next_states(KITH_INTRO_PROPOSED), 1u << KITH_INTRO_ASKED | 1u << KITH_INTRO_DECLINED);
	CHECK_INT(kith_intro_next_states(KITH_INTRO_MADE), 0);
	CHECK_INT(kith_intro_next_states(KITH_INTRO_DECLINED), 0);

	/* refused: themselves, nobody, a long or multi-line reason */
	CHECK_INT(kith_intro_start(k, carol, carol, NULL, &id), KITH_EINPUT);
	CHECK_INT(kith_intro_start(k, carol, 999, NULL, &id), KITH_ENOTFOUND);
	CHECK_INT(kith_intro_start(k, carol, dan, "one\ntwo", &id), KITH_EINPUT);
	CHECK_INT(count(k, "SELECT count(*) FROM intro"), 0);

	/* without a reason: what they have in common, goals folded together */
	CHECK_INT(kith_intro_start(k, carol, dan, NULL, &id), KITH_OK);
	CHECK_INT(kith_intro_get(k, id, &in), KITH_OK);
	CHECK_STR(in.why, "both into fintech and payments; both want to raise a seed round");
	CHECK_INT(in.state, KITH_INTRO_PROPOSED);
	CHECK_INT(in.created, today);
	CHECK_INT(in.asked_on, KITH_NO_DAY);
	CHECK_STR(in.name_a, "Carol");
	kith_intro_release(&in);

	/* one open introduction per pair, whichever way round */
	CHECK_INT(kith_intro_start(k, dan, carol, "again", &id2), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "already have an open introduction") != NULL);
	CHECK_INT(count(k, "SELECT count(*) FROM intro"), 1);

	/* the double opt-in, in order only; the message names what may follow */
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_MADE, today, NULL), KITH_EINPUT);
	CHECK_STR(kith_errmsg(k), "introduction #1 is proposed: it cannot become made (next: asked or declined)");
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ASKED, today + 1, NULL), KITH_EINPUT); /* the future */
	CHECK_INT(kith_intro_set(k, 42, KITH_INTRO_ASKED, today, NULL), KITH_ENOTFOUND);
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ASKED, today - 10, "asked both by email"), KITH_OK);
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ASKED, today, NULL), KITH_EINPUT);
	CHECK_STR(kith_errmsg(k), "introduction #1 is asked: it cannot become asked (next: accepted or declined)");
	/* not before the step it follows */
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ACCEPTED, today - 11, NULL), KITH_EINPUT);
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ACCEPTED, today - 5, NULL), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM knows"), 0);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction"), 0);
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_MADE, today - 2, NULL), KITH_OK);
	CHECK_INT(kith_intro_get(k, id, &in), KITH_OK);
	CHECK_INT(in.state, KITH_INTRO_MADE);
	CHECK_INT(in.asked_on, today - 10);
	CHECK_INT(in.accepted_on, today - 5);
	CHECK_INT(in.made_on, today - 2);
	CHECK_INT(in.updated, today - 2);
	CHECK_INT(in.declined_on, KITH_NO_DAY);
	CHECK_STR(in.note, "asked both by email"); /* kept: no note given since */
	kith_intro_release(&in);
	/* made: they know each other, an intro (a give) with both, clocks reset */
	CHECK_STR(how_of(k, carol, dan), "intro");
	CHECK_INT(count(k, "SELECT count(*) FROM knows WHERE a = 1 AND b = 2 AND source = 'intro' AND since = '2026-11-24'"), 1);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'intro' AND date = '2026-11-24'"
			   " AND note = 'introduced Carol and Dan'"), 1);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction_person"), 2);
	CHECK_INT(kith_person_get(k, dan, &p), KITH_OK);
	CHECK_INT(p.last_touch, today - 2);
	CHECK_STR(p.last_kind, "intro");
	kith_person_release(&p);
	/* made ends it */
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_DECLINED, today, NULL), KITH_EINPUT);
	CHECK_STR(kith_errmsg(k), "introduction #1 is made: nothing comes after that");

	/* declined from any open state; then the pair may be proposed again */
	CHECK_INT(kith_intro_start(k, carol, eve, "music and money", &id2), KITH_OK);
	CHECK_INT(kith_intro_set(k, id2, KITH_INTRO_DECLINED, today, "Eve is too busy"), KITH_OK);
	CHECK_INT(kith_intro_get(k, id2, &in), KITH_OK);
	CHECK_INT(in.declined_on, today);
	CHECK_STR(in.note, "Eve is too busy");
	CHECK_STR(in.why, "music and money");
	kith_intro_release(&in);
	CHECK_STR(how_of(k, carol, eve), "no"); /* declined: they still don't know each other */
	CHECK_INT(kith_intro_start(k, eve, carol, NULL, &id2), KITH_OK);
	CHECK_INT(kith_intro_get(k, id2, &in), KITH_OK);
	CHECK(in.why == NULL); /* nothing in common */
	kith_intro_release(&in);
	testdb_close(k);
}

struct each_ctx {
	int64_t ids[16];
	const char *how[16];
	int n;
	int stop_after;
};

static int each_cb(void *pctx, int64_t id, const char *how)
{
	struct each_ctx *c = pctx;
	if (c->n < 16) {
		c->ids[c->n] = id;
		c->how[c->n] = how;
	}
	c->n++;
	return c->stop_after && c->n >= c->stop_after;
}

static void test_knows(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t a = add(k, "Ada", -1, NULL, NULL, "Acme Labs");
	int64_t b = add(k, "Bob", -1, NULL, NULL, "ACME labs");
	int64_t c = add(k, "Cy", -1, NULL, NULL, "Other");
	int64_t d = add(k, "Di", -1, NULL, NULL, NULL);
	int64_t e = add(k, "Ed", -1, NULL, NULL, NULL);
	int64_t f = add(k, "Flo", -1, NULL, NULL, NULL);
	int64_t g = add(k, "Gus", -1, NULL, NULL, NULL);
	int64_t ce[3] = { c, e, g };
	int64_t id;
	int added = -1;
	struct each_ctx x;

	CHECK_STR(how_of(k, a, b), "org");     /* the same organization, whatever the case */
	CHECK_STR(how_of(k, a, c), "no");
	CHECK_STR(how_of(k, a, a), "no");
	CHECK_INT(kith_knows_add(k, a, a, &added), KITH_EINPUT);
	CHECK_INT(kith_knows_add(k, a, 999, &added), KITH_ENOTFOUND);
	CHECK_INT(count(k, "SELECT count(*) FROM knows"), 0);
	CHECK_INT(kith_knows_add(k, d, a, &added), KITH_OK);
	CHECK_INT(added, 1);
	CHECK_INT(count(k, "SELECT count(*) FROM knows WHERE a = 1 AND b = 4 AND source = 'stated'"), 1);
	CHECK_INT(kith_knows_add(k, a, d, &added), KITH_OK);
	CHECK_INT(added, 0);
	CHECK_STR(how_of(k, a, d), "stated");
	CHECK_STR(how_of(k, d, a), "stated");
	/* logged together, even long ago and with others */
	CHECK_INT(kith_log(k, ce, 3, "meeting", today - 900, NULL, NULL), KITH_OK);
	CHECK_INT(kith_log(k, &c, 1, "coffee", today - 5, NULL, NULL), KITH_OK);
	CHECK_INT(kith_log(k, &e, 1, "coffee", today - 901, NULL, NULL), KITH_OK);
	CHECK_STR(how_of(k, c, e), "interaction");
	CHECK_STR(how_of(k, g, e), "interaction");
	CHECK_STR(how_of(k, c, d), "no");
	/* an introduction made */
	CHECK_INT(kith_intro_start(k, f, a, "x", &id), KITH_OK);
	CHECK_STR(how_of(k, f, a), "no"); /* proposed is not made */
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ASKED, today, NULL), KITH_OK);
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_ACCEPTED, today, NULL), KITH_OK);
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_MADE, today, NULL), KITH_OK);
	CHECK_STR(how_of(k, f, a), "intro");
	/* an organization's members */
	sql(k, "INSERT INTO org(name, name_key, created) VALUES ('Ellevate', 'ellevate', '2026-01-01');"
	       "INSERT INTO org_member(org_id, person_id, since) VALUES (1, 4, '2026-01-01'), (1, 7, '2026-01-01')");
	CHECK_STR(how_of(k, d, g), "org");

	/* Ada's neighbors: strongest reason first, then id; each once */
	memset(&x, 0, sizeof(x));
	CHECK_INT(kith_knows_each(k, a, each_cb, &x), KITH_OK);
	CHECK_INT(x.n, 3);
	CHECK_INT(x.ids[0], d);
	CHECK_STR(x.how[0], "stated");
	CHECK_INT(x.ids[1], f);
	CHECK_STR(x.how[1], "intro");
	CHECK_INT(x.ids[2], b);
	CHECK_STR(x.how[2], "org");
	/* Flo: the made intro wrote a knows row and an interaction: the stronger wins */
	memset(&x, 0, sizeof(x));
	CHECK_INT(kith_knows_each(k, f, each_cb, &x), KITH_OK);
	CHECK_INT(x.n, 1);
	CHECK_STR(x.how[0], "intro");
	/* Gus: logged with Cy and Ed, and in Ellevate with Di */
	memset(&x, 0, sizeof(x));
	CHECK_INT(kith_knows_each(k, g, each_cb, &x), KITH_OK);
	CHECK_INT(x.n, 3);
	CHECK_INT(x.ids[0], c);
	CHECK_INT(x.ids[1], e);
	CHECK_STR(x.how[1], "interaction");
	CHECK_INT(x.ids[2], d);
	CHECK_STR(x.how[2], "org");
	/* stopping early */
	memset(&x, 0, sizeof(x));
	x.stop_after = 1;
	CHECK_INT(kith_knows_each(k, g, each_cb, &x), KITH_OK);
	CHECK_INT(x.n, 1);
	CHECK_INT(kith_knows_each(k, 999, each_cb, &x), KITH_ENOTFOUND);
	/* the same, with names, for listing */
	{
		struct kith_neighbor *v = NULL;
		size_t n = 0;
		CHECK_INT(kith_knows_list(k, g, &v, &n), KITH_OK);
		CHECK_INT(n, 3);
		if (n == 3) {
			CHECK_INT(v[0].id, c);
			CHECK_STR(v[0].name, "Cy");
			CHECK_STR(v[2].name, "Di");
			CHECK_STR(v[2].how, "org");
		}
		kith_neighbors_free(v, n);
		CHECK_INT(kith_knows_list(k, 999, &v, &n), KITH_ENOTFOUND);
		CHECK(v == NULL && n == 0);
	}
	CHECK_STR(kith_knows_how_words("interaction"), "logged together");
	testdb_close(k);
}

/* ---- suggestions on a small network ---- */

static void test_suggest_small(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_intro_suggestions s, s2;
	int64_t id;
	/* fillers make ai and startups common, fintech and payments rarer */
	int64_t carol = add(k, "Carol", KITH_CIRCLE_CLOSE, "fintech payments ai", "raise a seed round", NULL);
	int64_t dan = add(k, "Dan", KITH_CIRCLE_CLOSE, "fintech payments startups", "Raise a seed round!", NULL);
	int64_t eve = add(k, "Eve", KITH_CIRCLE_NONE, "ai startups", NULL, NULL);
	int64_t fay = add(k, "Fay", KITH_CIRCLE_NONE, "ai startups", NULL, NULL);
	int64_t gil = add(k, "Gil", KITH_CIRCLE_WIDE, "typography", NULL, NULL);
	int64_t hal = add(k, "Hal", KITH_CIRCLE_WIDE, "typography", NULL, NULL);
	int64_t ian = add(k, "Ian", KITH_CIRCLE_NONE, "typography", NULL, NULL);
	add(k, "Jo", KITH_CIRCLE_NONE, "ai startups", NULL, NULL);
	add(k, "Kim", KITH_CIRCLE_NONE, "ai", NULL, NULL);
	add(k, "Lu", KITH_CIRCLE_NONE, "startups", NULL, NULL);
	add(k, "Mo", KITH_CIRCLE_NONE, NULL, NULL, NULL); /* nothing to go on */

	CHECK_INT(kith_intro_suggest(k, 0, 0, &s), KITH_EINPUT);
	CHECK_INT(kith_intro_suggest(k, KITH_SUGGEST_MAX + 1, 0, &s), KITH_EINPUT);
	CHECK_INT(kith_intro_suggest(k, 100, 0, &s), KITH_OK);
	CHECK_INT(s.stats.people, 10);
	CHECK(s.n > 5);
	if (s.n > 3) {
		/* rare common ground first: fintech, payments and a goal */
		CHECK_INT(s.v[0].a, carol);
		CHECK_INT(s.v[0].b, dan);
		CHECK_STR(s.v[0].reason,
			  "both into fintech and payments; both want to raise a seed round; they don't know each other");
		/* the same rare tag: the closer pair first (wide-wide before wide-none) */
		CHECK_INT(s.v[1].a, gil);
		CHECK_INT(s.v[1].b, hal);
		CHECK_STR(s.v[1].reason, "both into typography; they don't know each other");
		CHECK_INT(s.v[2].a, gil);
		CHECK_INT(s.v[2].b, ian);
		CHECK(s.v[1].score > s.v[2].score);
		CHECK(s.v[0].score > s.v[1].score && s.v[0].score <= 1.0);
	}
	/* the score, by hand: N = 10 people with features, M = ln(10) */
	{
		double n = 10, m = log(n);
		double typo = log(n / 3), norm = typo > m ? typo : m;
		double want = 0.88 * 0.88 * typo * typo / (norm * norm);
		CHECK(s.n > 1 && fabs(s.v[1].score - want) < 1e-12);
	}
	/* every pair is ordered by score, then ids */
	for (size_t i = 1; i < s.n; i++)
		CHECK_MSG(s.v[i - 1].score > s.v[i].score ||
			  (s.v[i - 1].score == s.v[i].score &&
			   (s.v[i - 1].a < s.v[i].a || (s.v[i - 1].a == s.v[i].a && s.v[i - 1].b < s.v[i].b))),
			  "suggestions are in order");
	CHECK(suggested(&s, eve, fay));
	/* deterministic: the same database gives the same list */
	CHECK_INT(kith_intro_suggest(k, 100, 0, &s2), KITH_OK);
	CHECK_INT(s2.n, s.n);
	for (size_t i = 0; i < s.n && i < s2.n; i++)
		CHECK_MSG(s.v[i].a == s2.v[i].a && s.v[i].b == s2.v[i].b && s.v[i].score == s2.v[i].score &&
			  !strcmp(s.v[i].reason, s2.v[i].reason), "the same list twice");
	kith_intro_suggestions_release(&s2);
	kith_intro_suggestions_release(&s);

	/* exclusions, every kind */
	CHECK_INT(kith_knows_add(k, gil, hal, NULL), KITH_OK);                 /* stated */
	CHECK_INT(kith_intro_start(k, carol, dan, NULL, &id), KITH_OK);        /* an intro, proposed */
	{
		int64_t two[2] = { eve, fay };
		CHECK_INT(kith_log(k, two, 2, "event", today - 400, NULL, NULL), KITH_OK); /* logged together */
	}
	CHECK_INT(kith_intro_suggest(k, 100, 0, &s), KITH_OK);
	CHECK(!suggested(&s, gil, hal));
	CHECK(!suggested(&s, carol, dan));
	CHECK(!suggested(&s, eve, fay));
	CHECK(suggested(&s, gil, ian));
	CHECK(suggested(&s, hal, ian));
	kith_intro_suggestions_release(&s);
	/* declined still counts: never suggest the same pair twice */
	CHECK_INT(kith_intro_set(k, id, KITH_INTRO_DECLINED, today, NULL), KITH_OK);
	/* the same organization, by person.org or org_member */
	{
		struct kith_person_change ch;
		kith_person_change_init(&ch);
		ch.org = "Typo Co";
		CHECK_INT(kith_person_edit(k, gil, &ch), KITH_OK);
		ch.org = "typo co";
		CHECK_INT(kith_person_edit(k, ian, &ch), KITH_OK);
		kith_person_change_release(&ch);
	}
	sql(k, "INSERT INTO org(name, name_key, created) VALUES ('Type Club', 'type club', '2026-01-01');"
	       "INSERT INTO org_member(org_id, person_id, since) VALUES (1, 6, '2026-01-01'), (1, 7, '2026-01-01')");
	CHECK_INT(kith_intro_suggest(k, 100, 0, &s), KITH_OK);
	CHECK(!suggested(&s, carol, dan));
	CHECK(!suggested(&s, gil, ian));
	CHECK(!suggested(&s, hal, ian));
	CHECK(s.stats.checked >= 3);
	for (size_t i = 0; i < s.n; i++)
		CHECK_MSG(s.v[i].a != 11 && s.v[i].b != 11, "someone without interests is never suggested");
	kith_intro_suggestions_release(&s);
	testdb_close(k);
}

/* ---- the filtered search against brute force ---- */

#define RN 500
#define RT 60   /* tags */
#define RG 12   /* goals */

struct rnet {
	int tags[RN][6], n_tags[RN];
	int goal[RN];       /* -1 none */
	int circle[RN];
	int org[RN];        /* -1 none */
	int64_t id[RN];
	unsigned char *excl; /* RN * RN */
};

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double unit(void)
{
	return (double)(rnd() >> 11) * 0x1.0p-53;
}

/* Zipf over n ranks, exponent 1 */
static int zipf(int n)
{
	double h = 0, x;
	for (int i = 1; i <= n; i++)
		h += 1.0 / i;
	x = unit() * h;
	for (int i = 1; i <= n; i++) {
		x -= 1.0 / i;
		if (x <= 0)
			return i - 1;
	}
	return n - 1;
}

static void exclude(struct rnet *r, int x, int y)
{
	r->excl[x * RN + y] = r->excl[y * RN + x] = 1;
}

static struct kith *make_random(kith_day today, uint64_t seed, struct rnet *r)
{
	static const char *const goals[RG][2] = {
		{ "raise a seed round", "Raise a seed round." }, { "find a cofounder", "find a  cofounder" },
		{ "learn rust", "Learn Rust" }, { "move to berlin", "move to Berlin!" },
		{ "publish a book", "publish a book" }, { "start a podcast", "Start a podcast" },
		{ "run a marathon", "run a marathon" }, { "hire a designer", "hire a designer." },
		{ "speak at a conference", "Speak at a conference" }, { "find a mentor", "find a mentor" },
		{ "switch to climate work", "switch to climate work" }, { "sell the company", "sell the company" },
	};
	static const char *const orgs[5][2] = {
		{ "Acme", "ACME" }, { "Globex", "globex" }, { "Initech", "Initech" }, { "Umbrella", "umbrella" },
		{ "Hooli", "HOOLI" },
	};
	struct kith *k = testdb_open(today);
	memset(r, 0, sizeof(*r));
	r->excl = calloc((size_t)RN * RN, 1);
	rng_state = seed;
	kith_begin(k);
	for (int i = 0; i < RN; i++) {
		struct kith_person_change ch;
		char name[32];
		int want = 1 + (int)(unit() * 4.2);
		double u = unit();
		kith_person_change_init(&ch);
		snprintf(name, sizeof(name), "Person %d", i);
		ch.name = name;
		r->circle[i] = u < 0.01 ? 0 : u < 0.04 ? 1 : u < 0.1 ? 2 : u < 0.3 ? 3 : 4;
		ch.circle = r->circle[i];
		r->n_tags[i] = 0;
		for (int t = 0; t < 20 && r->n_tags[i] < want; t++) {
			int tag = zipf(RT), dup = 0;
			for (int j = 0; j < r->n_tags[i]; j++)
				dup |= r->tags[i][j] == tag;
			if (!dup) {
				char buf[16];
				r->tags[i][r->n_tags[i]++] = tag;
				snprintf(buf, sizeof(buf), "t%d", tag);
				kith_strlist_push(&ch.add_tags, buf);
			}
		}
		/* some people share the same profile: ties to break by ids */
		if (i > 10 && unit() < 0.05) {
			int twin = (int)(unit() * i);
			kith_strlist_release(&ch.add_tags);
			r->n_tags[i] = r->n_tags[twin];
			for (int j = 0; j < r->n_tags[i]; j++) {
				char buf[16];
				r->tags[i][j] = r->tags[twin][j];
				snprintf(buf, sizeof(buf), "t%d", r->tags[i][j]);
				kith_strlist_push(&ch.add_tags, buf);
			}
		}
		r->goal[i] = unit() < 0.25 ? zipf(RG) : -1;
		if (r->goal[i] >= 0)
			kith_strlist_push(&ch.add_goals, goals[r->goal[i]][rnd() & 1]);
		r->org[i] = unit() < 0.15 ? (int)(unit() * 5) : -1;
		if (r->org[i] >= 0)
			ch.org = orgs[r->org[i]][rnd() & 1];
		if (kith_person_add(k, &ch, &r->id[i]) != KITH_OK) {
			fprintf(stderr, "cannot add: %s\n", kith_errmsg(k));
			exit(1);
		}
		kith_person_change_release(&ch);
	}
	for (int i = 0; i < RN; i++)
		for (int j = i + 1; j < RN; j++)
			if (r->org[i] >= 0 && r->org[i] == r->org[j])
				exclude(r, i, j);
	for (int n = 0; n < 150; n++) { /* stated */
		int x = (int)(unit() * RN), y = (int)(unit() * RN);
		if (x != y && kith_knows_add(k, r->id[x], r->id[y], NULL) == KITH_OK)
			exclude(r, x, y);
	}
	for (int n = 0; n < 200; n++) { /* logged together */
		int64_t ids[3];
		int who[3], m = 2 + (int)(rnd() % 2);
		for (int j = 0; j < m; j++) {
			who[j] = (int)(unit() * RN);
			ids[j] = r->id[who[j]];
		}
		if (who[0] == who[1] || (m == 3 && (who[2] == who[0] || who[2] == who[1])))
			continue;
		kith_log(k, ids, (size_t)m, "coffee", today - (kith_day)(rnd() % 2000), NULL, NULL);
		for (int a = 0; a < m; a++)
			for (int b = a + 1; b < m; b++)
				exclude(r, who[a], who[b]);
	}
	for (int n = 0; n < 60; n++) { /* introductions in any state */
		int x = (int)(unit() * RN), y = (int)(unit() * RN);
		int64_t id;
		if (x != y && kith_intro_start(k, r->id[x], r->id[y], "x", &id) == KITH_OK) {
			exclude(r, x, y);
			if (n % 3 == 0)
				kith_intro_set(k, id, KITH_INTRO_DECLINED, today, NULL);
		}
	}
	sql(k, "INSERT INTO org(name, name_key, created) VALUES ('Club', 'club', '2026-01-01')");
	for (int n = 0; n < 12; n++) { /* members of an organization */
		int x = (int)(unit() * RN);
		char q[160];
		snprintf(q, sizeof(q), "INSERT OR IGNORE INTO org_member(org_id, person_id, since) VALUES (1, %lld, '2026-01-01')",
			 (long long)r->id[x]);
		sql(k, q);
	}
	{
		sqlite3_stmt *st;
		int ms[RN], nm = 0;
		sqlite3_prepare_v2(kith_db(k), "SELECT person_id FROM org_member", -1, &st, NULL);
		while (sqlite3_step(st) == SQLITE_ROW && nm < RN)
			for (int i = 0; i < RN; i++)
				if (r->id[i] == sqlite3_column_int64(st, 0))
					ms[nm++] = i;
		sqlite3_finalize(st);
		for (int a = 0; a < nm; a++)
			for (int b = a + 1; b < nm; b++)
				exclude(r, ms[a], ms[b]);
	}
	kith_commit(k);
	return k;
}

struct bpair {
	double score;
	int64_t a, b;
};

static int cmp_bpair(const void *pa, const void *pb)
{
	const struct bpair *x = pa, *y = pb;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->a != y->a)
		return x->a < y->a ? -1 : 1;
	return x->b < y->b ? -1 : x->b > y->b;
}

/* The documented score, computed independently for every pair. */
static size_t brute_force(const struct rnet *r, struct bpair *out)
{
	static const double cf[5] = { 1.00, 0.96, 0.92, 0.88, 0.84 };
	int df_t[RT] = { 0 }, df_g[RG] = { 0 };
	double w_t[RT], w_g[RG], norm[RN];
	int n_with = 0;
	size_t n = 0;
	for (int i = 0; i < RN; i++) {
		for (int j = 0; j < r->n_tags[i]; j++)
			df_t[r->tags[i][j]]++;
		if (r->goal[i] >= 0)
			df_g[r->goal[i]]++;
		n_with += r->n_tags[i] > 0 || r->goal[i] >= 0;
	}
	for (int t = 0; t < RT; t++)
		w_t[t] = df_t[t] ? log((double)n_with / df_t[t]) : 0;
	for (int g = 0; g < RG; g++)
		w_g[g] = df_g[g] ? 1.5 * log((double)n_with / df_g[g]) : 0;
	for (int i = 0; i < RN; i++) {
		double s = 0, m = log((double)n_with);
		for (int j = 0; j < r->n_tags[i]; j++)
			s += w_t[r->tags[i][j]] * w_t[r->tags[i][j]];
		if (r->goal[i] >= 0)
			s += w_g[r->goal[i]] * w_g[r->goal[i]];
		norm[i] = sqrt(s) > m ? sqrt(s) : m;
	}
	for (int x = 0; x < RN; x++)
		for (int y = x + 1; y < RN; y++) {
			double s = 0;
			for (int i = 0; i < r->n_tags[x]; i++)
				for (int j = 0; j < r->n_tags[y]; j++)
					if (r->tags[x][i] == r->tags[y][j])
						s += w_t[r->tags[x][i]] * w_t[r->tags[x][i]];
			if (r->goal[x] >= 0 && r->goal[x] == r->goal[y])
				s += w_g[r->goal[x]] * w_g[r->goal[x]];
			s *= cf[r->circle[x]] * cf[r->circle[y]] / (norm[x] * norm[y]);
			if (s <= 0 || r->excl[x * RN + y])
				continue;
			out[n].score = s;
			out[n].a = r->id[x];
			out[n].b = r->id[y];
			n++;
		}
	qsort(out, n, sizeof(*out), cmp_bpair);
	return n;
}

static void test_against_brute_force(uint64_t seed)
{
	static const size_t ks[] = { 1, 3, 10, 50, 200 };
	kith_day today = D(2026, 11, 26);
	struct rnet *r = malloc(sizeof(*r));
	struct kith *k = make_random(today, seed, r);
	struct bpair *all = malloc(sizeof(*all) * (size_t)RN * RN / 2);
	size_t n_all = brute_force(r, all);
	char what[160];

	snprintf(what, sizeof(what), "seed %llu: the random network has %zu pairs to suggest", (unsigned long long)seed, n_all);
	CHECK_MSG(n_all > 1000, what);
	for (size_t ki = 0; ki < sizeof(ks) / sizeof(ks[0]); ki++) {
		struct kith_intro_suggestions fast, slow;
		int same = 1, agree = 1;
		size_t k_ = ks[ki];
		CHECK_INT(kith_intro_suggest(k, k_, 0, &fast), KITH_OK);
		CHECK_INT(kith_intro_suggest(k, k_, KITH_SUGGEST_EXHAUSTIVE, &slow), KITH_OK);
		/* the filtered search and the exhaustive one: the very same list */
		same = fast.n == slow.n && fast.n == k_;
		for (size_t i = 0; same && i < fast.n; i++)
			same = fast.v[i].a == slow.v[i].a && fast.v[i].b == slow.v[i].b &&
			       fast.v[i].score == slow.v[i].score && !strcmp(fast.v[i].reason, slow.v[i].reason);
		snprintf(what, sizeof(what), "seed %llu, top %zu: the filtered search finds what scoring every pair finds",
			 (unsigned long long)seed, k_);
		CHECK_MSG(same, what);
		/* and the documented score, computed apart, agrees (ties aside) */
		for (size_t i = 0; agree && i < fast.n && i < n_all; i++) {
			agree = fabs(fast.v[i].score - all[i].score) < 1e-9;
			if (agree && (i + 1 >= n_all || all[i + 1].score < all[i].score - 1e-9) &&
			    (i == 0 || all[i - 1].score > all[i].score + 1e-9))
				agree = fast.v[i].a == all[i].a && fast.v[i].b == all[i].b;
		}
		snprintf(what, sizeof(what), "seed %llu, top %zu: the scores are the documented ones", (unsigned long long)seed, k_);
		CHECK_MSG(agree, what);
		/* the filter is doing its job */
		snprintf(what, sizeof(what), "seed %llu, top %zu: scored %zu pairs of %zu", (unsigned long long)seed, k_,
			 fast.stats.scored, slow.stats.scored);
		CHECK_MSG(fast.stats.scored * 4 < slow.stats.scored, what);
		kith_intro_suggestions_release(&fast);
		kith_intro_suggestions_release(&slow);
	}
	free(all);
	free(r->excl);
	free(r);
	testdb_close(k);
}

/* ---- the plan ---- */

static const struct kith_action *find_kind(const struct kith_plan *p, const char *kind, const char *key_prefix)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].kind, kind) && !strncmp(p->v[i].key, key_prefix, strlen(key_prefix)))
			return &p->v[i];
	return NULL;
}

static void test_plan(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p;
	const struct kith_action *a;
	int64_t carol = add(k, "Carol", KITH_CIRCLE_CLOSE, "fintech payments", "raise a seed round", NULL);
	int64_t dan = add(k, "Dan", KITH_CIRCLE_ACTIVE, "fintech payments", "raise a seed round", NULL);
	int64_t eve = add(k, "Eve", KITH_CIRCLE_ACTIVE, "music", NULL, NULL);
	int64_t fay = add(k, "Fay", KITH_CIRCLE_ACTIVE, "music", NULL, NULL);
	int64_t gus = add(k, "Gus", KITH_CIRCLE_NONE, "fintech payments", NULL, NULL);
	int64_t all[5] = { carol, dan, eve, fay, gus };
	int64_t id1, id2, id3;

	/* everyone in touch yesterday, one by one: nothing else to do */
	for (int i = 0; i < 5; i++)
		CHECK_INT(kith_log(k, &all[i], 1, "message", today - 1, NULL, NULL), KITH_OK);

	/* one suggestion a day, from the closest circles (Gus is in none) */
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	a = find_kind(&p, "introduce", "introsuggest:");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->key, "introsuggest:1-2");
		CHECK_INT(a->n_people, 2);
		CHECK_STR(a->reason, "both into fintech and payments; both want to raise a seed round; they don't know each other");
		CHECK(a->priority == 45.0);
	}
	{
		int n = 0;
		for (size_t i = 0; i < p.n; i++)
			n += !strncmp(p.v[i].key, "introsuggest:", 13);
		CHECK_INT(n, 1);
	}
	kith_plan_release(&p);
	/* skipped today: the next best takes its place */
	CHECK_INT(kith_plan_mark(k, "introsuggest:1-2", "skipped"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	a = find_kind(&p, "introduce", "introsuggest:");
	CHECK(a != NULL && !strcmp(a->key, "introsuggest:3-4"));
	kith_plan_release(&p);

	/* open introductions waiting on the user */
	CHECK_INT(kith_intro_start(k, carol, dan, "both building fintech startups", &id1), KITH_OK);
	CHECK_INT(kith_intro_start(k, eve, fay, NULL, &id2), KITH_OK);
	CHECK_INT(kith_intro_set(k, id2, KITH_INTRO_ASKED, today - 9, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	a = find_kind(&p, "introduce", "intro:1:proposed");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "ask Carol whether they'd like to meet Dan (both building fintech startups)");
		CHECK(a->priority >= 55 && a->priority <= 62);
	}
	a = find_kind(&p, "introduce", "intro:2:asked");
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->reason, "asked 9 days ago whether they'd like to meet: a gentle follow-up");
	/* everyone is in an introduction: no new suggestion */
	CHECK(find_kind(&p, "introduce", "introsuggest:") == NULL);
	kith_plan_release(&p);
	CHECK_INT(kith_intro_set(k, id1, KITH_INTRO_ASKED, today, NULL), KITH_OK);
	CHECK_INT(kith_intro_set(k, id1, KITH_INTRO_ACCEPTED, today, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	a = find_kind(&p, "introduce", "intro:1:accepted");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "make the introduction: write to both (both building fintech startups)");
		CHECK(a->priority == 62.0);
	}
	kith_plan_release(&p);
	/* asked a week ago or less: no follow-up yet */
	CHECK_INT(kith_intro_set(k, id2, KITH_INTRO_DECLINED, today, NULL), KITH_OK);
	CHECK_INT(kith_intro_start(k, eve, fay, NULL, &id3), KITH_OK);
	CHECK_INT(kith_intro_set(k, id3, KITH_INTRO_ASKED, today - 7, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	CHECK(find_kind(&p, "introduce", "intro:3:") == NULL);
	kith_plan_release(&p);
	testdb_close(k);
}

int main(void)
{
	test_states();
	test_knows();
	test_suggest_small();
	test_against_brute_force(1);
	test_against_brute_force(7);
	test_against_brute_force(2026);
	test_plan();
	return tap_done();
}
