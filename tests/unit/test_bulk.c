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
#include "testdb.h"

#define TODAY_ISO "2026-11-26"

static struct kith *open_db(char *path, size_t len)
{
	kith_day today;
	kith_day_parse_iso(TODAY_ISO, &today);
	return testdb_open_at(path, len, today);
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
/* Two of the indexes an import into an empty network sets aside, there or not. */
#define INDEXES_SET_ASIDE "SELECT count(*) FROM sqlite_master WHERE name IN ('person_link_url', 'person_email_key')"

/* The first column of the first row of sql, as a number. */
static int count_of(struct kith *k, const char *sql)
{
	char *x = dump(k, sql);
	int n = atoi(x);
	free(x);
	return n;
}

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
	/* the indexes an import set aside are all back, and sound */
	"SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name",
	"PRAGMA integrity_check",
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
	/* the search rows the adder wrote from its own text are the view's terms */
	CHECK_INT(testdb_fts_drift(a), 0);
	CHECK_INT(testdb_fts_drift(b), 0);
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

static void set_str(char **f, const char *v)
{
	free(*f);
	*f = v ? strdup(v) : NULL;
}

/*
 * Contact number v: below 1000 contact(v); above, a contact of kind v / 1000
 * made from contact(v % 1000), found again by one thing only (the name is
 * another one), or a card of the name rule.
 */
static void variant(int v, struct kith_contact *c)
{
	int kind = v / 1000, i = v % 1000;
	char buf[160];

	contact(i, c);
	if (!kind)
		return;
	snprintf(buf, sizeof(buf), "Someone Else %d", v);
	set_str(&c->name, buf);
	switch (kind) {
	case 1: /* by email; brings a phone */
		kith_strlist_release(&c->phones);
		kith_strlist_release(&c->links);
		set_str(&c->uid, NULL);
		snprintf(buf, sizeof(buf), "+1 555 7000 %04d", i);
		kith_strlist_push(&c->phones, buf);
		kith_strlist_push(&c->tags, "found-by-email");
		break;
	case 2: /* by phone; brings an email */
		kith_strlist_release(&c->emails);
		kith_strlist_release(&c->links);
		set_str(&c->uid, NULL);
		snprintf(buf, sizeof(buf), "k2-%d@example.net", i);
		kith_strlist_push(&c->emails, buf);
		break;
	case 3: /* by the LinkedIn profile a kind 4 brought (they come first); brings an email */
		kith_strlist_release(&c->emails);
		kith_strlist_release(&c->phones);
		kith_strlist_release(&c->links);
		set_str(&c->uid, NULL);
		snprintf(buf, sizeof(buf), "https://www.linkedin.com/in/K4-%d/?trk=x", i);
		kith_strlist_push(&c->links, buf);
		snprintf(buf, sizeof(buf), "k3-%d@example.net", i);
		kith_strlist_push(&c->emails, buf);
		break;
	case 4: /* by UID; brings a LinkedIn profile */
		kith_strlist_release(&c->emails);
		kith_strlist_release(&c->phones);
		kith_strlist_release(&c->links);
		snprintf(buf, sizeof(buf), " https://www.linkedin.com/in/k4-%d\t", i);
		kith_strlist_push(&c->links, buf);
		break;
	case 5: /* by the phone a kind 1 brought */
	case 6: /* by the profile a kind 4 brought */
	case 7: /* by the email a kind 2 brought */
		kith_strlist_release(&c->emails);
		kith_strlist_release(&c->phones);
		kith_strlist_release(&c->links);
		set_str(&c->uid, NULL);
		if (kind == 5)
			snprintf(buf, sizeof(buf), "+1 (555) 7000-%04d", i);
		else if (kind == 6)
			snprintf(buf, sizeof(buf), "https://linkedin.com/in/K4-%d", i);
		else
			snprintf(buf, sizeof(buf), "K2-%d@Example.NET", i);
		kith_strlist_push(kind == 5 ? &c->phones : kind == 6 ? &c->links : &c->emails, buf);
		break;
	case 8: { /* the name rule: cards of names shared or not */
		static const char *const rule[][3] = {
			/* name, email, phone or LinkedIn profile */
			{ "Solo Name", "solo@example.org", NULL },
			{ "Solo Name", NULL, "+1 555 123456" },          /* no phone yet: the same */
			{ "Solo Name", NULL, "+1 555 999999" },          /* another phone: another */
			{ "Duo Name", NULL, "https://www.linkedin.com/in/duo-a" },
			{ "Duo Name", NULL, "https://www.linkedin.com/in/duo-b" }, /* another profile */
			{ "Duo Name", NULL, NULL },                      /* two of them: another */
			{ "Penta Name", NULL, NULL },
			{ "Penta Name", "penta@example.org", NULL },     /* no email yet: the same */
			{ "Penta Name", "penta2@example.org", NULL },    /* another email: another */
			{ "Hexa Name", NULL, "+1 555 888888" },
			{ "Hexa Name", NULL, "+1 555 888888 " },         /* the same phone */
			{ "Hexa Name", NULL, "+1 555 777777" },          /* one of its phones differs, one shared */
		};
		const char *const *r = rule[i % 12];
		kith_contact_release(c);
		kith_contact_init(c);
		c->name = strdup(r[0]);
		if (r[1])
			kith_strlist_push(&c->emails, r[1]);
		if (r[2])
			kith_strlist_push(strchr(r[2], '/') ? &c->links : &c->phones, r[2]);
		if (i % 12 == 11)
			kith_strlist_push(&c->phones, "+1 555 888888");
		break;
	}
	}
}

/* The contacts of an import with people found again inside it. */
static size_t variants(int *v)
{
	size_t n = 0;
	for (int i = 0; i < N_CONTACTS; i++)
		v[n++] = i;
	static const int kinds[] = { 1, 2, 4, 3, 5, 6, 7 };
	for (int k = 0; k < 7; k++)
		for (int i = 0; i < N_CONTACTS; i++)
			v[n++] = kinds[k] * 1000 + i;
	for (int i = 0; i < 12; i++)
		v[n++] = 8000 + i;
	for (int i = 0; i < N_CONTACTS; i += 7)
		v[n++] = i; /* the same cards again */
	return n;
}

/* The id the log gives contact v the first time, or 0. */
static long long logged_id(const char *log, int v)
{
	char pat[32];
	const char *p;
	snprintf(pat, sizeof(pat), "\n%d: rc 0 id ", v);
	p = strstr(log, pat);
	return p ? atoll(p + strlen(pat)) : 0;
}

/*
 * Merge n contacts, number j made by make(j, src, &c) and logged as *label,
 * with the merger in bulk mode or not; before contact number `foreign`
 * (when below n), someone is added without the merger. The ids, counts and
 * errors go to log.
 */
typedef void make_fn(size_t j, const void *src, struct kith_contact *c, int *label);

static void run_merges(struct kith *k, int bulk, int circle, FILE *log, make_fn *make, const void *src, size_t n,
		       size_t foreign)
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
	if (foreign >= n) /* nothing else may write while the merger defers */
		kith_contact_merger_defer(m);
	for (size_t j = 0; j < n; j++) {
		struct kith_contact c;
		int64_t id = 0;
		enum kith_rc rc;
		int label;
		if (j == foreign) {
			struct kith_person_change ch;
			kith_person_change_init(&ch);
			ch.name = "Foreign Person";
			kith_strlist_push(&ch.add_emails, "foreign@example.org");
			kith_strlist_push(&ch.add_phones, "+1 555 7000 0000"); /* a kind 1's */
			rc = kith_person_add(k, &ch, &id);
			fprintf(log, "foreign: rc %d id %lld\n", (int)rc, (long long)id);
			kith_person_change_release(&ch);
		}
		make(j, src, &c, &label);
		if (j == foreign) { /* the one added outside, by email */
			kith_contact_release(&c);
			kith_contact_init(&c);
			c.name = strdup("Someone Foreign");
			kith_strlist_push(&c.emails, "Foreign@example.org");
		}
		rc = kith_contact_merger_add(m, &c, &st, &id);
		fprintf(log, "%d: rc %d id %lld%s%s\n", label, (int)rc, (long long)id, rc ? " " : "",
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

/* Contact number ((const int *)src)[j] of variant(). */
static void make_variant(size_t j, const void *src, struct kith_contact *c, int *label)
{
	*label = ((const int *)src)[j];
	variant(*label, c);
}

/* Contact number *(const int *)src + j of contact(). */
static void make_contact(size_t j, const void *src, struct kith_contact *c, int *label)
{
	*label = *(const int *)src + (int)j;
	contact(*label, c);
}

/* Merge the contacts v[0..n) (see variant()); before contact number
 * `foreign` (when below n), someone is added without the merger. */
static void run_list(struct kith *k, int bulk, const int *v, size_t n, size_t foreign, int circle, FILE *log)
{
	run_merges(k, bulk, circle, log, make_variant, v, n, foreign);
}

/* Merge contacts [from, to) with the merger in bulk mode or not. */
static void run(struct kith *k, int bulk, int from, int to, int circle, FILE *log)
{
	run_merges(k, bulk, circle, log, make_contact, &from, (size_t)(to - from), (size_t)(to - from));
}

/* Settings that shape the derived columns. */
static void settings(struct kith *k)
{
	struct kith_cadence mentor = { 30, 40 }, advisor = { 30, 0 }, close = { 21, 35 };

	kith_setting_set(k, "default.circle", "active");
	kith_tag_cadence_set(k, "mentor", &mentor);
	kith_tag_cadence_set(k, "advisor", &advisor);
	kith_circle_cadence_set(k, 1, &close);
}

/* People there before the import, and the settings. */
static void setup(struct kith *k)
{
	const char *const before[] = { "Ada Lovelace", "Alan Turing", "Mary Anning" };

	settings(k);
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

	/* a non-empty start: people found again inside one import, from the database */
	{
		static int v[2000];
		size_t n = variants(v);
		run_list(a, 1, v, n, n, -1, fa);
		run_list(b, 0, v, n, n, -1, fb);
		compare(a, b, "non-empty start, found again");
		check_logs(fa, &la, fb, &lb, "non-empty start: same ids, counts and errors");
	}

	if (getenv("TEST_BULK_LOG"))
		fputs(la, stdout);
	fclose(fa);
	fclose(fb);
	free(la);
	free(lb);
	testdb_close_at(a, pa);
	testdb_close_at(b, pb);

	/*
	 * An empty start: the bulk merger finds in memory the people it added
	 * (duplicates inside the import, a name on two cards, a contact that is
	 * someone added before by email, phone, profile or UID, or by what an
	 * update brought), the one-by-one merger asks the database.
	 */
	for (int foreign = 0; foreign < 2; foreign++) {
		static int v[2000];
		size_t n = variants(v), at = foreign ? n / 2 : n;
		char what[80];

		a = open_db(pa, sizeof(pa));
		b = open_db(pb, sizeof(pb));
		settings(a);
		settings(b);
		la = lb = NULL;
		fa = open_memstream(&la, &na);
		fb = open_memstream(&lb, &nb);
		run_list(a, 1, v, n, at, -1, fa);
		run_list(b, 0, v, n, at, -1, fb);
		snprintf(what, sizeof(what), "empty start%s", foreign ? ", someone added outside" : "");
		compare(a, b, what);
		snprintf(what, sizeof(what), "empty start%s: same ids, counts and errors", foreign ? " (outside)" : "");
		check_logs(fa, &la, fb, &lb, what);
		/* the contacts did reach the cases */
		CHECK(logged_id(la, 1000) > 0 && logged_id(la, 1000) == logged_id(la, 0));   /* email */
		CHECK(logged_id(la, 2002) > 0 && logged_id(la, 2002) == logged_id(la, 2));   /* phone */
		CHECK(logged_id(la, 3003) > 0 && logged_id(la, 3003) == logged_id(la, 3));   /* profile */
		CHECK(logged_id(la, 4003) > 0 && logged_id(la, 4003) == logged_id(la, 3));   /* UID */
		if (!foreign) /* else two people have the phone */
			CHECK(logged_id(la, 5000) > 0 && logged_id(la, 5000) == logged_id(la, 0)); /* phone an update brought */
		CHECK(logged_id(la, 6003) > 0 && logged_id(la, 6003) == logged_id(la, 3));   /* profile an update brought */
		CHECK(logged_id(la, 7002) > 0 && logged_id(la, 7002) == logged_id(la, 2));   /* email an update brought */
		CHECK(logged_id(la, 8001) == logged_id(la, 8000));                           /* a name, nothing against */
		CHECK(logged_id(la, 8002) != logged_id(la, 8000));                           /* another phone */
		CHECK(logged_id(la, 8004) != logged_id(la, 8003));                           /* another profile */
		CHECK(logged_id(la, 8005) != logged_id(la, 8003) && logged_id(la, 8005) != logged_id(la, 8004));
		CHECK(logged_id(la, 8007) == logged_id(la, 8006));                           /* a first email */
		CHECK(logged_id(la, 8008) != logged_id(la, 8006));                           /* another email */
		CHECK(logged_id(la, 8010) == logged_id(la, 8009));
		CHECK(logged_id(la, 8011) == logged_id(la, 8009));                           /* one phone shared */
		if (foreign) {
			const char *f = strstr(la, "foreign: rc 0 id ");
			char pat[48];
			CHECK(f != NULL);
			/* the contact is the person added outside */
			snprintf(pat, sizeof(pat), "\n%d: rc 0 id %lld\n", v[at], f ? atoll(f + 17) : -1);
			CHECK_MSG(strstr(f ? f : "", pat) != NULL, "the person added outside is found");
		}
		if (getenv("TEST_BULK_LOG"))
			fputs(la, stdout);
		fclose(fa);
		fclose(fb);
		free(la);
		free(lb);
		testdb_close_at(a, pa);
		testdb_close_at(b, pb);
	}

	/*
	 * Only new people into an empty network: from the 257th on, some
	 * indexes are set aside (kith_person_adder_defer) and the rows wait in
	 * sets for the writer thread, until kith_contact_merger_finish writes
	 * what waits and builds the indexes.
	 */
	{
		struct kith_contact_merger *m;
		struct kith_import_stats st;
		int ok = 1;

		a = open_db(pa, sizeof(pa));
		b = open_db(pb, sizeof(pb));
		settings(a);
		settings(b);
		memset(&st, 0, sizeof(st));
		for (int side = 0; side < 2; side++) {
			struct kith *k = side ? b : a;
			kith_begin(k);
			m = kith_contact_merger_new(k, -1);
			kith_contact_merger_bulk(m, side == 0);
			kith_contact_merger_defer(m);
			/* three rounds: a merger sets indexes aside from its 256th person on */
			for (int i = 0; i < 3 * N_CONTACTS; i++) {
				struct kith_contact c;
				contact(i % N_CONTACTS, &c);
				if (i >= N_CONTACTS) { /* nothing that finds the first round's people */
					free(c.uid);
					c.uid = NULL;
					kith_strlist_release(&c.emails);
					kith_strlist_release(&c.phones);
					kith_strlist_release(&c.links);
				}
				if (strlen(c.name) < 100) { /* a name of one's own: every contact a new person */
					char name[160];
					snprintf(name, sizeof(name), "%s X%c%c%c", c.name, 'a' + i / N_CONTACTS,
						 'a' + i % N_CONTACTS / 26, 'a' + i % 26);
					free(c.name);
					c.name = strdup(name);
				}
				if (kith_contact_merger_add(m, &c, &st, NULL) == KITH_ERR) {
					printf("# contact %d: %s\n", i, kith_errmsg(k));
					ok = 0;
				}
				kith_contact_release(&c);
			}
			if (side == 0) {
				CHECK_MSG(count_of(k, INDEXES_SET_ASIDE) == 0,
					  "only new people: the indexes are set aside until the end");
				CHECK_MSG(count_of(k, "SELECT count(*) FROM name_token WHERE person_id > 300") == 0,
					  "only new people: the rows of a set not full yet wait");
			}
			if (kith_contact_merger_finish(m) != KITH_OK) {
				printf("# finish: %s\n", kith_errmsg(k));
				ok = 0;
			}
			kith_contact_merger_free(m);
			ok &= kith_commit(k) == KITH_OK;
		}
		CHECK_MSG(ok, "only new people: no database error");
		CHECK_MSG(count_of(a, "SELECT count(*) FROM name_token") > 3 * N_CONTACTS,
			  "only new people: the rows waiting are written at the end");
		compare(a, b, "only new people");
		testdb_close_at(a, pa);
		testdb_close_at(b, pb);
	}

	/*
	 * A database error while the writer thread writes (the disk full): the
	 * import fails with SQLite's message, nothing waits forever, and the
	 * rolled-back network is empty, with its indexes.
	 */
	{
		struct kith_contact_merger *m;
		enum kith_rc rc = KITH_OK;
		int i;

		a = open_db(pa, sizeof(pa));
		kith_begin(a);
		sqlite3_exec(kith_db(a), "PRAGMA max_page_count = 200", NULL, NULL, NULL);
		m = kith_contact_merger_new(a, -1);
		kith_contact_merger_defer(m);
		for (i = 0; i < 20000 && rc == KITH_OK; i++) {
			struct kith_contact c;
			char name[64], mail[64];
			kith_contact_init(&c);
			snprintf(name, sizeof(name), "Person %c%c%c Full", 'a' + i % 26, 'a' + i / 26 % 26, 'a' + i / 676 % 26);
			snprintf(mail, sizeof(mail), "p%d@example.org", i);
			c.name = strdup(name);
			kith_strlist_push(&c.emails, mail);
			kith_strlist_push(&c.tags, "full");
			rc = kith_contact_merger_add(m, &c, NULL, NULL);
			kith_contact_release(&c);
		}
		if (rc == KITH_OK)
			rc = kith_contact_merger_finish(m);
		CHECK_MSG(rc == KITH_ERR, "a full disk while the writer writes: the import fails");
		CHECK_MSG(i > 256 + 512, "a full disk: after a set went to the writer");
		printf("# full after %d contacts\n", i);
		CHECK_MSG(strstr(kith_errmsg(a), "full") != NULL, "a full disk: SQLite's message");
		if (!strstr(kith_errmsg(a), "full"))
			printf("#   %s\n", kith_errmsg(a));
		kith_contact_merger_free(m);
		kith_rollback(a);
		sqlite3_exec(kith_db(a), "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL);
		CHECK_MSG(count_of(a, "SELECT count(*) FROM person") == 0, "a full disk: nobody added");
		CHECK_MSG(count_of(a, INDEXES_SET_ASIDE) == 2, "a full disk: the indexes are there");
		testdb_close_at(a, pa);
	}
	return tap_done();
}
