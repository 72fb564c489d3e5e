/* The RFC 4180 reader and the CSV importers, on hand-made input and the
 * shared real files. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/csv.h"
#include "kith/csvimport.h"
#include "kith/strbuf.h"
#include "tap.h"
#include "testdb.h"

static int parse_all(const char *data, size_t len, char out[][8][64], size_t *n_rec, size_t *nf, char *err)
{
	struct kith_csv c;
	int r;
	*n_rec = 0;
	if (kith_csv_init(&c, data, len, err, 128) < 0)
		return -1;
	while ((r = kith_csv_next(&c, err, 128)) > 0 && *n_rec < 8) {
		nf[*n_rec] = c.n;
		for (size_t i = 0; i < c.n && i < 8; i++)
			snprintf(out[*n_rec][i], 64, "%s", c.fields[i]);
		(*n_rec)++;
	}
	kith_csv_release(&c);
	return r;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	if (!fp)
		return NULL;
	buf = malloc(1 << 20);
	*len = fread(buf, 1, 1 << 20, fp);
	fclose(fp);
	return buf;
}

/* The one row of a query on k's database as text ("" when none). */
static void one(struct kith *k, const char *sql, char *out, size_t len)
{
	sqlite3_stmt *st;
	out[0] = '\0';
	if (sqlite3_prepare_v2(kith_db(k), sql, -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void test_map(void)
{
	struct kith_csv_map m = KITH_CSV_MAP_INIT;
	char err[256];

	CHECK_INT(kith_csv_map_add(&m, " Full Name = name ,Mail=email,Work=EMAIL,Profile=linkedin", err, sizeof(err)), 0);
	CHECK_INT(m.n, 4);
	CHECK_STR(m.v[0].column, "Full Name");
	CHECK_INT(m.v[0].field, KITH_CSV_NAME);
	CHECK_INT(m.v[2].field, KITH_CSV_EMAIL);
	CHECK_INT(m.v[3].field, KITH_CSV_URL);
	/* the last '=' splits: a column may hold one */
	CHECK_INT(kith_csv_map_add(&m, "a=b=tags", err, sizeof(err)), 0);
	CHECK_STR(m.v[4].column, "a=b");
	CHECK_INT(kith_csv_map_add(&m, "X=name", err, sizeof(err)), -1);
	CHECK_STR(err, "field 'name' is mapped twice ('Full Name' and 'X')");
	CHECK_INT(kith_csv_map_add(&m, "X=nickname", err, sizeof(err)), -1);
	CHECK(!strncmp(err, "unknown field 'nickname' (fields: name, first", 45));
	CHECK_INT(kith_csv_map_add(&m, "=email", err, sizeof(err)), -1);
	CHECK_STR(err, "'=email' is not COLUMN=FIELD");
	kith_csv_map_release(&m);
	CHECK_INT(m.n, 0);

	/* a column in double quotes keeps its commas, '=' and blanks; "" is a quote */
	CHECK_INT(kith_csv_map_add(&m, "\"Last, First\"=name, \" Say \"\"hi\"\"=\" = notes ,Mail=email", err,
				   sizeof(err)), 0);
	CHECK_INT(m.n, 3);
	CHECK_STR(m.v[0].column, "Last, First");
	CHECK_INT(m.v[0].field, KITH_CSV_NAME);
	CHECK_STR(m.v[1].column, " Say \"hi\"=");
	CHECK_INT(m.v[1].field, KITH_CSV_NOTES);
	CHECK_STR(m.v[2].column, "Mail");
	CHECK_INT(kith_csv_map_add(&m, "\"Tags, more=tags", err, sizeof(err)), -1);
	CHECK_STR(err, "'\"Tags, more=tags': the quote is not closed");
	CHECK_INT(kith_csv_map_add(&m, "\"Tags\" tags,x=org", err, sizeof(err)), -1);
	CHECK_STR(err, "'\"Tags\" tags' is not \"COLUMN\"=FIELD");
	CHECK_INT(kith_csv_map_add(&m, "\"\"=tags", err, sizeof(err)), -1);
	CHECK_STR(err, "'\"\"=tags' is not \"COLUMN\"=FIELD");
	CHECK_INT(m.n, 3);
	kith_csv_map_release(&m);
}

static void test_dates(void)
{
	CHECK_INT(kith_linkedin_date("30 May 2024"), kith_day_from_civil(2024, 5, 30));
	CHECK_INT(kith_linkedin_date("1/8/18, 6:14 PM"), kith_day_from_civil(2018, 1, 8));
	CHECK_INT(kith_linkedin_date("11/5/24, 9:14 AM"), kith_day_from_civil(2024, 11, 5));
	CHECK_INT(kith_linkedin_date("2023-04-22 08:18:59 UTC"), kith_day_from_civil(2023, 4, 22));
	CHECK_INT(kith_linkedin_date("13/40/18"), KITH_NO_DAY);
	CHECK_INT(kith_linkedin_date("31 Foo 2024"), KITH_NO_DAY);
	CHECK_INT(kith_linkedin_date(""), KITH_NO_DAY);
}

static void test_importers(void)
{
	struct kith *k = testdb_open(kith_day_from_civil(2026, 11, 26));
	struct kith_import_stats st = { 0, 0, 0, 0, 0, 0 };
	struct kith_csv_import o = KITH_CSV_IMPORT_INIT;
	const char *format = NULL;
	char got[8192];
	struct strbuf big = STRBUF_INIT;
	const char *inv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
			  "Ada Example,Me,\"11/5/24, 9:14 AM\",\"Hi &lt;you&gt; &#233;&#x1F600; &nbsp;<br>x\",INCOMING,"
			  "https://www.linkedin.com/in/ada-example/,https://www.linkedin.com/in/me\n";

	CHECK_INT(kith_csv_import_data(k, &o, inv, strlen(inv), "inv.csv", &st, &format), KITH_OK);
	CHECK_STR(format, "LinkedIn invitations");
	CHECK_INT(st.added, 1);
	CHECK_INT(st.logged, 1);
	one(k, "SELECT note FROM interaction", got, sizeof(got));
	CHECK_STR(got, "Hi <you> \xc3\xa9\xf0\x9f\x98\x80  \nx");
	one(k, "SELECT url FROM person_link", got, sizeof(got));
	CHECK_STR(got, "https://www.linkedin.com/in/ada-example");

	/* the older messages: a 5000-byte message cut at 4000 bytes, on a character */
	strbuf_addstr(&big, "From,To,Date,Content,Direction\nAda Example,Me,2018-01-09 10:00:00 UTC,\"a");
	for (int i = 0; i < 2500; i++)
		strbuf_addstr(&big, "\xc3\xa9");
	strbuf_addstr(&big, "\",INCOMING\n");
	memset(&st, 0, sizeof(st));
	CHECK_INT(kith_csv_import_data(k, &o, big.buf, big.len, "old.csv", &st, &format), KITH_OK);
	CHECK_STR(format, "LinkedIn messages (older format)");
	CHECK_INT(st.logged, 1);
	CHECK_INT(st.added, 0);
	one(k, "SELECT length(CAST(note AS BLOB)) FROM interaction WHERE date = '2018-01-09'", got, sizeof(got));
	CHECK_STR(got, "3999");
	/* again: known, not logged */
	memset(&st, 0, sizeof(st));
	CHECK_INT(kith_csv_import_data(k, &o, big.buf, big.len, "old.csv", &st, &format), KITH_OK);
	CHECK_INT(st.logged, 0);
	CHECK_INT(st.known, 1);
	strbuf_release(&big);

	/* a mapped CSV with a bad birthday: an error at its line, or skipped */
	{
		const char *csv = "Name,Born,Tags\nBo Chen,1980-02-29,\"a;b:::c , d\"\nCy,1981-02-29,\n";
		struct kith_csv_map m = KITH_CSV_MAP_INIT;
		char err[256];
		CHECK_INT(kith_csv_map_add(&m, "Name=name,Born=birthday,Tags=tags", err, sizeof(err)), 0);
		o.map = &m;
		memset(&st, 0, sizeof(st));
		CHECK_INT(kith_csv_import_data(k, &o, csv, strlen(csv), "m.csv", &st, &format), KITH_EINPUT);
		CHECK_STR(kith_errmsg(k), "m.csv:3: unreadable birthday '1981-02-29' (YYYY-MM-DD or --MM-DD)");
		o.skip_bad = 1;
		memset(&st, 0, sizeof(st));
		CHECK_INT(kith_csv_import_data(k, &o, csv, strlen(csv), "m2.csv", &st, &format), KITH_OK);
		CHECK_INT(st.skipped, 1);
		one(k, "SELECT group_concat(tag, ' ') FROM (SELECT tag FROM person_tag ORDER BY tag)", got, sizeof(got));
		CHECK_STR(got, "a b c d");
		kith_csv_map_release(&m);
	}
	/* a message quoting a cell: one line, no character cut in two */
	{
		const char *csv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
				  "A,B,\"x\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
				  "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\",,INCOMING,,\n";
		o.map = NULL;
		o.skip_bad = 0;
		CHECK_INT(kith_csv_import_data(k, &o, csv, strlen(csv), "u.csv", &st, &format), KITH_EINPUT);
		CHECK(strstr(kith_errmsg(k), "\xc3\xa9?'") != NULL);
		{
			const char *two = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
					  "C,D,\"1\n2\",,INCOMING,,\n";
			CHECK_INT(kith_csv_import_data(k, &o, two, strlen(two), "n.csv", &st, &format), KITH_EINPUT);
			CHECK_STR(kith_errmsg(k), "n.csv:2: unreadable date '1 2'");
		}
	}
	testdb_close(k);
}

int main(void)
{
	char out[8][8][64], err[128];
	size_t n, nf[8];
	const char *a = "a,b,c\r\n1,\"2,3\",\"x\"\"y\"\n\"multi\nline\",z\n";

	CHECK_INT(parse_all(a, strlen(a), out, &n, nf, err), 0);
	CHECK_INT(n, 3);
	CHECK_INT(nf[0], 3);
	CHECK_STR(out[1][1], "2,3");
	CHECK_STR(out[1][2], "x\"y");
	CHECK_STR(out[2][0], "multi\nline");
	CHECK_STR(out[2][1], "z");

	CHECK_INT(parse_all("\"open\n", 6, out, &n, nf, err), -1);
	CHECK_STR(err, "line 1: a quoted field is not closed");
	/* limits: fields per row, bytes per field (quoted or not) */
	{
		struct strbuf big = STRBUF_INIT;
		strbuf_addstr(&big, "a,b\n");
		for (int i = 0; i < 1001; i++)
			strbuf_addstr(&big, i ? ",x" : "x");
		strbuf_addch(&big, '\n');
		CHECK_INT(parse_all(big.buf, big.len, out, &n, nf, err), -1);
		CHECK_STR(err, "line 2: more than 1000 fields");
		strbuf_reset(&big);
		strbuf_addstr(&big, "a,b\n1,2\n\"");
		for (int i = 0; i < (1 << 20) + 1; i++)
			strbuf_addch(&big, 'y');
		strbuf_addstr(&big, "\",z\n");
		CHECK_INT(parse_all(big.buf, big.len, out, &n, nf, err), -1);
		CHECK_STR(err, "line 3: a field longer than 1048576 bytes");
		/* exactly at the limits is fine */
		strbuf_reset(&big);
		for (int i = 0; i < 1000; i++)
			strbuf_addstr(&big, i ? ",x" : "x");
		strbuf_addch(&big, '\n');
		CHECK_INT(parse_all(big.buf, big.len, out, &n, nf, err), 0);
		CHECK_INT(nf[0], 1000);
		strbuf_release(&big);
	}
	{
		const char *b = "x\n\"a\nb\"\n\"c";
		CHECK_INT(parse_all(b, strlen(b), out, &n, nf, err), -1);
		CHECK_STR(err, "line 4: a quoted field is not closed");
	}
	/* BOM, and UTF-16LE with BOM */
	CHECK_INT(parse_all("\xef\xbb\xbfname\n", 8, out, &n, nf, err), 0);
	CHECK_STR(out[0][0], "name");
	CHECK_INT(parse_all("\xff\xfeJ\x00\xfc\x00,\x00x\x00\n\x00", 12, out, &n, nf, err), 0);
	CHECK_STR(out[0][0], "J\xc3\xbc");
	CHECK_STR(out[0][1], "x");
	/* a quote inside an unquoted field is kept */
	CHECK_INT(parse_all("O\"Brien,x\n", 10, out, &n, nf, err), 0);
	CHECK_STR(out[0][0], "O\"Brien");

	test_map();
	test_dates();
	test_importers();

	/* the shared real files */
	{
		const char *dir = getenv("KITH_SHARED_DATA");
		char path[1024];
		size_t len;
		char *data;
		if (!dir)
			dir = "../shared/data";
		snprintf(path, sizeof(path), "%s/csv/linkedin_Connections.synthetic.csv", dir);
		data = slurp(path, &len);
		if (!data) {
			printf("ok %d # skip no shared data at %s\n", ++tap_n, dir);
		} else {
			struct kith_csv c;
			int r, found = 0;
			CHECK_INT(kith_csv_init(&c, data, len, err, sizeof(err)), 0);
			while ((r = kith_csv_next(&c, err, sizeof(err))) > 0)
				if (c.n == 7 && !strcmp(c.fields[0], "John")) {
					found = 1;
					CHECK_STR(c.fields[1], "O\"Brien");
					CHECK_INT(c.line, 7);
				}
			CHECK_INT(r, 0);
			CHECK(found);
			kith_csv_release(&c);
			free(data);
			snprintf(path, sizeof(path), "%s/csv/google_contacts_legacy_utf16le.synthetic.csv", dir);
			data = slurp(path, &len);
			CHECK(data != NULL);
			if (data) {
				CHECK_INT(kith_csv_init(&c, data, len, err, sizeof(err)), 0);
				CHECK_INT(kith_csv_next(&c, err, sizeof(err)), 1);
				CHECK_STR(c.fields[0], "Name");
				CHECK_INT(kith_csv_next(&c, err, sizeof(err)), 1);
				CHECK_STR(c.fields[0], "J\xc3\xbcrgen M\xc3\xbcller");
				kith_csv_release(&c);
				free(data);
			}
		}
	}
	return tap_done();
}
