/* The daily plan: kinds, ranking, size, backlog spread, determinism. */
#include <stdio.h>
#include <string.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/plan.h"
#include "kith/settings.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

static const struct kith_action *find_action(const struct kith_plan *p, const char *kind, int64_t id)
{
	for (size_t i = 0; i < p->n; i++)
		for (size_t j = 0; j < p->v[i].n_people; j++)
			if (!strcmp(p->v[i].kind, kind) && p->v[i].people[j] == id)
				return &p->v[i];
	return NULL;
}

static void test_kinds(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p;
	struct kith_person_change ch;
	const struct kith_action *a;
	int64_t ada = testdb_add(k, "Ada", KITH_CIRCLE_CLOSE, NULL);
	int64_t grace = testdb_add(k, "Grace", KITH_CIRCLE_INNER, NULL);
	int64_t eve = testdb_add(k, "Eve", KITH_CIRCLE_WIDE, NULL);
	int64_t dan = testdb_add(k, "Dan", KITH_CIRCLE_NONE, NULL);
	int64_t both[2] = { grace, dan };

	kith_person_change_init(&ch);
	ch.birthday = "1990-11-29";
	CHECK_INT(kith_person_edit(k, eve, &ch), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_log(k, &ada, 1, "coffee", today - 94, "her school project", NULL), KITH_OK);
	CHECK_INT(kith_log(k, &eve, 1, "email", today - 10, NULL, NULL), KITH_OK);
	CHECK_INT(kith_log(k, both, 2, "call", today - 2, "planning the meetup", NULL), KITH_OK);

	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	CHECK_INT(p.date, today);
	a = find_action(&p, "reconnect", ada);
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "last coffee 94 days ago; overdue: you aim for every month");
		CHECK_STR(a->detail, "last time: her school project");
	}
	a = find_action(&p, "thank", grace);
	CHECK(a != NULL);
	if (a) {
		CHECK_INT(a->n_people, 2);
		CHECK_STR(a->reason, "call 2 days ago: send a note of appreciation");
	}
	a = find_action(&p, "celebrate", eve);
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->reason, "birthday in 3 days (turns 36)");
	CHECK_INT(p.n, 3);
	/* an overdue close friend ranks first, then the thank-you, then the birthday */
	CHECK_STR(p.v[0].kind, "reconnect");
	CHECK_STR(p.v[1].kind, "thank");
	CHECK_STR(p.v[2].kind, "celebrate");
	kith_plan_release(&p);

	/* a follow-up after the call removes that person from the thank-you */
	CHECK_INT(kith_log(k, &grace, 1, "praise", today, NULL, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	a = find_action(&p, "thank", dan);
	CHECK(a != NULL && a->n_people == 1);
	CHECK(find_action(&p, "thank", grace) == NULL);
	kith_plan_release(&p);

	/* four days later the thank-you is gone (plan.thank-days = 3) */
	kith_close(k);
	{
		char err[200];
		CHECK_INT(kith_open(testdb_path, today + 4, &k, err, sizeof(err)), KITH_OK);
	}
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	CHECK(find_action(&p, "thank", dan) == NULL);
	CHECK(find_action(&p, "celebrate", eve) == NULL);
	kith_plan_release(&p);
	testdb_close(k);
}

static void test_feb29(void)
{
	kith_day today = D(2027, 2, 25);
	struct kith *k = testdb_open(today);
	struct kith_person_change ch;
	struct kith_plan p;
	const struct kith_action *a;
	int64_t leap = testdb_add(k, "Leap", KITH_CIRCLE_NONE, NULL);

	kith_person_change_init(&ch);
	ch.birthday = "--02-29";
	CHECK_INT(kith_person_edit(k, leap, &ch), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	a = find_action(&p, "celebrate", leap);
	CHECK(a != NULL);
	if (a)
		CHECK_STR(a->reason, "birthday in 3 days");
	kith_plan_release(&p);
	testdb_close(k);
}

static void test_backlog(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p, q;
	int64_t first_ids[5];
	int differs = 0, total_seen = 0, distinct = 0;
	char seen[201] = { 0 };
	char name[32];

	/* 200 people added at once, never in touch */
	CHECK_INT(kith_begin(k), KITH_OK);
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "Person %03d", i);
		testdb_add(k, name, KITH_CIRCLE_ACTIVE, NULL);
	}
	CHECK_INT(kith_commit(k), KITH_OK);
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	CHECK_INT(p.n, 0); /* nobody is due the day they are added */
	kith_plan_release(&p);

	/* over the coming 90 days they come due a few at a time */
	for (int day = 1; day <= 90; day++) {
		char err[200];
		size_t n_due;
		kith_close(k);
		CHECK_INT(kith_open(testdb_path, today + day, &k, err, sizeof(err)) == KITH_OK, 1);
		CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
		n_due = p.n + p.more_due;
		total_seen += (int)p.n;
		(void)n_due;
		for (size_t i = 0; i < p.n; i++)
			if (p.v[i].people[0] >= 1 && p.v[i].people[0] <= 200)
				seen[p.v[i].people[0]] = 1;
		if (day == 5) {
			for (size_t i = 0; i < 5 && i < p.n; i++)
				first_ids[i] = p.v[i].people[0];
		}
		if (day == 6 && p.n) {
			for (size_t i = 0; i < p.n; i++)
				differs |= p.v[i].people[0] != first_ids[i];
		}
		CHECK_MSG(p.n <= 5, "the plan never exceeds its size");
		/* act on the plan: log a message with everyone in it */
		for (size_t i = 0; i < p.n; i++)
			kith_log(k, p.v[i].people, p.v[i].n_people, "message", today + day, NULL, NULL);
		kith_plan_release(&p);
	}
	for (int i = 1; i <= 200; i++)
		distinct += seen[i];
	/* everyone came up once within one cadence (90 days), a few a day */
	CHECK_INT(distinct, 200);
	CHECK_INT(total_seen, 200);
	CHECK(differs);

	/* deterministic: the same database and day give the same plan */
	CHECK_INT(kith_plan_today(k, 10, &p), KITH_OK);
	CHECK_INT(kith_plan_today(k, 10, &q), KITH_OK);
	CHECK_INT(p.n, q.n);
	for (size_t i = 0; i < p.n && i < q.n; i++) {
		CHECK_INT(p.v[i].people[0], q.v[i].people[0]);
		CHECK_STR(p.v[i].reason, q.v[i].reason);
	}
	kith_plan_release(&p);
	kith_plan_release(&q);

	/* the size comes from the setting */
	CHECK_INT(kith_setting_set(k, "plan.size", "2"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	CHECK(p.n <= 2);
	kith_plan_release(&p);
	testdb_close(k);
}

static void test_rekindle(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_plan p;
	const struct kith_action *a;
	int64_t old = testdb_add(k, "Old Friend", KITH_CIRCLE_NONE, NULL);
	int64_t older = testdb_add(k, "Older Friend", KITH_CIRCLE_NONE, NULL);
	int64_t recent = testdb_add(k, "Recent", KITH_CIRCLE_NONE, NULL);
	int64_t wide = testdb_add(k, "Wide Tie", KITH_CIRCLE_WIDE, NULL);

	CHECK_INT(kith_log(k, &old, 1, "coffee", today - 4 * 365, "her PhD on genomics", NULL), KITH_OK);
	CHECK_INT(kith_log(k, &older, 1, "call", today - 5 * 365, NULL, NULL), KITH_OK);
	CHECK_INT(kith_log(k, &older, 1, "call", today - 5 * 365 - 10, NULL, NULL), KITH_OK);
	CHECK_INT(kith_log(k, &recent, 1, "call", today - 2 * 365, NULL, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	/* one dormant tie, the one with fewer touches (novelty) */
	CHECK(find_action(&p, "rekindle", old) != NULL);
	CHECK(find_action(&p, "rekindle", older) == NULL);
	CHECK(find_action(&p, "rekindle", recent) == NULL);
	a = find_action(&p, "rekindle", old);
	if (a) {
		CHECK(strstr(a->reason, "a dormant tie: last coffee 4 years ago") != NULL);
		CHECK(strstr(a->reason, "1 touch in all") != NULL);
		CHECK_STR(a->detail, "last time: her PhD on genomics");
	}
	kith_plan_release(&p);

	/* someone due whose last touch is years old is a rekindle too */
	CHECK_INT(kith_log(k, &wide, 1, "email", today - 1210, NULL, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 0, &p), KITH_OK);
	a = find_action(&p, "rekindle", wide);
	CHECK(a != NULL);
	if (a)
		CHECK(strstr(a->reason, "overdue: you aim for every 6 months") != NULL);
	kith_plan_release(&p);
	testdb_close(k);
}

static void test_timely_reserve(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_person_change ch;
	struct kith_plan p;
	char name[32];
	int64_t caller, bday;
	size_t n_reconnect = 0;

	/* a backlog of badly overdue inner-circle friends */
	for (int i = 0; i < 10; i++) {
		int64_t id;
		snprintf(name, sizeof(name), "Overdue %d", i);
		id = testdb_add(k, name, KITH_CIRCLE_INNER, NULL);
		CHECK_INT(kith_log(k, &id, 1, "coffee", today - 200, NULL, NULL), KITH_OK);
	}
	caller = testdb_add(k, "Caller", KITH_CIRCLE_WIDE, NULL);
	CHECK_INT(kith_log(k, &caller, 1, "call", today - 2, NULL, NULL), KITH_OK);
	bday = testdb_add(k, "Birthday", KITH_CIRCLE_WIDE, NULL);
	kith_person_change_init(&ch);
	ch.birthday = "--12-01";
	CHECK_INT(kith_person_edit(k, bday, &ch), KITH_OK);
	kith_person_change_release(&ch);

	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	CHECK_INT(p.n, 5);
	/* the thank-you and the birthday keep their places */
	CHECK(find_action(&p, "thank", caller) != NULL);
	CHECK(find_action(&p, "celebrate", bday) != NULL);
	for (size_t i = 0; i < p.n; i++)
		n_reconnect += !strcmp(p.v[i].kind, "reconnect");
	CHECK_INT(n_reconnect, 3);
	CHECK_INT(p.more_due, 7);
	/* still in priority order */
	for (size_t i = 1; i < p.n; i++)
		CHECK(p.v[i - 1].priority >= p.v[i].priority);
	kith_plan_release(&p);
	testdb_close(k);
}

int main(void)
{
	test_timely_reserve();
	test_rekindle();
	test_kinds();
	test_feb29();
	test_backlog();
	return tap_done();
}
