/*
 * Backups: a database with every table populated survives export, import
 * into an empty database and export again byte for byte, with its derived
 * data rebuilt; bad backups are refused with KITH_EINPUT and leave the
 * database empty; the online backup copies a consistent database.
 */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/backup.h"
#include "kith/cadence.h"
#include "kith/kith.h"
#include "kith/person.h"
#include "tap.h"
#include "testdb.h"

static kith_day today;

static struct kith *open_db(char *path, size_t len)
{
	return testdb_open_at(path, len, today);
}

static void sql(struct kith *k, const char *s)
{
	char *msg = NULL;
	if (sqlite3_exec(kith_db(k), s, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sql failed: %s\n%s\n", msg, s);
		exit(1);
	}
}

/* The rows of a query as one string ("|" between columns, "\n" between rows). */
static char *rows(struct kith *k, const char *q)
{
	sqlite3_stmt *st;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (sqlite3_prepare_v2(kith_db(k), q, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "bad query %s\n", q);
		exit(1);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *s = (const char *)sqlite3_column_text(st, i);
			fprintf(fp, "%s%s", i ? "|" : "", s ? s : "NULL");
		}
		fputc('\n', fp);
	}
	sqlite3_finalize(st);
	fclose(fp);
	return buf;
}

static int64_t count(struct kith *k, const char *q)
{
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_prepare_v2(kith_db(k), q, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static char *export_mem(struct kith *k, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);
	if (kith_backup_export(k, fp) != KITH_OK) {
		fprintf(stderr, "export failed: %s\n", kith_errmsg(k));
		exit(1);
	}
	fclose(fp);
	return buf;
}

static int64_t add(struct kith *k, const char *name, const char *tag, const char *email, const char *bday)
{
	struct kith_person_change ch;
	int64_t id = 0;
	kith_person_change_init(&ch);
	ch.name = name;
	ch.org = "Analytical Engines";
	ch.notes = "likes tea";
	ch.birthday = bday;
	if (tag)
		kith_strlist_push(&ch.add_tags, tag);
	if (email)
		kith_strlist_push(&ch.add_emails, email);
	kith_strlist_push(&ch.add_phones, "+44 20 7946 0000");
	kith_strlist_push(&ch.add_links, "https://example.org/" );
	kith_strlist_push(&ch.add_goals, "write a book");
	kith_strlist_push(&ch.add_dates, "anniversary=--03-01");
	if (kith_person_add(k, &ch, &id) != KITH_OK) {
		fprintf(stderr, "cannot add %s: %s\n", name, kith_errmsg(k));
		exit(1);
	}
	kith_person_change_release(&ch);
	return id;
}

/* Every table of the schema gets at least one row. */
static void populate(struct kith *k)
{
	add(k, "Ada Lovelace", "math", "ada@example.org", "1815-12-10");
	add(k, "Charles Babbage", "math", "cb@example.org", "--12-26");
	add(k, "Grace Hopper-Murray", NULL, NULL, NULL);
	{
		struct kith_person_change ch;
		kith_person_change_init(&ch);
		ch.title = "Countess";
		ch.location = "London";
		ch.met = "at a salon";
		if (kith_person_edit(k, 1, &ch) != KITH_OK)
			exit(1);
	}
	sql(k,
	    "UPDATE person SET introduced_by = 3, every_days = 14, every_max = 21, role = 'mentor',"
	    " snoozed_until = '2026-12-01',"
	    " circle = 1 WHERE id = 1;"
	    "INSERT INTO org(id, name, name_key, kind, every_days, created)"
	    "  VALUES (1, 'Royal Society', 'royal society', 'professional', 30, '2026-01-02');"
	    "INSERT INTO interaction(id, date, kind, note, org_id) VALUES (1, '2026-11-01', 'coffee', 'talked engines', 1);"
	    "INSERT INTO interaction(id, date, kind, note, org_id) VALUES (5, '2026-11-20', 'call', NULL, NULL);"
	    "INSERT INTO interaction_person VALUES (1, '2026-11-01', 1), (2, '2026-11-01', 1), (2, '2026-11-20', 5);"
	    "INSERT INTO tag_cadence VALUES ('math', 30, 45), ('tea', 60, NULL);"
	    "INSERT OR REPLACE INTO setting VALUES ('default.circle', 'wide');"
	    "INSERT INTO resource VALUES (1, 'https://example.org/a', 'A paper', 'article', '2027-01-01', '2026-10-01');"
	    "INSERT INTO resource_tag VALUES (1, 'math');"
	    "INSERT INTO share VALUES (1, 2, '2026-11-01', 1);"
	    "INSERT INTO milestone VALUES (1, 1, '2026-11-10', 'new job', NULL);"
	    "INSERT INTO knows VALUES (1, 2, 'stated', '2026-05-05');"
	    "INSERT INTO intro VALUES (1, 2, 3, 'both build computers', 'made', '2026-09-01', '2026-09-10',"
	    "  '2026-09-02', '2026-09-03', '2026-09-10', NULL, 'they met');"
	    "INSERT INTO org_member VALUES (1, 1, '2026-01-02'), (1, 2, '2026-01-03');"
	    "INSERT INTO agenda VALUES (1, 1, 'ask about the engine', '2026-11-02', NULL);"
	    "INSERT INTO post VALUES (1, 'On engines', 'https://blog/x', '2026-11-03', 'blog');"
	    "INSERT INTO post_tag VALUES (1, 'math');"
	    "INSERT INTO goal VALUES (1, 'find a publisher', '2027-03-01', 'Murray', '2026-11-01', NULL);"
	    "INSERT INTO goal_target VALUES (1, 3, 'contacted', '2026-11-05');"
	    "INSERT INTO plan_mark VALUES ('reconnect:1', '2026-11-25', 'done');"
	    "INSERT INTO ics_event VALUES ('kith-1@x', 'abc', 2, '2026-11-25T10:00:00Z');"
	    "INSERT INTO sync_card VALUES ('/home/ada/contacts', 'ada.vcf', 'kith-1@x', 1, 'f1', 'k1',"
	    "  '2026-11-25T10:00:00Z'), ('/home/ada/contacts', 'gone.vcf', 'x-2', NULL, 'f2', 'k2',"
	    "  '2026-11-25T10:00:00Z');"
	    "INSERT INTO ics_import VALUES ('evt-1@cal', '2026-11-01', 1), ('evt-2@cal', '2026-10-01', NULL);"
	    "INSERT INTO message_import VALUES ('0123456789abcdef', '2026-11-01', 1),"
	    "  ('fedcba9876543210', '2026-10-02', NULL);");
	if (kith_refresh_all(k, 1) != KITH_OK)
		exit(1);
}

/* Every base table is exported, every stored column is in its objects. */
static void check_coverage(struct kith *k, const char *doc, size_t len)
{
	json_t *root = json_loadb(doc, len, 0, NULL);
	const char *key;
	json_t *v;
	int64_t arrays = 0, fields = 0, empty = 0;
	/* derived: person name_key, bday_md, last_touch, last_kind, cadence_days,
	   cadence_max, due_on, overdue_on; person_date.md; org.name_key */
	const int64_t derived = 10;

	CHECK(root != NULL);
	if (!root)
		return;
	json_object_foreach(root, key, v) {
		if (!json_is_array(v))
			continue;
		arrays++;
		if (json_array_size(v) == 0)
			empty++;
		else
			fields += (int64_t)json_object_size(json_array_get(v, 0));
	}
	CHECK_INT(empty, 0);
	CHECK_INT(arrays, count(k, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
				   " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != 'name_token'"));
	CHECK_INT(fields + derived,
		  count(k, "SELECT count(*) FROM sqlite_master m, pragma_table_info(m.name) WHERE m.type = 'table'"
			   " AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '%fts%' AND m.name != 'name_token'"));
	json_decref(root);
}

static const char *derived_q[] = {
	"SELECT id, name_key, bday_md, last_touch, last_kind, cadence_days, cadence_max, due_on, overdue_on"
	" FROM person ORDER BY id",
	"SELECT * FROM name_token ORDER BY person_id, token",
	"SELECT rowid, name, org, tags, notes FROM person_fts ORDER BY rowid",
	"SELECT rowid FROM interaction_fts WHERE interaction_fts MATCH 'engines'",
	"SELECT * FROM person_date ORDER BY person_id, label",
	"SELECT id, name_key FROM org ORDER BY id",
};

static void test_round_trip(void)
{
	char pa[256], pb[256];
	struct kith *a = open_db(pa, sizeof(pa)), *b = open_db(pb, sizeof(pb));
	size_t la, lb, lc;
	char *ea, *eb, *ec;
	int64_t n = 0;

	populate(a);
	ea = export_mem(a, &la);
	ec = export_mem(a, &lc);
	CHECK(la == lc && !memcmp(ea, ec, la)); /* deterministic */
	free(ec);
	check_coverage(a, ea, la);
	CHECK(strstr(ea, "\"name_key\"") == NULL);
	CHECK(strstr(ea, "\"due_on\"") == NULL);

	CHECK_INT(kith_backup_import(b, ea, la, &n), KITH_OK);
	CHECK_INT(n, 3);
	eb = export_mem(b, &lb);
	CHECK(la == lb && !memcmp(ea, eb, la));
	for (size_t i = 0; i < sizeof(derived_q) / sizeof(derived_q[0]); i++) {
		char *ra = rows(a, derived_q[i]), *rb = rows(b, derived_q[i]);
		CHECK_STR(rb, ra);
		CHECK(strlen(ra) > 0);
		free(ra);
		free(rb);
	}
	/* the restored search index holds the terms of the restored people */
	CHECK_INT(testdb_fts_drift(b), 0);
	CHECK(count(a, "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'engines'") > 0);
	CHECK_INT(count(b, "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'engines'"),
		  count(a, "SELECT count(*) FROM person_fts WHERE person_fts MATCH 'engines'"));
	/* a second import into the now full database is refused */
	CHECK_INT(kith_backup_import(b, ea, la, NULL), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(b), "not empty") != NULL);
	free(eb);

	/* the online copy is a complete database */
	{
		char dest[300], *ra, *rb;
		struct kith *c;
		char err[256];
		snprintf(dest, sizeof(dest), "%s.copy", pa);
		CHECK_INT(kith_backup_copy(a, dest, 0, &n), KITH_OK);
		CHECK_INT(n, 3);
		CHECK_INT(kith_backup_copy(a, dest, 0, NULL), KITH_EINPUT);
		CHECK_INT(kith_backup_copy(a, dest, 1, NULL), KITH_OK);
		CHECK_INT(kith_open(dest, today, &c, err, sizeof(err)), KITH_OK);
		ec = export_mem(c, &lc);
		CHECK(la == lc && !memcmp(ea, ec, la));
		ra = rows(a, derived_q[0]);
		rb = rows(c, derived_q[0]);
		CHECK_STR(rb, ra);
		free(ra);
		free(rb);
		free(ec);
		testdb_close_at(c, dest);
	}
	free(ea);
	testdb_close_at(a, pa);
	testdb_close_at(b, pb);
}

/* A minimal valid backup with the given people array and extra fields. */
static void bad_case(const char *what, const char *people, const char *extra, const char *msg)
{
	char pb[256], doc[4096];
	struct kith *b = open_db(pb, sizeof(pb));
	enum kith_rc rc;
	char tables[2048];
	static const char *const keys[] = {
		"person_emails", "person_phones", "person_links", "person_tags", "person_goals",
		"person_dates", "orgs", "interactions", "interaction_people", "tag_cadences", "settings",
		"resources", "resource_tags", "shares", "milestones", "knows", "intros", "org_members",
		"agenda", "posts", "post_tags", "goals", "goal_targets", "plan_marks", "ics_events",
		"sync_cards", "ics_imports", "message_imports",
	};
	size_t off = 0;

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!extra || !strstr(extra, keys[i]))
			/* extra "-KEY" leaves KEY out; other extras replace the arrays they name */
			off += (size_t)snprintf(tables + off, sizeof(tables) - off, ", \"%s\": []", keys[i]);
	snprintf(doc, sizeof(doc), "{\"kith_backup\": 1, \"schema\": %d, \"exported\": \"2026-11-26\","
		 " \"people\": %s%s%s}", kith_schema_version(), people, tables, extra && *extra != '-' ? extra : "");
	rc = kith_backup_import(b, doc, strlen(doc), NULL);
	CHECK_MSG(rc == KITH_EINPUT, what);
	if (msg && !strstr(kith_errmsg(b), msg))
		printf("# %s: message '%s' lacks '%s'\n", what, kith_errmsg(b), msg);
	CHECK_MSG(!msg || strstr(kith_errmsg(b), msg), what);
	CHECK_INT(count(b, "SELECT count(*) FROM person"), 0);
	CHECK_INT(count(b, "SELECT count(*) FROM name_token"), 0);
	CHECK_INT(count(b, "SELECT count(*) FROM interaction"), 0);
	testdb_close_at(b, pb);
}

#define P1 "{\"id\": 1, \"uid\": \"u1\", \"name\": \"Ada\", \"org\": null, \"title\": null, \"location\": null," \
	" \"met\": null, \"introduced_by\": null, \"circle\": 3, \"every_days\": null, \"every_max\": null," \
	" \"birthday\": null, \"notes\": null, \"created\": \"2026-11-01\", \"snoozed_until\": null, \"role\": null}"

static void test_bad_inputs(void)
{
	char pb[256];
	struct kith *b = open_db(pb, sizeof(pb));
	static const char *const docs[] = {
		"", "[]", "\"kith\"", "{}", "{\"kith_backup\": 2, \"schema\": 1}", "{\"kith_backup\": 1}",
		"{\"kith_backup\": 1, \"schema\": 99}", "{\"kith_backup\": 1, \"schema\": 3", "null",
		"{\"kith_backup\": 1, \"kith_backup\": 1, \"schema\": 3}",
	};
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		CHECK_INT(kith_backup_import(b, docs[i], strlen(docs[i]), NULL), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(b), "invalid JSON") != NULL);
	CHECK_INT(count(b, "SELECT count(*) FROM person"), 0);
	testdb_close_at(b, pb);

	bad_case("people not a list", "{}", NULL, "\"people\" is not a list");
	bad_case("row not an object", "[1]", NULL, "people[0]: not an object");
	bad_case("missing field", "[{\"id\": 1}]", NULL, "people[0]: \"uid\" is missing");
	bad_case("bad interaction date", "[" P1 "]",
		 ", \"interactions\": [{\"id\": 1, \"date\": \"yesterday\", \"kind\": \"call\", \"note\": null,"
		 " \"org_id\": null}]", "interactions[0].date: not a date");
	bad_case("duplicate id", "[" P1 ", " P1 "]", NULL, "people[1]");
	bad_case("created not a date",
		 "[{\"id\": 1, \"uid\": \"u1\", \"name\": \"Ada\", \"org\": null, \"title\": null, \"location\": null,"
		 " \"met\": null, \"introduced_by\": null, \"circle\": 3, \"every_days\": null, \"every_max\": null,"
		 " \"birthday\": null, \"notes\": null, \"created\": \"2026-13-01\", \"snoozed_until\": null, \"role\": null}]",
		 NULL, "people[0].created: not a date");
	bad_case("bad birthday",
		 "[{\"id\": 1, \"uid\": \"u1\", \"name\": \"Ada\", \"org\": null, \"title\": null, \"location\": null,"
		 " \"met\": null, \"introduced_by\": null, \"circle\": 3, \"every_days\": null, \"every_max\": null,"
		 " \"birthday\": \"--02-30\", \"notes\": null, \"created\": \"2026-11-01\", \"snoozed_until\": null, \"role\": null}]",
		 NULL, "people[0].birthday");
	bad_case("string for integer",
		 "[{\"id\": \"1\", \"uid\": \"u1\", \"name\": \"Ada\", \"org\": null, \"title\": null, \"location\": null,"
		 " \"met\": null, \"introduced_by\": null, \"circle\": 3, \"every_days\": null, \"every_max\": null,"
		 " \"birthday\": null, \"notes\": null, \"created\": \"2026-11-01\", \"snoozed_until\": null, \"role\": null}]",
		 NULL, "people[0].id: not an integer");
	bad_case("null name",
		 "[{\"id\": 1, \"uid\": \"u1\", \"name\": null, \"org\": null, \"title\": null, \"location\": null,"
		 " \"met\": null, \"introduced_by\": null, \"circle\": 3, \"every_days\": null, \"every_max\": null,"
		 " \"birthday\": null, \"notes\": null, \"created\": \"2026-11-01\", \"snoozed_until\": null, \"role\": null}]",
		 NULL, "people[0].name: cannot be null");
	bad_case("circle out of range",
		 "[{\"id\": 1, \"uid\": \"u1\", \"name\": \"Ada\", \"org\": null, \"title\": null, \"location\": null,"
		 " \"met\": null, \"introduced_by\": null, \"circle\": 9, \"every_days\": null, \"every_max\": null,"
		 " \"birthday\": null, \"notes\": null, \"created\": \"2026-11-01\", \"snoozed_until\": null, \"role\": null}]",
		 NULL, "people[0]");
	bad_case("dangling introduced_by",
		 "[{\"id\": 1, \"uid\": \"u1\", \"name\": \"Ada\", \"org\": null, \"title\": null, \"location\": null,"
		 " \"met\": null, \"introduced_by\": 7, \"circle\": 3, \"every_days\": null, \"every_max\": null,"
		 " \"birthday\": null, \"notes\": null, \"created\": \"2026-11-01\", \"snoozed_until\": null, \"role\": null}]",
		 NULL, "refers to a missing row of \"people\"");
	bad_case("huge cadence", "[" P1 "]", ", \"tag_cadences\": [{\"tag\": \"x\", \"every_days\": 9000000000000,"
		 " \"every_max\": null}]", "tag_cadences[0].every_days: not a number of days");
	bad_case("unknown field", "[]", ", \"gossip\": []", "unknown field \"gossip\"");
	bad_case("missing table", "[" P1 "]", "-ics_events", "\"ics_events\" is missing");
	bad_case("tag of nobody", "[" P1 "]", ", \"person_tags\": [{\"person_id\": 2, \"tag\": \"x\"}]",
		 "\"person_tags\" refers to a missing row of \"people\"");
	bad_case("unknown field in a row", "[" P1 "]",
		 ", \"person_tags\": [{\"person_id\": 1, \"tag\": \"x\", \"colour\": \"red\"}]",
		 "person_tags[0].colour: unknown field");
}

/* The skeleton with one person imports (the bad cases above differ by one thing). */
static void test_minimal(void)
{
	char pb[256], doc[4096];
	struct kith *b = open_db(pb, sizeof(pb));
	int64_t n = 0;

	snprintf(doc, sizeof(doc), "{\"kith_backup\": 1, \"schema\": %d, \"people\": [" P1 "],"
		 " \"person_emails\": [], \"person_phones\": [], \"person_links\": [], \"person_tags\": [],"
		 " \"person_goals\": [], \"person_dates\": [], \"orgs\": [], \"interactions\": [],"
		 " \"interaction_people\": [], \"tag_cadences\": [], \"settings\": [], \"resources\": [],"
		 " \"resource_tags\": [], \"shares\": [], \"milestones\": [], \"knows\": [], \"intros\": [],"
		 " \"org_members\": [], \"agenda\": [], \"posts\": [], \"post_tags\": [], \"goals\": [],"
		 " \"goal_targets\": [], \"plan_marks\": [], \"ics_events\": [],"
		 " \"sync_cards\": [], \"ics_imports\": [], \"message_imports\": []}", kith_schema_version());
	CHECK_INT(kith_backup_import(b, doc, strlen(doc), &n), KITH_OK);
	CHECK_INT(n, 1);
	CHECK_INT(count(b, "SELECT count(*) FROM name_token WHERE token = 'ada'"), 1);
	CHECK_INT(count(b, "SELECT count(*) FROM person WHERE due_on IS NOT NULL"), 1);
	testdb_close_at(b, pb);
	b = open_db(pb, sizeof(pb));
	snprintf(doc, sizeof(doc), "{\"kith_backup\": 1, \"schema\": 1, \"people\": [" P1 "],"
		 " \"person_emails\": [], \"person_phones\": [], \"person_links\": [], \"person_tags\": [],"
		 " \"person_goals\": [], \"person_dates\": [], \"interactions\": [], \"interaction_people\": [],"
		 " \"tag_cadences\": [], \"settings\": []}");
	/* schema 1: no role, no practices tables; "role" is then unknown */
	CHECK_INT(kith_backup_import(b, doc, strlen(doc), &n), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(b), "role") != NULL);
	testdb_close_at(b, pb);
}

int main(void)
{
	today = kith_day_from_civil(2026, 11, 26);
	test_round_trip();
	test_bad_inputs();
	test_minimal();
	return tap_done();
}
