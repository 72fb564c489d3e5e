/*
 * Unit tests for lib/filter.c: parsing `ls` terms and sort names, and
 * kith_list against a real temporary database.
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

static char errbuf[256];

/* Parse space-separated terms into f (initialized here); 0 or -1. */
static int parse_into(struct kith_filter *f, const char *terms)
{
	char buf[512], *argv[64], *p = buf;
	size_t n = 0;

	snprintf(buf, sizeof(buf), "%s", terms);
	kith_filter_init(f);
	while (*p && n < 64) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		argv[n++] = p;
		p += strcspn(p, " ");
		if (*p)
			*p++ = '\0';
	}
	errbuf[0] = '\0';
	return kith_filter_parse(f, (const char *const *)argv, n, errbuf, sizeof(errbuf));
}

/* Parse one term (may contain spaces); the error message, or "" when it parses. */
static const char *parse_error(const char *term)
{
	struct kith_filter f;
	const char *argv[1] = { term };

	kith_filter_init(&f);
	errbuf[0] = '\0';
	if (kith_filter_parse(&f, argv, 1, errbuf, sizeof(errbuf)) == 0)
		errbuf[0] = '\0';
	else if (!errbuf[0])
		snprintf(errbuf, sizeof(errbuf), "(failed without a message)");
	kith_filter_release(&f);
	return errbuf;
}

static void test_parse(void)
{
	struct kith_filter f;
	const char *many[65];

	CHECK(parse_into(&f, "+Mentor +close-friend -Work org:Acme title:cto circle:inner circle:WIDE"
			     " due overdue ok never snoozed due:2w due:1w ada") == 0);
	CHECK_INT(f.tags.n, 2);
	CHECK_STR(f.tags.v[0], "mentor");
	CHECK_STR(f.tags.v[1], "close-friend");
	CHECK_INT(f.not_tags.n, 1);
	CHECK_STR(f.not_tags.v[0], "work");
	CHECK_INT(f.orgs.n, 1);
	CHECK_STR(f.orgs.v[0], "Acme");
	CHECK_INT(f.titles.n, 1);
	CHECK_STR(f.titles.v[0], "cto");
	CHECK_INT(f.circles, (1u << KITH_CIRCLE_INNER) | (1u << KITH_CIRCLE_WIDE));
	CHECK(f.due && f.overdue && f.ok && f.never && f.snoozed);
	CHECK_INT(f.due_within_set, 1);
	CHECK_INT(f.due_within, 7); /* the tighter of 2w and 1w */
	CHECK_INT(f.words.n, 1);
	CHECK_STR(f.words.v[0], "ada");
	kith_filter_release(&f);
	CHECK_INT(f.tags.n, 0);
	kith_filter_release(&f); /* twice is fine */
	kith_filter_release(NULL);

	CHECK(parse_into(&f, "") == 0);
	CHECK(!f.due && !f.tags.n && !f.words.n && !f.circles && !f.due_within_set);
	kith_filter_release(&f);

	/* a term with spaces is one word; surrounding spaces are trimmed */
	CHECK_STR(parse_error(" ada lovelace "), "");
	CHECK_STR(parse_error("org: Société Générale"), "");
	CHECK_STR(parse_error("DUE"), "");
	CHECK_STR(parse_error("due:10 days"), "");
	CHECK_STR(parse_error("100%"), "");

	CHECK_STR(parse_error("circle:nope"), "unknown circle in 'circle:nope' (inner, close, active, wide or none)");
	CHECK_STR(parse_error("due:xyz"), "invalid duration in 'due:xyz' (try due:3d, due:2w or due:1m)");
	CHECK_STR(parse_error("due:0d"), "invalid duration in 'due:0d' (try due:3d, due:2w or due:1m)");
	CHECK_STR(parse_error("+"), "empty tag in '+' (try +friend or -work)");
	CHECK_STR(parse_error("-"), "empty tag in '-' (try +friend or -work)");
	CHECK(strstr(parse_error("+xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
		     "invalid tag in") != NULL);
	CHECK_STR(parse_error("org:"), "empty organization in 'org:' (try org:acme)");
	CHECK_STR(parse_error("org:   "), "empty organization in 'org:' (try org:acme)");
	CHECK_STR(parse_error("title:"), "empty title in 'title:' (try title:engineer)");
	CHECK_STR(parse_error("tilte:cto"), "unknown filter in 'tilte:cto' (org:, title:, circle: or due:)");
	CHECK_STR(parse_error("   "), "empty filter term '' (try due, +friend or org:acme)");
	CHECK_STR(parse_error("circle:a\nb"), "unknown circle in 'circle:a?b' (inner, close, active, wide or none)");
	{
		char big[1200];
		memset(big, 'a', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		CHECK(strstr(parse_error(big), "filter term too long") != NULL);
		CHECK(strlen(errbuf) < 160); /* the term is cut in the message */
	}
	for (int i = 0; i < 65; i++)
		many[i] = "due";
	kith_filter_init(&f);
	CHECK(kith_filter_parse(&f, many, 65, errbuf, sizeof(errbuf)) == -1);
	CHECK_STR(errbuf, "too many filter terms (64 at most)");
	kith_filter_release(&f);
	kith_filter_init(&f);
	CHECK(kith_filter_parse(&f, many, 64, NULL, 0) == 0);
	CHECK(kith_filter_parse(&f, many, 1, errbuf, 0) == 0);
	kith_filter_release(&f);
	/* no message buffer: fails all the same */
	{
		const char *bad[1] = { "circle:nope" };
		kith_filter_init(&f);
		CHECK(kith_filter_parse(&f, bad, 1, NULL, 0) == -1);
		kith_filter_release(&f);
	}

	CHECK_INT(kith_sort_parse("name"), KITH_SORT_NAME);
	CHECK_INT(kith_sort_parse("due"), KITH_SORT_DUE);
	CHECK_INT(kith_sort_parse("last"), KITH_SORT_LAST);
	CHECK_INT(kith_sort_parse("added"), KITH_SORT_ADDED);
	CHECK_INT(kith_sort_parse("circle"), KITH_SORT_CIRCLE);
	CHECK_INT(kith_sort_parse("nope"), -1);
	CHECK_INT(kith_sort_parse(""), -1);
	CHECK_INT(kith_sort_parse(NULL), -1);
}

/* ---- kith_list against a database ---- */

static struct kith *k;
static kith_day today;
static int64_t ada, zoe, grace, bob, carl, dan;

static kith_day day(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

static int64_t add(const char *name, const char *org, const char *title, int circle,
		   int ideal, int max, const char *tags)
{
	struct kith_person_change c;
	char buf[128], *p;
	int64_t id = 0;

	kith_person_change_init(&c);
	c.name = name;
	c.org = org;
	c.title = title;
	c.circle = circle;
	c.set_cadence = 1;
	c.cadence.ideal = ideal;
	c.cadence.max = max;
	snprintf(buf, sizeof(buf), "%s", tags);
	p = buf;
	while (*p) {
		size_t n = strcspn(p, " ");
		char save = p[n];
		p[n] = '\0';
		if (n)
			kith_strlist_push(&c.add_tags, p);
		p[n] = save;
		p += n;
		if (*p)
			p++;
	}
	if (kith_person_add(k, &c, &id) != KITH_OK)
		printf("# add %s: %s\n", name, kith_errmsg(k));
	kith_person_change_release(&c);
	return id;
}

static void touch(int64_t id, const char *kind, kith_day d)
{
	if (kith_log(k, &id, 1, kind, d, NULL, NULL) != KITH_OK)
		printf("# log: %s\n", kith_errmsg(k));
}

struct got {
	char ids[256];
	int calls, stop_after;
	struct kith_row first;
	char first_name[64], first_kind[32];
	int first_has_org;
};

static int collect(void *ctx, const struct kith_row *r)
{
	struct got *g = ctx;
	size_t len = strlen(g->ids);

	snprintf(g->ids + len, sizeof(g->ids) - len, "%s%lld", len ? "," : "", (long long)r->id);
	if (g->calls++ == 0) {
		g->first = *r;
		snprintf(g->first_name, sizeof(g->first_name), "%s", r->name);
		snprintf(g->first_kind, sizeof(g->first_kind), "%s", r->last_kind ? r->last_kind : "(null)");
		g->first_has_org = r->org != NULL;
	}
	return g->stop_after && g->calls >= g->stop_after;
}

static struct got g;

/* The ids listed for space-separated terms, "1,4,5", or "ERR: ..." */
static const char *ls_sorted(const char *terms, enum kith_sort sort, size_t limit)
{
	struct kith_filter f;
	enum kith_rc rc;

	memset(&g, 0, sizeof(g));
	if (parse_into(&f, terms)) {
		snprintf(g.ids, sizeof(g.ids), "PARSE: %.200s", errbuf);
		kith_filter_release(&f);
		return g.ids;
	}
	rc = kith_list(k, &f, sort, limit, collect, &g);
	if (rc != KITH_OK)
		snprintf(g.ids, sizeof(g.ids), "ERR %d: %s", (int)rc, kith_errmsg(k));
	kith_filter_release(&f);
	return g.ids;
}

/* The ids listed for one term, by name. */
static const char *ls1(const char *term)
{
	struct kith_filter f;
	const char *t[1] = { term };

	memset(&g, 0, sizeof(g));
	kith_filter_init(&f);
	if (kith_filter_parse(&f, t, 1, errbuf, sizeof(errbuf)))
		snprintf(g.ids, sizeof(g.ids), "PARSE: %.200s", errbuf);
	else if (kith_list(k, &f, KITH_SORT_NAME, 0, collect, &g) != KITH_OK)
		snprintf(g.ids, sizeof(g.ids), "ERR: %.200s", kith_errmsg(k));
	kith_filter_release(&f);
	return g.ids;
}

static const char *ls(const char *terms)
{
	return ls_sorted(terms, KITH_SORT_NAME, 0);
}

static const char *ids(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f)
{
	static char buf[8][128];
	static int which;
	char *out = buf[which++ % 8];
	int64_t v[6] = { a, b, c, d, e, f };
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < 6 && v[i]; i++)
		len += (size_t)snprintf(out + len, 128 - len, "%s%lld", len ? "," : "", (long long)v[i]);
	return out;
}

static void test_list(void)
{
	char path[] = "/tmp/kith-test-filter-XXXXXX";
	char err[512], side[64];
	int fd = mkstemp(path);
	struct kith_filter f;

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	today = day(2026, 11, 26);
	CHECK(kith_open(path, today, &k, err, sizeof(err)) == KITH_OK);
	if (!k) {
		printf("# %s\n", err);
		unlink(path);
		return;
	}

	ada = add("Ada Lovelace", "Analytical Engines", "Mathematician", KITH_CIRCLE_INNER, 30, 45, "mentor math");
	zoe = add("Zoë Ångström", "Société Générale", "CTO", KITH_CIRCLE_CLOSE, 14, 21, "friend");
	grace = add("Grace Hopper", "US Navy", "Rear Admiral", KITH_CIRCLE_ACTIVE, 7, 10, "");
	bob = add("Bob 100% _Under\\score", "Acme_Corp", NULL, KITH_CIRCLE_WIDE, 30, 60, "work friend");
	carl = add("Carl None", NULL, NULL, KITH_CIRCLE_NONE, 0, 0, "");
	dan = add("Dan Snooze", "Acme", "Engineer", KITH_CIRCLE_WIDE, 7, 14, "");
	CHECK(ada == 1 && zoe == 2 && grace == 3 && bob == 4 && carl == 5 && dan == 6);

	touch(ada, "coffee", day(2026, 11, 20));   /* due 12-20: ok */
	touch(zoe, "call", day(2026, 5, 20));      /* older call, then: */
	touch(zoe, "call", day(2026, 6, 1));       /* due 06-15, overdue 06-22 */
	touch(bob, "email", day(2026, 10, 1));     /* due 10-31, overdue 11-30: due */
	touch(dan, "message", day(2026, 11, 1));   /* due 11-08, overdue 11-15 ... */
	CHECK(kith_person_snooze(k, dan, day(2026, 12, 5)) == KITH_OK); /* ... snoozed: ok */
	/* grace: never in touch, falls due 1..7 days after today; carl: no cadence */

	/* every term kind */
	CHECK_STR(ls(""), ids(ada, bob, carl, dan, grace, zoe));
	CHECK_STR(ls("due"), ids(bob, zoe, 0, 0, 0, 0));
	CHECK_STR(ls("overdue"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("ok"), ids(ada, dan, grace, 0, 0, 0));
	CHECK_STR(ls("never"), ids(carl, grace, 0, 0, 0, 0));
	CHECK_STR(ls("snoozed"), ids(dan, 0, 0, 0, 0, 0));
	CHECK_STR(ls("due:1w"), ids(bob, grace, zoe, 0, 0, 0));
	CHECK_STR(ls("due:10d"), ids(bob, dan, grace, zoe, 0, 0));
	CHECK_STR(ls("due due:1w"), ids(bob, zoe, 0, 0, 0, 0));
	CHECK_STR(ls("due ok"), "");
	CHECK_STR(ls("never ok"), ids(grace, 0, 0, 0, 0, 0));
	CHECK_STR(ls("+friend"), ids(bob, zoe, 0, 0, 0, 0));
	CHECK_STR(ls("+Friend -work"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("+mentor +math"), ids(ada, 0, 0, 0, 0, 0));
	CHECK_STR(ls("+mentor +friend"), "");
	CHECK_STR(ls("-friend"), ids(ada, carl, dan, grace, 0, 0));
	CHECK_STR(ls("+nobody"), "");
	CHECK_STR(ls("circle:inner"), ids(ada, 0, 0, 0, 0, 0));
	CHECK_STR(ls("circle:inner circle:close"), ids(ada, zoe, 0, 0, 0, 0));
	CHECK_STR(ls("circle:none"), ids(carl, 0, 0, 0, 0, 0));
	CHECK_STR(ls("circle:wide due"), ids(bob, 0, 0, 0, 0, 0));

	/* org and title: contains, case- and accent-insensitive */
	CHECK_STR(ls("org:societe"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("org:SOCIÉTÉ"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("org:acme"), ids(bob, dan, 0, 0, 0, 0));
	CHECK_STR(ls("title:cto"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("title:admiral"), ids(grace, 0, 0, 0, 0, 0));
	CHECK_STR(ls("org:acme title:engineer"), ids(dan, 0, 0, 0, 0, 0));
	/* LIKE's wildcards in the text are plain characters */
	CHECK_STR(ls("org:_"), ids(bob, 0, 0, 0, 0, 0));
	CHECK_STR(ls("org:e_c"), ids(bob, 0, 0, 0, 0, 0));
	CHECK_STR(ls("org:%"), "");
	CHECK_STR(ls("%"), ids(bob, 0, 0, 0, 0, 0));
	CHECK_STR(ls("_"), ids(bob, 0, 0, 0, 0, 0));
	CHECK_STR(ls("\\"), ids(bob, 0, 0, 0, 0, 0));
	CHECK_STR(ls("100%"), ids(bob, 0, 0, 0, 0, 0));
	CHECK_STR(ls("'"), "");
	CHECK_STR(ls1("\"); DROP TABLE person; --"), "");
	CHECK_STR(ls1("org:'); DROP TABLE person; --"), "");
	CHECK_STR(ls("--"), "PARSE: empty tag in '--' (try +friend or -work)");

	/* words: name, organization or title */
	CHECK_STR(ls("zoe"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("ZOË"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("angstrom"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("love"), ids(ada, 0, 0, 0, 0, 0));
	CHECK_STR(ls("navy"), ids(grace, 0, 0, 0, 0, 0));
	CHECK_STR(ls("mathem"), ids(ada, 0, 0, 0, 0, 0));
	CHECK_STR(ls("generale"), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls("a"), ids(ada, bob, carl, dan, grace, zoe));
	CHECK_STR(ls("ada zoe"), "");
	CHECK_STR(ls("due +friend org:acme"), ids(bob, 0, 0, 0, 0, 0));
	kith_filter_init(&f);
	{
		const char *t[1] = { "  grace   hopper " };
		memset(&g, 0, sizeof(g));
		CHECK(kith_filter_parse(&f, t, 1, errbuf, sizeof(errbuf)) == 0);
		CHECK(kith_list(k, &f, KITH_SORT_NAME, 0, collect, &g) == KITH_OK);
		CHECK_STR(g.ids, ids(grace, 0, 0, 0, 0, 0));
	}
	kith_filter_release(&f);

	/* sorts, with a deterministic tiebreak */
	CHECK_STR(ls_sorted("", KITH_SORT_NAME, 0), ids(ada, bob, carl, dan, grace, zoe));
	CHECK_STR(ls_sorted("", KITH_SORT_DUE, 0), ids(zoe, bob, grace, dan, ada, carl));
	CHECK_STR(ls_sorted("", KITH_SORT_LAST, 0), ids(carl, grace, zoe, bob, dan, ada));
	CHECK_STR(ls_sorted("", KITH_SORT_ADDED, 0), ids(dan, carl, bob, grace, zoe, ada));
	CHECK_STR(ls_sorted("", KITH_SORT_CIRCLE, 0), ids(ada, zoe, grace, bob, dan, carl));
	CHECK_STR(ls_sorted("due", KITH_SORT_DUE, 0), ids(zoe, bob, 0, 0, 0, 0));
	CHECK_STR(ls_sorted("-friend", KITH_SORT_LAST, 0), ids(carl, grace, dan, ada, 0, 0));
	CHECK_STR(ls_sorted("", KITH_SORT_NAME, 2), ids(ada, bob, 0, 0, 0, 0));
	CHECK_STR(ls_sorted("", KITH_SORT_DUE, 1), ids(zoe, 0, 0, 0, 0, 0));
	CHECK_STR(ls_sorted("", KITH_SORT_NAME, (size_t)-1), ids(ada, bob, carl, dan, grace, zoe));
	CHECK(strncmp(ls_sorted("", (enum kith_sort)7, 0), "ERR 1:", 6) == 0);

	/* the fields of a row */
	ls("love");
	CHECK_INT(g.calls, 1);
	CHECK_INT(g.first.id, ada);
	CHECK_STR(g.first_name, "Ada Lovelace");
	CHECK_INT(g.first.circle, KITH_CIRCLE_INNER);
	CHECK_INT(g.first.created, today);
	CHECK_INT(g.first.last_touch, day(2026, 11, 20));
	CHECK_STR(g.first_kind, "coffee");
	CHECK_INT(g.first.cadence_days, 30);
	CHECK_INT(g.first.due_on, day(2026, 12, 20));
	CHECK_INT(g.first.overdue_on, day(2027, 1, 4));
	CHECK_INT(g.first.status, KITH_STATUS_OK);
	CHECK(g.first.score == 0.0);
	CHECK(g.first.match == NULL);
	CHECK(g.first_has_org);
	ls("carl");
	CHECK_INT(g.first.id, carl);
	CHECK_INT(g.first.last_touch, KITH_NO_DAY);
	CHECK_STR(g.first_kind, "(null)");
	CHECK_INT(g.first.cadence_days, 0);
	CHECK_INT(g.first.due_on, KITH_NO_DAY);
	CHECK_INT(g.first.status, KITH_STATUS_NONE);
	CHECK(!g.first_has_org);
	ls("overdue");
	CHECK_INT(g.first.status, KITH_STATUS_OVERDUE);
	ls("bob");
	CHECK_INT(g.first.status, KITH_STATUS_DUE);
	CHECK(g.first.title == NULL);

	/* fn returning non-zero stops */
	kith_filter_init(&f);
	memset(&g, 0, sizeof(g));
	g.stop_after = 2;
	CHECK(kith_list(k, &f, KITH_SORT_NAME, 0, collect, &g) == KITH_OK);
	CHECK_INT(g.calls, 2);
	CHECK_STR(g.ids, ids(ada, bob, 0, 0, 0, 0));
	kith_filter_release(&f);

	/* a list works inside the caller's transaction, and twice in a row */
	CHECK(kith_begin(k) == KITH_OK);
	CHECK_STR(ls("org:acme"), ids(bob, dan, 0, 0, 0, 0));
	CHECK_STR(ls("org:acme"), ids(bob, dan, 0, 0, 0, 0));
	kith_rollback(k);

	kith_close(k);
	k = NULL;
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

int main(void)
{
	test_parse();
	test_list();
	return tap_done();
}
