#include "util/fold.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

#include "banned.h"

/*
 * Base letters for U+00C0..U+017F, two characters per code point ("a ",
 * "ss", ...); a space in the first slot means no folding (copy as is).
 */
static const char latin[] =
	/* C0 */ "a a a a a a aec e e e e i i i i "
	/* D0 */ "d n o o o o o   o u u u u y thss"
	/* E0 */ "a a a a a a aec e e e e i i i i "
	/* F0 */ "d n o o o o o   o u u u u y thy "
	/* 100 */ "a a a a a a c c c c c c c c d d "
	/* 110 */ "d d e e e e e e e e e e g g g g "
	/* 120 */ "g g g g h h h h i i i i i i i i "
	/* 130 */ "i i ijiji j k k k l l l l l l l "
	/* 140 */ "l l l n n n n n n n n n o o o o "
	/* 150 */ "o o oeoer r r r r r s s s s s s "
	/* 160 */ "s s t t t t t t u u u u u u u u "
	/* 170 */ "u u u u w w y y y z z z z z z s ";

void kith_fold(const char *s, struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	int pending_space = 0;
	size_t start = out->len;

	while (*p) {
		unsigned cp = 0;
		int n = 1;
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f') {
			pending_space = out->len > start;
			p++;
			continue;
		}
		if (pending_space) {
			strbuf_addch(out, ' ');
			pending_space = 0;
		}
		if (*p < 0x80) {
			int c = *p;
			if (c >= 'A' && c <= 'Z')
				c += 'a' - 'A';
			strbuf_addch(out, c);
			p++;
			continue;
		}
		if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
			n = 2;
		}
		if (n == 2 && cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) {
			const char *f = latin + (cp - 0xC0) * 2;
			if (f[0] != ' ') {
				strbuf_addch(out, f[0]);
				if (f[1] != ' ')
					strbuf_addch(out, f[1]);
				p += 2;
				continue;
			}
		}
		/* copy one (possibly multi-byte) character unchanged */
		{
			int len = 1;
			if ((*p & 0xE0) == 0xC0)
				len = 2;
			else if ((*p & 0xF0) == 0xE0)
				len = 3;
			else if ((*p & 0xF8) == 0xF0)
				len = 4;
			for (int i = 1; i < len; i++)
				if ((p[i] & 0xC0) != 0x80) {
					len = 1;
					break;
				}
			strbuf_add(out, p, (size_t)len);
			p += len;
		}
	}
}

char *kith_fold_dup(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	kith_fold(s, &sb);
	return strbuf_detach(&sb);
}

int kith_name_level(const char *key, const char *q)
{
	size_t qn = strlen(q);
	const char *p = key;
	int level = 0;

	if (!strcmp(key, q))
		return 3;
	for (;;) {
		if (!strncmp(p, q, qn)) {
			char next = p[qn];
			int lv = (next == '\0' || next == ' ' || next == '-') ? 2 : 1;
			if (lv > level)
				level = lv;
		}
		p += strcspn(p, " -");
		if (!*p)
			return level;
		p++;
	}
}

static int is_trimmed_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char *kith_trim_dup(const char *s)
{
	size_t len;
	if (!s)
		return NULL;
	while (is_trimmed_space(*s))
		s++;
	len = strlen(s);
	while (len && is_trimmed_space(s[len - 1]))
		len--;
	return len ? xstrndup(s, len) : NULL;
}

void kith_add_short(struct strbuf *sb, const char *s, size_t max)
{
	size_t n = strcspn(s, "\r\n");
	if (n > max) {
		n = max;
		while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		strbuf_add(sb, s, n);
		strbuf_addstr(sb, "…");
	} else {
		strbuf_add(sb, s, n);
	}
}
