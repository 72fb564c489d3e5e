/*
 * Communities and organizations, events, roles, agendas, posts, and the
 * community and brand actions of the plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/agenda.h"
#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/org.h"
#include "kith/person.h"
#include "kith/plan.h"
#include "kith/post.h"
#include "internal.h" /* kith_setting_store: brand.every without depending on its check */
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
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

static const struct kith_action *find_kind(const struct kith_plan *p, const char *kind)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].kind, kind))
			return &p->v[i];
	return NULL;
}

static void test_org_add_and_resolve(void)
{
	struct kith *k = testdb_open(D(2026, 11, 26));
	int64_t ell = 0, ai = 0, aik = 0, mit = 0, id = 0;
	struct kith_org o;
	char long_name[KITH_ORG_NAME_MAX + 2];

	CHECK_INT(kith_org_add(k, "  Ellevate Network ", NULL, 30, &ell), KITH_OK);
	CHECK_INT(kith_org_get(k, ell, &o), KITH_OK);
	CHECK_STR(o.name, "Ellevate Network");
	CHECK_STR(o.kind, "professional");
	CHECK_INT(o.every_days, 30);
	CHECK_INT(o.created, D(2026, 11, 26));
	CHECK_INT(o.last_event, KITH_NO_DAY);
	/* before the first event, the cadence counts from the day it was added */
	CHECK_INT(o.next_due, D(2026, 12, 26));
	CHECK_INT(o.n_members, 0);
	kith_org_release(&o);

	/* names are unique whatever the case and accents */
	CHECK_INT(kith_org_add(k, "ELLEVATE NETWORK", NULL, 0, &id), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "already exists (#1)") != NULL);
	CHECK_INT(kith_org_add(k, "Écoles Réunies", "alumni", 0, &id), KITH_OK);
	CHECK_INT(kith_org_add(k, "ecoles  reunies", "alumni", 0, NULL), KITH_EINPUT);
	CHECK_INT(kith_org_add(k, "AI Club", "Meetup", 14, &ai), KITH_OK);
	CHECK_INT(kith_org_add(k, "Aikido Friends", "online", 0, &aik), KITH_OK);
	CHECK_INT(kith_org_add(k, "MIT", "alumni", 0, &mit), KITH_OK);
	CHECK_INT(kith_org_get(k, ai, &o), KITH_OK);
	CHECK_STR(o.kind, "meetup");
	kith_org_release(&o);

	/* bad input writes nothing */
	CHECK_INT(kith_org_add(k, "Guild", "guild", 0, NULL), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "unknown kind 'guild'") != NULL);
	CHECK_INT(kith_org_add(k, "   ", NULL, 0, NULL), KITH_EINPUT);
	CHECK_INT(kith_org_add(k, "Two\nlines", NULL, 0, NULL), KITH_EINPUT);
	CHECK_INT(kith_org_add(k, "Guild", NULL, 36501, NULL), KITH_EINPUT);
	CHECK_INT(kith_org_add(k, "Guild", NULL, -3, NULL), KITH_EINPUT);
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	CHECK_INT(kith_org_add(k, long_name, NULL, 0, NULL), KITH_EINPUT);
	CHECK_INT(count(k, "SELECT count(*) FROM org"), 5);

	/* resolving: ids, prefixes, words, accents, exact names first */
	CHECK_INT(kith_org_resolve(k, "1", &id), KITH_OK);
	CHECK_INT(id, ell);
	CHECK_INT(kith_org_resolve(k, "#4", &id), KITH_OK);
	CHECK_INT(id, aik);
	CHECK_INT(kith_org_resolve(k, "99", &id), KITH_ENOTFOUND);
	CHECK_INT(kith_org_resolve(k, "elle", &id), KITH_OK);
	CHECK_INT(id, ell);
	CHECK_INT(kith_org_resolve(k, "network", &id), KITH_OK);
	CHECK_INT(id, ell);
	CHECK_INT(kith_org_resolve(k, "ÉCOLES", &id), KITH_OK);
	CHECK_INT(id, 2);
	CHECK_INT(kith_org_resolve(k, "reunies", &id), KITH_OK);
	CHECK_INT(id, 2);
	/* "ai" is a whole word of AI Club, only a prefix of Aikido */
	CHECK_INT(kith_org_resolve(k, "ai", &id), KITH_OK);
	CHECK_INT(id, ai);
	CHECK_INT(kith_org_resolve(k, "mit", &id), KITH_OK);
	CHECK_INT(id, mit);
	CHECK_INT(kith_org_resolve(k, "a", &id), KITH_EAMBIG);
	CHECK(strstr(kith_errmsg(k), "'AI Club' #3") != NULL);
	CHECK(strstr(kith_errmsg(k), "'Aikido Friends' #4") != NULL);
	CHECK_INT(kith_org_resolve(k, "zzz", &id), KITH_ENOTFOUND);
	CHECK(strstr(kith_errmsg(k), "no organization matches 'zzz'") != NULL);
	CHECK_INT(kith_org_resolve(k, "  ", &id), KITH_EINPUT);

	/* edit: a new case of its own name is fine, another's name is not */
	CHECK_INT(kith_org_edit(k, ell, "ellevate network", NULL, -1), KITH_OK);
	CHECK_INT(kith_org_edit(k, ell, "AI club", NULL, -1), KITH_EINPUT);
	CHECK_INT(kith_org_edit(k, ell, NULL, "employer", -1), KITH_OK);
	CHECK_INT(kith_org_edit(k, ell, NULL, "nope", -1), KITH_EINPUT);
	CHECK_INT(kith_org_edit(k, ell, NULL, NULL, 0), KITH_OK);
	CHECK_INT(kith_org_edit(k, 99, NULL, NULL, 0), KITH_ENOTFOUND);
	CHECK_INT(kith_org_get(k, ell, &o), KITH_OK);
	CHECK_STR(o.name, "ellevate network");
	CHECK_STR(o.kind, "employer");
	CHECK_INT(o.every_days, 0);
	CHECK_INT(o.next_due, KITH_NO_DAY);
	kith_org_release(&o);
	CHECK_INT(kith_org_edit(k, ell, "Ellevate", NULL, 45), KITH_OK);
	CHECK_INT(kith_org_get(k, ell, &o), KITH_OK);
	CHECK_STR(o.name, "Ellevate");
	CHECK_INT(o.every_days, 45);
	kith_org_release(&o);
	CHECK_INT(kith_org_get(k, 99, &o), KITH_ENOTFOUND);
	testdb_close(k);
}

struct names {
	char buf[512];
	size_t n;
};

static int each_org(void *ctx, const struct kith_org *o)
{
	struct names *s = ctx;
	size_t len = strlen(s->buf);
	snprintf(s->buf + len, sizeof(s->buf) - len, "%s%s", s->n++ ? "," : "", o->name);
	return 0;
}

static int each_member(void *ctx, int64_t id, const char *name, kith_day since)
{
	struct names *s = ctx;
	size_t len = strlen(s->buf);
	(void)id;
	(void)since;
	snprintf(s->buf + len, sizeof(s->buf) - len, "%s%s", s->n++ ? "," : "", name);
	return 0;
}

static int each_event(void *ctx, const struct kith_interaction *it)
{
	struct names *s = ctx;
	size_t len = strlen(s->buf);
	snprintf(s->buf + len, sizeof(s->buf) - len, "%s#%lld:%zu", s->n++ ? "," : "", (long long)it->id, it->n_people);
	return 0;
}

static void test_members_and_events(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t ada = testdb_add(k, "Ada Lovelace", KITH_CIRCLE_INNER, NULL);
	int64_t grace = testdb_add(k, "Grace Hopper", -1, NULL);
	int64_t zoe = testdb_add(k, "Zoë Ångström", -1, NULL);
	int64_t org = 0, other = 0, e1 = 0, e2 = 0, e3 = 0;
	int64_t both[2] = { ada, zoe }, bad[2] = { grace, 999 };
	size_t added = 99;
	struct kith_org o;
	struct kith_person p;
	struct names s;

	CHECK_INT(kith_org_add(k, "Women in AI", "meetup", 14, &org), KITH_OK);
	CHECK_INT(kith_org_add(k, "Ellevate", NULL, 0, &other), KITH_OK);
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_org_each(k, each_org, &s), KITH_OK);
	CHECK_STR(s.buf, "Ellevate,Women in AI");

	CHECK_INT(kith_org_join(k, org, both, 2, &added), KITH_OK);
	CHECK_INT(added, 2);
	CHECK_INT(kith_org_join(k, org, both, 2, &added), KITH_OK);
	CHECK_INT(added, 0);
	/* an unknown person: nobody joins */
	CHECK_INT(kith_org_join(k, org, bad, 2, &added), KITH_ENOTFOUND);
	CHECK_INT(count(k, "SELECT count(*) FROM org_member"), 2);
	CHECK_INT(kith_org_join(k, org, both, 0, &added), KITH_EINPUT);
	CHECK_INT(kith_org_join(k, 99, both, 2, &added), KITH_ENOTFOUND);
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_org_members(k, org, each_member, &s), KITH_OK);
	CHECK_STR(s.buf, "Ada Lovelace,Zoë Ångström");
	CHECK_INT(kith_org_leave(k, org, zoe), KITH_OK);
	CHECK_INT(kith_org_leave(k, org, zoe), KITH_ENOTFOUND);
	CHECK_INT(kith_org_leave(k, org, 999), KITH_ENOTFOUND);

	/* an event with people resets their clocks and carries the organization */
	CHECK_INT(kith_org_event(k, org, both, 2, today - 10, "panel on mentoring", &e1), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE kind = 'event' AND org_id = 1"), 1);
	CHECK_INT(kith_person_get(k, zoe, &p), KITH_OK);
	CHECK_INT(p.last_touch, today - 10);
	CHECK_STR(p.last_kind, "event");
	kith_person_release(&p);
	/* an event attended alone: no people, still involvement */
	CHECK_INT(kith_org_event(k, org, NULL, 0, today - 3, NULL, &e2), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM interaction_person WHERE interaction_id = 2"), 0);
	CHECK_INT(kith_org_get(k, org, &o), KITH_OK);
	CHECK_INT(o.last_event, today - 3);
	CHECK_INT(o.next_due, today + 11);
	CHECK_INT(o.n_events, 2);
	CHECK_INT(o.n_members, 1);
	kith_org_release(&o);
	/* an older event does not move the last one back */
	CHECK_INT(kith_org_event(k, org, &grace, 1, today - 30, NULL, &e3), KITH_OK);
	CHECK_INT(kith_org_get(k, org, &o), KITH_OK);
	CHECK_INT(o.last_event, today - 3);
	kith_org_release(&o);
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_org_events(k, org, 0, each_event, &s), KITH_OK);
	CHECK_STR(s.buf, "#2:0,#1:2,#3:1");
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_org_events(k, org, 1, each_event, &s), KITH_OK);
	CHECK_STR(s.buf, "#2:0");

	/* refused: the future, unknown people or organization, a long note */
	{
		char *note = malloc(70000);
		memset(note, 'x', 69999);
		note[69999] = '\0';
		CHECK_INT(kith_org_event(k, org, both, 2, today + 1, NULL, NULL), KITH_EINPUT);
		CHECK(strstr(kith_errmsg(k), "future") != NULL);
		CHECK_INT(kith_org_event(k, org, NULL, 0, today + 1, NULL, NULL), KITH_EINPUT);
		CHECK_INT(kith_org_event(k, org, bad, 2, today, NULL, NULL), KITH_ENOTFOUND);
		CHECK_INT(kith_org_event(k, 99, both, 2, today, NULL, NULL), KITH_ENOTFOUND);
		CHECK_INT(kith_org_event(k, org, NULL, 0, today, note, NULL), KITH_EINPUT);
		free(note);
	}
	CHECK_INT(count(k, "SELECT count(*) FROM interaction"), 3);
	CHECK_INT(kith_person_get(k, grace, &p), KITH_OK);
	CHECK_INT(p.last_touch, today - 30);
	kith_person_release(&p);

	/* removing the organization: the lone event goes, the others stay without it */
	{
		int64_t gone = -1;
		CHECK_INT(kith_org_rm(k, org, &gone), KITH_OK);
		CHECK_INT(gone, 1);
		CHECK_INT(count(k, "SELECT count(*) FROM interaction"), 2);
		CHECK_INT(count(k, "SELECT count(*) FROM interaction WHERE org_id IS NOT NULL"), 0);
		CHECK_INT(count(k, "SELECT count(*) FROM org_member"), 0);
		CHECK_INT(kith_org_rm(k, org, &gone), KITH_ENOTFOUND);
		CHECK_INT(kith_org_get(k, other, &o), KITH_OK);
		kith_org_release(&o);
		CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
		CHECK_INT(p.last_touch, today - 10);
		kith_person_release(&p);
	}
	testdb_close(k);
}

static void test_roles(void)
{
	struct kith *k = testdb_open(D(2026, 11, 26));
	int64_t ada = testdb_add(k, "Ada", -1, NULL);
	char *role = NULL;

	CHECK_INT(kith_person_role(k, ada, &role), KITH_OK);
	CHECK(role == NULL);
	CHECK_INT(kith_person_set_role(k, ada, "Mentor"), KITH_OK);
	CHECK_INT(kith_person_role(k, ada, &role), KITH_OK);
	CHECK_STR(role, "mentor");
	free(role);
	CHECK_INT(kith_person_set_role(k, ada, "mentee"), KITH_OK);
	CHECK_INT(kith_person_set_role(k, ada, "coach"), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "unknown role 'coach'") != NULL);
	CHECK_INT(kith_person_role(k, ada, &role), KITH_OK);
	CHECK_STR(role, "mentee");
	free(role);
	CHECK_INT(kith_person_set_role(k, 99, "mentor"), KITH_ENOTFOUND);
	CHECK_INT(kith_person_role(k, 99, &role), KITH_ENOTFOUND);
	CHECK_INT(kith_person_set_role(k, ada, "none"), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM person WHERE role IS NOT NULL"), 0);
	CHECK_INT(kith_person_set_role(k, ada, "mentor"), KITH_OK);
	CHECK_INT(kith_person_set_role(k, ada, NULL), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM person WHERE role IS NOT NULL"), 0);
	testdb_close(k);
}

static int each_item(void *ctx, const struct kith_agenda_item *it)
{
	struct names *s = ctx;
	size_t len = strlen(s->buf);
	snprintf(s->buf + len, sizeof(s->buf) - len, "%s#%lld%s", s->n++ ? "," : "", (long long)it->id,
		 it->done_on == KITH_NO_DAY ? "" : "x");
	return 0;
}

static void test_agenda(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today - 10);
	int64_t ada = testdb_add(k, "Ada", -1, NULL);
	int64_t grace = testdb_add(k, "Grace", -1, NULL);
	int64_t a1 = 0, a2 = 0, a3 = 0, g1 = 0;
	struct kith_strlist texts = KITH_STRLIST_INIT;
	size_t n = 99;
	struct names s;
	char big[KITH_AGENDA_TEXT_MAX + 2];

	CHECK_INT(kith_agenda_add(k, ada, "  the conference talk ", &a1), KITH_OK);
	kith_close(k);
	/* ten days later: two more for Ada, one for Grace */
	{
		char err[256];
		CHECK_INT(kith_open(testdb_path, today, &k, err, sizeof(err)), KITH_OK);
	}
	CHECK_INT(kith_agenda_add(k, ada, "her new team", &a2), KITH_OK);
	CHECK_INT(kith_agenda_add(k, ada, "the book", &a3), KITH_OK);
	CHECK_INT(kith_agenda_add(k, grace, "COBOL history", &g1), KITH_OK);
	CHECK_INT(kith_agenda_add(k, grace, " \t ", NULL), KITH_EINPUT);
	CHECK_INT(kith_agenda_add(k, grace, "two\nlines", NULL), KITH_EINPUT);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_INT(kith_agenda_add(k, grace, big, NULL), KITH_EINPUT);
	CHECK_INT(kith_agenda_add(k, 99, "x", NULL), KITH_ENOTFOUND);

	CHECK_INT(kith_agenda_open(k, ada, &texts, &n), KITH_OK);
	CHECK_INT(n, 3);
	CHECK_INT(texts.n, 3);
	if (texts.n == 3) {
		CHECK_STR(texts.v[0], "the conference talk");
		CHECK_STR(texts.v[2], "the book");
	}
	kith_strlist_release(&texts);
	CHECK_INT(kith_agenda_open(k, ada, NULL, &n), KITH_OK);
	CHECK_INT(n, 3);

	/* an item is checked off only through its own person */
	CHECK_INT(kith_agenda_done(k, grace, a2, today), KITH_ENOTFOUND);
	CHECK_INT(kith_agenda_done(k, ada, a2, today + 1), KITH_EINPUT);
	CHECK_INT(kith_agenda_done(k, ada, a2, today), KITH_OK);
	CHECK_INT(kith_agenda_done(k, ada, a2, today), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "already checked off") != NULL);
	CHECK_INT(kith_agenda_open(k, ada, NULL, &n), KITH_OK);
	CHECK_INT(n, 2);
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_agenda_each(k, ada, 0, each_item, &s), KITH_OK);
	CHECK_STR(s.buf, "#1,#3");
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_agenda_each(k, ada, 1, each_item, &s), KITH_OK);
	CHECK_STR(s.buf, "#1,#3,#2x");

	/* a chat five days ago covered what was on the agenda then, not since */
	CHECK_INT(kith_agenda_close_all(k, ada, today + 1), KITH_EINPUT);
	CHECK_INT(kith_agenda_close_all(k, ada, today - 5), KITH_OK);
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_agenda_each(k, ada, 1, each_item, &s), KITH_OK);
	CHECK_STR(s.buf, "#3,#2x,#1x");
	CHECK_INT(kith_agenda_close_all(k, ada, today), KITH_OK);
	CHECK_INT(kith_agenda_open(k, ada, NULL, &n), KITH_OK);
	CHECK_INT(n, 0);
	/* nothing open: not an error; Grace's item is untouched */
	CHECK_INT(kith_agenda_close_all(k, ada, today), KITH_OK);
	CHECK_INT(kith_agenda_open(k, grace, NULL, &n), KITH_OK);
	CHECK_INT(n, 1);

	CHECK_INT(kith_agenda_rm(k, ada, g1), KITH_ENOTFOUND);
	CHECK_INT(kith_agenda_rm(k, grace, g1), KITH_OK);
	CHECK_INT(kith_agenda_rm(k, grace, g1), KITH_ENOTFOUND);
	CHECK_INT(kith_agenda_rm(k, ada, a1), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM agenda"), 2);
	(void)a3;
	testdb_close(k);
}

static int each_post(void *ctx, const struct kith_post *p)
{
	struct names *s = ctx;
	size_t len = strlen(s->buf);
	snprintf(s->buf + len, sizeof(s->buf) - len, "%s#%lld", s->n++ ? "," : "", (long long)p->id);
	return 0;
}

static void test_posts(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	struct kith_post p, got;
	int64_t id1 = 0, id2 = 0, id3 = 0;
	int every = -1;
	kith_day last = 0;
	struct names s;

	CHECK_INT(kith_brand_cadence(k, &every, &last), KITH_OK);
	CHECK_INT(every, 14);
	CHECK_INT(last, KITH_NO_DAY);

	memset(&p, 0, sizeof(p));
	p.title = " Teaching AI ";
	p.url = "https://example.com/a";
	p.channel = "LinkedIn";
	p.date = today - 20;
	kith_strlist_push(&p.tags, "AI");
	kith_strlist_push(&p.tags, "ai");
	kith_strlist_push(&p.tags, "Machine Learning");
	CHECK_INT(kith_post_add(k, &p, &id1), KITH_OK);
	kith_strlist_release(&p.tags);
	CHECK_INT(kith_post_get(k, id1, &got), KITH_OK);
	CHECK_STR(got.title, "Teaching AI");
	CHECK_STR(got.url, "https://example.com/a");
	CHECK_STR(got.channel, "LinkedIn");
	CHECK_INT(got.date, today - 20);
	CHECK_INT(got.tags.n, 2);
	if (got.tags.n == 2) {
		CHECK_STR(got.tags.v[0], "ai");
		CHECK_STR(got.tags.v[1], "machine-learning");
	}
	kith_post_release(&got);

	memset(&p, 0, sizeof(p));
	p.title = "Older";
	p.date = today - 40;
	CHECK_INT(kith_post_add(k, &p, &id2), KITH_OK);
	CHECK_INT(kith_post_get(k, id2, &got), KITH_OK);
	CHECK(got.url == NULL && got.channel == NULL && got.tags.n == 0);
	kith_post_release(&got);
	p.title = "Newest";
	p.date = today - 2;
	CHECK_INT(kith_post_add(k, &p, &id3), KITH_OK);

	/* refused, and nothing written */
	p.date = today + 1;
	CHECK_INT(kith_post_add(k, &p, NULL), KITH_EINPUT);
	p.date = today;
	p.title = "  ";
	CHECK_INT(kith_post_add(k, &p, NULL), KITH_EINPUT);
	p.title = "a\nb";
	CHECK_INT(kith_post_add(k, &p, NULL), KITH_EINPUT);
	p.title = "ok";
	p.url = "https://example.com/a b";
	CHECK_INT(kith_post_add(k, &p, NULL), KITH_EINPUT);
	p.url = NULL;
	kith_strlist_push(&p.tags, "   ");
	CHECK_INT(kith_post_add(k, &p, NULL), KITH_EINPUT);
	kith_strlist_release(&p.tags);
	CHECK_INT(count(k, "SELECT count(*) FROM post"), 3);
	CHECK_INT(count(k, "SELECT count(*) FROM post_tag"), 2);

	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_post_each(k, KITH_NO_DAY, each_post, &s), KITH_OK);
	CHECK_STR(s.buf, "#3,#1,#2");
	memset(&s, 0, sizeof(s));
	CHECK_INT(kith_post_each(k, today - 20, each_post, &s), KITH_OK);
	CHECK_STR(s.buf, "#3,#1");

	CHECK_INT(kith_brand_cadence(k, &every, &last), KITH_OK);
	CHECK_INT(last, today - 2);
	CHECK_INT(kith_setting_store(k, "brand.every", "none"), KITH_OK);
	CHECK_INT(kith_brand_cadence(k, &every, NULL), KITH_OK);
	CHECK_INT(every, 0);
	CHECK_INT(kith_setting_store(k, "brand.every", "1m"), KITH_OK);
	CHECK_INT(kith_brand_cadence(k, &every, NULL), KITH_OK);
	CHECK_INT(every, 30);

	CHECK_INT(kith_post_rm(k, id3), KITH_OK);
	CHECK_INT(kith_post_rm(k, id3), KITH_ENOTFOUND);
	CHECK_INT(kith_post_rm(k, id1), KITH_OK);
	CHECK_INT(count(k, "SELECT count(*) FROM post_tag"), 0);
	CHECK_INT(kith_post_get(k, id1, &got), KITH_ENOTFOUND);
	testdb_close(k);
}

static void test_plan(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today - 100);
	struct kith_plan p;
	const struct kith_action *a;
	struct kith_post post;
	int64_t ell = 0, quiet = 0, fresh = 0, ada;
	char err[256];

	ada = testdb_add(k, "Ada", KITH_CIRCLE_NONE, NULL);
	CHECK_INT(kith_org_add(k, "Ellevate", NULL, 30, &ell), KITH_OK);
	CHECK_INT(kith_org_add(k, "Quiet Club", "meetup", 0, &quiet), KITH_OK);
	CHECK_INT(kith_org_join(k, ell, &ada, 1, NULL), KITH_OK);
	kith_close(k);
	CHECK_INT(kith_open(testdb_path, today, &k, err, sizeof(err)), KITH_OK);
	CHECK_INT(kith_org_add(k, "Fresh Meetup", "meetup", 7, &fresh), KITH_OK);
	CHECK_INT(kith_org_event(k, ell, NULL, 0, today - 45, NULL, NULL), KITH_OK);

	/* no post ever: no brand action; Ellevate is 15 days late */
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	CHECK(find_kind(&p, "brand") == NULL);
	a = find_kind(&p, "community");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason, "no Ellevate event for 45 days; you aim for every month");
		CHECK_STR(a->subject, "Ellevate");
		CHECK_STR(a->key, "community:o1:2026-11-11");
		CHECK_STR(a->detail, "members: Ada");
		CHECK_INT(a->n_people, 0);
		CHECK(a->priority > 57.4 && a->priority < 57.6);
	}
	kith_plan_release(&p);

	/* never an event: counted from the day it was added, capped at 70 */
	CHECK_INT(kith_org_edit(k, quiet, NULL, NULL, 14), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	{
		int seen_quiet = 0;
		for (size_t i = 0; i < p.n; i++)
			if (!strcmp(p.v[i].kind, "community") && p.v[i].subject && !strcmp(p.v[i].subject, "Quiet Club")) {
				seen_quiet = 1;
				CHECK_STR(p.v[i].reason, "no Quiet Club event yet, added 100 days ago; you aim for every 2 weeks");
				CHECK(p.v[i].priority == 70.0);
				CHECK(p.v[i].detail == NULL);
			}
		CHECK(seen_quiet);
	}
	kith_plan_release(&p);

	/* skipped today: gone today, back tomorrow */
	CHECK_INT(kith_plan_mark(k, "community:o1:2026-11-11", "skipped"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	for (size_t i = 0; i < p.n; i++)
		CHECK(strcmp(p.v[i].key, "community:o1:2026-11-11") != 0);
	kith_plan_release(&p);

	/* an event brings the next due date forward: nothing until then */
	CHECK_INT(kith_org_event(k, ell, &ada, 1, today, NULL, NULL), KITH_OK);
	CHECK_INT(kith_org_edit(k, quiet, NULL, NULL, 0), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	CHECK(find_kind(&p, "community") == NULL);
	kith_plan_release(&p);

	/* the brand: a post 20 days ago, every 2 weeks by default */
	memset(&post, 0, sizeof(post));
	post.title = "Teaching AI to my grandmother and her friends at the library";
	post.channel = "LinkedIn";
	post.date = today - 20;
	CHECK_INT(kith_post_add(k, &post, NULL), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	a = find_kind(&p, "brand");
	CHECK(a != NULL);
	if (a) {
		CHECK_STR(a->reason,
			  "last post 20 days ago (“Teaching AI to my grandmother and her…” on LinkedIn); you aim for every 2 weeks");
		CHECK_STR(a->key, "brand:2026-11-20");
		CHECK_STR(a->subject, "your brand");
		CHECK_INT(a->n_people, 0);
		CHECK(a->priority == 44.0);
	}
	kith_plan_release(&p);

	/* brand.every none: no action; a longer cadence not yet passed: none */
	CHECK_INT(kith_setting_store(k, "brand.every", "none"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	CHECK(find_kind(&p, "brand") == NULL);
	kith_plan_release(&p);
	CHECK_INT(kith_setting_store(k, "brand.every", "3w"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	CHECK(find_kind(&p, "brand") == NULL);
	kith_plan_release(&p);
	CHECK_INT(kith_setting_store(k, "brand.every", "20d"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	a = find_kind(&p, "brand");
	CHECK(a != NULL && !strcmp(a->key, "brand:2026-11-26"));
	kith_plan_release(&p);
	/* done for good */
	CHECK_INT(kith_plan_mark(k, "brand:2026-11-26", "done"), KITH_OK);
	CHECK_INT(kith_plan_today(k, 5, &p), KITH_OK);
	CHECK(find_kind(&p, "brand") == NULL);
	kith_plan_release(&p);
	(void)fresh;
	testdb_close(k);
}

/* Many communities due at once: at most the plan's size of them, the latest first. */
static void test_plan_many(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today - 60);
	struct kith_plan p;
	char err[256], name[32];
	size_t n_comm = 0;

	int64_t people[5];

	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "Group %02d", i);
		CHECK_MSG(kith_org_add(k, name, "meetup", 10 + i, NULL) == KITH_OK, "add a group");
	}
	for (int i = 0; i < 5; i++) {
		snprintf(name, sizeof(name), "Member %d", i);
		people[i] = testdb_add(k, name, KITH_CIRCLE_NONE, NULL);
	}
	CHECK_INT(kith_org_join(k, 1, people, 5, NULL), KITH_OK);
	kith_close(k);
	CHECK_INT(kith_open(testdb_path, today, &k, err, sizeof(err)), KITH_OK);
	CHECK_INT(kith_plan_today(k, 3, &p), KITH_OK);
	CHECK_INT(p.n, 3);
	for (size_t i = 0; i < p.n; i++)
		n_comm += !strcmp(p.v[i].kind, "community");
	CHECK_INT(n_comm, 3);
	if (p.n == 3) {
		/* 50 days late and more are all at the cap: ties break by id */
		CHECK_STR(p.v[0].subject, "Group 00");
		/* a few members and how many more */
		CHECK_STR(p.v[0].detail, "members: Member 0, Member 1, Member 2 and 2 more");
		CHECK(p.v[0].priority >= p.v[2].priority);
	}
	kith_plan_release(&p);
	testdb_close(k);
}

int main(void)
{
	test_org_add_and_resolve();
	test_members_and_events();
	test_roles();
	test_agenda();
	test_posts();
	test_plan();
	test_plan_many();
	return tap_done();
}
