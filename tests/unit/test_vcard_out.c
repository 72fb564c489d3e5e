/* vCard out: escaping, folding, every property, 3.0 vs 4.0, the dir writer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith/date.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "kith/vcard_out.h"
#include "tap.h"
#include "testdb.h"

static char *text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	kith_vcard_text(&sb, s);
	return strbuf_detach(&sb);
}

static char *param(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	kith_vcard_param(&sb, s);
	return strbuf_detach(&sb);
}

static void test_escape(void)
{
	char *s;
	s = text("a\\b,c;d\ne");
	CHECK_STR(s, "a\\\\b\\,c\\;d\\ne");
	free(s);
	s = text("crlf\r\nlone\rcr\x01x\x7f" "y\tz");
	CHECK_STR(s, "crlf\\nlone\\ncrxy\tz");
	free(s);
	s = text("plain ünï ✓ : colon");
	CHECK_STR(s, "plain ünï ✓ : colon");
	free(s);
	s = param("a^b\"c\nd");
	CHECK_STR(s, "a^^b^'c^nd");
	free(s);
	s = param("work; anniversary");
	CHECK_STR(s, "\"work; anniversary\"");
	free(s);
	s = param("x:y");
	CHECK_STR(s, "\"x:y\"");
	free(s);
	s = param("simple");
	CHECK_STR(s, "simple");
	free(s);
}

/* every physical line ≤ 75 octets, CRLF ends, no line starts inside a UTF-8
   sequence, and unfolding gives back the input */
static int check_folded(const char *out, const char *orig)
{
	struct strbuf un = STRBUF_INIT;
	const char *s = out;
	int ok = 1, first = 1;
	while (*s) {
		const char *e = strstr(s, "\r\n");
		size_t n;
		if (!e)
			return 0;
		n = (size_t)(e - s);
		if (n > 75)
			ok = 0;
		if (!first) {
			if (s[0] != ' ')
				ok = 0;
			if (((unsigned char)s[1] & 0xC0) == 0x80)
				ok = 0;
			strbuf_add(&un, s + 1, n - 1);
		} else {
			strbuf_add(&un, s, n);
		}
		if (n && ((unsigned char)s[n - 1] & 0xC0) == 0xC0)
			ok = 0; /* a lead byte at the end of a line: split */
		first = 0;
		s = e + 2;
	}
	if (strcmp(un.buf, orig))
		ok = 0;
	strbuf_release(&un);
	return ok;
}

static void test_fold(void)
{
	struct strbuf sb = STRBUF_INIT, in = STRBUF_INIT;
	kith_vcard_fold(&sb, "FN:short", 8);
	CHECK_STR(sb.buf, "FN:short\r\n");

	/* exactly 75 octets: no fold; 76: one */
	for (int i = 0; i < 75; i++)
		strbuf_addch(&in, 'x');
	strbuf_reset(&sb);
	kith_vcard_fold(&sb, in.buf, in.len);
	CHECK_INT(sb.len, 77);
	CHECK(check_folded(sb.buf, in.buf));
	strbuf_addch(&in, 'y');
	strbuf_reset(&sb);
	kith_vcard_fold(&sb, in.buf, in.len);
	CHECK(strstr(sb.buf, "\r\n y\r\n") != NULL);
	CHECK(check_folded(sb.buf, in.buf));

	/* multi-byte characters at every offset across the fold points */
	for (int pad = 0; pad < 4; pad++) {
		for (const char *ch = "é"; ch; ch = !strcmp(ch, "é") ? "✓" : !strcmp(ch, "✓") ? "😀" : NULL) {
			strbuf_reset(&in);
			strbuf_addstr(&in, "NOTE:");
			for (int i = 0; i < pad; i++)
				strbuf_addch(&in, 'a');
			for (int i = 0; i < 80; i++)
				strbuf_addstr(&in, ch);
			strbuf_reset(&sb);
			kith_vcard_fold(&sb, in.buf, in.len);
			CHECK_MSG(check_folded(sb.buf, in.buf), "fold keeps UTF-8 sequences whole");
		}
	}
	strbuf_release(&sb);
	strbuf_release(&in);
}

static void test_person(struct kith *k)
{
	struct kith_person_change ch;
	struct kith_person p;
	struct strbuf sb = STRBUF_INIT;
	struct kith_vcard_opts o3 = { 3, "9.9", KITH_NO_DAY }, o4 = { 4, "9.9", KITH_NO_DAY };
	int64_t id = 0;

	kith_person_change_init(&ch);
	ch.name = "Ada Augusta Lovelace";
	ch.org = "Engines, Ltd";
	ch.title = "Countess";
	ch.location = "London";
	ch.met = "at a soirée";
	ch.notes = "one\ntwo";
	ch.birthday = "1815-12-10";
	ch.circle = 0;
	ch.role = "mentor";
	ch.set_cadence = 1;
	ch.cadence.ideal = 14;
	ch.cadence.max = 21;
	kith_strlist_push(&ch.add_emails, "ada@example.org");
	kith_strlist_push(&ch.add_phones, "+44 1");
	kith_strlist_push(&ch.add_links, "https://www.linkedin.com/in/ada");
	kith_strlist_push(&ch.add_links, "https://notlinkedin.com/x");
	kith_strlist_push(&ch.add_tags, "math");
	kith_strlist_push(&ch.add_tags, "poetry");
	kith_strlist_push(&ch.add_goals, "publish");
	kith_strlist_push(&ch.add_goals, "travel");
	kith_strlist_push(&ch.add_dates, "first day=2019-03-01");
	kith_strlist_push(&ch.add_dates, "name day=--07-26");
	CHECK_INT(kith_person_add(k, &ch, &id), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);

	kith_vcard_person(&sb, &p, &o3);
	CHECK(!strncmp(sb.buf, "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//kith//kith 9.9//EN\r\n", 55));
	CHECK(strstr(sb.buf, "\r\nUID:") != NULL);
	CHECK(strstr(sb.buf, "\r\nFN:Ada Augusta Lovelace\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nN:Lovelace;Ada Augusta;;;\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nEMAIL;TYPE=INTERNET:ada@example.org\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nTEL:+44 1\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nORG:Engines\\, Ltd\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nTITLE:Countess\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ada\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nURL:https://notlinkedin.com/x\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nCATEGORIES:math,poetry\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nBDAY:1815-12-10\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nNOTE:one\\ntwo\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-CIRCLE:inner\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-CADENCE:2w..3w\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-MET:at a soirée\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-LOCATION:London\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-ROLE:mentor\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-GOAL:publish\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-GOAL:travel\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-DATE;LABEL=first day:2019-03-01\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-DATE;LABEL=name day:--07-26\r\n") != NULL);
	CHECK(strstr(sb.buf, "REV:") == NULL);
	CHECK(sb.len > 11 && !strcmp(sb.buf + sb.len - 11, "END:VCARD\r\n"));

	strbuf_reset(&sb);
	o4.rev = 20000; /* a day number; only its form is checked */
	kith_vcard_person(&sb, &p, &o4);
	CHECK(strstr(sb.buf, "\r\nVERSION:4.0\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nEMAIL:ada@example.org\r\n") != NULL);
	CHECK(strstr(sb.buf, "TYPE=INTERNET") == NULL);
	CHECK(strstr(sb.buf, "\r\nBDAY:18151210\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-DATE;LABEL=first day:20190301\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nX-KITH-DATE;LABEL=name day:--0726\r\n") != NULL);
	{
		const char *r = strstr(sb.buf, "\r\nREV:");
		CHECK(r != NULL);
		if (r)
			CHECK(strlen(r) > 24 && r[14] == 'T' && !strncmp(r + 15, "000000Z\r\n", 9));
	}
	kith_person_release(&p);

	/* one word: a given name; no own cadence: no X-KITH-CADENCE; 3.0 and 4.0 --MMDD */
	kith_person_change_init(&ch);
	ch.name = "Cher";
	ch.birthday = "--05-20";
	CHECK_INT(kith_person_add(k, &ch, &id), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	strbuf_reset(&sb);
	kith_vcard_person(&sb, &p, &o3);
	CHECK(strstr(sb.buf, "\r\nN:;Cher;;;\r\n") != NULL);
	CHECK(strstr(sb.buf, "\r\nBDAY:--05-20\r\n") != NULL);
	CHECK(strstr(sb.buf, "X-KITH-CADENCE") == NULL);
	CHECK(strstr(sb.buf, "EMAIL") == NULL);
	CHECK(strstr(sb.buf, "CATEGORIES") == NULL);
	strbuf_reset(&sb);
	kith_vcard_person(&sb, &p, &o4);
	CHECK(strstr(sb.buf, "\r\nBDAY:--0520\r\n") != NULL);
	kith_person_release(&p);

	/* own cadence "none" is kept (it differs from inheriting) */
	kith_person_change_init(&ch);
	ch.name = "Nobody Special";
	ch.set_cadence = 1;
	CHECK_INT(kith_person_add(k, &ch, &id), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	strbuf_reset(&sb);
	kith_vcard_person(&sb, &p, &o3);
	CHECK(strstr(sb.buf, "\r\nX-KITH-CADENCE:none\r\n") != NULL);
	kith_person_release(&p);

	/* a long, multi-byte note folds on character boundaries */
	kith_person_change_init(&ch);
	ch.name = "Zoë Ünïcode";
	ch.notes = "ünïcödé ✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓✓ 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 end";
	CHECK_INT(kith_person_add(k, &ch, &id), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_person_get(k, id, &p), KITH_OK);
	strbuf_reset(&sb);
	kith_vcard_person(&sb, &p, &o3);
	{
		/* every line of the card: ≤ 75 octets, continuation lines never
		   start inside a character */
		const char *s = sb.buf;
		int ok = 1, folds = 0;
		while (*s) {
			const char *e = strstr(s, "\r\n");
			if (!e || e - s > 75 || (s[0] == ' ' && ((unsigned char)s[1] & 0xC0) == 0x80)) {
				ok = 0;
				break;
			}
			folds += s[0] == ' ';
			s = e + 2;
		}
		CHECK(ok);
		CHECK(folds >= 2);
	}
	kith_person_release(&p);
	strbuf_release(&sb);
}

static int count_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	closedir(d);
	return n;
}

static void test_dir(struct kith *k)
{
	char dir[256], sub[300], path[400];
	struct kith_vcard_opts o = { 3, "9.9", 20000 };
	struct kith_vcard_stats st;
	struct kith_person_change ch;
	int64_t id;
	FILE *fp;

	snprintf(dir, sizeof(dir), "%s/kith-vcf-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	CHECK(mkdtemp(dir) != NULL);
	snprintf(sub, sizeof(sub), "%s/a/b", dir);
	CHECK_INT(kith_vcard_export_dir(k, sub, &o, &st), KITH_OK);
	CHECK_INT(st.people, 4);
	CHECK_INT(st.written, 4);
	CHECK_INT(st.unchanged, 0);
	CHECK_INT(count_files(sub), 4);

	/* again, a day later: nothing written (REV alone does not count) */
	o.rev = 20001;
	CHECK_INT(kith_vcard_export_dir(k, sub, &o, &st), KITH_OK);
	CHECK_INT(st.written, 0);
	CHECK_INT(st.unchanged, 4);

	/* one change: one file */
	kith_person_change_init(&ch);
	ch.title = "Engineer";
	CHECK_INT(kith_resolve(k, "cher", 0, &id), KITH_OK);
	CHECK_INT(kith_person_edit(k, id, &ch), KITH_OK);
	kith_person_change_release(&ch);
	CHECK_INT(kith_vcard_export_dir(k, sub, &o, &st), KITH_OK);
	CHECK_INT(st.written, 1);
	CHECK_INT(st.unchanged, 3);

	/* a stranger's file is left alone; version 4 rewrites everyone */
	snprintf(path, sizeof(path), "%s/stranger.vcf", sub);
	fp = fopen(path, "w");
	CHECK(fp != NULL);
	if (fp) {
		fputs("BEGIN:VCARD\r\nEND:VCARD\r\n", fp);
		fclose(fp);
	}
	o.version = 4;
	CHECK_INT(kith_vcard_export_dir(k, sub, &o, &st), KITH_OK);
	CHECK_INT(st.written, 4);
	CHECK_INT(count_files(sub), 5);
	CHECK(access(path, F_OK) == 0);

	/* a file is not a folder: KITH_EINPUT */
	CHECK_INT(kith_vcard_export_dir(k, path, &o, &st), KITH_EINPUT);
	CHECK(strstr(kith_errmsg(k), "not a folder") != NULL);

	{
		char cmd[600];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		CHECK(system(cmd) == 0);
	}
}

int main(void)
{
	struct kith *k;
	kith_day today;
	today = kith_day_from_civil(2026, 11, 26);
	test_escape();
	test_fold();
	k = testdb_open(today);
	test_person(k);
	test_dir(k);
	testdb_close(k);
	return tap_done();
}
