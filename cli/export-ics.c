/* kith export ics FILE|-: the calendar feed. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/ics.h"
#include "kith/json.h"
#include "kith/strbuf.h"
#include "banned.h"

/* Write data to path atomically: a temporary file beside it, then rename. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	struct strbuf tmp = STRBUF_INIT;
	FILE *fp;
	int ok;

	strbuf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	fp = fopen(tmp.buf, "wb");
	if (!fp) {
		error("cannot write '%s': %s", tmp.buf, strerror(errno));
		strbuf_release(&tmp);
		return -1;
	}
	ok = fwrite(data, 1, len, fp) == len;
	ok &= fflush(fp) == 0 && fsync(fileno(fp)) == 0;
	ok &= fclose(fp) == 0;
	if (!ok || rename(tmp.buf, path) != 0) {
		error("cannot write '%s': %s", path, strerror(errno));
		unlink(tmp.buf);
		strbuf_release(&tmp);
		return -1;
	}
	strbuf_release(&tmp);
	return 0;
}

int export_ics(struct cli *c, int argc, char **argv)
{
	struct opts o;
	struct strbuf out = STRBUF_INIT;
	struct kith_ics_stats stats;
	int r, status = 0;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	o.cmd = "export";
	while ((r = opts_next(&o, NULL)) > 0) {
		if (r == OPT_HELP) {
			printf("usage: kith export ics FILE|-\n\n"
			       "Write the calendar feed: birthdays (yearly), the days people are next due,\n"
			       "recurring chats with mentors and mentees, and goal deadlines, as all-day\n"
			       "events with alarms. Stable UIDs; an event that changes gets a higher\n"
			       "SEQUENCE. - writes to stdout.\n");
			goto cleanup;
		}
		common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos != 1) {
		status = r < 0 ? 2 : usage_error("export", "kith export ics FILE (or - for stdout)");
		goto cleanup;
	}
	rc = kith_begin(c->k);
	if (rc == KITH_OK)
		rc = kith_ics_export(c->k, &out, &stats);
	if (rc != KITH_OK) {
		kith_rollback(c->k);
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (!strcmp(o.pos[0], "-")) {
		fwrite(out.buf, 1, out.len, stdout);
	} else if (write_atomic(o.pos[0], out.buf, out.len) < 0) {
		kith_rollback(c->k);
		status = 1;
		goto cleanup;
	}
	/* the events' memory is kept only once the feed is written */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		kith_rollback(c->k);
		status = 1;
		error("cannot write the output");
		goto cleanup;
	}
	rc = kith_commit(c->k);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (strcmp(o.pos[0], "-"))
		info("exported %zu events to %s (%zu new or changed)", stats.events, o.pos[0], stats.changed);
cleanup:
	strbuf_release(&out);
	opts_release(&o);
	return status;
}
