/*
 * The vCard reader (lib/vcard.c) on small synthetic cards and on the shared
 * real files, and the contact merge rules (lib/contact.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/contact.h"
#include "kith/person.h"
#include "kith/vcard.h"
#include "tap.h"
#include "testdb.h"

/* Read the first card of s (len 0: strlen). Returns kith_vcard_next's result. */
static int read1(const char *s, size_t len, struct kith_contact *c, struct kith_vcard_reader *r)
{
	int got;
	kith_contact_init(c);
	if (kith_vcard_reader_init(r, s, len ? len : strlen(s)))
		return -2;
	got = kith_vcard_next(r, c);
	return got;
}

static int has(const struct kith_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

static void test_basics(void)
{
	struct kith_vcard_reader r;
	struct kith_contact c;

	/* 3.0, CRLF, fold, escapes, groups, several emails, categories */
	CHECK_INT(read1("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\n  Lovelace\r\nN:Lovelace;Ada;;;\r\n"
			"item1.EMAIL;TYPE=INTERNET,pref:ada@example.org\r\nitem1.X-ABLabel:_$!<Home>!$_\r\n"
			"EMAIL;type=WORK:ADA@analytical.example\r\nTEL;TYPE=cell:+44 20 7946 0000\r\n"
			"ORG:Analytical Engines\\, Ltd;Research\r\nTITLE:Countess\r\n"
			"NOTE:first\\nsecond\\, with comma\\; semicolon \\\\ backslash\r\n"
			"CATEGORIES:Friends,Work Mates\r\nURL:https://www.linkedin.com/in/ada/\r\n"
			"UID:abc-1\r\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\nEND:VCARD\r\n", 0, &c, &r), 1);
	CHECK_STR(c.name, "Ada Lovelace");
	CHECK_INT(c.emails.n, 2);
	CHECK(has(&c.emails, "ada@example.org"));
	CHECK(has(&c.phones, "+44 20 7946 0000"));
	CHECK_STR(c.org, "Analytical Engines, Ltd");
	CHECK_STR(c.title, "Countess");
	CHECK_STR(c.notes, "first\nsecond, with comma; semicolon \\ backslash");
	CHECK(has(&c.tags, "friends") && has(&c.tags, "work-mates"));
	CHECK(has(&c.links, "https://www.linkedin.com/in/ada/"));
	CHECK_STR(c.uid, "abc-1");
	CHECK_INT(kith_vcard_next(&r, &c), 0);
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* N when there is no FN; LF only; \r\r\n; BOM */
	CHECK_INT(read1("\xEF\xBB\xBF" "BEGIN:VCARD\r\r\nVERSION:2.1\r\r\nN:Hopper;Grace;Brewster;;\r\r\nEND:VCARD\r\r\n",
			0, &c, &r), 1);
	CHECK_STR(c.name, "Grace Brewster Hopper");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* a fold through a UTF-8 sequence rejoins the bytes */
	CHECK_INT(read1("BEGIN:VCARD\nFN:J\xC3\n \xBCrgen\nEND:VCARD\n", 0, &c, &r), 1);
	CHECK_STR(c.name, "J\xC3\xBCrgen");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);
}

static void test_encodings(void)
{
	struct kith_vcard_reader r;
	struct kith_contact c;
	/* UTF-16LE with BOM: "BEGIN:VCARD\nFN:Zoë\nEND:VCARD\n" */
	const char *src = "BEGIN:VCARD\nFN:Zo\xC3\xAB\nEND:VCARD\n";
	char le[128], be[128];
	size_t n = 2;

	le[0] = (char)0xFF, le[1] = (char)0xFE, be[0] = (char)0xFE, be[1] = (char)0xFF;
	for (const char *p = src; *p; p++) {
		unsigned u = (unsigned char)*p;
		if (u == 0xC3) {
			u = 0xEB; /* ë */
			p++;
		}
		le[n] = (char)u, le[n + 1] = 0;
		be[n] = 0, be[n + 1] = (char)u;
		n += 2;
	}
	CHECK_INT(read1(le, n, &c, &r), 1);
	CHECK_STR(c.name, "Zo\xC3\xAB");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);
	CHECK_INT(read1(be, n, &c, &r), 1);
	CHECK_STR(c.name, "Zo\xC3\xAB");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* quoted-printable, soft break through a UTF-8 sequence, CHARSET=ISO-8859-1 */
	CHECK_INT(read1("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=\r\n=BCrgen\r\n"
			"NOTE;CHARSET=ISO-8859-1;QUOTED-PRINTABLE:caf=E9=0D=0Ana=EFve\r\nEND:VCARD\r\n", 0, &c, &r), 1);
	CHECK_STR(c.name, "J\xC3\xBCrgen");
	CHECK_STR(c.notes, "caf\xC3\xA9\nna\xC3\xAFve");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* declared Windows-1253 in quoted-printable */
	CHECK_INT(read1("BEGIN:VCARD\nFN;CHARSET=Windows-1253;ENCODING=QUOTED-PRINTABLE:=C1=E8=DE=ED=E1\nEND:VCARD\n",
			0, &c, &r), 1);
	CHECK_STR(c.name, "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* undeclared Windows-1252 bytes */
	CHECK_INT(read1("BEGIN:VCARD\nFN:Ren\xE9 \x80uro\nEND:VCARD\n", 0, &c, &r), 1);
	CHECK_STR(c.name, "Ren\xC3\xA9 \xE2\x82\xACuro");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* RFC 6868 in a parameter does not disturb the value; a quoted ':' in a parameter */
	CHECK_INT(read1("BEGIN:VCARD\nFN;X-P=\"a^'b^n:c^^\":Ada\nEND:VCARD\n", 0, &c, &r), 1);
	CHECK_STR(c.name, "Ada");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);
}

static void test_bday(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "BDAY:--0415", "--04-15" },
		{ "BDAY:--04-15", "--04-15" },
		{ "BDAY:16040415", "--04-15" },
		{ "BDAY:1604-04-15", "--04-15" },
		{ "BDAY:19900415", "1990-04-15" },
		{ "BDAY:1990-04-15", "1990-04-15" },
		{ "BDAY;VALUE=date-time:1990-04-15T10:00:00Z", "1990-04-15" },
		{ "BDAY;VALUE=text:circa 1800", NULL },
		{ "BDAY:1990-02-30", NULL },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kith_vcard_reader r;
		struct kith_contact c;
		char buf[256];
		snprintf(buf, sizeof(buf), "BEGIN:VCARD\nFN:X\n%s\nEND:VCARD\n", cases[i].in);
		CHECK_INT(read1(buf, 0, &c, &r), 1);
		if (cases[i].want)
			CHECK_STR(c.birthday, cases[i].want);
		else
			CHECK_MSG(c.birthday == NULL, cases[i].in);
		kith_contact_release(&c);
		kith_vcard_reader_release(&r);
	}
}

static void test_errors(void)
{
	struct kith_vcard_reader r;
	struct kith_contact c;
	struct kith_strlist big = KITH_STRLIST_INIT;
	char *s;
	size_t n;

	/* no END: error at the card's line, then the next card reads */
	CHECK_INT(read1("\nBEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n", 0, &c, &r), -1);
	CHECK_INT(r.err_line, 2);
	CHECK(strstr(r.err, "END:VCARD") != NULL);
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "B");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* text without a colon after END:VCARD does not hide the END */
	CHECK_INT(read1("BEGIN:VCARD\nFN:A\nEND:VCARD\ngarbage\nBEGIN:VCARD\nFN:B\nEND:VCARD\n", 0, &c, &r), 1);
	CHECK_STR(c.name, "A");
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "B");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* no name */
	CHECK_INT(read1("BEGIN:VCARD\nNOTE:a\nEND:VCARD\nBEGIN:VCARD\nFN:C\nEND:VCARD", 0, &c, &r), -1);
	CHECK(strstr(r.err, "no name") != NULL);
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "C");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* no name but an organization, an email or a phone: named by the first of them */
	CHECK_INT(read1("BEGIN:VCARD\nTEL:+1 2\nEMAIL:a@b.c\nEND:VCARD\nBEGIN:VCARD\nTEL:+1 2\nORG:Acme\nEND:VCARD\n"
			"BEGIN:VCARD\nTEL;TYPE=cell:+1 2\nEND:VCARD", 0, &c, &r), 1);
	CHECK_STR(c.name, "a@b.c");
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "Acme");
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "+1 2");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);

	/* truncated */
	CHECK_INT(read1("BEGIN:VCARD\nFN:A\n", 0, &c, &r), -1);
	CHECK_INT(kith_vcard_next(&r, &c), 0);
	kith_vcard_reader_release(&r);

	/* a line longer than the limit */
	n = KITH_VCARD_MAX_LINE + 100;
	s = malloc(n + 64);
	memcpy(s, "BEGIN:VCARD\nNOTE:", 17);
	memset(s + 17, 'x', n);
	memcpy(s + 17 + n, "\nFN:A\nEND:VCARD\n", 17);
	CHECK_INT(read1(s, 0, &c, &r), -1);
	CHECK(strstr(r.err, "longer") != NULL);
	CHECK_INT(r.err_line, 2);
	kith_vcard_reader_release(&r);
	/* ... but a long photo is skipped quietly */
	memcpy(s + 12, "PHOTO:", 6);
	memset(s + 18, 'x', n - 1);
	CHECK_INT(read1(s, 0, &c, &r), 1);
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);
	free(s);

	/* too many properties */
	{
		struct strbuf_like { char *b; size_t len; } sb = { malloc(20 * 1100 + 64), 0 };
		sb.len = (size_t)snprintf(sb.b, 64, "BEGIN:VCARD\nFN:A\n");
		for (int i = 0; i < 1001; i++)
			sb.len += (size_t)snprintf(sb.b + sb.len, 20, "X-A:%d\n", i);
		sb.len += (size_t)snprintf(sb.b + sb.len, 20, "END:VCARD\n");
		CHECK_INT(read1(sb.b, sb.len, &c, &r), -1);
		CHECK(strstr(r.err, "properties") != NULL);
		kith_vcard_reader_release(&r);
		free(sb.b);
	}
	/* a file that is too large is refused before reading */
	CHECK_INT(kith_vcard_reader_init(&r, "", (size_t)KITH_VCARD_MAX_FILE + 1), -1);
	kith_vcard_reader_release(&r);
	kith_strlist_release(&big);
}

/* Read a whole shared file; NULL when absent. */
static char *load(const char *dir, const char *name, size_t *len)
{
	char path[1024];
	FILE *fp;
	char *buf;
	long n;

	snprintf(path, sizeof(path), "%s/vcards/%s", dir, name);
	if (!(fp = fopen(path, "rb")))
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	return buf;
}

/* The card at index `which` of a shared file (0 when absent). */
static int shared_card(const char *dir, const char *name, int which, struct kith_contact *c)
{
	struct kith_vcard_reader r;
	size_t len = 0;
	char *buf = load(dir, name, &len);
	int got = 0;

	kith_contact_init(c);
	if (!buf)
		return 0;
	if (!kith_vcard_reader_init(&r, buf, len))
		for (int i = 0; i <= which && (got = kith_vcard_next(&r, c)) != 0; i++)
			;
	kith_vcard_reader_release(&r);
	free(buf);
	return got;
}

static void test_shared(void)
{
	const char *dir = getenv("KITH_SHARED_DATA") ? getenv("KITH_SHARED_DATA") : "../shared/data";
	struct kith_contact c;
	char path[1024];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/vcards/SOURCES.md", dir);
	if (!(fp = fopen(path, "r"))) {
		printf("ok # skip shared vCards not found in %s\n", dir);
		return;
	}
	fclose(fp);

	CHECK_INT(shared_card(dir, "issue__radicale1986-google-blank-line-in-FN.vcf", 0, &c), 1);
	CHECK_STR(c.name, "G\xC3\xA1" "bor B\xC3\xA9la Szab\xC3\xB3-Gy\xC3\xB6ngy\xC3\xB6si");
	CHECK(has(&c.phones, "+36 30 123 1234"));
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "folkerkinzel__v3Utf16Bom.vcf", 1, &c), 1);
	CHECK_STR(c.name, "KMS Au\xC3\x9f" "enstelle");
	CHECK(has(&c.emails, "blabl\xC3\xB6@blub.com"));
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "folkerkinzel__v2_1.vcf", 0, &c), 1);
	CHECK_STR(c.birthday, "1972-01-31");
	CHECK(c.notes && strstr(c.notes, "\xC3\x84\xC3\x84\xC3\x84") != NULL);
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "radicale__contact4-with-bday-no-year.vcf", 0, &c), 1);
	CHECK_STR(c.birthday, "--01-01");
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "ezvcard__rfc6350-example.vcf", 0, &c), 1);
	CHECK_STR(c.name, "Simon Perreault");
	CHECK_STR(c.birthday, "--02-03");
	CHECK(has(&c.emails, "simon.perreault@viagenie.ca"));
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "ezvcard__John_Doe_IPHONE.vcf", 0, &c), 1);
	CHECK(has(&c.emails, "john.doe@ibm.com"));
	CHECK_STR(c.org, "IBM");
	CHECK_INT(c.phones.n, 7);
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "synthetic__fold-splits-utf8-sequence.vcf", 0, &c), 1);
	CHECK(c.notes && strstr(c.notes, "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E") != NULL);
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "radicale__vcard-quoted-printable1.vcf", 0, &c), 1);
	CHECK_STR(c.name, "\xE9\xBB\x84\xE4\xB8\x96\xE5\x8B\x87");
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "folkerkinzel__AnsiIssueNoEncoding.vcf", 0, &c), 1);
	CHECK(c.name && !strchr(c.name, '\xE4') && c.location && strstr(c.location, "Kleindorf"));
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "vcard4android__allfields-vcard3.vcf", 0, &c), 1);
	CHECK(has(&c.tags, "a") && has(&c.tags, "b'c"));
	CHECK_STR(c.birthday, "1996-04-15");
	kith_contact_release(&c);

	/* undeclared Windows-1253, named only by another property's CHARSET */
	CHECK_INT(shared_card(dir, "folkerkinzel__Greek-cp1253.vcf", 0, &c), 1);
	CHECK_STR(c.name, "\xCE\x92\xCE\xB1\xCE\xB3\xCE\xB3\xCE\xAD\xCE\xBB\xCE\xB7\xCF\x82");
	CHECK_STR(c.location, "\xCE\x91\xCE\xB8\xCE\xAE\xCE\xBD\xCE\xB1");
	kith_contact_release(&c);

	CHECK_INT(shared_card(dir, "khard__unparsable.vcf", 0, &c), -1);
	kith_contact_release(&c);
}

static void test_merge(void)
{
	struct kith *k = testdb_open(kith_day_from_civil(2026, 11, 26));
	struct kith_contact_merger *m = kith_contact_merger_new(k, -1);
	struct kith_import_stats st = { 0, 0, 0, 0, 0, 0 };
	struct kith_contact c;
	struct kith_person p;
	int64_t ada = 0, id = 0;

	kith_contact_init(&c);
	c.name = strdup("Ada Lovelace");
	kith_strlist_push(&c.emails, "ada@example.org");
	kith_strlist_push(&c.links, "http://linkedin.com/in/AdaL?trk=x");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &ada), KITH_OK);
	CHECK_INT(st.added, 1);

	/* the same again: unchanged */
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	CHECK_INT(id, ada);
	CHECK_INT(st.unchanged, 1);
	kith_contact_release(&c);

	/* by LinkedIn URL (another spelling), with a new email and org: updated */
	c.name = strdup("A. Lovelace");
	kith_strlist_push(&c.links, "https://www.linkedin.com/in/adal/");
	kith_strlist_push(&c.emails, "ada@work.example");
	c.org = strdup("Engines");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	CHECK_INT(id, ada);
	CHECK_INT(st.updated, 1);
	kith_contact_release(&c);
	CHECK_INT(kith_person_get(k, ada, &p), KITH_OK);
	CHECK_STR(p.name, "Ada Lovelace"); /* nothing overwritten */
	CHECK_STR(p.org, "Engines");
	CHECK_INT(p.emails.n, 2);
	kith_person_release(&p);

	/* by email, case-insensitive */
	c.name = strdup("Someone Else");
	kith_strlist_push(&c.emails, "ADA@WORK.example");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	CHECK_INT(id, ada);
	kith_contact_release(&c);

	/* a name alone matches, but not when the emails differ */
	c.name = strdup("ada  LOVELACE");
	kith_strlist_push(&c.tags, "Friends");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	CHECK_INT(id, ada);
	kith_strlist_push(&c.emails, "other@example.net");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	CHECK(id != ada);
	CHECK_INT(st.added, 2);
	kith_contact_release(&c);

	/* the name is now ambiguous: a third card is a new person */
	c.name = strdup("Ada Lovelace");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	CHECK_INT(st.added, 3);
	kith_contact_release(&c);

	/* by phone */
	c.name = strdup("Grace");
	kith_strlist_push(&c.phones, "+1 (555) 010-9999");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_OK);
	kith_contact_release(&c);
	c.name = strdup("Grace Hopper");
	kith_strlist_push(&c.phones, "+15550109999");
	c.birthday = strdup("--12-09");
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &ada), KITH_OK);
	CHECK_INT(ada, id);
	kith_contact_release(&c);

	/* no name */
	CHECK_INT(kith_contact_merger_add(m, &c, &st, &id), KITH_EINPUT);
	CHECK_INT(kith_contact_merge(k, &c, -1, NULL, NULL), KITH_EINPUT);

	kith_contact_merger_free(m);
	testdb_close(k);
}

/*
 * One reader for many inputs (a folder of cards): what a restart reads is
 * its own input only, also after a UTF-16 one (converted into a copy the
 * reader owns) and after an input it could not read.
 */
static void test_restart(void)
{
	static const char a[] = "BEGIN:VCARD\r\nFN:Ada Lovelace\r\nCATEGORIES:Math,Poetry\r\n"
				"NOTE:a long note\\, with an escape\r\nEND:VCARD\r\n";
	static const char b[] = "BEGIN:VCARD\nN:Hopper;Grace;;;\nEMAIL:grace@example.org\nEND:VCARD\n";
	/* "BEGIN:VCARD\nFN:Zoë\nEND:VCARD\n" in UTF-16LE with its BOM */
	static const char u16[] = "\xff\xfe" "B\0E\0G\0I\0N\0:\0V\0C\0A\0R\0D\0\n\0F\0N\0:\0Z\0o\0\xeb\0\n\0"
				  "E\0N\0D\0:\0V\0C\0A\0R\0D\0\n\0";
	struct kith_vcard_reader r;
	struct kith_contact c;

	memset(&r, 0, sizeof(r));
	kith_contact_init(&c);
	CHECK_INT(kith_vcard_reader_restart(&r, a, sizeof(a) - 1), 0);
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "Ada Lovelace");
	CHECK_STR(c.notes, "a long note, with an escape");
	CHECK_INT(c.tags.n, 2);
	CHECK_INT(kith_vcard_next(&r, &c), 0);
	CHECK_INT(kith_vcard_reader_restart(&r, u16, sizeof(u16) - 1), 0);
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "Zo\xc3\xab");
	CHECK_INT(kith_vcard_reader_restart(&r, b, sizeof(b) - 1), 0);
	CHECK_INT(r.line, 1);
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "Grace Hopper");
	CHECK_INT(c.tags.n, 0);
	CHECK(c.notes == NULL);
	CHECK_INT(r.card_line, 1);
	CHECK_INT(kith_vcard_reader_restart(&r, "", (size_t)KITH_VCARD_MAX_FILE + 1), -1);
	CHECK(r.err[0] != '\0');
	CHECK_INT(kith_vcard_reader_restart(&r, a, sizeof(a) - 1), 0);
	CHECK_STR(r.err, "");
	CHECK_INT(kith_vcard_next(&r, &c), 1);
	CHECK_STR(c.name, "Ada Lovelace");
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);
}

int main(void)
{
	test_basics();
	test_restart();
	test_encodings();
	test_bday();
	test_errors();
	test_shared();
	test_merge();
	return tap_done();
}
