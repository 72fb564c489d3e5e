#ifndef KITH_BALANCE_H
#define KITH_BALANCE_H

/*
 * Balance: how much of the user's networking is giving versus asking, soft
 * versus hard, and how consistent it is, over a period ending today.
 *
 * Every interaction is one touch, whatever the number of people in it, and
 * is a give, an ask or neutral by its kind (kith_kind_find in
 * kith/interaction.h). Hard networking is the asks (ask, referral); soft is
 * everything else.
 *
 * Computed from one pass over the period's interactions in date order (the
 * interaction_date index), so a year of a million-interaction network takes
 * tens of milliseconds.
 */

#include <stddef.h>
#include <stdint.h>

#include "kith/kith.h"

#define KITH_BALANCE_TOP 5

struct kith_balance_month {
	int year, month;
	int64_t gives, asks, neutral;
};

struct kith_balance_person {
	int64_t id;
	char *name;
	int64_t count;           /* gives to them, or asks of them, in the period */
};

struct kith_balance {
	kith_day since, until;   /* the period, both included; until is today */
	int64_t gives, asks, neutral;
	int64_t soft, hard;      /* soft = gives + neutral, hard = asks */
	double touches_per_week; /* (gives + asks + neutral) / the period's length in weeks */
	/*
	 * Weeks (Monday to Sunday) in a row with at least one give, ending this
	 * week, or last week when this one has none yet (so the streak is not
	 * lost on a Monday morning). Not limited to the period.
	 */
	int streak_weeks;
	size_t n_top_given, n_top_asked;
	struct kith_balance_person top_given[KITH_BALANCE_TOP]; /* most first, then by id */
	struct kith_balance_person top_asked[KITH_BALANCE_TOP];
	size_t n_months;
	struct kith_balance_month *months; /* each calendar month of the period, oldest first */
};

/*
 * The balance from `since` to today (both included). since == KITH_NO_DAY
 * means the last 12 months: from the first day of the month 11 months
 * before this one. since after today, or more than 100 years back, is
 * KITH_EINPUT. Release *out with kith_balance_release.
 */
enum kith_rc kith_balance(struct kith *k, kith_day since, struct kith_balance *out);

/* Free the contents and zero the struct. NULL is accepted. */
void kith_balance_release(struct kith_balance *b);

#endif
