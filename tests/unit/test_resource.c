/* Resources, who they fit, shares, milestones, praise, and their plan actions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/plan.h"
#include "kith/resource.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

static int64_t add_res(struct kith *k, const char *url, const char *title, const char *kind, const char *tags,
		       kith_day until)
{
	struct kith_strlist l = KITH_STRLIST_INIT;
	int64_t id = 0;
	char buf[200];
	const char *s = tags;
	while (s && *s) {
		size_t n = strcspn(s, ",");
		snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
		kith_strlist_push(&l, buf);
		s += n + (s[n] == ',');
	}
	if (kith_resource_add(k, url, title, kind, &l, until, &id) != KITH_OK) {
		fprintf(stderr, "cannot add %s: %s\n", url, kith_errmsg(k));
		exit(1);
	}
	kith_strlist_release(&l);
	return id;
}

/* A person with several tags ("a,b"), goals ("g1|g2") and a circle. */
static int64_t add_person(struct kith *k, const char *name, int circle, const char *tags, const char *goals)
{
	struct kith_person_change ch;
	int64_t id = 0;
	char buf[200];
	const char *s;
	kith_person_change_init(&ch);
	ch.name = name;
	ch.circle = circle;
	for (s = tags; s && *s;) {
		size_t n = strcspn(s, ",");
		snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
		kith_strlist_push(&ch.add_tags, buf);
		s += n + (s[n] == ',');
	}
	for (s = goals; s && *s;) {
		size_t n = strcspn(s, "|");
		snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
		kith_strlist_push(&ch.add_goals, buf);
		s += n + (s[n] == '|');
	}
	if (kith_person_add(k, &ch, &id) != KITH_OK) {
		fprintf(stderr, "cannot add %s: %s\n", name, kith_errmsg(k));
		exit(1);
	}
	kith_person_change_release(&ch);
	return id;
}

static int64_t count(struct kith *k, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t n = -1;
	if (sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const struct kith_action *find_action(const struct kith_plan *p, const char *kind, int64_t id)
{
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->v[i].n_people; j++)
			if (!strcmp(p->v[i].kind, kind) && p->v[i].people[j] == id)
				return &p->v[i];
	return NULL;
}

static void test_library(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_resource r;
	struct kith_strlist tags = KITH_STRLIST_INIT;
	int64_t id = 0, a, b, got = 0;
	char err[200];

	CHECK(kith_url_check("https://example.com/a?b=c#d", err, sizeof(err)) == 0);
	CHECK(kith_url_check("HTTP://example.com", err, sizeof(err)) == 0);
	CHECK(kith_url_check("ftp://example.com", err, sizeof(err)) < 0);
	CHECK(kith_url_check("example.com", err, sizeof(err)) < 0);
	CHECK(kith_url_check("https://exa mple.com", err, sizeof(err)) < 0);
	CHECK(kith_url_check("https://", err, sizeof(err)) < 0);
	CHECK(kith_url_check("https:///path", err, sizeof(err)) < 0);
	{
		char big[KITH_URL_MAX + 2];
		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		memcpy(big, "https://", 8);
		CHECK(kith_url_check(big, err, sizeof(err)) < 0);
		big[KITH_URL_MAX] = '\0';
		CHECK(kith_url_check(big, err, sizeof(err)) == 0);
	}

	kith_strlist_push(&tags, "AI");
	kith_strlist_push(&tags, "Data Science");
	kith_strlist_push(&tags, "ai");
	CHECK_INT(kith_resource_add(k, "  https://example.com/teaching-ai  ", "Teaching AI in classrooms", NULL, &tags,
				    KITH_NO_DAY, &a),
		  KITH_OK);
	CHECK_INT(kith_resource_get(k, a, &r), KITH_OK);
	CHECK_STR(r.url, "https://example.com/teaching-ai");
	CHECK_STR(r.kind, "article");
	CHECK_INT(r.tags.n, 2);
	CHECK_STR(r.tags.v[0], "ai");
	CHECK_STR(r.tags.v[1], "data-science");
	CHECK_INT(r.until, KITH_NO_DAY);
	CHECK_INT(r.created, today);
	kith_resource_release(&r);

	/* a URL already in the library names the resource that has it */
	CHECK_INT(kith_resource_add(k, "https://example.com/teaching-ai", NULL, NULL, NULL, KITH_NO_DAY, &id), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "#1") != NULL);
	CHECK_INT(kith_resource_add(k, "https://x.org", NULL, "book", NULL, KITH_NO_DAY, &id), KITH_EINPUT);
	CHECK_INT(kith_resource_add(k, "x.org", NULL, NULL, NULL, KITH_NO_DAY, &id), KITH_EINPUT);
	CHECK_INT(kith_resource_add(k, "https://x.org", "two\nlines", NULL, NULL, KITH_NO_DAY, &id), KITH_EINPUT);
	CHECK_INT(count(k, "SELECT count(*) FROM resource"), 1);

	b = add_res(k, "https://fellowship.org/apply", "Climate fellowship", "opportunity", "climate", today + 5);
	add_res(k, "https://fellowship.org/other", "Climate podcast", "podcast", "climate", KITH_NO_DAY);

	/* names: an id, a URL prefix (scheme optional), a title prefix */
	CHECK_INT(kith_resource_resolve(k, "#2", &got), KITH_OK);
	CHECK_INT(got, b);
	CHECK_INT(kith_resource_resolve(k, "9", &got), KITH_ENOTFOUND);
	CHECK_INT(kith_resource_resolve(k, "https://example.com", &got), KITH_OK);
	CHECK_INT(got, a);
	CHECK_INT(kith_resource_resolve(k, "fellowship.org/app", &got), KITH_OK);
	CHECK_INT(got, b);
	CHECK_INT(kith_resource_resolve(k, "teaching", &got), KITH_OK);
	CHECK_INT(got, a);
	CHECK_INT(kith_resource_resolve(k, "climate", &got), KITH_EAMBIG);
	CHECK(strstr(kith_errmsg(k), "#2") && strstr(kith_errmsg(k), "#3"));
	CHECK_INT(kith_resource_resolve(k, "climate f", &got), KITH_OK);
	CHECK_INT(got, b);
	CHECK_INT(kith_resource_resolve(k, "nothing", &got), KITH_ENOTFOUND);

	CHECK_INT(kith_resource_rm(k, b), KITH_OK);
	CHECK_INT(kith_resource_rm(k, b), KITH_ENOTFOUND);
	CHECK_INT(count(k, "SELECT count(*) FROM resource_tag WHERE resource_id = 2"), 0);

	kith_strlist_release(&tags);
	testdb_close(k);
}

/* the suggestion for person id, or NULL */
static const struct kith_suggestion *sugg(const struct kith_suggestion *v, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].person_id == id)
			return &v[i];
	return NULL;
}

static void test_suggest(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_suggestion *v = NULL;
	const struct kith_suggestion *s;
	size_t n = 0;
	int64_t iid = 0;
	/* ai is common (6 of 9), education rarer (3, with a goal): idf weighs it more */
	int64_t both = add_person(k, "Both Tags", KITH_CIRCLE_NONE, "ai,education", NULL);
	int64_t edu = add_person(k, "Edu Only", KITH_CIRCLE_NONE, "education", NULL);
	int64_t ai1 = add_person(k, "Ai One", KITH_CIRCLE_NONE, "ai", NULL);
	int64_t ai2 = add_person(k, "Ai Two", KITH_CIRCLE_CLOSE, "ai", NULL);
	int64_t ai3 = add_person(k, "Ai Three", KITH_CIRCLE_NONE, "ai,music", NULL);
	int64_t ai4 = add_person(k, "Ai Four", KITH_CIRCLE_NONE, "ai", NULL);
	int64_t ai5 = add_person(k, "Ai Five", KITH_CIRCLE_NONE, "ai", NULL);
	int64_t goal = add_person(k, "Goal Person", KITH_CIRCLE_NONE, "music", "launch an Education startup");
	int64_t none = add_person(k, "No Match", KITH_CIRCLE_NONE, "music", "learn the piano");
	int64_t rid = add_res(k, "https://ex.com/ai-edu", "AI for teachers", NULL, "ai,education", KITH_NO_DAY);
	int64_t list[2];

	CHECK_INT(kith_share_suggest(k, rid, 10, &v, &n), KITH_OK);
	CHECK_INT(n, 8);
	if (n == 8) {
		CHECK_INT(v[0].person_id, both);
		/* education alone (3 of 9) beats ai alone (6 of 9), even for a close friend: idf */
		CHECK_INT(v[1].person_id, edu);
		/* a goal that mentions a tag counts as the tag */
		CHECK_INT(v[2].person_id, goal);
		CHECK(fabs(v[1].score - v[2].score) < 1e-9);
		CHECK_INT(v[3].person_id, ai2);
		/* the other ai-only people tie: by id */
		CHECK_INT(v[4].person_id, ai1);
		CHECK_INT(v[5].person_id, ai3);
		CHECK_INT(v[6].person_id, ai4);
		CHECK_INT(v[7].person_id, ai5);
		CHECK(v[0].score > v[1].score && v[2].score > v[3].score && v[3].score > v[4].score);
		/* idf: ln(1 + 9/6) + ln(1 + 9/3); the close circle adds 0.375 */
		CHECK(fabs(v[0].score - (round((log(1.0 + 9.0 / 6.0) + log(1.0 + 9.0 / 3.0)) * 100) / 100)) < 1e-9);
		CHECK(fabs(v[4].score - (round(log(1.0 + 9.0 / 6.0) * 100) / 100)) < 1e-9);
		CHECK(fabs(v[3].score - (round((log(1.0 + 9.0 / 6.0) + 0.375) * 100) / 100)) < 1e-9);
		CHECK_STR(v[0].reason, "shares ai, education");
		CHECK_STR(v[3].reason, "shares ai; close circle");
	}
	CHECK(sugg(v, n, none) == NULL);
	s = sugg(v, n, goal);
	CHECK(s != NULL);
	if (s)
		CHECK_STR(s->reason, "goal: launch an Education startup");
	kith_suggestions_free(v, n);

	/* the limit */
	CHECK_INT(kith_share_suggest(k, rid, 2, &v, &n), KITH_OK);
	CHECK_INT(n, 2);
	if (n)
		CHECK_INT(v[0].person_id, both);
	kith_suggestions_free(v, n);
	CHECK_INT(kith_share_suggest(k, rid, 0, &v, &n), KITH_EINPUT);

	/* someone due moves up among equals, and says so */
	CHECK_INT(kith_log(k, &ai5, 1, "coffee", today - 400, NULL, NULL), KITH_OK);
	{
		struct kith_person_change ch;
		kith_person_change_init(&ch);
		ch.set_cadence = 1;
		ch.cadence.ideal = 30;
		ch.cadence.max = 0;
		CHECK_INT(kith_person_edit(k, ai5, &ch), KITH_OK);
		kith_person_change_release(&ch);
	}
	CHECK_INT(kith_share_suggest(k, rid, 10, &v, &n), KITH_OK);
	s = sugg(v, n, ai5);
	CHECK(s != NULL && s < sugg(v, n, ai1));
	if (s)
		CHECK(strstr(s->reason, "for a coffee") != NULL);
	kith_suggestions_free(v, n);

	/* recording a share: one give, clocks reset, never suggested again */
	list[0] = both;
	list[1] = ai2;
	CHECK_INT(kith_share_record(k, rid, list, 2, today - 1, "thought of you", &iid), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM share WHERE resource_id = 1"), 2);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'share'"), 1);
	CHECK_INT(count(k, "SELECT count(*) FROM share s JOIN interaction i ON i.id = s.interaction_id"
			   " WHERE i.note = 'AI for teachers (https://ex.com/ai-edu): thought of you'"),
		  2);
	{
		struct kith_person p;
		CHECK_INT(kith_person_get(k, both, &p), KITH_OK);
		CHECK_INT(p.last_touch, today - 1);
		CHECK_STR(p.last_kind, "share");
		kith_person_release(&p);
	}
	CHECK_INT(kith_share_suggest(k, rid, 10, &v, &n), KITH_OK);
	CHECK_INT(n, 6);
	CHECK(sugg(v, n, both) == NULL);
	CHECK(sugg(v, n, ai2) == NULL);
	kith_suggestions_free(v, n);

	/* again with someone who got it: refused, nothing written */
	list[0] = edu;
	list[1] = both;
	CHECK_INT(kith_share_record(k, rid, list, 2, today, NULL, &iid), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "Both Tags") != NULL);
	CHECK_INT(count(k, "SELECT count(*) FROM share"), 2);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'share'"), 1);
	CHECK_INT(kith_share_record(k, rid, list, 1, today + 1, NULL, &iid), KITH_EINPUT);
	CHECK_INT(kith_share_record(k, rid, list, 0, today, NULL, &iid), KITH_EINPUT);
	{
		int64_t ghost = 999;
		CHECK_INT(kith_share_record(k, rid, &ghost, 1, today, NULL, &iid), KITH_ENOTFOUND);
		CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'share'"), 1);
	}

	/* a closed opportunity: not suggested, not shared after its day */
	{
		int64_t old = add_res(k, "https://ex.com/old", "Old fellowship", "opportunity", "education", today - 1);
		CHECK_INT(kith_share_suggest(k, old, 10, &v, &n), KITH_EINPUT);
		CHECK(strstr(kith_errmsg(k), "closed on 2026-11-25") != NULL);
		CHECK_INT(kith_share_record(k, old, &edu, 1, today, NULL, &iid), KITH_EINPUT);
		CHECK_INT(kith_share_record(k, old, &edu, 1, today - 2, NULL, &iid), KITH_OK);
	}
	/* no tags: nobody */
	{
		int64_t bare = add_res(k, "https://ex.com/bare", NULL, NULL, NULL, KITH_NO_DAY);
		CHECK_INT(kith_share_suggest(k, bare, 10, &v, &n), KITH_OK);
		CHECK_INT(n, 0);
		kith_suggestions_free(v, n);
	}
	(void)ai3;
	(void)ai4;
	testdb_close(k);
}

/* The pruned ranking gives what scoring everyone would. */
static void test_against_brute_force(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	static const char *const pool[] = { "ai", "climate", "design", "education", "fintech", "music", "python", "rust" };
	uint64_t seed = 42;
	int64_t ids[600];
	struct kith_suggestion *v = NULL;
	size_t n = 0;
	int64_t rid, shared[3];
	int ok = 1;

	for (int i = 0; i < 600; i++) {
		char name[32], tags[120] = "";
		size_t len = 0;
		int circle;
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		circle = (int)((seed >> 33) % 5);
		for (int t = 0; t < 8; t++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			/* skewed: early tags are common */
			if ((seed >> 33) % 16 < (uint64_t)(8 - t))
				len += (size_t)snprintf(tags + len, sizeof(tags) - len, "%s%s", len ? "," : "", pool[t]);
		}
		snprintf(name, sizeof(name), "Person %d", i);
		ids[i] = add_person(k, name, circle, tags, i % 7 == 0 ? "become a rust expert" : NULL);
		if (i % 3 == 0)
			kith_log(k, &ids[i], 1, "call", today - (kith_day)((seed >> 40) % 400), NULL, NULL);
	}
	rid = add_res(k, "https://ex.com/r", "R", NULL, "ai,education,rust", KITH_NO_DAY);
	shared[0] = ids[0];
	shared[1] = ids[1];
	shared[2] = ids[2];
	CHECK_INT(kith_share_record(k, rid, shared, 3, today, NULL, NULL), KITH_OK);
	/* enough candidates for the people due to be read from their index (over 256) */
	CHECK(count(k, "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'tags : ai OR tags : education"
		       " OR tags : rust'") > 260);
	for (size_t want = 1; want <= 400; want = want * 5 + 4) {
		CHECK_INT(kith_share_suggest(k, rid, want, &v, &n), KITH_OK);
		CHECK(n == want || (want > 25 && n > 25));
		{
			/* everyone scored in SQL, the same formula */
			sqlite3_stmt *st = NULL;
			const char *sql =
				"WITH N AS (SELECT max(id) AS n FROM person),"
				" t(tag, q) AS (VALUES ('ai', 'tags : \"ai\"'), ('education', 'tags : \"education\"'),"
				"   ('rust', 'tags : \"rust\"')),"
				" hits AS (SELECT t.tag AS tag, f.rowid AS pid FROM t, person_fts f WHERE person_fts MATCH t.q),"
				" df AS (SELECT tag, count(*) AS c FROM hits GROUP BY tag),"
				" fit AS (SELECT h.pid AS pid, sum(ln(1.0 + (SELECT n FROM N) * 1.0 / df.c)) AS f"
				"   FROM hits h JOIN df ON df.tag = h.tag GROUP BY h.pid)"
				" SELECT p.id, round(f + CASE p.circle WHEN 0 THEN 0.5 WHEN 1 THEN 0.375 WHEN 2 THEN 0.25"
				"   WHEN 3 THEN 0.125 ELSE 0 END"
				"   + CASE WHEN p.overdue_on <= ?1 THEN 1.0 WHEN p.due_on <= ?1 THEN 0.75 ELSE 0 END, 2) AS s"
				" FROM person p JOIN fit ON fit.pid = p.id"
				" WHERE p.id NOT IN (SELECT person_id FROM share) ORDER BY s DESC, p.id LIMIT ?2";
			int i = 0;
			if (sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL) != SQLITE_OK) {
				printf("# %s\n", sqlite3_errmsg(kith_db(k)));
				ok = 0;
			} else {
				sqlite3_bind_text(st, 1, "2026-11-26", -1, SQLITE_STATIC);
				sqlite3_bind_int64(st, 2, (sqlite3_int64)want);
				while (sqlite3_step(st) == SQLITE_ROW && i < (int)n) {
					int64_t exp_id = sqlite3_column_int64(st, 0);
					double ws = sqlite3_column_double(st, 1);
					if (v[i].person_id != exp_id || fabs(v[i].score - ws) > 1e-6) {
						printf("# %d: got #%lld %.2f, expected #%lld %.2f\n", i, (long long)v[i].person_id,
						       v[i].score, (long long)exp_id, ws);
						ok = 0;
					}
					i++;
				}
				if (i != (int)n)
					ok = 0;
			}
			sqlite3_finalize(st);
		}
		CHECK_MSG(ok, "the ranking is the brute-force one");
		kith_suggestions_free(v, n);
	}
	testdb_close(k);
}

/* More equal candidates than are read: the ones due are read first. */
static void test_cap(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	sqlite3 *db = kith_db(k);
	struct kith_suggestion *v = NULL;
	size_t n = 0;
	int64_t rid, last = KITH_SHARE_VISIT_CAP + 500;

	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_exec(db,
		     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5500)"
		     " INSERT INTO person(id, uid, name, name_key, circle, created)"
		     " SELECT i, 'u' || i, 'P' || i, 'p' || i, 4, '2026-01-01' FROM n;"
		     "INSERT INTO person_tag(person_id, tag) SELECT id, 'ai' FROM person;"
		     "INSERT INTO person_fts(rowid, name, org, tags, notes) SELECT id, name, '', 'ai', '' FROM person;",
		     NULL, NULL, NULL);
	/* the last one is overdue */
	sqlite3_exec(db, "UPDATE person SET due_on = '2026-10-01', overdue_on = '2026-11-01', cadence_days = 30"
			 " WHERE id = 5500",
		     NULL, NULL, NULL);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	CHECK_INT(count(k, "SELECT count(*) FROM person"), last);
	rid = add_res(k, "https://ex.com/ai", "AI", NULL, "ai", KITH_NO_DAY);
	CHECK_INT(kith_share_suggest(k, rid, 3, &v, &n), KITH_OK);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_INT(v[0].person_id, last);
		CHECK_STR(v[0].reason, "shares ai; overdue for a catch-up");
		CHECK_INT(v[1].person_id, 1);
		CHECK_INT(v[2].person_id, 2);
	}
	kith_suggestions_free(v, n);

	/* the plan reads a window of a common tag's people: still one share action, the same each time */
	{
		struct kith_plan p1, p2;
		const struct kith_action *a1 = NULL, *a2 = NULL;
		add_res(k, "https://ex.com/ai-job", "AI job", "opportunity", "ai", today + 3);
		CHECK_INT(kith_plan_today(k, 50, &p1), KITH_OK);
		CHECK_INT(kith_plan_today(k, 50, &p2), KITH_OK);
		for (size_t i = 0; i < p1.n; i++)
			if (!strcmp(p1.v[i].kind, "share"))
				a1 = &p1.v[i];
		for (size_t i = 0; i < p2.n; i++)
			if (!strcmp(p2.v[i].kind, "share"))
				a2 = &p2.v[i];
		CHECK(a1 != NULL && a2 != NULL);
		if (a1 && a2) {
			CHECK_STR(a1->key, a2->key);
			CHECK(strncmp(a1->key, "share:r2:p", 10) == 0);
			CHECK_STR(a1->reason, "“AI job” closes in 3 days; fits their interest in ai");
		}
		kith_plan_release(&p1);
		kith_plan_release(&p2);
	}
	testdb_close(k);
}

static void test_milestones(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p;
	const struct kith_action *a;
	int64_t ada = add_person(k, "Ada", KITH_CIRCLE_NONE, NULL, NULL);
	int64_t bob = add_person(k, "Bob", KITH_CIRCLE_NONE, NULL, NULL);
	int64_t cy = add_person(k, "Cy", KITH_CIRCLE_NONE, NULL, NULL);
	int64_t dee = add_person(k, "Dee", KITH_CIRCLE_NONE, NULL, NULL);
	int64_t m1 = 0, m2 = 0, m3 = 0, m4 = 0, m5 = 0, iid = 0, *cel = NULL;
	size_t n_cel = 0;

	CHECK_INT(kith_milestone_add(k, ada, today - 3, "  joined Acme as CTO ", &m1), KITH_OK);
	CHECK_INT(kith_milestone_add(k, bob, today - 20, "launched a book", &m2), KITH_OK);
	CHECK_INT(kith_milestone_add(k, cy, today - 1, "won an award", &m3), KITH_OK);
	CHECK_INT(kith_milestone_add(k, dee, today + 2, "starts at Globex", &m4), KITH_OK);
	CHECK_INT(kith_milestone_add(k, ada, today, "", &m5), KITH_EINPUT);
	CHECK_INT(kith_milestone_add(k, 999, today, "x", &m5), KITH_ENOTFOUND);
	CHECK_INT(count(k, "SELECT count(*) FROM milestone"), 4);
	CHECK_INT(count(k, "SELECT count(*) FROM milestone WHERE text = 'joined Acme as CTO'"), 1);

	/* praise through kith log counts as celebrating */
	CHECK_INT(kith_log(k, &cy, 1, "praise", today, NULL, NULL), KITH_OK);

	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	a = find_action(&p, "celebrate", ada);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "new milestone 3 days ago: joined Acme as CTO — congratulate them");
		CHECK_STR(a->key, "milestone:m1");
		CHECK(fabs(a->priority - 69.0) < 1e-9);
	}
	CHECK(find_action(&p, "celebrate", bob) == NULL); /* too old */
	CHECK(find_action(&p, "celebrate", cy) == NULL);  /* praised */
	CHECK(find_action(&p, "celebrate", dee) == NULL); /* not yet */
	kith_plan_release(&p);

	/* praise marks the milestones of the 30 days before */
	CHECK_INT(kith_milestone_add(k, bob, today - 2, "promoted", &m5), KITH_OK);
	CHECK_INT(kith_milestone_add(k, bob, today - 31, "an older one", &m3), KITH_OK);
	{
		int64_t both[2] = { ada, bob };
		CHECK_INT(kith_praise(k, both, 2, today, "congratulations!", &iid, &cel, &n_cel), KITH_OK);
	}
	/* Ada's, and Bob's of 20 and 2 days ago; not the one of 31 days ago */
	CHECK_INT(n_cel, 3);
	if (n_cel == 3) {
		CHECK_INT(cel[0], m1);
		CHECK_INT(cel[1], m2);
		CHECK_INT(cel[2], m5);
	}
	free(cel);
	CHECK_INT(count(k, "SELECT count(*) FROM milestone WHERE celebrated_on = '2026-11-26'"), 3);
	CHECK_INT(count(k, "SELECT count(*) FROM milestone WHERE celebrated_on IS NULL AND text = 'an older one'"), 1);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'praise' AND note = 'congratulations!'"), 1);
	/* a bad praise changes nothing */
	CHECK_INT(kith_praise(k, &ada, 1, today, "   ", &iid, &cel, &n_cel), KITH_EINPUT);
	CHECK_INT(kith_praise(k, &ada, 1, today + 1, "later", &iid, &cel, &n_cel), KITH_EINPUT);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'praise'"), 2);

	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	CHECK(find_action(&p, "celebrate", ada) == NULL);
	kith_plan_release(&p);

	/* on its day, the future milestone comes */
	{
		struct kith *k2;
		char err[200];
		CHECK_INT(kith_open(testdb_path, today + 2, &k2, err, sizeof(err)), KITH_OK);
		CHECK_INT(kith_plan_today(k2, 10, &p), KITH_OK);
		a = find_action(&p, "celebrate", dee);
		CHECK(a != NULL);
		if (a)
			CHECK_STR(a->reason, "new milestone today: starts at Globex — congratulate them");
		kith_plan_release(&p);
		kith_close(k2);
	}
	CHECK_INT(kith_milestone_rm(k, m4), KITH_OK);
	CHECK_INT(kith_milestone_rm(k, m4), KITH_ENOTFOUND);
	(void)m2;
	(void)m3;
	testdb_close(k);
}

static void test_resource_plan_and_idea(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p;
	const struct kith_action *a;
	char *title = NULL, *why = NULL;
	int64_t eve = add_person(k, "Eve", KITH_CIRCLE_NONE, "education,climate", NULL);
	int64_t fay = add_person(k, "Fay", KITH_CIRCLE_NONE, "climate", NULL);
	int64_t gus = add_person(k, "Gus", KITH_CIRCLE_NONE, "music", "find a job in fintech");
	int64_t fel, far, gone, art, fin;
	char key[64];

	fel = add_res(k, "https://ex.com/fellowship", "Climate fellowship", "opportunity", "climate,education", today + 5);
	far = add_res(k, "https://ex.com/far", "Far away", "opportunity", "climate", today + 30);
	gone = add_res(k, "https://ex.com/gone", "Gone", "opportunity", "climate", today - 1);
	art = add_res(k, "https://ex.com/article", "An article", "article", "climate", today + 3);
	fin = add_res(k, "https://ex.com/fin", "Fintech jobs", "event", "fintech", today + 1);

	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	a = find_action(&p, "share", eve);
	CHECK(a != NULL);
	if (a) {
		snprintf(key, sizeof(key), "share:r%lld:p%lld", (long long)fel, (long long)eve);
		CHECK_STR(a->key, key);
		CHECK_STR(a->reason, "“Climate fellowship” closes in 5 days; fits their interest in climate and education");
		CHECK_STR(a->detail, "https://ex.com/fellowship");
		CHECK(fabs(a->priority - 50.0) < 1e-9);
	}
	a = find_action(&p, "share", gus);
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->reason, "“Fintech jobs” is tomorrow; fits their goal: find a job in fintech");
	/* nothing for the far, the closed, or the article */
	for (size_t i = 0; i < p.n; i++)
		if (!strcmp(p.v[i].kind, "share"))
			CHECK(strstr(p.v[i].key, ":r2:") == NULL && strstr(p.v[i].key, ":r3:") == NULL &&
			      strstr(p.v[i].key, ":r4:") == NULL);
	kith_plan_release(&p);

	/* once Eve has it, the next best */
	CHECK_INT(kith_share_record(k, fel, &eve, 1, today, NULL, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	CHECK(find_action(&p, "share", eve) == NULL);
	a = find_action(&p, "share", fay);
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->reason, "“Climate fellowship” closes in 5 days; fits their interest in climate");
	kith_plan_release(&p);

	/* an idea for a reconnect: the most tags in common, unshared, open */
	CHECK_INT(kith_resource_idea(k, eve, &title, &why), KITH_OK);
	/* the fellowship went to Eve; the closed one does not count; far, article: one tag each,
	   the sooner deadline first */
	CHECK_STR(title, "An article");
	CHECK_STR(why, "climate");
	free(title);
	free(why);
	CHECK_INT(kith_resource_idea(k, fay, &title, &why), KITH_OK);
	CHECK_STR(title, "An article");
	CHECK_STR(why, "climate");
	free(title);
	free(why);
	CHECK_INT(kith_resource_idea(k, gus, &title, &why), KITH_OK);
	CHECK(title == NULL && why == NULL);
	(void)far;
	(void)gone;
	(void)art;
	(void)fin;
	testdb_close(k);
}

/* The share action goes to the best person not already in the plan. */
static void test_plan_skips_seen(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p;
	const struct kith_action *a;
	int64_t top = add_person(k, "Top Fit", KITH_CIRCLE_INNER, "climate,education", NULL);
	int64_t next = add_person(k, "Next Fit", KITH_CIRCLE_NONE, "climate", NULL);

	CHECK_INT(kith_log(k, &top, 1, "coffee", today - 60, NULL, NULL), KITH_OK);
	add_res(k, "https://ex.com/f", "F", "opportunity", "climate,education", today + 3);
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	CHECK(find_action(&p, "reconnect", top) != NULL);
	CHECK(find_action(&p, "share", top) == NULL);
	a = find_action(&p, "share", next);
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->key, "share:r1:p2");
	kith_plan_release(&p);
	testdb_close(k);
}

int main(void)
{
	test_library();
	test_suggest();
	test_against_brute_force();
	test_cap();
	test_milestones();
	test_resource_plan_and_idea();
	test_plan_skips_seen();
	return tap_done();
}
