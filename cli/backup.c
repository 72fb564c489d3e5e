/*
 * kith export json, kith import json (a JSON backup of everything) and
 * kith backup (a binary copy of the database through SQLite's online
 * backup API). The work is in lib/backup.c.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/backup.h"
#include "kith/strbuf.h"
#include "banned.h"

const char usage_backup[] =
	"kith backup FILE [--force]\n\n"
	"Copy the database to FILE with SQLite's online backup API: a consistent\n"
	"snapshot, safe while another kith is writing. The copy is written to\n"
	"FILE.tmp and renamed into place; an existing FILE is kept unless --force.\n"
	"The copy is a kith database: kith --db FILE opens it.\n\n"
	"Options:\n"
	"  --force                replace FILE when it exists\n";

static const char usage_export_json[] =
	"kith export json FILE\n\n"
	"Write everything in the database (people and all their details,\n"
	"interactions, cadences, settings, resources, introductions, orgs, agendas,\n"
	"posts, goals and plan marks) to FILE as one JSON document, or to stdout\n"
	"with -. The same data always gives the same bytes. FILE is replaced\n"
	"atomically. kith import json restores it.\n";

static const char usage_import_json[] =
	"kith import json FILE\n\n"
	"Restore a backup made by kith export json (FILE, or - for stdin) into an\n"
	"empty database, keeping every id, and rebuild the search indexes and due\n"
	"dates. A backup that cannot be read changes nothing.\n";

/* Parse the options of a json subcommand: the one FILE, or -h. */
static int one_file(struct cli *c, int argc, char **argv, const char *cmd, const char *usage,
		    const char **file)
{
	static const struct opt_spec spec[] = { { NULL, 0, 0, 0 } };
	struct opts o;
	int r, status = 0;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			printf("usage: %s", usage);
			status = -1;
			break;
		}
		if (!common_option(c, r, o.arg)) {
			status = usage_error(cmd, "unknown option");
			break;
		}
	}
	if (!status && r < 0)
		status = 2;
	if (!status && o.npos != 1)
		status = usage_error(cmd, o.npos ? "one FILE only" : "which file? (a path, or - for %s)",
				     !strcmp(cmd, "import") ? "stdin" : "stdout");
	if (!status)
		*file = o.pos[0];
	opts_release(&o);
	return status;
}

int export_json(struct cli *c, int argc, char **argv)
{
	const char *file = NULL;
	enum kith_rc rc;
	int status = one_file(c, argc, argv, "export", usage_export_json, &file);

	if (status)
		return status < 0 ? 0 : status;
	if ((status = cli_open_db(c)))
		return status;
	if (!strcmp(file, "-"))
		rc = kith_backup_export(c->k, stdout);
	else
		rc = kith_backup_export_path(c->k, file);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (strcmp(file, "-"))
		info("exported the database to '%s'", file);
	return 0;
}

/* Read all of fp, up to KITH_BACKUP_MAX bytes. 0, or -1 with errno / EFBIG. */
static int read_all(FILE *fp, struct strbuf *sb)
{
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (sb->len + n > KITH_BACKUP_MAX) {
			errno = EFBIG;
			return -1;
		}
		strbuf_add(sb, buf, n);
	}
	return ferror(fp) ? -1 : 0;
}

int import_json(struct cli *c, int argc, char **argv)
{
	struct strbuf data = STRBUF_INIT;
	const char *file = NULL;
	FILE *fp;
	int64_t n = 0;
	enum kith_rc rc;
	int status = one_file(c, argc, argv, "import", usage_import_json, &file);

	if (status)
		return status < 0 ? 0 : status;
	if ((status = cli_open_db(c)))
		return status;
	fp = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	if (!fp) {
		error("cannot open '%s': %s", file, strerror(errno));
		return 2;
	}
	if (read_all(fp, &data) < 0) {
		if (errno == EFBIG)
			error("'%s' is too large for a backup (1 GiB at most)", file);
		else
			error("cannot read '%s': %s", file, strerror(errno));
		status = 2;
	}
	if (fp != stdin)
		fclose(fp);
	if (!status) {
		rc = kith_backup_import(c->k, data.buf ? data.buf : "", data.len, &n);
		if (rc != KITH_OK)
			status = lib_error(c, rc);
		else
			info("restored %lld %s from '%s'", (long long)n, n == 1 ? "person" : "people", file);
	}
	strbuf_release(&data);
	return status;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "force", 'f', 0, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	int r, force = 0, status = 0;
	int64_t n = 0;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == 1)
			force = 1;
		else if (r == OPT_HELP) {
			opts_release(&o);
			return show_help("backup");
		} else if (!common_option(c, r, o.arg)) {
			status = usage_error("backup", "unknown option");
			break;
		}
	}
	if (!status && r < 0)
		status = 2;
	if (!status && o.npos != 1)
		status = usage_error("backup", o.npos ? "one FILE only" : "where to? (a file path)");
	if (!status && (status = cli_open_db(c)) == 0) {
		rc = kith_backup_copy(c->k, o.pos[0], force, &n);
		if (rc != KITH_OK)
			status = lib_error(c, rc);
		else
			printf("backed up %lld %s to %s\n", (long long)n, n == 1 ? "person" : "people", o.pos[0]);
	}
	opts_release(&o);
	return status;
}
