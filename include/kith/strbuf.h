#ifndef KITH_STRBUF_H
#define KITH_STRBUF_H

/*
 * A growable, always NUL-terminated byte string (after git's strbuf and
 * curl's dynbuf).
 *
 *   struct strbuf sb = STRBUF_INIT;
 *   strbuf_addf(&sb, "%d people", n);
 *   puts(sb.buf);
 *   strbuf_release(&sb);
 *
 * `buf` is never NULL: an empty strbuf points at a shared empty string, so
 * sb.buf can be printed at once. `len` excludes the NUL.
 *
 * A strbuf fed by input from outside (a file, a request) gets a maximum
 * size with strbuf_init_max(): an append that would pass it fails with -1
 * and leaves the buffer as it was ("too big", as curl's dynbuf says).
 * Appends to a strbuf without a maximum never fail: out of memory aborts,
 * as there is no sensible way on for a command line tool.
 */

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t max; /* 0: no limit */
};

extern char strbuf_empty[];
#define STRBUF_INIT { strbuf_empty, 0, 0, 0 }

/* Initialize with no allocation; max 0 means unlimited. */
void strbuf_init_max(struct strbuf *sb, size_t max);

/* Free the contents and re-initialize (keeps max). NULL is accepted. */
void strbuf_release(struct strbuf *sb);

/* Empty the string, keeping the allocation. */
void strbuf_reset(struct strbuf *sb);

/*
 * Hand the string over to the caller, who frees it with free(); the strbuf
 * is re-initialized. Never NULL (an empty strbuf gives a new "").
 */
char *strbuf_detach(struct strbuf *sb);

/* Appends. Return 0, or -1 when the maximum would be passed. */
int strbuf_add(struct strbuf *sb, const void *data, size_t len);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Make room for extra more bytes. Returns 0 or -1 (maximum). */
int strbuf_grow(struct strbuf *sb, size_t extra);

/*
 * One byte. Inline, without a call when there is room: parsers and the
 * name and tag normalizers add text a byte at a time (1.4 million bytes
 * for 10,000 vCards).
 */
static inline int strbuf_addch(struct strbuf *sb, int c)
{
	if (sb->len + 1 < sb->alloc && (!sb->max || sb->len < sb->max)) {
		sb->buf[sb->len++] = (char)c;
		sb->buf[sb->len] = '\0';
		return 0;
	} else {
		char ch = (char)c;
		return strbuf_add(sb, &ch, 1);
	}
}

/* Shorten to len bytes (len <= sb->len). */
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Remove trailing whitespace. */
void strbuf_rtrim(struct strbuf *sb);

#endif
