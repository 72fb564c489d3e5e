/*
 * kith import vcard FILE|DIR|- [--skip-bad] [--circle C] [--json]
 *
 * Reads vCards (lib/vcard.c) and merges each into the network
 * (lib/contact.c). The dispatcher runs the command in one transaction: a
 * card that cannot be read fails the import (exit 2, "file:line: reason")
 * and nothing is written, unless --skip-bad, which lists what it skipped.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "kith/cadence.h"
#include "kith/contact.h"
#include "kith/json.h"
#include "kith/strbuf.h"
#include "kith/vcard.h"
#include "banned.h"

static const char usage_import_vcard[] =
	"kith import vcard FILE|DIR|- [--skip-bad] [--circle C] [--json]\n\n"
	"Import vCards (2.1, 3.0, 4.0) from a file, every .vcf in a folder, or standard\n"
	"input. People already in the network are matched by LinkedIn URL, email, phone,\n"
	"then name, and get the new facts merged in; the others are added.\n\n"
	"Options:\n"
	"  --skip-bad             skip the cards that cannot be read (listed on stderr)\n"
	"  --circle C             the circle of the people added (default: default.circle)\n"
	"  --json                 print the counts as JSON\n";

enum { O_SKIP_BAD = 1, O_CIRCLE };

static const struct opt_spec spec[] = {
	{ "skip-bad", 0, 0, O_SKIP_BAD },
	{ "circle", 0, 1, O_CIRCLE },
	{ NULL, 0, 0, 0 },
};

struct run {
	struct cli *c;
	struct kith_contact_merger *m;
	struct kith_import_stats st;
	size_t cards;
	int skip_bad;
};

/* Read a whole file (or stdin for "-") up to the vCard file limit. */
static int slurp(const char *path, struct strbuf *sb)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	char buf[65536];
	size_t n;
	int ret = 0;

	if (!fp) {
		error("cannot open '%s': %s", path, strerror(errno));
		return 1;
	}
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		if (sb->len + n > KITH_VCARD_MAX_FILE) {
			error("%s: the file is too large (%u MiB at most)", path, KITH_VCARD_MAX_FILE >> 20);
			ret = 2;
			break;
		}
		strbuf_add(sb, buf, n);
	}
	if (!ret && ferror(fp)) {
		error("cannot read '%s': %s", path, strerror(errno));
		ret = 1;
	}
	if (fp != stdin)
		fclose(fp);
	return ret;
}

/* A bad card: fatal (2) or, with --skip-bad, listed and counted (0). */
static int bad_card(struct run *r, const char *path, size_t line, const char *why)
{
	if (!r->skip_bad) {
		error("%s:%zu: %s", path, line, why);
		return 2;
	}
	warning("%s:%zu: skipped: %s", path, line, why);
	r->st.skipped++;
	return 0;
}

static int import_file(struct run *r, const char *path)
{
	struct strbuf data = STRBUF_INIT;
	struct kith_vcard_reader rd;
	struct kith_contact ct;
	int status, got;

	if ((status = slurp(path, &data)) != 0)
		goto out;
	kith_contact_init(&ct);
	if (kith_vcard_reader_init(&rd, data.buf, data.len)) {
		error("%s: %s", path, rd.err);
		status = 2;
		goto done;
	}
	while ((got = kith_vcard_next(&rd, &ct)) != 0) {
		enum kith_rc rc;
		r->cards++;
		if (got < 0) {
			if ((status = bad_card(r, path, rd.err_line, rd.err)) != 0)
				break;
			continue;
		}
		rc = kith_contact_merger_add(r->m, &ct, &r->st, NULL);
		if (rc == KITH_EINPUT) {
			if ((status = bad_card(r, path, rd.card_line, kith_errmsg(r->c->k))) != 0)
				break;
		} else if (rc != KITH_OK) {
			status = lib_error(r->c, rc);
			break;
		}
	}
done:
	kith_contact_release(&ct);
	kith_vcard_reader_release(&rd);
out:
	strbuf_release(&data);
	return status;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_ext(const char *name)
{
	size_t n = strlen(name);
	return (n > 4 && !strcasecmp(name + n - 4, ".vcf")) || (n > 6 && !strcasecmp(name + n - 6, ".vcard"));
}

/* Every .vcf/.vcard in dir, in name order. */
static int import_dir(struct run *r, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, alloc = 0, i;
	int status = 0;

	if (!d) {
		error("cannot open '%s': %s", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || !has_ext(e->d_name))
			continue;
		if (n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			names = realloc(names, alloc * sizeof(*names));
			if (!names)
				abort();
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", dir, names[i]);
		if (!status)
			status = import_file(r, p.buf);
		strbuf_release(&p);
		free(names[i]);
	}
	free(names);
	return status;
}

int import_vcard(struct cli *c, int argc, char **argv)
{
	struct run r;
	struct opts o;
	struct stat sb;
	int opt, status = 0, circle = -1;

	memset(&r, 0, sizeof(r));
	r.c = c;
	opts_init(&o, argc, argv);
	while ((opt = opts_next(&o, spec)) > 0) {
		if (opt == OPT_HELP) {
			fputs(usage_import_vcard, stdout);
			goto cleanup;
		}
		if (common_option(c, opt, o.arg))
			continue;
		if (opt == O_SKIP_BAD) {
			r.skip_bad = 1;
		} else if (opt == O_CIRCLE) {
			if ((circle = kith_circle_parse(o.arg)) < 0) {
				status = usage_error("import", "unknown circle '%s' (inner, close, active, wide or acquaintance)",
						     o.arg);
				goto cleanup;
			}
		}
	}
	if (opt < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("import", o.npos ? "one file or folder at a time" : "which file? (FILE, DIR or -)");
		goto cleanup;
	}
	if ((status = cli_open_db(c)) != 0)
		goto cleanup;
	if (!(r.m = kith_contact_merger_new(c->k, circle))) {
		status = lib_error(c, KITH_ERR);
		goto cleanup;
	}
	if (strcmp(o.pos[0], "-") && !stat(o.pos[0], &sb) && S_ISDIR(sb.st_mode))
		status = import_dir(&r, o.pos[0]);
	else
		status = import_file(&r, o.pos[0]);
	if (status)
		goto cleanup;
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_key(&j, "cards");
		kith_json_int(&j, (int64_t)r.cards);
		kith_json_key(&j, "added");
		kith_json_int(&j, (int64_t)r.st.added);
		kith_json_key(&j, "updated");
		kith_json_int(&j, (int64_t)r.st.updated);
		kith_json_key(&j, "unchanged");
		kith_json_int(&j, (int64_t)r.st.unchanged);
		kith_json_key(&j, "skipped");
		kith_json_int(&j, (int64_t)r.st.skipped);
		kith_json_end(&j);
		kith_json_finish(&j);
	}
	info("imported %zu cards: %zu added, %zu updated, %zu skipped", r.cards, r.st.added, r.st.updated,
	     r.st.skipped);
cleanup:
	kith_contact_merger_free(r.m);
	opts_release(&o);
	return status;
}
