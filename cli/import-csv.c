/*
 * kith import linkedin FILE|DIR|ZIP, kith import google FILE,
 * kith import csv FILE --map "Column=field,...": contacts (and LinkedIn
 * messages and invitations) from CSV exports, through lib/csvimport.c.
 * The dispatcher runs the command in one transaction: a row that cannot be
 * read fails the import (exit 2, "file:line: reason") and nothing is
 * written, unless --skip-bad, which lists what it skipped.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "kith/cadence.h"
#include "kith/csvimport.h"
#include "kith/json.h"
#include "kith/strbuf.h"
#include "banned.h"

#define MAX_FILE KITH_EXPORT_MAX_FILE /* bytes in one CSV file */

static const char usage_linkedin[] =
	"usage: kith import linkedin FILE|DIR|ZIP... [--skip-bad] [--circle CIRCLE] [--json]\n\n"
	"Import LinkedIn's Connections.csv (the current format and the 2018 one),\n"
	"messages.csv (with profile URLs, or the older columns From, To, Date, Content),\n"
	"Invitations.csv, each recognized by its header, or a whole export: its folder\n"
	"or its .zip, read in that order (Connections, Invitations, messages; other\n"
	"files ignored). People are matched by LinkedIn profile URL, email, phone, then\n"
	"name; new facts are merged in. Each message, and each invitation with a\n"
	"message, is a message interaction with the other side, logged once however\n"
	"often the file is imported; an invitation without one adds or updates the\n"
	"person only. Older messages name people: a name shared by several people is\n"
	"skipped. New people join CIRCLE (default none: no cadence). One transaction:\n"
	"a file that cannot be read changes nothing.\n\n"
	"Options:\n"
	"  --skip-bad             skip the rows that cannot be read (listed on stderr)\n"
	"  --circle CIRCLE        the circle of the people added (default: none)\n"
	"  --json                 print the counts as JSON\n";

static const char usage_google[] =
	"usage: kith import google FILE... [--skip-bad] [--circle CIRCLE] [--json]\n\n"
	"Import a Google Contacts CSV (the current layout, or the legacy UTF-16 one);\n"
	"labels become tags. LinkedIn files are recognized here too. People are matched\n"
	"by LinkedIn profile URL, email, phone, then name; new facts are merged in.\n"
	"One transaction: a file that cannot be read changes nothing.\n\n"
	"Options:\n"
	"  --skip-bad             skip the rows that cannot be read (listed on stderr)\n"
	"  --circle CIRCLE        the circle of the people added (default: none)\n"
	"  --json                 print the counts as JSON\n";

static const char usage_generic[] =
	"usage: kith import csv FILE... --map \"COLUMN=FIELD,...\" [--skip-bad] [--circle CIRCLE] [--json]\n\n"
	"Import any CSV whose first line names its columns: --map says which column\n"
	"holds which field (--map may be given several times). Fields: name, first,\n"
	"last, email, phone, org, title, location, notes, tags (split on , ; or :::),\n"
	"birthday (YYYY-MM-DD or --MM-DD), url (or linkedin), met. Several columns may\n"
	"feed email, phone, tags and url. Rows without a name are skipped; people are\n"
	"matched as by the other imports. One transaction: a row that cannot be read\n"
	"(an unreadable birthday) changes nothing. A column named with a comma goes in\n"
	"double quotes: --map '\"Name, as written\"=name'.\n\n"
	"Options:\n"
	"  --map COLUMN=FIELD,... which column is which field\n"
	"  --skip-bad             skip the rows that cannot be read (listed on stderr)\n"
	"  --circle CIRCLE        the circle of the people added (default: none)\n"
	"  --json                 print the counts as JSON\n";

enum { O_CIRCLE = 1, O_SKIP_BAD, O_MAP };

static int read_all(const char *path, struct strbuf *sb)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char buf[65536];
	size_t n;

	if (!fp) {
		error("cannot read '%s': %s", path, strerror(errno));
		return -1;
	}
	strbuf_init_max(sb, MAX_FILE);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (strbuf_add(sb, buf, n) < 0) {
			error("'%s' is larger than %u MiB", path, MAX_FILE >> 20);
			if (fp != stdin)
				fclose(fp);
			return -1;
		}
	if (ferror(fp)) {
		error("cannot read '%s': %s", path, strerror(errno));
		if (fp != stdin)
			fclose(fp);
		return -1;
	}
	if (fp != stdin)
		fclose(fp);
	return 0;
}

static void told_skipped(void *ctx, const char *msg)
{
	(void)ctx;
	warning("%s", msg);
}

static void told_file(void *ctx, const char *source, const char *format)
{
	if (!*(const int *)ctx)
		info("%s: %s", source, format);
}

/* A folder or a zip: a whole LinkedIn export. */
static int is_export(const char *path, const struct strbuf *data)
{
	struct stat st;
	size_t n = strlen(path);
	if (!strcmp(path, "-"))
		return 0;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 1;
	if (n > 4 && !strcasecmp(path + n - 4, ".zip"))
		return 1;
	return data && data->len >= 4 && !memcmp(data->buf, "PK\x03\x04", 4);
}

int import_csv(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "circle", 0, 1, O_CIRCLE },
		{ "skip-bad", 0, 0, O_SKIP_BAD },
		{ "map", 0, 1, O_MAP },
		{ NULL, 0, 0, 0 },
	};
	const char *fmt = argv[0];
	int generic = !strcmp(fmt, "csv"), linkedin = !strcmp(fmt, "linkedin");
	struct kith_csv_import io = KITH_CSV_IMPORT_INIT;
	struct kith_csv_map map = KITH_CSV_MAP_INIT;
	struct opts o;
	struct kith_import_stats st = { 0, 0, 0, 0, 0, 0 };
	int r, status = 0;

	opts_init(&o, argc, argv);
	o.cmd = "import";
	io.circle = KITH_CIRCLE_NONE;
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			fputs(generic ? usage_generic : linkedin ? usage_linkedin : usage_google, stdout);
			goto cleanup;
		}
		if (r == O_CIRCLE) {
			io.circle = kith_circle_parse(o.arg);
			if (io.circle < 0) {
				status = usage_error("import", "unknown circle '%s'", o.arg);
				goto cleanup;
			}
		} else if (r == O_SKIP_BAD) {
			io.skip_bad = 1;
		} else if (r == O_MAP) {
			char err[512];
			if (!generic) {
				status = usage_error("import", "--map is for kith import csv");
				goto cleanup;
			}
			if (kith_csv_map_add(&map, o.arg, err, sizeof(err)) < 0) {
				status = usage_error("import", "--map: %s", err);
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0 || o.npos == 0) {
		status = r < 0 ? 2 : usage_error("import", "which file? (kith import %s FILE)", fmt);
		goto cleanup;
	}
	if (generic && !map.n) {
		status = usage_error("import", "which columns? (kith import csv FILE --map \"Full Name=name,Mail=email\")");
		goto cleanup;
	}
	io.map = generic ? &map : NULL;
	io.skipped = told_skipped;
	io.file = told_file;
	io.ctx = &c->json;
	for (int i = 0; i < o.npos; i++) {
		struct strbuf data = STRBUF_INIT;
		const char *format = NULL;
		enum kith_rc rc;
		if (linkedin && is_export(o.pos[i], NULL)) {
			rc = kith_csv_import_export(c->k, &io, o.pos[i], &st);
		} else {
			if (read_all(o.pos[i], &data) < 0) {
				strbuf_release(&data);
				status = 1;
				goto cleanup;
			}
			if (linkedin && is_export(o.pos[i], &data))
				rc = kith_csv_import_export(c->k, &io, o.pos[i], &st);
			else
				rc = kith_csv_import_data(c->k, &io, data.buf, data.len, o.pos[i], &st, &format);
		}
		strbuf_release(&data);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (!c->json && format)
			info("%s: %s", o.pos[i], format);
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kint(&j, "added", (int64_t)st.added);
		kith_json_kint(&j, "updated", (int64_t)st.updated);
		kith_json_kint(&j, "unchanged", (int64_t)st.unchanged);
		kith_json_kint(&j, "skipped", (int64_t)st.skipped);
		kith_json_kint(&j, "messages_logged", (int64_t)st.logged);
		kith_json_kint(&j, "messages_known", (int64_t)st.known);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		size_t n = st.added + st.updated + st.unchanged;
		info("imported %zu contact%s: %zu added, %zu updated, %zu unchanged, %zu skipped", n,
		     n == 1 ? "" : "s", st.added, st.updated, st.unchanged, st.skipped);
		if (st.logged || st.known)
			info("logged %zu message%s (%zu were logged before)", st.logged, st.logged == 1 ? "" : "s",
			     st.known);
	}
cleanup:
	kith_csv_map_release(&map);
	opts_release(&o);
	return status;
}
