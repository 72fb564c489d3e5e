/* An RFC 4180 reader (see include/kith/csv.h). */
#include "kith/csv.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "banned.h"

#define MAX_FIELD (1 << 20)
#define MAX_FIELDS 1000

/* UTF-16 (little or big endian, after its BOM) to UTF-8. -1 on a lone surrogate. */
static int utf16_to_utf8(const unsigned char *s, size_t len, int big, char **out, size_t *out_len)
{
	char *o = xmalloc(len / 2 * 3 + 1);
	size_t n = 0;
	for (size_t i = 0; i + 1 < len; i += 2) {
		uint32_t u = big ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
		if (u >= 0xD800 && u <= 0xDBFF) {
			uint32_t lo;
			if (i + 3 >= len)
				goto bad;
			lo = big ? (uint32_t)(s[i + 2] << 8 | s[i + 3]) : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
			if (lo < 0xDC00 || lo > 0xDFFF)
				goto bad;
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			goto bad;
		}
		if (u < 0x80) {
			o[n++] = (char)u;
		} else if (u < 0x800) {
			o[n++] = (char)(0xC0 | u >> 6);
			o[n++] = (char)(0x80 | (u & 0x3F));
		} else if (u < 0x10000) {
			o[n++] = (char)(0xE0 | u >> 12);
			o[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
			o[n++] = (char)(0x80 | (u & 0x3F));
		} else {
			o = xrealloc(o, n + 4 + (len - i) / 2 * 3 + 1);
			o[n++] = (char)(0xF0 | u >> 18);
			o[n++] = (char)(0x80 | ((u >> 12) & 0x3F));
			o[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
			o[n++] = (char)(0x80 | (u & 0x3F));
		}
	}
	o[n] = '\0';
	*out = o;
	*out_len = n;
	return 0;
bad:
	free(o);
	return -1;
}

int kith_csv_init(struct kith_csv *c, const char *data, size_t len, char *err, size_t errlen)
{
	const unsigned char *s = (const unsigned char *)data;

	memset(c, 0, sizeof(*c));
	c->next_line = 1;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		if (utf16_to_utf8(s + 2, len - 2, s[0] == 0xFE, &c->data, &c->len) < 0) {
			snprintf(err, errlen, "invalid UTF-16 (a lone surrogate)");
			return -1;
		}
		return 0;
	}
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		data += 3;
		len -= 3;
	}
	c->data = xmalloc(len + 1);
	memcpy(c->data, data, len);
	c->data[len] = '\0';
	c->len = len;
	return 0;
}

void kith_csv_release(struct kith_csv *c)
{
	if (!c)
		return;
	free(c->data);
	free(c->fields);
	free(c->buf);
	memset(c, 0, sizeof(*c));
}

static void put(struct kith_csv *c, char ch)
{
	if (c->buf_len + 1 >= c->buf_alloc) {
		c->buf_alloc = c->buf_alloc ? c->buf_alloc * 2 : 256;
		c->buf = xrealloc(c->buf, c->buf_alloc);
	}
	c->buf[c->buf_len++] = ch;
}

int kith_csv_next(struct kith_csv *c, char *err, size_t errlen)
{
	size_t starts[MAX_FIELDS + 1];
	size_t field_start;

	if (c->pos >= c->len)
		return 0;
	c->line = c->next_line;
	c->n = 0;
	c->buf_len = 0;
	for (;;) {
		int quoted = 0;
		if (c->n == MAX_FIELDS) {
			snprintf(err, errlen, "line %zu: more than %d fields", c->line, MAX_FIELDS);
			return -1;
		}
		field_start = c->buf_len;
		starts[c->n++] = field_start;
		if (c->pos < c->len && c->data[c->pos] == '"') {
			quoted = 1;
			c->pos++;
		}
		for (;;) {
			char ch;
			if (c->pos >= c->len) {
				if (quoted) {
					snprintf(err, errlen, "line %zu: a quoted field is not closed", c->line);
					return -1;
				}
				break;
			}
			ch = c->data[c->pos];
			if (quoted) {
				if (ch == '"') {
					if (c->pos + 1 < c->len && c->data[c->pos + 1] == '"') {
						put(c, '"');
						c->pos += 2;
						continue;
					}
					quoted = 0; /* closing quote; what follows is read unquoted */
					c->pos++;
					continue;
				}
				if (ch == '\n')
					c->next_line++;
				put(c, ch);
				c->pos++;
			} else {
				if (ch == ',' || ch == '\n' || (ch == '\r' && c->pos + 1 < c->len && c->data[c->pos + 1] == '\n') ||
				    (ch == '\r' && c->pos + 1 == c->len))
					break;
				put(c, ch);
				c->pos++;
			}
			if (c->buf_len - field_start > MAX_FIELD) {
				snprintf(err, errlen, "line %zu: a field longer than %d bytes", c->line, MAX_FIELD);
				return -1;
			}
		}
		put(c, '\0');
		if (c->pos < c->len && c->data[c->pos] == ',') {
			c->pos++;
			continue;
		}
		/* end of record: CRLF, LF or the end */
		if (c->pos < c->len && c->data[c->pos] == '\r')
			c->pos++;
		if (c->pos < c->len && c->data[c->pos] == '\n')
			c->pos++;
		c->next_line++;
		break;
	}
	if (c->n > c->alloc) {
		c->alloc = c->n;
		c->fields = xrealloc(c->fields, c->alloc * sizeof(*c->fields));
	}
	for (size_t i = 0; i < c->n; i++)
		c->fields[i] = c->buf + starts[i];
	return 1;
}
