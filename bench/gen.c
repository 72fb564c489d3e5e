/*
 * bench/gen: fill an empty kith database with a synthetic network.
 *
 *   gen --db FILE --people N --interactions M [--seed S] [--hints] [-v]
 *   gen --db FILE --demo [--people N] [--interactions M] [--seed S]
 *
 * The database is opened with kith_open(), so the schema is the library's
 * own (its migrations), and "today" is kith_today() (KITH_TODAY when set).
 * A database that already holds people or interactions is refused. The
 * rows are then written directly with SQL, in one transaction, the way an
 * import would, and kith_refresh_all() computes the derived columns.
 *
 * The same seed and the same today give the same database, byte for byte
 * in content: the generator has its own PRNG (xoshiro256**) and every date
 * is relative to today.
 *
 * The model (see README.md): Dunbar's layers for circles, a power law of
 * tie strength (a few people get hundreds of touches, most 0-3), closer
 * circles touched more and more recently, distant ties going dormant,
 * Zipf-distributed organizations and interests. Then what a network in
 * use holds besides: resources (some shared), organizations with members
 * and events, introductions in every state, who knows whom, milestones,
 * goals with targets and posts.
 *
 * --demo builds the small network of `make demo` instead: ~150 people over
 * two years, with a handful of hand-written people that give `kith today`
 * something to say (a call yesterday to thank for, a birthday in three
 * days, overdue close friends, two pairs worth introducing, a dormant tie).
 *
 * --hints prints, on stdout, facts the benchmark needs: the person with the
 * most interactions, a unique name prefix, a word found in notes, a
 * resource to share.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "kith/cadence.h"
#include "kith/date.h"
#include "kith/kith.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "words.h"
#include "banned.h"

#define MAX_TAGS 6
#define MAX_WITH 4 /* people in one interaction */
#define NO_DAY (-2147483647L)

/* ---- PRNG: splitmix64 to seed xoshiro256** ---- */

struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Independent streams from one seed: the people, the interactions, ... */
static void rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n), n <= 2^32 (multiply-shift; bias below 2^-32). */
static uint32_t rng_below(struct rng *r, uint64_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * n) >> 32);
}

/* Uniform in [0, 1). */
static double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static int rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}

/* Exponential with the given mean. */
static double rng_expo(struct rng *r, double mean)
{
	return -mean * log(1.0 - rng_unit(r));
}

static const char *rng_pick(struct rng *r, const struct wordlist *w)
{
	return w->v[rng_below(r, w->n)];
}

/* ---- weighted choice: a cumulative table, binary search ---- */

struct cdf {
	double *c; /* c[i] = w[0] + ... + w[i] */
	size_t n;
};

static void cdf_build(struct cdf *d, const double *w, size_t n)
{
	double sum = 0;
	d->c = xmalloc((n ? n : 1) * sizeof(*d->c));
	d->n = n;
	for (size_t i = 0; i < n; i++)
		d->c[i] = sum += w[i];
}

/* Zipf: weight of rank i is 1 / (i + 1)^s. */
static void cdf_zipf(struct cdf *d, size_t n, double s)
{
	double *w = xmalloc((n ? n : 1) * sizeof(*w));
	for (size_t i = 0; i < n; i++)
		w[i] = 1.0 / pow((double)(i + 1), s);
	cdf_build(d, w, n);
	free(w);
}

static double cdf_total(const struct cdf *d)
{
	return d->n ? d->c[d->n - 1] : 0;
}

/* An index drawn by weight; entries of weight 0 are never drawn. */
static size_t cdf_pick(const struct cdf *d, struct rng *r)
{
	double x = rng_unit(r) * cdf_total(d);
	size_t lo = 0, hi = d->n - 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->c[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static void cdf_release(struct cdf *d)
{
	free(d->c);
	d->c = NULL;
	d->n = 0;
}

/* ---- a set of strings by 64-bit hash (names, emails that must not repeat) ---- */

struct strset {
	uint64_t *h; /* 0 = empty slot */
	size_t n, cap;
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h ? h : 1;
}

static void strset_init(struct strset *s, size_t expect)
{
	s->cap = 64;
	while (s->cap < expect * 2)
		s->cap *= 2;
	s->h = xcalloc(s->cap, sizeof(*s->h));
	s->n = 0;
}

/* Add str; 1 when it was new, 0 when already there. The set never fills:
 * callers add at most the `expect` they sized it for. */
static int strset_add(struct strset *s, const char *str)
{
	uint64_t h = fnv1a(str);
	size_t i = (size_t)h & (s->cap - 1);
	while (s->h[i]) {
		if (s->h[i] == h)
			return 0;
		i = (i + 1) & (s->cap - 1);
	}
	if (s->n + 1 >= s->cap) /* full: treat as seen rather than loop */
		return 0;
	s->h[i] = h;
	s->n++;
	return 1;
}

static void strset_release(struct strset *s)
{
	free(s->h);
	s->h = NULL;
}

/* ---- kinds of interaction ---- */

struct kind_info {
	const char *name;
	double near, far;  /* share among touches with circles inner..active / wide, none */
	double multi;      /* chance of 2-4 people */
	double note;       /* chance of a note */
	const struct wordlist *notes;
};

static const struct kind_info kinds[] = {
	{ "message", 0.26, 0.32, 0.03, 0.30, &gen_notes_write },
	{ "email", 0.14, 0.26, 0.05, 0.35, &gen_notes_write },
	{ "coffee", 0.17, 0.09, 0.05, 0.55, &gen_notes_talk },
	{ "call", 0.17, 0.09, 0.04, 0.55, &gen_notes_talk },
	{ "meeting", 0.06, 0.07, 0.45, 0.50, &gen_notes_talk },
	{ "social", 0.08, 0.02, 0.30, 0.40, &gen_notes_talk },
	{ "event", 0.02, 0.04, 0.40, 0.40, &gen_notes_talk },
	{ "praise", 0.03, 0.02, 0.02, 0.45, &gen_notes_give },
	{ "share", 0.03, 0.025, 0.02, 0.60, &gen_notes_give },
	{ "intro", 0.01, 0.012, 1.00, 0.60, &gen_notes_give },
	{ "help", 0.02, 0.012, 0.03, 0.50, &gen_notes_give },
	{ "ask", 0.01, 0.01, 0.02, 0.50, &gen_notes_ask },
	{ "referral", 0.002, 0.004, 0.05, 0.60, &gen_notes_ask },
};
#define N_KINDS ((int)(sizeof(kinds) / sizeof(kinds[0])))
#define KIND_INTRO 9

static int kind_index(const char *name)
{
	for (int i = 0; i < N_KINDS; i++)
		if (!strcmp(kinds[i].name, name))
			return i;
	return -1;
}

/* ---- the demo's hand-written people ---- */

struct demo_person {
	const char *name;
	int circle;
	const char *org, *title, *location;
	const char *tags; /* space-separated, all in gen_tags */
	const char *goal;
	int bday_in;      /* birthday this many days from today; -1 none */
	int bday_year;    /* 0 when the year is unknown */
	int known;        /* added this many days ago */
	const char *met, *notes;
	int solo;         /* never in a group interaction (keeps intro pairs apart) */
};

static const struct demo_person demo_people[] = {
	{ "Maya Chen", KITH_CIRCLE_INNER, "Lumen Health", "VP Engineering", "San Francisco",
	  "ai health leadership", "hire a head of data", -1, 0, 700, "met at university",
	  "Daughter Lily just started school. Prefers calls on Friday mornings.", 0 },
	{ "Tomás Rivera", KITH_CIRCLE_CLOSE, "Quill Capital", "Partner", "Madrid",
	  "fintech venture-capital climate", NULL, -1, 0, 650, "met at Slush",
	  "Very generous with intros to investors.", 0 },
	{ "Zoë Martin", KITH_CIRCLE_CLOSE, "Atelier Nord Design", "Design Director", "Paris",
	  "design typography ux", NULL, 3, 1988, 600, "met at a design workshop", NULL, 0 },
	{ "Priya Nair", KITH_CIRCLE_CLOSE, "Brightline School", "Head of Curriculum", "Bengaluru",
	  "education edtech ai", "launch an AI literacy course", -1, 0, 500, NULL,
	  "Runs a small meetup on AI in classrooms.", 0 },
	{ "Jonas Berg", KITH_CIRCLE_INNER, "Fjord Robotics", "CTO", "Oslo",
	  "robotics rust climbing", NULL, 40, 1985, 720, "met at the old job",
	  "Moving to Bergen in the spring.", 0 },
	{ "Léa Dubois", KITH_CIRCLE_ACTIVE, "Monnaie Pay", "Founder & CEO", "Lyon",
	  "fintech payments startups", "raise a seed round", -1, 0, 300, "met at a fintech meetup", NULL, 1 },
	{ "Sam Okoye", KITH_CIRCLE_ACTIVE, "Ledgerly", "Co-founder", "Lagos",
	  "fintech payments open-banking", "raise a seed round", -1, 0, 250, "met at an accelerator demo day",
	  NULL, 1 },
	{ "Hannah Weiss", KITH_CIRCLE_ACTIVE, "Kestrel Learning", "Product Lead", "Berlin",
	  "education product-management", "start an edtech company", 120, 0, 400, NULL, NULL, 1 },
	{ "Kwame Mensah", KITH_CIRCLE_WIDE, "Accra Code Academy", "Director", "Accra",
	  "education coding-bootcamps", "start an edtech company", -1, 0, 350, "met at a hackathon", NULL, 1 },
	{ "Ingrid Sørensen", KITH_CIRCLE_WIDE, "Helix Bio", "Researcher", "Copenhagen",
	  "genomics research", NULL, -1, 0, 1500, "met at university",
	  "Was doing a PhD on genomics; may have moved to industry.", 0 },
	{ "Łukasz Nowak", KITH_CIRCLE_ACTIVE, "Vistula Data", "Data Scientist", "Kraków",
	  "data-science python chess", NULL, -1, 0, 450, "met at PyCon", NULL, 0 },
	{ "José Álvarez", KITH_CIRCLE_CLOSE, "Solar Commons Energy", "Operations Manager", "Mexico City",
	  "climate energy solar", "switch to climate work", -1, 0, 550, NULL, NULL, 0 },
	{ "Chloé Laurent", KITH_CIRCLE_WIDE, "Wren Studio", "Illustrator", "Montréal",
	  "design illustration", NULL, -1, 0, 200, "met at a design workshop", NULL, 0 },
	{ "Ada Ångström", KITH_CIRCLE_CLOSE, "Northwind Labs", "Principal Engineer", "Stockholm",
	  "mentor engineering-management rust", NULL, -1, 0, 700, NULL,
	  "Monthly mentoring chats; bring an agenda.", 0 },
	{ "Grace Park", KITH_CIRCLE_WIDE, "Lantern Learning", "Teacher", "Seoul",
	  "ai education", NULL, -1, 0, 10, "met at an AI in Education meetup", NULL, 0 },
};
#define N_DEMO ((int)(sizeof(demo_people) / sizeof(demo_people[0])))
#define DEMO_LUKASZ 10

/* The demo's latest touches: who (index above), how long ago, what. */
struct demo_touch {
	int who;
	int days_ago;
	const char *kind;
	const char *note;
};

static const struct demo_touch demo_touches[] = {
	{ 0, 1, "call", "talked through the job offer from Northwind; she wants more time with the kids" },
	{ 1, 2, "coffee", "advice on pricing the pilot; he offered an intro to two climate funds" },
	{ 2, 24, "message", "sent the slides from the typography talk" },
	{ 3, 75, "coffee", "talked about her school project on AI in classrooms" },
	{ 4, 33, "social", "climbing gym, talked about the move to Bergen" },
	{ 5, 20, "call", "shared notes on fundraising for Monnaie" },
	{ 6, 35, "email", "followed up on our chat about open banking and the seed round" },
	{ 7, 60, "coffee", "talked about starting an edtech company after Kestrel" },
	{ 8, 120, "event", "demo day at the coding bootcamp; wants to build an edtech company" },
	{ 9, 1210, "coffee", "swapped notes on her genomics PhD" },
	{ 10, 50, "meeting", "reviewed the data pipeline together" },
	{ 11, 40, "help", "helped with the grant application for the solar co-op" },
	{ 12, 3, "share", "sent the article on illustration for children's books" },
	{ 13, 12, "coffee", "mentoring chat: career ladder and writing" },
};
#define N_DEMO_TOUCHES ((int)(sizeof(demo_touches) / sizeof(demo_touches[0])))

/* ---- the model in memory ---- */

struct gperson {
	char name[80];
	char key[96];         /* folded name */
	kith_day created;
	kith_day lo, hi;      /* interactions fall in this window */
	double weight;        /* tie strength: share of interactions */
	int32_t n_ix;         /* interactions */
	kith_day last_day;    /* the newest interaction: day and kind */
	int8_t last_kind;     /* -1 when never in touch */
	int16_t first, last;  /* indexes into the name lists; -1 for the demo's people */
	int16_t org;          /* index into orgs, -1 none */
	uint16_t tags[MAX_TAGS];
	uint8_t n_tags;
	uint8_t circle;
	uint8_t solo;
	const struct demo_person *script;
};

struct gix {
	kith_day date;
	int32_t who[MAX_WITH]; /* person indexes */
	uint8_t n_who;
	uint8_t kind;
	int16_t note;          /* index into the kind's note list, -1 none */
	int16_t topic;         /* tag filling "{t}", -1 none */
	const char *text;      /* a hand-written note (demo), else NULL */
};

enum {
	ST_PERSON,
	ST_TOKEN,
	ST_EMAIL,
	ST_PHONE,
	ST_LINK,
	ST_TAG,
	ST_GOAL,
	ST_DATE,
	ST_IX,
	ST_IX_PERSON,
	ST_TAG_CADENCE,
	ST_IX_BATCH,        /* ST_IX and ST_IX_PERSON, BATCH rows at a time */
	ST_IX_PERSON_BATCH,
	N_ST
};

static const char *const st_sql[N_ST] = {
	"INSERT INTO person(id, uid, name, name_key, org, title, location, met, introduced_by,"
	" circle, every_days, every_max, birthday, bday_md, notes, created, snoozed_until,"
	" last_touch, last_kind)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
	"INSERT OR IGNORE INTO name_token(token, person_id, name_key) VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO person_email(person_id, email, email_key) VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO person_phone(person_id, phone, phone_key) VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO person_link(person_id, url) VALUES (?1, ?2)",
	"INSERT OR IGNORE INTO person_tag(person_id, tag) VALUES (?1, ?2)",
	"INSERT OR IGNORE INTO person_goal(person_id, goal) VALUES (?1, ?2)",
	"INSERT OR IGNORE INTO person_date(person_id, label, date, md) VALUES (?1, ?2, ?3, ?4)",
	"INSERT INTO interaction(id, date, kind, note) VALUES (?1, ?2, ?3, ?4)",
	"INSERT INTO interaction_person(person_id, interaction_id, date) VALUES (?1, ?2, ?3)",
	"INSERT INTO tag_cadence(tag, every_days, every_max) VALUES (?1, ?2, ?3)",
	NULL, /* batch_sql() */
	NULL,
};

/*
 * The two big tables are written BATCH rows per INSERT: the cost of a
 * statement (starting it, and for an AUTOINCREMENT table updating
 * sqlite_sequence) is paid once per batch instead of once per row.
 */
#define BATCH 64

static const struct {
	int st;
	const char *head;
	int cols;
} batched[] = {
	{ ST_IX_BATCH, "INSERT INTO interaction(id, date, kind, note) VALUES", 4 },
	{ ST_IX_PERSON_BATCH, "INSERT INTO interaction_person(person_id, interaction_id, date) VALUES", 3 },
};

/* head followed by BATCH groups of cols parameters: " (?, ?), (?, ?) ...". */
static char *batch_sql(int st)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t b = 0; b < sizeof(batched) / sizeof(batched[0]); b++) {
		if (batched[b].st != st)
			continue;
		strbuf_addstr(&sb, batched[b].head);
		for (int r = 0; r < BATCH; r++) {
			strbuf_addstr(&sb, r ? ", (" : " (");
			for (int c = 0; c < batched[b].cols; c++)
				strbuf_addstr(&sb, c ? ", ?" : "?");
			strbuf_addch(&sb, ')');
		}
	}
	return strbuf_detach(&sb);
}

struct opts {
	const char *db;
	long people, interactions;
	uint64_t seed;
	int demo, hints, verbose;
};

struct gen {
	struct opts o;
	struct kith *k;
	sqlite3 *db;
	sqlite3_stmt *st[N_ST];
	int bind_rc;               /* first failed bind since the last step */
	char err[512];
	kith_day today, start;     /* history runs from start to today */
	struct gperson *p;
	long n;
	struct gix *ix;
	long m;
	char (*orgs)[48];
	long n_orgs;
	size_t tag_limit;          /* interests drawn from the first tag_limit tags */
	int mentor_tag;            /* the tag with a cadence of its own */
	struct cdf org_cdf, tag_cdf, who_cdf, kind_cdf[2];
	long *topic_uses;          /* per tag: interaction notes that mention it */
	struct timespec t0;
};

static double elapsed(const struct timespec *since)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) + (double)(now.tv_nsec - since->tv_nsec) / 1e9;
}

static void phase(struct gen *g, const char *what)
{
	if (g->o.verbose)
		fprintf(stderr, "gen: %6.2f s  %.72s\n", elapsed(&g->t0), what);
}

static int fail(struct gen *g, const char *what)
{
	snprintf(g->err, sizeof(g->err), "%s: %s", what, sqlite3_errmsg(g->db));
	return -1;
}

/* ---- binding: remember the first failure, check it at the step ---- */

static void bind_text(struct gen *g, int st, int i, const char *s)
{
	int rc = s ? sqlite3_bind_text(g->st[st], i, s, -1, SQLITE_STATIC)
		   : sqlite3_bind_null(g->st[st], i);
	if (g->bind_rc == SQLITE_OK)
		g->bind_rc = rc;
}

/* The same for text that changes before the statement runs (a copy). */
static void bind_copy(struct gen *g, int st, int i, const char *s)
{
	int rc = s ? sqlite3_bind_text(g->st[st], i, s, -1, SQLITE_TRANSIENT)
		   : sqlite3_bind_null(g->st[st], i);
	if (g->bind_rc == SQLITE_OK)
		g->bind_rc = rc;
}

static void bind_int(struct gen *g, int st, int i, int64_t v)
{
	int rc = sqlite3_bind_int64(g->st[st], i, v);
	if (g->bind_rc == SQLITE_OK)
		g->bind_rc = rc;
}

static void bind_null(struct gen *g, int st, int i)
{
	int rc = sqlite3_bind_null(g->st[st], i);
	if (g->bind_rc == SQLITE_OK)
		g->bind_rc = rc;
}

static int step(struct gen *g, int st, const char *what)
{
	int rc = g->bind_rc;
	g->bind_rc = SQLITE_OK;
	if (rc == SQLITE_OK && sqlite3_step(g->st[st]) != SQLITE_DONE)
		rc = SQLITE_ERROR;
	if (sqlite3_reset(g->st[st]) != SQLITE_OK)
		rc = SQLITE_ERROR;
	return rc == SQLITE_OK ? 0 : fail(g, what);
}

static int exec(struct gen *g, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(g->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(g->err, sizeof(g->err), "'%.60s': %s", sql, msg ? msg : sqlite3_errmsg(g->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* ---- text helpers ---- */

/* Append s to buf (size len, at *pos), truncating; keeps buf terminated. */
static void put(char *buf, size_t len, size_t *pos, const char *s)
{
	size_t n = strlen(s);
	if (*pos >= len)
		return;
	if (n > len - 1 - *pos)
		n = len - 1 - *pos;
	memcpy(buf + *pos, s, n);
	*pos += n;
	buf[*pos] = '\0';
}

/* A template with "{t}" filled with a tag (hyphens read as spaces). */
static void expand(char *buf, size_t len, const char *tmpl, const char *topic)
{
	const char *slot = strstr(tmpl, "{t}");
	size_t pos = 0;

	buf[0] = '\0';
	if (!slot) {
		put(buf, len, &pos, tmpl);
		return;
	}
	if ((size_t)(slot - tmpl) < len) {
		memcpy(buf, tmpl, (size_t)(slot - tmpl));
		pos = (size_t)(slot - tmpl);
		buf[pos] = '\0';
	}
	for (const char *t = topic; *t && pos + 1 < len; t++)
		buf[pos++] = *t == '-' ? ' ' : *t;
	buf[pos] = '\0';
	put(buf, len, &pos, slot + 3);
}

/* ASCII letters and digits of the folded s, lowercased: "Jean-Luc" -> "jeanluc". */
static void slug(char *buf, size_t len, const char *s, int keep_dash)
{
	char *f = kith_fold_dup(s);
	size_t pos = 0;
	for (const char *c = f; *c && pos + 1 < len; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9'))
			buf[pos++] = *c;
		else if (keep_dash && (*c == ' ' || *c == '-') && pos && buf[pos - 1] != '-')
			buf[pos++] = '-';
	}
	buf[pos] = '\0';
	free(f);
}

/* A date without the year, as stored: "--MM-DD" (buf: KITH_DATE_BUFSZ). */
static void format_md(int month, int day, char *buf)
{
	char tmp[KITH_DATE_BUFSZ];
	kith_day_format(kith_day_from_civil(2000, month, day), tmp);
	snprintf(buf, KITH_DATE_BUFSZ, "--%s", tmp + 5);
}

static int tag_index(const char *tag)
{
	for (size_t i = 0; i < gen_tags.n; i++)
		if (!strcmp(gen_tags.v[i], tag))
			return (int)i;
	return -1;
}

/* ---- building the model ---- */

static void shuffle(struct rng *r, long *a, long n)
{
	for (long i = n - 1; i > 0; i--) {
		long j = (long)rng_below(r, (uint64_t)i + 1);
		long t = a[i];
		a[i] = a[j];
		a[j] = t;
	}
}

static int cmp_day(const void *a, const void *b)
{
	kith_day x = *(const kith_day *)a, y = *(const kith_day *)b;
	return (x > y) - (x < y);
}

static void make_orgs(struct gen *g, struct rng *r)
{
	long combos = (long)(gen_org_stems.n * gen_org_suffixes.n);
	long *order = xcalloc((size_t)combos, sizeof(*order));

	g->n_orgs = g->n / 50;
	if (g->o.demo)
		g->n_orgs = g->n / 8;
	if (g->n_orgs < 20)
		g->n_orgs = 20;
	if (g->n_orgs > 2000)
		g->n_orgs = 2000;
	g->orgs = xcalloc((size_t)g->n_orgs, sizeof(*g->orgs));
	for (long i = 0; i < combos; i++)
		order[i] = i;
	shuffle(r, order, combos);
	for (long i = 0; i < g->n_orgs; i++) {
		long c = order[i];
		snprintf(g->orgs[i], sizeof(g->orgs[i]), "%s %s", gen_org_stems.v[c / (long)gen_org_suffixes.n],
			 gen_org_suffixes.v[c % (long)gen_org_suffixes.n]);
	}
	free(order);
	cdf_zipf(&g->org_cdf, (size_t)g->n_orgs, 1.0);
}

/*
 * How many people in each circle: Dunbar's layers (5, 15, 50, 150), scaled
 * down below 1000 people, plus 1% of everyone else in wide. The demo keeps
 * proportions that suit 150 people.
 */
static void circle_sizes(struct gen *g, long size[KITH_N_CIRCLES])
{
	static const long layer[4] = { 5, 15, 50, 150 };
	static const long demo_layer[4] = { 4, 12, 35, 50 };
	long used = 0;

	for (int c = 0; c < 4; c++) {
		double f = g->o.demo ? (double)g->n / 150.0 : (double)g->n / 1000.0;
		long v = g->o.demo ? demo_layer[c] : layer[c];
		if (f < 1.0)
			v = (long)(v * f + 0.5);
		if (g->o.demo && f > 1.0)
			v = (long)(v * f + 0.5);
		if (v < 1)
			v = 1;
		if (used + v > g->n)
			v = g->n - used;
		size[c] = v;
		used += v;
	}
	if (!g->o.demo) {
		size[KITH_CIRCLE_WIDE] += (g->n - used) / 100;
		used += (g->n - used) / 100;
	}
	size[KITH_CIRCLE_NONE] = g->n - used;
}

/*
 * Tie strength: a power law (Pareto, alpha 0.8: a heavy tail, so that at
 * ten interactions per person on average most people still have 0-3 and a
 * few have hundreds), times a factor per circle, capped per circle.
 */
static double tie_weight(struct rng *r, int circle, int demo)
{
	static const double mult[KITH_N_CIRCLES] = { 150, 60, 20, 5, 1 };
	static const double cap[KITH_N_CIRCLES] = { 5, 5, 5, 100, 1000 };
	/* 150 people: no acquaintance outweighs a close friend, and the wide
	 * circle is kept up well enough for a backlog one can clear */
	static const double demo_mult[KITH_N_CIRCLES] = { 150, 60, 20, 12, 1 };
	static const double demo_cap[KITH_N_CIRCLES] = { 5, 5, 5, 10, 20 };
	double w = pow(1.0 - rng_unit(r), -1.0 / 0.8);
	double max = demo ? demo_cap[circle] : cap[circle];
	if (w > max)
		w = max;
	if (circle == KITH_CIRCLE_NONE && rng_chance(r, 0.15))
		return 0; /* never in touch: an imported connection */
	return w * (demo ? demo_mult[circle] : mult[circle]);
}

/*
 * The window of interactions with someone, from their circle. The demo's
 * network is well tended (its hand-written people are the exceptions that
 * give the plan something to say): no drifting in the circles.
 */
static void tie_window(struct gen *g, struct rng *r, struct gperson *p)
{
	kith_day span;

	if (p->circle <= KITH_CIRCLE_ACTIVE) {
		/* known long before they were added; in touch until lately,
		 * except a few who have drifted (overdue close friends) */
		p->lo = g->start;
		p->hi = g->today;
		if (rng_chance(r, 0.2) && !g->o.demo)
			p->hi -= (kith_day)rng_expo(r, 40);
	} else {
		p->lo = p->created;
		if (rng_chance(r, 0.5))
			p->lo -= rng_below(r, 365);
		if (p->lo < g->start)
			p->lo = g->start;
		span = g->today - p->lo;
		if (p->circle == KITH_CIRCLE_WIDE && (rng_chance(r, 0.75) || g->o.demo))
			p->hi = g->today - (kith_day)rng_expo(r, 90);
		else /* drifting apart: many become dormant ties */
			p->hi = p->lo + (kith_day)(rng_unit(r) * (double)span);
	}
	if (g->o.demo && p->hi > g->today - 4)
		p->hi = g->today - 4; /* the last days belong to the scripted touches */
	if (p->hi < p->lo)
		p->hi = p->lo;
}

static void pick_tags(struct gen *g, struct rng *r, struct gperson *p)
{
	static const double n_tags_p[MAX_TAGS] = { 0.25, 0.25, 0.20, 0.15, 0.10, 0.05 };
	double u = rng_unit(r);
	int want = 1;

	for (int i = 0; i < MAX_TAGS && u >= n_tags_p[i]; i++) {
		u -= n_tags_p[i];
		want = i + 2;
	}
	if (want > MAX_TAGS)
		want = MAX_TAGS;
	p->n_tags = 0;
	for (int tries = 0; p->n_tags < want && tries < 30; tries++) {
		uint16_t t = (uint16_t)cdf_pick(&g->tag_cdf, r);
		int dup = g->o.demo && t == g->mentor_tag; /* the demo has one mentor */
		for (int j = 0; j < p->n_tags; j++)
			dup |= p->tags[j] == t;
		if (!dup)
			p->tags[p->n_tags++] = t;
	}
}

static int model_people(struct gen *g, struct rng *r)
{
	long size[KITH_N_CIRCLES], *order;
	kith_day *created;
	struct strset names;
	long n_script = g->o.demo ? (N_DEMO < g->n ? N_DEMO : g->n) : 0;
	long pos = 0;

	g->p = xcalloc((size_t)g->n, sizeof(*g->p));
	make_orgs(g, r);
	g->tag_limit = g->o.demo ? 60 : gen_tags.n;
	g->mentor_tag = tag_index("mentor");
	cdf_zipf(&g->tag_cdf, g->tag_limit, g->o.demo ? 0.7 : 1.0);

	/* joined over the years, a quarter of them in one first import */
	created = xcalloc((size_t)g->n, sizeof(*created));
	for (long i = 0; i < g->n; i++)
		created[i] = rng_chance(r, 0.25) ? g->start + rng_below(r, 14)
						 : g->start + rng_below(r, (uint64_t)(g->today - g->start));
	qsort(created, (size_t)g->n, sizeof(*created), cmp_day);

	/* circles: the demo's people keep theirs, the rest are dealt at random */
	circle_sizes(g, size);
	for (long i = 0; i < n_script; i++) {
		int c = demo_people[i].circle;
		if (size[c] > 0)
			size[c]--;
		else
			size[KITH_CIRCLE_NONE]--;
	}
	order = xcalloc((size_t)g->n, sizeof(*order));
	for (int c = 0; c < KITH_N_CIRCLES; c++)
		for (long j = 0; j < size[c] && pos < g->n - n_script; j++)
			order[pos++] = c;
	while (pos < g->n - n_script)
		order[pos++] = KITH_CIRCLE_NONE;
	shuffle(r, order, g->n - n_script);

	strset_init(&names, g->o.demo ? (size_t)g->n : 1);
	for (long i = 0; i < g->n; i++) {
		struct gperson *p = &g->p[i];
		p->created = created[i];
		p->org = -1;
		if (i < n_script) {
			const struct demo_person *d = &demo_people[i];
			char buf[128];
			const char *s = d->tags;
			p->script = d;
			p->first = p->last = -1;
			snprintf(p->name, sizeof(p->name), "%s", d->name);
			p->circle = (uint8_t)d->circle;
			p->created = g->today - d->known;
			p->solo = (uint8_t)d->solo;
			while (*s && p->n_tags < MAX_TAGS) {
				size_t len = strcspn(s, " ");
				int t;
				snprintf(buf, sizeof(buf), "%.*s", (int)len, s);
				t = tag_index(buf);
				if (t < 0) {
					snprintf(g->err, sizeof(g->err), "demo tag '%s' is not in the vocabulary", buf);
					strset_release(&names);
					free(order);
					free(created);
					return -1;
				}
				p->tags[p->n_tags++] = (uint16_t)t;
				s += len;
				while (*s == ' ')
					s++;
			}
			strset_add(&names, p->name);
		} else {
			p->circle = (uint8_t)order[i - n_script];
			for (int tries = 0; tries < 50; tries++) {
				p->first = (int16_t)rng_below(r, gen_first_names.n);
				p->last = (int16_t)rng_below(r, gen_last_names.n);
				snprintf(p->name, sizeof(p->name), "%s %s", gen_first_names.v[p->first],
					 gen_last_names.v[p->last]);
				/* the demo has no namesakes; a big network does, as life does */
				if (!g->o.demo || strset_add(&names, p->name))
					break;
			}
			if (rng_chance(r, 0.85))
				p->org = (int16_t)cdf_pick(&g->org_cdf, r);
			pick_tags(g, r, p);
		}
		{
			char *key = kith_fold_dup(p->name);
			snprintf(p->key, sizeof(p->key), "%s", key);
			free(key);
		}
		p->weight = tie_weight(r, p->circle, g->o.demo);
		tie_window(g, r, p);
	}
	strset_release(&names);
	free(order);
	free(created);
	return 0;
}

/* The demo's people: history before their scripted latest touch. */
static void script_windows(struct gen *g)
{
	long n_script = N_DEMO < g->n ? N_DEMO : g->n;
	for (long i = 0; i < n_script; i++) {
		struct gperson *p = &g->p[i];
		int latest = -1;
		for (int t = 0; t < N_DEMO_TOUCHES; t++)
			if (demo_touches[t].who == i)
				latest = demo_touches[t].days_ago;
		p->lo = p->created;
		if (latest < 0) {
			p->weight = 0; /* just added, never in touch */
			continue;
		}
		p->hi = g->today - latest - 5;
		if (p->hi < p->lo) {
			p->weight = 0;
			p->hi = p->lo;
		}
		if (latest > 365)
			p->weight = 0.5; /* a dormant tie: a little history, long ago */
	}
}

static kith_day pick_date(struct rng *r, const struct gperson *p)
{
	kith_day span = p->hi - p->lo;
	double u = rng_unit(r);
	kith_day off;
	if (p->circle <= KITH_CIRCLE_ACTIVE)
		u *= u; /* close ties: more of the touches are recent */
	off = (kith_day)(u * (double)(span + 1));
	if (off > span)
		off = span;
	return p->hi - off;
}

/* One touch with person a on a day: its kind, who else was there, a note. */
static void make_touch(struct gen *g, struct rng *r, struct gix *x, long a, kith_day date)
{
	const struct gperson *pa = &g->p[a];
	const struct kind_info *ki;
	int want = 1;

	x->date = date;
	x->kind = (uint8_t)cdf_pick(&g->kind_cdf[pa->circle <= KITH_CIRCLE_ACTIVE ? 0 : 1], r);
	ki = &kinds[x->kind];
	x->who[0] = (int32_t)a;
	x->n_who = 1;
	if (!pa->solo && rng_chance(r, ki->multi)) {
		double u = rng_unit(r);
		want = x->kind == KIND_INTRO ? 2 : u < 0.6 ? 2 : u < 0.88 ? 3 : 4;
	}
	for (int tries = 0; x->n_who < want && tries < 8 * want; tries++) {
		long b = (long)cdf_pick(&g->who_cdf, r);
		const struct gperson *pb = &g->p[b];
		int dup = 0;
		for (int j = 0; j < x->n_who; j++)
			dup |= x->who[j] == b;
		/* not after the other's window, so they don't look in touch */
		if (dup || pb->solo || x->date > pb->hi)
			continue;
		x->who[x->n_who++] = (int32_t)b;
	}
	x->note = -1;
	x->topic = -1;
	/* the demo is read by people: more of its touches have notes */
	if (rng_chance(r, g->o.demo ? ki->note * 1.5 : ki->note)) {
		x->note = (int16_t)rng_below(r, ki->notes->n);
		if (strstr(ki->notes->v[x->note], "{t}")) {
			x->topic = pa->n_tags ? (int16_t)pa->tags[rng_below(r, pa->n_tags)]
					      : (int16_t)cdf_pick(&g->tag_cdf, r);
			g->topic_uses[x->topic]++;
		}
	}
}

static int model_interactions(struct gen *g, struct rng *r)
{
	double *w = xcalloc((size_t)g->n, sizeof(*w));
	double kw[2][N_KINDS];
	long n_script = g->o.demo && g->n >= N_DEMO ? N_DEMO_TOUCHES : 0;
	long m = 0, budget = g->o.interactions;

	for (long i = 0; i < g->n; i++)
		w[i] = g->p[i].weight;
	cdf_build(&g->who_cdf, w, (size_t)g->n);
	free(w);
	for (int k = 0; k < N_KINDS; k++) {
		kw[0][k] = kinds[k].near;
		kw[1][k] = kinds[k].far;
	}
	cdf_build(&g->kind_cdf[0], kw[0], N_KINDS);
	cdf_build(&g->kind_cdf[1], kw[1], N_KINDS);
	g->ix = xcalloc((size_t)(g->o.interactions + n_script), sizeof(*g->ix));
	g->topic_uses = xcalloc(gen_tags.n, sizeof(*g->topic_uses));
	if (cdf_total(&g->who_cdf) <= 0)
		budget = 0;

	/*
	 * The demo's network is kept up: everyone in a circle (but the
	 * hand-written people) was last in touch within about their cadence,
	 * so the plan's backlog is the scripted one plus a few just due.
	 */
	for (long i = g->o.demo ? N_DEMO : g->n; i < g->n && m < budget; i++) {
		struct kith_cadence cad;
		const struct gperson *p = &g->p[i];
		kith_day date;
		if (p->circle == KITH_CIRCLE_NONE || p->weight <= 0)
			continue;
		if (kith_circle_cadence(g->k, p->circle, &cad) != KITH_OK) {
			snprintf(g->err, sizeof(g->err), "%s", kith_errmsg(g->k));
			return -1;
		}
		date = g->today - 4 - rng_below(r, (uint64_t)cad.ideal * 23 / 20 + 1);
		make_touch(g, r, &g->ix[m++], i, date < p->lo ? p->lo : date);
	}
	while (m < budget) {
		long a = (long)cdf_pick(&g->who_cdf, r);
		make_touch(g, r, &g->ix[m++], a, pick_date(r, &g->p[a]));
	}
	for (long t = 0; t < n_script; t++) {
		struct gix *x = &g->ix[m++];
		const struct demo_touch *d = &demo_touches[t];
		x->date = g->today - d->days_ago;
		x->kind = (uint8_t)kind_index(d->kind);
		x->who[0] = d->who;
		x->n_who = 1;
		x->note = -1;
		x->topic = -1;
		x->text = d->note;
	}
	g->m = m;
	return 0;
}

/*
 * Interactions get their ids in date order, as if logged day by day: a
 * counting sort by day (stable, so the same seed gives the same ids).
 * Then each person's newest interaction is the last one they appear in,
 * the order cadence.c uses (date, then id).
 */
static void sort_interactions(struct gen *g)
{
	kith_day lo = g->today, hi = g->today;
	long *count, span;
	struct gix *out;

	for (long i = 0; i < g->m; i++) {
		if (g->ix[i].date < lo)
			lo = g->ix[i].date;
		if (g->ix[i].date > hi)
			hi = g->ix[i].date;
	}
	span = hi - lo + 1;
	count = xcalloc((size_t)span + 1, sizeof(*count));
	for (long i = 0; i < g->m; i++)
		count[g->ix[i].date - lo + 1]++;
	for (long d = 1; d <= span; d++)
		count[d] += count[d - 1];
	out = xcalloc((size_t)g->m, sizeof(*out));
	for (long i = 0; i < g->m; i++)
		out[count[g->ix[i].date - lo]++] = g->ix[i];
	free(count);
	free(g->ix);
	g->ix = out;
	for (long i = 0; i < g->n; i++)
		g->p[i].last_kind = -1;
	for (long i = 0; i < g->m; i++) {
		for (int j = 0; j < g->ix[i].n_who; j++) {
			struct gperson *p = &g->p[g->ix[i].who[j]];
			p->n_ix++;
			p->last_day = g->ix[i].date;
			p->last_kind = (int8_t)g->ix[i].kind;
		}
	}
}

/* ---- writing ---- */

static void make_uid(struct rng *r, char *buf, size_t len)
{
	uint64_t a = rng_next(r), b = rng_next(r);
	a = (a & ~0xF000ULL) | 0x4000ULL;                     /* version 4 */
	b = (b & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; /* variant 1 */
	snprintf(buf, len, "%08lx-%04lx-%04lx-%04lx-%012lx", (unsigned long)(a >> 32),
		 (unsigned long)((a >> 16) & 0xFFFF), (unsigned long)(a & 0xFFFF), (unsigned long)(b >> 48),
		 (unsigned long)(b & 0xFFFFFFFFFFFFULL));
}

/* Birthday: "YYYY-MM-DD", or "--MM-DD" without the year; *md = month*100+day. */
static void make_birthday(struct rng *r, char *buf, int *md)
{
	int y, m, d;
	kith_day_to_civil(kith_day_from_civil(2000, 1, 1) + rng_below(r, 366), NULL, &m, &d);
	*md = m * 100 + d;
	if (rng_chance(r, 0.25)) {
		format_md(m, d, buf);
		return;
	}
	y = 1955 + (int)rng_below(r, 48);
	if (!kith_civil_valid(y, m, d))
		y = 1988; /* 29 February */
	kith_day_format(kith_day_from_civil(y, m, d), buf);
}

struct person_text {
	char uid[40], org[48], title[64], location[48], met[96], notes[256], bday[KITH_DATE_BUFSZ];
	char emails[2][160], phone[32], phone_key[32], link[160], date_label[32], date[KITH_DATE_BUFSZ];
	const char *goals[2];
	int n_emails, has_phone, has_link, has_date, bday_md, date_md, n_goals, every;
	long introduced_by;
	kith_day snoozed;
};

static void email_local(const struct gperson *p, char *buf, size_t len)
{
	char first[32], last[32];
	slug(first, sizeof(first), p->first >= 0 ? gen_first_names.v[p->first] : p->name, 0);
	if (p->last >= 0)
		slug(last, sizeof(last), gen_last_names.v[p->last], 0);
	else {
		const char *sp = strrchr(p->name, ' ');
		slug(last, sizeof(last), sp ? sp + 1 : p->name, 0);
		if (sp) { /* first name only */
			char tmp[80];
			snprintf(tmp, sizeof(tmp), "%.*s", (int)(sp - p->name), p->name);
			slug(first, sizeof(first), tmp, 0);
		}
	}
	snprintf(buf, len, "%s.%s", first, last);
}

/* The optional fields of person i, drawn in a fixed order. */
static void person_text(struct gen *g, struct rng *r, long i, struct strset *emails, struct person_text *t)
{
	const struct gperson *p = &g->p[i];
	const struct demo_person *d = p->script;
	char local[72], domain[48];

	memset(t, 0, sizeof(*t));
	make_uid(r, t->uid, sizeof(t->uid));
	t->snoozed = NO_DAY;
	if (d) {
		snprintf(t->org, sizeof(t->org), "%s", d->org ? d->org : "");
		snprintf(t->title, sizeof(t->title), "%s", d->title ? d->title : "");
		snprintf(t->location, sizeof(t->location), "%s", d->location ? d->location : "");
		snprintf(t->met, sizeof(t->met), "%s", d->met ? d->met : "");
		snprintf(t->notes, sizeof(t->notes), "%s", d->notes ? d->notes : "");
		if (d->goal)
			t->goals[t->n_goals++] = d->goal;
		if (d->bday_in >= 0) {
			int y, m, dd;
			kith_day_to_civil(g->today + d->bday_in, &y, &m, &dd);
			t->bday_md = m * 100 + dd;
			if (d->bday_year)
				kith_day_format(kith_day_from_civil(d->bday_year, m, dd), t->bday);
			else
				format_md(m, dd, t->bday);
		}
		if (i == DEMO_LUKASZ) { /* three years at Vistula Data in five days */
			int y, m, dd;
			kith_day_to_civil(g->today + 5, &y, &m, &dd);
			snprintf(t->date_label, sizeof(t->date_label), "work anniversary");
			kith_day_format(kith_day_from_civil(kith_civil_valid(y - 3, m, dd) ? y - 3 : y - 4, m, dd), t->date);
			t->date_md = m * 100 + dd;
			t->has_date = 1;
		}
		slug(domain, sizeof(domain), t->org, 0);
		email_local(p, local, sizeof(local));
		snprintf(t->emails[0], sizeof(t->emails[0]), "%s@%s.com", local, domain);
		t->n_emails = strset_add(emails, t->emails[0]);
		return;
	}

	if (p->org >= 0) {
		snprintf(t->org, sizeof(t->org), "%s", g->orgs[p->org]);
		if (rng_chance(r, 0.8))
			snprintf(t->title, sizeof(t->title), "%s", rng_pick(r, &gen_titles));
	}
	if (rng_chance(r, 0.7))
		snprintf(t->location, sizeof(t->location), "%s", rng_pick(r, &gen_locations));
	if (rng_chance(r, 0.3))
		snprintf(t->met, sizeof(t->met), "%s", rng_pick(r, &gen_met));
	if (i > 0 && rng_chance(r, 0.05))
		t->introduced_by = 1 + (long)rng_below(r, (uint64_t)i);
	if (rng_chance(r, 0.12))
		expand(t->notes, sizeof(t->notes), rng_pick(r, &gen_person_notes),
		       p->n_tags ? gen_tags.v[p->tags[0]] : "startups");
	if (rng_chance(r, 0.6))
		make_birthday(r, t->bday, &t->bday_md);
	if (rng_chance(r, 0.04)) {
		const char *label = rng_pick(r, &gen_date_labels);
		kith_day day = g->today - 365 - rng_below(r, 15 * 365);
		int m, dd;
		kith_day_to_civil(day, NULL, &m, &dd);
		snprintf(t->date_label, sizeof(t->date_label), "%s", label);
		if (!strcmp(label, "name day"))
			format_md(m, dd, t->date);
		else
			kith_day_format(day, t->date);
		t->date_md = m * 100 + dd;
		t->has_date = 1;
	}
	if (rng_chance(r, 0.19)) {
		t->goals[t->n_goals++] = rng_pick(r, &gen_goals);
		if (rng_chance(r, 0.2)) {
			const char *g2 = rng_pick(r, &gen_goals);
			if (strcmp(g2, t->goals[0]))
				t->goals[t->n_goals++] = g2;
		}
	}
	/* a work address (unique: namesakes at one company get a number) and
	 * sometimes a personal one */
	email_local(p, local, sizeof(local));
	if (p->org >= 0 && rng_chance(r, 0.8)) {
		slug(domain, sizeof(domain), g->orgs[p->org], 0);
		snprintf(t->emails[t->n_emails], sizeof(t->emails[0]), "%s@%s.com", local, domain);
		if (!strset_add(emails, t->emails[t->n_emails]))
			snprintf(t->emails[t->n_emails], sizeof(t->emails[0]), "%s%ld@%s.com", local, i + 1, domain);
		t->n_emails++;
	}
	if (t->n_emails == 0 || rng_chance(r, 0.25)) {
		snprintf(t->emails[t->n_emails], sizeof(t->emails[0]), "%s%ld@%s", local, i + 1,
			 rng_pick(r, &gen_mail_domains));
		t->n_emails++;
	}
	if (rng_chance(r, 0.3)) {
		static const char *const cc[] = { "+1", "+44", "+33", "+49", "+34", "+46", "+48", "+91", "+81", "+234" };
		const char *c = cc[rng_below(r, sizeof(cc) / sizeof(cc[0]))];
		unsigned a = 200 + rng_below(r, 800), b = rng_below(r, 1000), e = rng_below(r, 10000);
		snprintf(t->phone, sizeof(t->phone), "%s %03u %03u %04u", c, a, b, e);
		snprintf(t->phone_key, sizeof(t->phone_key), "%s%03u%03u%04u", c, a, b, e);
		t->has_phone = 1;
	}
	if (rng_chance(r, 0.45)) {
		char s[96];
		slug(s, sizeof(s), p->name, 1);
		snprintf(t->link, sizeof(t->link), "https://www.linkedin.com/in/%s-%.8s", s, t->uid);
		t->has_link = 1;
	}
	if (rng_chance(r, 0.01)) {
		static const int every[] = { 7, 14, 21, 30, 45, 60, 90, 180 };
		t->every = every[rng_below(r, sizeof(every) / sizeof(every[0]))];
	}
	if (rng_chance(r, 0.005))
		t->snoozed = g->today + 1 + rng_below(r, 30);
}

static int write_person(struct gen *g, long i, const struct person_text *t)
{
	const struct gperson *p = &g->p[i];
	int64_t id = i + 1;
	char created[KITH_DATE_BUFSZ], snoozed[KITH_DATE_BUFSZ], last[KITH_DATE_BUFSZ];

	kith_day_format(p->created, created);
	bind_int(g, ST_PERSON, 1, id);
	bind_text(g, ST_PERSON, 2, t->uid);
	bind_text(g, ST_PERSON, 3, p->name);
	bind_text(g, ST_PERSON, 4, p->key);
	bind_text(g, ST_PERSON, 5, t->org[0] ? t->org : NULL);
	bind_text(g, ST_PERSON, 6, t->title[0] ? t->title : NULL);
	bind_text(g, ST_PERSON, 7, t->location[0] ? t->location : NULL);
	bind_text(g, ST_PERSON, 8, t->met[0] ? t->met : NULL);
	if (t->introduced_by)
		bind_int(g, ST_PERSON, 9, t->introduced_by);
	else
		bind_null(g, ST_PERSON, 9);
	bind_int(g, ST_PERSON, 10, p->circle);
	if (t->every) {
		bind_int(g, ST_PERSON, 11, t->every);
		bind_int(g, ST_PERSON, 12, t->every + t->every / 2);
	} else {
		bind_null(g, ST_PERSON, 11);
		bind_null(g, ST_PERSON, 12);
	}
	bind_text(g, ST_PERSON, 13, t->bday[0] ? t->bday : NULL);
	if (t->bday[0])
		bind_int(g, ST_PERSON, 14, t->bday_md);
	else
		bind_null(g, ST_PERSON, 14);
	bind_text(g, ST_PERSON, 15, t->notes[0] ? t->notes : NULL);
	bind_text(g, ST_PERSON, 16, created);
	if (t->snoozed != NO_DAY)
		kith_day_format(t->snoozed, snoozed);
	bind_text(g, ST_PERSON, 17, t->snoozed != NO_DAY ? snoozed : NULL);
	if (p->last_kind >= 0)
		kith_day_format(p->last_day, last);
	bind_text(g, ST_PERSON, 18, p->last_kind >= 0 ? last : NULL);
	bind_text(g, ST_PERSON, 19, p->last_kind >= 0 ? kinds[p->last_kind].name : NULL);
	if (step(g, ST_PERSON, "cannot add a person") < 0)
		return -1;

	/* name tokens: the words of the folded name, split at spaces and hyphens */
	for (const char *s = p->key; *s;) {
		size_t n = strcspn(s, " -");
		if (n) {
			int rc = sqlite3_bind_text(g->st[ST_TOKEN], 1, s, (int)n, SQLITE_STATIC);
			if (g->bind_rc == SQLITE_OK)
				g->bind_rc = rc;
			bind_int(g, ST_TOKEN, 2, id);
			bind_text(g, ST_TOKEN, 3, p->key);
			if (step(g, ST_TOKEN, "cannot index a name") < 0)
				return -1;
		}
		s += n;
		if (*s)
			s++;
	}
	for (int e = 0; e < t->n_emails; e++) {
		char key[128];
		size_t j;
		for (j = 0; t->emails[e][j] && j + 1 < sizeof(key); j++)
			key[j] = (char)((t->emails[e][j] >= 'A' && t->emails[e][j] <= 'Z') ? t->emails[e][j] + 32
											   : t->emails[e][j]);
		key[j] = '\0';
		bind_int(g, ST_EMAIL, 1, id);
		bind_text(g, ST_EMAIL, 2, t->emails[e]);
		bind_text(g, ST_EMAIL, 3, key);
		if (step(g, ST_EMAIL, "cannot add an email") < 0)
			return -1;
	}
	if (t->has_phone) {
		bind_int(g, ST_PHONE, 1, id);
		bind_text(g, ST_PHONE, 2, t->phone);
		bind_text(g, ST_PHONE, 3, t->phone_key);
		if (step(g, ST_PHONE, "cannot add a phone") < 0)
			return -1;
	}
	if (t->has_link) {
		bind_int(g, ST_LINK, 1, id);
		bind_text(g, ST_LINK, 2, t->link);
		if (step(g, ST_LINK, "cannot add a link") < 0)
			return -1;
	}
	for (int j = 0; j < p->n_tags; j++) {
		bind_int(g, ST_TAG, 1, id);
		bind_text(g, ST_TAG, 2, gen_tags.v[p->tags[j]]);
		if (step(g, ST_TAG, "cannot add a tag") < 0)
			return -1;
	}
	for (int j = 0; j < t->n_goals; j++) {
		bind_int(g, ST_GOAL, 1, id);
		bind_text(g, ST_GOAL, 2, t->goals[j]);
		if (step(g, ST_GOAL, "cannot add a goal") < 0)
			return -1;
	}
	if (t->has_date) {
		bind_int(g, ST_DATE, 1, id);
		bind_text(g, ST_DATE, 2, t->date_label);
		bind_text(g, ST_DATE, 3, t->date);
		bind_int(g, ST_DATE, 4, t->date_md);
		if (step(g, ST_DATE, "cannot add a date") < 0)
			return -1;
	}
	return 0;
}

static int write_people(struct gen *g, struct rng *r)
{
	struct strset emails;
	struct person_text t;
	int rc = 0;

	strset_init(&emails, (size_t)g->n * 2);
	for (long i = 0; i < g->n && rc == 0; i++) {
		person_text(g, r, i, &emails, &t);
		rc = write_person(g, i, &t);
	}
	strset_release(&emails);
	if (rc == 0 && (g->o.demo || g->n >= 1000)) {
		/* mentors: a monthly coffee chat, whatever their circle */
		bind_text(g, ST_TAG_CADENCE, 1, "mentor");
		bind_int(g, ST_TAG_CADENCE, 2, 28);
		bind_int(g, ST_TAG_CADENCE, 3, 42);
		rc = step(g, ST_TAG_CADENCE, "cannot add a tag cadence");
	}
	return rc;
}

static int write_interactions(struct gen *g)
{
	char date[KITH_DATE_BUFSZ] = "";
	char note[320];
	kith_day shown = NO_DAY;
	long *start, *fill;
	int32_t *ids;
	int rc = -1;

	for (long i = 0; i < g->m; i++) {
		const struct gix *x = &g->ix[i];
		const char *text = x->text;
		/* whole batches through the multi-row statement, the tail row by row */
		int batch = i - i % BATCH + BATCH <= g->m;
		int st = batch ? ST_IX_BATCH : ST_IX;
		int at = batch ? (int)(i % BATCH) * 4 : 0;
		if (x->date != shown) {
			kith_day_format(x->date, date);
			shown = x->date;
		}
		if (!text && x->note >= 0) {
			expand(note, sizeof(note), kinds[x->kind].notes->v[x->note],
			       x->topic >= 0 ? gen_tags.v[x->topic] : "");
			text = note;
		}
		bind_int(g, st, at + 1, i + 1);
		bind_copy(g, st, at + 2, date);
		bind_text(g, st, at + 3, kinds[x->kind].name);
		bind_copy(g, st, at + 4, text);
		if ((!batch || i % BATCH == BATCH - 1) && step(g, st, "cannot add an interaction") < 0)
			return -1;
	}

	/*
	 * interaction_person in the order of its key (person, interaction):
	 * appending to the b-tree is several times cheaper than inserting at
	 * random places. A counting sort by person, ids ascending within.
	 */
	start = xcalloc((size_t)g->n + 1, sizeof(*start));
	fill = xcalloc((size_t)g->n, sizeof(*fill));
	for (long i = 0; i < g->n; i++)
		start[i + 1] = start[i] + g->p[i].n_ix;
	ids = xcalloc((size_t)start[g->n], sizeof(*ids));
	for (long i = 0; i < g->m; i++)
		for (int j = 0; j < g->ix[i].n_who; j++) {
			long w = g->ix[i].who[j];
			ids[start[w] + fill[w]++] = (int32_t)(i + 1);
		}
	for (long w = 0; w < g->n; w++)
		for (long j = start[w]; j < start[w + 1]; j++) {
			int batch = j - j % BATCH + BATCH <= start[g->n];
			int st = batch ? ST_IX_PERSON_BATCH : ST_IX_PERSON;
			int at = batch ? (int)(j % BATCH) * 3 : 0;
			bind_int(g, st, at + 1, w + 1);
			bind_int(g, st, at + 2, ids[j]);
			bind_copy(g, st, at + 3, kith_day_format(g->ix[ids[j] - 1].date, date));
			if ((!batch || j % BATCH == BATCH - 1) && step(g, st, "cannot link an interaction") < 0)
				goto cleanup;
		}
	rc = 0;
cleanup:
	free(start);
	free(fill);
	free(ids);
	return rc;
}

/* ---- the soft-networking practices: resources, communities, introductions, ... ---- */

/*
 * Beyond people and interactions, a network that has been used for a
 * while: a library of resources (some shared, opportunities with
 * deadlines), the communities the user is in (and the employers they track)
 * with members and events, introductions in every state, pairs the user
 * said know each other, milestones to celebrate, a few hard-networking
 * goals with targets, and the posts of the personal brand. Drawn from a
 * stream of their own, after everything else, so the people and
 * interactions of a seed are the same as before these existed.
 */

struct extras {
	long resources, shares, orgs, members, events, intros, knows, milestones, goals, targets, posts;
};

/* Ad hoc statements: bind, remember the first failure, check it at the step. */
static sqlite3_stmt *xprepare(struct gen *g, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(g->db, sql, -1, &st, NULL) != SQLITE_OK) {
		fail(g, "cannot prepare a statement");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

static void xbind_text(struct gen *g, sqlite3_stmt *st, int i, const char *s)
{
	int rc = s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
	if (g->bind_rc == SQLITE_OK)
		g->bind_rc = rc;
}

static void xbind_int(struct gen *g, sqlite3_stmt *st, int i, int64_t v)
{
	int rc = sqlite3_bind_int64(st, i, v);
	if (g->bind_rc == SQLITE_OK)
		g->bind_rc = rc;
}

static void xbind_day(struct gen *g, sqlite3_stmt *st, int i, kith_day d)
{
	char buf[KITH_DATE_BUFSZ];
	xbind_text(g, st, i, d == NO_DAY ? NULL : kith_day_format(d, buf));
}

/* Step; *changed (may be NULL) counts the rows written. 0 or -1. */
static int xstep(struct gen *g, sqlite3_stmt *st, const char *what, long *changed)
{
	int rc = g->bind_rc;
	g->bind_rc = SQLITE_OK;
	if (rc == SQLITE_OK && sqlite3_step(st) != SQLITE_DONE)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK && changed)
		*changed += sqlite3_changes(g->db);
	if (sqlite3_reset(st) != SQLITE_OK)
		rc = SQLITE_ERROR;
	sqlite3_clear_bindings(st);
	return rc == SQLITE_OK ? 0 : fail(g, what);
}

static const char *const res_kinds[] = { "article", "podcast", "video", "event", "opportunity", "other" };
static const double res_kind_w[] = { 0.50, 0.12, 0.12, 0.10, 0.12, 0.04 };
static const char *const res_titles[6][4] = {
	{ "A field guide to {t}", "What I learned about {t} this year", "The state of {t}", "Ten questions about {t}" },
	{ "The {t} podcast", "Conversations on {t}", "A weekly show on {t}", "Deep dive: {t}" },
	{ "Talk: {t} in practice", "Keynote on {t}", "Workshop recording: {t}", "{t} explained in twelve minutes" },
	{ "A meetup on {t}", "The {t} summit", "An unconference on {t}", "A dinner for people in {t}" },
	{ "Fellowship in {t}", "Grant for {t} projects", "Hiring: a lead for {t}", "Call for speakers: {t}" },
	{ "Reading list: {t}", "A newsletter on {t}", "Course notes: {t}", "A map of {t}" },
};

/* Communities: name, kind. Past the list, "NAME CITY". */
static const char *const communities[][2] = {
	{ "Ellevate", "professional" }, { "Women in Product", "professional" }, { "Product Camp", "meetup" },
	{ "Climate Tech Circle", "online" }, { "Founders Dinner Club", "meetup" }, { "Open Source Guild", "online" },
	{ "Design Systems Meetup", "meetup" }, { "Data Science Salon", "professional" }, { "Fintech Forum", "professional" },
	{ "EdTech Collective", "online" }, { "Rust Meetup", "meetup" }, { "PyData", "meetup" },
	{ "AI Ethics Reading Group", "online" }, { "Engineering Leadership Community", "professional" },
	{ "Lean Startup Circle", "meetup" }, { "Toastmasters", "professional" }, { "Indie Hackers", "online" },
	{ "University Alumni Network", "alumni" }, { "Business School Alumni", "alumni" }, { "Runners Club", "meetup" },
};
#define N_COMMUNITIES ((long)(sizeof(communities) / sizeof(communities[0])))

static const char *const milestone_texts[] = {
	"new job at {o}", "promoted at {o}", "launched a new product at {o}", "won an award", "started a company",
	"published a book", "gave a keynote", "five years at {o}", "raised a funding round", "finished the PhD",
};

static const char *const post_titles[] = {
	"On {t}", "Notes from a meetup on {t}", "Why {t} matters", "What I got wrong about {t}",
	"A year of {t}", "Lessons from {t}", "Talk: {t} for beginners", "Three books on {t}",
};
static const char *const post_channels[] = { "blog", "linkedin", "talk", "newsletter", "podcast" };

/* A template with {t} (a tag) and {o} (an organization). */
static void fill(char *buf, size_t len, const char *tmpl, const char *tag, const char *org)
{
	char tmp[320];
	const char *o = strstr(tmpl, "{o}");
	if (o) {
		snprintf(tmp, sizeof(tmp), "%.*s%s%s", (int)(o - tmpl), tmpl, org ? org : "the new place", o + 3);
		tmpl = tmp;
	}
	expand(buf, len, tmpl, tag ? tag : "");
}

static long clampl(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Someone the user is in touch with (weighted by tie strength), not kept apart by the demo. */
static long pick_known(struct gen *g, struct rng *r)
{
	for (int tries = 0; tries < 20; tries++) {
		long i = cdf_total(&g->who_cdf) > 0 ? (long)cdf_pick(&g->who_cdf, r) : (long)rng_below(r, (uint64_t)g->n);
		if (!g->p[i].solo)
			return i;
	}
	return -1;
}

/* A shared tag of a and b, or NULL. */
static const char *shared_tag(const struct gen *g, long a, long b)
{
	for (int i = 0; i < g->p[a].n_tags; i++)
		for (int j = 0; j < g->p[b].n_tags; j++)
			if (g->p[a].tags[i] == g->p[b].tags[j])
				return gen_tags.v[g->p[a].tags[i]];
	return NULL;
}

struct res_day {
	kith_day created;
	long id;
};

static int cmp_res_day(const void *a, const void *b)
{
	const struct res_day *x = a, *y = b;
	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return (x->id > y->id) - (x->id < y->id);
}

static int write_resources(struct gen *g, struct rng *r, struct extras *e)
{
	sqlite3_stmt *res = xprepare(g, "INSERT INTO resource(id, url, title, kind, until, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_stmt *tag = xprepare(g, "INSERT OR IGNORE INTO resource_tag(resource_id, tag) VALUES (?1, ?2)");
	sqlite3_stmt *share = xprepare(g, "INSERT OR IGNORE INTO share(resource_id, person_id, date, interaction_id)"
					  " VALUES (?1, ?2, ?3, ?4)");
	long n_res = clampl(g->n / 300, 20, 300);
	struct res_day *days = xcalloc((size_t)n_res, sizeof(*days));
	struct cdf kinds_cdf;
	int kind_share = kind_index("share"), rc = -1;

	cdf_build(&kinds_cdf, res_kind_w, 6);
	if (!res || !tag || !share)
		goto cleanup;
	for (long i = 0; i < n_res; i++) {
		char title[160], url[256], s[128];
		int kind = (int)cdf_pick(&kinds_cdf, r);
		int topic = (int)cdf_pick(&g->tag_cdf, r);
		int n_tags = 1 + (int)rng_below(r, 3);
		kith_day created = g->today - rng_below(r, 730), until = NO_DAY;
		if (i == 0) { /* the benchmark's `kith share 1`: an article many people fit */
			kind = 0;
			topic = 0;
			n_tags = 2;
			created = g->today - 10;
		}
		if (created < g->start)
			created = g->start;
		fill(title, sizeof(title), res_titles[kind][rng_below(r, 4)], gen_tags.v[topic], NULL);
		if (i == 0)
			snprintf(title, sizeof(title), "A field guide to ai for startups");
		slug(s, sizeof(s), title, 1);
		snprintf(url, sizeof(url), "https://example.org/%s/%s-%ld", res_kinds[kind], s, i + 1);
		if (kind == 4 && rng_chance(r, 0.75)) /* opportunities: a deadline, some passed */
			until = g->today - 30 + rng_below(r, 150);
		else if (kind == 3) /* events: the day, some past */
			until = g->today - 20 + rng_below(r, 80);
		if (until != NO_DAY && until < created)
			until = created;
		xbind_int(g, res, 1, i + 1);
		xbind_text(g, res, 2, url);
		xbind_text(g, res, 3, title);
		xbind_text(g, res, 4, res_kinds[kind]);
		xbind_day(g, res, 5, until);
		xbind_day(g, res, 6, created);
		if (xstep(g, res, "cannot add a resource", &e->resources) < 0)
			goto cleanup;
		for (int t = 0; t < n_tags; t++) {
			int tg = t == 0 ? topic : i == 0 ? 1 : (int)cdf_pick(&g->tag_cdf, r);
			xbind_int(g, tag, 1, i + 1);
			xbind_text(g, tag, 2, gen_tags.v[tg]);
			if (xstep(g, tag, "cannot tag a resource", NULL) < 0)
				goto cleanup;
		}
		days[i].created = created;
		days[i].id = i + 1;
	}
	/* a share touch now and then was a resource of the library */
	qsort(days, (size_t)n_res, sizeof(*days), cmp_res_day);
	for (long i = 0; i < g->m; i++) {
		const struct gix *x = &g->ix[i];
		long lo = 0, hi = n_res, pick;
		if (x->kind != kind_share || !rng_chance(r, 0.3))
			continue;
		while (lo < hi) { /* resources created by then */
			long mid = (lo + hi) / 2;
			if (days[mid].created <= x->date)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == 0)
			continue;
		pick = days[rng_below(r, (uint64_t)lo)].id;
		for (int j = 0; j < x->n_who; j++) {
			xbind_int(g, share, 1, pick);
			xbind_int(g, share, 2, x->who[j] + 1);
			xbind_day(g, share, 3, x->date);
			xbind_int(g, share, 4, i + 1);
			if (xstep(g, share, "cannot add a share", &e->shares) < 0)
				goto cleanup;
		}
	}
	rc = 0;
cleanup:
	cdf_release(&kinds_cdf);
	free(days);
	sqlite3_finalize(res);
	sqlite3_finalize(tag);
	sqlite3_finalize(share);
	return rc;
}

#define N_EMPLOYERS 3

static int write_orgs(struct gen *g, struct rng *r, struct extras *e, long *first_community, long *n_communities)
{
	sqlite3_stmt *org = xprepare(g, "INSERT INTO org(id, name, name_key, kind, every_days, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_stmt *member = xprepare(g, "INSERT OR IGNORE INTO org_member(org_id, person_id, since) VALUES (?1, ?2, ?3)");
	long n_comm = clampl(g->n / 2000, 8, 50), id = 0;
	int rc = -1;

	if (!org || !member)
		goto cleanup;
	/* the user's employers, past and present, with everyone who works there */
	for (long i = 0; i < N_EMPLOYERS && i < g->n_orgs; i++) {
		char *key = kith_fold_dup(g->orgs[i]);
		id++;
		xbind_int(g, org, 1, id);
		xbind_text(g, org, 2, g->orgs[i]);
		xbind_text(g, org, 3, key);
		xbind_text(g, org, 4, "employer");
		xbind_day(g, org, 6, g->start);
		free(key);
		if (xstep(g, org, "cannot add an organization", &e->orgs) < 0)
			goto cleanup;
		for (long p = 0; p < g->n; p++) {
			if (g->p[p].org != i)
				continue;
			xbind_int(g, member, 1, id);
			xbind_int(g, member, 2, p + 1);
			xbind_day(g, member, 3, g->p[p].created);
			if (xstep(g, member, "cannot add a member", &e->members) < 0)
				goto cleanup;
		}
	}
	*first_community = id + 1;
	*n_communities = n_comm;
	/* communities: a few large, most small */
	for (long i = 0; i < n_comm; i++) {
		static const int every[] = { 30, 30, 45, 60, 90 };
		char name[128], *key;
		long size = clampl(g->n / (20 * (i + 1)), 5, 5000);
		id++;
		if (i < N_COMMUNITIES)
			snprintf(name, sizeof(name), "%s", communities[i][0]);
		else
			snprintf(name, sizeof(name), "%s %s", communities[i % N_COMMUNITIES][0],
				 gen_locations.v[(i / N_COMMUNITIES * 7 + i) % (long)gen_locations.n]);
		key = kith_fold_dup(name);
		xbind_int(g, org, 1, id);
		xbind_text(g, org, 2, name);
		xbind_text(g, org, 3, key);
		xbind_text(g, org, 4, communities[i % N_COMMUNITIES][1]);
		if (rng_chance(r, 0.6))
			xbind_int(g, org, 5, every[rng_below(r, 5)]);
		xbind_day(g, org, 6, g->start + rng_below(r, 365));
		free(key);
		if (xstep(g, org, "cannot add an organization", &e->orgs) < 0)
			goto cleanup;
		for (long m = 0; m < size; m++) {
			long p = rng_chance(r, 0.6) ? pick_known(g, r) : (long)rng_below(r, (uint64_t)g->n);
			if (p < 0 || g->p[p].solo)
				continue;
			xbind_int(g, member, 1, id);
			xbind_int(g, member, 2, p + 1);
			xbind_day(g, member, 3, g->p[p].created);
			if (xstep(g, member, "cannot add a member", &e->members) < 0)
				goto cleanup;
		}
	}
	rc = 0;
cleanup:
	sqlite3_finalize(org);
	sqlite3_finalize(member);
	return rc;
}

/* Pairs already used by an introduction (a small set: a few hundred). */
struct pairs_used {
	uint64_t *v;
	size_t n, alloc;
};

static int pair_used(struct pairs_used *u, long a, long b)
{
	uint64_t key = (uint64_t)(a < b ? a : b) << 32 | (uint64_t)(a < b ? b : a);
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i] == key)
			return 1;
	if (u->n == u->alloc) {
		u->alloc = u->alloc ? u->alloc * 2 : 64;
		u->v = xrealloc(u->v, u->alloc * sizeof(*u->v));
	}
	u->v[u->n++] = key;
	return 0;
}

static int write_intros(struct gen *g, struct rng *r, struct extras *e)
{
	sqlite3_stmt *intro = xprepare(g, "INSERT INTO intro(a, b, why, state, created, updated, asked_on, accepted_on,"
					  " made_on, declined_on, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
	sqlite3_stmt *knows = xprepare(g, "INSERT OR IGNORE INTO knows(a, b, source, since) VALUES (?1, ?2, ?3, ?4)");
	struct pairs_used used = { NULL, 0, 0 };
	long n_made = clampl(g->n / 500, 5, 200), n_open = clampl(g->n / 2000, 3, 50), made = 0;
	long n_knows = clampl(g->n / 50, 10, 2000);
	int kind_intro = kind_index("intro"), rc = -1;
	char why[160];

	if (!intro || !knows)
		goto cleanup;
	/* the latest intro touches between two people were introductions made */
	for (long i = g->m - 1; i >= 0 && made < n_made; i--) {
		const struct gix *x = &g->ix[i];
		long a, b;
		const char *t;
		kith_day created;
		if (x->kind != kind_intro || x->n_who != 2)
			continue;
		a = x->who[0];
		b = x->who[1];
		if (pair_used(&used, a, b))
			continue;
		created = x->date - 6 - rng_below(r, 25);
		t = shared_tag(g, a, b);
		snprintf(why, sizeof(why), "both into %s", t ? t : "");
		xbind_int(g, intro, 1, a + 1);
		xbind_int(g, intro, 2, b + 1);
		xbind_text(g, intro, 3, t ? why : NULL);
		xbind_text(g, intro, 4, "made");
		xbind_day(g, intro, 5, created);
		xbind_day(g, intro, 6, x->date);
		xbind_day(g, intro, 7, created + 1 + rng_below(r, 3));
		xbind_day(g, intro, 8, x->date - rng_below(r, 3));
		xbind_day(g, intro, 9, x->date);
		if (rng_chance(r, 0.3))
			xbind_text(g, intro, 11, rng_chance(r, 0.5) ? "they met for coffee" : "working on a project together");
		if (xstep(g, intro, "cannot add an introduction", &e->intros) < 0)
			goto cleanup;
		xbind_int(g, knows, 1, (a < b ? a : b) + 1);
		xbind_int(g, knows, 2, (a < b ? b : a) + 1);
		xbind_text(g, knows, 3, "intro");
		xbind_day(g, knows, 4, x->date);
		if (xstep(g, knows, "cannot add who knows whom", &e->knows) < 0)
			goto cleanup;
		made++;
	}
	/* open ones and declined ones, among people the user knows */
	for (long i = 0; i < n_open + n_open / 2; i++) {
		long a = pick_known(g, r), b = pick_known(g, r);
		kith_day created = g->today - rng_below(r, 40), asked = NO_DAY, accepted = NO_DAY, declined = NO_DAY;
		const char *state, *t;
		double u = rng_unit(r);
		if (a < 0 || b < 0 || a == b || pair_used(&used, a, b))
			continue;
		if (i >= n_open) {
			state = "declined";
			declined = created + rng_below(r, (uint64_t)(g->today - created) + 1);
		} else if (u < 0.4) {
			state = "proposed";
		} else {
			asked = created + rng_below(r, (uint64_t)(g->today - created) + 1);
			state = "asked";
			if (u > 0.75) {
				state = "accepted";
				accepted = asked + rng_below(r, (uint64_t)(g->today - asked) + 1);
			}
		}
		t = shared_tag(g, a, b);
		snprintf(why, sizeof(why), "both into %s", t ? t : "");
		xbind_int(g, intro, 1, a + 1);
		xbind_int(g, intro, 2, b + 1);
		xbind_text(g, intro, 3, t ? why : NULL);
		xbind_text(g, intro, 4, state);
		xbind_day(g, intro, 5, created);
		xbind_day(g, intro, 6, declined != NO_DAY ? declined : accepted != NO_DAY ? accepted
							 : asked != NO_DAY ? asked : created);
		xbind_day(g, intro, 7, asked);
		xbind_day(g, intro, 8, accepted);
		xbind_day(g, intro, 10, declined);
		if (declined != NO_DAY && rng_chance(r, 0.5))
			xbind_text(g, intro, 11, "not the right time");
		if (xstep(g, intro, "cannot add an introduction", &e->intros) < 0)
			goto cleanup;
	}
	/* pairs the user said know each other: people they see often know each other */
	for (long i = 0; i < n_knows; i++) {
		long a = pick_known(g, r), b = pick_known(g, r);
		if (a < 0 || b < 0 || a == b)
			continue;
		xbind_int(g, knows, 1, (a < b ? a : b) + 1);
		xbind_int(g, knows, 2, (a < b ? b : a) + 1);
		xbind_text(g, knows, 3, "stated");
		xbind_day(g, knows, 4, g->today - rng_below(r, 700));
		if (xstep(g, knows, "cannot add who knows whom", &e->knows) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	free(used.v);
	sqlite3_finalize(intro);
	sqlite3_finalize(knows);
	return rc;
}

static int write_milestones_goals_posts(struct gen *g, struct rng *r, struct extras *e)
{
	sqlite3_stmt *ms = xprepare(g, "INSERT INTO milestone(person_id, date, text, celebrated_on) VALUES (?1, ?2, ?3, ?4)");
	sqlite3_stmt *goal = xprepare(g, "INSERT INTO goal(id, text, by, org, created, done_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	sqlite3_stmt *target = xprepare(g, "INSERT OR IGNORE INTO goal_target(goal_id, person_id, state, updated)"
					   " VALUES (?1, ?2, ?3, ?4)");
	sqlite3_stmt *post = xprepare(g, "INSERT INTO post(id, title, url, date, channel) VALUES (?1, ?2, ?3, ?4, ?5)");
	sqlite3_stmt *ptag = xprepare(g, "INSERT OR IGNORE INTO post_tag(post_id, tag) VALUES (?1, ?2)");
	static const char *const states[] = { "identified", "identified", "contacted", "contacted", "replied", "met", "referred", "no" };
	long n_ms = clampl(g->n / 200, 5, 500), n_goals = g->o.demo ? 2 : 5, n_posts = g->o.demo ? 8 : 80;
	kith_day day;
	int rc = -1;

	if (!ms || !goal || !target || !post || !ptag)
		goto cleanup;
	for (long i = 0; i < n_ms; i++) {
		char text[160];
		long p = pick_known(g, r);
		kith_day date = rng_chance(r, 0.7) ? g->today - rng_below(r, 60) : g->today - 60 - rng_below(r, 670);
		if (p < 0)
			continue;
		if (date < g->p[p].created)
			date = g->p[p].created;
		fill(text, sizeof(text), milestone_texts[rng_below(r, sizeof(milestone_texts) / sizeof(milestone_texts[0]))],
		     NULL, g->p[p].org >= 0 ? g->orgs[g->p[p].org] : NULL);
		xbind_int(g, ms, 1, p + 1);
		xbind_day(g, ms, 2, date);
		xbind_text(g, ms, 3, text);
		xbind_day(g, ms, 4, g->today - date > 14 && rng_chance(r, 0.4) ? date + rng_below(r, 7) : NO_DAY);
		if (xstep(g, ms, "cannot add a milestone", &e->milestones) < 0)
			goto cleanup;
	}
	/* hard-networking goals: at a large employer of the network, or about people */
	for (long i = 0; i < n_goals; i++) {
		static const char *const texts[] = {
			"referral for the PM role at %s", "meet an engineering director at %s", "find a cofounder",
			"advice on raising a seed round", "land a speaking slot at a conference",
		};
		char text[160];
		/* the first two at an organization (not one of the user's employers) */
		long o = i % 5 < 2 && g->n_orgs > 3 + 2 * i ? 3 + 2 * i : -1;
		kith_day created = g->today - 20 - rng_below(r, 60);
		kith_day by = g->today + 7 + rng_below(r, 100);
		int n_t = 1 + (int)rng_below(r, 4);
		if (o >= g->n_orgs)
			o = -1;
		snprintf(text, sizeof(text), texts[i % 5], o >= 0 ? g->orgs[o] : "a large company");
		xbind_int(g, goal, 1, i + 1);
		xbind_text(g, goal, 2, text);
		xbind_day(g, goal, 3, by);
		xbind_text(g, goal, 4, o >= 0 ? g->orgs[o] : NULL);
		xbind_day(g, goal, 5, created);
		if (xstep(g, goal, "cannot add a goal", &e->goals) < 0)
			goto cleanup;
		for (int t = 0; t < n_t; t++) {
			long p = -1;
			/* someone there, found by a scan from a random start */
			for (long s = o >= 0 ? (long)rng_below(r, (uint64_t)g->n) : 0, k = 0; o >= 0 && k < g->n; k++)
				if (g->p[(s + k) % g->n].org == o) {
					p = (s + k) % g->n;
					break;
				}
			if (p < 0)
				p = pick_known(g, r);
			if (p < 0)
				continue;
			xbind_int(g, target, 1, i + 1);
			xbind_int(g, target, 2, p + 1);
			xbind_text(g, target, 3, states[rng_below(r, 8)]);
			xbind_day(g, target, 4, created + rng_below(r, (uint64_t)(g->today - created) + 1));
			if (xstep(g, target, "cannot add a target", &e->targets) < 0)
				goto cleanup;
		}
	}
	/* the personal brand: a post every ten days or so, with gaps */
	day = g->today - 730;
	for (long i = 0; i < n_posts && day <= g->today; i++) {
		char title[160], url[256], s[128];
		int topic = (int)cdf_pick(&g->tag_cdf, r);
		const char *channel = post_channels[rng_below(r, 5)];
		fill(title, sizeof(title), post_titles[rng_below(r, 8)], gen_tags.v[topic], NULL);
		slug(s, sizeof(s), title, 1);
		snprintf(url, sizeof(url), "https://blog.example.org/%s-%ld", s, i + 1);
		xbind_int(g, post, 1, i + 1);
		xbind_text(g, post, 2, title);
		xbind_text(g, post, 3, rng_chance(r, 0.7) ? url : NULL);
		xbind_day(g, post, 4, day);
		xbind_text(g, post, 5, channel);
		if (xstep(g, post, "cannot add a post", &e->posts) < 0)
			goto cleanup;
		xbind_int(g, ptag, 1, i + 1);
		xbind_text(g, ptag, 2, gen_tags.v[topic]);
		if (xstep(g, ptag, "cannot tag a post", NULL) < 0)
			goto cleanup;
		day += 3 + (kith_day)rng_expo(r, 8) + (g->o.demo ? 60 : 0);
	}
	rc = 0;
cleanup:
	sqlite3_finalize(ms);
	sqlite3_finalize(goal);
	sqlite3_finalize(target);
	sqlite3_finalize(post);
	sqlite3_finalize(ptag);
	return rc;
}

static int write_extras(struct gen *g, struct rng *r, struct extras *e)
{
	long first = 0, n_comm = 0;
	char sql[256];

	memset(e, 0, sizeof(*e));
	if (write_resources(g, r, e) < 0 || write_orgs(g, r, e, &first, &n_comm) < 0 || write_intros(g, r, e) < 0 ||
	    write_milestones_goals_posts(g, r, e) < 0)
		return -1;
	/* two events in three were a community's */
	snprintf(sql, sizeof(sql), "UPDATE interaction SET org_id = %ld + (id * 2654435761) %% %ld"
				   " WHERE kind = 'event' AND id %% 3 != 0", first, n_comm);
	if (exec(g, sql) < 0)
		return -1;
	e->events = sqlite3_changes(g->db);
	return 0;
}

/*
 * Schema objects set aside during the load: every secondary index, cheaper
 * to build once from sorted rows than to grow row by row, and the trigger
 * that feeds interaction_fts one row at a time (a 'rebuild' indexes all
 * notes in one pass, 6 s faster at 1,000,000 interactions). Each is
 * recreated from its own SQL text in sqlite_master, so the schema after the
 * load is exactly the library's, whatever its migrations add.
 */
struct deferred {
	char **sql;
	size_t n;
};

static void deferred_release(struct deferred *d)
{
	for (size_t i = 0; i < d->n; i++)
		sqlite3_free(d->sql[i]);
	free(d->sql);
	d->sql = NULL;
	d->n = 0;
}

static int defer_schema(struct gen *g, struct deferred *d)
{
	sqlite3_stmt *st = NULL;
	char **drops = NULL;
	size_t alloc = 0;
	int rc = -1, r;

	if (sqlite3_prepare_v2(g->db,
			       "SELECT sql, printf('DROP %s \"%w\"', iif(type = 'index', 'INDEX', 'TRIGGER'), name)"
			       " FROM sqlite_master WHERE (type = 'index' AND sql IS NOT NULL)"
			       " OR (type = 'trigger' AND name = 'interaction_ai')",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(g, "cannot read the schema");
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (d->n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			d->sql = xrealloc(d->sql, alloc * sizeof(*d->sql));
			drops = xrealloc(drops, alloc * sizeof(*drops));
		}
		d->sql[d->n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 0));
		drops[d->n] = sqlite3_mprintf("%s", (const char *)sqlite3_column_text(st, 1));
		d->n++;
		if (!d->sql[d->n - 1] || !drops[d->n - 1]) {
			snprintf(g->err, sizeof(g->err), "out of memory");
			goto cleanup;
		}
	}
	if (r != SQLITE_DONE) {
		fail(g, "cannot read the schema");
		goto cleanup;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* the schema cannot change while a statement reads it: drop after */
	for (size_t i = 0; i < d->n; i++)
		if (exec(g, drops[i]) < 0)
			goto cleanup;
	rc = 0;
cleanup:
	sqlite3_finalize(st);
	for (size_t i = 0; i < d->n; i++)
		sqlite3_free(drops[i]);
	free(drops);
	return rc;
}

static int restore_schema(struct gen *g, struct deferred *d)
{
	for (size_t i = 0; i < d->n; i++) {
		if (exec(g, d->sql[i]) < 0)
			return -1;
		phase(g, d->sql[i]);
	}
	/* what interaction_ai and the library would have written, in one pass
	   each (person_fts from the view it indexes) */
	return exec(g, "INSERT INTO interaction_fts(interaction_fts) VALUES ('rebuild');"
		       " INSERT INTO person_fts(person_fts) VALUES ('rebuild')");
}

static int database_is_empty(struct gen *g, int *empty)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (sqlite3_prepare_v2(g->db,
			       "SELECT EXISTS (SELECT 1 FROM person) OR EXISTS (SELECT 1 FROM interaction)"
			       " OR EXISTS (SELECT 1 FROM tag_cadence)",
			       -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		rc = fail(g, "cannot read the database");
	else
		*empty = sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	return rc;
}

/* ---- hints for the benchmark ---- */

/* Like kith_resolve: q is a prefix of the key at its start or at a word's. */
static int name_matches(const char *key, const char *q)
{
	size_t qn = strlen(q);
	for (const char *s = key;;) {
		if (!strncmp(s, q, qn))
			return 1;
		s += strcspn(s, " -");
		if (!*s)
			return 0;
		s++;
	}
}

static long count_matches(const struct gen *g, const char *q, int *exact)
{
	long n = 0;
	*exact = 0;
	for (long i = 0; i < g->n; i++) {
		if (name_matches(g->p[i].key, q)) {
			n++;
			*exact += !strcmp(g->p[i].key, q);
		}
	}
	return n;
}

struct busy {
	int32_t n_ix;
	long i;
};

/* Busiest first; ties by lowest id. */
static int cmp_busy(const void *a, const void *b)
{
	const struct busy *x = a, *y = b;
	if (x->n_ix != y->n_ix)
		return x->n_ix < y->n_ix ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

static void print_hints(const struct gen *g)
{
	long best = -1, best_word = -1;
	struct busy *order;
	char prefix[96] = "";
	int exact;

	/* the busiest person whose full name is theirs alone */
	order = xcalloc((size_t)g->n, sizeof(*order));
	for (long i = 0; i < g->n; i++) {
		order[i].n_ix = g->p[i].n_ix;
		order[i].i = i;
	}
	qsort(order, (size_t)g->n, sizeof(*order), cmp_busy);
	for (long i = 0; i < g->n && i < 50 && best < 0; i++)
		if (count_matches(g, g->p[order[i].i].key, &exact) == 1)
			best = order[i].i;
	free(order);
	if (best >= 0) {
		/* the shortest "first las" prefix that still names only them */
		const char *key = g->p[best].key;
		const char *sp = strchr(key, ' ');
		snprintf(prefix, sizeof(prefix), "%s", key);
		for (size_t n = sp ? (size_t)(sp - key) + 4 : strlen(key); n < strlen(key); n++) {
			char q[96];
			snprintf(q, sizeof(q), "%.*s", (int)n, key);
			if ((unsigned char)key[n - 1] < 0x80 && count_matches(g, q, &exact) == 1) {
				snprintf(prefix, sizeof(prefix), "%s", q);
				break;
			}
		}
		printf("busiest_id=%ld\nbusiest_name=%s\nbusiest_touches=%d\nname_prefix=%s\n", best + 1,
		       g->p[best].name, g->p[best].n_ix, prefix);
	}
	/* a plain word from the notes, used about once in 4000 interactions */
	for (size_t t = 0; t < gen_tags.n; t++) {
		long target = g->m / 4000 > 1 ? g->m / 4000 : 1;
		if (!g->topic_uses[t] || strchr(gen_tags.v[t], '-') || strlen(gen_tags.v[t]) < 4)
			continue;
		if (best_word < 0 || labs(g->topic_uses[t] - target) < labs(g->topic_uses[best_word] - target))
			best_word = (long)t;
	}
	if (best_word >= 0)
		printf("find_word=%s\nfind_word_notes=%ld\n", gen_tags.v[best_word], g->topic_uses[best_word]);
	/* `kith share`: resource 1, an article on the two most common interests */
	printf("share_resource=1\n");
}

/* ---- main ---- */

static void usage(FILE *f)
{
	fprintf(f,
		"usage: gen --db FILE --people N --interactions M [--seed S] [--hints] [-v]\n"
		"       gen --db FILE --demo [--people N] [--interactions M] [--seed S]\n"
		"\n"
		"Fill an empty kith database with a synthetic network (KITH_TODAY sets today).\n"
		"  --demo     the small hand-tuned network of 'make demo' (150 people, 2 years)\n"
		"  --hints    print facts for the benchmark on stdout (busiest person, a name\n"
		"             prefix, a word in notes, a resource to share)\n"
		"  -v         print the time of each phase\n");
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_args(int argc, char **argv, struct opts *o)
{
	long v;
	o->people = o->interactions = -1;
	o->seed = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--demo")) {
			o->demo = 1;
		} else if (!strcmp(a, "--hints")) {
			o->hints = 1;
		} else if (!strcmp(a, "-v") || !strcmp(a, "--verbose")) {
			o->verbose = 1;
		} else if (!strcmp(a, "--db") && val) {
			o->db = val;
			i++;
		} else if (!strcmp(a, "--people") && val) {
			if (parse_long(val, 1, 10000000, &o->people) < 0) {
				fprintf(stderr, "gen: error: invalid --people '%s' (1 to 10000000)\n", val);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "--interactions") && val) {
			if (parse_long(val, 0, 100000000, &o->interactions) < 0) {
				fprintf(stderr, "gen: error: invalid --interactions '%s' (0 to 100000000)\n", val);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "--seed") && val) {
			if (parse_long(val, 0, 2147483647L, &v) < 0) {
				fprintf(stderr, "gen: error: invalid --seed '%s' (0 to 2147483647)\n", val);
				return -1;
			}
			o->seed = (uint64_t)v;
			i++;
		} else {
			fprintf(stderr, "gen: error: unknown or incomplete option '%s'\n", a);
			return -1;
		}
	}
	if (!o->db) {
		fprintf(stderr, "gen: error: --db is required\n");
		return -1;
	}
	if (o->demo) {
		if (o->people < 0)
			o->people = 150;
		if (o->interactions < 0)
			o->interactions = o->people * 8;
	} else if (o->people < 0 || o->interactions < 0) {
		fprintf(stderr, "gen: error: --people and --interactions are required (or --demo)\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct gen g;
	struct deferred def;
	struct rng r_people, r_text, r_ix, r_extra;
	struct extras ex;
	char err[512];
	int ret = 1, empty = 0, in_txn = 0;

	kith_process_init();
	memset(&g, 0, sizeof(g));
	memset(&def, 0, sizeof(def));
	clock_gettime(CLOCK_MONOTONIC, &g.t0);
	if (parse_args(argc, argv, &g.o) < 0) {
		usage(stderr);
		return 2;
	}
	if (kith_today(&g.today, err, sizeof(err)) < 0) {
		fprintf(stderr, "gen: error: %s\n", err);
		return 2;
	}
	g.n = g.o.people;
	g.start = g.today - (g.o.demo ? 2 * 365 : 5 * 365);
	rng_seed(&r_people, g.o.seed, 1);
	rng_seed(&r_text, g.o.seed, 2);
	rng_seed(&r_ix, g.o.seed, 3);
	rng_seed(&r_extra, g.o.seed, 4);

	/* one connection in one thread: SQLite's mutexes are dead weight */
	if (sqlite3_config(SQLITE_CONFIG_SINGLETHREAD) != SQLITE_OK) {
		fprintf(stderr, "gen: error: cannot configure sqlite\n");
		return 1;
	}
	if (kith_open(g.o.db, g.today, &g.k, err, sizeof(err)) != KITH_OK) {
		fprintf(stderr, "gen: error: %s\n", err);
		return 1;
	}
	g.db = kith_db(g.k);
	if (database_is_empty(&g, &empty) < 0)
		goto cleanup;
	if (!empty) {
		snprintf(g.err, sizeof(g.err), "'%s' is not empty; gen only fills a new database", g.o.db);
		goto cleanup;
	}
	phase(&g, "opened");

	if (model_people(&g, &r_people) < 0)
		goto cleanup;
	if (g.o.demo)
		script_windows(&g);
	if (model_interactions(&g, &r_ix) < 0)
		goto cleanup;
	sort_interactions(&g);
	phase(&g, "modelled");

	/*
	 * A new database, written once: no rollback journal (a failed run
	 * leaves a file to delete, nothing more), no foreign key lookups (the
	 * rows are consistent by construction), a big page cache.
	 */
	if (exec(&g, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;"
		     " PRAGMA cache_size = -400000; PRAGMA temp_store = MEMORY") < 0)
		goto cleanup;
	for (int i = 0; i < N_ST; i++) {
		char *sql = st_sql[i] ? NULL : batch_sql(i);
		int r = sqlite3_prepare_v2(g.db, sql ? sql : st_sql[i], -1, &g.st[i], NULL);
		free(sql);
		if (r != SQLITE_OK) {
			fail(&g, "cannot prepare a statement");
			goto cleanup;
		}
	}
	if (kith_begin(g.k) != KITH_OK) {
		snprintf(g.err, sizeof(g.err), "%s", kith_errmsg(g.k));
		goto cleanup;
	}
	in_txn = 1;
	if (defer_schema(&g, &def) < 0)
		goto cleanup;
	if (write_people(&g, &r_text) < 0)
		goto cleanup;
	phase(&g, "people written");
	if (write_interactions(&g) < 0)
		goto cleanup;
	phase(&g, "interactions written");
	if (write_extras(&g, &r_extra, &ex) < 0)
		goto cleanup;
	if (g.o.verbose)
		fprintf(stderr, "gen: %ld resources, %ld shares, %ld organizations (%ld members, %ld events),"
				" %ld introductions, %ld knows, %ld milestones, %ld goals (%ld targets), %ld posts\n",
			ex.resources, ex.shares, ex.orgs, ex.members, ex.events, ex.intros, ex.knows, ex.milestones,
			ex.goals, ex.targets, ex.posts);
	phase(&g, "resources, organizations, introductions, goals and posts written");
	/*
	 * The last touch went in with the rows; the library derives the rest
	 * (cadence, due and overdue days). kith_refresh_all(k, 1) would read
	 * the last touch again with a query per person: 3.1 s instead of 0.7 s
	 * at 100,000 people and 1,000,000 interactions.
	 */
	if (kith_refresh_all(g.k, 0) != KITH_OK) {
		snprintf(g.err, sizeof(g.err), "%s", kith_errmsg(g.k));
		goto cleanup;
	}
	phase(&g, "derived columns refreshed");
	if (restore_schema(&g, &def) < 0)
		goto cleanup;
	phase(&g, "indexes built");
	if (kith_commit(g.k) != KITH_OK) {
		snprintf(g.err, sizeof(g.err), "%s", kith_errmsg(g.k));
		in_txn = 0;
		goto cleanup;
	}
	in_txn = 0;
	if (exec(&g, "PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL") < 0)
		goto cleanup;
	phase(&g, "committed");

	if (g.o.hints)
		print_hints(&g);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		snprintf(g.err, sizeof(g.err), "cannot write the hints: %s", strerror(errno));
		goto cleanup;
	}
	fprintf(stderr, "generated %ld people, %ld interactions in %.1f s\n", g.n, g.m, elapsed(&g.t0));
	ret = 0;
cleanup:
	if (ret != 0 && g.err[0])
		fprintf(stderr, "gen: error: %s\n", g.err);
	if (in_txn)
		kith_rollback(g.k);
	for (int i = 0; i < N_ST; i++)
		sqlite3_finalize(g.st[i]);
	deferred_release(&def);
	kith_close(g.k);
	cdf_release(&g.org_cdf);
	cdf_release(&g.tag_cdf);
	cdf_release(&g.who_cdf);
	cdf_release(&g.kind_cdf[0]);
	cdf_release(&g.kind_cdf[1]);
	free(g.p);
	free(g.ix);
	free(g.orgs);
	free(g.topic_uses);
	return ret;
}
