/* Terminal output: colour, column widths, relative days. */
#include "cli.h"

#include <string.h>

#include "banned.h"

const char *col(const struct cli *c, const char *code)
{
	return c->color ? code : "";
}

/* Decode one UTF-8 character; returns its length (1 for invalid bytes). */
static int utf8_next(const unsigned char *p, unsigned *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = ((unsigned)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
		return 2;
	}
	if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*cp = ((unsigned)(p[0] & 0x0F) << 12) | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
		return 3;
	}
	if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80) {
		*cp = ((unsigned)(p[0] & 0x07) << 18) | ((unsigned)(p[1] & 0x3F) << 12) |
		      ((unsigned)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

static int char_width(unsigned cp)
{
	if (cp == 0 || (cp >= 0x300 && cp <= 0x36F) || cp == 0x200B || (cp >= 0xFE00 && cp <= 0xFE0F))
		return 0; /* combining marks, zero width */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
	    (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	return 1;
}

size_t display_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0;
	while (*p) {
		unsigned cp;
		p += utf8_next(p, &cp);
		w += (size_t)char_width(cp);
	}
	return w;
}

void print_padded(FILE *fp, const char *s, size_t width)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t w = display_width((const char *)p);

	if (w <= width) {
		fputs((const char *)p, fp);
		for (; w < width; w++)
			fputc(' ', fp);
		return;
	}
	/* cut to width - 1 columns and add an ellipsis */
	w = 0;
	while (*p) {
		unsigned cp;
		int n = utf8_next(p, &cp);
		int cw = char_width(cp);
		if (w + (size_t)cw > width - 1)
			break;
		fwrite(p, 1, (size_t)n, fp);
		w += (size_t)cw;
		p += n;
	}
	fputs("…", fp);
	for (w++; w < width; w++)
		fputc(' ', fp);
}

char *rel_day_short(kith_day today, kith_day d, char *buf, size_t len)
{
	long diff = (long)(today - d);
	if (d == KITH_NO_DAY)
		snprintf(buf, len, "-");
	else if (diff == 0)
		snprintf(buf, len, "today");
	else if (diff == 1)
		snprintf(buf, len, "yesterday");
	else if (diff == -1)
		snprintf(buf, len, "tomorrow");
	else if (diff > 0)
		snprintf(buf, len, "%ldd ago", diff);
	else
		snprintf(buf, len, "in %ldd", -diff);
	return buf;
}

char *rel_day_long(kith_day today, kith_day d, char *buf, size_t len)
{
	long diff = (long)(today - d);
	if (d == KITH_NO_DAY)
		snprintf(buf, len, "never");
	else if (diff == 0)
		snprintf(buf, len, "today");
	else if (diff == 1)
		snprintf(buf, len, "yesterday");
	else if (diff == -1)
		snprintf(buf, len, "tomorrow");
	else if (diff > 0)
		snprintf(buf, len, "%ld days ago", diff);
	else
		snprintf(buf, len, "in %ld days", -diff);
	return buf;
}
