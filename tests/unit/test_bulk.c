/*
 * The bulk path of an import (kith_person_adder, which the contact merger
 * uses) against the one-by-one path (kith_person_add per person): the same
 * varied contacts merged into two databases, one each way, must leave the
 * same rows, derived columns, name tokens, search rows and search results,
 * the same counts and the same errors, on a first import, a re-import and
 * a merge into people who were there before.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/date.h"
#include "kith/person.h"
#include "kith/settings.h"
#include "tap.h"

#define TODAY_ISO "2026-11-26"

static struct kith *open_db(char *path, size_t len)
{
	struct kith *k = NULL;
	char err[256];
	kith_day today;
	int fd;

	snprintf(path, len, "%s/kith-bulk-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		exit(1);
	}
	close(fd);
	unlink(path);
	kith_day_parse_iso(TODAY_ISO, &today);
	if (kith_open(path, today, &k, err, sizeof(err)) != KITH_OK) {
		fprintf(stderr, "cannot open %s: %s\n", path, err);
		exit(1);
	}
	return k;
}

static void close_db(struct kith *k, const char *path)
{
	char p[300];
	kith_close(k);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* Every row of a query, as text ("|" between columns, "\n" after rows). */
static char *dump(struct kith *k, const char *sql)
{
	sqlite3_stmt *st;
	char *out = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&out, &len);

	if (sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(fp, "error: %s\n", sqlite3_errmsg(kith_db(k)));
	} else {
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int i = 0; i < sqlite3_column_count(st); i++) {
				const unsigned char *s = sqlite3_column_text(st, i);
				fprintf(fp, "%s%s", i ? "|" : "", s ? (const char *)s : "NULL");
			}
			fputc('\n', fp);
		}
		sqlite3_finalize(st);
	}
	fclose(fp);
	return out;
}

/* The whole state an import leaves: random UIDs (not the card's) aside. */
static const char *const state_sql[] = {
	"SELECT id, CASE WHEN uid LIKE 'card-%' THEN uid ELSE 'random' END, name, name_key, org, title,"
	" location, met, introduced_by, circle, every_days, every_max, birthday, bday_md, notes, created,"
	" snoozed_until, last_touch, last_kind, cadence_days, cadence_max, due_on, overdue_on, role"
	" FROM person ORDER BY id",
	"SELECT * FROM name_token ORDER BY person_id, token",
	"SELECT * FROM person_email ORDER BY person_id, email_key",
	"SELECT * FROM person_phone ORDER BY person_id, phone_key",
	"SELECT * FROM person_link ORDER BY person_id, url",
	"SELECT * FROM person_tag ORDER BY person_id, tag",
	"SELECT * FROM person_goal ORDER BY person_id, goal",
	"SELECT * FROM person_date ORDER BY person_id, label",
	"SELECT rowid, name, org, tags, notes FROM person_fts ORDER BY rowid",
	"SELECT name, seq FROM sqlite_sequence WHERE name = 'person'",
	"SELECT count(*) FROM person WHERE due_on IS NOT NULL",
	/* what the search finds */
	"SELECT rowid FROM person_fts WHERE person_fts MATCH 'lovelace' ORDER BY rowid",
	"SELECT rowid FROM person_fts WHERE person_fts MATCH 'tags:climate' ORDER BY rowid",
	"SELECT rowid FROM person_fts WHERE person_fts MATCH 'notes:example' ORDER BY rowid",
	"SELECT rowid FROM person_fts WHERE person_fts MATCH 'org:analytical' ORDER BY rowid",
	"SELECT rowid FROM person_fts WHERE person_fts MATCH 'jose' ORDER BY rowid",
	"SELECT person_id FROM name_token WHERE token >= 'an' AND token < 'ao' ORDER BY 1",
};

static void compare(struct kith *a, struct kith *b, const char *when)
{
	for (size_t i = 0; i < sizeof(state_sql) / sizeof(*state_sql); i++) {
		char *x = dump(a, state_sql[i]), *y = dump(b, state_sql[i]);
		char what[160];
		snprintf(what, sizeof(what), "%s: same rows for %.60s", when, state_sql[i]);
		if (!CHECK_MSG(!strcmp(x, y), what))
			printf("#   bulk:\n%s#   one by one:\n%s", x, y);
		free(x);
		free(y);
	}
}

/* A varied contact, number i of a fixed list (the same on both sides). */
static void contact(int i, struct kith_contact *c)
{
	static const char *const names[] = {
		"Ada Lovelace", "  Grace  Hopper ", "José Ñúñez-García", "Zoë Ångström", "Jean-Luc Picard",
		"Ada Lovelace", "Alan Turing", "Łukasz Nowak", "Mary Anning", "Anne Bonny",
	};
	char buf[160];

	kith_contact_init(c);
	c->name = strdup(names[i % 10]);
	if (i % 3 == 0) {
		snprintf(buf, sizeof(buf), "Person%d@Example.org", i);
		kith_strlist_push(&c->emails, buf);
		snprintf(buf, sizeof(buf), "person%d@example.ORG", i); /* the same key */
		kith_strlist_push(&c->emails, buf);
	}
	if (i % 4 == 1) {
		snprintf(buf, sizeof(buf), "p%d@work.example.com", i);
		kith_strlist_push(&c->emails, buf);
		kith_strlist_push(&c->emails, "not an email");
	}
	if (i % 5 == 2) {
		snprintf(buf, sizeof(buf), "+44 20 7946 %04d", i);
		kith_strlist_push(&c->phones, buf);
	}
	if (i % 6 == 3) {
		snprintf(buf, sizeof(buf), "https://LinkedIn.com/in/Person-%d/", i);
		kith_strlist_push(&c->links, buf);
		kith_strlist_push(&c->links, "https://example.com/blog");
	}
	if (i % 2 == 0) {
		kith_strlist_push(&c->tags, "Climate");
		kith_strlist_push(&c->tags, "open source");
	}
	if (i % 7 == 0)
		kith_strlist_push(&c->tags, "mentor"); /* has a tag cadence */
	if (i % 7 == 3)
		kith_strlist_push(&c->tags, "advisor"); /* the other one */
	kith_strlist_push(&c->tags, i % 2 ? "ai" : "climate");
	if (i % 4 == 0)
		c->org = strdup("Analytical Engines");
	if (i % 4 == 2)
		c->title = strdup("  Engineer ");
	if (i % 5 == 0)
		c->location = strdup("London");
	if (i % 3 == 1)
		c->notes = strdup("Met at the example conference.");
	if (i % 8 == 5)
		c->met = strdup("a meetup");
	if (i % 5 == 1)
		c->birthday = strdup(i % 2 ? "--12-10" : "1990-02-28");
	if (i % 11 == 4) {
		free(c->birthday);
		c->birthday = strdup("1990-02-30"); /* invalid: dropped */
	}
	if (i % 4 == 3) {
		snprintf(buf, sizeof(buf), "card-%d", i);
		c->uid = strdup(buf);
	}
	if (i % 9 == 2)
		c->connected_on = kith_day_from_civil(2025, 3, 1 + i % 20);
	if (i % 9 == 4)
		c->connected_on = kith_day_from_civil(2027, 1, 1); /* after today: ignored */
	if (i % 10 == 6)
		c->circle = i % 5;
	if (i % 12 == 7)
		c->cadence = strdup(i % 2 ? "6w..9w" : "none");
	if (i % 13 == 8)
		c->role = strdup("mentee");
	if (i % 8 == 1) {
		kith_strlist_push(&c->goals, "find a cofounder");
		kith_strlist_push(&c->goals, "climate fund");
	}
	if (i % 9 == 1) {
		kith_strlist_push(&c->dates, "anniversary=2019-03-01");
		kith_strlist_push(&c->dates, "name day=--06-21");
		kith_strlist_push(&c->dates, "bad=2019-13-01");
	}
	if (i == 17) { /* too long a name: an error, nothing written */
		char *big = malloc(5000);
		memset(big, 'x', 4999);
		big[4999] = '\0';
		free(c->name);
		c->name = big;
	}
	if (i == 23) { /* too long notes */
		char *big = malloc(70000);
		memset(big, 'n', 69999);
		big[69999] = '\0';
		free(c->notes);
		c->notes = big;
	}
}

#define N_CONTACTS 120

/* Merge contacts [from, to) with the merger in bulk mode or not; the counts and errors into log. */
static void run(struct kith *k, int bulk, int from, int to, int circle, FILE *log)
{
	struct kith_contact_merger *m;
	struct kith_import_stats st;

	memset(&st, 0, sizeof(st));
	if (kith_begin(k) != KITH_OK) {
		fprintf(stderr, "begin: %s\n", kith_errmsg(k));
		exit(1);
	}
	m = kith_contact_merger_new(k, circle);
	if (!m) {
		fprintf(stderr, "merger: %s\n", kith_errmsg(k));
		exit(1);
	}
	kith_contact_merger_bulk(m, bulk);
	for (int i = from; i < to; i++) {
		struct kith_contact c;
		int64_t id = 0;
		enum kith_rc rc;
		contact(i, &c);
		rc = kith_contact_merger_add(m, &c, &st, &id);
		fprintf(log, "%d: rc %d id %lld%s%s\n", i, (int)rc, (long long)id, rc ? " " : "",
			rc ? kith_errmsg(k) : "");
		kith_contact_release(&c);
	}
	kith_contact_merger_free(m);
	if (kith_commit(k) != KITH_OK) {
		fprintf(stderr, "commit: %s\n", kith_errmsg(k));
		exit(1);
	}
	fprintf(log, "added %zu updated %zu unchanged %zu\n", st.added, st.updated, st.unchanged);
}

/* People there before the import, and settings that shape the derived columns. */
static void setup(struct kith *k)
{
	struct kith_cadence mentor = { 30, 40 }, advisor = { 30, 0 }, close = { 21, 35 };
	const char *const before[] = { "Ada Lovelace", "Alan Turing", "Mary Anning" };

	kith_setting_set(k, "default.circle", "active");
	kith_tag_cadence_set(k, "mentor", &mentor);
	kith_tag_cadence_set(k, "advisor", &advisor);
	kith_circle_cadence_set(k, 1, &close);
	for (int i = 0; i < 3; i++) {
		struct kith_person_change ch;
		int64_t id;
		kith_person_change_init(&ch);
		ch.name = before[i];
		if (i == 1)
			kith_strlist_push(&ch.add_emails, "p21@work.example.com"); /* contact 21's */
		if (i == 2)
			kith_strlist_push(&ch.add_phones, "+44 20 7946 0012");
		if (kith_person_add(k, &ch, &id) != KITH_OK) {
			fprintf(stderr, "cannot add %s: %s\n", before[i], kith_errmsg(k));
			exit(1);
		}
		kith_person_change_release(&ch);
	}
}

/* The logs of both sides, flushed, compared. */
static void check_logs(FILE *fa, char **la, FILE *fb, char **lb, const char *what)
{
	fflush(fa);
	fflush(fb);
	if (!CHECK_MSG(!strcmp(*la, *lb), what))
		printf("#   bulk:\n%s#   one by one:\n%s", *la, *lb);
}

int main(void)
{
	char pa[256], pb[256];
	struct kith *a = open_db(pa, sizeof(pa)), *b = open_db(pb, sizeof(pb));
	char *la = NULL, *lb = NULL;
	size_t na = 0, nb = 0;
	FILE *fa = open_memstream(&la, &na), *fb = open_memstream(&lb, &nb);

	setup(a);
	setup(b);

	/* a first import, half of the contacts */
	run(a, 1, 0, N_CONTACTS / 2, -1, fa);
	run(b, 0, 0, N_CONTACTS / 2, -1, fb);
	compare(a, b, "first import");
	check_logs(fa, &la, fb, &lb, "first import: same ids, counts and errors");

	/* the rest, into the close circle, then everything again */
	run(a, 1, N_CONTACTS / 2, N_CONTACTS, 1, fa);
	run(b, 0, N_CONTACTS / 2, N_CONTACTS, 1, fb);
	compare(a, b, "second import");
	run(a, 1, 0, N_CONTACTS, -1, fa);
	run(b, 0, 0, N_CONTACTS, -1, fb);
	compare(a, b, "re-import");
	check_logs(fa, &la, fb, &lb, "all imports: same ids, counts and errors");

	/* the test itself: the contacts did reach the interesting cases */
	CHECK(strstr(la, "17: rc 2 id 0 the name is too long") != NULL);
	CHECK(strstr(la, "23: rc 2 id 0 the notes is too long") != NULL);
	{
		const char *last = strrchr(la, 'a'), *u;
		while (last > la && strncmp(last, "added ", 6))
			last--;
		u = strstr(last, "unchanged ");
		CHECK(u && atoi(u + 10) > 50); /* the re-import found most people again */
	}
	{
		char *x = dump(a, "SELECT count(*) FROM person WHERE uid LIKE 'card-%'");
		CHECK(atoi(x) > 10);
		free(x);
		x = dump(a, "SELECT count(DISTINCT cadence_days) FROM person");
		CHECK(atoi(x) >= 4); /* own, tag (two), circle cadences */
		free(x);
		x = dump(a, "SELECT count(*) FROM person WHERE created < '" TODAY_ISO "'");
		CHECK(atoi(x) > 3); /* connected_on */
		free(x);
		x = dump(a, "SELECT count(*) FROM person WHERE name = 'Ada Lovelace'");
		CHECK(atoi(x) >= 2); /* a namesake with another email is another person */
		free(x);
	}

	if (getenv("TEST_BULK_LOG"))
		fputs(la, stdout);
	fclose(fa);
	fclose(fb);
	free(la);
	free(lb);
	close_db(a, pa);
	close_db(b, pb);
	return tap_done();
}
