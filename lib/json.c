#include "kith/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "banned.h"

void kith_json_init(struct kith_json *j, FILE *fp)
{
	memset(j, 0, sizeof(*j));
	j->fp = fp;
}

static void indent(struct kith_json *j)
{
	fputc('\n', j->fp);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
}

/* Separator and indentation before a value or a key. */
static void before(struct kith_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->count[j->depth - 1] > 0)
			fputc(',', j->fp);
		indent(j);
		j->count[j->depth - 1]++;
	}
}

static void open_container(struct kith_json *j, int open, int close)
{
	before(j);
	fputc(open, j->fp);
	if (j->depth >= KITH_JSON_DEPTH)
		abort();
	j->close[j->depth] = (char)close;
	j->count[j->depth++] = 0;
}

void kith_json_obj(struct kith_json *j)
{
	open_container(j, '{', '}');
}

void kith_json_arr(struct kith_json *j)
{
	open_container(j, '[', ']');
}

void kith_json_end(struct kith_json *j)
{
	int had;
	if (j->depth <= 0)
		abort();
	had = j->count[j->depth - 1];
	j->depth--;
	if (had)
		indent(j);
	fputc(j->close[j->depth], j->fp);
}

static void write_string(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	fputc('"', fp);
	while (*p) {
		unsigned c = *p;
		int len = 0;
		if (c == '"' || c == '\\') {
			fputc('\\', fp);
			fputc((int)c, fp);
			p++;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			switch (c) {
			case '\n': fputs("\\n", fp); break;
			case '\r': fputs("\\r", fp); break;
			case '\t': fputs("\\t", fp); break;
			default: fprintf(fp, "\\u%04x", c); break;
			}
			p++;
			continue;
		}
		if (c < 0x80) {
			fputc((int)c, fp);
			p++;
			continue;
		}
		/* validate one UTF-8 sequence (no overlongs, no surrogates) */
		if (c >= 0xC2 && c <= 0xDF)
			len = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			len = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			len = 4;
		if (len) {
			int ok = 1;
			for (int i = 1; i < len; i++)
				if ((p[i] & 0xC0) != 0x80)
					ok = 0;
			if (ok && len == 3 && ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0)))
				ok = 0;
			if (ok && len == 4 && ((c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90)))
				ok = 0;
			if (ok) {
				fwrite(p, 1, (size_t)len, fp);
				p += len;
				continue;
			}
		}
		fputs("\xEF\xBF\xBD", fp);
		p++;
	}
	fputc('"', fp);
}

void kith_json_key(struct kith_json *j, const char *key)
{
	before(j);
	write_string(j->fp, key);
	fputs(": ", j->fp);
	j->after_key = 1;
}

void kith_json_str(struct kith_json *j, const char *s)
{
	before(j);
	if (s)
		write_string(j->fp, s);
	else
		fputs("null", j->fp);
}

void kith_json_int(struct kith_json *j, int64_t v)
{
	before(j);
	fprintf(j->fp, "%lld", (long long)v);
}

void kith_json_num(struct kith_json *j, double v)
{
	before(j);
	if (isfinite(v))
		fprintf(j->fp, "%.4g", v);
	else
		fputs("null", j->fp);
}

void kith_json_bool(struct kith_json *j, int v)
{
	before(j);
	fputs(v ? "true" : "false", j->fp);
}

void kith_json_null(struct kith_json *j)
{
	before(j);
	fputs("null", j->fp);
}

void kith_json_day(struct kith_json *j, kith_day d)
{
	char buf[KITH_DATE_BUFSZ];
	if (d == KITH_NO_DAY)
		kith_json_null(j);
	else
		kith_json_str(j, kith_day_format(d, buf));
}

void kith_json_finish(struct kith_json *j)
{
	fputc('\n', j->fp);
}

void kith_json_kstr(struct kith_json *j, const char *key, const char *s)
{
	kith_json_key(j, key);
	kith_json_str(j, s);
}

void kith_json_kint(struct kith_json *j, const char *key, int64_t v)
{
	kith_json_key(j, key);
	kith_json_int(j, v);
}

void kith_json_kday(struct kith_json *j, const char *key, kith_day d)
{
	kith_json_key(j, key);
	kith_json_day(j, d);
}
