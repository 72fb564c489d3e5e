#include "kith/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static kith_day civil(int y, int m, int d)
{
	return kith_day_from_civil(y, m, d);
}

/* today = 2026-11-26, a Thursday */
static kith_day today;

static char errbuf[256];

/* The parsed date as ISO text, or "ERR: <message>". */
static const char *parse_at(const char *s, kith_day t)
{
	static char out[300];
	kith_day d = 12345;

	errbuf[0] = '\0';
	if (kith_date_parse(s, t, &d, errbuf, sizeof(errbuf))) {
		snprintf(out, sizeof(out), "ERR: %s", errbuf);
		return out;
	}
	return kith_day_format(d, out);
}

static const char *parse(const char *s)
{
	return parse_at(s, today);
}

static int rejects(const char *s)
{
	kith_day d = 777;
	errbuf[0] = '\0';
	return kith_date_parse(s, today, &d, errbuf, sizeof(errbuf)) == -1 &&
	       d == 777 && errbuf[0] != '\0';
}

/* Duration in days, or -1 on error (message in errbuf). */
static int dur(const char *s)
{
	int days = -5;
	errbuf[0] = '\0';
	if (kith_duration_parse(s, &days, errbuf, sizeof(errbuf)))
		return days == -5 ? -1 : -100;
	return days;
}

static const char *words(int days)
{
	static char buf[64];
	return kith_duration_words(days, buf, sizeof(buf));
}

static const char *shortf(int days)
{
	static char buf[32];
	return kith_duration_short(days, buf, sizeof(buf));
}

static void test_civil(void)
{
	int y, m, d, bad = 0, bad_weekday = 0, bad_iso = 0;
	kith_day k, prev;
	char buf[KITH_DATE_BUFSZ];

	CHECK_INT(civil(1970, 1, 1), 0);
	CHECK_INT(civil(1970, 1, 2), 1);
	CHECK_INT(civil(1969, 12, 31), -1);
	CHECK_INT(civil(2000, 3, 1), 11017);
	CHECK_INT(civil(2026, 11, 26), 20783);
	CHECK_INT(civil(1, 1, 1), KITH_DAY_MIN);
	CHECK_INT(civil(9999, 12, 31), KITH_DAY_MAX);

	kith_day_to_civil(KITH_DAY_MIN, &y, &m, &d);
	CHECK(y == 1 && m == 1 && d == 1);
	kith_day_to_civil(KITH_DAY_MAX, &y, &m, &d);
	CHECK(y == 9999 && m == 12 && d == 31);
	kith_day_to_civil(0, NULL, NULL, NULL); /* NULL out-pointers are fine */
	kith_day_to_civil(59, NULL, &m, NULL);
	CHECK_INT(m, 3);

	/* every day from 1900 to 2100 round-trips and follows the previous one */
	prev = civil(1899, 12, 31);
	for (y = 1900; y <= 2100; y++)
		for (m = 1; m <= 12; m++)
			for (d = 1; d <= kith_days_in_month(y, m); d++) {
				int y2, m2, d2;
				kith_day back;
				k = civil(y, m, d);
				kith_day_to_civil(k, &y2, &m2, &d2);
				if (k != prev + 1 || y2 != y || m2 != m || d2 != d)
					bad++;
				if (kith_day_weekday(k) != (kith_day_weekday(prev) + 1) % 7)
					bad_weekday++;
				kith_day_format(k, buf);
				if (kith_day_parse_iso(buf, &back) || back != k)
					bad_iso++;
				prev = k;
			}
	CHECK_MSG(bad == 0, "every day 1900..2100 round-trips through civil");
	CHECK_MSG(bad_weekday == 0, "weekdays advance by one every day 1900..2100");
	CHECK_MSG(bad_iso == 0, "every day 1900..2100 round-trips through ISO text");
	CHECK_INT(prev, civil(2101, 1, 1) - 1);

	/* and every day number in the whole range maps to a valid civil date */
	bad = 0;
	for (k = KITH_DAY_MIN; k <= KITH_DAY_MAX; k++) {
		kith_day_to_civil(k, &y, &m, &d);
		if (!kith_civil_valid(y, m, d) || civil(y, m, d) != k)
			bad++;
	}
	CHECK_MSG(bad == 0, "every day of years 1..9999 round-trips");
}

static void test_calendar(void)
{
	CHECK_INT(kith_days_in_month(1900, 2), 28);
	CHECK_INT(kith_days_in_month(2000, 2), 29);
	CHECK_INT(kith_days_in_month(2024, 2), 29);
	CHECK_INT(kith_days_in_month(2026, 2), 28);
	CHECK_INT(kith_days_in_month(2100, 2), 28);
	CHECK_INT(kith_days_in_month(2400, 2), 29);
	CHECK_INT(kith_days_in_month(2026, 1), 31);
	CHECK_INT(kith_days_in_month(2026, 4), 30);
	CHECK_INT(kith_days_in_month(2026, 12), 31);
	CHECK_INT(kith_days_in_month(2026, 0), 0);
	CHECK_INT(kith_days_in_month(2026, 13), 0);

	CHECK(kith_civil_valid(2024, 2, 29));
	CHECK(kith_civil_valid(2000, 2, 29));
	CHECK(!kith_civil_valid(1900, 2, 29));
	CHECK(!kith_civil_valid(2026, 2, 29));
	CHECK(!kith_civil_valid(2026, 2, 30));
	CHECK(!kith_civil_valid(2026, 4, 31));
	CHECK(!kith_civil_valid(2026, 13, 1));
	CHECK(!kith_civil_valid(2026, 0, 1));
	CHECK(!kith_civil_valid(2026, 1, 0));
	CHECK(!kith_civil_valid(0, 1, 1));
	CHECK(!kith_civil_valid(10000, 1, 1));
	CHECK(kith_civil_valid(1, 1, 1));
	CHECK(kith_civil_valid(9999, 12, 31));

	CHECK_INT(kith_day_weekday(today), 3); /* Thursday */
	CHECK_INT(kith_day_weekday(0), 3);     /* 1970-01-01, Thursday */
	CHECK_INT(kith_day_weekday(-1), 2);
	CHECK_INT(kith_day_weekday(civil(2000, 1, 1)), 5); /* Saturday */
	CHECK_INT(kith_day_weekday(civil(2024, 2, 29)), 3);
	CHECK_INT(kith_day_weekday(civil(1969, 7, 20)), 6); /* Sunday */
	CHECK_INT(kith_day_weekday(civil(1, 1, 1)), 0);     /* Monday */
	CHECK_INT(kith_day_weekday(civil(9999, 12, 31)), 4); /* Friday */
}

static void test_format_iso(void)
{
	char buf[KITH_DATE_BUFSZ];
	kith_day d = 42;

	CHECK_STR(kith_day_format(today, buf), "2026-11-26");
	CHECK_STR(kith_day_format(KITH_DAY_MIN, buf), "0001-01-01");
	CHECK_STR(kith_day_format(KITH_DAY_MAX, buf), "9999-12-31");
	CHECK_STR(kith_day_format(civil(987, 6, 5), buf), "0987-06-05");
	CHECK_STR(kith_day_format(KITH_DAY_MIN - 1, buf), "0000-00-00");
	CHECK_STR(kith_day_format(KITH_DAY_MAX + 1, buf), "0000-00-00");
	CHECK(kith_day_format(0, buf) == buf);

	CHECK_INT(kith_day_parse_iso("2026-11-26", &d), 0);
	CHECK_INT(d, today);
	CHECK_INT(kith_day_parse_iso("0001-01-01", &d), 0);
	CHECK_INT(d, KITH_DAY_MIN);
	CHECK_INT(kith_day_parse_iso("9999-12-31", &d), 0);
	CHECK_INT(d, KITH_DAY_MAX);
	CHECK_INT(kith_day_parse_iso("2024-02-29", &d), 0);
	d = 42;
	CHECK_INT(kith_day_parse_iso("2023-02-29", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-02-30", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-13-01", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-00-01", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-01-00", &d), -1);
	CHECK_INT(kith_day_parse_iso("0000-01-01", &d), -1);
	CHECK_INT(kith_day_parse_iso("0000-00-00", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-1-1", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-01-1", &d), -1);
	CHECK_INT(kith_day_parse_iso("10000-01-01", &d), -1);
	CHECK_INT(kith_day_parse_iso(" 2026-11-26", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-11-26 ", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-11-26x", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026/11/26", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-11-2", &d), -1);
	CHECK_INT(kith_day_parse_iso("+026-11-26", &d), -1);
	CHECK_INT(kith_day_parse_iso("2026-+1-26", &d), -1);
	CHECK_INT(kith_day_parse_iso("", &d), -1);
	CHECK_INT(kith_day_parse_iso(NULL, &d), -1);
	CHECK_INT(d, 42);
}

static void test_parse_forms(void)
{
	CHECK_STR(parse("2026-11-25"), "2026-11-25");
	CHECK_STR(parse("  2026-11-25\t"), "2026-11-25");
	CHECK_STR(parse("0001-01-01"), "0001-01-01");
	CHECK_STR(parse("9999-12-31"), "9999-12-31");
	CHECK_STR(parse("today"), "2026-11-26");
	CHECK_STR(parse("TODAY"), "2026-11-26");
	CHECK_STR(parse(" Today "), "2026-11-26");
	CHECK_STR(parse("yesterday"), "2026-11-25");
	CHECK_STR(parse("tomorrow"), "2026-11-27");

	CHECK_STR(parse("3 days ago"), "2026-11-23");
	CHECK_STR(parse("3  days   ago"), "2026-11-23");
	CHECK_STR(parse("  3 days ago  "), "2026-11-23");
	CHECK_STR(parse("3 DAYS AGO"), "2026-11-23");
	CHECK_STR(parse("3d ago"), "2026-11-23");
	CHECK_STR(parse("3 d ago"), "2026-11-23");
	CHECK_STR(parse("1 day ago"), "2026-11-25");
	CHECK_STR(parse("0 days ago"), "2026-11-26");
	CHECK_STR(parse("003 days ago"), "2026-11-23");
	CHECK_STR(parse("30 days ago"), "2026-10-27");
	CHECK_STR(parse("2w ago"), "2026-11-12");
	CHECK_STR(parse("2 weeks ago"), "2026-11-12");
	CHECK_STR(parse("1 week ago"), "2026-11-19");
	CHECK_STR(parse("1 month ago"), "2026-10-26");
	CHECK_STR(parse("1m ago"), "2026-10-26");
	CHECK_STR(parse("11 months ago"), "2025-12-26");
	CHECK_STR(parse("12 months ago"), "2025-11-26");
	CHECK_STR(parse("1y ago"), "2025-11-26");
	CHECK_STR(parse("1 year ago"), "2025-11-26");
	CHECK_STR(parse("10 years ago"), "2016-11-26");
	CHECK_STR(parse("2025 years ago"), "0001-11-26");

	CHECK_STR(parse("in 3 days"), "2026-11-29");
	CHECK_STR(parse("in 3d"), "2026-11-29");
	CHECK_STR(parse("In  2w"), "2026-12-10");
	CHECK_STR(parse("in 1 week"), "2026-12-03");
	CHECK_STR(parse("in 1 month"), "2026-12-26");
	CHECK_STR(parse("in 2 months"), "2027-01-26");
	CHECK_STR(parse("in 1y"), "2027-11-26");
	CHECK_STR(parse("in 7973 years"), "9999-11-26");
}

static void test_weekdays(void)
{
	/* today is Thursday 2026-11-26 */
	CHECK_STR(parse("last monday"), "2026-11-23");
	CHECK_STR(parse("monday"), "2026-11-23");
	CHECK_STR(parse("mon"), "2026-11-23");
	CHECK_STR(parse("next monday"), "2026-11-30");
	CHECK_STR(parse("last tuesday"), "2026-11-24");
	CHECK_STR(parse("tue"), "2026-11-24");
	CHECK_STR(parse("tues"), "2026-11-24");
	CHECK_STR(parse("next tue"), "2026-12-01");
	CHECK_STR(parse("last wednesday"), "2026-11-25");
	CHECK_STR(parse("wed"), "2026-11-25");
	CHECK_STR(parse("next wednesday"), "2026-12-02");
	CHECK_STR(parse("last thursday"), "2026-11-19");
	CHECK_STR(parse("thursday"), "2026-11-19");
	CHECK_STR(parse("next thursday"), "2026-12-03");
	CHECK_STR(parse("thu"), "2026-11-19");
	CHECK_STR(parse("thur"), "2026-11-19");
	CHECK_STR(parse("thurs"), "2026-11-19");
	CHECK_STR(parse("last friday"), "2026-11-20");
	CHECK_STR(parse("next friday"), "2026-11-27");
	CHECK_STR(parse("fri"), "2026-11-20");
	CHECK_STR(parse("last saturday"), "2026-11-21");
	CHECK_STR(parse("next sat"), "2026-11-28");
	CHECK_STR(parse("last sunday"), "2026-11-22");
	CHECK_STR(parse("sun"), "2026-11-22");
	CHECK_STR(parse("next sunday"), "2026-11-29");
	CHECK_STR(parse("LAST  Monday"), "2026-11-23");
	CHECK_STR(parse(" Next SUN "), "2026-11-29");

	/* from a Monday, across a month and a year end */
	CHECK_STR(parse_at("last monday", civil(2027, 1, 4)), "2026-12-28");
	CHECK_STR(parse_at("next sunday", civil(2026, 12, 28)), "2027-01-03");
	CHECK_STR(parse_at("sunday", civil(2027, 1, 4)), "2027-01-03");
}

static void test_clamping(void)
{
	CHECK_STR(parse_at("1 month ago", civil(2026, 3, 31)), "2026-02-28");
	CHECK_STR(parse_at("1 month ago", civil(2024, 3, 31)), "2024-02-29");
	CHECK_STR(parse_at("1m ago", civil(2026, 5, 31)), "2026-04-30");
	CHECK_STR(parse_at("2 months ago", civil(2026, 3, 31)), "2026-01-31");
	CHECK_STR(parse_at("in 1 month", civil(2026, 1, 31)), "2026-02-28");
	CHECK_STR(parse_at("in 1 month", civil(2026, 5, 31)), "2026-06-30");
	CHECK_STR(parse_at("3 months ago", civil(2026, 1, 15)), "2025-10-15");
	CHECK_STR(parse_at("in 13 months", civil(2026, 12, 31)), "2028-01-31");
	CHECK_STR(parse_at("1 year ago", civil(2024, 2, 29)), "2023-02-28");
	CHECK_STR(parse_at("in 1 year", civil(2024, 2, 29)), "2025-02-28");
	CHECK_STR(parse_at("in 4 years", civil(2024, 2, 29)), "2028-02-29");
	CHECK_STR(parse_at("12 months ago", civil(2024, 2, 29)), "2023-02-28");
	/* days and weeks are plain arithmetic */
	CHECK_STR(parse_at("30 days ago", civil(2026, 3, 31)), "2026-03-01");
	CHECK_STR(parse_at("1 week ago", civil(2026, 3, 3)), "2026-02-24");
}

static void test_range(void)
{
	CHECK_STR(parse_at("3 days ago", civil(1, 1, 5)), "0001-01-02");
	CHECK_STR(parse_at("4 days ago", civil(1, 1, 5)), "0001-01-01");
	CHECK_STR(parse_at("5 days ago", civil(1, 1, 5)),
		  "ERR: date out of range '5 days ago' (years 1 to 9999)");
	CHECK_STR(parse_at("1 week ago", civil(1, 1, 5)),
		  "ERR: date out of range '1 week ago' (years 1 to 9999)");
	CHECK_STR(parse_at("1 month ago", civil(1, 1, 31)),
		  "ERR: date out of range '1 month ago' (years 1 to 9999)");
	CHECK_STR(parse_at("yesterday", KITH_DAY_MIN),
		  "ERR: date out of range 'yesterday' (years 1 to 9999)");
	CHECK_STR(parse_at("last monday", KITH_DAY_MIN),
		  "ERR: date out of range 'last monday' (years 1 to 9999)");
	CHECK_STR(parse_at("next monday", KITH_DAY_MIN), "0001-01-08");
	CHECK_STR(parse_at("tomorrow", KITH_DAY_MAX),
		  "ERR: date out of range 'tomorrow' (years 1 to 9999)");
	CHECK_STR(parse_at("next monday", KITH_DAY_MAX),
		  "ERR: date out of range 'next monday' (years 1 to 9999)");
	CHECK_STR(parse_at("in 1 day", KITH_DAY_MAX),
		  "ERR: date out of range 'in 1 day' (years 1 to 9999)");
	CHECK_STR(parse_at("in 1 month", civil(9999, 12, 1)),
		  "ERR: date out of range 'in 1 month' (years 1 to 9999)");
	CHECK_STR(parse_at("in 1 month", civil(9999, 11, 30)), "9999-12-30");
	CHECK_STR(parse_at("today", KITH_DAY_MAX), "9999-12-31");
	CHECK_STR(parse_at("today", KITH_DAY_MAX + 1),
		  "ERR: date out of range 'today' (years 1 to 9999)");
	CHECK_STR(parse_at("2026-11-26", KITH_DAY_MAX + 1000), "2026-11-26");
	CHECK_STR(parse("2026 years ago"),
		  "ERR: date out of range '2026 years ago' (years 1 to 9999)");
	CHECK_STR(parse("in 7974 years"),
		  "ERR: date out of range 'in 7974 years' (years 1 to 9999)");
	CHECK_STR(parse("99999999999999999999 days ago"),
		  "ERR: date out of range '99999999999999999999 days ago' (years 1 to 9999)");
	CHECK_STR(parse("in 99999999999999999999999999999999 years"),
		  "ERR: date out of range 'in 99999999999999999999999999999999 y...' (years 1 to 9999)");
	CHECK_STR(parse("9999999 weeks ago"),
		  "ERR: date out of range '9999999 weeks ago' (years 1 to 9999)");
	CHECK_STR(parse("0000-01-01"),
		  "ERR: date out of range '0000-01-01' (years 1 to 9999)");
}

static void test_rejects(void)
{
	static const char *const bad[] = {
		"", " ", "\t \n", "foo", "3", "3 days", "ago", "days ago", "3 ago",
		"-3 days ago", "+3 days ago", "3.5 days ago", "3 days ago ago",
		"3 fortnights ago", "3 dayss ago", "3 days  ago x", "in", "in 3",
		"in days", "in -3 days", "in 3 days ago", "3daysago", "3 daysago",
		"last", "next", "last week", "next month", "last mon day", "lastmonday",
		"this monday", "monday next", "mo", "thursd", "tuesd",
		"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31",
		"2026-1-1", "2026-1-05", "2026-11-5", "10000-01-01", "2026-11",
		"2026", "2026-11-26-", "2026--11-26", "2026-11-26x", "2026-11-26 x",
		"x 2026-11-26", "2026/11/26", "26.11.2026", "today!", "today x",
		"yesterday today", "in3days", "to day", "\xc3\xa9t\xc3\xa9",
		"a b c d e", "1 2 3 4 5",
		"yesterdayyesterdayyesterdayyesterday",
		NULL,
	};
	size_t i;
	int bad_count = 0;
	kith_day d;

	for (i = 0; bad[i]; i++)
		if (!rejects(bad[i])) {
			bad_count++;
			printf("# accepted '%s'\n", bad[i]);
		}
	CHECK_MSG(bad_count == 0, "all invalid dates are rejected");
	CHECK(rejects(NULL));

	/* NULL err is fine, and errlen is respected */
	CHECK_INT(kith_date_parse("foo", today, &d, NULL, 0), -1);
	CHECK_INT(kith_date_parse("foo", today, &d, NULL, 100), -1);
	memset(errbuf, 'x', sizeof(errbuf));
	CHECK_INT(kith_date_parse("foo", today, &d, errbuf, 8), -1);
	CHECK_STR(errbuf, "invalid");
	CHECK_INT(errbuf[8], 'x');
	errbuf[0] = 'x';
	CHECK_INT(kith_date_parse("foo", today, &d, errbuf, 0), -1);
	CHECK_INT(errbuf[0], 'x');
	CHECK_INT(kith_date_parse("today", today, &d, NULL, 0), 0);
	CHECK_INT(d, today);

	/* messages */
	CHECK_STR(parse("foo"),
		  "ERR: invalid date 'foo' (try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	CHECK_STR(parse("  foo  "),
		  "ERR: invalid date 'foo' (try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	CHECK_STR(parse(""),
		  "ERR: empty date (try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	CHECK_STR(parse("   "),
		  "ERR: empty date (try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	CHECK_STR(parse("2026-02-30"), "ERR: invalid date '2026-02-30' (no such day)");
	CHECK_STR(parse("2026-13-01"), "ERR: invalid date '2026-13-01' (no such day)");
	CHECK_STR(parse("2026-1-1"), "ERR: invalid date '2026-1-1' (expected YYYY-MM-DD)");
	CHECK_STR(parse("10000-01-01"),
		  "ERR: invalid date '10000-01-01' (expected YYYY-MM-DD)");
	CHECK_STR(parse("3 days"),
		  "ERR: invalid date '3 days' (did you mean '3 days ago' or 'in 3 days'?)");
	CHECK_STR(parse("a\nb"),
		  "ERR: invalid date 'a?b' (try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	/* long input is cut to 40 bytes in the message */
	CHECK_STR(parse("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"),
		  "ERR: invalid date 'abcdefghijklmnopqrstuvwxyzabcdefghijk...' "
		  "(try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	CHECK_STR(parse("abcdefghijklmnopqrstuvwxyzabcdefghijklmn"),
		  "ERR: invalid date 'abcdefghijklmnopqrstuvwxyzabcdefghijklmn' "
		  "(try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
	/* ... and never inside a UTF-8 sequence (\xc3\xa9 is e-acute) */
	CHECK_STR(parse("abcdefghijklmnopqrstuvwxyzabcdefghij\xc3\xa9zzzzzzzz"),
		  "ERR: invalid date 'abcdefghijklmnopqrstuvwxyzabcdefghij...' "
		  "(try 2026-11-25, yesterday, '3 days ago' or 'last monday')");
}

static void test_durations(void)
{
	CHECK_INT(dur("10d"), 10);
	CHECK_INT(dur("10 d"), 10);
	CHECK_INT(dur("10 days"), 10);
	CHECK_INT(dur("  10   DAYS "), 10);
	CHECK_INT(dur("1 day"), 1);
	CHECK_INT(dur("1d"), 1);
	CHECK_INT(dur("10"), 10);
	CHECK_INT(dur(" 10 "), 10);
	CHECK_INT(dur("2w"), 14);
	CHECK_INT(dur("2W"), 14);
	CHECK_INT(dur("2 weeks"), 14);
	CHECK_INT(dur("1 week"), 7);
	CHECK_INT(dur("3m"), 90);
	CHECK_INT(dur("3 months"), 90);
	CHECK_INT(dur("1 month"), 30);
	CHECK_INT(dur("1y"), 365);
	CHECK_INT(dur("1 year"), 365);
	CHECK_INT(dur("100y"), 36500);
	CHECK_INT(dur("36500"), 36500);
	CHECK_INT(dur("1216m"), 36480);
	CHECK_INT(dur("5214w"), 36498);
	CHECK_INT(dur("every day"), 1);
	CHECK_INT(dur("every week"), 7);
	CHECK_INT(dur("every 2 weeks"), 14);
	CHECK_INT(dur("Every Month"), 30);
	CHECK_INT(dur("every 3 months"), 90);
	CHECK_INT(dur("every year"), 365);
	CHECK_INT(dur("every 45 days"), 45);
	CHECK_INT(dur("every 2w"), 14);

	CHECK_INT(dur("0d"), -1);
	CHECK_STR(errbuf, "duration out of range '0d' (1 day to 100 years)");
	CHECK_INT(dur("0"), -1);
	CHECK_INT(dur("36501"), -1);
	CHECK_STR(errbuf, "duration out of range '36501' (1 day to 100 years)");
	CHECK_INT(dur("101y"), -1);
	CHECK_INT(dur("1217m"), -1);
	CHECK_INT(dur("5215w"), -1);
	CHECK_INT(dur("99999999999999999999d"), -1);
	CHECK_STR(errbuf, "duration out of range '99999999999999999999d' (1 day to 100 years)");
	CHECK_INT(dur("99999999999999999999y"), -1);
	CHECK_INT(dur("10000000y"), -1);
	CHECK_INT(dur("x"), -1);
	CHECK_STR(errbuf, "invalid duration 'x' (try 10d, 2w, 3m or 1y)");
	CHECK_INT(dur(""), -1);
	CHECK_STR(errbuf, "empty duration (try 10d, 2w, 3m or 1y)");
	CHECK_INT(dur(" \t"), -1);
	CHECK_INT(dur(NULL), -1);
	CHECK_INT(dur("-1d"), -1);
	CHECK_STR(errbuf, "invalid duration '-1d' (try 10d, 2w, 3m or 1y)");
	CHECK_INT(dur("+1d"), -1);
	CHECK_INT(dur("1.5w"), -1);
	CHECK_INT(dur("d"), -1);
	CHECK_INT(dur("days"), -1);
	CHECK_INT(dur("10 dd"), -1);
	CHECK_INT(dur("10 fortnights"), -1);
	CHECK_INT(dur("10d x"), -1);
	CHECK_INT(dur("10d 2w"), -1);
	CHECK_INT(dur("10 10"), -1);
	CHECK_INT(dur("d10"), -1);
	CHECK_INT(dur("10d!"), -1);
	CHECK_INT(dur("every"), -1);
	CHECK_INT(dur("every every"), -1);
	CHECK_INT(dur("every day x"), -1);
	CHECK_INT(dur("every 0 days"), -1);
	CHECK_INT(dur("2 every weeks"), -1);
	CHECK_INT(dur("10 days ago"), -1);
	CHECK_INT(dur("in 10 days"), -1);
}

static void test_duration_format(void)
{
	static const struct { int days; const char *words, *shortf; } cases[] = {
		{ 1, "every day", "1d" },
		{ 2, "every 2 days", "2d" },
		{ 7, "every week", "1w" },
		{ 14, "every 2 weeks", "2w" },
		{ 30, "every month", "1m" },
		{ 45, "every 45 days", "45d" },
		{ 49, "every 7 weeks", "7w" },
		{ 56, "every 8 weeks", "8w" },
		{ 60, "every 2 months", "2m" },
		{ 84, "every 12 weeks", "12w" },
		{ 90, "every 3 months", "3m" },
		{ 91, "every 91 days", "91d" },
		{ 210, "every 7 months", "7m" },
		{ 360, "every 12 months", "12m" },
		{ 365, "every year", "1y" },
		{ 400, "every 400 days", "400d" },
		{ 420, "every 14 months", "14m" },
		{ 730, "every 2 years", "2y" },
		{ 36500, "every 100 years", "100y" },
		{ 0, "every 0 days", "0d" },
		{ -7, "every -7 days", "-7d" },
	};
	char small[6];
	size_t i;
	int d, bad = 0;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_STR(words(cases[i].days), cases[i].words);
		CHECK_STR(shortf(cases[i].days), cases[i].shortf);
	}

	/* both forms parse back for every valid duration */
	for (d = 1; d <= 36500; d++)
		if (dur(words(d)) != d || dur(shortf(d)) != d)
			bad++;
	CHECK_MSG(bad == 0, "every duration 1..36500 round-trips through words and short");

	memset(small, 'x', sizeof(small));
	CHECK_STR(kith_duration_words(14, small, 5), "ever");
	CHECK_INT(small[5], 'x');
	CHECK_STR(kith_duration_short(36500, small, 3), "10");
	small[0] = 'x';
	CHECK(kith_duration_words(14, small, 0) == small);
	CHECK_INT(small[0], 'x');
	CHECK(kith_duration_short(14, small, 0) == small);
	CHECK_INT(small[0], 'x');
}

static void test_today(void)
{
	char err[128];
	kith_day d = 0, real;

	CHECK_INT(setenv("KITH_TODAY", "2026-11-26", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), 0);
	CHECK_INT(d, today);

	CHECK_INT(setenv("KITH_TODAY", "2024-02-29", 1), 0);
	CHECK_INT(kith_today(&d, NULL, 0), 0);
	CHECK_INT(d, civil(2024, 2, 29));

	d = 99;
	CHECK_INT(setenv("KITH_TODAY", "xyz", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), -1);
	CHECK_STR(err, "invalid KITH_TODAY 'xyz' (expected YYYY-MM-DD)");
	CHECK_INT(d, 99);
	CHECK_INT(setenv("KITH_TODAY", "2026-02-30", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), -1);
	CHECK_STR(err, "invalid KITH_TODAY '2026-02-30' (expected YYYY-MM-DD)");
	CHECK_INT(setenv("KITH_TODAY", "yesterday", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), -1);
	CHECK_INT(setenv("KITH_TODAY", " 2026-11-26", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), -1);
	CHECK_INT(setenv("KITH_TODAY", "2026-11-26\n", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), -1);
	CHECK_STR(err, "invalid KITH_TODAY '2026-11-26?' (expected YYYY-MM-DD)");
	CHECK_INT(kith_today(&d, NULL, 0), -1);

	CHECK_INT(unsetenv("KITH_TODAY"), 0);
	CHECK_INT(kith_today(&real, err, sizeof(err)), 0);
	CHECK(real > civil(2020, 1, 1) && real <= KITH_DAY_MAX);
	CHECK_INT(setenv("KITH_TODAY", "", 1), 0);
	CHECK_INT(kith_today(&d, err, sizeof(err)), 0);
	CHECK(d == real || d == real + 1); /* empty means unset; midnight may pass */
	unsetenv("KITH_TODAY");
}

int main(void)
{
	today = civil(2026, 11, 26);

	test_civil();
	test_calendar();
	test_format_iso();
	test_parse_forms();
	test_weekdays();
	test_clamping();
	test_range();
	test_rejects();
	test_durations();
	test_duration_format();
	test_today();
	return tap_done();
}
