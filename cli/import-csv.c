/* kith import linkedin FILE, kith import google FILE: contacts from CSV exports. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kith/cadence.h"
#include "kith/csvimport.h"
#include "kith/json.h"
#include "kith/strbuf.h"
#include "banned.h"

#define MAX_FILE (256u << 20) /* bytes in one CSV file */

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

int import_csv(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "circle", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_import_stats st = { 0, 0, 0, 0, 0, 0 };
	int r, status = 0, circle = KITH_CIRCLE_NONE;

	opts_init(&o, argc, argv);
	o.cmd = "import";
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			printf("usage: kith import %s FILE... [--circle CIRCLE] [--json]\n\n"
			       "Import LinkedIn's Connections.csv (the current format and the 2018 one) or a\n"
			       "Google Contacts CSV (current or legacy), recognized by its header. People\n"
			       "are matched by LinkedIn profile URL, email, phone, then name; new facts are\n"
			       "merged in. New people join CIRCLE (default none: no cadence). One\n"
			       "transaction: an unreadable file changes nothing.\n", argv[0]);
			goto cleanup;
		}
		if (r == 1) {
			circle = kith_circle_parse(o.arg);
			if (circle < 0) {
				status = usage_error("import", "unknown circle '%s'", o.arg);
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0 || o.npos == 0) {
		status = r < 0 ? 2 : usage_error("import", "which file? (kith import %s FILE)", argv[0]);
		goto cleanup;
	}
	for (int i = 0; i < o.npos; i++) {
		struct strbuf data = STRBUF_INIT;
		const char *format = NULL;
		enum kith_rc rc;
		if (read_all(o.pos[i], &data) < 0) {
			strbuf_release(&data);
			status = 1;
			goto cleanup;
		}
		rc = kith_import_csv(c->k, data.buf, data.len, o.pos[i], circle, &st, &format);
		strbuf_release(&data);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (!c->json)
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
		info("imported %zu contacts: %zu added, %zu updated, %zu unchanged, %zu skipped",
		     st.added + st.updated + st.unchanged, st.added, st.updated, st.unchanged, st.skipped);
		if (st.logged || st.known)
			info("logged %zu messages (%zu were logged before)", st.logged, st.known);
	}
cleanup:
	opts_release(&o);
	return status;
}
