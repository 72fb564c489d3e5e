/*
 * Goals: targets and their states, tie strength and warm paths on a
 * hand-made network, the goal steps of the plan and their priorities, the
 * warning before an ask, and the balance of a fixed history.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kith/balance.h"
#include "kith/cadence.h"
#include "kith/goal.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/plan.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

static int64_t addp(struct kith *k, const char *name, const char *org)
{
	struct kith_person_change ch;
	int64_t id = 0;
	kith_person_change_init(&ch);
	ch.name = name;
	ch.org = org;
	ch.circle = KITH_CIRCLE_NONE; /* no cadence: no reconnect actions in the plan */
	if (kith_person_add(k, &ch, &id) != KITH_OK) {
		fprintf(stderr, "cannot add %s: %s\n", name, kith_errmsg(k));
		exit(1);
	}
	kith_person_change_release(&ch);
	return id;
}

static void logi(struct kith *k, int64_t who, const char *kind, kith_day on)
{
	if (kith_log(k, &who, 1, kind, on, NULL, NULL) != KITH_OK) {
		fprintf(stderr, "cannot log: %s\n", kith_errmsg(k));
		exit(1);
	}
}

static void log_with(struct kith *k, int64_t a, int64_t b, const char *kind, kith_day on)
{
	int64_t ids[2] = { a, b };
	if (kith_log(k, ids, 2, kind, on, NULL, NULL) != KITH_OK) {
		fprintf(stderr, "cannot log: %s\n", kith_errmsg(k));
		exit(1);
	}
}

static void knows(struct kith *k, int64_t a, int64_t b)
{
	sqlite3_stmt *st;
	sqlite3_prepare_v2(kith_db(k), "INSERT INTO knows(a, b, source, since) VALUES (?1, ?2, 'stated', '2026-01-01')",
			   -1, &st, NULL);
	sqlite3_bind_int64(st, 1, a < b ? a : b);
	sqlite3_bind_int64(st, 2, a < b ? b : a);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "cannot add knows: %s\n", sqlite3_errmsg(kith_db(k)));
		exit(1);
	}
	sqlite3_finalize(st);
}

static int64_t count(struct kith *k, const char *sql)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void test_states(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t dana = addp(k, "Dana Scully", "Acme"), eve = addp(k, "Eve Li", NULL), frank = addp(k, "Frank", NULL);
	int64_t both[2] = { dana, eve };
	int64_t id = 0, id2 = 0;
	struct kith_goal g;
	struct kith_goal *v;
	size_t n, added;
	enum kith_target_state old;
	kith_day was;

	CHECK_STR(kith_target_state_name(KITH_TARGET_IDENTIFIED), "identified");
	CHECK_STR(kith_target_state_name(KITH_TARGET_NO), "no");
	CHECK(kith_target_state_name(KITH_N_TARGET_STATES) == NULL);
	CHECK_INT(kith_target_state_parse("referred"), KITH_TARGET_REFERRED);
	CHECK_INT(kith_target_state_parse("Met"), -1);
	CHECK_INT(kith_target_state_parse("ref"), -1);

	/* bad input writes nothing */
	CHECK_INT(kith_goal_add(k, "  ", today + 5, NULL, NULL, 0, &id), KITH_EINPUT);
	CHECK_INT(kith_goal_add(k, "referral", today - 1, NULL, NULL, 0, &id), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "has passed") != NULL);
	CHECK_INT(kith_goal_add(k, "two\nlines", today, NULL, NULL, 0, &id), KITH_EINPUT);
	CHECK_INT(kith_goal_add(k, "referral", today, "Ac\tme", NULL, 0, &id), KITH_EINPUT);
	{
		char big[600];
		int64_t ghost = 999;
		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK_INT(kith_goal_add(k, big, today, NULL, NULL, 0, &id), KITH_EINPUT);
		/* a target that does not exist: the goal is not added either */
		CHECK_INT(kith_goal_add(k, "referral", today, NULL, &ghost, 1, &id), KITH_ENOTFOUND);
	}
	CHECK_INT(count(k, "SELECT count(*) FROM goal"), 0);
	CHECK_INT(count(k, "SELECT count(*) FROM goal_target"), 0);

	/* today is a valid deadline; text and org are trimmed */
	CHECK_INT(kith_goal_add(k, "  referral for the PM role at Acme ", today + 10, " Acme ", both, 2, &id), KITH_OK);
	CHECK_INT(kith_goal_add(k, "intro to a designer", today, NULL, NULL, 0, &id2), KITH_OK);
	CHECK_INT(kith_goal_get(k, id, &g), KITH_OK);
	CHECK_STR(g.text, "referral for the PM role at Acme");
	CHECK_STR(g.org, "Acme");
	CHECK_INT(g.by, today + 10);
	CHECK_INT(g.done_on, KITH_NO_DAY);
	CHECK_INT(g.n_targets, 2);
	CHECK_INT(g.targets[0].state, KITH_TARGET_IDENTIFIED);
	kith_goal_release(&g);
	CHECK_INT(kith_goal_get(k, 99, &g), KITH_ENOTFOUND);

	/* along the pipeline, and back when the user corrects */
	CHECK_INT(kith_goal_set(k, id, dana, KITH_TARGET_CONTACTED, &old), KITH_OK);
	CHECK_INT(old, KITH_TARGET_IDENTIFIED);
	CHECK_INT(kith_goal_set(k, id, dana, KITH_TARGET_MET, &old), KITH_OK);
	CHECK_INT(old, KITH_TARGET_CONTACTED);
	CHECK_INT(kith_goal_set(k, id, eve, KITH_TARGET_NO, &old), KITH_OK);
	CHECK_INT(kith_goal_set(k, id, eve, KITH_TARGET_REPLIED, &old), KITH_OK);
	CHECK_INT(old, KITH_TARGET_NO);
	/* furthest first */
	CHECK_INT(kith_goal_get(k, id, &g), KITH_OK);
	CHECK_INT(g.targets[0].id, dana);
	CHECK_INT(g.targets[0].state, KITH_TARGET_MET);
	CHECK_INT(g.targets[1].state, KITH_TARGET_REPLIED);
	kith_goal_release(&g);

	/* not a target, no goal, a bad state: errors that change nothing */
	CHECK_INT(kith_goal_set(k, id, frank, KITH_TARGET_MET, &old), KITH_ENOTFOUND);
	CHECK(strstr(kith_errmsg(k), "'Frank' is not a target of goal #1") != NULL);
	CHECK(strstr(kith_errmsg(k), "kith goal target 1") != NULL);
	CHECK_INT(kith_goal_set(k, 42, dana, KITH_TARGET_MET, &old), KITH_ENOTFOUND);
	CHECK_INT(kith_goal_set(k, id, dana, KITH_N_TARGET_STATES, &old), KITH_EINPUT);
	CHECK_INT(count(k, "SELECT count(*) FROM goal_target WHERE state = 'met'"), 1);

	/* adding targets: new ones start identified, existing ones stay */
	CHECK_INT(kith_goal_target(k, id, both, 2, &added), KITH_OK);
	CHECK_INT(added, 0);
	CHECK_INT(kith_goal_target(k, id, &frank, 1, &added), KITH_OK);
	CHECK_INT(added, 1);
	CHECK_INT(count(k, "SELECT count(*) FROM goal_target WHERE state = 'met'"), 1);
	CHECK_INT(kith_goal_target(k, 77, &frank, 1, &added), KITH_ENOTFOUND);

	/* the list: open by deadline; done ones only with all */
	CHECK_INT(kith_goal_list(k, 0, &v, &n), KITH_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(v[0].id, id2); /* due today */
		CHECK_INT(v[1].id, id);
		CHECK_INT(v[1].n_targets, 3);
	}
	for (size_t i = 0; i < n; i++)
		kith_goal_release(&v[i]);
	free(v);
	CHECK_INT(kith_goal_done(k, id2, &was), KITH_OK);
	CHECK_INT(was, KITH_NO_DAY);
	CHECK_INT(kith_goal_done(k, id2, &was), KITH_OK);
	CHECK_INT(was, today);
	CHECK_INT(kith_goal_done(k, 1234, &was), KITH_ENOTFOUND);
	CHECK_INT(kith_goal_list(k, 0, &v, &n), KITH_OK);
	CHECK_INT(n, 1);
	for (size_t i = 0; i < n; i++)
		kith_goal_release(&v[i]);
	free(v);
	CHECK_INT(kith_goal_list(k, 1, &v, &n), KITH_OK);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(v[0].id, id);     /* open first */
		CHECK_INT(v[1].done_on, today);
	}
	for (size_t i = 0; i < n; i++)
		kith_goal_release(&v[i]);
	free(v);

	/* removing a person removes them as a target; removing a goal its targets */
	CHECK_INT(kith_person_rm(k, frank, NULL), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM goal_target"), 2);
	CHECK_INT(kith_goal_rm(k, id), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM goal_target"), 0);
	CHECK_INT(kith_goal_rm(k, id), KITH_ENOTFOUND);
	testdb_close(k);
}

static void test_ties(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t a = addp(k, "A", NULL), b = addp(k, "B", NULL), c = addp(k, "C", NULL);
	struct kith_tie t;

	logi(k, a, "coffee", today);
	logi(k, a, "call", today - 180);
	logi(k, a, "message", today - 400); /* counts, but not this year */
	logi(k, b, "email", today - 800);   /* older than two years: no tie */
	CHECK_INT(kith_tie_strength(k, a, &t), KITH_OK);
	CHECK(near(t.strength, 1.0 + exp(-1.0) + exp(-400.0 / 180.0)));
	CHECK_INT(t.touches, 2);
	CHECK_INT(t.last, today);
	CHECK_INT(kith_tie_strength(k, b, &t), KITH_OK);
	CHECK(near(t.strength, 0.0));
	CHECK_INT(t.last, KITH_NO_DAY);
	CHECK_INT(kith_tie_strength(k, c, &t), KITH_OK);
	CHECK_INT(t.touches, 0);
	testdb_close(k);
}

static void test_org_match(void)
{
	CHECK(kith_org_matches("Acme Corp", "acme"));
	CHECK(kith_org_matches("ACMÉ", "acme"));
	CHECK(kith_org_matches("The  Acme   Corp", "acme corp"));
	CHECK(kith_org_matches("acme", "Acme"));
	CHECK(!kith_org_matches("Acmeville", "acme"));
	CHECK(!kith_org_matches("Packme", "acme"));
	CHECK(!kith_org_matches(NULL, "acme"));
	CHECK(!kith_org_matches("Acme", ""));
}

/*
 * The network (the user is the root; touches make ties):
 *
 *   Frank  Acme Corp   6 touches this year        strong
 *   Gina   Globex      one touch 200 days ago     weak (0.33)
 *   Hank   Initech     no touch                   none
 *   Zoe    Umbrella    3 touches                  strong
 *   Dana   ACME corp   target; colleague of Frank; Gina knows her
 *   Ivy    Initech     target; colleague of Hank; Zoe met Hank once
 *   Olga   -           target; nobody knows her
 *   Paul   Acmé        at Acme too (accents); no tie
 *   Walt   Acmeville   not Acme
 */
static void test_paths(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t frank = addp(k, "Frank", "Acme Corp"), gina = addp(k, "Gina", "Globex"), hank = addp(k, "Hank", "Initech");
	int64_t zoe = addp(k, "Zoe", "Umbrella"), dana = addp(k, "Dana", "ACME corp"), ivy = addp(k, "Ivy", "Initech");
	int64_t olga = addp(k, "Olga", NULL), paul = addp(k, "Paul", "Acmé"), walt = addp(k, "Walt", "Acmeville");
	struct kith_warm_paths p;
	(void)walt;

	for (int i = 0; i < 6; i++)
		logi(k, frank, "coffee", today - 10 - 30 * i);
	logi(k, gina, "email", today - 200);
	for (int i = 0; i < 3; i++)
		logi(k, zoe, "call", today - 5 - 60 * i);
	/* Zoe met Hank at an event two years and a half ago: they know each other, no tie to Hank */
	log_with(k, zoe, hank, "event", today - 900);
	knows(k, gina, dana);

	/* to Dana: through Frank (colleague, strong), then Gina (knows her, weak) */
	CHECK_INT(kith_warm_paths_to(k, dana, 5, &p), KITH_OK);
	CHECK_INT(p.n, 2);
	if (p.n == 2) {
		CHECK_INT(p.v[0].n_via, 1);
		CHECK_INT(p.v[0].via[0], frank);
		CHECK_STR(p.v[0].names[0], "Frank");
		CHECK_INT(p.v[0].tie.touches, 6);
		CHECK_STR(p.v[0].how, "org");
		CHECK_INT(p.v[1].via[0], gina);
		CHECK_STR(p.v[1].how, "stated");
		CHECK(p.v[1].tie.strength < p.v[0].tie.strength);
	}
	kith_warm_paths_release(&p);
	/* the limit keeps the best */
	CHECK_INT(kith_warm_paths_to(k, dana, 1, &p), KITH_OK);
	CHECK_INT(p.n, 1);
	CHECK(p.n == 1 && p.v[0].via[0] == frank);
	kith_warm_paths_release(&p);
	CHECK_INT(kith_warm_paths_to(k, dana, 0, &p), KITH_EINPUT);

	/* to Ivy: two steps, you -> Zoe -> Hank -> Ivy */
	CHECK_INT(kith_warm_paths_to(k, ivy, 5, &p), KITH_OK);
	CHECK_INT(p.n, 1);
	if (p.n == 1) {
		CHECK_INT(p.v[0].n_via, 2);
		CHECK_INT(p.v[0].via[0], zoe);
		CHECK_INT(p.v[0].via[1], hank);
		CHECK_STR(p.v[0].names[1], "Hank");
		CHECK_STR(p.v[0].how, "interaction"); /* how Zoe knows Hank */
	}
	kith_warm_paths_release(&p);

	/* nobody knows Olga */
	CHECK_INT(kith_warm_paths_to(k, olga, 5, &p), KITH_OK);
	CHECK_INT(p.n, 0);
	kith_warm_paths_release(&p);

	/* knowing the target well is the best path of all: no one in between */
	logi(k, dana, "coffee", today - 1);
	CHECK_INT(kith_warm_paths_to(k, dana, 5, &p), KITH_OK);
	CHECK(p.n >= 1 && p.v[0].n_via == 0);
	CHECK(p.n >= 2 && p.v[1].via[0] == frank);
	kith_warm_paths_release(&p);

	/* into Acme: Frank and Dana work there (Paul too, but no tie), then
	   Gina, who knows Dana; Walt at Acmeville is not at Acme */
	CHECK_INT(kith_warm_paths_org(k, "acme", 5, &p), KITH_OK);
	CHECK_INT(p.n, 3);
	if (p.n == 3) {
		CHECK_INT(p.v[0].via[0], frank);
		CHECK_INT(p.v[0].n_via, 1);
		CHECK(p.v[0].how == NULL);
		CHECK_INT(p.v[1].via[0], dana);
		CHECK_INT(p.v[2].n_via, 2);
		CHECK_INT(p.v[2].via[0], gina);
		CHECK_INT(p.v[2].via[1], dana);
		CHECK_STR(p.v[2].how, "stated");
	}
	kith_warm_paths_release(&p);
	/* Paul becomes a path once in touch: the accent does not matter */
	logi(k, paul, "message", today - 3);
	CHECK_INT(kith_warm_paths_org(k, "ACME", 5, &p), KITH_OK);
	{
		int found = 0;
		for (size_t i = 0; i < p.n; i++)
			found |= p.v[i].n_via == 1 && p.v[i].via[0] == paul;
		CHECK_MSG(found, "Paul at Acmé is a warm path into acme");
	}
	kith_warm_paths_release(&p);
	CHECK_INT(kith_warm_paths_org(k, "Nowhere Inc", 5, &p), KITH_OK);
	CHECK_INT(p.n, 0);
	kith_warm_paths_release(&p);

	/* a goal's paths together: the same as one by one */
	{
		int64_t ts[3] = { olga, ivy, dana }, id;
		struct kith_goal g;
		struct kith_goal_paths gp;
		CHECK_INT(kith_goal_add(k, "referral at Acme", today + 30, "acme", ts, 3, &id), KITH_OK);
		CHECK_INT(kith_goal_get(k, id, &g), KITH_OK);
		CHECK_INT(kith_goal_paths(k, &g, 5, &gp), KITH_OK);
		CHECK_INT(gp.n_targets, 3);
		/* targets by name: Dana, Ivy, Olga */
		CHECK(gp.n_targets == 3 && g.targets[0].id == dana && gp.targets[0].n == 3);
		CHECK(gp.n_targets == 3 && gp.targets[0].v[0].n_via == 0 && gp.targets[0].v[1].via[0] == frank);
		CHECK(gp.n_targets == 3 && gp.targets[1].n == 1 && gp.targets[1].v[0].via[1] == hank);
		CHECK(gp.n_targets == 3 && gp.targets[2].n == 0);
		CHECK(gp.org.n >= 3 && gp.org.v[0].via[0] == frank);
		kith_goal_paths_release(&gp);
		CHECK_INT(kith_goal_paths(k, &g, 51, &gp), KITH_EINPUT);
		kith_goal_release(&g);
	}
	testdb_close(k);
}

static void test_ask_warning(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t frank = addp(k, "Frank Li", NULL);
	char *w = NULL;

	CHECK_INT(kith_ask_warning(k, frank, &w), KITH_OK);
	CHECK_STR(w, "you have never given anything to Frank Li: share something useful or thank them first"
		     " (kith share, kith praise)");
	free(w);
	/* neutral touches and asks are not gives */
	logi(k, frank, "coffee", today - 3);
	logi(k, frank, "ask", today - 2);
	CHECK_INT(kith_ask_warning(k, frank, &w), KITH_OK);
	CHECK(w != NULL);
	free(w);
	/* any give, however old, is enough */
	logi(k, frank, "help", today - 2000);
	CHECK_INT(kith_ask_warning(k, frank, &w), KITH_OK);
	CHECK(w == NULL);
	CHECK_INT(kith_ask_warning(k, 999, &w), KITH_ENOTFOUND);
	CHECK(w == NULL);
	testdb_close(k);
}

static const struct kith_action *find_key(const struct kith_plan *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].key, key))
			return &p->v[i];
	return NULL;
}

static int count_kind(const struct kith_plan *p, const char *kind)
{
	int n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += !strcmp(p->v[i].kind, kind);
	return n;
}

/* The priority of the goal action with key, in the plan of day `on`; -1 when none. */
static double goal_pri_on(kith_day on, kith_day by)
{
	struct kith *k = testdb_open(on);
	int64_t dana = addp(k, "Dana", NULL), id;
	struct kith_plan p;
	double pri = -1;
	char key[64];

	kith_goal_add(k, "referral", by < on ? on : by, NULL, &dana, 1, &id);
	if (by < on) {
		/* a goal whose deadline has passed: made earlier, seen today */
		char err[200];
		kith_close(k);
		kith_open(testdb_path, on + (on - by), &k, err, sizeof(err));
	}
	kith_plan_today(k, 20, &p);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:identified", (long long)id, (long long)dana);
	if (find_key(&p, key))
		pri = find_key(&p, key)->priority;
	kith_plan_release(&p);
	testdb_close(k);
	return pri;
}

static void test_priorities(void)
{
	kith_day today = D(2026, 11, 26);
	CHECK(near(goal_pri_on(today, today + 30), 30.0));
	CHECK(near(goal_pri_on(today, today + 15), 30.0));
	CHECK(near(goal_pri_on(today, today + 14), 30.0));
	CHECK(near(goal_pri_on(today, today + 10), 88.0 - 7.0 * 58.0 / 11.0));
	CHECK(near(goal_pri_on(today, today + 4), 88.0 - 58.0 / 11.0));
	CHECK(near(goal_pri_on(today, today + 3), 88.0));
	CHECK(near(goal_pri_on(today, today), 88.0));
	/* rising as the deadline nears */
	CHECK(goal_pri_on(today, today + 7) > goal_pri_on(today, today + 8));
	/* past the deadline: still there, lower */
	CHECK(near(goal_pri_on(today, today - 5), 60.0));
}

static void test_plan_steps(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t frank = addp(k, "Frank Li", "Acme"), dana = addp(k, "Dana Scully", "Acme");
	int64_t eve = addp(k, "Eve", "Globex"), gus = addp(k, "Gus", NULL), hal = addp(k, "Hal", "Acme");
	int64_t targets[3] = { dana, eve, gus };
	int64_t id, id2;
	struct kith_plan p;
	const struct kith_action *a;
	char err[200], key[80];

	for (int i = 0; i < 6; i++)
		logi(k, frank, i ? "email" : "share", today - 20 - 30 * i);
	logi(k, eve, "email", today - 40);
	CHECK_INT(kith_goal_add(k, "referral for the PM role at Acme", today + 10, "Acme", targets, 3, &id), KITH_OK);

	CHECK_INT(kith_plan_today(k, 20, &p), KITH_OK);
	/* at most two steps for one goal: Eve (known, reach out) and Dana (through Frank) */
	CHECK_INT(count_kind(&p, "goal"), 2);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:identified", (long long)id, (long long)eve);
	a = find_key(&p, key);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "due in 10 days: reach out to Eve (works at Globex; 1 touch this year);"
				     " give first: share something or thank them");
		CHECK_STR(a->detail, "goal #1: referral for the PM role at Acme");
		CHECK_INT(a->people[0], eve);
	}
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:identified", (long long)id, (long long)dana);
	a = find_key(&p, key);
	CHECK(a != NULL);
	if (a) {
		/* Frank was given something: no "give first" */
		CHECK_STR(a->reason, "due in 10 days: ask Frank Li for an intro to Dana Scully"
				     " (same organization; 6 touches this year)");
		CHECK_INT(a->people[0], frank);
	}
	kith_plan_release(&p);

	/* contacted: no step for a week, then a follow-up */
	CHECK_INT(kith_goal_set(k, id, dana, KITH_TARGET_CONTACTED, NULL), KITH_OK);
	CHECK_INT(kith_goal_set(k, id, eve, KITH_TARGET_MET, NULL), KITH_OK);
	CHECK_INT(kith_goal_set(k, id, gus, KITH_TARGET_NO, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 20, &p), KITH_OK);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:contacted", (long long)id, (long long)dana);
	CHECK(find_key(&p, key) == NULL);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:met", (long long)id, (long long)eve);
	a = find_key(&p, key);
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->reason, "due in 10 days: ask Eve for the referral (you met);"
				     " give first: share something or thank them");
	kith_plan_release(&p);

	kith_close(k);
	CHECK_INT(kith_open(testdb_path, today + 8, &k, err, sizeof(err)), KITH_OK);
	CHECK_INT(kith_plan_today(k, 20, &p), KITH_OK);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:contacted", (long long)id, (long long)dana);
	a = find_key(&p, key);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "due in 2 days: follow up with Dana Scully (contacted 8 days ago);"
				     " give first: share something or thank them");
		CHECK(near(a->priority, 88.0) || near(a->priority, 87.0));
	}
	kith_plan_release(&p);

	/* someone already in the plan (a thank-you after yesterday's call) is not named again */
	logi(k, eve, "call", today + 7);
	CHECK_INT(kith_plan_today(k, 20, &p), KITH_OK);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:met", (long long)id, (long long)eve);
	CHECK(find_key(&p, key) == NULL);
	CHECK_INT(count_kind(&p, "thank"), 1);
	kith_plan_release(&p);

	/* a goal with only an organization: a warm path in; none once done */
	CHECK_INT(kith_goal_add(k, "meet the Acme design team", today + 8 + 20, "acme", NULL, 0, &id2), KITH_OK);
	CHECK_INT(kith_plan_today(k, 20, &p), KITH_OK);
	snprintf(key, sizeof(key), "goal:g%lld:p%lld:path", (long long)id2, (long long)frank);
	a = find_key(&p, key);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "due in 20 days: find a warm path into acme: Frank Li (6 touches this year) works there");
		CHECK(near(a->priority, 30.0));
	}
	kith_plan_release(&p);
	CHECK_INT(kith_goal_done(k, id2, NULL), KITH_OK);
	CHECK_INT(kith_goal_done(k, id, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 20, &p), KITH_OK);
	CHECK_INT(count_kind(&p, "goal"), 0);
	kith_plan_release(&p);
	(void)hal;
	testdb_close(k);
}

static const struct kith_balance_month *month_of(const struct kith_balance *b, int y, int m)
{
	for (size_t i = 0; i < b->n_months; i++)
		if (b->months[i].year == y && b->months[i].month == m)
			return &b->months[i];
	return NULL;
}

static void test_balance(void)
{
	/* 2026-11-26 is a Thursday: this week began on Monday 23 */
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t ada = addp(k, "Ada", NULL), bob = addp(k, "Bob", NULL), cy = addp(k, "Cy", NULL);
	struct kith_balance b;
	const struct kith_balance_month *m;

	/* gives in the weeks of 16 Nov and 9 Nov, none the week of 2 Nov, one the week of 26 Oct */
	logi(k, ada, "praise", D(2026, 11, 20));
	log_with(k, ada, bob, "share", D(2026, 11, 9));
	logi(k, bob, "help", D(2026, 10, 27));
	/* asks */
	log_with(k, bob, cy, "ask", D(2026, 11, 2));
	logi(k, cy, "referral", D(2026, 10, 5));
	/* neutral */
	logi(k, ada, "coffee", D(2026, 11, 25));
	logi(k, cy, "email", D(2026, 3, 1));
	/* before the default period (it starts on 2025-12-01) */
	logi(k, ada, "help", D(2025, 11, 30));

	CHECK_INT(kith_balance(k, KITH_NO_DAY, &b), KITH_OK);
	CHECK_INT(b.since, D(2025, 12, 1));
	CHECK_INT(b.until, today);
	CHECK_INT(b.gives, 3);
	CHECK_INT(b.asks, 2);
	CHECK_INT(b.neutral, 2);
	CHECK_INT(b.soft, 5);
	CHECK_INT(b.hard, 2);
	CHECK(near(b.touches_per_week, 7.0 * 7.0 / (double)(today - D(2025, 12, 1) + 1)));
	/* no give yet this week; last week and the week before: 2 */
	CHECK_INT(b.streak_weeks, 2);
	CHECK_INT(b.n_months, 12);
	CHECK(b.n_months == 12 && b.months[0].year == 2025 && b.months[0].month == 12);
	CHECK(b.n_months == 12 && b.months[11].year == 2026 && b.months[11].month == 11);
	m = month_of(&b, 2026, 11);
	CHECK(m && m->gives == 2 && m->asks == 1 && m->neutral == 1);
	m = month_of(&b, 2026, 10);
	CHECK(m && m->gives == 1 && m->asks == 1 && m->neutral == 0);
	m = month_of(&b, 2026, 3);
	CHECK(m && m->gives == 0 && m->neutral == 1);
	/* Ada got 2 gives (praise, share), Bob 2 (share, help): ties by id */
	CHECK_INT(b.n_top_given, 2);
	CHECK(b.n_top_given == 2 && b.top_given[0].id == ada && b.top_given[0].count == 2);
	CHECK(b.n_top_given == 2 && b.top_given[1].id == bob && b.top_given[1].count == 2);
	CHECK_STR(b.top_given[0].name, "Ada");
	/* Cy was asked twice (ask with Bob, referral), Bob once */
	CHECK_INT(b.n_top_asked, 2);
	CHECK(b.n_top_asked == 2 && b.top_asked[0].id == cy && b.top_asked[0].count == 2);
	CHECK(b.n_top_asked == 2 && b.top_asked[1].id == bob && b.top_asked[1].count == 1);
	kith_balance_release(&b);

	/* a give this week extends the streak to this week */
	logi(k, cy, "praise", D(2026, 11, 23));
	CHECK_INT(kith_balance(k, KITH_NO_DAY, &b), KITH_OK);
	CHECK_INT(b.streak_weeks, 3);
	kith_balance_release(&b);

	/* a shorter period: from 1 November */
	CHECK_INT(kith_balance(k, D(2026, 11, 1), &b), KITH_OK);
	CHECK_INT(b.n_months, 1);
	CHECK_INT(b.gives, 3);
	CHECK_INT(b.asks, 1);
	CHECK_INT(b.neutral, 1);
	CHECK_INT(b.streak_weeks, 3); /* not limited to the period */
	kith_balance_release(&b);
	/* a longer one takes the older give */
	CHECK_INT(kith_balance(k, D(2025, 11, 1), &b), KITH_OK);
	CHECK_INT(b.n_months, 13);
	CHECK_INT(b.gives, 5);
	kith_balance_release(&b);

	CHECK_INT(kith_balance(k, today + 1, &b), KITH_EINPUT);
	CHECK_INT(kith_balance(k, today - 40000, &b), KITH_EINPUT);
	CHECK_INT(kith_balance(k, today, &b), KITH_OK);
	CHECK_INT(b.n_months, 1);
	kith_balance_release(&b);
	testdb_close(k);

	/* an empty network: zeros, no streak */
	k = testdb_open(today);
	CHECK_INT(kith_balance(k, KITH_NO_DAY, &b), KITH_OK);
	CHECK_INT(b.gives + b.asks + b.neutral, 0);
	CHECK_INT(b.streak_weeks, 0);
	CHECK_INT(b.n_top_given, 0);
	CHECK(near(b.touches_per_week, 0.0));
	kith_balance_release(&b);
	testdb_close(k);
}

int main(void)
{
	test_states();
	test_ties();
	test_org_match();
	test_paths();
	test_ask_warning();
	test_priorities();
	test_plan_steps();
	test_balance();
	return tap_done();
}
