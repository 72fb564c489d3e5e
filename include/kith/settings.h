#ifndef KITH_SETTINGS_H
#define KITH_SETTINGS_H

/*
 * Settings: a small key-value table in the database, so they travel with
 * the data. Known keys (kith config lists them with their defaults):
 *
 *   plan.size            actions in the daily plan (default 5)
 *   plan.thank-days      how many days after a call, coffee or meeting a
 *                        thank-you is suggested (default 3)
 *   plan.celebrate-days  how far ahead birthdays and dates show (default 7)
 *   brand.every          how often you aim to publish (2w; or none)
 *   default.circle       the circle of people added without --circle (wide)
 *   cadence.inner ... cadence.wide   circle cadences ("2w..3w")
 */

#include "kith/kith.h"

struct kith_setting_info {
	const char *key;
	const char *def;
	const char *help;
};

/* The known settings, terminated by an entry with a NULL key. */
extern const struct kith_setting_info kith_settings[];

/* The info of a known key, or NULL. */
const struct kith_setting_info *kith_setting_find(const char *key);

/*
 * The stored value of key: *out is a new string (free() it), or NULL when
 * the key is not set (callers use the default).
 */
enum kith_rc kith_setting_get(struct kith *k, const char *key, char **out);

/* The value of a known key, or its default when unset; new string. */
enum kith_rc kith_setting_value(struct kith *k, const char *key, char **out);

/* An integer setting, checked to lie in lo..hi; the default otherwise. */
int kith_setting_int(struct kith *k, const char *key, int def, int lo, int hi);

/*
 * Store a value after checking it (unknown key, or a value of the wrong
 * shape, is KITH_EINPUT). value NULL removes the key (back to default).
 * Changing cadence.* or default.circle refreshes whom it affects.
 */
enum kith_rc kith_setting_set(struct kith *k, const char *key, const char *value);

#endif
