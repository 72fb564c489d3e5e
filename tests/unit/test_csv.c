/* The RFC 4180 reader, on hand-made input and the shared real files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/csv.h"
#include "tap.h"

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
