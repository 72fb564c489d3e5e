/*
 * Being helpful and appreciative: resources and who they fit, shares,
 * milestones and praise, and their actions in the daily plan.
 *
 * Who a resource fits (kith share, and the plan's share action) is ranked
 * from the indexes, without reading everyone:
 *
 *  1. candidates: for each tag of the resource, the people whose tags or
 *     goals mention its words, from the full-text index (its "tags"
 *     column holds both), in id order; merged into one list with a mask of
 *     the tags each mentions, minus the people who already got it (share
 *     by resource);
 *  2. fit = the sum of idf(tag) = ln(1 + N / people mentioning the tag)
 *     over the mask: the same for everyone with the same mask, so the
 *     candidates are put in fit order by a counting sort over the few
 *     distinct masks, by id within a fit;
 *  3. bonus = circle (inner 0.5, close 0.375, active 0.25, wide 0.125) plus
 *     due 0.75 or overdue 1: being due is a reason to reach out, and it
 *     outweighs the circle. With many candidates, the people due today are
 *     read from the covering person_due index (circle and dates, no table
 *     row), so their bonus is known at once and everyone else's is the
 *     circle's at most;
 *  4. best fit first, keep the best `want`; stop when the next fit plus the
 *     most bonus it could have cannot beat the last kept. A person's row is
 *     read only when they could still make it, at most `visit_cap` rows
 *     (5,000 for kith share): the cap only bites when thousands fit equally
 *     well and are not due, and then the ones read are the first by id.
 *
 * Step 1 costs one full-text entry per person mentioning a tag: about 3 ms
 * for a tag 36,000 of 100,000 people have. kith share reads them all; the
 * plan, which must stay a few milliseconds, reads PLAN_TAG_CAP per tag
 * from an id that moves with the day (see kith_resource_plan). N is the
 * largest person id (ids are never reused): the number of people ever
 * added, a free stand-in for counting them.
 */
#include "internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/interaction.h"
#include "kith/person.h"
#include "kith/resource.h"
#include "kith/strbuf.h"
#include "plan_internal.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_SHARE_NOTE 10000
#define MAX_PRAISE 10000
#define SUGGEST_MAX 1000
#define PREPASS_MIN 256        /* candidates from which the people due are read from their index */
#define DUE_PREPASS_MAX 20000  /* at most this many (the longest due) */
#define PLAN_VISIT_CAP 200     /* person rows read per opportunity in the plan */
#define PLAN_OPPORTUNITIES 2   /* opportunities the plan looks at, the soonest closing */
#define PLAN_TAG_CAP 300       /* people read per tag in the plan, from an id that moves by day */
#define PLAN_DUE_MAX 500       /* people due read for the plan (the longest due) */
#define MILESTONE_PLAN_DAYS 14
#define PRAISE_CELEBRATES_DAYS 30
#define SHARE_PLAN_DAYS 14

/* the bonus: circle (closer first) and a reason to reach out (due), which weighs more */
static const double circle_bonus[5] = { 0.5, 0.375, 0.25, 0.125, 0.0 };
#define CIRCLE_MAX 0.5
#define DUE_BONUS 0.75
#define OVERDUE_BONUS 1.0
#define BONUS_MAX (CIRCLE_MAX + OVERDUE_BONUS)

static const char *const kinds[] = { "article", "podcast", "video", "event", "opportunity", "other", NULL };

/* ------------------------------------------------------------ helpers */

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/*
 * The words of s, folded (case and accents), each followed by one space
 * and the whole preceded by one: " data science ". A tag's form is found
 * in a goal's form by strstr exactly when the goal has its words in a row.
 */
static void words_form(const char *s, struct strbuf *out)
{
	struct strbuf f = STRBUF_INIT;
	int in_word = 0;
	kith_fold(s, &f);
	strbuf_addch(out, ' ');
	for (size_t i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.buf[i];
		if (is_word_byte(c)) {
			strbuf_addch(out, c);
			in_word = 1;
		} else if (in_word) {
			strbuf_addch(out, ' ');
			in_word = 0;
		}
	}
	if (in_word)
		strbuf_addch(out, ' ');
	strbuf_release(&f);
}

static void days_ago(struct strbuf *sb, long d)
{
	if (d <= 0)
		strbuf_addstr(sb, "today");
	else if (d == 1)
		strbuf_addstr(sb, "yesterday");
	else
		strbuf_addf(sb, "%ld days ago", d);
}

/* -------------------------------------------------------- resources */

void kith_resource_release(struct kith_resource *r)
{
	if (!r)
		return;
	free(r->url);
	free(r->title);
	kith_strlist_release(&r->tags);
	memset(r, 0, sizeof(*r));
}

int kith_resource_kind_valid(const char *kind)
{
	for (size_t i = 0; kind && kinds[i]; i++)
		if (!strcmp(kinds[i], kind))
			return 1;
	return 0;
}

int kith_url_check(const char *url, char *err, size_t errlen)
{
	size_t len = url ? strlen(url) : 0, skip;
	const char *host;

	if (!len) {
		snprintf(err, errlen, "empty URL");
		return -1;
	}
	if (len > KITH_URL_MAX) {
		snprintf(err, errlen, "the URL is too long (%d bytes at most)", KITH_URL_MAX);
		return -1;
	}
	if (!strncasecmp(url, "http://", 7))
		skip = 7;
	else if (!strncasecmp(url, "https://", 8))
		skip = 8;
	else {
		snprintf(err, errlen, "invalid URL '%.200s' (it must start with http:// or https://)", url);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)url[i];
		if (c <= 0x20 || c == 0x7f) {
			snprintf(err, errlen, "invalid URL '%.200s' (no spaces or control characters; write a space as %%20)",
				 url);
			return -1;
		}
	}
	host = url + skip;
	if (!*host || *host == '/' || *host == '?' || *host == '#') {
		snprintf(err, errlen, "invalid URL '%.200s' (no host after the scheme)", url);
		return -1;
	}
	return 0;
}

static enum kith_rc load_tags(struct kith *k, int64_t id, struct kith_strlist *tags)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT tag FROM resource_tag WHERE resource_id = ?1 ORDER BY tag");
	int r;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW)
		kith_strlist_push(tags, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? KITH_OK : kith_fail_db(k, "cannot read the resource's tags");
}

enum kith_rc kith_resource_add(struct kith *k, const char *url, const char *title, const char *kind,
			       const struct kith_strlist *tags, kith_day until, int64_t *out)
{
	char *u = kith_trim_dup(url), *t = kith_trim_dup(title);
	char err[300];
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	int64_t id;
	int began = 0;

	if (!kind)
		kind = "article";
	if (kith_url_check(u, err, sizeof(err)) < 0) {
		rc = kith_fail(k, KITH_EINPUT, "%s", err);
		goto cleanup;
	}
	if (t && strlen(t) > KITH_TITLE_MAX) {
		rc = kith_fail(k, KITH_EINPUT, "the title is too long (%d bytes at most)", KITH_TITLE_MAX);
		goto cleanup;
	}
	if (t && strpbrk(t, "\r\n")) {
		rc = kith_fail(k, KITH_EINPUT, "a title is one line");
		goto cleanup;
	}
	if (!kith_resource_kind_valid(kind)) {
		rc = kith_fail(k, KITH_EINPUT,
			       "unknown kind '%.40s' (article, podcast, video, event, opportunity or other)", kind);
		goto cleanup;
	}
	if (tags && tags->n > KITH_RESOURCE_TAGS_MAX) {
		rc = kith_fail(k, KITH_EINPUT, "too many tags (%d at most)", KITH_RESOURCE_TAGS_MAX);
		goto cleanup;
	}
	st = kith_prepare(k, "SELECT id FROM resource WHERE url = ?1");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, u, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		rc = kith_fail(k, KITH_EINPUT, "'%.200s' is already resource #%lld (see kith resource show %lld)", u,
			       (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 0));
		goto cleanup;
	}
	sqlite3_finalize(st);
	st = NULL;

	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	began = 1;
	st = kith_prepare(k, "INSERT INTO resource(url, title, kind, until, created) VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, u, -1, SQLITE_STATIC);
	kith_bind_text(st, 2, t, 1);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	kith_bind_day(st, 4, until);
	kith_bind_day(st, 5, k->today);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot add the resource");
		goto cleanup;
	}
	id = sqlite3_last_insert_rowid(k->db);
	sqlite3_finalize(st);
	st = kith_prepare(k, "INSERT OR IGNORE INTO resource_tag(resource_id, tag) VALUES (?1, ?2)");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; tags && i < tags->n; i++) {
		char *tag = kith_tag_normalize(tags->v[i]);
		if (!tag) {
			rc = kith_fail(k, KITH_EINPUT, "invalid tag '%.80s' (1 to 64 characters)", tags->v[i]);
			goto cleanup;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, tag, -1, SQLITE_TRANSIENT);
		free(tag);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot save the resource's tags");
			goto cleanup;
		}
	}
	if (out)
		*out = id;
cleanup:
	sqlite3_finalize(st);
	if (began)
		rc = kith_sp_end(k, rc);
	free(u);
	free(t);
	return rc;
}

enum kith_rc kith_resource_get(struct kith *k, int64_t id, struct kith_resource *r)
{
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;
	int s;

	memset(r, 0, sizeof(*r));
	st = kith_prepare(k, "SELECT id, url, title, kind, until, created,"
			     " (SELECT count(*) FROM share WHERE resource_id = r.id)"
			     " FROM resource r WHERE id = ?1");
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	s = sqlite3_step(st);
	if (s == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->url = kith_column_strdup(st, 1);
		r->title = kith_column_strdup(st, 2);
		snprintf(r->kind, sizeof(r->kind), "%s", (const char *)sqlite3_column_text(st, 3));
		r->until = kith_column_day(st, 4);
		r->created = kith_column_day(st, 5);
		r->n_shared = sqlite3_column_int64(st, 6);
	} else if (s == SQLITE_DONE) {
		rc = kith_fail(k, KITH_ENOTFOUND, "no resource #%lld (see kith resource ls)", (long long)id);
	} else {
		rc = kith_fail_db(k, "cannot read the resource");
	}
	sqlite3_finalize(st);
	if (rc == KITH_OK)
		rc = load_tags(k, id, &r->tags);
	if (rc != KITH_OK)
		kith_resource_release(r);
	return rc;
}

/* The URL without its scheme and a leading "www.". */
static const char *url_rest(const char *url)
{
	if (!strncasecmp(url, "https://", 8))
		url += 8;
	else if (!strncasecmp(url, "http://", 7))
		url += 7;
	if (!strncasecmp(url, "www.", 4))
		url += 4;
	return url;
}

/* 1 when a word of s (after a space or a punctuation mark) starts with q. */
static int word_prefix(const char *s, const char *q, size_t qlen)
{
	for (const char *p = s; *p; p++)
		if ((p == s || !is_word_byte((unsigned char)p[-1])) && is_word_byte((unsigned char)*p) &&
		    !strncmp(p, q, qlen))
			return 1;
	return 0;
}

/* The same, case-insensitive (for URLs, which are ASCII). */
static int word_prefix_ci(const char *s, const char *q, size_t qlen)
{
	for (const char *p = s; *p; p++)
		if ((p == s || !is_word_byte((unsigned char)p[-1])) && is_word_byte((unsigned char)*p) &&
		    !strncasecmp(p, q, qlen))
			return 1;
	return 0;
}

enum kith_rc kith_resource_resolve(struct kith *k, const char *ref, int64_t *out)
{
	struct cand { int64_t id; char *label; int level; } *c = NULL;
	size_t n = 0, alloc = 0, n_best = 0;
	int best = 0;
	char *q = kith_trim_dup(ref), *fq = NULL, *end;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	size_t qlen, fqlen;
	int r;

	if (!q)
		return kith_fail(k, KITH_EINPUT, "empty resource reference");
	if (strlen(q) > KITH_URL_MAX) {
		free(q);
		return kith_fail(k, KITH_EINPUT, "resource reference too long");
	}
	{
		const char *num = q[0] == '#' ? q + 1 : q;
		long long v = strtoll(num, &end, 10);
		if (*num >= '0' && *num <= '9' && !*end) {
			st = kith_prepare(k, "SELECT 1 FROM resource WHERE id = ?1");
			if (!st) {
				rc = KITH_ERR;
				goto cleanup;
			}
			sqlite3_bind_int64(st, 1, v);
			r = sqlite3_step(st);
			if (r == SQLITE_ROW)
				*out = v;
			else if (r == SQLITE_DONE)
				rc = kith_fail(k, KITH_ENOTFOUND, "no resource has the id '%s' (see kith resource ls)", num);
			else
				rc = kith_fail_db(k, "cannot read resources");
			goto cleanup;
		}
	}
	fq = kith_fold_dup(q);
	qlen = strlen(q);
	fqlen = strlen(fq);
	/* the library is small next to the network: reading it whole is fine */
	st = kith_prepare(k, "SELECT id, url, title FROM resource ORDER BY id");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		const char *url = (const char *)sqlite3_column_text(st, 1);
		const char *title = (const char *)sqlite3_column_text(st, 2);
		char *ft = title ? kith_fold_dup(title) : NULL;
		int level = 0;
		if (!strcasecmp(url, q))
			level = 5;
		else if (ft && !strcmp(ft, fq))
			level = 4;
		else if (!strncasecmp(url, q, qlen) || !strncasecmp(url_rest(url), url_rest(q), strlen(url_rest(q))))
			level = 3;
		else if (ft && fqlen && !strncmp(ft, fq, fqlen))
			level = 2;
		else if (fqlen && ((ft && word_prefix(ft, fq, fqlen)) || word_prefix_ci(url_rest(url), q, qlen)))
			level = 1;
		free(ft);
		if (!level)
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			c = xrealloc(c, alloc * sizeof(*c));
		}
		c[n].id = sqlite3_column_int64(st, 0);
		c[n].label = xstrdup(title ? title : url);
		c[n].level = level;
		if (level > best) {
			best = level;
			n_best = 0;
		}
		n_best += level == best;
		n++;
	}
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot read resources");
		goto cleanup;
	}
	if (n == 0) {
		rc = kith_fail(k, KITH_ENOTFOUND, "no resource matches '%.200s' (see kith resource ls)", q);
	} else if (n_best == 1) {
		for (size_t i = 0; i < n; i++)
			if (c[i].level == best)
				*out = c[i].id;
	} else {
		struct strbuf sb = STRBUF_INIT;
		size_t shown = 0;
		strbuf_addf(&sb, "'%.200s' matches %zu resources: ", q, n_best);
		for (size_t i = 0; i < n && shown < 5; i++) {
			if (c[i].level != best)
				continue;
			if (shown++)
				strbuf_addstr(&sb, ", ");
			strbuf_addf(&sb, "#%lld '", (long long)c[i].id);
			kith_add_short(&sb, c[i].label, 60);
			strbuf_addch(&sb, '\'');
		}
		if (n_best > shown)
			strbuf_addstr(&sb, ", ...");
		strbuf_addstr(&sb, " (use the id)");
		rc = kith_fail(k, KITH_EAMBIG, "%s", sb.buf);
		strbuf_release(&sb);
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		free(c[i].label);
	free(c);
	sqlite3_finalize(st);
	free(q);
	free(fq);
	return rc;
}

enum kith_rc kith_resource_list(struct kith *k, const struct kith_strlist *tags,
				int (*fn)(void *ctx, const struct kith_resource *r), void *ctx)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;
	int64_t *ids = NULL;
	size_t n = 0, alloc = 0, n_tags = tags ? tags->n : 0;
	int r;

	if (n_tags > KITH_RESOURCE_TAGS_MAX)
		return kith_fail(k, KITH_EINPUT, "too many tags (%d at most)", KITH_RESOURCE_TAGS_MAX);
	strbuf_addstr(&sql, "SELECT id FROM resource r WHERE 1");
	for (size_t i = 0; i < n_tags; i++)
		strbuf_addf(&sql, " AND EXISTS (SELECT 1 FROM resource_tag t WHERE t.resource_id = r.id AND t.tag = ?%zu)",
			    i + 1);
	strbuf_addstr(&sql, " ORDER BY id");
	st = kith_prepare(k, sql.buf);
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < n_tags; i++) {
		char *t = kith_tag_normalize(tags->v[i]);
		if (!t) {
			rc = kith_fail(k, KITH_EINPUT, "invalid tag '%.80s'", tags->v[i]);
			goto cleanup;
		}
		sqlite3_bind_text(st, (int)i + 1, t, -1, SQLITE_TRANSIENT);
		free(t);
	}
	/* ids first: fn may run statements of its own */
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			ids = xrealloc(ids, alloc * sizeof(*ids));
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot list resources");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		struct kith_resource res;
		int stop;
		rc = kith_resource_get(k, ids[i], &res);
		if (rc != KITH_OK)
			goto cleanup;
		stop = fn(ctx, &res);
		kith_resource_release(&res);
		if (stop)
			break;
	}
cleanup:
	sqlite3_finalize(st);
	strbuf_release(&sql);
	free(ids);
	return rc;
}

enum kith_rc kith_resource_rm(struct kith *k, int64_t id)
{
	int changes = 0;
	enum kith_rc rc = kith_exec_id(k, "DELETE FROM resource WHERE id = ?1", id, "cannot remove the resource",
				       &changes);
	if (rc == KITH_OK && changes == 0)
		rc = kith_fail(k, KITH_ENOTFOUND, "no resource #%lld", (long long)id);
	return rc;
}

enum kith_rc kith_resource_shares(struct kith *k, int64_t id,
				  int (*fn)(void *ctx, const struct kith_share *s), void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT s.person_id, p.name, s.date, s.interaction_id FROM share s"
					   " JOIN person p ON p.id = s.person_id WHERE s.resource_id = ?1"
					   " ORDER BY s.date, s.person_id");
	int r;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_share s;
		s.person_id = sqlite3_column_int64(st, 0);
		s.name = (const char *)sqlite3_column_text(st, 1);
		s.date = kith_column_day(st, 2);
		s.interaction_id = sqlite3_column_int64(st, 3);
		if (fn(ctx, &s)) {
			r = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? KITH_OK : kith_fail_db(k, "cannot read shares");
}

/* ------------------------------------------------------------ ranking */

#define EPS 0.006 /* scores are rounded to 2 decimals: bounds allow for it */

/* Someone due today, read from the covering person_due index alone. */
struct due_person {
	int64_t id;
	uint8_t circle;
	uint8_t status;    /* 1 due, 2 overdue */
};

/* The people due today, with a hash by id; loaded once per call that ranks. */
struct due_set {
	struct due_person *v;
	size_t n;
	uint32_t *slot;    /* index + 1 into v; 0 is empty */
	size_t cap;        /* a power of two, at least twice n */
	size_t max;        /* read at most this many, the longest due (0: DUE_PREPASS_MAX) */
	int loaded;
	int complete;      /* everyone due is in v (else the max longest due) */
};

struct cand {
	int64_t pid;
	uint32_t mask;     /* the resource's tags their tags or goals mention */
	uint32_t group;    /* rank of their fit among the distinct fits, best 0 */
	int8_t circle;     /* -1 until known */
	int8_t status;     /* 0 not due, 1 due, 2 overdue, -1 unknown */
};

struct idvec {
	int64_t *v;
	size_t n, alloc;
};

static void idvec_push(struct idvec *iv, int64_t id)
{
	if (iv->n == iv->alloc) {
		iv->alloc = iv->alloc ? iv->alloc * 2 : 256;
		iv->v = xrealloc(iv->v, iv->alloc * sizeof(*iv->v));
	}
	iv->v[iv->n++] = id;
}

/* What ranking a resource needs. */
struct rank_req {
	int64_t rid;
	const struct kith_strlist *tags;
	size_t want;
	size_t visit_cap;              /* person rows read at most */
	struct kith_plan_build *plan;  /* skip people already in the plan */
	int64_t n_people;              /* N for idf; 0: look it up */
	struct due_set *due;           /* a cache shared by several rankings, or NULL */
	size_t tag_cap;                /* people read per tag at most, from a pivot id on (0: all) */
	int64_t pivot;
};

struct ranked {
	int64_t pid;
	double score;
	uint32_t mask;
	int circle;
	int status;
};

static int ranked_before(const struct ranked *a, const struct ranked *b)
{
	return a->score > b->score || (a->score == b->score && a->pid < b->pid);
}

static void due_set_release(struct due_set *d)
{
	free(d->v);
	free(d->slot);
	memset(d, 0, sizeof(*d));
}

static size_t id_hash(int64_t id, size_t cap)
{
	return (size_t)(((uint64_t)id * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);
}

static const struct due_person *due_find(const struct due_set *d, int64_t id)
{
	if (!d->cap)
		return NULL;
	for (size_t h = id_hash(id, d->cap); d->slot[h]; h = (h + 1) & (d->cap - 1))
		if (d->v[d->slot[h] - 1].id == id)
			return &d->v[d->slot[h] - 1];
	return NULL;
}

/* The people due today (the longest due first, when too many), from the index alone. */
static enum kith_rc due_set_load(struct kith *k, struct due_set *d)
{
	sqlite3_stmt *st;
	char today[KITH_DATE_BUFSZ];
	size_t alloc = 0;
	int r;

	if (d->loaded)
		return KITH_OK;
	st = kith_prepare(k, "SELECT id, circle, overdue_on <= ?1 FROM person WHERE due_on <= ?1"
			     " ORDER BY due_on LIMIT ?2");
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, kith_day_format(k->today, today), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)(d->max ? d->max : DUE_PREPASS_MAX));
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int circle = sqlite3_column_int(st, 1);
		if (d->n == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			d->v = xrealloc(d->v, alloc * sizeof(*d->v));
		}
		d->v[d->n].id = sqlite3_column_int64(st, 0);
		d->v[d->n].circle = (uint8_t)(circle >= 0 && circle <= 4 ? circle : 4);
		d->v[d->n].status = sqlite3_column_int(st, 2) ? 2 : 1;
		d->n++;
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		return kith_fail_db(k, "cannot read people due");
	for (d->cap = 64; d->cap < 2 * d->n; d->cap *= 2)
		;
	d->slot = xcalloc(d->cap, sizeof(*d->slot));
	for (size_t i = 0; i < d->n; i++) {
		size_t h = id_hash(d->v[i].id, d->cap);
		while (d->slot[h])
			h = (h + 1) & (d->cap - 1);
		d->slot[h] = (uint32_t)(i + 1);
	}
	d->complete = d->n < (d->max ? d->max : DUE_PREPASS_MAX);
	d->loaded = 1;
	return KITH_OK;
}

/* N for idf: ids are never reused, so the largest is the number of people ever added. */
static enum kith_rc count_people(struct kith *k, int64_t *n)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT max(id) FROM person");
	if (!st)
		return KITH_ERR;
	*n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return KITH_OK;
}

/*
 * The people whose tags or goals mention tag, by id, into out: the
 * full-text index's "tags" column holds both, so the phrase of the tag's
 * words finds "ai" in the tag ai, in ai-ethics and in the goal "launch an
 * AI course". A tag without a word (letters or digits) is looked up as
 * it is in person_tag. *df is how many people mention it.
 *
 * With req->tag_cap, at most that many are read: from the id req->pivot
 * on, then from the first id when there are fewer; *df is then estimated
 * from the ids covered, as if ids were spread evenly.
 */
static enum kith_rc tag_people(struct kith *k, const struct rank_req *req, sqlite3_stmt *fts,
			       sqlite3_stmt *holders, const char *tag, struct idvec *out, int64_t *df)
{
	struct strbuf form = STRBUF_INIT, q = STRBUF_INIT;
	struct idvec low = { NULL, 0, 0 };
	sqlite3_stmt *st;
	int64_t cap = req->tag_cap ? (int64_t)req->tag_cap : -1;
	int64_t pivot = req->tag_cap ? req->pivot : INT64_MIN;
	int truncated = 0, r = SQLITE_DONE;

	words_form(tag, &form);
	if (form.len >= 2) {
		strbuf_addstr(&q, "tags : \"");
		strbuf_add(&q, form.buf + 1, form.len - 2);
		strbuf_addch(&q, '"');
		st = fts;
	} else {
		strbuf_addstr(&q, tag);
		st = holders;
	}
	/* ids from the pivot on, then below it; cap + 1 rows tell when there are more */
	for (int part = 0; part < 2 && !truncated; part++) {
		struct idvec *into = part ? &low : out;
		if (part && (cap < 0 || pivot == INT64_MIN))
			break;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, q.buf, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, part ? INT64_MIN : pivot);
		sqlite3_bind_int64(st, 3, part ? pivot : INT64_MAX);
		sqlite3_bind_int64(st, 4, cap < 0 ? -1 : cap - (int64_t)out->n + 1);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			if (cap >= 0 && (int64_t)(out->n + low.n) == cap) {
				truncated = 1;
				break;
			}
			idvec_push(into, sqlite3_column_int64(st, 0));
		}
		sqlite3_reset(st);
		if (r != SQLITE_DONE && r != SQLITE_ROW)
			break;
	}
	*df = (int64_t)(out->n + low.n);
	if (truncated && req->n_people > 0) {
		/* the ids covered: from the pivot to the last read, and from 1 to the last below it */
		int64_t span = out->n ? out->v[out->n - 1] - pivot + 1 : 0;
		if (low.n)
			span = req->n_people - pivot + 1 + low.v[low.n - 1];
		if (span > 0 && span < req->n_people)
			*df = (int64_t)((double)*df * (double)req->n_people / (double)span);
	}
	/* by id: the ids below the pivot first */
	if (low.n) {
		size_t n_high = out->n;
		for (size_t i = 0; i < low.n; i++)
			idvec_push(out, 0);
		memmove(out->v + low.n, out->v, n_high * sizeof(*out->v));
		memcpy(out->v, low.v, low.n * sizeof(*out->v));
	}
	free(low.v);
	strbuf_release(&form);
	strbuf_release(&q);
	return r == SQLITE_DONE || r == SQLITE_ROW ? KITH_OK : kith_fail_db(k, "cannot look up a tag");
}

/*
 * The candidates for req, by id, each with the mask of the tags they
 * mention, without the people who already got the resource. df[i] is the
 * number of people mentioning tag i.
 */
static enum kith_rc collect(struct kith *k, const struct rank_req *req, struct cand **out, size_t *n_out,
			    int64_t *df)
{
	sqlite3_stmt *fts = NULL, *holders = NULL, *shared = NULL;
	struct idvec lists[KITH_RESOURCE_TAGS_MAX], ex = { NULL, 0, 0 };
	size_t m = req->tags->n, pos[KITH_RESOURCE_TAGS_MAX], xi = 0, n = 0, alloc = 0;
	struct cand *v = NULL;
	enum kith_rc rc = KITH_OK;
	int r;

	memset(lists, 0, sizeof(lists));
	memset(pos, 0, sizeof(pos));
	fts = kith_prepare(k, "SELECT rowid FROM person_fts WHERE person_fts MATCH ?1 AND rowid >= ?2 AND rowid < ?3"
			      " ORDER BY rowid LIMIT ?4");
	holders = kith_prepare(k, "SELECT person_id FROM person_tag WHERE tag = ?1 AND person_id >= ?2"
				  " AND person_id < ?3 ORDER BY person_id LIMIT ?4");
	shared = kith_prepare(k, "SELECT person_id FROM share WHERE resource_id = ?1 ORDER BY person_id");
	if (!fts || !holders || !shared) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_int64(shared, 1, req->rid);
	while ((r = sqlite3_step(shared)) == SQLITE_ROW)
		idvec_push(&ex, sqlite3_column_int64(shared, 0));
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot read shares");
		goto cleanup;
	}
	for (size_t i = 0; i < m; i++) {
		rc = tag_people(k, req, fts, holders, req->tags->v[i], &lists[i], &df[i]);
		if (rc != KITH_OK)
			goto cleanup;
	}
	/* merge the sorted lists: each id once, with its mask */
	for (;;) {
		int64_t pid = INT64_MAX;
		uint32_t mask = 0;
		for (size_t i = 0; i < m; i++)
			if (pos[i] < lists[i].n && lists[i].v[pos[i]] < pid)
				pid = lists[i].v[pos[i]];
		if (pid == INT64_MAX)
			break;
		for (size_t i = 0; i < m; i++)
			if (pos[i] < lists[i].n && lists[i].v[pos[i]] == pid) {
				mask |= (uint32_t)1 << i;
				pos[i]++;
			}
		while (xi < ex.n && ex.v[xi] < pid)
			xi++;
		if (xi < ex.n && ex.v[xi] == pid)
			continue;
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 1024;
			v = xrealloc(v, alloc * sizeof(*v));
		}
		v[n].pid = pid;
		v[n].mask = mask;
		v[n].group = 0;
		v[n].circle = -1;
		v[n].status = -1;
		n++;
	}
	*out = v;
	*n_out = n;
	v = NULL;
cleanup:
	for (size_t i = 0; i < m; i++)
		free(lists[i].v);
	free(ex.v);
	free(v);
	sqlite3_finalize(fts);
	sqlite3_finalize(holders);
	sqlite3_finalize(shared);
	return rc;
}

struct group {
	uint32_t mask;
	double fit;
	uint32_t rank;
	size_t count, start;
};

static int cmp_group_fit(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;
	if (a->fit != b->fit)
		return a->fit > b->fit ? -1 : 1;
	return a->mask < b->mask ? -1 : a->mask > b->mask;
}

/*
 * Order the candidates best fit first, keeping them by id within a fit,
 * without sorting them: candidates with the same mask have the same fit,
 * and masks are few. Returns the groups (a new array of *n_groups, by
 * fit) and writes the ordered candidates into *sorted (a new array).
 */
static struct group *group_by_fit(struct cand *v, size_t n, const double *idf, size_t m, struct cand **sorted,
				  size_t *n_groups)
{
	struct group *g = NULL;
	uint32_t *slot = NULL;   /* mask hash: index + 1 into g */
	size_t ng = 0, alloc = 0, cap = 64, *next = NULL, ranks = 0;
	struct cand *out;

	slot = xcalloc(cap, sizeof(*slot));
	for (size_t i = 0; i < n; i++) {
		uint32_t mask = v[i].mask;
		size_t h = (size_t)(mask * 0x9E3779B1u) & (cap - 1);
		while (slot[h] && g[slot[h] - 1].mask != mask)
			h = (h + 1) & (cap - 1);
		if (!slot[h]) {
			if (ng == alloc) {
				alloc = alloc ? alloc * 2 : 16;
				g = xrealloc(g, alloc * sizeof(*g));
			}
			g[ng].mask = mask;
			g[ng].fit = 0;
			for (size_t t = 0; t < m; t++)
				if (mask & ((uint32_t)1 << t))
					g[ng].fit += idf[t];
			g[ng].count = 0;
			slot[h] = (uint32_t)(++ng);
			if (ng * 2 > cap) {
				/* grow the hash and put every mask back */
				cap *= 2;
				free(slot);
				slot = xcalloc(cap, sizeof(*slot));
				for (size_t j = 0; j < ng; j++) {
					size_t hj = (size_t)(g[j].mask * 0x9E3779B1u) & (cap - 1);
					while (slot[hj])
						hj = (hj + 1) & (cap - 1);
					slot[hj] = (uint32_t)(j + 1);
				}
				h = (size_t)(mask * 0x9E3779B1u) & (cap - 1);
				while (g[slot[h] - 1].mask != mask)
					h = (h + 1) & (cap - 1);
			}
		}
		v[i].group = slot[h] - 1; /* for now: the index in g */
		g[slot[h] - 1].count++;
	}
	/* rank the masks by fit; equal fits share a rank, so ids stay in order across them */
	{
		uint32_t *old_to_new = xcalloc(ng ? ng : 1, sizeof(*old_to_new));
		struct group *sorted_g;
		for (size_t j = 0; j < ng; j++)
			g[j].rank = (uint32_t)j; /* remember the index */
		qsort(g, ng, sizeof(*g), cmp_group_fit);
		for (size_t j = 0; j < ng; j++) {
			if (j && g[j].fit != g[j - 1].fit)
				ranks++;
			old_to_new[g[j].rank] = (uint32_t)ranks;
		}
		ranks = ng ? ranks + 1 : 0;
		/* one group per rank */
		sorted_g = xcalloc(ranks ? ranks : 1, sizeof(*sorted_g));
		for (size_t j = 0; j < ng; j++) {
			struct group *to = &sorted_g[old_to_new[g[j].rank]];
			to->fit = g[j].fit;
			to->mask |= g[j].mask;
			to->count += g[j].count;
		}
		for (size_t i = 0; i < n; i++)
			v[i].group = old_to_new[v[i].group];
		free(old_to_new);
		free(g);
		g = sorted_g;
	}
	/* counting sort by rank, stable: by id within a rank */
	next = xcalloc(ranks ? ranks : 1, sizeof(*next));
	for (size_t j = 0, at = 0; j < ranks; j++) {
		g[j].start = at;
		next[j] = at;
		at += g[j].count;
	}
	out = xmalloc((n ? n : 1) * sizeof(*out));
	for (size_t i = 0; i < n; i++)
		out[next[v[i].group]++] = v[i];
	free(next);
	free(slot);
	*sorted = out;
	*n_groups = ranks;
	return g;
}

/* Keep x among the best want in top (sorted). */
static void consider(struct ranked *top, size_t *n_top, size_t want, const struct ranked *x)
{
	size_t at;
	if (*n_top == want && !ranked_before(x, &top[want - 1]))
		return;
	at = *n_top < want ? (*n_top)++ : want - 1;
	while (at > 0 && ranked_before(x, &top[at - 1])) {
		top[at] = top[at - 1];
		at--;
	}
	top[at] = *x;
}

static double bonus(int circle, int status)
{
	return circle_bonus[circle] + (status == 2 ? OVERDUE_BONUS : status == 1 ? DUE_BONUS : 0.0);
}

/*
 * Rank the people for req: the best req->want, best first, into *out
 * (a new array of *n_out). See the top of the file.
 */
static enum kith_rc rank(struct kith *k, const struct rank_req *req, struct ranked **out, size_t *n_out)
{
	struct cand *v = NULL, *c = NULL;
	struct group *g = NULL;
	struct ranked *top = NULL;
	struct due_set local = { NULL, 0, NULL, 0, 0, 0, 0 }, *due = req->due ? req->due : &local;
	sqlite3_stmt *row = NULL;
	int64_t df[KITH_RESOURCE_TAGS_MAX], n_people = req->n_people;
	double idf[KITH_RESOURCE_TAGS_MAX];
	size_t nv = 0, ng = 0, n_top = 0, visited = 0, m = req->tags->n;
	char today[KITH_DATE_BUFSZ];
	enum kith_rc rc = KITH_OK;
	int use_due = 0, stop = 0, r;

	*out = NULL;
	*n_out = 0;
	if (!m || !req->want)
		return KITH_OK;
	if (m > KITH_RESOURCE_TAGS_MAX)
		return kith_fail(k, KITH_ERR, "too many tags on resource #%lld", (long long)req->rid);
	if (!n_people && (rc = count_people(k, &n_people)) != KITH_OK)
		return rc;
	{
		struct rank_req r2 = *req;
		r2.n_people = n_people;
		rc = collect(k, &r2, &v, &nv, df);
	}
	if (rc != KITH_OK || !nv)
		goto cleanup;
	for (size_t i = 0; i < m; i++)
		idf[i] = log(1.0 + (double)(n_people > df[i] ? n_people : df[i]) / (double)(df[i] > 0 ? df[i] : 1));

	/* many candidates: what the due index says saves reading their rows */
	if (nv > PREPASS_MIN) {
		rc = due_set_load(k, due);
		if (rc != KITH_OK)
			goto cleanup;
		use_due = 1;
		for (size_t i = 0; i < nv; i++) {
			const struct due_person *d = due_find(due, v[i].pid);
			if (d) {
				v[i].circle = (int8_t)d->circle;
				v[i].status = (int8_t)d->status;
			} else if (due->complete) {
				v[i].status = 0;
			}
		}
	}
	g = group_by_fit(v, nv, idf, m, &c, &ng);

	row = kith_prepare(k, "SELECT circle, due_on, overdue_on FROM person WHERE id = ?1");
	if (!row) {
		rc = KITH_ERR;
		goto cleanup;
	}
	kith_day_format(k->today, today);
	top = xcalloc(req->want, sizeof(*top));
	for (size_t gi = 0; gi < ng && !stop; gi++) {
		double f = g[gi].fit;
		const struct cand *s = c + g[gi].start;
		size_t cnt = g[gi].count;

		if (n_top == req->want && f + BONUS_MAX + EPS < top[n_top - 1].score)
			break; /* by fit: nobody left can do better */
		/* the people due, whose bonus the index told: no row to read */
		for (size_t i = 0; use_due && i < cnt; i++) {
			struct ranked x;
			if (s[i].status <= 0 || s[i].circle < 0)
				continue;
			if (req->plan && kith_plan_seen(req->plan, s[i].pid))
				continue;
			x.pid = s[i].pid;
			x.mask = s[i].mask;
			x.circle = s[i].circle;
			x.status = s[i].status;
			x.score = round((f + bonus(x.circle, x.status)) * 100.0) / 100.0;
			consider(top, &n_top, req->want, &x);
		}
		/* the others, by id, as long as one can still make it */
		for (size_t i = 0; i < cnt; i++) {
			struct ranked x;
			const char *due_on, *over;
			double most = s[i].status == 0 ? CIRCLE_MAX : BONUS_MAX;

			if (use_due && s[i].status > 0 && s[i].circle >= 0)
				continue; /* done above */
			if (n_top == req->want && f + most + EPS < top[n_top - 1].score)
				continue;
			if (req->plan && kith_plan_seen(req->plan, s[i].pid))
				continue;
			if (visited >= req->visit_cap) {
				stop = 1;
				break;
			}
			sqlite3_reset(row);
			sqlite3_bind_int64(row, 1, s[i].pid);
			r = sqlite3_step(row);
			if (r == SQLITE_DONE)
				continue; /* a full-text row without its person: nothing to suggest */
			if (r != SQLITE_ROW) {
				rc = kith_fail_db(k, "cannot read people");
				goto cleanup;
			}
			visited++;
			x.pid = s[i].pid;
			x.mask = s[i].mask;
			x.circle = sqlite3_column_int(row, 0);
			if (x.circle < 0 || x.circle > 4)
				x.circle = 4;
			due_on = (const char *)sqlite3_column_text(row, 1);
			over = (const char *)sqlite3_column_text(row, 2);
			x.status = over && strcmp(over, today) <= 0 ? 2 : due_on && strcmp(due_on, today) <= 0 ? 1 : 0;
			x.score = round((f + bonus(x.circle, x.status)) * 100.0) / 100.0;
			consider(top, &n_top, req->want, &x);
		}
	}
	*out = top;
	*n_out = n_top;
	top = NULL;
cleanup:
	sqlite3_finalize(row);
	free(top);
	free(v);
	free(c);
	free(g);
	due_set_release(&local);
	return rc;
}

/* "ai, education" for the tags in mask. */
static void add_tag_names(struct strbuf *sb, const struct kith_strlist *tags, uint32_t mask, const char *last_sep)
{
	size_t n = 0, total = 0;
	for (size_t i = 0; i < tags->n; i++)
		total += (mask >> i) & 1;
	for (size_t i = 0; i < tags->n; i++) {
		if (!((mask >> i) & 1))
			continue;
		if (n)
			strbuf_addstr(sb, n + 1 == total ? last_sep : ", ");
		strbuf_addstr(sb, tags->v[i]);
		n++;
	}
}

/* Why a ranked person fits: the tags they hold, else a goal or a tag of theirs that mentions one. */
struct fit_why {
	uint32_t held;     /* resource tags they have as tags */
	char *goal;        /* a goal of theirs that mentions one (new string) or NULL */
	char *related;     /* else a tag of theirs that does ("ai-ethics" for ai), or NULL */
	char last_kind[16];
};

static void fit_why_release(struct fit_why *w)
{
	free(w->goal);
	free(w->related);
}

/* Return the first text of st's rows (bound to pid) whose words hold one of the forms. */
static char *first_mentioning(sqlite3_stmt *st, int64_t pid, const struct strbuf *forms, size_t n_forms)
{
	struct strbuf w = STRBUF_INIT;
	char *found = NULL;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, pid);
	while (!found && sqlite3_step(st) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(st, 0);
		strbuf_reset(&w);
		words_form(text, &w);
		for (size_t i = 0; i < n_forms && !found; i++)
			if (forms[i].len >= 2 && strstr(w.buf, forms[i].buf))
				found = xstrdup(text);
	}
	sqlite3_reset(st);
	strbuf_release(&w);
	return found;
}

/* The statements explain() runs, prepared once for all the people it explains. */
struct explainer {
	sqlite3_stmt *held, *goals, *ptags, *kind;
};

static void explainer_release(struct explainer *e)
{
	sqlite3_finalize(e->held);
	sqlite3_finalize(e->goals);
	sqlite3_finalize(e->ptags);
	sqlite3_finalize(e->kind);
	memset(e, 0, sizeof(*e));
}

static enum kith_rc explain(struct kith *k, struct explainer *e, int64_t pid, const struct kith_strlist *tags,
			    uint32_t mask, struct fit_why *w)
{
	struct strbuf forms[KITH_RESOURCE_TAGS_MAX];
	size_t m = tags->n < KITH_RESOURCE_TAGS_MAX ? tags->n : KITH_RESOURCE_TAGS_MAX;
	uint32_t rest;

	memset(w, 0, sizeof(*w));
	if (!e->held) {
		e->held = kith_prepare(k, "SELECT 1 FROM person_tag WHERE person_id = ?1 AND tag = ?2");
		e->goals = kith_prepare(k, "SELECT goal FROM person_goal WHERE person_id = ?1 ORDER BY goal");
		e->ptags = kith_prepare(k, "SELECT tag FROM person_tag WHERE person_id = ?1 ORDER BY tag");
		e->kind = kith_prepare(k, "SELECT last_kind FROM person WHERE id = ?1");
		if (!e->held || !e->goals || !e->ptags || !e->kind) {
			explainer_release(e);
			return KITH_ERR;
		}
	}
	for (size_t i = 0; i < m; i++)
		strbuf_init_max(&forms[i], 0);
	for (size_t i = 0; i < m; i++) {
		if (!((mask >> i) & 1))
			continue;
		sqlite3_reset(e->held);
		sqlite3_bind_int64(e->held, 1, pid);
		sqlite3_bind_text(e->held, 2, tags->v[i], -1, SQLITE_STATIC);
		if (sqlite3_step(e->held) == SQLITE_ROW)
			w->held |= (uint32_t)1 << i;
		sqlite3_reset(e->held);
	}
	/* a goal is the best reason: say it even when a tag matched too */
	rest = mask & ~w->held;
	for (size_t i = 0; i < m; i++)
		if ((rest >> i) & 1)
			words_form(tags->v[i], &forms[i]);
	if (rest)
		w->goal = first_mentioning(e->goals, pid, forms, m);
	if (!w->goal) {
		for (size_t i = 0; i < m; i++)
			if ((w->held >> i) & 1)
				words_form(tags->v[i], &forms[i]);
		w->goal = first_mentioning(e->goals, pid, forms, m);
	}
	/* else a tag of theirs with the words of one they do not hold (ai-ethics for ai) */
	if (!w->goal && rest) {
		for (size_t i = 0; i < m; i++)
			if ((w->held >> i) & 1)
				strbuf_reset(&forms[i]);
		w->related = first_mentioning(e->ptags, pid, forms, m);
	}
	sqlite3_reset(e->kind);
	sqlite3_bind_int64(e->kind, 1, pid);
	if (sqlite3_step(e->kind) == SQLITE_ROW && sqlite3_column_text(e->kind, 0))
		snprintf(w->last_kind, sizeof(w->last_kind), "%s", (const char *)sqlite3_column_text(e->kind, 0));
	sqlite3_reset(e->kind);
	for (size_t i = 0; i < m; i++)
		strbuf_release(&forms[i]);
	return KITH_OK;
}

static const char *catch_up(const char *last_kind)
{
	if (!strcmp(last_kind, "coffee") || !strcmp(last_kind, "call") || !strcmp(last_kind, "meeting"))
		return last_kind;
	return "catch-up";
}

/* "shares ai, education; goal: find a job in fintech; close circle; due for a coffee" */
static char *suggestion_reason(struct kith *k, struct explainer *e, const struct ranked *x,
			       const struct kith_strlist *tags)
{
	static const char *const circles[] = { "inner circle", "close circle", "active circle" };
	struct strbuf sb = STRBUF_INIT;
	struct fit_why w;

	if (explain(k, e, x->pid, tags, x->mask, &w) != KITH_OK)
		return NULL;
	if (w.held) {
		strbuf_addstr(&sb, "shares ");
		add_tag_names(&sb, tags, w.held, ", ");
	}
	if (w.goal) {
		strbuf_addstr(&sb, sb.len ? "; goal: " : "goal: ");
		kith_add_short(&sb, w.goal, 60);
	}
	if (w.related) {
		strbuf_addstr(&sb, sb.len ? "; into " : "into ");
		kith_add_short(&sb, w.related, 60);
	}
	if (!sb.len) {
		/* the words of a tag, across two of theirs ("big-data science-policy") */
		strbuf_addstr(&sb, "mentions ");
		add_tag_names(&sb, tags, x->mask, ", ");
	}
	if (x->circle < 3)
		strbuf_addf(&sb, "%s%s", sb.len ? "; " : "", circles[x->circle]);
	if (x->status)
		strbuf_addf(&sb, "%s%s for a %s", sb.len ? "; " : "", x->status == 2 ? "overdue" : "due",
			    catch_up(w.last_kind));
	fit_why_release(&w);
	return strbuf_detach(&sb);
}

void kith_suggestions_free(struct kith_suggestion *v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].reason);
	}
	free(v);
}

/* KITH_EINPUT when r's `until` is before day. */
static enum kith_rc check_open(struct kith *k, const struct kith_resource *r, kith_day day)
{
	char buf[KITH_DATE_BUFSZ];
	struct strbuf sb = STRBUF_INIT;
	enum kith_rc rc;
	if (r->until == KITH_NO_DAY || day <= r->until)
		return KITH_OK;
	strbuf_addch(&sb, '\'');
	kith_add_short(&sb, r->title ? r->title : r->url, 80);
	strbuf_addf(&sb, "' (resource #%lld) closed on %s", (long long)r->id, kith_day_format(r->until, buf));
	rc = kith_fail(k, KITH_EINPUT, "%s", sb.buf);
	strbuf_release(&sb);
	return rc;
}

enum kith_rc kith_share_suggest(struct kith *k, int64_t id, size_t limit, struct kith_suggestion **out, size_t *n)
{
	struct kith_resource r;
	struct kith_suggestion *v = NULL;
	struct explainer e = { NULL, NULL, NULL, NULL };
	struct rank_req req;
	struct ranked *top = NULL;
	size_t n_top = 0;
	enum kith_rc rc;

	*out = NULL;
	*n = 0;
	if (limit < 1 || limit > SUGGEST_MAX)
		return kith_fail(k, KITH_EINPUT, "the number of suggestions must be 1 to %d", SUGGEST_MAX);
	rc = kith_resource_get(k, id, &r);
	if (rc != KITH_OK)
		return rc;
	rc = check_open(k, &r, k->today);
	if (rc != KITH_OK)
		goto cleanup;
	memset(&req, 0, sizeof(req));
	req.rid = id;
	req.tags = &r.tags;
	req.want = limit;
	req.visit_cap = KITH_SHARE_VISIT_CAP;
	rc = rank(k, &req, &top, &n_top);
	if (rc != KITH_OK)
		goto cleanup;
	v = xcalloc(n_top ? n_top : 1, sizeof(*v));
	for (size_t i = 0; i < n_top; i++) {
		char name[256];
		v[i].person_id = top[i].pid;
		v[i].name = xstrdup(kith_person_name(k, top[i].pid, name, sizeof(name)));
		v[i].score = top[i].score;
		v[i].reason = suggestion_reason(k, &e, &top[i], &r.tags);
		if (!v[i].reason) {
			kith_suggestions_free(v, i + 1);
			v = NULL;
			rc = KITH_ERR;
			goto cleanup;
		}
	}
	*out = v;
	*n = n_top;
cleanup:
	explainer_release(&e);
	free(top);
	kith_resource_release(&r);
	return rc;
}

enum kith_rc kith_share_record(struct kith *k, int64_t id, const int64_t *ids, size_t n, kith_day date,
			       const char *note, int64_t *out)
{
	struct kith_resource r;
	sqlite3_stmt *st = NULL;
	struct strbuf text = STRBUF_INIT;
	enum kith_rc rc;
	int64_t iid = 0;
	int began = 0;

	if (n == 0)
		return kith_fail(k, KITH_EINPUT, "share with whom? (--to PEOPLE)");
	if (note && strlen(note) > MAX_SHARE_NOTE)
		return kith_fail(k, KITH_EINPUT, "the note is too long (%d bytes at most)", MAX_SHARE_NOTE);
	if (date > k->today) {
		char buf[KITH_DATE_BUFSZ];
		return kith_fail(k, KITH_EINPUT, "cannot record a share in the future (%s)", kith_day_format(date, buf));
	}
	rc = kith_resource_get(k, id, &r);
	if (rc != KITH_OK)
		return rc;
	rc = check_open(k, &r, date);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "SELECT s.date, p.name FROM share s JOIN person p ON p.id = s.person_id"
			     " WHERE s.resource_id = ?1 AND s.person_id = ?2");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, ids[i]);
		if (sqlite3_step(st) == SQLITE_ROW) {
			rc = kith_fail(k, KITH_EINPUT, "%s #%lld already got resource #%lld on %s",
				       (const char *)sqlite3_column_text(st, 1), (long long)ids[i], (long long)id,
				       (const char *)sqlite3_column_text(st, 0));
			goto cleanup;
		}
	}
	sqlite3_finalize(st);
	st = NULL;

	if (r.title)
		strbuf_addf(&text, "%s (%s)", r.title, r.url);
	else
		strbuf_addstr(&text, r.url);
	if (note && *note)
		strbuf_addf(&text, ": %s", note);
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		goto cleanup;
	began = 1;
	rc = kith_log(k, ids, n, "share", date, text.buf, &iid);
	if (rc != KITH_OK)
		goto cleanup;
	st = kith_prepare(k, "INSERT INTO share(resource_id, person_id, date, interaction_id) VALUES (?1, ?2, ?3, ?4)");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, ids[i]);
		kith_bind_day(st, 3, date);
		sqlite3_bind_int64(st, 4, iid);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot record the share");
			goto cleanup;
		}
	}
	if (out)
		*out = iid;
cleanup:
	sqlite3_finalize(st);
	if (began)
		rc = kith_sp_end(k, rc);
	strbuf_release(&text);
	kith_resource_release(&r);
	return rc;
}

enum kith_rc kith_resource_idea(struct kith *k, int64_t person_id, char **title, char **why)
{
	/* the person's few tags, then resource_tag_tag for each: indexed both ways */
	sqlite3_stmt *st = kith_prepare(k,
		"SELECT r.id, coalesce(r.title, r.url), count(*) AS n, group_concat(rt.tag, ', ')"
		" FROM person_tag pt JOIN resource_tag rt ON rt.tag = pt.tag"
		" JOIN resource r ON r.id = rt.resource_id"
		" WHERE pt.person_id = ?1 AND (r.until IS NULL OR r.until >= ?2)"
		" AND NOT EXISTS (SELECT 1 FROM share s WHERE s.resource_id = r.id AND s.person_id = ?1)"
		" GROUP BY r.id ORDER BY n DESC, r.until IS NULL, r.until, r.id DESC LIMIT 1");
	int r;

	*title = NULL;
	*why = NULL;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	kith_bind_day(st, 2, k->today);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW) {
		*title = kith_column_strdup(st, 1);
		*why = kith_column_strdup(st, 3);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return kith_fail_db(k, "cannot look for a resource to share");
	return KITH_OK;
}

/* -------------------------------------------------------- milestones */

enum kith_rc kith_milestone_add(struct kith *k, int64_t person_id, kith_day date, const char *text, int64_t *out)
{
	char *t = kith_trim_dup(text);
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;

	if (!t)
		return kith_fail(k, KITH_EINPUT, "what is the milestone? (a new job, a launch, an award...)");
	if (strlen(t) > KITH_MILESTONE_MAX) {
		free(t);
		return kith_fail(k, KITH_EINPUT, "the milestone is too long (%d bytes at most)", KITH_MILESTONE_MAX);
	}
	rc = kith_person_exists(k, person_id);
	if (rc != KITH_OK) {
		free(t);
		return rc;
	}
	rc = kith_sp_begin(k);
	if (rc != KITH_OK) {
		free(t);
		return rc;
	}
	st = kith_prepare(k, "INSERT INTO milestone(person_id, date, text) VALUES (?1, ?2, ?3)");
	if (!st) {
		rc = KITH_ERR;
	} else {
		sqlite3_bind_int64(st, 1, person_id);
		kith_bind_day(st, 2, date);
		sqlite3_bind_text(st, 3, t, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot record the milestone");
		else if (out)
			*out = sqlite3_last_insert_rowid(k->db);
	}
	sqlite3_finalize(st);
	free(t);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_milestone_list(struct kith *k, int64_t person_id,
				 int (*fn)(void *ctx, const struct kith_milestone *m), void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT m.id, m.person_id, p.name, m.date, m.text, m.celebrated_on"
					   " FROM milestone m JOIN person p ON p.id = m.person_id"
					   " WHERE ?1 = 0 OR m.person_id = ?1 ORDER BY m.date DESC, m.id DESC");
	int r;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, person_id);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_milestone m;
		m.id = sqlite3_column_int64(st, 0);
		m.person_id = sqlite3_column_int64(st, 1);
		m.name = (const char *)sqlite3_column_text(st, 2);
		m.date = kith_column_day(st, 3);
		m.text = (const char *)sqlite3_column_text(st, 4);
		m.celebrated_on = kith_column_day(st, 5);
		if (fn(ctx, &m)) {
			r = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? KITH_OK : kith_fail_db(k, "cannot read milestones");
}

enum kith_rc kith_milestone_rm(struct kith *k, int64_t id)
{
	int changes = 0;
	enum kith_rc rc = kith_exec_id(k, "DELETE FROM milestone WHERE id = ?1", id, "cannot remove the milestone",
				       &changes);
	if (rc == KITH_OK && changes == 0)
		rc = kith_fail(k, KITH_ENOTFOUND, "no milestone #%lld (see kith milestone ls)", (long long)id);
	return rc;
}

enum kith_rc kith_praise(struct kith *k, const int64_t *ids, size_t n, kith_day date, const char *text,
			 int64_t *iid, int64_t **celebrated, size_t *n_celebrated)
{
	char *t = kith_trim_dup(text);
	sqlite3_stmt *sel = NULL, *upd = NULL;
	int64_t *cel = NULL;
	size_t n_cel = 0, alloc = 0;
	enum kith_rc rc;

	if (celebrated)
		*celebrated = NULL;
	if (n_celebrated)
		*n_celebrated = 0;
	if (!t)
		return kith_fail(k, KITH_EINPUT, "what is the praise? (kith praise PERSON TEXT)");
	if (strlen(t) > MAX_PRAISE) {
		free(t);
		return kith_fail(k, KITH_EINPUT, "the praise is too long (%d bytes at most)", MAX_PRAISE);
	}
	rc = kith_sp_begin(k);
	if (rc != KITH_OK) {
		free(t);
		return rc;
	}
	rc = kith_log(k, ids, n, "praise", date, t, iid);
	if (rc != KITH_OK)
		goto cleanup;
	sel = kith_prepare(k, "SELECT id FROM milestone WHERE person_id = ?1 AND celebrated_on IS NULL"
			      " AND date >= ?2 AND date <= ?3 ORDER BY date, id");
	upd = kith_prepare(k, "UPDATE milestone SET celebrated_on = ?2 WHERE id = ?1");
	if (!sel || !upd) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		sqlite3_reset(sel);
		sqlite3_bind_int64(sel, 1, ids[i]);
		kith_bind_day(sel, 2, date - PRAISE_CELEBRATES_DAYS);
		kith_bind_day(sel, 3, date);
		while (sqlite3_step(sel) == SQLITE_ROW) {
			if (n_cel == alloc) {
				alloc = alloc ? alloc * 2 : 4;
				cel = xrealloc(cel, alloc * sizeof(*cel));
			}
			cel[n_cel++] = sqlite3_column_int64(sel, 0);
		}
	}
	for (size_t i = 0; i < n_cel; i++) {
		sqlite3_reset(upd);
		sqlite3_bind_int64(upd, 1, cel[i]);
		kith_bind_day(upd, 2, date);
		if (sqlite3_step(upd) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot mark the milestone celebrated");
			goto cleanup;
		}
	}
cleanup:
	sqlite3_finalize(sel);
	sqlite3_finalize(upd);
	free(t);
	rc = kith_sp_end(k, rc);
	if (rc == KITH_OK && celebrated) {
		*celebrated = cel;
		cel = NULL;
		if (n_celebrated)
			*n_celebrated = n_cel;
	}
	free(cel);
	return rc;
}

/* -------------------------------------------------------------- plan */

/*
 * Milestones of the last two weeks not yet celebrated: celebrated_on is
 * set by kith praise, and any praise logged with the person on or after
 * the day counts too (kith log ada praise). Priority 78 - 3 per day ago:
 * between a birthday in a few days and last week's thank-you.
 */
enum kith_rc kith_milestone_plan(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	sqlite3_stmt *st = kith_prepare(k,
		"SELECT m.id, m.person_id, p.name, m.date, m.text FROM milestone m JOIN person p ON p.id = m.person_id"
		" WHERE m.date >= ?1 AND m.date <= ?2 AND m.celebrated_on IS NULL"
		" AND NOT EXISTS (SELECT 1 FROM interaction_person ip JOIN interaction i ON i.id = ip.interaction_id"
		"  WHERE ip.person_id = m.person_id AND ip.date >= m.date AND i.kind = 'praise')"
		" ORDER BY m.date DESC, m.id DESC LIMIT 200");
	int r;

	if (!st)
		return KITH_ERR;
	kith_bind_day(st, 1, k->today - MILESTONE_PLAN_DAYS);
	kith_bind_day(st, 2, k->today);
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t mid = sqlite3_column_int64(st, 0), pid = sqlite3_column_int64(st, 1);
		long ago = (long)(k->today - kith_column_day(st, 3));
		struct strbuf sb = STRBUF_INIT;
		struct kith_action *a;
		char key[48];

		if (kith_plan_seen(b, pid))
			continue;
		snprintf(key, sizeof(key), "milestone:m%lld", (long long)mid);
		a = kith_plan_add(b, "celebrate", 78.0 - 3.0 * (double)ago, key);
		kith_plan_add_person(b, a, pid, (const char *)sqlite3_column_text(st, 2));
		strbuf_addstr(&sb, "new milestone ");
		days_ago(&sb, ago);
		strbuf_addstr(&sb, ": ");
		kith_add_short(&sb, (const char *)sqlite3_column_text(st, 4), 60);
		strbuf_addstr(&sb, " — congratulate them");
		kith_action_reason(a, "%s", sb.buf);
		strbuf_release(&sb);
	}
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? KITH_OK : kith_fail_db(k, "cannot read milestones");
}

/*
 * Opportunities and events that close within two weeks: the person they
 * fit best (as kith share ranks them) who has not got them and is not
 * already in the plan. Priority 60 - 2 per day left. The three closing
 * soonest at most, the people due read once for all of them, and for a
 * tag that thousands mention, PLAN_TAG_CAP of them from an id that moves
 * with the day: the plan stays a few milliseconds, and a tag that common
 * says little about who fits best anyway.
 */
enum kith_rc kith_resource_plan(struct kith_plan_build *b)
{
	struct kith *k = b->k;
	struct due_set due = { NULL, 0, NULL, 0, PLAN_DUE_MAX, 0, 0 };
	sqlite3_stmt *st;
	int64_t *rids = NULL, n_people = 0;
	size_t n = 0, alloc = 0;
	enum kith_rc rc = KITH_OK;
	int r;

	st = kith_prepare(k, "SELECT id FROM resource WHERE kind IN ('opportunity', 'event')"
			     " AND until >= ?1 AND until <= ?2 ORDER BY until, id LIMIT ?3");
	if (!st)
		return KITH_ERR;
	kith_bind_day(st, 1, k->today);
	kith_bind_day(st, 2, k->today + SHARE_PLAN_DAYS);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)(b->limit < PLAN_OPPORTUNITIES ? b->limit : PLAN_OPPORTUNITIES));
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			rids = xrealloc(rids, alloc * sizeof(*rids));
		}
		rids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE) {
		free(rids);
		return kith_fail_db(k, "cannot read resources");
	}
	for (size_t i = 0; i < n && rc == KITH_OK; i++) {
		struct kith_resource res;
		struct rank_req req;
		struct ranked *top = NULL;
		size_t n_top = 0;

		rc = kith_resource_get(k, rids[i], &res);
		if (rc != KITH_OK)
			break;
		if (!n_people && res.tags.n)
			rc = count_people(k, &n_people);
		memset(&req, 0, sizeof(req));
		req.rid = res.id;
		req.tags = &res.tags;
		req.want = 1;
		req.visit_cap = PLAN_VISIT_CAP;
		req.plan = b;
		req.n_people = n_people;
		req.due = &due;
		req.tag_cap = PLAN_TAG_CAP;
		if (n_people > 0) {
			uint64_t h = (uint64_t)k->today * 0x9E3779B97F4A7C15ULL;
			h ^= h >> 29;
			req.pivot = 1 + (int64_t)(h % (uint64_t)n_people);
		}
		if (rc == KITH_OK)
			rc = rank(k, &req, &top, &n_top);
		if (rc == KITH_OK && n_top) {
			long left = (long)(res.until - k->today);
			struct strbuf sb = STRBUF_INIT;
			struct kith_action *a;
			struct fit_why w;
			char key[64], name[256];
			int event = !strcmp(res.kind, "event");

			struct explainer e = { NULL, NULL, NULL, NULL };
			rc = explain(k, &e, top[0].pid, &res.tags, top[0].mask, &w);
			explainer_release(&e);
			if (rc != KITH_OK) {
				free(top);
				kith_resource_release(&res);
				break;
			}
			snprintf(key, sizeof(key), "share:r%lld:p%lld", (long long)res.id, (long long)top[0].pid);
			a = kith_plan_add(b, "share", 60.0 - 2.0 * (double)left, key);
			kith_plan_add_person(b, a, top[0].pid, kith_person_name(k, top[0].pid, name, sizeof(name)));
			strbuf_addstr(&sb, "“");
			kith_add_short(&sb, res.title ? res.title : res.url, 50);
			strbuf_addstr(&sb, event ? "” is " : "” closes ");
			if (left == 0)
				strbuf_addstr(&sb, "today");
			else if (left == 1)
				strbuf_addstr(&sb, "tomorrow");
			else
				strbuf_addf(&sb, "in %ld days", left);
			if (w.held) {
				strbuf_addstr(&sb, "; fits their interest in ");
				add_tag_names(&sb, &res.tags, w.held, " and ");
			} else if (w.goal) {
				strbuf_addstr(&sb, "; fits their goal: ");
				kith_add_short(&sb, w.goal, 50);
			} else if (w.related) {
				strbuf_addstr(&sb, "; fits their interest in ");
				kith_add_short(&sb, w.related, 50);
			}
			kith_action_reason(a, "%s", sb.buf);
			kith_action_detail(a, "%s", res.url);
			fit_why_release(&w);
			strbuf_release(&sb);
		}
		free(top);
		kith_resource_release(&res);
	}
	due_set_release(&due);
	free(rids);
	return rc;
}
