/*
 * kith import ics FILE|- [--skip-bad] [--dry-run] [--json]
 *
 * Past calendar events with people in the network become interactions
 * (lib/icsimport.c has the rules). The dispatcher runs the command in one
 * transaction: a file that cannot be read, or a bad event without
 * --skip-bad, fails the import ("file:line: reason", exit 2) and nothing is
 * written. With --skip-bad the bad events are listed on stderr and skipped,
 * as kith import vcard does with cards.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kith/icsimport.h"
#include "kith/json.h"
#include "kith/strbuf.h"
#include "banned.h"

static const char usage_import_ics[] =
	"kith import ics FILE|- [--skip-bad] [--dry-run] [--json]\n\n"
	"Log past calendar events (iCalendar, .ics) as interactions with the people\n"
	"in them: the organizer and attendees (not those who declined) whose email\n"
	"belongs to someone in the network. Recurring events count once per\n"
	"occurrence up to today; cancelled events and occurrences already imported\n"
	"are skipped. The kind is coffee or call by keywords in the title (or the\n"
	"location), else meeting; the note is the title.\n\n"
	"Options:\n"
	"  --skip-bad             skip the events that cannot be read (listed on stderr)\n"
	"  --dry-run              count what would be logged, change nothing\n"
	"  --json                 print the counts as JSON\n";

enum { O_SKIP_BAD = 1, O_DRY_RUN };

static const struct opt_spec spec[] = {
	{ "skip-bad", 0, 0, O_SKIP_BAD },
	{ "dry-run", 0, 0, O_DRY_RUN },
	{ NULL, 0, 0, 0 },
};

/* Read a whole file (or stdin for "-") up to the calendar file limit. */
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
		if (sb->len + n > KITH_ICS_MAX_FILE) {
			error("%s: the file is too large (%u MiB at most)", path, KITH_ICS_MAX_FILE >> 20);
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

static void skipped(void *ctx, size_t line, const char *why)
{
	const char *path = ctx;
	if (line)
		warning("%s:%zu: skipped: %s", path, line, why);
	else
		warning("%s: skipped: %s", path, why);
}

int import_ics(struct cli *c, int argc, char **argv)
{
	struct kith_ics_import_opts io;
	struct kith_ics_import_stats st;
	struct strbuf data = STRBUF_INIT;
	struct opts o;
	const char *path;
	enum kith_rc rc;
	int opt, status = 0;

	memset(&io, 0, sizeof(io));
	opts_init(&o, argc, argv);
	while ((opt = opts_next(&o, spec)) > 0) {
		if (opt == OPT_HELP) {
			fputs(usage_import_ics, stdout);
			goto cleanup;
		}
		if (common_option(c, opt, o.arg))
			continue;
		if (opt == O_SKIP_BAD)
			io.skip_bad = 1;
		else if (opt == O_DRY_RUN)
			io.dry_run = 1;
	}
	if (opt < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("import", o.npos ? "one calendar file at a time" : "which file? (FILE or -)");
		goto cleanup;
	}
	path = o.pos[0];
	if ((status = cli_open_db(c)) != 0)
		goto cleanup;
	if ((status = slurp(path, &data)) != 0)
		goto cleanup;
	io.on_bad = skipped;
	io.ctx = (void *)(strcmp(path, "-") ? path : "<stdin>");
	rc = kith_ics_import(c->k, data.buf, data.len, &io, &st);
	if (rc == KITH_EINPUT) {
		const char *name = io.ctx;
		if (st.err_line)
			error("%s:%zu: %s%s", name, st.err_line, kith_errmsg(c->k),
			      st.bad_event ? " (--skip-bad imports the other events)" : "");
		else
			error("%s: %s", name, kith_errmsg(c->k));
		status = 2;
		goto cleanup;
	}
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kint(&j, "events", (int64_t)st.read.events);
		kith_json_kint(&j, "occurrences", (int64_t)st.read.occurrences);
		kith_json_kint(&j, "logged", (int64_t)st.logged);
		kith_json_kint(&j, "known", (int64_t)st.known);
		kith_json_kint(&j, "unmatched", (int64_t)st.unmatched);
		kith_json_kint(&j, "cancelled", (int64_t)st.read.cancelled);
		kith_json_kint(&j, "future", (int64_t)st.read.future);
		kith_json_kint(&j, "skipped", (int64_t)st.read.bad);
		kith_json_key(&j, "dry_run");
		kith_json_bool(&j, io.dry_run);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		info("%s%zu interaction%s %s from %zu event%s (%zu occurrence%s already imported, %zu matched nobody)",
		     io.dry_run ? "dry run: " : "", st.logged, st.logged == 1 ? "" : "s",
		     io.dry_run ? "would be logged" : "logged", st.read.events, st.read.events == 1 ? "" : "s",
		     st.known, st.known == 1 ? "" : "s", st.unmatched);
		if (st.read.bad)
			info("skipped %zu bad event%s", st.read.bad, st.read.bad == 1 ? "" : "s");
	}
cleanup:
	strbuf_release(&data);
	opts_release(&o);
	return status;
}
