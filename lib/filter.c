/*
 * The filters of `kith ls`: parsing the terms and listing the people who
 * match them.
 *
 * A filter becomes one SELECT over person built from fixed fragments; every
 * value from the user (tags, words, days) is a bound parameter, so no text
 * typed by anyone ever reaches the SQL. The due terms stay plain
 * comparisons on p.due_on so that `kith ls due` reads the partial index
 * person_due instead of every person.
 */
#include "internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/query.h"
#include "kith/strbuf.h"
#include "rows.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_TERMS 64     /* keeps the WHERE clause far from SQLite's depth limit */
#define MAX_TERM_LEN 1000

void kith_filter_init(struct kith_filter *f)
{
	memset(f, 0, sizeof(*f));
}

void kith_filter_release(struct kith_filter *f)
{
	if (!f)
		return;
	kith_strlist_release(&f->tags);
	kith_strlist_release(&f->not_tags);
	kith_strlist_release(&f->orgs);
	kith_strlist_release(&f->titles);
	kith_strlist_release(&f->words);
	kith_filter_init(f);
}

char *kith_quote_text(const char *s, char *buf, size_t len)
{
	const size_t max = 60;
	size_t i = 0, o = 0;

	if (!len)
		return buf;
	while (s[i] && o + 4 < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 1;
		if (c >= 0xC0) {
			while (n < 4 && ((unsigned char)s[i + n] & 0xC0) == 0x80)
				n++;
		}
		if (o + n > max || o + n + 4 > len) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && n == 1)) {
			buf[o++] = '?';
		} else {
			memcpy(buf + o, s + i, n);
			o += n;
		}
		i += n;
	}
	buf[o] = '\0';
	return buf;
}

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Write the reason into err (may be NULL); returns -1. */
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Copy term without surrounding whitespace into out (size MAX_TERM_LEN + 1). */
static int trim_term(const char *term, char *out)
{
	size_t n;

	while (*term == ' ' || *term == '\t' || *term == '\n' || *term == '\r')
		term++;
	n = strlen(term);
	while (n && (term[n - 1] == ' ' || term[n - 1] == '\t' || term[n - 1] == '\n' || term[n - 1] == '\r'))
		n--;
	if (n > MAX_TERM_LEN)
		return -1;
	memcpy(out, term, n);
	out[n] = '\0';
	return 0;
}

/* "org:acme" with prefix "org:" -> "acme" (trimmed); NULL when it does not start so. */
static const char *after_prefix(const char *t, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncasecmp(t, prefix, n))
		return NULL;
	t += n;
	while (*t == ' ' || *t == '\t')
		t++;
	return t;
}

/* 1 when t looks like "name:..." with a name of ASCII letters. */
static int has_filter_prefix(const char *t)
{
	size_t n = 0;
	while ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z'))
		n++;
	return n > 0 && t[n] == ':';
}

/* t is "+TAG" or "-TAG", q its quoted form for messages. */
static int parse_tag(struct kith_strlist *l, const char *t, const char *q, char *err, size_t errlen)
{
	char *tag = kith_tag_normalize(t + 1);
	if (!tag) {
		if (strlen(t + 1) > 64)
			return fail(err, errlen, "invalid tag in '%s' (1 to 64 characters)", q);
		return fail(err, errlen, "empty tag in '%s' (try +friend or -work)", q);
	}
	kith_strlist_push(l, tag);
	free(tag);
	return 0;
}

static int parse_term(struct kith_filter *f, const char *t, char *err, size_t errlen)
{
	char q[80];
	const char *v;

	kith_quote_text(t, q, sizeof(q));

	if (!*t)
		return fail(err, errlen, "empty filter term '%s' (try due, +friend or org:acme)", q);
	if (*t == '+')
		return parse_tag(&f->tags, t, q, err, errlen);
	if (*t == '-')
		return parse_tag(&f->not_tags, t, q, err, errlen);
	if (!strcasecmp(t, "due")) {
		f->due = 1;
		return 0;
	}
	if (!strcasecmp(t, "overdue")) {
		f->overdue = 1;
		return 0;
	}
	if (!strcasecmp(t, "ok")) {
		f->ok = 1;
		return 0;
	}
	if (!strcasecmp(t, "never")) {
		f->never = 1;
		return 0;
	}
	if (!strcasecmp(t, "snoozed")) {
		f->snoozed = 1;
		return 0;
	}
	if ((v = after_prefix(t, "org:"))) {
		if (!*v)
			return fail(err, errlen, "empty organization in '%s' (try org:acme)", q);
		kith_strlist_push(&f->orgs, v);
		return 0;
	}
	if ((v = after_prefix(t, "title:"))) {
		if (!*v)
			return fail(err, errlen, "empty title in '%s' (try title:engineer)", q);
		kith_strlist_push(&f->titles, v);
		return 0;
	}
	if ((v = after_prefix(t, "circle:"))) {
		int c = kith_circle_parse(v);
		if (c < 0)
			return fail(err, errlen, "unknown circle in '%s' (inner, close, active, wide or none)", q);
		f->circles |= 1u << c;
		return 0;
	}
	if ((v = after_prefix(t, "due:"))) {
		int days;
		if (kith_duration_parse(v, &days, NULL, 0) < 0)
			return fail(err, errlen, "invalid duration in '%s' (try due:3d, due:2w or due:1m)", q);
		if (!f->due_within_set || days < f->due_within)
			f->due_within = days;
		f->due_within_set = 1;
		return 0;
	}
	/* a typo such as "tilte:cto" is an error, not a search for the word */
	if (has_filter_prefix(t))
		return fail(err, errlen, "unknown filter in '%s' (org:, title:, circle: or due:)", q);
	kith_strlist_push(&f->words, t);
	return 0;
}

int kith_filter_parse(struct kith_filter *f, const char *const *terms, size_t n,
		      char *err, size_t errlen)
{
	char t[MAX_TERM_LEN + 1];

	if (n > MAX_TERMS)
		return fail(err, errlen, "too many filter terms (%d at most)", MAX_TERMS);
	for (size_t i = 0; i < n; i++) {
		const char *term = terms[i] ? terms[i] : "";
		if (trim_term(term, t) < 0)
			return fail(err, errlen, "filter term too long '%s' (%d bytes at most)",
				    kith_quote_text(term, t, sizeof(t)), MAX_TERM_LEN);
		if (parse_term(f, t, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int kith_sort_parse(const char *s)
{
	static const char *const names[] = { "name", "due", "last", "added", "circle" };

	if (!s)
		return -1;
	for (int i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

void kith_row_read(sqlite3_stmt *st, kith_day today, struct kith_row *row)
{
	const char *s;

	memset(row, 0, sizeof(*row));
	row->id = sqlite3_column_int64(st, 0);
	s = (const char *)sqlite3_column_text(st, 1);
	row->name = s ? s : "";
	s = (const char *)sqlite3_column_text(st, 2);
	row->org = s && *s ? s : NULL;
	s = (const char *)sqlite3_column_text(st, 3);
	row->title = s && *s ? s : NULL;
	row->circle = sqlite3_column_int(st, 4);
	row->created = kith_column_day(st, 5);
	row->last_touch = kith_column_day(st, 6);
	s = (const char *)sqlite3_column_text(st, 7);
	row->last_kind = s && *s ? s : NULL;
	row->cadence_days = sqlite3_column_int(st, 8);
	row->due_on = kith_column_day(st, 9);
	row->overdue_on = kith_column_day(st, 10);
	row->status = kith_status_of(today, row->due_on, row->overdue_on);
}

/*
 * kith_fold(text) in SQL, so that org: and title: match "Société" with
 * "societe" the way names match through name_key.
 */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *s = (const char *)sqlite3_value_text(argv[0]);
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	(void)argc;
	if (!s) {
		sqlite3_result_null(ctx);
		return;
	}
	kith_fold(s, &sb);
	len = sb.len;
	sqlite3_result_text(ctx, strbuf_detach(&sb), (int)len, free);
}

/* Register kith_fold() on the connection unless it is there already. */
static enum kith_rc need_fold(struct kith *k)
{
	sqlite3_stmt *probe = NULL;

	/*
	 * Probe rather than register every time: redefining a function
	 * expires every prepared statement of the connection.
	 */
	if (sqlite3_prepare_v2(k->db, "SELECT kith_fold(NULL)", -1, &probe, NULL) == SQLITE_OK) {
		sqlite3_finalize(probe);
		return KITH_OK;
	}
	sqlite3_finalize(probe);
	if (sqlite3_create_function_v2(k->db, "kith_fold", 1,
				       SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				       NULL, sql_fold, NULL, NULL, NULL) != SQLITE_OK)
		return kith_fail_db(k, "cannot register kith_fold");
	return KITH_OK;
}

/* The values of the ?s of a statement, in order. Texts are owned. */
struct binds {
	struct bind {
		char *text; /* NULL: num */
		int64_t num;
	} *v;
	size_t n, alloc;
};

/* Add a value; returns its parameter number (?N). */
static size_t bind_push(struct binds *b, char *text, int64_t num)
{
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : 16;
		b->v = xrealloc(b->v, b->alloc * sizeof(*b->v));
	}
	b->v[b->n].text = text;
	b->v[b->n].num = num;
	return ++b->n;
}

static size_t bind_day(struct binds *b, kith_day d)
{
	char buf[KITH_DATE_BUFSZ];

	if (d > KITH_DAY_MAX)
		d = KITH_DAY_MAX;
	if (d < KITH_DAY_MIN)
		d = KITH_DAY_MIN;
	return bind_push(b, xstrdup(kith_day_format(d, buf)), 0);
}

/* '%' + folded s with LIKE's wildcards escaped by '\' + '%'. */
static size_t bind_like(struct binds *b, const char *s)
{
	struct strbuf folded = STRBUF_INIT, pat = STRBUF_INIT;
	size_t idx;

	kith_fold(s, &folded);
	strbuf_addch(&pat, '%');
	for (size_t i = 0; i < folded.len; i++) {
		char c = folded.buf[i];
		if (c == '%' || c == '_' || c == '\\')
			strbuf_addch(&pat, '\\');
		strbuf_addch(&pat, c);
	}
	strbuf_addch(&pat, '%');
	idx = bind_push(b, strbuf_detach(&pat), 0);
	strbuf_release(&folded);
	return idx;
}

static void binds_release(struct binds *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i].text);
	free(b->v);
	memset(b, 0, sizeof(*b));
}

static const char *const order_by[] = {
	[KITH_SORT_NAME] = " ORDER BY p.name_key, p.id",
	[KITH_SORT_DUE] = " ORDER BY p.due_on IS NULL, p.due_on, p.name_key, p.id",
	/* NULL sorts first: never in touch comes before the longest silence */
	[KITH_SORT_LAST] = " ORDER BY p.last_touch, p.name_key, p.id",
	/* ids grow in the order people were added, so they break a day's tie */
	[KITH_SORT_ADDED] = " ORDER BY p.created DESC, p.id DESC",
	[KITH_SORT_CIRCLE] = " ORDER BY p.circle, p.name_key, p.id",
};

/* Build the statement for f into sql and b. 0, or -1 with the error set. */
static int build_query(struct kith *k, const struct kith_filter *f, enum kith_sort sort,
		       size_t limit, struct strbuf *sql, struct binds *b)
{
	kith_day today = kith_get_today(k);
	int due_term = f->due || f->overdue || f->due_within_set;
	size_t i;

	if ((unsigned)sort >= sizeof(order_by) / sizeof(order_by[0])) {
		kith_fail(k, KITH_ERR, "unknown sort order %d", (int)sort);
		return -1;
	}
	if ((f->orgs.n || f->titles.n || f->words.n) && need_fold(k) != KITH_OK)
		return -1;

	/* only fixed fragments and parameter numbers go into the text */
	strbuf_addstr(sql, "SELECT " KITH_ROW_COLUMNS " FROM person p WHERE 1");
	if (f->due)
		strbuf_addf(sql, " AND p.due_on <= ?%zu", bind_day(b, today));
	if (f->due_within_set)
		strbuf_addf(sql, " AND p.due_on <= ?%zu", bind_day(b, today + f->due_within));
	if (f->overdue) {
		/* overdue_on >= due_on always: the first term lets person_due find them */
		size_t t = bind_day(b, today);
		strbuf_addf(sql, " AND p.due_on <= ?%zu AND p.overdue_on <= ?%zu", t, t);
	}
	if (f->ok)
		strbuf_addf(sql, " AND p.due_on > ?%zu", bind_day(b, today));
	if (f->never)
		strbuf_addstr(sql, " AND p.last_touch IS NULL");
	if (f->snoozed)
		strbuf_addf(sql, " AND p.snoozed_until > ?%zu", bind_day(b, today));
	if (f->circles)
		strbuf_addf(sql, " AND (?%zu >> p.circle) & 1", bind_push(b, NULL, f->circles));
	/*
	 * With a due term, person_due gives few people and each tag is a probe;
	 * without one, the tag's people (index person_tag_tag) drive the query
	 * rather than a scan of everyone.
	 */
	for (i = 0; i < f->tags.n; i++)
		strbuf_addf(sql, due_term ? " AND EXISTS (SELECT 1 FROM person_tag WHERE person_id = p.id AND tag = ?%zu)"
					  : " AND p.id IN (SELECT person_id FROM person_tag WHERE tag = ?%zu)",
			    bind_push(b, xstrdup(f->tags.v[i]), 0));
	for (i = 0; i < f->not_tags.n; i++)
		strbuf_addf(sql, " AND NOT EXISTS (SELECT 1 FROM person_tag WHERE person_id = p.id AND tag = ?%zu)",
			    bind_push(b, xstrdup(f->not_tags.v[i]), 0));
	for (i = 0; i < f->orgs.n; i++)
		strbuf_addf(sql, " AND kith_fold(p.org) LIKE ?%zu ESCAPE '\\'", bind_like(b, f->orgs.v[i]));
	for (i = 0; i < f->titles.n; i++)
		strbuf_addf(sql, " AND kith_fold(p.title) LIKE ?%zu ESCAPE '\\'", bind_like(b, f->titles.v[i]));
	for (i = 0; i < f->words.n; i++) {
		size_t w = bind_like(b, f->words.v[i]);
		strbuf_addf(sql, " AND (p.name_key LIKE ?%zu ESCAPE '\\' OR kith_fold(p.org) LIKE ?%zu ESCAPE '\\'"
			    " OR kith_fold(p.title) LIKE ?%zu ESCAPE '\\')", w, w, w);
	}
	strbuf_addstr(sql, order_by[sort]);
	strbuf_addf(sql, " LIMIT ?%zu", bind_push(b, NULL, limit && (uint64_t)limit <= (uint64_t)INT64_MAX ? (int64_t)limit : -1));
	return 0;
}

enum kith_rc kith_list(struct kith *k, const struct kith_filter *f, enum kith_sort sort,
		       size_t limit, kith_row_fn fn, void *ctx)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { NULL, 0, 0 };
	sqlite3_stmt *st = NULL;
	kith_day today = kith_get_today(k);
	enum kith_rc rc = KITH_OK;
	int step;

	if (build_query(k, f, sort, limit, &sql, &b) < 0) {
		rc = KITH_ERR;
		goto cleanup;
	}
	st = kith_prepare(k, sql.buf);
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	for (size_t i = 0; i < b.n; i++) {
		if (b.v[i].text)
			sqlite3_bind_text(st, (int)i + 1, b.v[i].text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, (int)i + 1, b.v[i].num);
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_row row;
		kith_row_read(st, today, &row);
		if (fn(ctx, &row))
			goto cleanup;
	}
	if (step != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot list people");
cleanup:
	sqlite3_finalize(st);
	binds_release(&b);
	strbuf_release(&sql);
	return rc;
}
