/*
 * Unit tests for lib/search.c: kith_find over people and interaction
 * notes, against a real temporary database.
 */
#include "kith/cadence.h"
#include "kith/date.h"
#include "kith/interaction.h"
#include "kith/kith.h"
#include "kith/person.h"
#include "kith/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "testdb.h"

static struct kith *k;
static kith_day today;
static int64_t ada, zoe, grace, bob, carl, dan;

static kith_day day(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

static int64_t add(const char *name, const char *org, const char *title, const char *tag, const char *notes)
{
	struct kith_person_change c;
	int64_t id = 0;

	kith_person_change_init(&c);
	c.name = name;
	c.org = org;
	c.title = title;
	c.notes = notes;
	if (tag)
		kith_strlist_push(&c.add_tags, tag);
	if (kith_person_add(k, &c, &id) != KITH_OK)
		printf("# add %s: %s\n", name, kith_errmsg(k));
	kith_person_change_release(&c);
	return id;
}

static void log_touch(int64_t a, int64_t b, const char *kind, kith_day d, const char *note)
{
	int64_t who[2] = { a, b };
	if (kith_log(k, who, b ? 2 : 1, kind, d, note, NULL) != KITH_OK)
		printf("# log: %s\n", kith_errmsg(k));
}

#define MAX_GOT 16

static struct got {
	int n, stop_after;
	char ids[256];
	int64_t id[MAX_GOT];
	double score[MAX_GOT];
	char match[MAX_GOT][256];
	char name[MAX_GOT][64];
	int status[MAX_GOT];
	enum kith_rc rc;
} g;

static int collect(void *ctx, const struct kith_row *r)
{
	size_t len = strlen(g.ids);

	(void)ctx;
	snprintf(g.ids + len, sizeof(g.ids) - len, "%s%lld", len ? "," : "", (long long)r->id);
	if (g.n < MAX_GOT) {
		g.id[g.n] = r->id;
		g.score[g.n] = r->score;
		snprintf(g.match[g.n], sizeof(g.match[0]), "%s", r->match ? r->match : "(null)");
		snprintf(g.name[g.n], sizeof(g.name[0]), "%s", r->name);
		g.status[g.n] = (int)r->status;
	}
	g.n++;
	return g.stop_after && g.n >= g.stop_after;
}

/* The ids found for text ("3,4,5"), or "EINPUT: message" / "ERR: message". */
static const char *find_limit(const char *text, size_t limit)
{
	int stop = g.stop_after;

	memset(&g, 0, sizeof(g));
	g.stop_after = stop;
	g.rc = kith_find(k, text, limit, collect, NULL);
	if (g.rc == KITH_EINPUT)
		snprintf(g.ids, sizeof(g.ids), "EINPUT: %.200s", kith_errmsg(k));
	else if (g.rc != KITH_OK)
		snprintf(g.ids, sizeof(g.ids), "ERR: %.200s", kith_errmsg(k));
	return g.ids;
}

static const char *find(const char *text)
{
	return find_limit(text, 0);
}

static const char *ids(int64_t a, int64_t b, int64_t c)
{
	static char buf[8][64];
	static int which;
	char *out = buf[which++ % 8];
	int64_t v[3] = { a, b, c };
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < 3 && v[i]; i++)
		len += (size_t)snprintf(out + len, 64 - len, "%s%lld", len ? "," : "", (long long)v[i]);
	return out;
}

static void setup(void)
{
	ada = add("Ada Lovelace", "Analytical Engines", "Mathematician", "mentor", "Pioneer of computing; loves poetry");
	zoe = add("Zoë Ångström", "Société Générale", NULL, "friend", NULL);
	grace = add("Grace Hopper", "US Navy", NULL, NULL, "Invented the compiler; school project judge");
	bob = add("Bob Builder", NULL, NULL, NULL, NULL);
	carl = add("Carl Sagan", NULL, NULL, NULL, NULL);
	dan = add("Dan Brown", NULL, NULL, NULL, NULL);

	log_touch(carl, 0, "call", day(2026, 10, 1), "school project follow-up");
	log_touch(bob, 0, "coffee", day(2026, 8, 2), "an older school visit");
	log_touch(bob, 0, "coffee", day(2026, 11, 23), "talked about her school project and robotics");
	log_touch(bob, dan, "meeting", day(2026, 9, 1), "quarterly review");
	log_touch(grace, 0, "email", day(2026, 11, 1), "sent the school project rubric");
	log_touch(zoe, 0, "message", day(2026, 11, 2), NULL);
}

static void test_fields(void)
{
	CHECK_STR(find("zoe"), ids(zoe, 0, 0));
	CHECK_STR(g.match[0], "name: [Zoë] Ångström");
	CHECK_STR(g.name[0], "Zoë Ångström");
	CHECK(g.score[0] > 0);
	CHECK_STR(find("ZOË"), ids(zoe, 0, 0));
	CHECK_STR(find("Ångström"), ids(zoe, 0, 0));
	CHECK_STR(find("angs"), ids(zoe, 0, 0));
	CHECK_STR(find("ada"), ids(ada, 0, 0));
	CHECK_STR(g.match[0], "name: [Ada] Lovelace");
	CHECK_STR(find("lovelace ada"), ids(ada, 0, 0));
	CHECK_STR(find("mentor"), ids(ada, 0, 0));
	CHECK_STR(g.match[0], "tags: [mentor]");
	CHECK_STR(find("societe"), ids(zoe, 0, 0));
	CHECK_STR(g.match[0], "org: [Société] Générale");
	CHECK_STR(find("mathematician"), ids(ada, 0, 0));
	CHECK_STR(find("navy"), ids(grace, 0, 0));
	CHECK_STR(find("poetry"), ids(ada, 0, 0));
	CHECK_STR(g.match[0], "notes: Pioneer of computing; loves [poetry]");
	/* the words may match in several fields: each is shown, the name only alone */
	CHECK_STR(find("mentor poetry"), ids(ada, 0, 0));
	CHECK_STR(g.match[0], "tags: [mentor]; notes: Pioneer of computing; loves [poetry]");
	CHECK_STR(find("lovelace poetry"), ids(ada, 0, 0));
	CHECK_STR(g.match[0], "notes: Pioneer of computing; loves [poetry]");
	CHECK_STR(find("robotics"), ids(bob, 0, 0));
	CHECK_STR(g.match[0], "coffee 2026-11-23: talked about her school project and [robotics]");
	CHECK(g.score[0] < 0);
	CHECK_STR(find("xyzzy"), "");
	CHECK_INT(g.rc, KITH_OK);
}

static void test_order(void)
{
	/*
	 * Grace's own notes match: she comes first, once, though an email of
	 * hers matches too; then the interactions, newest first; Bob once
	 * though two of his coffees match "school".
	 */
	CHECK_STR(find("school project"), "3,4,5");
	CHECK_INT(g.id[0], grace);
	CHECK_STR(g.match[0], "notes: Invented the compiler; [school project] judge");
	CHECK_STR(g.match[1], "coffee 2026-11-23: talked about her [school project] and robotics");
	CHECK_STR(g.match[2], "call 2026-10-01: [school project] follow-up");
	CHECK(g.score[0] > g.score[1]);
	CHECK(g.score[1] > g.score[2]);
	CHECK_STR(find("school"), ids(grace, bob, carl));
	CHECK_STR(find("SCHOOL PROJ"), ids(grace, bob, carl));
	/* an interaction with two people gives both */
	CHECK_STR(find("quarterly"), ids(bob, dan, 0));
	CHECK_STR(g.match[1], "meeting 2026-09-01: [quarterly] review");
	CHECK(g.score[0] > g.score[1]);
	/* several words must all match, in the same record */
	CHECK_STR(find("school robotics"), ids(bob, 0, 0));
	CHECK_STR(find("poetry robotics"), "");
	/* limit */
	CHECK_STR(find_limit("school", 1), ids(grace, 0, 0));
	CHECK_STR(find_limit("school", 2), ids(grace, bob, 0));
	/* fn returning non-zero stops */
	g.stop_after = 1;
	CHECK_STR(find("school"), ids(grace, 0, 0));
	g.stop_after = 0;
}

static void test_syntax(void)
{
	/* FTS5 syntax in the text is only words */
	CHECK_STR(find("\"school"), ids(grace, bob, carl));
	CHECK_STR(find("school\" OR \"ada"), ""); /* three words: school, or, ada */
	CHECK_STR(find("school*"), ids(grace, bob, carl));
	CHECK_STR(find("NEAR(school project)"), "");
	CHECK_STR(find("NEAR("), "");
	CHECK_INT(g.rc, KITH_OK);
	CHECK_STR(find("school AND project"), ids(bob, 0, 0)); /* "and" is a word: "... and robotics" */
	CHECK_STR(find("AND"), ids(bob, 0, 0));
	CHECK_STR(find("-school"), ids(grace, bob, carl));
	CHECK_STR(find("school -project"), ids(grace, bob, carl));
	CHECK_STR(find("name:zoe"), "");
	CHECK_STR(find("^zoe"), ids(zoe, 0, 0));
	CHECK_STR(find("{name}: zoe"), "");
	CHECK_STR(find("zoe:"), ids(zoe, 0, 0));
	CHECK_STR(find("zoe;'--"), ids(zoe, 0, 0));
	CHECK_STR(find("zoe 🙂"), ids(zoe, 0, 0));
	CHECK_STR(find("— zoe —"), ids(zoe, 0, 0));
	CHECK_STR(find("« zoe »"), ids(zoe, 0, 0));
	CHECK_STR(find("zoe\xff\xfe"), ids(zoe, 0, 0));
	CHECK_STR(find("\tzoe\n"), ids(zoe, 0, 0));

	/* nothing to search for */
	CHECK_STR(find(""), "EINPUT: nothing to search for in ''");
	CHECK_STR(find("   "), "EINPUT: nothing to search for in '   '");
	CHECK_STR(find("\""), "EINPUT: nothing to search for in '\"'");
	CHECK_STR(find("*"), "EINPUT: nothing to search for in '*'");
	CHECK_STR(find("-"), "EINPUT: nothing to search for in '-'");
	CHECK_STR(find("🙂 —"), "EINPUT: nothing to search for in '🙂 —'");
	CHECK_STR(find("(\n)"), "EINPUT: nothing to search for in '(?)'");
	CHECK_STR(find(NULL), "EINPUT: nothing to search for in ''");
	{
		char big[1100];
		char words[200] = "";
		memset(big, 'a', 1000);
		big[1000] = '\0';
		CHECK_STR(find(big), "");
		CHECK_INT(g.rc, KITH_OK);
		big[1000] = 'a';
		big[1001] = '\0';
		CHECK_STR(find(big), "EINPUT: the search is too long (1000 bytes at most)");
		for (int i = 0; i < 32; i++)
			memcpy(words + 4 * i, "sch ", 5);
		CHECK_STR(find(words), ids(grace, bob, carl));
		memcpy(words + 4 * 32, "sch", 4);
		CHECK_STR(find(words), "EINPUT: too many words in the search (32 at most)");
	}
}

/*
 * The search row follows every change of a person, through the library's
 * one way of making each: what they no longer have finds them no more,
 * and the index holds exactly the terms of what they have.
 */
static void test_follows_changes(void)
{
	struct kith_person_change c;
	int64_t dup = 0;

	CHECK_INT(testdb_fts_drift(k), 0);

	kith_person_change_init(&c);
	c.org = "Acme Robotics";
	c.notes = "likes jazz";
	kith_strlist_push(&c.add_tags, "climbing");
	kith_strlist_push(&c.add_emails, "zoe@example.org");
	CHECK_INT(kith_person_edit(k, zoe, &c), KITH_OK);
	kith_person_change_release(&c);
	CHECK_STR(find("societe"), "");
	CHECK_STR(find("acme"), ids(zoe, 0, 0));
	CHECK_STR(find("climbing friend jazz example"), ids(zoe, 0, 0));
	CHECK_INT(testdb_fts_drift(k), 0);

	kith_person_change_init(&c);
	c.name = "Zoë Smith";
	kith_strlist_push(&c.rm_tags, "friend");
	kith_strlist_push(&c.rm_emails, "zoe@example.org");
	CHECK_INT(kith_person_edit(k, zoe, &c), KITH_OK);
	kith_person_change_release(&c);
	CHECK_STR(find("angstrom"), "");
	CHECK_STR(find("friend"), "");
	CHECK_STR(find("example"), "");
	CHECK_STR(find("smith climbing"), ids(zoe, 0, 0));
	CHECK_INT(testdb_fts_drift(k), 0);

	/* an edit that fails leaves the search as it was */
	kith_person_change_init(&c);
	c.org = "Never Saved";
	c.birthday = "1990-02-30";
	CHECK_INT(kith_person_edit(k, zoe, &c), KITH_EINPUT);
	kith_person_change_release(&c);
	CHECK_STR(find("never"), "");
	CHECK_STR(find("acme"), ids(zoe, 0, 0));
	CHECK_INT(testdb_fts_drift(k), 0);

	/* a merge: the kept record finds by the merged one's lists, the merged one is gone */
	dup = add("Zed Duplicate", "Dup Org", NULL, "dupetag", "met at the dup meetup");
	CHECK_STR(find("dupetag"), ids(dup, 0, 0));
	CHECK_INT(kith_person_merge(k, dup, zoe, NULL), KITH_OK);
	CHECK_STR(find("dupetag"), ids(zoe, 0, 0));
	CHECK_STR(find("zed"), "");
	CHECK_STR(find("acme meetup"), ids(zoe, 0, 0));
	CHECK_INT(testdb_fts_drift(k), 0);

	CHECK_INT(kith_person_rm(k, dan, NULL), KITH_OK);
	CHECK_STR(find("brown"), "");
	CHECK_INT(testdb_fts_drift(k), 0);
}

int main(void)
{
	char path[] = "/tmp/kith-test-search-XXXXXX";
	char err[512], side[64];
	int fd = mkstemp(path);

	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	today = day(2026, 11, 26);
	CHECK(kith_open(path, today, &k, err, sizeof(err)) == KITH_OK);
	if (k) {
		setup();
		CHECK(ada == 1 && zoe == 2 && grace == 3 && bob == 4 && carl == 5 && dan == 6);
		test_fields();
		test_order();
		test_syntax();
		test_follows_changes();
		kith_close(k);
	} else {
		printf("# %s\n", err);
	}
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	return tap_done();
}
