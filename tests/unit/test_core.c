/* People, name resolution, interactions and cadences, through the library. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/settings.h"
#include "kith/strbuf.h"
#include "tap.h"
#include "testdb.h"

static kith_day D(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

static void test_cadence_parse(void)
{
	struct kith_cadence c;
	char err[128];
	CHECK_INT(kith_cadence_parse("2w", &c, err, sizeof(err)), 0);
	CHECK_INT(c.ideal, 14);
	CHECK_INT(c.max, 21);
	CHECK_INT(kith_cadence_parse("1m..6w", &c, err, sizeof(err)), 0);
	CHECK_INT(c.ideal, 30);
	CHECK_INT(c.max, 42);
	CHECK_INT(kith_cadence_parse("none", &c, err, sizeof(err)), 0);
	CHECK_INT(c.ideal, 0);
	CHECK_INT(kith_cadence_parse("3w..2w", &c, err, sizeof(err)), -1);
	CHECK(strstr(err, "shorter") != NULL);
	CHECK_INT(kith_cadence_parse("soon", &c, err, sizeof(err)), -1);
	CHECK_INT(kith_cadence_parse("2w..", &c, err, sizeof(err)), -1);
	CHECK_INT(kith_circle_parse("Close"), KITH_CIRCLE_CLOSE);
	CHECK_INT(kith_circle_parse("closest"), -1);
	CHECK_STR(kith_circle_name(KITH_CIRCLE_WIDE), "wide");
	CHECK_INT(kith_status_of(10, KITH_NO_DAY, KITH_NO_DAY), KITH_STATUS_NONE);
	CHECK_INT(kith_status_of(10, 11, 15), KITH_STATUS_OK);
	CHECK_INT(kith_status_of(11, 11, 15), KITH_STATUS_DUE);
	CHECK_INT(kith_status_of(15, 11, 15), KITH_STATUS_OVERDUE);
	{
		int y, m, d;
		CHECK_INT(kith_birthday_split("1990-12-10", &y, &m, &d), 0);
		CHECK(y == 1990 && m == 12 && d == 10);
		CHECK_INT(kith_birthday_split("--02-29", &y, &m, &d), 0);
		CHECK(y == 0 && m == 2 && d == 29);
		CHECK_INT(kith_birthday_split("1990-02-30", &y, &m, &d), -1);
		CHECK_INT(kith_birthday_split(NULL, &y, &m, &d), -1);
	}
}

static void test_resolve(void)
{
	struct kith *k = testdb_open(D(2026, 11, 26));
	int64_t ada = testdb_add(k, "Ada Lovelace", -1, NULL);
	int64_t adal = testdb_add(k, "Ada L.", -1, NULL);
	int64_t zoe = testdb_add(k, "Zoë Ångström", -1, NULL);
	int64_t jl = testdb_add(k, "Jean-Luc Picard", -1, NULL);
	int64_t bob = testdb_add(k, "Bob", -1, NULL);
	int64_t bobby = testdb_add(k, "Bobby Tables", -1, NULL);
	int64_t id = 0;
	char buf[32];

	CHECK_INT(kith_resolve(k, "lovelace", 0, &id), KITH_OK);
	CHECK_INT(id, ada);
	CHECK_INT(kith_resolve(k, "ADA LOVE", 0, &id), KITH_OK);
	CHECK_INT(id, ada);
	CHECK_INT(kith_resolve(k, "ada", 0, &id), KITH_EAMBIG);
	CHECK(strstr(kith_errmsg(k), "'Ada Lovelace' #1") != NULL);
	CHECK(strstr(kith_errmsg(k), "'Ada L.' #2") != NULL);
	CHECK_INT(kith_resolve(k, "ada", adal, &id), KITH_OK);
	CHECK_INT(id, ada);
	CHECK_INT(kith_resolve(k, "Ada L.", 0, &id), KITH_OK);
	CHECK_INT(id, adal);
	CHECK_INT(kith_resolve(k, "zoe", 0, &id), KITH_OK);
	CHECK_INT(id, zoe);
	CHECK_INT(kith_resolve(k, "angstrom", 0, &id), KITH_OK);
	CHECK_INT(id, zoe);
	CHECK_INT(kith_resolve(k, "luc", 0, &id), KITH_OK);
	CHECK_INT(id, jl);
	/* an exact full name wins over longer names */
	CHECK_INT(kith_resolve(k, "bob", 0, &id), KITH_OK);
	CHECK_INT(id, bob);
	CHECK_INT(kith_resolve(k, "bobb", 0, &id), KITH_OK);
	CHECK_INT(id, bobby);
	snprintf(buf, sizeof(buf), "#%lld", (long long)jl);
	CHECK_INT(kith_resolve(k, buf, 0, &id), KITH_OK);
	CHECK_INT(id, jl);
	CHECK_INT(kith_resolve(k, "999", 0, &id), KITH_ENOTFOUND);
	CHECK_INT(kith_resolve(k, "nobody", 0, &id), KITH_ENOTFOUND);
	CHECK(strstr(kith_errmsg(k), "no person matches 'nobody'") != NULL);
	CHECK_INT(kith_resolve(k, "", 0, &id), KITH_EINPUT);
	{
		int64_t *ids = NULL;
		size_t n = 0;
		CHECK_INT(kith_resolve_list(k, "lovelace, zoe,lovelace", &ids, &n), KITH_OK);
		CHECK_INT(n, 2);
		CHECK_INT(ids[0], ada);
		CHECK_INT(ids[1], zoe);
		free(ids);
		CHECK_INT(kith_resolve_list(k, "lovelace,nobody", &ids, &n), KITH_ENOTFOUND);
	}
	testdb_close(k);
}

static void test_person_edit(void)
{
	struct kith *k = testdb_open(D(2026, 11, 26));
	struct kith_person_change ch;
	struct kith_person p;
	int64_t id = 0, other;

	kith_person_change_init(&ch);
	ch.name = "  Ada Lovelace ";
	ch.org = "Analytical Engines";
	ch.birthday = "--12-10";
	ch.circle = KITH_CIRCLE_CLOSE;
	kith_strlist_push(&ch.add_emails, "Ada@Example.org");
	kith_strlist_push(&ch.add_tags, "Machine Learning");
	kith_strlist_push(&ch.add_dates, "work anniversary=2019-03-01");
	CHECK_INT(kith_person_add(k, &ch, &id), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	CHECK_STR(p.name, "Ada Lovelace");
	CHECK_STR(p.birthday, "--12-10");
	CHECK_INT(p.tags.n, 1);
	CHECK_STR(p.tags.v[0], "machine-learning");
	CHECK_INT(p.emails.n, 1);
	CHECK_INT(p.n_dates, 1);
	CHECK_INT(p.cadence.ideal, 30);
	CHECK_INT(p.circle, KITH_CIRCLE_CLOSE);
	/* never in touch: first due 1..30 days after being added */
	CHECK(p.due_on > D(2026, 11, 26) && p.due_on <= D(2026, 12, 26));
	kith_person_release(&p);

	/* email lookup is case-insensitive */
	{
		int64_t found = 0;
		CHECK_INT(kith_resolve(k, "ada@EXAMPLE.org", 0, &found), KITH_OK);
		CHECK_INT(found, id);
	}

	/* a failing edit changes nothing, even the parts that were fine */
	other = testdb_add(k, "Grace Hopper", -1, NULL);
	kith_person_change_init(&ch);
	kith_strlist_push(&ch.add_tags, "navy");
	kith_strlist_push(&ch.add_emails, "ada@example.org");
	CHECK_INT(kith_person_edit(k, other, &ch), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "already belongs to 'Ada Lovelace'") != NULL);
	kith_person_change_release(&ch);
	CHECK_INT(kith_person_get(k, other, &p), KITH_OK);
	CHECK_INT(p.tags.n, 0);
	kith_person_release(&p);

	kith_person_change_init(&ch);
	ch.birthday = "1990-02-30";
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_EINPUT);
	ch.birthday = "--02-29";
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_OK);
	kith_strlist_push(&ch.rm_tags, "nope");
	ch.birthday = NULL;
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_EINPUT);
	kith_person_change_release(&ch);

	/* own cadence beats tag beats circle */
	kith_person_change_init(&ch);
	kith_strlist_push(&ch.add_tags, "mentor");
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_OK);
	kith_person_change_release(&ch);
	{
		struct kith_cadence week = { 7, 10 };
		CHECK_INT(kith_tag_cadence_set(k, "mentor", &week), KITH_OK);
	}
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	CHECK_INT(p.cadence.ideal, 7);
	kith_person_release(&p);
	kith_person_change_init(&ch);
	ch.set_cadence = 1;
	ch.cadence.ideal = 42;
	ch.cadence.max = 63;
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_OK);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	CHECK_INT(p.cadence.ideal, 42);
	kith_person_release(&p);
	ch.set_cadence = 2;
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_tag_cadence_set(k, "mentor", NULL), KITH_OK);
	CHECK_INT(kith_tag_cadence_set(k, "mentor", NULL), KITH_ENOTFOUND);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	CHECK_INT(p.cadence.ideal, 30);
	kith_person_release(&p);
	testdb_close(k);
}

static void test_log_and_clock(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *k = testdb_open(today);
	int64_t ada = testdb_add(k, "Ada", KITH_CIRCLE_CLOSE, NULL);
	int64_t grace = testdb_add(k, "Grace", KITH_CIRCLE_INNER, NULL);
	int64_t both[2] = { ada, grace };
	int64_t iid = 0;
	struct kith_person p;

	CHECK_INT(kith_log(k, &ada, 1, "coffee", today - 94, "school project", &iid), KITH_OK);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.last_touch, today - 94);
	CHECK_STR(p.last_kind, "coffee");
	CHECK_INT(p.due_on, today - 94 + 30);
	CHECK_INT(p.overdue_on, today - 94 + 42);
	CHECK_INT(kith_person_status(k, &p), KITH_STATUS_OVERDUE);
	kith_person_release(&p);

	/* any kind resets everyone's clock */
	CHECK_INT(kith_log(k, both, 2, "social", today - 1, NULL, NULL), KITH_OK);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.last_touch, today - 1);
	CHECK_INT(kith_person_status(k, &p), KITH_STATUS_OK);
	kith_person_release(&p);
	CHECK_INT(kith_person_get(k, grace, &p), KITH_OK);
	CHECK_INT(p.due_on, today - 1 + 14);
	kith_person_release(&p);

	/* a back-dated log does not move the clock back */
	CHECK_INT(kith_log(k, &ada, 1, "email", today - 200, NULL, NULL), KITH_OK);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.last_touch, today - 1);
	CHECK_INT(p.n_interactions, 3);
	kith_person_release(&p);

	CHECK_INT(kith_log(k, &ada, 1, "tea", today, NULL, NULL), KITH_EINPUT);
	CHECK_INT(kith_log(k, &ada, 1, "call", today + 1, NULL, NULL), KITH_EINPUT);
	{
		int64_t nobody = 9999;
		CHECK_INT(kith_log(k, &nobody, 1, "call", today, NULL, NULL), KITH_ENOTFOUND);
	}

	/* snooze: next_due = max(last + cadence, snoozed_until) */
	CHECK_INT(kith_person_snooze(k, ada, today + 60), KITH_OK);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.due_on, today + 60);
	kith_person_release(&p);
	CHECK_INT(kith_person_snooze(k, ada, today + 2), KITH_OK);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_INT(p.due_on, today - 1 + 30);
	kith_person_release(&p);

	/* unlog recomputes the clock */
	{
		int64_t last = 0;
		CHECK_INT(kith_log(k, &grace, 1, "call", today, NULL, &last), KITH_OK);
		CHECK_INT(kith_interaction_rm(k, last), KITH_OK);
		CHECK_INT(kith_person_get(k, grace, &p), KITH_OK);
		CHECK_INT(p.last_touch, today - 1);
		kith_person_release(&p);
		CHECK_INT(kith_interaction_rm(k, last), KITH_ENOTFOUND);
	}

	/* merge moves history; rm keeps shared interactions for the others */
	{
		int64_t moved = 0, removed = 0;
		int64_t dup = testdb_add(k, "Ada L.", KITH_CIRCLE_WIDE, "ai");
		CHECK_INT(kith_log(k, &dup, 1, "call", today, "merge me", NULL), KITH_OK);
		CHECK_INT(kith_person_merge(k, dup, ada, &moved), KITH_OK);
		CHECK_INT(moved, 1);
		CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
		CHECK_INT(p.n_interactions, 4);
		CHECK_INT(p.last_touch, today);
		CHECK_INT(p.circle, KITH_CIRCLE_CLOSE);
		CHECK_INT(p.tags.n, 1);
		kith_person_release(&p);
		CHECK_INT(kith_person_get(k, dup, &p), KITH_ENOTFOUND);
		CHECK_INT(kith_person_merge(k, ada, ada, NULL), KITH_EINPUT);
		CHECK_INT(kith_person_rm(k, ada, &removed), KITH_OK);
		CHECK_INT(removed, 3); /* coffee, email, call; the social with Grace stays */
		CHECK_INT(kith_person_get(k, grace, &p), KITH_OK);
		CHECK_INT(p.n_interactions, 1);
		kith_person_release(&p);
	}
	testdb_close(k);
}

static void test_settings(void)
{
	struct kith *k = testdb_open(D(2026, 11, 26));
	char *v = NULL;
	struct kith_cadence c;
	CHECK_INT(kith_setting_value(k, "plan.size", &v), KITH_OK);
	CHECK_STR(v, "5");
	free(v);
	CHECK_INT(kith_setting_set(k, "plan.size", "0"), KITH_EINPUT);
	CHECK_INT(kith_setting_set(k, "plan.size", "8"), KITH_OK);
	CHECK_INT(kith_setting_int(k, "plan.size", 5, 1, 100), 8);
	CHECK_INT(kith_setting_set(k, "nope", "1"), KITH_EINPUT);
	CHECK_INT(kith_setting_set(k, "default.circle", "purple"), KITH_EINPUT);
	CHECK_INT(kith_setting_set(k, "cadence.close", "3w"), KITH_OK);
	CHECK_INT(kith_circle_cadence(k, KITH_CIRCLE_CLOSE, &c), KITH_OK);
	CHECK_INT(c.ideal, 21);
	CHECK_INT(kith_setting_set(k, "cadence.close", NULL), KITH_OK);
	CHECK_INT(kith_circle_cadence(k, KITH_CIRCLE_CLOSE, &c), KITH_OK);
	CHECK_INT(c.ideal, 30);
	testdb_close(k);
}

/* Rows of a query, one "a|b|c" line each, for comparing two databases. */
static char *rows(struct kith *k, const char *sql)
{
	sqlite3_stmt *st;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);
	if (!fp || sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++)
			fprintf(fp, "%s%s", i ? "|" : "", sqlite3_column_text(st, i) ? (const char *)sqlite3_column_text(st, i) : "NULL");
		fputc('\n', fp);
	}
	sqlite3_finalize(st);
	fclose(fp);
	return out;
}

/* The logger (for imports) ends where kith_log each time ends, and rejects the same. */
static void test_logger(void)
{
	kith_day today = D(2026, 11, 26);
	struct kith *a, *b;
	struct kith_logger *l;
	static const struct { int p0, p1; const char *kind; int ago; const char *note; } logs[] = {
		{ 1, 0, "coffee", 40, "espresso" }, { 2, 3, "call", 3, NULL }, { 1, 0, "ask", 2, "a favour" },
		{ 3, 0, "message", 400, "long ago" }, { 1, 2, "praise", 10, "" }, { 2, 0, "message", 0, "today" },
	};
	int64_t ids[2], ia = 0, ib = 0;

	CHECK_INT(kith_open(":memory:", today, &a, NULL, 0), KITH_OK);
	CHECK_INT(kith_open(":memory:", today, &b, NULL, 0), KITH_OK);
	for (int i = 0; i < 2; i++) {
		struct kith *k = i ? b : a;
		testdb_add(k, "Ada Lovelace", KITH_CIRCLE_CLOSE, "math");
		testdb_add(k, "Grace Hopper", -1, NULL);
		testdb_add(k, "Alan Turing", KITH_CIRCLE_INNER, "math");
	}
	CHECK_INT(kith_begin(b), KITH_OK);
	l = kith_logger_new(b);
	CHECK(l != NULL);
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		size_t n = logs[i].p1 ? 2 : 1;
		ids[0] = logs[i].p0;
		ids[1] = logs[i].p1;
		CHECK_INT(kith_log(a, ids, n, logs[i].kind, today - logs[i].ago, logs[i].note, &ia), KITH_OK);
		CHECK_INT(kith_logger_add(l, ids, n, logs[i].kind, today - logs[i].ago, logs[i].note, &ib), KITH_OK);
		CHECK_INT(ib, ia);
	}
	/* rejected like kith_log, and nothing written */
	ids[0] = 1;
	ids[1] = 99;
	CHECK_INT(kith_logger_add(l, ids, 2, "coffee", today, NULL, NULL), KITH_ENOTFOUND);
	CHECK(strstr(kith_errmsg(b), "no person #99") != NULL);
	CHECK_INT(kith_logger_add(l, ids, 1, "tea", today, NULL, NULL), KITH_EINPUT);
	CHECK_INT(kith_logger_add(l, ids, 1, "coffee", today + 1, NULL, NULL), KITH_EINPUT);
	CHECK_INT(kith_logger_add(l, ids, 0, "coffee", today, NULL, NULL), KITH_EINPUT);
	CHECK_INT(kith_logger_finish(l), KITH_OK);
	kith_logger_free(l);
	CHECK_INT(kith_commit(b), KITH_OK);
	{
		static const char *const q[] = {
			"SELECT id, last_touch, last_kind, cadence_days, due_on, overdue_on FROM person ORDER BY id",
			"SELECT * FROM interaction ORDER BY id",
			"SELECT * FROM interaction_person ORDER BY person_id, date, interaction_id",
		};
		for (size_t i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
			char *ra = rows(a, q[i]), *rb = rows(b, q[i]);
			CHECK_STR(rb, ra);
			CHECK(strlen(ra) > 0);
			free(ra);
			free(rb);
		}
	}
	kith_logger_free(NULL);
	kith_close(a);
	kith_close(b);
}

/* PRAGMA foreign_keys on k's connection. */
static int fk_enforced(struct kith *k)
{
	char *r = rows(k, "PRAGMA foreign_keys");
	int on = atoi(r);
	free(r);
	return on;
}

/* An import's transaction runs without foreign key enforcement, and only it. */
static void test_begin_import(void)
{
	struct kith *k;
	int64_t id = 0;

	CHECK_INT(kith_open(":memory:", D(2026, 11, 26), &k, NULL, 0), KITH_OK);
	CHECK_INT(fk_enforced(k), 1);
	CHECK_INT(kith_begin_import(k), KITH_OK);
	CHECK_INT(fk_enforced(k), 0);
	kith_rollback(k);
	CHECK_INT(fk_enforced(k), 1);
	CHECK_INT(kith_begin_import(k), KITH_OK);
	id = testdb_add(k, "Ada Lovelace", -1, NULL);
	CHECK(id > 0);
	CHECK_INT(kith_commit(k), KITH_OK);
	CHECK_INT(fk_enforced(k), 1);
	/* enforced again: a tag of no one is refused */
	CHECK(sqlite3_exec(kith_db(k), "INSERT INTO person_tag(person_id, tag) VALUES (99, 'x')", NULL, NULL, NULL) !=
	      SQLITE_OK);
	/* a failed begin leaves enforcement on */
	CHECK_INT(kith_begin(k), KITH_OK);
	CHECK(kith_begin_import(k) != KITH_OK);
	kith_rollback(k);
	CHECK_INT(fk_enforced(k), 1);
	kith_close(k);
}

/* A whole row set of one statement, as rows() prints it, checked and freed. */
#define CHECK_ROWS(k, sql, want) do { \
	char *r_ = rows((k), (sql)); \
	CHECK_STR(r_, (want)); \
	free(r_); \
} while (0)

/*
 * An import into an empty network writes through a rollback journal when
 * it has the database to itself; every other transaction, and every one
 * after, through the write-ahead log.
 */
static void test_import_journal(void)
{
	kith_day today = D(2026, 11, 26);
	char pa[256], pb[256], pj[300];
	struct kith *a = testdb_open_at(pa, sizeof(pa), today), *b = NULL;
	struct stat sb;
	off_t before;
	pid_t pid;
	int status = -1;

	CHECK_INT(kith_begin_import(a), KITH_OK);
	CHECK_ROWS(a, "PRAGMA journal_mode", "delete\n");
	CHECK_ROWS(a, "PRAGMA synchronous", "2\n");
	CHECK(testdb_add(a, "Ada Lovelace", -1, NULL) > 0);
	/* another process opening meanwhile reads the network as it was... */
	CHECK_INT(kith_open(pa, today, &b, NULL, 0), KITH_OK);
	CHECK_ROWS(b, "PRAGMA journal_mode", "delete\n");
	CHECK_ROWS(b, "SELECT count(*) FROM person", "0\n");
	/* ...and cannot write until the import ends */
	sqlite3_busy_timeout(kith_db(b), 0);
	CHECK(kith_begin(b) != KITH_OK);
	CHECK_INT(kith_commit(a), KITH_OK);
	CHECK_ROWS(a, "PRAGMA journal_mode", "wal\n");
	CHECK_ROWS(a, "PRAGMA synchronous", "1\n");
	CHECK_ROWS(b, "SELECT count(*) FROM person", "1\n");
	kith_close(b);

	/* a network with people: the log, before and after */
	CHECK_INT(kith_begin_import(a), KITH_OK);
	CHECK_ROWS(a, "PRAGMA journal_mode", "wal\n");
	kith_rollback(a);
	testdb_close_at(a, pa);

	/* an empty network another connection has open: the log */
	a = testdb_open_at(pb, sizeof(pb), today);
	CHECK_INT(kith_open(pb, today, &b, NULL, 0), KITH_OK);
	CHECK_INT(kith_begin_import(a), KITH_OK);
	CHECK_ROWS(a, "PRAGMA journal_mode", "wal\n");
	kith_rollback(a);
	kith_close(b);

	/* a failed import: the empty network again, and the log */
	CHECK_INT(kith_begin_import(a), KITH_OK);
	CHECK_ROWS(a, "PRAGMA journal_mode", "delete\n");
	CHECK(testdb_add(a, "Ada Lovelace", -1, NULL) > 0);
	kith_rollback(a);
	CHECK_ROWS(a, "SELECT count(*) FROM person", "0\n");
	CHECK_ROWS(a, "PRAGMA journal_mode", "wal\n");
	kith_close(a);

	/*
	 * A crash in the middle: a process whose cache holds two pages writes
	 * its changes into the database file as it goes, then dies. The next
	 * open puts the file back from the journal.
	 */
	CHECK(stat(pb, &sb) == 0);
	before = sb.st_size;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct kith *c;
		if (kith_open(pb, today, &c, NULL, 0) != KITH_OK || kith_begin_import(c) != KITH_OK ||
		    sqlite3_exec(kith_db(c), "PRAGMA cache_size = 2", NULL, NULL, NULL) != SQLITE_OK)
			_exit(3);
		for (int i = 0; i < 300; i++)
			if (testdb_add(c, "Someone Else", -1, "tag") <= 0)
				_exit(4);
		_exit(0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK_INT(status, 0);
	snprintf(pj, sizeof(pj), "%s-journal", pb);
	CHECK(access(pj, F_OK) == 0);
	CHECK(stat(pb, &sb) == 0 && sb.st_size > before);
	CHECK_INT(kith_open(pb, today, &a, NULL, 0), KITH_OK);
	CHECK_ROWS(a, "SELECT count(*) FROM person", "0\n");
	CHECK_ROWS(a, "PRAGMA integrity_check", "ok\n");
	CHECK_ROWS(a, "PRAGMA journal_mode", "wal\n");
	CHECK(access(pj, F_OK) != 0);
	testdb_close_at(a, pb);
}

/* A byte at a time, as the parsers add text: grows, and stops at a maximum like strbuf_add. */
static void test_strbuf_addch(void)
{
	struct strbuf sb = STRBUF_INIT;
	int failed = 0;

	for (int i = 0; i < 1000; i++)
		failed += strbuf_addch(&sb, 'a' + i % 26) != 0;
	CHECK_INT(failed, 0);
	CHECK_INT(sb.len, 1000);
	CHECK_INT(sb.buf[999], 'a' + 999 % 26);
	CHECK_INT(sb.buf[1000], 0);
	CHECK(sb.alloc > 1000);
	strbuf_release(&sb);

	strbuf_init_max(&sb, 4);
	CHECK_INT(strbuf_add(&sb, "abc", 3), 0);
	CHECK_INT(strbuf_addch(&sb, 'd'), 0);
	CHECK_INT(strbuf_addch(&sb, 'e'), -1);
	CHECK_STR(sb.buf, "abcd");
	CHECK_INT(sb.len, 4);
	strbuf_reset(&sb);
	CHECK_INT(strbuf_addch(&sb, '\0'), 0); /* a NUL is a byte like any */
	CHECK_INT(sb.len, 1);
	strbuf_release(&sb);
}

/* Birthdays in the forms people and files give them, to the stored form and key. */
static void test_birthday_parse(void)
{
	static const struct { const char *in, *out; int md; } ok[] = {
		{ "1815-12-10", "1815-12-10", 1210 }, { " 1980-02-29 ", "1980-02-29", 229 },
		{ "--0229", "--02-29", 229 },         { "--04-15", "--04-15", 415 },
		{ "12-10", "--12-10", 1210 },         { "0999-01-02", "0999-01-02", 102 },
	};
	static const char *const bad[] = { "2001-02-29", "--1301", "13-01", "1815-12-1", "", "yesterday" };
	char buf[11];
	int md;

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		memset(buf, 'x', sizeof(buf));
		CHECK_INT(kith_birthday_parse(ok[i].in, buf, &md), 0);
		CHECK_STR(buf, ok[i].out);
		CHECK_INT(md, ok[i].md);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_INT(kith_birthday_parse(bad[i], buf, &md), -1);
}

/* kith_process_init, first thing: SQLite then keeps no memory statistics. */
static void test_process_init(void)
{
	struct kith *k;

	kith_process_init();
	CHECK_INT(kith_open(":memory:", D(2026, 11, 26), &k, NULL, 0), KITH_OK);
	CHECK(testdb_add(k, "Ada Lovelace", -1, "math") > 0);
	CHECK_INT(sqlite3_memory_used(), 0);
	kith_close(k);
	kith_process_init(); /* again, SQLite in use: changes nothing */
}

int main(void)
{
	test_process_init();
	test_cadence_parse();
	test_resolve();
	test_person_edit();
	test_log_and_clock();
	test_settings();
	test_logger();
	test_begin_import();
	test_import_journal();
	test_strbuf_addch();
	test_birthday_parse();
	return tap_done();
}
