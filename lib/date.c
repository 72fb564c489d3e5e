#include "kith/date.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "banned.h"

/*
 * Numbers in user input are capped well above anything that stays inside
 * years 1..9999 (3.65 million days), so arithmetic on them cannot overflow
 * even with a 32-bit long; a larger number is simply out of range.
 */
#define NUM_CAP 10000000L

#define DURATION_MAX 36500

#define ECHO_MAX 40

#define DATE_HINT "try 2026-11-25, yesterday, '3 days ago' or 'last monday'"
#define DURATION_HINT "try 10d, 2w, 3m or 1y"

/* Howard Hinnant's days_from_civil, http://howardhinnant.github.io/date_algorithms.html */
kith_day kith_day_from_civil(int year, int month, int day)
{
	long y = (long)year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = month > 2 ? (long)month - 3 : (long)month + 9;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Howard Hinnant's civil_from_days. */
void kith_day_to_civil(kith_day d, int *year, int *month, int *day)
{
	long z = d + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp < 10 ? mp + 3 : mp - 9;
	long yy = yoe + era * 400 + (mm <= 2);

	if (year)
		*year = (int)yy;
	if (month)
		*month = (int)mm;
	if (day)
		*day = (int)dd;
}

static int is_leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int kith_days_in_month(int year, int month)
{
	static const int dim[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return dim[month - 1];
}

int kith_civil_valid(int year, int month, int day)
{
	return year >= 1 && year <= 9999 && day >= 1 &&
	       day <= kith_days_in_month(year, month);
}

int kith_day_weekday(kith_day d)
{
	/* 1970-01-01 was a Thursday (3); d % 7 may be negative. */
	return (int)((d % 7 + 10) % 7);
}

static void put_digits(char *p, long v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

char *kith_day_format(kith_day d, char *buf)
{
	int y, m, dd;

	if (d < KITH_DAY_MIN || d > KITH_DAY_MAX) {
		memcpy(buf, "0000-00-00", KITH_DATE_BUFSZ);
		return buf;
	}
	kith_day_to_civil(d, &y, &m, &dd);
	put_digits(buf, y, 4);
	buf[4] = '-';
	put_digits(buf + 5, m, 2);
	buf[7] = '-';
	put_digits(buf + 8, dd, 2);
	buf[10] = '\0';
	return buf;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Reads n digits at s, stopping (and failing) at the first non-digit, NUL included. */
static int fixed_digits(const char *s, int n, int *out)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit(s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/*
 * Splits an exact YYYY-MM-DD at s (len bytes, no NUL needed) into its
 * fields without checking them. -1 when the shape is wrong.
 */
static int iso_fields(const char *s, size_t len, int *y, int *m, int *d)
{
	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (fixed_digits(s, 4, y) || fixed_digits(s + 5, 2, m) ||
	    fixed_digits(s + 8, 2, d))
		return -1;
	return 0;
}

int kith_day_parse_iso(const char *s, kith_day *out)
{
	int y, m, d;

	if (!s || strnlen(s, 11) != 10 || iso_fields(s, 10, &y, &m, &d) ||
	    !kith_civil_valid(y, m, d))
		return -1;
	*out = kith_day_from_civil(y, m, d);
	return 0;
}

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/*
 * Copies the input for quoting in a message: control bytes become '?' so the
 * message stays on one line, and long input is cut to ECHO_MAX bytes with
 * "..." (never inside a UTF-8 sequence).
 */
static void echo_input(char *dst, const char *s, size_t len)
{
	size_t n = len, i;

	if (len > ECHO_MAX) {
		n = ECHO_MAX - 3;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		dst[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (n < len) {
		memcpy(dst + i, "...", 3);
		i += 3;
	}
	dst[i] = '\0';
}

/*
 * Input is split into at most MAX_TOKENS words and numbers: spaces separate
 * them, and a number may run straight into its unit ("3d"). A word may not
 * run into a number, and nothing else may appear.
 */
#define MAX_TOKENS 4
#define WORD_MAX 16

enum tok_kind { TOK_NUM, TOK_WORD };

struct token {
	enum tok_kind kind;
	long num; /* TOK_NUM: value, NUM_CAP when larger */
	char word[WORD_MAX]; /* TOK_WORD: lowercased */
};

static int tokenize(const char *s, size_t len, struct token *tok, int *ntok)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		struct token *t;

		if (is_space(s[i])) {
			i++;
			continue;
		}
		if (n == MAX_TOKENS)
			return -1;
		t = &tok[n++];
		if (is_digit(s[i])) {
			t->kind = TOK_NUM;
			t->num = 0;
			for (; i < len && is_digit(s[i]); i++) {
				t->num = t->num * 10 + (s[i] - '0');
				if (t->num > NUM_CAP)
					t->num = NUM_CAP;
			}
		} else if (is_alpha(s[i])) {
			size_t w = 0;
			t->kind = TOK_WORD;
			for (; i < len && is_alpha(s[i]); i++) {
				if (w == WORD_MAX - 1)
					return -1;
				t->word[w++] = to_lower(s[i]);
			}
			t->word[w] = '\0';
			if (i < len && !is_space(s[i]))
				return -1;
		} else {
			return -1;
		}
	}
	*ntok = n;
	return 0;
}

static int word_in(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return 1;
	return 0;
}

enum unit { UNIT_NONE = -1, UNIT_DAY, UNIT_WEEK, UNIT_MONTH, UNIT_YEAR };

static enum unit parse_unit(const struct token *t)
{
	static const char *const days[] = { "d", "day", "days", NULL };
	static const char *const weeks[] = { "w", "week", "weeks", NULL };
	static const char *const months[] = { "m", "month", "months", NULL };
	static const char *const years[] = { "y", "year", "years", NULL };

	if (t->kind != TOK_WORD)
		return UNIT_NONE;
	if (word_in(t->word, days))
		return UNIT_DAY;
	if (word_in(t->word, weeks))
		return UNIT_WEEK;
	if (word_in(t->word, months))
		return UNIT_MONTH;
	if (word_in(t->word, years))
		return UNIT_YEAR;
	return UNIT_NONE;
}

/* 0 = Monday ... 6 = Sunday, or -1. */
static int parse_weekday(const struct token *t)
{
	static const char *const names[7][5] = {
		{ "mon", "monday", NULL },
		{ "tue", "tues", "tuesday", NULL },
		{ "wed", "wednesday", NULL },
		{ "thu", "thur", "thurs", "thursday", NULL },
		{ "fri", "friday", NULL },
		{ "sat", "saturday", NULL },
		{ "sun", "sunday", NULL },
	};
	int i;

	if (t->kind != TOK_WORD)
		return -1;
	for (i = 0; i < 7; i++)
		if (word_in(t->word, names[i]))
			return i;
	return -1;
}

static int in_range(kith_day d)
{
	return d >= KITH_DAY_MIN && d <= KITH_DAY_MAX;
}

/*
 * today moved by n units (n may be negative, |n| <= NUM_CAP). Months and
 * years move the calendar and clamp the day to the end of the month.
 * -1 when the result leaves years 1..9999; today must be in range.
 */
static int add_units(kith_day today, long n, enum unit u, kith_day *out)
{
	int y, m, d, dim;
	long months;

	if (u == UNIT_DAY || u == UNIT_WEEK) {
		kith_day r = today + (u == UNIT_WEEK ? 7 * n : n);
		if (!in_range(r))
			return -1;
		*out = r;
		return 0;
	}
	kith_day_to_civil(today, &y, &m, &d);
	months = (long)y * 12 + (m - 1) + (u == UNIT_YEAR ? 12 * n : n);
	if (months < 12 || months > 9999L * 12 + 11)
		return -1;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	dim = kith_days_in_month(y, m);
	if (d > dim)
		d = dim;
	*out = kith_day_from_civil(y, m, d);
	return 0;
}

/* Trims spaces off [*s, *s + *len). */
static void trim(const char **s, size_t *len)
{
	const char *b = *s, *e = *s + *len;

	while (b < e && is_space(*b))
		b++;
	while (e > b && is_space(e[-1]))
		e--;
	*s = b;
	*len = (size_t)(e - b);
}

/* Digits and dashes only, starting with a digit: meant as an ISO date. */
static int looks_iso(const char *s, size_t len)
{
	size_t i;

	if (!len || !is_digit(s[0]))
		return 0;
	for (i = 0; i < len; i++)
		if (!is_digit(s[i]) && s[i] != '-')
			return 0;
	return memchr(s, '-', len) != NULL;
}

enum date_err { DE_OK, DE_INVALID, DE_SHAPE, DE_NODAY, DE_RANGE, DE_NOAGO };

static enum date_err parse_iso_input(const char *s, size_t len, kith_day *out)
{
	int y, m, d;

	if (iso_fields(s, len, &y, &m, &d))
		return DE_SHAPE;
	if (y < 1)
		return DE_RANGE;
	if (!kith_civil_valid(y, m, d))
		return DE_NODAY;
	*out = kith_day_from_civil(y, m, d);
	return DE_OK;
}

static enum date_err parse_relative(const char *s, size_t len, kith_day today,
				    kith_day *out)
{
	struct token tok[MAX_TOKENS];
	int n, wd;
	enum unit u;

	if (tokenize(s, len, tok, &n))
		return DE_INVALID;

	if (n == 1 && tok[0].kind == TOK_WORD) {
		long delta;

		if (!strcmp(tok[0].word, "today"))
			delta = 0;
		else if (!strcmp(tok[0].word, "yesterday"))
			delta = -1;
		else if (!strcmp(tok[0].word, "tomorrow"))
			delta = 1;
		else if ((wd = parse_weekday(&tok[0])) >= 0)
			delta = -((kith_day_weekday(today) - wd + 6) % 7 + 1);
		else
			return DE_INVALID;
		if (!in_range(today) || !in_range(today + delta))
			return DE_RANGE;
		*out = today + delta;
		return DE_OK;
	}

	if (n == 2 && tok[0].kind == TOK_WORD &&
	    (wd = parse_weekday(&tok[1])) >= 0) {
		int twd = kith_day_weekday(today);
		long delta;

		if (!strcmp(tok[0].word, "last"))
			delta = -((twd - wd + 6) % 7 + 1);
		else if (!strcmp(tok[0].word, "next"))
			delta = (wd - twd + 6) % 7 + 1;
		else
			return DE_INVALID;
		if (!in_range(today) || !in_range(today + delta))
			return DE_RANGE;
		*out = today + delta;
		return DE_OK;
	}

	/* N UNIT ago, in N UNIT */
	if (n == 3 && tok[0].kind == TOK_NUM &&
	    (u = parse_unit(&tok[1])) != UNIT_NONE &&
	    tok[2].kind == TOK_WORD && !strcmp(tok[2].word, "ago"))
		return in_range(today) && !add_units(today, -tok[0].num, u, out)
			? DE_OK : DE_RANGE;
	if (n == 3 && tok[0].kind == TOK_WORD && !strcmp(tok[0].word, "in") &&
	    tok[1].kind == TOK_NUM && (u = parse_unit(&tok[2])) != UNIT_NONE)
		return in_range(today) && !add_units(today, tok[1].num, u, out)
			? DE_OK : DE_RANGE;
	if (n == 2 && tok[0].kind == TOK_NUM && parse_unit(&tok[1]) != UNIT_NONE)
		return DE_NOAGO;
	return DE_INVALID;
}

int kith_date_parse(const char *s, kith_day today, kith_day *out, char *err, size_t errlen)
{
	char echo[ECHO_MAX + 1];
	size_t len = s ? strlen(s) : 0;
	enum date_err e;
	kith_day d = 0;

	if (s)
		trim(&s, &len);
	if (!len) {
		set_err(err, errlen, "empty date (" DATE_HINT ")");
		return -1;
	}
	if (looks_iso(s, len))
		e = parse_iso_input(s, len, &d);
	else
		e = parse_relative(s, len, today, &d);
	if (e == DE_OK) {
		*out = d;
		return 0;
	}

	echo_input(echo, s, len);
	switch (e) {
	case DE_SHAPE:
		set_err(err, errlen, "invalid date '%s' (expected YYYY-MM-DD)", echo);
		break;
	case DE_NODAY:
		set_err(err, errlen, "invalid date '%s' (no such day)", echo);
		break;
	case DE_RANGE:
		set_err(err, errlen, "date out of range '%s' (years 1 to 9999)", echo);
		break;
	case DE_NOAGO:
		set_err(err, errlen, "invalid date '%s' (did you mean '%s ago' or 'in %s'?)",
			echo, echo, echo);
		break;
	default:
		set_err(err, errlen, "invalid date '%s' (" DATE_HINT ")", echo);
		break;
	}
	return -1;
}

int kith_duration_parse(const char *s, int *days, char *err, size_t errlen)
{
	static const long unit_days[] = { 1, 7, 30, 365 };
	struct token tok[MAX_TOKENS];
	char echo[ECHO_MAX + 1];
	size_t len = s ? strlen(s) : 0;
	int n, i = 0;
	long num = 1, total;
	enum unit u = UNIT_DAY;

	if (s)
		trim(&s, &len);
	if (!len) {
		set_err(err, errlen, "empty duration (" DURATION_HINT ")");
		return -1;
	}
	echo_input(echo, s, len);
	if (tokenize(s, len, tok, &n))
		goto invalid;

	/* [every] N [UNIT], or every UNIT: the words kith_duration_words writes */
	if (i < n && tok[i].kind == TOK_WORD && !strcmp(tok[i].word, "every")) {
		i++;
		if (i < n && tok[i].kind == TOK_WORD) {
			if ((u = parse_unit(&tok[i])) == UNIT_NONE || i + 1 != n)
				goto invalid;
			goto done;
		}
	}
	if (i >= n || tok[i].kind != TOK_NUM)
		goto invalid;
	num = tok[i++].num;
	if (i < n && (u = parse_unit(&tok[i++])) == UNIT_NONE)
		goto invalid;
	if (i != n)
		goto invalid;

done:
	/* num <= NUM_CAP, but NUM_CAP * 365 could overflow a 32-bit long */
	total = num > DURATION_MAX ? DURATION_MAX + 1 : num * unit_days[u];
	if (total < 1 || total > DURATION_MAX) {
		set_err(err, errlen, "duration out of range '%s' (1 day to 100 years)", echo);
		return -1;
	}
	*days = (int)total;
	return 0;

invalid:
	set_err(err, errlen, "invalid duration '%s' (" DURATION_HINT ")", echo);
	return -1;
}

/* Splits days into a count and a unit by the rule in date.h. */
static int duration_unit(int days, int *count)
{
	if (days >= 1 && days % 365 == 0) {
		*count = days / 365;
		return 'y';
	}
	if (days >= 1 && days % 30 == 0) {
		*count = days / 30;
		return 'm';
	}
	if (days >= 1 && days % 7 == 0 && days <= 84) {
		*count = days / 7;
		return 'w';
	}
	*count = days;
	return 'd';
}

char *kith_duration_words(int days, char *buf, size_t len)
{
	int count, unit = duration_unit(days, &count);
	const char *name = unit == 'y' ? "year" : unit == 'm' ? "month" :
			   unit == 'w' ? "week" : "day";

	if (!len)
		return buf;
	if (count == 1)
		snprintf(buf, len, "every %s", name);
	else
		snprintf(buf, len, "every %d %ss", count, name);
	return buf;
}

char *kith_duration_short(int days, char *buf, size_t len)
{
	int count, unit = duration_unit(days, &count);

	if (len)
		snprintf(buf, len, "%d%c", count, unit);
	return buf;
}

int kith_today(kith_day *out, char *err, size_t errlen)
{
	const char *env = getenv("KITH_TODAY");
	time_t now;
	struct tm tm;

	if (env && *env) {
		char echo[ECHO_MAX + 1];

		if (!kith_day_parse_iso(env, out))
			return 0;
		echo_input(echo, env, strlen(env));
		set_err(err, errlen, "invalid KITH_TODAY '%s' (expected YYYY-MM-DD)", echo);
		return -1;
	}
	now = time(NULL);
	if (now == (time_t)-1 || !localtime_r(&now, &tm)) {
		set_err(err, errlen, "cannot read the system clock");
		return -1;
	}
	*out = kith_day_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}
