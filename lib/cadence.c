/*
 * Circles, cadences and the derived columns of a person (last touch, due
 * and overdue days), which are kept up to date on every write so that the
 * plan never has to look at interactions.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "kith/cadence.h"
#include "kith/person.h"
#include "kith/settings.h"
#include "banned.h"

static const char *const circle_names[KITH_N_CIRCLES] = {
	"inner", "close", "active", "wide", "none",
};

/* Defaults: 2w..3w, 1m..6w, 3m..4m, 6m..9m, none. */
static const struct kith_cadence circle_default[KITH_N_CIRCLES] = {
	{ 14, 21 }, { 30, 42 }, { 90, 120 }, { 180, 270 }, { 0, 0 },
};

const char *kith_circle_name(int circle)
{
	if (circle < 0 || circle >= KITH_N_CIRCLES)
		return "?";
	return circle_names[circle];
}

int kith_circle_parse(const char *s)
{
	for (int i = 0; i < KITH_N_CIRCLES; i++)
		if (!strcasecmp(s, circle_names[i]))
			return i;
	return -1;
}

const char *kith_status_name(enum kith_status s)
{
	switch (s) {
	case KITH_STATUS_OK:
		return "ok";
	case KITH_STATUS_DUE:
		return "due";
	case KITH_STATUS_OVERDUE:
		return "overdue";
	case KITH_STATUS_NONE:
	default:
		return "none";
	}
}

enum kith_status kith_status_of(kith_day today, kith_day due_on, kith_day overdue_on)
{
	if (due_on == KITH_NO_DAY)
		return KITH_STATUS_NONE;
	if (overdue_on != KITH_NO_DAY && today >= overdue_on)
		return KITH_STATUS_OVERDUE;
	if (today >= due_on)
		return KITH_STATUS_DUE;
	return KITH_STATUS_OK;
}

int kith_cadence_parse(const char *s, struct kith_cadence *out, char *err, size_t errlen)
{
	const char *dots;
	char ideal[64];
	int a, b;

	while (*s == ' ')
		s++;
	if (!strcasecmp(s, "none") || !strcasecmp(s, "never") || !strcmp(s, "0")) {
		out->ideal = out->max = 0;
		return 0;
	}
	dots = strstr(s, "..");
	if (!dots) {
		if (kith_duration_parse(s, &a, err, errlen) < 0)
			return -1;
		out->ideal = a;
		out->max = a + a / 2 > 36500 ? 36500 : a + a / 2;
		return 0;
	}
	if ((size_t)(dots - s) >= sizeof(ideal)) {
		snprintf(err, errlen, "invalid cadence '%.40s' (try 2w, 2w..3w or none)", s);
		return -1;
	}
	memcpy(ideal, s, (size_t)(dots - s));
	ideal[dots - s] = '\0';
	if (kith_duration_parse(ideal, &a, err, errlen) < 0 ||
	    kith_duration_parse(dots + 2, &b, err, errlen) < 0)
		return -1;
	if (b < a) {
		snprintf(err, errlen, "invalid cadence '%.40s': the maximum is shorter than the ideal", s);
		return -1;
	}
	out->ideal = a;
	out->max = b;
	return 0;
}

char *kith_cadence_format(const struct kith_cadence *c, char *buf, size_t len)
{
	char a[32], b[32];
	if (c->ideal <= 0) {
		snprintf(buf, len, "none");
		return buf;
	}
	kith_duration_short(c->ideal, a, sizeof(a));
	kith_duration_short(c->max, b, sizeof(b));
	snprintf(buf, len, "%s..%s", a, b);
	return buf;
}

enum kith_rc kith_circle_cadence(struct kith *k, int circle, struct kith_cadence *out)
{
	char key[32], *val = NULL;
	char err[128];
	enum kith_rc rc;

	if (circle < 0 || circle >= KITH_N_CIRCLES)
		return kith_fail(k, KITH_EINPUT, "unknown circle %d", circle);
	*out = circle_default[circle];
	snprintf(key, sizeof(key), "cadence.%s", circle_names[circle]);
	rc = kith_setting_get(k, key, &val);
	if (rc != KITH_OK)
		return rc;
	if (val && kith_cadence_parse(val, out, err, sizeof(err)) < 0)
		*out = circle_default[circle]; /* a bad stored value falls back */
	free(val);
	return KITH_OK;
}

/*
 * Deterministic spread for someone never in touch: 1..ideal days after
 * being added, from a hash of the id (splitmix64's finalizer).
 */
static int spread(int64_t id, int ideal)
{
	uint64_t z = (uint64_t)id + 0x9E3779B97F4A7C15ULL;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	z ^= z >> 31;
	return 1 + (int)(z % (uint64_t)ideal);
}

int64_t kith_cadence_spread(int64_t id, int ideal)
{
	return ideal > 0 ? spread(id, ideal) : 0;
}

/* The circles' cadences: defaults, then the settings, in one query. */
enum kith_rc kith_circle_cadences(struct kith *k, struct kith_cadence out[KITH_N_CIRCLES])
{
	sqlite3_stmt *st;
	char err[128];

	for (int i = 0; i < KITH_N_CIRCLES; i++)
		out[i] = circle_default[i];
	st = kith_prepare(k, "SELECT key, value FROM setting WHERE key >= 'cadence.' AND key < 'cadence/'");
	if (!st)
		return KITH_ERR;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int circle = kith_circle_parse((const char *)sqlite3_column_text(st, 0) + 8);
		struct kith_cadence cad;
		const char *v = (const char *)sqlite3_column_text(st, 1);
		if (circle >= 0 && v && kith_cadence_parse(v, &cad, err, sizeof(err)) == 0)
			out[circle] = cad;
	}
	sqlite3_finalize(st);
	return KITH_OK;
}

struct refresh_ctx {
	struct kith *k;
	struct kith_cadence circles[KITH_N_CIRCLES];
	sqlite3_stmt *get, *touch, *tagc, *put;
};

static void refresh_release(struct refresh_ctx *c)
{
	sqlite3_finalize(c->get);
	sqlite3_finalize(c->touch);
	sqlite3_finalize(c->tagc);
	sqlite3_finalize(c->put);
}

static enum kith_rc refresh_init(struct kith *k, struct refresh_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->k = k;
	if (kith_circle_cadences(k, c->circles) != KITH_OK)
		return KITH_ERR;
	c->get = kith_prepare(k,
		"SELECT circle, every_days, every_max, created, snoozed_until, last_touch, last_kind"
		" FROM person WHERE id = ?");
	c->touch = kith_prepare(k,
		"SELECT ip.date, i.kind FROM interaction_person ip"
		" JOIN interaction i ON i.id = ip.interaction_id"
		" WHERE ip.person_id = ? ORDER BY ip.date DESC, ip.interaction_id DESC LIMIT 1");
	c->tagc = kith_prepare(k,
		"SELECT tc.every_days, tc.every_max FROM person_tag pt"
		" JOIN tag_cadence tc ON tc.tag = pt.tag"
		" WHERE pt.person_id = ? ORDER BY tc.every_days, tc.every_max LIMIT 1");
	c->put = kith_prepare(k,
		"UPDATE person SET last_touch = ?2, last_kind = ?3, cadence_days = ?4,"
		" cadence_max = ?5, due_on = ?6, overdue_on = ?7 WHERE id = ?1");
	if (!c->get || !c->touch || !c->tagc || !c->put)
		return KITH_ERR;
	return KITH_OK;
}

static enum kith_rc refresh_one(struct refresh_ctx *c, int64_t id, int touches)
{
	struct kith *k = c->k;
	struct kith_cadence cad = { 0, 0 };
	kith_day created, snoozed, last = KITH_NO_DAY, due = KITH_NO_DAY, over = KITH_NO_DAY;
	char *last_kind = NULL;
	enum kith_rc rc = KITH_OK;
	int circle, r;

	sqlite3_reset(c->get);
	sqlite3_bind_int64(c->get, 1, id);
	r = sqlite3_step(c->get);
	if (r != SQLITE_ROW) {
		rc = r == SQLITE_DONE ? kith_fail(k, KITH_ENOTFOUND, "no person #%lld", (long long)id)
				      : kith_fail_db(k, "cannot read person");
		goto cleanup;
	}
	circle = sqlite3_column_int(c->get, 0);
	created = kith_column_day(c->get, 3);
	snoozed = kith_column_day(c->get, 4);
	if (!touches) {
		last = kith_column_day(c->get, 5);
		last_kind = kith_column_strdup(c->get, 6);
	}

	if (sqlite3_column_type(c->get, 1) != SQLITE_NULL) {
		cad.ideal = sqlite3_column_int(c->get, 1);
		cad.max = sqlite3_column_type(c->get, 2) != SQLITE_NULL
			? sqlite3_column_int(c->get, 2) : cad.ideal + cad.ideal / 2;
	} else {
		sqlite3_reset(c->tagc);
		sqlite3_bind_int64(c->tagc, 1, id);
		r = sqlite3_step(c->tagc);
		if (r == SQLITE_ROW) {
			cad.ideal = sqlite3_column_int(c->tagc, 0);
			cad.max = sqlite3_column_type(c->tagc, 1) != SQLITE_NULL
				? sqlite3_column_int(c->tagc, 1) : cad.ideal + cad.ideal / 2;
		} else if (r == SQLITE_DONE) {
			if (circle >= 0 && circle < KITH_N_CIRCLES)
				cad = c->circles[circle];
		} else {
			rc = kith_fail_db(k, "cannot read tag cadences");
			goto cleanup;
		}
	}
	if (cad.max < cad.ideal)
		cad.max = cad.ideal;

	if (touches) {
		sqlite3_reset(c->touch);
		sqlite3_bind_int64(c->touch, 1, id);
		r = sqlite3_step(c->touch);
		if (r == SQLITE_ROW) {
			last = kith_column_day(c->touch, 0);
			last_kind = kith_column_strdup(c->touch, 1);
		} else if (r != SQLITE_DONE) {
			rc = kith_fail_db(k, "cannot read interactions");
			goto cleanup;
		}
	}

	if (cad.ideal > 0) {
		kith_day base_due, base_over;
		if (last != KITH_NO_DAY) {
			base_due = last + cad.ideal;
			base_over = last + cad.max;
		} else {
			if (created == KITH_NO_DAY)
				created = k->today;
			base_due = created + spread(id, cad.ideal);
			base_over = base_due + (cad.max - cad.ideal);
		}
		due = base_due;
		over = base_over;
		if (snoozed != KITH_NO_DAY && snoozed > due)
			due = snoozed;
		if (snoozed != KITH_NO_DAY && snoozed + (cad.max - cad.ideal) > over)
			over = snoozed + (cad.max - cad.ideal);
	}

	sqlite3_reset(c->put);
	sqlite3_bind_int64(c->put, 1, id);
	kith_bind_day(c->put, 2, last);
	kith_bind_text(c->put, 3, last_kind, 1);
	if (cad.ideal > 0) {
		sqlite3_bind_int(c->put, 4, cad.ideal);
		sqlite3_bind_int(c->put, 5, cad.max);
	} else {
		sqlite3_bind_null(c->put, 4);
		sqlite3_bind_null(c->put, 5);
	}
	kith_bind_day(c->put, 6, due);
	kith_bind_day(c->put, 7, over);
	if (sqlite3_step(c->put) != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot update person");
cleanup:
	sqlite3_reset(c->get);
	sqlite3_reset(c->touch);
	sqlite3_reset(c->tagc);
	sqlite3_reset(c->put);
	free(last_kind);
	return rc;
}

enum kith_rc kith_person_refresh(struct kith *k, int64_t id)
{
	struct refresh_ctx c;
	enum kith_rc rc = refresh_init(k, &c);
	if (rc == KITH_OK)
		rc = refresh_one(&c, id, 1);
	refresh_release(&c);
	return rc;
}

/* Refresh everyone returned by `sql` (one id column, optional ?1 text). */
static enum kith_rc refresh_where(struct kith *k, const char *sql, const char *arg, int touches)
{
	struct refresh_ctx c;
	sqlite3_stmt *ids = NULL;
	enum kith_rc rc = refresh_init(k, &c);
	int r;

	if (rc != KITH_OK)
		goto cleanup;
	ids = kith_prepare(k, sql);
	if (!ids) {
		rc = KITH_ERR;
		goto cleanup;
	}
	if (arg)
		sqlite3_bind_text(ids, 1, arg, -1, SQLITE_TRANSIENT);
	while ((r = sqlite3_step(ids)) == SQLITE_ROW) {
		rc = refresh_one(&c, sqlite3_column_int64(ids, 0), touches);
		if (rc != KITH_OK)
			goto cleanup;
	}
	if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot list people");
cleanup:
	sqlite3_finalize(ids);
	refresh_release(&c);
	return rc;
}

enum kith_rc kith_refresh_all(struct kith *k, int touches)
{
	enum kith_rc rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	rc = refresh_where(k, "SELECT id FROM person", NULL, touches);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_circle_cadence_set(struct kith *k, int circle, const struct kith_cadence *c)
{
	char key[32], val[64];
	enum kith_rc rc;

	if (circle < 0 || circle >= KITH_N_CIRCLES)
		return kith_fail(k, KITH_EINPUT, "unknown circle %d", circle);
	if (circle == KITH_CIRCLE_NONE && c->ideal > 0)
		return kith_fail(k, KITH_EINPUT, "the circle 'none' has no cadence (set one on the person or a tag)");
	rc = kith_sp_begin(k);
	if (rc != KITH_OK)
		return rc;
	snprintf(key, sizeof(key), "cadence.%s", circle_names[circle]);
	kith_cadence_format(c, val, sizeof(val));
	rc = kith_setting_store(k, key, val);
	if (rc == KITH_OK) {
		char sql[128];
		snprintf(sql, sizeof(sql), "SELECT id FROM person WHERE circle = %d", circle);
		rc = refresh_where(k, sql, NULL, 0);
	}
	return kith_sp_end(k, rc);
}

enum kith_rc kith_tag_cadence_set(struct kith *k, const char *tag, const struct kith_cadence *c)
{
	sqlite3_stmt *st = NULL;
	enum kith_rc rc = kith_sp_begin(k);

	if (rc != KITH_OK)
		return rc;
	if (c) {
		st = kith_prepare(k, "INSERT INTO tag_cadence(tag, every_days, every_max) VALUES (?1, ?2, ?3)"
				     " ON CONFLICT(tag) DO UPDATE SET every_days = ?2, every_max = ?3");
		if (!st) {
			rc = KITH_ERR;
			goto cleanup;
		}
		sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, c->ideal);
		sqlite3_bind_int(st, 3, c->max);
	} else {
		st = kith_prepare(k, "DELETE FROM tag_cadence WHERE tag = ?1");
		if (!st) {
			rc = KITH_ERR;
			goto cleanup;
		}
		sqlite3_bind_text(st, 1, tag, -1, SQLITE_TRANSIENT);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = kith_fail_db(k, "cannot save the tag cadence");
		goto cleanup;
	}
	if (!c && sqlite3_changes(k->db) == 0) {
		rc = kith_fail(k, KITH_ENOTFOUND, "the tag '%s' has no cadence", tag);
		goto cleanup;
	}
	rc = refresh_where(k, "SELECT person_id FROM person_tag WHERE tag = ?1", tag, 0);
cleanup:
	sqlite3_finalize(st);
	return kith_sp_end(k, rc);
}

enum kith_rc kith_tag_cadence_each(struct kith *k,
				   int (*fn)(void *ctx, const char *tag, const struct kith_cadence *c),
				   void *ctx)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT tag, every_days, every_max FROM tag_cadence ORDER BY tag");
	enum kith_rc rc = KITH_OK;
	int r;

	if (!st)
		return KITH_ERR;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		struct kith_cadence c;
		c.ideal = sqlite3_column_int(st, 1);
		c.max = sqlite3_column_type(st, 2) == SQLITE_NULL ? c.ideal + c.ideal / 2
								   : sqlite3_column_int(st, 2);
		if (fn(ctx, (const char *)sqlite3_column_text(st, 0), &c))
			break;
	}
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read tag cadences");
	sqlite3_finalize(st);
	return rc;
}
