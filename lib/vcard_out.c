/*
 * vCard out: a person as a vCard 3.0 or 4.0 string, and the vdir writer
 * (see include/kith/vcard_out.h).
 */
#ifdef __linux__
#define _GNU_SOURCE /* syncfs */
#define DEFER_SYNC 1 /* new cards are synced at once at the end */
#else
#define DEFER_SYNC 0
#endif
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/cadence.h"
#include "kith/date.h"
#include "kith/person.h"
#include "kith/vcard_out.h"
#include "util/file.h"
#include "util/xalloc.h"
#include "banned.h"

#define FOLD_AT 75                 /* octets per physical line, CRLF excluded */
#define MAX_COMPARE (4u << 20)     /* existing files larger than this count as changed */

void kith_vcard_text(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '\\': strbuf_addstr(out, "\\\\"); break;
		case ',': strbuf_addstr(out, "\\,"); break;
		case ';': strbuf_addstr(out, "\\;"); break;
		case '\n': strbuf_addstr(out, "\\n"); break;
		case '\r':
			if (s[1] != '\n')
				strbuf_addstr(out, "\\n");
			break;
		default:
			if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
				break; /* other controls have no place in a vCard */
			strbuf_addch(out, ch);
		}
	}
}

void kith_vcard_param(struct strbuf *out, const char *s)
{
	int quote = strpbrk(s, ";:,") != NULL;
	if (quote)
		strbuf_addch(out, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '^': strbuf_addstr(out, "^^"); break;
		case '\n': strbuf_addstr(out, "^n"); break;
		case '"': strbuf_addstr(out, "^'"); break;
		case '\r':
			if (s[1] != '\n')
				strbuf_addstr(out, "^n");
			break;
		default:
			if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
				break;
			strbuf_addch(out, ch);
		}
	}
	if (quote)
		strbuf_addch(out, '"');
}

void kith_vcard_fold(struct strbuf *out, const char *line, size_t len)
{
	size_t pos = 0, limit = FOLD_AT;
	for (;;) {
		size_t end = len - pos <= limit ? len : pos + limit;
		if (end < len) {
			size_t cut = end;
			/* never cut before a UTF-8 continuation byte */
			while (cut > pos && ((unsigned char)line[cut] & 0xC0) == 0x80)
				cut--;
			if (cut > pos)
				end = cut;
		}
		strbuf_add(out, line + pos, end - pos);
		strbuf_addstr(out, "\r\n");
		if (end >= len)
			break;
		strbuf_addch(out, ' ');
		pos = end;
		limit = FOLD_AT - 1; /* the leading space counts */
	}
}

/* Emit the content line in *line (then empty it). */
static void flush(struct strbuf *out, struct strbuf *line)
{
	kith_vcard_fold(out, line->buf, line->len);
	strbuf_reset(line);
}

/* NAME:escaped-text, when s is set */
static void text_prop(struct strbuf *out, struct strbuf *line, const char *name, const char *s)
{
	if (!s || !*s)
		return;
	strbuf_addstr(line, name);
	strbuf_addch(line, ':');
	kith_vcard_text(line, s);
	flush(out, line);
}

/* RFC 6350 form of a stored date: drop the separating hyphens, keep the "--" of a missing year. */
static void date_v4(struct strbuf *line, const char *d)
{
	size_t i = 0;
	if (d[0] == '-' && d[1] == '-') {
		strbuf_addstr(line, "--");
		i = 2;
	}
	for (; d[i]; i++)
		if (d[i] != '-')
			strbuf_addch(line, d[i]);
}

static void date_value(struct strbuf *line, const char *d, int version)
{
	if (version >= 4)
		date_v4(line, d);
	else
		strbuf_addstr(line, d); /* 3.0: YYYY-MM-DD or --MM-DD, as stored */
}

static int is_linkedin(const char *url)
{
	const char *h = strstr(url, "://");
	size_t n;
	h = h ? h + 3 : url;
	n = strcspn(h, "/?#:");
	/* linkedin.com or any subdomain of it (www., de.) */
	if (n < 12)
		return 0;
	return !strncasecmp(h + n - 12, "linkedin.com", 12) && (n == 12 || h[n - 13] == '.');
}

void kith_vcard_person(struct strbuf *out, const struct kith_person *p,
		       const struct kith_vcard_opts *o)
{
	struct strbuf line = STRBUF_INIT;
	int v4 = o->version >= 4;
	const char *name = p->name ? p->name : "";
	size_t nlen = strlen(name), cut;
	char *given;
	char buf[64];

	strbuf_addstr(out, "BEGIN:VCARD\r\n");
	strbuf_addstr(out, v4 ? "VERSION:4.0\r\n" : "VERSION:3.0\r\n");
	strbuf_addf(&line, "PRODID:-//kith//kith %s//EN", o->prodid ? o->prodid : "unknown");
	flush(out, &line);
	text_prop(out, &line, "UID", p->uid);
	strbuf_addstr(&line, "FN:");
	kith_vcard_text(&line, name);
	flush(out, &line);

	/* N: the last word is the family name, the words before it given names;
	   a single word is a given name */
	while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
		nlen--;
	cut = nlen;
	while (cut && name[cut - 1] != ' ' && name[cut - 1] != '\t')
		cut--;
	strbuf_addstr(&line, "N:");
	if (cut == 0) {
		given = xstrdup(name);
		given[nlen] = '\0';
		strbuf_addch(&line, ';');
	} else {
		size_t g = cut;
		given = xstrdup(name + cut);
		given[nlen - cut] = '\0';
		kith_vcard_text(&line, given); /* the family name */
		strbuf_addch(&line, ';');
		free(given);
		while (g && (name[g - 1] == ' ' || name[g - 1] == '\t'))
			g--;
		given = xstrdup(name);
		given[g] = '\0';
	}
	{
		const char *gs = given;
		while (*gs == ' ' || *gs == '\t')
			gs++;
		kith_vcard_text(&line, gs);
	}
	free(given);
	strbuf_addstr(&line, ";;;");
	flush(out, &line);

	for (size_t i = 0; i < p->emails.n; i++) {
		strbuf_addstr(&line, v4 ? "EMAIL:" : "EMAIL;TYPE=INTERNET:");
		kith_vcard_text(&line, p->emails.v[i]);
		flush(out, &line);
	}
	for (size_t i = 0; i < p->phones.n; i++)
		text_prop(out, &line, "TEL", p->phones.v[i]);
	if (p->org && *p->org) {
		strbuf_addstr(&line, "ORG:");
		kith_vcard_text(&line, p->org);
		flush(out, &line);
	}
	text_prop(out, &line, "TITLE", p->title);
	for (size_t i = 0; i < p->links.n; i++) {
		const char *u = p->links.v[i];
		strbuf_addstr(&line, is_linkedin(u) ? "X-SOCIALPROFILE;TYPE=linkedin:" : "URL:");
		kith_vcard_text(&line, u);
		flush(out, &line);
	}
	if (p->tags.n) {
		strbuf_addstr(&line, "CATEGORIES:");
		for (size_t i = 0; i < p->tags.n; i++) {
			if (i)
				strbuf_addch(&line, ',');
			kith_vcard_text(&line, p->tags.v[i]);
		}
		flush(out, &line);
	}
	if (p->birthday && *p->birthday) {
		strbuf_addstr(&line, "BDAY:");
		date_value(&line, p->birthday, o->version);
		flush(out, &line);
	}
	text_prop(out, &line, "NOTE", p->notes);

	/* what vCard has no property for */
	strbuf_addf(&line, "X-KITH-CIRCLE:%s", kith_circle_name(p->circle));
	flush(out, &line);
	if (p->own.ideal >= 0) {
		strbuf_addf(&line, "X-KITH-CADENCE:%s", kith_cadence_format(&p->own, buf, sizeof(buf)));
		flush(out, &line);
	}
	text_prop(out, &line, "X-KITH-MET", p->met);
	text_prop(out, &line, "X-KITH-LOCATION", p->location);
	text_prop(out, &line, "X-KITH-ROLE", p->role);
	for (size_t i = 0; i < p->goals.n; i++)
		text_prop(out, &line, "X-KITH-GOAL", p->goals.v[i]);
	for (size_t i = 0; i < p->n_dates; i++) {
		if (!p->dates[i].date)
			continue;
		strbuf_addstr(&line, "X-KITH-DATE;LABEL=");
		kith_vcard_param(&line, p->dates[i].label ? p->dates[i].label : "");
		strbuf_addch(&line, ':');
		date_value(&line, p->dates[i].date, o->version);
		flush(out, &line);
	}
	if (o->rev != KITH_NO_DAY) {
		char d[KITH_DATE_BUFSZ];
		kith_day_format(o->rev, d);
		if (v4) {
			strbuf_addstr(&line, "REV:");
			date_v4(&line, d);
			strbuf_addstr(&line, "T000000Z");
		} else {
			strbuf_addf(&line, "REV:%sT00:00:00Z", d);
		}
		flush(out, &line);
	}
	strbuf_addstr(out, "END:VCARD\r\n");
	strbuf_release(&line);
}

/* ---- the vdir writer ---- */

/* s without its REV line(s), into out (for comparing two cards) */
static void strip_rev(struct strbuf *out, const char *s, size_t len)
{
	size_t i = 0;
	strbuf_reset(out);
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) + 1 : len;
		if (!(end - i >= 4 && !strncasecmp(s + i, "REV:", 4)))
			strbuf_add(out, s + i, end - i);
		i = end;
	}
}

/* Read path into sb (at most MAX_COMPARE bytes). 1 read, 0 missing or too big, -1 error. */
static int read_existing(const char *path, struct strbuf *sb)
{
	if (kith_read_file(path, sb, MAX_COMPARE) == 0)
		return 1;
	/* none there, or too large to compare: write it */
	return errno == ENOENT || errno == EFBIG ? 0 : -1;
}

void kith_vcard_file_name(struct strbuf *out, const char *uid, int64_t id)
{
	static const char hex[] = "0123456789ABCDEF";
	if (!uid || !*uid || strlen(uid) > 200) {
		strbuf_addf(out, "kith-%lld.vcf", (long long)id);
		return;
	}
	for (const char *s = uid; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		    strchr("-_@+=", ch) || (ch == '.' && s != uid)) {
			strbuf_addch(out, ch);
		} else {
			strbuf_addch(out, '%');
			strbuf_addch(out, hex[ch >> 4]);
			strbuf_addch(out, hex[ch & 15]);
		}
	}
	strbuf_addstr(out, ".vcf");
}

/* dir/<uid>.vcf into path */
static void file_name(struct strbuf *path, const char *dir, const struct kith_person *p)
{
	kith_path_join(path, dir, "");
	kith_vcard_file_name(path, p->uid, p->id);
}

/*
 * Replace path with data atomically (util/file.h), so a reader sees the old
 * card or the new one, never half of one. With `sync` the data is on disk
 * before the rename (see the end of kith_vcard_export_dir for when it is not).
 */
static enum kith_rc replace_file(struct kith *k, const char *dir, const char *path,
				 const char *data, size_t len, int sync)
{
	struct strbuf err = STRBUF_INIT;
	enum kith_rc rc = KITH_OK;
	if (kith_replace_file(dir, ".kith-export-XXXXXX", path, data, len, sync, &err) < 0)
		rc = kith_fail(k, KITH_ERR, "%s", err.buf);
	strbuf_release(&err);
	return rc;
}

enum kith_rc kith_vcard_export_dir(struct kith *k, const char *dir,
				   const struct kith_vcard_opts *o,
				   struct kith_vcard_stats *st)
{
	struct kith_vcard_stats s = { 0, 0, 0 };
	struct strbuf card = STRBUF_INIT, old = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	struct strbuf path = STRBUF_INIT;
	struct kith_person_reader *reader = NULL;
	sqlite3_stmt *st_ids = NULL;
	enum kith_rc rc = KITH_OK;
	struct stat sbuf;
	int64_t unsynced = 0;
	int r;

	if (!dir || !*dir) {
		rc = kith_fail(k, KITH_EINPUT, "no folder given");
		goto cleanup;
	}
	if (stat(dir, &sbuf) == 0 && !S_ISDIR(sbuf.st_mode)) {
		rc = kith_fail(k, KITH_EINPUT, "'%s' is not a folder", dir);
		goto cleanup;
	}
	if (kith_mkdirs(dir) < 0) {
		rc = kith_fail(k, errno == ENOTDIR ? KITH_EINPUT : KITH_ERR,
			       "cannot create folder '%s': %s", dir, strerror(errno));
		goto cleanup;
	}
	st_ids = kith_prepare(k, "SELECT id FROM person ORDER BY id");
	reader = kith_person_reader_new(k);
	if (!st_ids || !reader) {
		rc = KITH_ERR;
		goto cleanup;
	}
	while ((r = sqlite3_step(st_ids)) == SQLITE_ROW) {
		struct kith_person p;
		int ex;
		memset(&p, 0, sizeof(p));
		rc = kith_person_reader_get(reader, sqlite3_column_int64(st_ids, 0), &p);
		if (rc != KITH_OK) {
			kith_person_release(&p);
			goto cleanup;
		}
		strbuf_reset(&card);
		kith_vcard_person(&card, &p, o);
		file_name(&path, dir, &p);
		kith_person_release(&p);
		s.people++;

		ex = read_existing(path.buf, &old);
		if (ex < 0) {
			rc = kith_fail(k, KITH_ERR, "cannot read '%s': %s", path.buf, strerror(errno));
			goto cleanup;
		}
		if (ex > 0) {
			strip_rev(&a, card.buf, card.len);
			strip_rev(&b, old.buf, old.len);
			if (a.len == b.len && !memcmp(a.buf, b.buf, a.len)) {
				s.unchanged++;
				continue;
			}
		}
		/* a card that replaces one is synced first; a new one waits for the end */
		rc = replace_file(k, dir, path.buf, card.buf, card.len, ex > 0 || !DEFER_SYNC);
		if (rc != KITH_OK)
			goto cleanup;
		if (ex == 0 && DEFER_SYNC)
			unsynced++;
		s.written++;
	}
	if (r != SQLITE_DONE) {
		rc = kith_fail_db(k, "listing people");
		goto cleanup;
	}
	/*
	 * Durability. A card that replaces an older one was fsynced before its
	 * rename, so a crash leaves either card, never an empty file where a
	 * good card was. New cards are not synced one by one: at 100,000
	 * people one fsync per file is most of the export's time. They are
	 * all made durable here, with one syncfs() of the folder's file
	 * system (where there is no syncfs, each file is synced as before), before the
	 * folder itself is synced and the export reports success. A crash in
	 * between can leave some new cards missing or empty; no older data
	 * is lost, and the next export rewrites them (an empty or partial
	 * file differs from its card).
	 */
	if (s.written) {
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			rc = kith_fail(k, KITH_ERR, "cannot open '%s': %s", dir, strerror(errno));
			goto cleanup;
		}
#ifdef __linux__
		if (unsynced && syncfs(dfd) < 0) {
			rc = kith_fail(k, KITH_ERR, "cannot sync '%s': %s", dir, strerror(errno));
			close(dfd);
			goto cleanup;
		}
#endif
		/* make the renames durable */
		(void)fsync(dfd);
		close(dfd);
	}
cleanup:
	sqlite3_finalize(st_ids);
	kith_person_reader_free(reader);
	strbuf_release(&card);
	strbuf_release(&old);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&path);
	if (st)
		*st = s;
	return rc;
}
