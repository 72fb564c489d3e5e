/*
 * People: add, edit, load, remove, merge, snooze.
 *
 * Every write goes through apply_change() inside a savepoint, then the
 * person's derived columns (cadence.c) and search row are refreshed, so a
 * call either changes everything it was asked to or nothing.
 */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kith/person.h"
#include "kith/settings.h"
#include "kith/strbuf.h"
#include "util/fold.h"
#include "util/xalloc.h"
#include "banned.h"

#define MAX_FIELD 4096 /* bytes in a name, org, title, ... */
#define MAX_NOTES 65536
#define MAX_TAG 64

void kith_strlist_take(struct kith_strlist *l, char *s)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 4;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	l->v[l->n++] = s;
}

void kith_strlist_push(struct kith_strlist *l, const char *s)
{
	kith_strlist_take(l, xstrdup(s));
}

void kith_strlist_release(struct kith_strlist *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

void kith_person_change_init(struct kith_person_change *c)
{
	memset(c, 0, sizeof(*c));
	c->circle = -1;
}

void kith_person_change_release(struct kith_person_change *c)
{
	if (!c)
		return;
	kith_strlist_release(&c->add_emails);
	kith_strlist_release(&c->rm_emails);
	kith_strlist_release(&c->add_phones);
	kith_strlist_release(&c->rm_phones);
	kith_strlist_release(&c->add_links);
	kith_strlist_release(&c->rm_links);
	kith_strlist_release(&c->add_tags);
	kith_strlist_release(&c->rm_tags);
	kith_strlist_release(&c->add_goals);
	kith_strlist_release(&c->rm_goals);
	kith_strlist_release(&c->add_dates);
	kith_strlist_release(&c->rm_dates);
}

void kith_person_release(struct kith_person *p)
{
	if (!p)
		return;
	free(p->uid);
	free(p->name);
	free(p->org);
	free(p->title);
	free(p->location);
	free(p->met);
	free(p->notes);
	free(p->introduced_by_name);
	free(p->birthday);
	free(p->last_kind);
	free(p->role);
	kith_strlist_release(&p->emails);
	kith_strlist_release(&p->phones);
	kith_strlist_release(&p->links);
	kith_strlist_release(&p->tags);
	kith_strlist_release(&p->goals);
	for (size_t i = 0; i < p->n_dates; i++) {
		free(p->dates[i].label);
		free(p->dates[i].date);
	}
	free(p->dates);
	memset(p, 0, sizeof(*p));
}

enum kith_status kith_person_status(const struct kith *k, const struct kith_person *p)
{
	return kith_status_of(kith_get_today(k), p->due_on, p->overdue_on);
}

char *kith_tag_normalize(const char *tag)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = tag;

	while (*s == ' ' || *s == '+' || *s == '#')
		s++;
	for (; *s; s++) {
		int c = (unsigned char)*s;
		if (c == ' ' || c == '\t')
			c = '-';
		else if (c == ',' || c == '\n' || c == '\r')
			continue;
		else if (c < 0x80)
			c = tolower(c);
		strbuf_addch(&sb, c);
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		strbuf_setlen(&sb, sb.len - 1);
	if (sb.len == 0 || sb.len > MAX_TAG) {
		strbuf_release(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

static int two_digits(const char *s)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int kith_birthday_parse(const char *s, char *buf, int *md)
{
	int y = 0, m, d;
	size_t len;

	while (*s == ' ')
		s++;
	len = strlen(s);
	while (len && s[len - 1] == ' ')
		len--;
	if (len == 10 && s[4] == '-' && s[7] == '-') {
		kith_day day;
		char tmp[11];
		memcpy(tmp, s, 10);
		tmp[10] = '\0';
		if (kith_day_parse_iso(tmp, &day) < 0)
			return -1;
		kith_day_to_civil(day, &y, &m, &d);
	} else if (len == 7 && s[0] == '-' && s[1] == '-' && s[4] == '-') {
		m = two_digits(s + 2);
		d = two_digits(s + 5);
	} else if (len == 6 && s[0] == '-' && s[1] == '-') {
		m = two_digits(s + 2);
		d = two_digits(s + 4);
	} else if (len == 5 && s[2] == '-') {
		m = two_digits(s);
		d = two_digits(s + 3);
	} else {
		return -1;
	}
	/* year unknown: 2000 is a leap year, so 29 February is accepted */
	if (!kith_civil_valid(y ? y : 2000, m, d))
		return -1;
	/* "YYYY-MM-DD" or "--MM-DD", written by hand: snprintf() was 1,500
	   instructions a call, and an import parses a birthday three times */
	if (y) {
		buf[0] = (char)('0' + y / 1000 % 10);
		buf[1] = (char)('0' + y / 100 % 10);
		buf[2] = (char)('0' + y / 10 % 10);
		buf[3] = (char)('0' + y % 10);
	} else {
		buf[0] = buf[1] = buf[2] = buf[3] = '-';
	}
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	if (!y)
		memmove(buf, buf + 3, 8); /* "--MM-DD" */
	*md = m * 100 + d;
	return 0;
}

int kith_birthday_split(const char *s, int *year, int *month, int *day)
{
	char buf[11];
	int md;
	if (!s || kith_birthday_parse(s, buf, &md) < 0)
		return -1;
	*month = md / 100;
	*day = md % 100;
	*year = buf[0] == '-' ? 0 : (int)strtol(buf, NULL, 10);
	return 0;
}

/* Fill r with n random bytes: /dev/urandom, or else the clock and pid, mixed
 * (still unique enough per database). */
static void random_bytes(unsigned char *r, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, r, n) : -1;

	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)n) {
		struct timespec ts;
		uint64_t a, b;
		clock_gettime(CLOCK_REALTIME, &ts);
		a = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15ULL ^ (uint64_t)ts.tv_sec;
		b = (uint64_t)getpid() * 0xBF58476D1CE4E5B9ULL ^ a;
		for (size_t i = 0; i < n; i++) {
			a = a * 6364136223846793005ULL + b + i;
			r[i] = (unsigned char)(a >> 56);
		}
	}
}

/* A version 4 UUID from 16 random bytes. */
static void format_uid(unsigned char *r, char *buf, size_t len)
{
	r[6] = (unsigned char)((r[6] & 0x0F) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3F) | 0x80);
	snprintf(buf, len,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13],
		 r[14], r[15]);
}

static void make_uid(char *buf, size_t len)
{
	unsigned char r[16];
	random_bytes(r, sizeof(r));
	format_uid(r, buf, len);
}

/* Run a statement with an id and up to two text parameters. */
static enum kith_rc run3(struct kith *k, const char *sql, int64_t id, const char *a, const char *b,
			 const char *what)
{
	sqlite3_stmt *st = kith_prepare(k, sql);
	enum kith_rc rc = KITH_OK;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (a)
		sqlite3_bind_text(st, 2, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(st, 3, b, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, what);
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_name_tokens_insert(struct kith *k, sqlite3_stmt *ins, int64_t id, const char *name_key)
{
	for (const char *p = name_key; *p;) {
		size_t n = strcspn(p, " -");
		if (n) {
			sqlite3_reset(ins);
			sqlite3_bind_int64(ins, 1, id);
			sqlite3_bind_text(ins, 2, p, (int)n, SQLITE_TRANSIENT);
			sqlite3_bind_text(ins, 3, name_key, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(ins) != SQLITE_DONE)
				return kith_fail_db(k, "cannot index name");
		}
		p += n;
		if (*p)
			p++;
	}
	return KITH_OK;
}

/* The name_token rows of a person, written again. */
static enum kith_rc write_tokens(struct kith *k, int64_t id, const char *name_key)
{
	sqlite3_stmt *st;
	enum kith_rc rc;

	rc = run3(k, "DELETE FROM name_token WHERE person_id = ?1", id, NULL, NULL, "cannot index name");
	if (rc != KITH_OK)
		return rc;
	if (!(st = kith_prepare(k, KITH_NAME_TOKEN_INSERT)))
		return KITH_ERR;
	rc = kith_name_tokens_insert(k, st, id, name_key);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The search row. person_fts indexes the view person_search (migration 5)
 * and keeps no copy of its text, so FTS5 reads the view to find the terms
 * of a row it removes: unindex() runs before anything the view shows
 * changes, and index_row() once everything has.
 */
static enum kith_rc unindex(struct kith *k, int64_t id, const char *what)
{
	return run3(k, "DELETE FROM person_fts WHERE rowid = ?1", id, NULL, NULL, what);
}

static enum kith_rc index_row(struct kith *k, int64_t id)
{
	return run3(k, "INSERT INTO person_fts(rowid, name, org, tags, notes)"
		       " SELECT id, name, org, tags, notes FROM person_search WHERE id = ?1",
		    id, NULL, NULL, "cannot index person");
}

static enum kith_rc set_name(struct kith *k, int64_t id, const char *name)
{
	char *t = kith_trim_dup(name);
	char *key = NULL;
	enum kith_rc rc;

	if (!t)
		return kith_fail(k, KITH_EINPUT, "a name cannot be empty");
	if (strlen(t) > MAX_FIELD) {
		free(t);
		return kith_fail(k, KITH_EINPUT, "the name is too long (%d bytes at most)", MAX_FIELD);
	}
	key = kith_fold_dup(t);
	rc = run3(k, "UPDATE person SET name = ?2, name_key = ?3 WHERE id = ?1", id, t, key, "cannot save name");
	if (rc == KITH_OK)
		rc = write_tokens(k, id, key);
	free(t);
	free(key);
	return rc;
}

/* Set one text column (a constant name from the table below). */
static enum kith_rc set_text(struct kith *k, int64_t id, const char *column, const char *value, size_t max)
{
	char sql[96];
	char *t = value ? kith_trim_dup(value) : NULL;
	enum kith_rc rc;

	if (t && strlen(t) > max) {
		free(t);
		return kith_fail(k, KITH_EINPUT, "the %s is too long (%zu bytes at most)", column, max);
	}
	snprintf(sql, sizeof(sql), "UPDATE person SET %s = ?2 WHERE id = ?1", column);
	if (t)
		rc = run3(k, sql, id, t, NULL, "cannot save person");
	else {
		sqlite3_stmt *st = kith_prepare(k, sql);
		rc = KITH_OK;
		if (!st)
			return KITH_ERR;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_null(st, 2);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot save person");
		sqlite3_finalize(st);
	}
	free(t);
	return rc;
}

int kith_email_valid(const char *e)
{
	const char *at = strchr(e, '@');
	if (!at || at == e || !at[1] || strchr(at + 1, '@'))
		return 0;
	for (const char *p = e; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == ',' || *p == '<' || *p == '>')
			return 0;
	return strlen(e) <= 254;
}

char *kith_email_key(const char *e)
{
	char *k = xstrdup(e);
	for (char *p = k; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return k;
}

/* Digits of a phone number, with a leading + kept: the matching key. */
char *kith_phone_key(const char *ph)
{
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = ph; *p; p++) {
		if (isdigit((unsigned char)*p))
			strbuf_addch(&sb, *p);
		else if (*p == '+' && sb.len == 0)
			strbuf_addch(&sb, '+');
	}
	return strbuf_detach(&sb);
}

static enum kith_rc add_email(struct kith *k, int64_t id, const char *raw)
{
	char *e = kith_trim_dup(raw), *key = NULL;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = KITH_OK;

	if (!e || !kith_email_valid(e)) {
		rc = kith_fail(k, KITH_EINPUT, "invalid email '%.80s'", raw);
		goto cleanup;
	}
	key = kith_email_key(e);
	st = kith_prepare(k, "SELECT p.id, p.name FROM person_email pe JOIN person p ON p.id = pe.person_id"
			     " WHERE pe.email_key = ?1 AND pe.person_id != ?2 LIMIT 1");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		rc = kith_fail(k, KITH_EINPUT, "the email '%s' already belongs to '%s' #%lld (use 'kith merge' if they are the same person)",
			       e, (const char *)sqlite3_column_text(st, 1), (long long)sqlite3_column_int64(st, 0));
		goto cleanup;
	}
	rc = run3(k, "INSERT OR IGNORE INTO person_email(person_id, email, email_key) VALUES (?1, ?2, ?3)", id, e,
		  key, "cannot save email");
cleanup:
	sqlite3_finalize(st);
	free(e);
	free(key);
	return rc;
}

/* Remove a list value; KITH_EINPUT when the person does not have it. */
static enum kith_rc rm_value(struct kith *k, int64_t id, const char *sql, const char *value, const char *what)
{
	enum kith_rc rc = run3(k, sql, id, value, NULL, "cannot remove value");
	if (rc == KITH_OK && sqlite3_changes(k->db) == 0)
		return kith_fail(k, KITH_EINPUT, "this person has no %s '%.80s'", what, value);
	return rc;
}

static enum kith_rc apply_lists(struct kith *k, int64_t id, const struct kith_person_change *c)
{
	enum kith_rc rc = KITH_OK;
	size_t i;

	for (i = 0; rc == KITH_OK && i < c->rm_emails.n; i++) {
		char *key = kith_email_key(c->rm_emails.v[i]);
		rc = rm_value(k, id, "DELETE FROM person_email WHERE person_id = ?1 AND email_key = ?2", key, "email");
		free(key);
	}
	for (i = 0; rc == KITH_OK && i < c->add_emails.n; i++)
		rc = add_email(k, id, c->add_emails.v[i]);

	for (i = 0; rc == KITH_OK && i < c->rm_phones.n; i++) {
		char *key = kith_phone_key(c->rm_phones.v[i]);
		rc = rm_value(k, id, "DELETE FROM person_phone WHERE person_id = ?1 AND phone_key = ?2", key, "phone");
		free(key);
	}
	for (i = 0; rc == KITH_OK && i < c->add_phones.n; i++) {
		char *ph = kith_trim_dup(c->add_phones.v[i]);
		char *key = ph ? kith_phone_key(ph) : NULL;
		if (!ph || !*key || strlen(ph) > 64)
			rc = kith_fail(k, KITH_EINPUT, "invalid phone number '%.80s'", c->add_phones.v[i]);
		else
			rc = run3(k, "INSERT OR IGNORE INTO person_phone(person_id, phone, phone_key) VALUES (?1, ?2, ?3)",
				  id, ph, key, "cannot save phone");
		free(ph);
		free(key);
	}

	for (i = 0; rc == KITH_OK && i < c->rm_links.n; i++)
		rc = rm_value(k, id, "DELETE FROM person_link WHERE person_id = ?1 AND url = ?2", c->rm_links.v[i], "link");
	for (i = 0; rc == KITH_OK && i < c->add_links.n; i++) {
		char *u = kith_trim_dup(c->add_links.v[i]);
		if (!u || strchr(u, ' ') || strlen(u) > 2048)
			rc = kith_fail(k, KITH_EINPUT, "invalid link '%.80s'", c->add_links.v[i]);
		else
			rc = run3(k, "INSERT OR IGNORE INTO person_link(person_id, url) VALUES (?1, ?2)", id, u, NULL,
				  "cannot save link");
		free(u);
	}

	for (i = 0; rc == KITH_OK && i < c->rm_tags.n; i++) {
		char *t = kith_tag_normalize(c->rm_tags.v[i]);
		if (!t)
			rc = kith_fail(k, KITH_EINPUT, "invalid tag '%.80s'", c->rm_tags.v[i]);
		else
			rc = rm_value(k, id, "DELETE FROM person_tag WHERE person_id = ?1 AND tag = ?2", t, "tag");
		free(t);
	}
	for (i = 0; rc == KITH_OK && i < c->add_tags.n; i++) {
		char *t = kith_tag_normalize(c->add_tags.v[i]);
		if (!t)
			rc = kith_fail(k, KITH_EINPUT, "invalid tag '%.80s' (1 to %d characters)", c->add_tags.v[i], MAX_TAG);
		else
			rc = run3(k, "INSERT OR IGNORE INTO person_tag(person_id, tag) VALUES (?1, ?2)", id, t, NULL,
				  "cannot save tag");
		free(t);
	}

	for (i = 0; rc == KITH_OK && i < c->rm_goals.n; i++)
		rc = rm_value(k, id, "DELETE FROM person_goal WHERE person_id = ?1 AND goal = ?2", c->rm_goals.v[i], "goal");
	for (i = 0; rc == KITH_OK && i < c->add_goals.n; i++) {
		char *g = kith_trim_dup(c->add_goals.v[i]);
		if (!g || strlen(g) > MAX_FIELD)
			rc = kith_fail(k, KITH_EINPUT, "invalid goal '%.80s'", c->add_goals.v[i]);
		else
			rc = run3(k, "INSERT OR IGNORE INTO person_goal(person_id, goal) VALUES (?1, ?2)", id, g, NULL,
				  "cannot save goal");
		free(g);
	}

	for (i = 0; rc == KITH_OK && i < c->rm_dates.n; i++)
		rc = rm_value(k, id, "DELETE FROM person_date WHERE person_id = ?1 AND label = ?2", c->rm_dates.v[i], "date");
	for (i = 0; rc == KITH_OK && i < c->add_dates.n; i++) {
		const char *spec = c->add_dates.v[i];
		const char *eq = strrchr(spec, '=');
		char date[11], *label = NULL;
		int md;
		if (!eq || eq == spec || kith_birthday_parse(eq + 1, date, &md) < 0) {
			rc = kith_fail(k, KITH_EINPUT, "invalid date '%.80s' (try 'anniversary=2019-03-01' or 'name day=--06-21')",
				       spec);
			break;
		}
		{
			char *raw = xstrndup(spec, (size_t)(eq - spec));
			label = kith_trim_dup(raw);
			free(raw);
		}
		if (!label) {
			rc = kith_fail(k, KITH_EINPUT, "invalid date '%.80s': the label is empty", spec);
			break;
		}
		{
			sqlite3_stmt *st = kith_prepare(k, "INSERT INTO person_date(person_id, label, date, md) VALUES (?1, ?2, ?3, ?4)"
							   " ON CONFLICT(person_id, label) DO UPDATE SET date = ?3, md = ?4");
			if (!st) {
				free(label);
				rc = KITH_ERR;
				break;
			}
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, label, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, date, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 4, md);
			if (sqlite3_step(st) != SQLITE_DONE)
				rc = kith_fail_db(k, "cannot save date");
			sqlite3_finalize(st);
		}
		free(label);
	}
	return rc;
}

enum kith_rc kith_person_exists(struct kith *k, int64_t id)
{
	return kith_exists(k, "SELECT 1 FROM person WHERE id = ?1", id, "person", NULL);
}

static enum kith_rc apply_change(struct kith *k, int64_t id, const struct kith_person_change *c)
{
	enum kith_rc rc = KITH_OK;

	if (c->name && (rc = set_name(k, id, c->name)) != KITH_OK)
		return rc;
	if (c->org && (rc = set_text(k, id, "org", c->org, MAX_FIELD)) != KITH_OK)
		return rc;
	if (c->title && (rc = set_text(k, id, "title", c->title, MAX_FIELD)) != KITH_OK)
		return rc;
	if (c->location && (rc = set_text(k, id, "location", c->location, MAX_FIELD)) != KITH_OK)
		return rc;
	if (c->met && (rc = set_text(k, id, "met", c->met, MAX_FIELD)) != KITH_OK)
		return rc;
	if (c->notes && (rc = set_text(k, id, "notes", c->notes, MAX_NOTES)) != KITH_OK)
		return rc;
	if (c->birthday) {
		char buf[11];
		int md;
		sqlite3_stmt *st;
		if (*c->birthday && kith_birthday_parse(c->birthday, buf, &md) < 0)
			return kith_fail(k, KITH_EINPUT, "invalid birthday '%.40s' (try 1990-12-10 or --12-10 without the year)",
					 c->birthday);
		st = kith_prepare(k, "UPDATE person SET birthday = ?2, bday_md = ?3 WHERE id = ?1");
		if (!st)
			return KITH_ERR;
		sqlite3_bind_int64(st, 1, id);
		if (*c->birthday) {
			sqlite3_bind_text(st, 2, buf, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 3, md);
		} else {
			sqlite3_bind_null(st, 2);
			sqlite3_bind_null(st, 3);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot save birthday");
		sqlite3_finalize(st);
		if (rc != KITH_OK)
			return rc;
	}
	if (c->introduced_by) {
		sqlite3_stmt *st;
		if (c->introduced_by == id)
			return kith_fail(k, KITH_EINPUT, "a person cannot introduce themselves");
		if (c->introduced_by > 0 && (rc = kith_person_exists(k, c->introduced_by)) != KITH_OK)
			return rc == KITH_ENOTFOUND ? KITH_EINPUT : rc;
		st = kith_prepare(k, "UPDATE person SET introduced_by = ?2 WHERE id = ?1");
		if (!st)
			return KITH_ERR;
		sqlite3_bind_int64(st, 1, id);
		if (c->introduced_by > 0)
			sqlite3_bind_int64(st, 2, c->introduced_by);
		else
			sqlite3_bind_null(st, 2);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot save introduced-by");
		sqlite3_finalize(st);
		if (rc != KITH_OK)
			return rc;
	}
	if (c->circle >= 0) {
		char v[16];
		if (c->circle >= KITH_N_CIRCLES)
			return kith_fail(k, KITH_EINPUT, "unknown circle %d", c->circle);
		snprintf(v, sizeof(v), "%d", c->circle);
		if ((rc = run3(k, "UPDATE person SET circle = CAST(?2 AS INTEGER) WHERE id = ?1", id, v, NULL,
			       "cannot save circle")) != KITH_OK)
			return rc;
	}
	if (c->set_cadence) {
		sqlite3_stmt *st = kith_prepare(k, "UPDATE person SET every_days = ?2, every_max = ?3 WHERE id = ?1");
		if (!st)
			return KITH_ERR;
		sqlite3_bind_int64(st, 1, id);
		if (c->set_cadence == 1) {
			sqlite3_bind_int(st, 2, c->cadence.ideal);
			sqlite3_bind_int(st, 3, c->cadence.max);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = kith_fail_db(k, "cannot save cadence");
		sqlite3_finalize(st);
		if (rc != KITH_OK)
			return rc;
	}
	if (c->role) {
		if (*c->role && strcmp(c->role, "mentor") && strcmp(c->role, "mentee"))
			return kith_fail(k, KITH_EINPUT, "unknown role '%.40s' (mentor, mentee, or none)", c->role);
		if ((rc = set_text(k, id, "role", c->role, 16)) != KITH_OK)
			return rc;
	}
	if (c->clear_snooze && (rc = run3(k, "UPDATE person SET snoozed_until = NULL WHERE id = ?1", id, NULL, NULL,
					  "cannot clear snooze")) != KITH_OK)
		return rc;
	rc = apply_lists(k, id, c);
	if (rc == KITH_OK)
		rc = kith_person_refresh(k, id);
	if (rc == KITH_OK)
		rc = index_row(k, id);
	return rc;
}

enum kith_rc kith_person_add(struct kith *k, const struct kith_person_change *c, int64_t *id)
{
	char uid[40], *circle_name = NULL;
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;
	int circle = c->circle;

	if (!c->name)
		return kith_fail(k, KITH_EINPUT, "a new person needs a name");
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	if (circle < 0) {
		rc = kith_setting_value(k, "default.circle", &circle_name);
		if (rc != KITH_OK)
			goto cleanup;
		circle = kith_circle_parse(circle_name);
		if (circle < 0)
			circle = KITH_CIRCLE_WIDE;
	}
	make_uid(uid, sizeof(uid));
	st = kith_prepare(k, "INSERT INTO person(uid, name, name_key, circle, created) VALUES (?1, '', '', ?2, ?3)");
	if (!st) {
		rc = KITH_ERR;
		goto cleanup;
	}
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, circle);
	kith_bind_day(st, 3, k->today);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot add person");
		goto cleanup;
	}
	*id = sqlite3_last_insert_rowid(k->db);
	rc = apply_change(k, *id, c);
cleanup:
	sqlite3_finalize(st);
	free(circle_name);
	return kith_sp_end(k, rc);
}

/*
 * The bulk adder. Everything kith_person_add does for a new person, in the
 * same order of checks (so the same first error), but checked in C before
 * anything is written, and written with statements prepared once: the
 * person row with its derived columns (no interactions yet: cadence from
 * the person, else the closest tag cadence, else the circle; first due day
 * spread by id, as cadence.c does), then the lists, the name tokens and
 * the search row, whose text is assembled here as the view person_search
 * reads it (tags, goals and emails in key order).
 */
enum {
	A_SEQ, A_UID, A_PERSON, A_EMAIL_OWNER, A_EMAIL, A_PHONE, A_LINK, A_TAG, A_GOAL, A_DATE,
	A_TOKEN, A_FTS, A_TAGC, A_MAX
};

static const char *const adder_sql[A_MAX] = {
	"SELECT seq FROM sqlite_sequence WHERE name = 'person'",
	"SELECT 1 FROM person WHERE uid = ?1",
	"INSERT INTO person(id, uid, name, name_key, org, title, location, met, circle, every_days,"
	" every_max, birthday, bday_md, notes, created, cadence_days, cadence_max, due_on, overdue_on,"
	" role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
	" ?18, ?19, ?20)",
	"SELECT p.id, p.name FROM person_email pe JOIN person p ON p.id = pe.person_id"
	" WHERE pe.email_key = ?1 LIMIT 1",
	"INSERT OR IGNORE INTO person_email(person_id, email, email_key) VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO person_phone(person_id, phone, phone_key) VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO person_link(person_id, url) VALUES (?1, ?2)",
	"INSERT OR IGNORE INTO person_tag(person_id, tag) VALUES (?1, ?2)",
	"INSERT OR IGNORE INTO person_goal(person_id, goal) VALUES (?1, ?2)",
	"INSERT INTO person_date(person_id, label, date, md) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT(person_id, label) DO UPDATE SET date = ?3, md = ?4",
	KITH_NAME_TOKEN_INSERT,
	"INSERT INTO person_fts(rowid, name, org, tags, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
	"SELECT tag, every_days, every_max FROM tag_cadence ORDER BY tag",
};

/* A tag's cadence (every_max -1 when not given), read once per adder. */
struct bulk_tagc {
	char *tag;
	int days, max;
};

/* rows written at once by one statement (see struct row_set) */
#define BATCH_ROWS 64

struct kith_person_adder {
	struct kith *k;
	sqlite3_stmt *st[A_MAX];
	int default_circle;
	struct kith_cadence circles[KITH_N_CIRCLES];
	unsigned char rnd[16 * 256];
	size_t rnd_used;
	struct bulk_tagc *tagc; /* in tag order */
	size_t n_tagc;
	/* the next id, when nothing but the adder wrote since it was known
	 * (the connection's count of changed rows is still `changes`) */
	int64_t next_id;
	sqlite3_int64 changes;
	/* kith_person_adder_defer: the dropped indexes (names and the SQL
	 * that makes them) */
	int deferring;
	struct kith_strlist index_names, index_sql;
	/* the rows waiting to be written (see struct row_set), the statements
	 * writing n of them at once, and the writer thread while deferring */
	struct row_set *fill;
	sqlite3_stmt *many[A_MAX][BATCH_ROWS + 1];
	struct writer *w;
};

static int step_done(sqlite3_stmt *st)
{
	int r = sqlite3_step(st);
	sqlite3_reset(st);
	return r == SQLITE_DONE;
}

/*
 * While the adder defers, its rows are written up to BATCH_ROWS to a
 * statement: one step of a statement costs more than the insert of the
 * row it writes (for a person, SQLite also updates the AUTOINCREMENT
 * counter once per statement). A row's values are copied, texts into the
 * batch's arena; the columns are the single-row statement's, in the order
 * of its parameters. The rows of people's lists wait until the people are
 * written, so that foreign keys hold when they are enforced. People are
 * written OR IGNORE, and every row must have been: a statement of many
 * rows that may fail half way costs SQLite a statement journal (written
 * to a temporary file), which would eat the gain.
 */
static const struct batch_spec {
	int table;
	int cols;
	int one; /* one row a statement: an upsert or a search row of many is slower */
	const char *head, *tail, *what;
} batch_specs[] = {
	{ A_PERSON, 20, 0, "INSERT OR IGNORE INTO person(id, uid, name, name_key, org, title, location, met, circle, every_days,"
			" every_max, birthday, bday_md, notes, created, cadence_days, cadence_max, due_on, overdue_on,"
			" role) VALUES ", "", "cannot add person" },
	{ A_EMAIL, 3, 0, "INSERT OR IGNORE INTO person_email(person_id, email, email_key) VALUES ", "", "cannot save email" },
	{ A_PHONE, 3, 0, "INSERT OR IGNORE INTO person_phone(person_id, phone, phone_key) VALUES ", "", "cannot save phone" },
	{ A_LINK, 2, 0, "INSERT OR IGNORE INTO person_link(person_id, url) VALUES ", "", "cannot save link" },
	{ A_TAG, 2, 0, "INSERT OR IGNORE INTO person_tag(person_id, tag) VALUES ", "", "cannot save tag" },
	{ A_GOAL, 2, 0, "INSERT OR IGNORE INTO person_goal(person_id, goal) VALUES ", "", "cannot save goal" },
	{ A_DATE, 4, 1, "", "", "cannot save date" },
	{ A_TOKEN, 3, 0, "INSERT OR IGNORE INTO name_token(person_id, token, name_key) VALUES ", "", "cannot index name" },
	{ A_FTS, 5, 1, "", "", "cannot index person" },
};

/* A value to bind: NULL, an integer, or text at an offset of the arena. */
struct bval {
	int type; /* SQLITE_NULL, SQLITE_INTEGER, SQLITE_TEXT */
	int64_t i;
	size_t off;
};

/* The rows of one table waiting. */
struct row_batch {
	const struct batch_spec *spec;
	size_t n, col;       /* rows complete; columns of row n given */
	struct bval *v;      /* row r, column c at v[r * cols + c] */
	size_t alloc;        /* rows v has room for */
	struct strbuf arena; /* the texts, each ended by NUL */
};

/* The rows of up to SET_PEOPLE people, their lists and search rows: what
 * the writer thread takes at once (fewer, larger hand-overs leave the
 * threads waiting on each other less). */
#define SET_PEOPLE 512

struct row_set {
	struct row_batch *batch[A_MAX];
};

/*
 * While the adder defers, a writer thread writes the sets of rows the
 * caller's thread has filled, while that thread checks and fills the
 * next: the connection is used by one thread at a time, the writer's from
 * the first hand-over to the next drain. SETS sets go round: one filled,
 * the others written or waiting.
 */
#define SETS 3

struct writer {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct kith_person_adder *a;
	struct row_set *queue[SETS], *spare[SETS];
	size_t head, count, n_spare;
	int busy, stop;
	enum kith_rc rc; /* the first error, with its message in err */
	char err[512];
};

static struct row_set *set_new(void)
{
	return xcalloc(1, sizeof(struct row_set));
}

static void set_free(struct row_set *s)
{
	if (!s)
		return;
	for (int i = 0; i < A_MAX; i++) {
		if (s->batch[i]) {
			free(s->batch[i]->v);
			strbuf_release(&s->batch[i]->arena);
			free(s->batch[i]);
		}
	}
	free(s);
}

/* The batch of table in the set being filled, with room for one more row. */
static struct row_batch *batch_of(struct kith_person_adder *a, int table)
{
	struct row_batch *b = a->fill->batch[table];
	if (!b) {
		b = a->fill->batch[table] = xcalloc(1, sizeof(*b));
		for (size_t i = 0; i < sizeof(batch_specs) / sizeof(batch_specs[0]); i++)
			if (batch_specs[i].table == table)
				b->spec = &batch_specs[i];
		b->arena = (struct strbuf)STRBUF_INIT;
	}
	if (b->n == b->alloc) {
		b->alloc = b->alloc ? 2 * b->alloc : BATCH_ROWS;
		b->v = xrealloc(b->v, b->alloc * (size_t)b->spec->cols * sizeof(*b->v));
	}
	return b;
}

/* The next column of the row being given. */
static struct bval *bv_next(struct row_batch *b)
{
	return &b->v[b->n * (size_t)b->spec->cols + b->col++];
}

static void bv_int(struct row_batch *b, int64_t i)
{
	struct bval *v = bv_next(b);
	v->type = SQLITE_INTEGER;
	v->i = i;
}

static void bv_null(struct row_batch *b)
{
	bv_next(b)->type = SQLITE_NULL;
}

/* Text of len bytes (-1: up to its NUL); NULL binds NULL. */
static void bv_text(struct row_batch *b, const char *s, int len)
{
	struct bval *v = bv_next(b);
	if (!s) {
		v->type = SQLITE_NULL;
		return;
	}
	v->type = SQLITE_TEXT;
	v->off = b->arena.len;
	strbuf_add(&b->arena, s, len < 0 ? strlen(s) : (size_t)len);
	strbuf_addch(&b->arena, '\0');
}

static void bv_day(struct row_batch *b, kith_day d)
{
	char iso[KITH_DATE_BUFSZ];
	if (d == KITH_NO_DAY)
		bv_null(b);
	else
		bv_text(b, kith_day_format(d, iso), -1);
}

/*
 * Write rows [from, from + n) of b, n <= BATCH_ROWS, with one statement.
 * Run by whichever thread has the connection; an error is told in err
 * (not on k, which the other thread may be using).
 */
static enum kith_rc write_rows(struct kith_person_adder *a, struct row_batch *b, size_t from, size_t n, char *err,
			       size_t errlen)
{
	sqlite3 *db = a->k->db;
	int cols = b->spec->cols, table = b->spec->table;
	sqlite3_stmt *st = n == 1 ? a->st[table] : a->many[table][n];

	if (!st) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addstr(&sql, b->spec->head);
		for (size_t r = 0; r < n; r++) {
			strbuf_addstr(&sql, r ? ", (?" : "(?");
			for (int c = 1; c < cols; c++)
				strbuf_addstr(&sql, ", ?");
			strbuf_addch(&sql, ')');
		}
		strbuf_addstr(&sql, b->spec->tail);
		if (sqlite3_prepare_v2(db, sql.buf, -1, &a->many[table][n], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "%s: %s", b->spec->what, sqlite3_errmsg(db));
			sqlite3_finalize(a->many[table][n]);
			a->many[table][n] = NULL;
			strbuf_release(&sql);
			return KITH_ERR;
		}
		strbuf_release(&sql);
		st = a->many[table][n];
	}
	for (size_t r = 0; r < n; r++) {
		for (int c = 0; c < cols; c++) {
			const struct bval *v = &b->v[(from + r) * (size_t)cols + (size_t)c];
			int at = (int)r * cols + c + 1;
			if (v->type == SQLITE_INTEGER)
				sqlite3_bind_int64(st, at, v->i);
			else if (v->type == SQLITE_TEXT)
				/* -1, not the length: a text SQLite measured itself is
				   flagged NUL-terminated, and FTS5 reads it without
				   copying (given lengths cost the writer 3% more) */
				sqlite3_bind_text(st, at, b->arena.buf + v->off, -1, SQLITE_STATIC);
			else
				sqlite3_bind_null(st, at);
		}
	}
	if (!step_done(st)) {
		snprintf(err, errlen, "%s: %s", b->spec->what, sqlite3_errmsg(db));
		return KITH_ERR;
	}
	/* people: none ignored (the checks before make that a database error) */
	if (table == A_PERSON && sqlite3_changes(db) != (int)n) {
		snprintf(err, errlen, "%s: %d of %zu rows written", b->spec->what, sqlite3_changes(db), n);
		return KITH_ERR;
	}
	return KITH_OK;
}

static void batch_empty(struct row_batch *b)
{
	b->n = 0;
	b->col = 0;
	strbuf_reset(&b->arena);
}

/* Write every row waiting in b, and empty it. */
static enum kith_rc batch_write(struct kith_person_adder *a, struct row_batch *b, char *err, size_t errlen)
{
	enum kith_rc rc = KITH_OK;
	size_t most = b->spec->one ? 1 : BATCH_ROWS;
	for (size_t r = 0; r < b->n && rc == KITH_OK; r += most)
		rc = write_rows(a, b, r, b->n - r < most ? b->n - r : most, err, errlen);
	batch_empty(b);
	return rc;
}

/* Empty s without writing (after an error, the import is rolled back). */
static void set_empty(struct row_set *s)
{
	for (int i = 0; i < A_MAX; i++)
		if (s->batch[i])
			batch_empty(s->batch[i]);
}

/* Write every row of s, the people first (their lists refer to them), and
 * empty s, also after an error. */
static enum kith_rc set_write(struct kith_person_adder *a, struct row_set *s, char *err, size_t errlen)
{
	enum kith_rc rc = KITH_OK;
	for (int i = 0; i < A_MAX && rc == KITH_OK; i++)
		if (s->batch[i] && s->batch[i]->n)
			rc = batch_write(a, s->batch[i], err, errlen);
	if (rc != KITH_OK)
		set_empty(s);
	return rc;
}

/* rc with err set on the adder's connection (errors of the writing are
 * told in a buffer: the writer thread may not touch k) */
static enum kith_rc told(struct kith_person_adder *a, enum kith_rc rc, const char *err)
{
	return rc == KITH_OK ? rc : kith_fail(a->k, rc, "%s", err);
}

/* Write s on the caller's thread. */
static enum kith_rc set_write_here(struct kith_person_adder *a, struct row_set *s)
{
	char err[512];
	return told(a, set_write(a, s, err, sizeof(err)), err);
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	char err[sizeof(w->err)];

	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct row_set *s;
		enum kith_rc rc;
		while (!w->count && !w->stop)
			pthread_cond_wait(&w->cv, &w->mu);
		if (!w->count)
			break;
		s = w->queue[w->head];
		w->head = (w->head + 1) % SETS;
		w->count--;
		w->busy = 1;
		rc = w->rc;
		pthread_mutex_unlock(&w->mu);
		/* after an error, rows are only emptied: the import is rolled back */
		if (rc == KITH_OK)
			rc = set_write(w->a, s, err, sizeof(err));
		else
			set_empty(s);
		pthread_mutex_lock(&w->mu);
		if (rc != KITH_OK && w->rc == KITH_OK) {
			w->rc = rc;
			memcpy(w->err, err, sizeof(err));
		}
		w->spare[w->n_spare++] = s;
		w->busy = 0;
		pthread_cond_broadcast(&w->cv);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* Free w, its thread ended or never started. */
static void writer_free(struct writer *w)
{
	while (w->n_spare)
		set_free(w->spare[--w->n_spare]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w);
}

/* Start the writer thread; without one (no thread to be had) the caller's thread writes. */
static void writer_start(struct kith_person_adder *a)
{
	struct writer *w = xcalloc(1, sizeof(*w));
	w->a = a;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	for (int i = 0; i < SETS - 1; i++)
		w->spare[w->n_spare++] = set_new();
	if (pthread_create(&w->th, NULL, writer_main, w) != 0)
		writer_free(w);
	else
		a->w = w;
}

/* Wait until the writer has written every set handed over: the connection
 * is the caller's thread's again. Its first error, if any, set on k. */
static enum kith_rc writer_drain(struct kith_person_adder *a)
{
	struct writer *w = a->w;
	enum kith_rc rc;
	if (!w)
		return KITH_OK;
	pthread_mutex_lock(&w->mu);
	while (w->count || w->busy)
		pthread_cond_wait(&w->cv, &w->mu);
	rc = w->rc;
	pthread_mutex_unlock(&w->mu);
	return told(a, rc, w->err);
}

/* Drain and end the writer thread. */
static enum kith_rc writer_stop(struct kith_person_adder *a)
{
	struct writer *w = a->w;
	enum kith_rc rc;
	if (!w)
		return KITH_OK;
	rc = writer_drain(a);
	pthread_mutex_lock(&w->mu);
	w->stop = 1;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	writer_free(w);
	a->w = NULL;
	return rc;
}

/* The set being filled is complete: to the writer, or written here without one. */
static enum kith_rc hand_over(struct kith_person_adder *a)
{
	struct writer *w = a->w;
	enum kith_rc rc;
	if (!w)
		return set_write_here(a, a->fill);
	pthread_mutex_lock(&w->mu);
	while (!w->n_spare)
		pthread_cond_wait(&w->cv, &w->mu);
	w->queue[(w->head + w->count) % SETS] = a->fill;
	w->count++;
	a->fill = w->spare[--w->n_spare];
	rc = w->rc;
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);
	return told(a, rc, w->err);
}

/* The row of b given column by column is complete: written at once when
 * not deferring; else it waits, and a set of SET_PEOPLE people with all
 * their rows goes to the writer. */
static enum kith_rc batch_row_done(struct kith_person_adder *a, struct row_batch *b)
{
	char err[512];
	b->n++;
	b->col = 0;
	if (a->deferring && b->spec->table == A_PERSON)
		return b->n == SET_PEOPLE ? hand_over(a) : KITH_OK;
	if (a->deferring)
		return KITH_OK;
	return told(a, batch_write(a, b, err, sizeof(err)), err);
}

/* A row of one of the person's lists (A_EMAIL..A_DATE, or A_TOKEN): the
 * person, t1 of n1 bytes (-1: up to its NUL), t2 when the table has a
 * second text, and the number of A_DATE. */
static enum kith_rc list_row(struct kith_person_adder *a, int table, int64_t id, const char *t1, int n1,
			     const char *t2, int num)
{
	struct row_batch *b = batch_of(a, table);
	bv_int(b, id);
	bv_text(b, t1, n1);
	if (b->spec->cols > 2)
		bv_text(b, t2, -1);
	if (table == A_DATE)
		bv_int(b, num);
	return batch_row_done(a, b);
}

enum kith_rc kith_person_adder_settle(struct kith_person_adder *a)
{
	enum kith_rc rc = writer_drain(a);
	return rc == KITH_OK ? set_write_here(a, a->fill) : rc;
}

int kith_person_adder_deferring(const struct kith_person_adder *a)
{
	return a->deferring;
}

struct kith_person_adder *kith_person_adder_new(struct kith *k)
{
	struct kith_person_adder *a = xcalloc(1, sizeof(*a));
	char *circle_name = NULL;

	a->k = k;
	a->fill = set_new();
	a->rnd_used = sizeof(a->rnd);
	for (int i = 0; i < A_MAX; i++)
		if (!(a->st[i] = kith_prepare(k, adder_sql[i])))
			goto fail;
	if (kith_setting_value(k, "default.circle", &circle_name) != KITH_OK)
		goto fail;
	a->default_circle = kith_circle_parse(circle_name);
	if (a->default_circle < 0)
		a->default_circle = KITH_CIRCLE_WIDE;
	free(circle_name);
	if (kith_circle_cadences(k, a->circles) != KITH_OK)
		goto fail;
	{
		sqlite3_stmt *st = a->st[A_TAGC];
		size_t alloc = 0;
		int rr;
		while ((rr = sqlite3_step(st)) == SQLITE_ROW) {
			if (a->n_tagc == alloc) {
				alloc = alloc ? 2 * alloc : 16;
				a->tagc = xrealloc(a->tagc, alloc * sizeof(*a->tagc));
			}
			a->tagc[a->n_tagc].tag = kith_column_strdup(st, 0);
			a->tagc[a->n_tagc].days = sqlite3_column_int(st, 1);
			a->tagc[a->n_tagc].max = sqlite3_column_type(st, 2) != SQLITE_NULL ? sqlite3_column_int(st, 2) : -1;
			if (!a->tagc[a->n_tagc].tag)
				a->tagc[a->n_tagc].tag = xstrdup("");
			a->n_tagc++;
		}
		sqlite3_reset(st);
		if (rr != SQLITE_DONE) {
			kith_fail_db(k, "cannot read tag cadences");
			goto fail;
		}
	}
	return a;
fail:
	kith_person_adder_free(a);
	return NULL;
}

void kith_person_adder_free(struct kith_person_adder *a)
{
	if (!a)
		return;
	/* the connection back from the writer first; then, a transaction
	   rolled back has its indexes already, and no one to index */
	(void)writer_stop(a);
	if (a->deferring && !sqlite3_get_autocommit(a->k->db))
		(void)kith_person_adder_flush(a);
	set_free(a->fill);
	for (int i = 0; i < A_MAX; i++)
		for (int j = 0; j <= BATCH_ROWS; j++)
			sqlite3_finalize(a->many[i][j]);
	kith_strlist_release(&a->index_names);
	kith_strlist_release(&a->index_sql);
	for (int i = 0; i < A_MAX; i++)
		sqlite3_finalize(a->st[i]);
	for (size_t i = 0; i < a->n_tagc; i++)
		free(a->tagc[i].tag);
	free(a->tagc);
	free(a);
}

static int cmp_tagc(const void *key, const void *el)
{
	return strcmp(key, ((const struct bulk_tagc *)el)->tag);
}

/* A text field as apply_change's set_text stores it: *out is the trimmed
 * value or NULL; KITH_EINPUT when too long. */
static enum kith_rc bulk_text(struct kith *k, const char *column, const char *value, size_t max, char **out)
{
	*out = value ? kith_trim_dup(value) : NULL;
	if (*out && strlen(*out) > max)
		return kith_fail(k, KITH_EINPUT, "the %s is too long (%zu bytes at most)", column, max);
	return KITH_OK;
}

static int cmp_strp(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Sort a list and drop repeated values (the order of a primary key). */
static void sort_unique(struct kith_strlist *l)
{
	size_t i, n = 0;
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_strp);
	for (i = 0; i < l->n; i++) {
		if (n && !strcmp(l->v[n - 1], l->v[i]))
			free(l->v[i]);
		else
			l->v[n++] = l->v[i];
	}
	l->n = n;
}

/* A person's email as stored: text and key, in key order; the first text of a key wins. */
struct bulk_email {
	char *email, *key;
	size_t pos;
};

static int cmp_email(const void *x, const void *y)
{
	const struct bulk_email *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

struct bulk_row {
	char *name, *key, *f[6]; /* org, title, location, met, notes, role */
	char bday[11];
	int bday_md, has_bday, circle;
	struct bulk_email *emails;
	size_t n_emails;
	struct kith_strlist phones, phone_keys, links, tags, goals, date_labels, date_values;
	int *date_md;
};

static void bulk_row_release(struct bulk_row *r)
{
	free(r->name);
	free(r->key);
	for (int i = 0; i < 6; i++)
		free(r->f[i]);
	for (size_t i = 0; i < r->n_emails; i++) {
		free(r->emails[i].email);
		free(r->emails[i].key);
	}
	free(r->emails);
	kith_strlist_release(&r->phones);
	kith_strlist_release(&r->phone_keys);
	kith_strlist_release(&r->links);
	kith_strlist_release(&r->tags);
	kith_strlist_release(&r->goals);
	kith_strlist_release(&r->date_labels);
	kith_strlist_release(&r->date_values);
	free(r->date_md);
}

/* Check a change as apply_change would, in its order, into r. */
static enum kith_rc bulk_check(struct kith_person_adder *a, const struct kith_person_change *c, struct bulk_row *r,
			       unsigned flags)
{
	struct kith *k = a->k;
	static const char *const cols[5] = { "org", "title", "location", "met", "notes" };
	const char *vals[5] = { c->org, c->title, c->location, c->met, c->notes };
	enum kith_rc rc;
	size_t i;

	r->name = kith_trim_dup(c->name);
	if (!r->name)
		return kith_fail(k, KITH_EINPUT, "a name cannot be empty");
	if (strlen(r->name) > MAX_FIELD)
		return kith_fail(k, KITH_EINPUT, "the name is too long (%d bytes at most)", MAX_FIELD);
	r->key = kith_fold_dup(r->name);
	for (i = 0; i < 5; i++)
		if ((rc = bulk_text(k, cols[i], vals[i], i == 4 ? MAX_NOTES : MAX_FIELD, &r->f[i])) != KITH_OK)
			return rc;
	if (c->birthday && *c->birthday) {
		if (kith_birthday_parse(c->birthday, r->bday, &r->bday_md) < 0)
			return kith_fail(k, KITH_EINPUT, "invalid birthday '%.40s' (try 1990-12-10 or --12-10 without the year)",
					 c->birthday);
		r->has_bday = 1;
	}
	r->circle = c->circle >= 0 ? c->circle : a->default_circle;
	if (r->circle >= KITH_N_CIRCLES)
		return kith_fail(k, KITH_EINPUT, "unknown circle %d", c->circle);
	if (c->role) {
		if (*c->role && strcmp(c->role, "mentor") && strcmp(c->role, "mentee"))
			return kith_fail(k, KITH_EINPUT, "unknown role '%.40s' (mentor, mentee, or none)", c->role);
		if ((rc = bulk_text(k, "role", c->role, 16, &r->f[5])) != KITH_OK)
			return rc;
	}

	r->emails = c->add_emails.n ? xcalloc(c->add_emails.n, sizeof(*r->emails)) : NULL;
	for (i = 0; i < c->add_emails.n; i++) {
		sqlite3_stmt *st = a->st[A_EMAIL_OWNER];
		char *e = kith_trim_dup(c->add_emails.v[i]), *key;
		if (!e || !kith_email_valid(e)) {
			free(e);
			return kith_fail(k, KITH_EINPUT, "invalid email '%.80s'", c->add_emails.v[i]);
		}
		key = kith_email_key(e);
		r->emails[r->n_emails].email = e;
		r->emails[r->n_emails].key = key;
		r->emails[r->n_emails].pos = i;
		r->n_emails++;
		if (flags & KITH_ADDER_CHECKED)
			continue;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			rc = kith_fail(k, KITH_EINPUT, "the email '%s' already belongs to '%s' #%lld (use 'kith merge' if they are the same person)",
				       e, (const char *)sqlite3_column_text(st, 1), (long long)sqlite3_column_int64(st, 0));
			sqlite3_reset(st);
			return rc;
		}
		sqlite3_reset(st);
	}
	for (i = 0; i < c->add_phones.n; i++) {
		char *ph = kith_trim_dup(c->add_phones.v[i]);
		char *key = ph ? kith_phone_key(ph) : NULL;
		int bad = !ph || !*key || strlen(ph) > 64;
		if (!bad) {
			kith_strlist_push(&r->phones, ph);
			kith_strlist_push(&r->phone_keys, key);
		}
		free(ph);
		free(key);
		if (bad)
			return kith_fail(k, KITH_EINPUT, "invalid phone number '%.80s'", c->add_phones.v[i]);
	}
	for (i = 0; i < c->add_links.n; i++) {
		char *u = kith_trim_dup(c->add_links.v[i]);
		int bad = !u || strchr(u, ' ') || strlen(u) > 2048;
		if (!bad)
			kith_strlist_push(&r->links, u);
		free(u);
		if (bad)
			return kith_fail(k, KITH_EINPUT, "invalid link '%.80s'", c->add_links.v[i]);
	}
	for (i = 0; i < c->add_tags.n; i++) {
		char *t = kith_tag_normalize(c->add_tags.v[i]);
		if (!t)
			return kith_fail(k, KITH_EINPUT, "invalid tag '%.80s' (1 to %d characters)", c->add_tags.v[i], MAX_TAG);
		kith_strlist_push(&r->tags, t);
		free(t);
	}
	for (i = 0; i < c->add_goals.n; i++) {
		char *g = kith_trim_dup(c->add_goals.v[i]);
		int bad = !g || strlen(g) > MAX_FIELD;
		if (!bad)
			kith_strlist_push(&r->goals, g);
		free(g);
		if (bad)
			return kith_fail(k, KITH_EINPUT, "invalid goal '%.80s'", c->add_goals.v[i]);
	}
	r->date_md = c->add_dates.n ? xcalloc(c->add_dates.n, sizeof(*r->date_md)) : NULL;
	for (i = 0; i < c->add_dates.n; i++) {
		const char *spec = c->add_dates.v[i];
		const char *eq = strrchr(spec, '=');
		char date[11], *raw, *label;
		int md;
		if (!eq || eq == spec || kith_birthday_parse(eq + 1, date, &md) < 0)
			return kith_fail(k, KITH_EINPUT, "invalid date '%.80s' (try 'anniversary=2019-03-01' or 'name day=--06-21')",
					 spec);
		raw = xstrndup(spec, (size_t)(eq - spec));
		label = kith_trim_dup(raw);
		free(raw);
		if (!label)
			return kith_fail(k, KITH_EINPUT, "invalid date '%.80s': the label is empty", spec);
		r->date_md[r->date_labels.n] = md;
		kith_strlist_push(&r->date_labels, label);
		kith_strlist_push(&r->date_values, date);
		free(label);
	}
	return KITH_OK;
}

/* The effective cadence of a new person: their own, the closest of their tags', or their circle's. */
static enum kith_rc bulk_cadence(struct kith_person_adder *a, const struct kith_person_change *c,
				 const struct bulk_row *r, struct kith_cadence *cad)
{
	int found = 0;

	cad->ideal = cad->max = 0;
	if (c->set_cadence == 1) {
		*cad = c->cadence;
	} else {
		/* ORDER BY every_days, every_max LIMIT 1: NULL sorts first */
		for (size_t i = 0; i < r->tags.n; i++) {
			const struct bulk_tagc *t = a->n_tagc ? bsearch(r->tags.v[i], a->tagc, a->n_tagc, sizeof(*a->tagc), cmp_tagc)
							      : NULL;
			if (t && (!found || t->days < cad->ideal || (t->days == cad->ideal && t->max < cad->max))) {
				cad->ideal = t->days;
				cad->max = t->max;
			}
			found |= t != NULL;
		}
		if (found && cad->max < 0)
			cad->max = cad->ideal + cad->ideal / 2;
		if (!found)
			*cad = a->circles[r->circle];
	}
	if (cad->max < cad->ideal)
		cad->max = cad->ideal;
	return KITH_OK;
}

/* Write the checked person r as id. */
static enum kith_rc bulk_write(struct kith_person_adder *a, const struct kith_person_change *c,
			       struct bulk_row *r, int64_t id, kith_day created, const char *uid)
{
	struct kith_cadence cad;
	struct strbuf org = STRBUF_INIT, tags = STRBUF_INIT, notes = STRBUF_INIT;
	struct row_batch *pb, *fb;
	enum kith_rc rc;
	size_t i;
	const char *p;

	if ((rc = bulk_cadence(a, c, r, &cad)) != KITH_OK)
		return rc;
	pb = batch_of(a, A_PERSON);
	bv_int(pb, id);
	bv_text(pb, uid, -1);
	bv_text(pb, r->name, -1);
	bv_text(pb, r->key, -1);
	for (i = 0; i < 4; i++)
		bv_text(pb, r->f[i], -1);
	bv_int(pb, r->circle);
	if (c->set_cadence == 1) {
		bv_int(pb, c->cadence.ideal);
		bv_int(pb, c->cadence.max);
	} else {
		bv_null(pb);
		bv_null(pb);
	}
	if (r->has_bday) {
		bv_text(pb, r->bday, -1);
		bv_int(pb, r->bday_md);
	} else {
		bv_null(pb);
		bv_null(pb);
	}
	bv_text(pb, r->f[4], -1);
	bv_day(pb, created);
	if (cad.ideal > 0) {
		kith_day due = created + (kith_day)kith_cadence_spread(id, cad.ideal);
		bv_int(pb, cad.ideal);
		bv_int(pb, cad.max);
		bv_day(pb, due);
		bv_day(pb, due + (cad.max - cad.ideal));
	} else {
		for (int j = 16; j <= 19; j++)
			bv_null(pb);
	}
	bv_text(pb, r->f[5], -1);
	if ((rc = batch_row_done(a, pb)) != KITH_OK)
		return rc;

	/* the lists, as apply_lists writes them */
	for (i = 0; i < r->n_emails && rc == KITH_OK; i++)
		rc = list_row(a, A_EMAIL, id, r->emails[i].email, -1, r->emails[i].key, 0);
	for (i = 0; i < r->phones.n && rc == KITH_OK; i++)
		rc = list_row(a, A_PHONE, id, r->phones.v[i], -1, r->phone_keys.v[i], 0);
	for (i = 0; i < r->links.n && rc == KITH_OK; i++)
		rc = list_row(a, A_LINK, id, r->links.v[i], -1, NULL, 0);
	for (i = 0; i < r->tags.n && rc == KITH_OK; i++)
		rc = list_row(a, A_TAG, id, r->tags.v[i], -1, NULL, 0);
	for (i = 0; i < r->goals.n && rc == KITH_OK; i++)
		rc = list_row(a, A_GOAL, id, r->goals.v[i], -1, NULL, 0);
	for (i = 0; i < r->date_labels.n && rc == KITH_OK; i++)
		rc = list_row(a, A_DATE, id, r->date_labels.v[i], -1, r->date_values.v[i], r->date_md[i]);
	if (rc != KITH_OK)
		return rc;

	/* the name tokens, as write_tokens writes them */
	for (p = r->key; *p;) {
		size_t n = strcspn(p, " -");
		if (n && (rc = list_row(a, A_TOKEN, id, p, (int)n, r->key, 0)) != KITH_OK)
			return rc;
		p += n;
		if (*p)
			p++;
	}

	/* the search row, as the view person_search reads it: the lists in key order */
	for (i = 0; i < 3; i++)
		if (r->f[i]) {
			if (org.len)
				strbuf_addch(&org, ' ');
			strbuf_addstr(&org, r->f[i]);
		}
	sort_unique(&r->tags);
	sort_unique(&r->goals);
	for (i = 0; i < r->tags.n + r->goals.n; i++) {
		if (tags.len)
			strbuf_addch(&tags, ' ');
		strbuf_addstr(&tags, i < r->tags.n ? r->tags.v[i] : r->goals.v[i - r->tags.n]);
	}
	if (r->f[4])
		strbuf_addstr(&notes, r->f[4]);
	if (r->f[3]) {
		if (notes.len)
			strbuf_addch(&notes, ' ');
		strbuf_addstr(&notes, r->f[3]);
	}
	if (r->n_emails > 1)
		qsort(r->emails, r->n_emails, sizeof(*r->emails), cmp_email);
	for (i = 0; i < r->n_emails; i++) {
		if (i && !strcmp(r->emails[i].key, r->emails[i - 1].key))
			continue;
		if (notes.len)
			strbuf_addch(&notes, ' ');
		strbuf_addstr(&notes, r->emails[i].email);
	}
	fb = batch_of(a, A_FTS);
	bv_int(fb, id);
	bv_text(fb, r->name, -1);
	bv_text(fb, org.buf, (int)org.len);
	bv_text(fb, tags.buf, (int)tags.len);
	bv_text(fb, notes.buf, (int)notes.len);
	rc = batch_row_done(a, fb);
	strbuf_release(&org);
	strbuf_release(&tags);
	strbuf_release(&notes);
	return rc;
}

enum kith_rc kith_person_adder_add(struct kith_person_adder *a, const struct kith_person_change *c,
				   kith_day created, const char *uid, unsigned flags, int64_t *id_out)
{
	struct kith *k = a->k;
	struct bulk_row r;
	char uidbuf[40];
	enum kith_rc rc;
	int64_t id = 0;

	if (!c->name)
		return kith_fail(k, KITH_EINPUT, "a new person needs a name");
	/* the lookups below, and the general path, want every index */
	int general = c->introduced_by || c->rm_emails.n || c->rm_phones.n || c->rm_links.n || c->rm_tags.n ||
		      c->rm_goals.n || c->rm_dates.n;
	if (a->deferring && (general || !(flags & KITH_ADDER_CHECKED)) && (rc = kith_person_adder_flush(a)) != KITH_OK)
		return rc;
	/* what the bulk path does not cover: the general path, then the same fix-ups */
	if (general) {
		rc = kith_person_add(k, c, &id);
		if (rc == KITH_OK && id_out)
			*id_out = id;
		return rc;
	}
	memset(&r, 0, sizeof(r));
	rc = bulk_check(a, c, &r, flags);
	if (rc != KITH_OK)
		goto cleanup;
	if (created == KITH_NO_DAY)
		created = k->today;
	if (uid && *uid && strlen(uid) <= 255 && (flags & KITH_ADDER_CHECKED)) {
		/* free: the caller looked */
	} else if (uid && *uid && strlen(uid) <= 255) {
		sqlite3_stmt *st = a->st[A_UID];
		sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			uid = NULL;
		sqlite3_reset(st);
	} else {
		uid = NULL;
	}
	if (!uid) {
		if (a->rnd_used + 16 > sizeof(a->rnd)) {
			random_bytes(a->rnd, sizeof(a->rnd));
			a->rnd_used = 0;
		}
		format_uid(a->rnd + a->rnd_used, uidbuf, sizeof(uidbuf));
		a->rnd_used += 16;
		uid = uidbuf;
	}
	/* the id AUTOINCREMENT would choose */
	/* (while a writer thread writes, the connection is not this thread's,
	   and nothing but the adder writes) */
	if (a->next_id && (a->w || sqlite3_total_changes64(k->db) == a->changes)) {
		id = a->next_id;
	} else {
		sqlite3_stmt *st = a->st[A_SEQ];
		int rr;
		/* the sequence counts the people still waiting only once written */
		if ((rc = kith_person_adder_settle(a)) != KITH_OK)
			goto cleanup;
		rr = sqlite3_step(st);
		if (rr == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (rr != SQLITE_ROW && rr != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot add person");
			goto cleanup;
		}
		id++;
	}
	/*
	 * No savepoint: every check is done, so only a database error (a
	 * full disk) can stop the writes halfway, and the import's
	 * transaction is rolled back then. A savepoint per person costs a
	 * statement journal written to a temporary file, about 40 page
	 * writes per person, which is most of the time of an import.
	 */
	rc = bulk_write(a, c, &r, id, created, uid);
	a->next_id = rc == KITH_OK ? id + 1 : 0;
	if (!a->w)
		a->changes = sqlite3_total_changes64(k->db);
	if (rc == KITH_OK && id_out)
		*id_out = id;
cleanup:
	bulk_row_release(&r);
	return rc;
}

/*
 * The indexes dropped by kith_person_adder_defer and made again by
 * kith_person_adder_flush: those whose keys arrive in random order (an
 * email, a phone, a profile URL: nearly each its own). The others lead
 * with a value many people share (a tag, an organization, a birthday, a
 * name's word) or one that grows (a person's id), so a new row goes next to
 * the last one with the same value, among pages already in memory: the
 * writer thread keeps them up at little cost, and building them at the
 * end, with nothing else running, would cost more. Constraint
 * indexes (UNIQUE, PRIMARY KEY) cannot be dropped and have no SQL of their
 * own in sqlite_master.
 */
static const char defer_sql[] =
	"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND name IN"
	" ('person_email_key', 'person_phone_key', 'person_link_url') ORDER BY name";

enum kith_rc kith_person_adder_defer(struct kith_person_adder *a)
{
	struct kith *k = a->k;
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;
	int r;

	if (a->deferring)
		return KITH_OK;
	if (sqlite3_get_autocommit(k->db))
		return kith_fail(k, KITH_ERR, "indexes are set aside only inside a transaction");
	if (!(st = kith_prepare(k, defer_sql)))
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		kith_strlist_push(&a->index_names, (const char *)sqlite3_column_text(st, 0));
		kith_strlist_push(&a->index_sql, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read the indexes");
	for (size_t i = 0; i < a->index_names.n && rc == KITH_OK; i++) {
		struct strbuf sql = STRBUF_INIT;
		strbuf_addf(&sql, "DROP INDEX \"%s\"", a->index_names.v[i]);
		if (kith_exec(k, sql.buf) < 0)
			rc = KITH_ERR;
		strbuf_release(&sql);
	}
	/* marked even on failure: the flush makes what was dropped again */
	a->deferring = 1;
	if (rc == KITH_OK)
		writer_start(a);
	return rc;
}

enum kith_rc kith_person_adder_flush(struct kith_person_adder *a)
{
	struct kith *k = a->k;
	enum kith_rc rc = KITH_OK;
	size_t i;

	if (!a->deferring)
		return KITH_OK;
	/* the writer's sets, then what waits here */
	rc = writer_stop(a);
	if (rc == KITH_OK)
		rc = kith_person_adder_settle(a);
	a->deferring = 0;

	/* each index built from one sort of its rows */
	for (i = 0; i < a->index_sql.n && rc == KITH_OK; i++) {
		/* a failed defer may have dropped only some */
		int there = 0;
		sqlite3_stmt *q = kith_prepare(k, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1");
		if (!q) {
			rc = KITH_ERR;
			break;
		}
		sqlite3_bind_text(q, 1, a->index_names.v[i], -1, SQLITE_STATIC);
		there = sqlite3_step(q) == SQLITE_ROW;
		sqlite3_finalize(q);
		if (!there && kith_exec(k, a->index_sql.v[i]) < 0)
			rc = KITH_ERR;
	}
	kith_strlist_release(&a->index_names);
	kith_strlist_release(&a->index_sql);
	a->changes = sqlite3_total_changes64(k->db);
	return rc;
}

enum kith_rc kith_person_edit(struct kith *k, int64_t id, const struct kith_person_change *c)
{
	enum kith_rc rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = kith_person_exists(k, id);
	if (rc == KITH_OK)
		rc = unindex(k, id, "cannot index person");
	if (rc == KITH_OK)
		rc = apply_change(k, id, c);
	return kith_sp_end(k, rc);
}

/* The statements of kith_person_get, in the order it runs them. */
enum { G_PERSON, G_EMAIL, G_PHONE, G_LINK, G_TAG, G_GOAL, G_DATE, G_MAX };

static const char *const get_sql[G_MAX] = {
	"SELECT p.id, p.uid, p.name, p.org, p.title, p.location, p.met, p.notes,"
	" p.introduced_by, i.name, p.circle, p.every_days, p.every_max, p.birthday,"
	" p.created, p.snoozed_until, p.last_touch, p.last_kind, p.cadence_days, p.cadence_max,"
	" p.due_on, p.overdue_on,"
	" (SELECT count(*) FROM interaction_person ip WHERE ip.person_id = p.id), p.role"
	" FROM person p LEFT JOIN person i ON i.id = p.introduced_by WHERE p.id = ?1",
	"SELECT email FROM person_email WHERE person_id = ?1 ORDER BY email_key",
	"SELECT phone FROM person_phone WHERE person_id = ?1",
	"SELECT url FROM person_link WHERE person_id = ?1",
	"SELECT tag FROM person_tag WHERE person_id = ?1 ORDER BY tag",
	"SELECT goal FROM person_goal WHERE person_id = ?1 ORDER BY goal",
	"SELECT label, date FROM person_date WHERE person_id = ?1 ORDER BY md, label",
};

struct kith_person_reader {
	struct kith *k;
	sqlite3_stmt *st[G_MAX];
};

static void load_list(sqlite3_stmt *st, struct kith_strlist *l, int64_t id)
{
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		kith_strlist_push(l, (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
}

/* kith_person_get with statements st (prepared by the caller, NULL where preparing failed). */
static enum kith_rc person_read(struct kith *k, sqlite3_stmt *const *stv, int64_t id, struct kith_person *p)
{
	sqlite3_stmt *st = stv[G_PERSON];
	enum kith_rc rc = KITH_OK;
	int r;

	memset(p, 0, sizeof(*p));
	if (!st)
		return KITH_ERR;
	sqlite3_bind_int64(st, 1, id);
	r = sqlite3_step(st);
	if (r != SQLITE_ROW) {
		rc = r == SQLITE_DONE ? kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)id)
				      : kith_fail_db(k, "cannot read person");
		sqlite3_reset(st);
		return rc;
	}
	p->id = sqlite3_column_int64(st, 0);
	p->uid = kith_column_strdup(st, 1);
	p->name = kith_column_strdup(st, 2);
	p->org = kith_column_strdup(st, 3);
	p->title = kith_column_strdup(st, 4);
	p->location = kith_column_strdup(st, 5);
	p->met = kith_column_strdup(st, 6);
	p->notes = kith_column_strdup(st, 7);
	p->introduced_by = sqlite3_column_int64(st, 8);
	p->introduced_by_name = kith_column_strdup(st, 9);
	p->circle = sqlite3_column_int(st, 10);
	if (sqlite3_column_type(st, 11) == SQLITE_NULL) {
		p->own.ideal = -1;
		p->own.max = -1;
	} else {
		p->own.ideal = sqlite3_column_int(st, 11);
		p->own.max = sqlite3_column_int(st, 12);
	}
	p->birthday = kith_column_strdup(st, 13);
	p->created = kith_column_day(st, 14);
	p->snoozed_until = kith_column_day(st, 15);
	p->last_touch = kith_column_day(st, 16);
	p->last_kind = kith_column_strdup(st, 17);
	p->cadence.ideal = sqlite3_column_int(st, 18);
	p->cadence.max = sqlite3_column_int(st, 19);
	p->due_on = kith_column_day(st, 20);
	p->overdue_on = kith_column_day(st, 21);
	p->n_interactions = sqlite3_column_int64(st, 22);
	p->role = kith_column_strdup(st, 23);
	sqlite3_reset(st);

	load_list(stv[G_EMAIL], &p->emails, id);
	load_list(stv[G_PHONE], &p->phones, id);
	load_list(stv[G_LINK], &p->links, id);
	load_list(stv[G_TAG], &p->tags, id);
	load_list(stv[G_GOAL], &p->goals, id);
	st = stv[G_DATE];
	if (st) {
		size_t alloc = 0;
		sqlite3_bind_int64(st, 1, id);
		while (sqlite3_step(st) == SQLITE_ROW) {
			if (p->n_dates == alloc) {
				alloc = alloc ? alloc * 2 : 4;
				p->dates = xrealloc(p->dates, alloc * sizeof(*p->dates));
			}
			p->dates[p->n_dates].label = kith_column_strdup(st, 0);
			p->dates[p->n_dates].date = kith_column_strdup(st, 1);
			p->n_dates++;
		}
		sqlite3_reset(st);
	}
	return KITH_OK;
}

enum kith_rc kith_person_get(struct kith *k, int64_t id, struct kith_person *p)
{
	sqlite3_stmt *st[G_MAX];
	enum kith_rc rc;

	memset(p, 0, sizeof(*p));
	for (int i = 0; i < G_MAX; i++) {
		st[i] = kith_prepare(k, get_sql[i]);
		if (!st[i] && i == G_PERSON)
			return KITH_ERR;
	}
	rc = person_read(k, st, id, p);
	for (int i = 0; i < G_MAX; i++)
		sqlite3_finalize(st[i]);
	return rc;
}

struct kith_person_reader *kith_person_reader_new(struct kith *k)
{
	struct kith_person_reader *r = xcalloc(1, sizeof(*r));
	r->k = k;
	for (int i = 0; i < G_MAX; i++) {
		if (!(r->st[i] = kith_prepare(k, get_sql[i]))) {
			kith_person_reader_free(r);
			return NULL;
		}
	}
	return r;
}

enum kith_rc kith_person_reader_get(struct kith_person_reader *r, int64_t id, struct kith_person *p)
{
	return person_read(r->k, r->st, id, p);
}

void kith_person_reader_free(struct kith_person_reader *r)
{
	if (!r)
		return;
	for (int i = 0; i < G_MAX; i++)
		sqlite3_finalize(r->st[i]);
	free(r);
}

enum kith_rc kith_person_rm(struct kith *k, int64_t id, int64_t *n_interactions)
{
	enum kith_rc rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = kith_person_exists(k, id);
	if (rc != KITH_OK)
		goto done;
	/* interactions with nobody else in them go with the person */
	/* (an organization's event stays: it counts for the community's involvement) */
	rc = run3(k, "DELETE FROM interaction WHERE org_id IS NULL AND id IN (SELECT ip.interaction_id"
		     " FROM interaction_person ip"
		     " WHERE ip.person_id = ?1 AND NOT EXISTS (SELECT 1 FROM interaction_person o"
		     " WHERE o.interaction_id = ip.interaction_id AND o.person_id != ?1))",
		  id, NULL, NULL, "cannot remove interactions");
	if (rc != KITH_OK)
		goto done;
	if (n_interactions)
		*n_interactions = sqlite3_changes(k->db);
	rc = unindex(k, id, "cannot remove person");
	if (rc == KITH_OK)
		rc = run3(k, "DELETE FROM person WHERE id = ?1", id, NULL, NULL, "cannot remove person");
done:
	return kith_sp_end(k, rc);
}

enum kith_rc kith_person_merge(struct kith *k, int64_t from, int64_t into, int64_t *moved)
{
	static const char *const moves[] = {
		"INSERT OR IGNORE INTO person_email(person_id, email, email_key, label)"
		" SELECT ?1, email, email_key, label FROM person_email WHERE person_id = ?2",
		"INSERT OR IGNORE INTO person_phone(person_id, phone, phone_key, label)"
		" SELECT ?1, phone, phone_key, label FROM person_phone WHERE person_id = ?2",
		"INSERT OR IGNORE INTO person_link(person_id, url, label)"
		" SELECT ?1, url, label FROM person_link WHERE person_id = ?2",
		"INSERT OR IGNORE INTO person_tag(person_id, tag) SELECT ?1, tag FROM person_tag WHERE person_id = ?2",
		"INSERT OR IGNORE INTO person_goal(person_id, goal) SELECT ?1, goal FROM person_goal WHERE person_id = ?2",
		"INSERT OR IGNORE INTO person_date(person_id, label, date, md)"
		" SELECT ?1, label, date, md FROM person_date WHERE person_id = ?2",
		"UPDATE person SET introduced_by = ?1 WHERE introduced_by = ?2 AND id != ?1",
		"INSERT OR IGNORE INTO share(resource_id, person_id, date, interaction_id)"
		" SELECT resource_id, ?1, date, interaction_id FROM share WHERE person_id = ?2",
		"UPDATE milestone SET person_id = ?1 WHERE person_id = ?2",
		"UPDATE agenda SET person_id = ?1 WHERE person_id = ?2",
		"INSERT OR IGNORE INTO org_member(org_id, person_id, since)"
		" SELECT org_id, ?1, since FROM org_member WHERE person_id = ?2",
		"INSERT OR IGNORE INTO goal_target(goal_id, person_id, state, updated)"
		" SELECT goal_id, ?1, state, updated FROM goal_target WHERE person_id = ?2",
		/* knows: re-pair with the kept record, never with itself */
		"INSERT OR IGNORE INTO knows(a, b, source, since)"
		" SELECT min(?1, b), max(?1, b), source, since FROM knows WHERE a = ?2 AND b != ?1"
		" UNION ALL SELECT min(?1, a), max(?1, a), source, since FROM knows WHERE b = ?2 AND a != ?1",
		"UPDATE intro SET a = ?1 WHERE a = ?2 AND b != ?1",
		"UPDATE intro SET b = ?1 WHERE b = ?2 AND a != ?1",
		"UPDATE person SET"
		" org = coalesce(org, (SELECT org FROM person WHERE id = ?2)),"
		" title = coalesce(title, (SELECT title FROM person WHERE id = ?2)),"
		" location = coalesce(location, (SELECT location FROM person WHERE id = ?2)),"
		" met = coalesce(met, (SELECT met FROM person WHERE id = ?2)),"
		" introduced_by = coalesce(introduced_by, (SELECT nullif(introduced_by, ?1) FROM person WHERE id = ?2)),"
		" birthday = coalesce(birthday, (SELECT birthday FROM person WHERE id = ?2)),"
		" bday_md = coalesce(bday_md, (SELECT bday_md FROM person WHERE id = ?2)),"
		" every_days = coalesce(every_days, (SELECT every_days FROM person WHERE id = ?2)),"
		" every_max = coalesce(every_max, (SELECT every_max FROM person WHERE id = ?2)),"
		" circle = min(circle, (SELECT circle FROM person WHERE id = ?2)),"
		" role = coalesce(role, (SELECT role FROM person WHERE id = ?2)),"
		" created = min(created, (SELECT created FROM person WHERE id = ?2)),"
		" notes = CASE WHEN (SELECT notes FROM person WHERE id = ?2) IS NULL THEN notes"
		"   WHEN notes IS NULL THEN (SELECT notes FROM person WHERE id = ?2)"
		"   ELSE notes || char(10) || (SELECT notes FROM person WHERE id = ?2) END"
		" WHERE id = ?1",
	};
	sqlite3_stmt *st = NULL;
	enum kith_rc rc;

	if (from == into)
		return kith_fail(k, KITH_EINPUT, "cannot merge a person into themselves");
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	if ((rc = kith_person_exists(k, from)) != KITH_OK || (rc = kith_person_exists(k, into)) != KITH_OK)
		goto done;
	if ((rc = unindex(k, from, "cannot merge")) != KITH_OK || (rc = unindex(k, into, "cannot merge")) != KITH_OK)
		goto done;

	st = kith_prepare(k, "INSERT OR IGNORE INTO interaction_person(person_id, date, interaction_id)"
			     " SELECT ?1, date, interaction_id FROM interaction_person WHERE person_id = ?2");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, into);
	sqlite3_bind_int64(st, 2, from);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot move interactions");
		goto done;
	}
	if (moved)
		*moved = sqlite3_changes(k->db);
	sqlite3_finalize(st);
	st = NULL;

	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		st = kith_prepare(k, moves[i]);
		if (!st) {
			rc = KITH_ERR;
			goto done;
		}
		sqlite3_bind_int64(st, 1, into);
		sqlite3_bind_int64(st, 2, from);
		if (sqlite3_step(st) != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot merge");
			goto done;
		}
		sqlite3_finalize(st);
		st = NULL;
	}
	rc = run3(k, "DELETE FROM person WHERE id = ?1", from, NULL, NULL, "cannot merge");
	if (rc == KITH_OK)
		rc = kith_person_refresh(k, into);
	if (rc == KITH_OK)
		rc = index_row(k, into);
done:
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_person_snooze(struct kith *k, int64_t id, kith_day until)
{
	sqlite3_stmt *st;
	enum kith_rc rc = kith_sp_begin(k);

	if (rc != KITH_OK)
		return rc;
	rc = kith_person_exists(k, id);
	if (rc != KITH_OK)
		goto done;
	st = kith_prepare(k, "UPDATE person SET snoozed_until = ?2 WHERE id = ?1");
	if (!st) {
		rc = KITH_ERR;
		goto done;
	}
	sqlite3_bind_int64(st, 1, id);
	kith_bind_day(st, 2, until);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot snooze");
	sqlite3_finalize(st);
	if (rc == KITH_OK)
		rc = kith_person_refresh(k, id);
done:
	return kith_sp_end(k, rc);
}

char *kith_person_name(struct kith *k, int64_t id, char *buf, size_t len)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT name FROM person WHERE id = ?1");
	snprintf(buf, len, "#%lld", (long long)id);
	if (!st)
		return buf;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return buf;
}
