#ifndef KITH_DATE_H
#define KITH_DATE_H

/*
 * Calendar dates and durations.
 *
 * A date is a plain day number: days since 1970-01-01 in the proleptic
 * Gregorian calendar (negative before it). There is no time of day and no
 * time zone: kith reasons about days, and "today" is the local calendar day
 * (or KITH_TODAY). Day numbers make date arithmetic plain integer arithmetic;
 * they are converted to "YYYY-MM-DD" text only at the edges (storage, output).
 *
 * Valid dates span years 1 to 9999. Parsers never read past the string they
 * are given, accept surrounding spaces, are case-insensitive, and on failure
 * write a one-line reason (lowercase, no trailing period) into `err` when
 * `err` is non-NULL (`errlen` bytes at most, always NUL-terminated).
 */

#include <stddef.h>

typedef long kith_day;

#define KITH_DAY_MIN (-719162L) /* 0001-01-01 */
#define KITH_DAY_MAX 2932896L   /* 9999-12-31 */

/* Day number of a civil date; month 1..12, day 1..31. No validation. */
kith_day kith_day_from_civil(int year, int month, int day);

/* Civil date of a day number. Any out-pointer may be NULL. */
void kith_day_to_civil(kith_day d, int *year, int *month, int *day);

/* 1 if year-month-day names a real date in years 1..9999, else 0. */
int kith_civil_valid(int year, int month, int day);

/* Days in a month of a year (28..31); 0 when month is out of 1..12. */
int kith_days_in_month(int year, int month);

/* Day of the week: 0 = Monday ... 6 = Sunday. */
int kith_day_weekday(kith_day d);

/*
 * Write d as "YYYY-MM-DD" into buf, which must hold at least
 * KITH_DATE_BUFSZ bytes. Returns buf. A d outside KITH_DAY_MIN..KITH_DAY_MAX
 * is written as "0000-00-00", which no parser accepts.
 */
#define KITH_DATE_BUFSZ 11
char *kith_day_format(kith_day d, char *buf);

/*
 * Parse exactly "YYYY-MM-DD" (the storage form): four-digit year, two-digit
 * month and day, no spaces. Returns 0 and sets *out, or -1 when the text
 * (or NULL) is not a valid ISO date.
 */
int kith_day_parse_iso(const char *s, kith_day *out);

/*
 * Parse a date as a user writes it, relative to `today`:
 *
 *   2026-11-25         an ISO date (zero-padded: 2026-1-5 is rejected)
 *   today, yesterday, tomorrow
 *   3 days ago, 3d ago, 2w ago, 2 weeks ago, 1 month ago, 1y ago
 *                      (d/day/days, w/week/weeks, m/month/months,
 *                       y/year/years; months and years move the
 *                       calendar, clamping the day: 31 March - 1m = 28/29 Feb)
 *   in 3 days, in 2w   the future, same units
 *   last monday        the most recent Monday strictly before today
 *                      (mon/monday ... sun/sunday)
 *   monday             same as "last monday" (past tense is the common case)
 *   next monday        the first Monday strictly after today
 *
 * A number may touch its unit ("3d ago"), words are separated by spaces.
 * Returns 0 and sets *out, or -1 with a reason in err such as
 * "invalid date 'foo' (try 2026-11-25, yesterday, '3 days ago' or 'last monday')"
 * or "date out of range '...'" when the result leaves years 1..9999 (the
 * relative forms also need `today` in that range).
 */
int kith_date_parse(const char *s, kith_day today, kith_day *out, char *err, size_t errlen);

/*
 * A duration as a user writes it: "10d", "2w", "3m", "1y", also
 * "10 days", "2 weeks", "1 month", "1 year" and plain "10" (days), and the
 * words kith_duration_words writes ("every 2 weeks", "every month").
 * Converted to days with 1w = 7, 1m = 30, 1y = 365 (cadences are
 * intervals, not calendar arithmetic). The number must be 1..36500 days
 * after conversion.
 *
 * Returns 0 and sets *days, or -1 with a reason in err such as
 * "invalid duration 'x' (try 10d, 2w, 3m or 1y)" or
 * "duration out of range '0d' (1 day to 100 years)".
 */
int kith_duration_parse(const char *s, int *days, char *err, size_t errlen);

/*
 * Write a cadence in the words a person uses: "every day", "every 2 weeks",
 * "every month", "every 3 months", "every year", else "every 45 days".
 * The unit is years when days % 365 == 0, else months when days % 30 == 0,
 * else weeks when days % 7 == 0 and days <= 84, else days (so 49 is
 * "every 7 weeks", 91 "every 91 days", 420 "every 14 months"); days < 1
 * are written in days. Short form for tables ("1d", "2w", "1m", "3m", "1y",
 * "45d") with kith_duration_short. For 1..36500 days both forms parse back
 * to the same days with kith_duration_parse. Both write at most len bytes, NUL-terminated
 * (nothing when len is 0), and return buf.
 */
char *kith_duration_words(int days, char *buf, size_t len);
char *kith_duration_short(int days, char *buf, size_t len);

/*
 * Today's day number: KITH_TODAY (YYYY-MM-DD, strict as in
 * kith_day_parse_iso) when set and non-empty, else the local calendar date.
 * Returns 0, or -1 when KITH_TODAY is set but invalid (with a reason in err
 * such as "invalid KITH_TODAY 'xyz' (expected YYYY-MM-DD)").
 */
int kith_today(kith_day *out, char *err, size_t errlen);

#endif
