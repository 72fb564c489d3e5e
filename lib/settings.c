#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/cadence.h"
#include "kith/settings.h"
#include "util/xalloc.h"
#include "banned.h"

const struct kith_setting_info kith_settings[] = {
	{ "brand.every", "2w", "how often you aim to publish something (a duration, or none)" },
	{ "cadence.active", "3m..4m", "cadence of the active circle (~50 people)" },
	{ "cadence.close", "1m..6w", "cadence of the close circle (~15 people)" },
	{ "cadence.inner", "2w..3w", "cadence of the inner circle (~5 people)" },
	{ "cadence.wide", "6m..9m", "cadence of the wide circle (~150 people)" },
	{ "default.circle", "wide", "circle of people added without --circle" },
	{ "plan.celebrate-days", "7", "days ahead that birthdays and dates show in the plan" },
	{ "plan.size", "5", "number of actions in the daily plan" },
	{ "plan.thank-days", "3", "days after a call, coffee or meeting that a thank-you is suggested" },
	{ NULL, NULL, NULL },
};

const struct kith_setting_info *kith_setting_find(const char *key)
{
	for (const struct kith_setting_info *s = kith_settings; s->key; s++)
		if (!strcmp(s->key, key))
			return s;
	return NULL;
}

enum kith_rc kith_setting_get(struct kith *k, const char *key, char **out)
{
	sqlite3_stmt *st = kith_prepare(k, "SELECT value FROM setting WHERE key = ?1");
	enum kith_rc rc = KITH_OK;
	int r;

	*out = NULL;
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		*out = kith_column_strdup(st, 0);
	else if (r != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot read settings");
	sqlite3_finalize(st);
	return rc;
}

enum kith_rc kith_setting_value(struct kith *k, const char *key, char **out)
{
	const struct kith_setting_info *info = kith_setting_find(key);
	enum kith_rc rc = kith_setting_get(k, key, out);
	if (rc == KITH_OK && !*out && info)
		*out = xstrdup(info->def);
	return rc;
}

int kith_setting_int(struct kith *k, const char *key, int def, int lo, int hi)
{
	char *v = NULL, *end;
	long n;
	if (kith_setting_get(k, key, &v) != KITH_OK || !v) {
		free(v);
		return def;
	}
	n = strtol(v, &end, 10);
	if (*end || end == v || n < lo || n > hi)
		n = def;
	free(v);
	return (int)n;
}

enum kith_rc kith_setting_store(struct kith *k, const char *key, const char *value)
{
	sqlite3_stmt *st;
	enum kith_rc rc = KITH_OK;

	if (value)
		st = kith_prepare(k, "INSERT INTO setting(key, value) VALUES (?1, ?2)"
				     " ON CONFLICT(key) DO UPDATE SET value = ?2");
	else
		st = kith_prepare(k, "DELETE FROM setting WHERE key = ?1");
	if (!st)
		return KITH_ERR;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (value)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_DONE)
		rc = kith_fail_db(k, "cannot save the setting");
	sqlite3_finalize(st);
	return rc;
}

static int int_in(const char *v, long lo, long hi)
{
	char *end;
	long n = strtol(v, &end, 10);
	return end != v && !*end && n >= lo && n <= hi;
}

enum kith_rc kith_setting_set(struct kith *k, const char *key, const char *value)
{
	const struct kith_setting_info *info = kith_setting_find(key);
	char err[200];

	if (!info)
		return kith_fail(k, KITH_EINPUT, "unknown setting '%s' (see 'kith config')", key);
	if (!strncmp(key, "cadence.", 8)) {
		struct kith_cadence c;
		int circle = kith_circle_parse(key + 8);
		if (kith_cadence_parse(value ? value : info->def, &c, err, sizeof(err)) < 0)
			return kith_fail(k, KITH_EINPUT, "%s", err);
		return kith_circle_cadence_set(k, circle, &c);
	}
	if (value && !strcmp(key, "default.circle")) {
		int c = kith_circle_parse(value);
		if (c < 0)
			return kith_fail(k, KITH_EINPUT,
					 "unknown circle '%s' (inner, close, active, wide or none)", value);
		return kith_setting_store(k, key, kith_circle_name(c));
	}
	if (value && !strcmp(key, "brand.every") && strcmp(value, "none")) {
		int days;
		if (kith_duration_parse(value, &days, err, sizeof(err)) < 0)
			return kith_fail(k, KITH_EINPUT, "%s", err);
	}
	if (value && !strcmp(key, "plan.size") && !int_in(value, 1, 100))
		return kith_fail(k, KITH_EINPUT, "plan.size must be a number from 1 to 100, not '%s'", value);
	if (value && !strcmp(key, "plan.thank-days") && !int_in(value, 0, 30))
		return kith_fail(k, KITH_EINPUT, "plan.thank-days must be a number from 0 to 30, not '%s'", value);
	if (value && !strcmp(key, "plan.celebrate-days") && !int_in(value, 0, 60))
		return kith_fail(k, KITH_EINPUT, "plan.celebrate-days must be a number from 0 to 60, not '%s'",
				 value);
	return kith_setting_store(k, key, value);
}
