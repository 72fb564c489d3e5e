/*
 * libFuzzer target for the calendar reader (lib/icsimport.c over libical):
 * any bytes must read without a crash, a hang or a read past the input;
 * every occurrence has a key, a day no later than today and one of the
 * three kinds; every failure a one-line message.
 */
#include "kith/icsimport.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct seen {
	kith_day today;
	size_t n;
};

static int occurrence(void *ctx, const struct kith_ics_occurrence *o)
{
	struct seen *s = ctx;
	if (!o->key || !*o->key || o->day > s->today || o->day == KITH_NO_DAY || o->key_day == KITH_NO_DAY)
		abort();
	if (strcmp(o->kind, "coffee") && strcmp(o->kind, "call") && strcmp(o->kind, "meeting"))
		abort();
	if (o->note && (!*o->note || strlen(o->note) > KITH_ICS_MAX_NOTE || strchr(o->note, '\n')))
		abort();
	for (size_t i = 0; i < o->n_emails; i++)
		if (!strchr(o->emails[i], '@'))
			abort();
	if (++s->n > 10u * KITH_ICS_MAX_OCCURRENCES * 1000u)
		abort();
	return 0;
}

static int bad(void *ctx, size_t line, const char *why)
{
	(void)ctx;
	(void)line;
	if (!why || !*why || strchr(why, '\n'))
		abort();
	return 0; /* skip it, as --skip-bad does, to reach the other events */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct seen s = { kith_day_from_civil(2026, 11, 26), 0 };
	struct kith_ics_handler h = { occurrence, bad, &s };
	struct kith_ics_read_stats st;
	char err[256];
	size_t line;
	/* a copy of exactly size bytes, so ASan sees any read past the end */
	char *copy = malloc(size ? size : 1);

	if (size)
		memcpy(copy, data, size);
	if (kith_ics_read(copy, size, s.today, &h, &st, err, sizeof(err), &line) < 0) {
		size_t n = strnlen(err, sizeof(err));
		if (n == 0 || n == sizeof(err) || strchr(err, '\n'))
			abort();
	} else if (st.occurrences != s.n) {
		abort();
	}
	free(copy);
	return 0;
}
