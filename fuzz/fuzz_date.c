/*
 * libFuzzer target for the date and duration parsers (lib/date.c).
 * Every accepted input must give a result that stays in range and survives
 * a round trip through its text form; every rejection must leave a
 * one-line message that fits its buffer.
 */
#include "kith/date.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_MAX 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_msg(const char *err, size_t errlen)
{
	size_t n = strnlen(err, errlen), i;

	if (n == errlen || (errlen > 1 && n == 0))
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)err[i] < 0x20)
			abort();
}

static void check_text(const char *buf, size_t len, size_t max)
{
	size_t n = strnlen(buf, len);
	if (n == len || n == 0 || n > max)
		abort();
}

static void check_date(const char *s, kith_day today, size_t errlen)
{
	char err[256], iso[KITH_DATE_BUFSZ];
	kith_day d = 0, back = 0;

	memset(err, 'x', sizeof(err));
	if (kith_date_parse(s, today, &d, err, errlen)) {
		if (errlen)
			check_msg(err, errlen);
		if (errlen < sizeof(err) && err[errlen] != 'x')
			abort(); /* wrote past errlen */
		return;
	}
	if (d < KITH_DAY_MIN || d > KITH_DAY_MAX)
		abort();
	kith_day_format(d, iso);
	if (strlen(iso) != 10 || kith_day_parse_iso(iso, &back) || back != d)
		abort();
	if (kith_date_parse(iso, today, &back, NULL, 0) || back != d)
		abort();
}

static void check_duration(const char *s)
{
	char err[128], words[64], shortf[16];
	int days = 0, back = 0;

	if (kith_duration_parse(s, &days, err, sizeof(err))) {
		check_msg(err, sizeof(err));
		return;
	}
	if (days < 1 || days > 36500)
		abort();
	kith_duration_words(days, words, sizeof(words));
	kith_duration_short(days, shortf, sizeof(shortf));
	check_text(words, sizeof(words), 20);
	check_text(shortf, sizeof(shortf), 6);
	if (kith_duration_parse(words, &back, NULL, 0) || back != days)
		abort();
	if (kith_duration_parse(shortf, &back, NULL, 0) || back != days)
		abort();
}

static void check_iso(const char *s)
{
	char iso[KITH_DATE_BUFSZ];
	kith_day d = 0;

	if (kith_day_parse_iso(s, &d))
		return;
	if (d < KITH_DAY_MIN || d > KITH_DAY_MAX)
		abort();
	/* the storage form is exact: formatting gives back the input */
	if (strcmp(kith_day_format(d, iso), s))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[INPUT_MAX + 1];
	kith_day today = kith_day_from_civil(2026, 11, 26);

	if (size > INPUT_MAX)
		size = INPUT_MAX;
	memcpy(buf, data, size);
	buf[size] = '\0';

	check_date(buf, today, 256);
	check_date(buf, KITH_DAY_MIN, 256);
	check_date(buf, KITH_DAY_MAX, 256);
	/* a short error buffer, sized by the input */
	check_date(buf, today, size % 16);
	check_duration(buf);
	check_iso(buf);
	return 0;
}
