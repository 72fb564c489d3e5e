/*
 * kith export vcard DIR [--version 3.0|4.0] [--json]: one .vcf per person
 * in a folder (a vdir), written only when a card changed.
 */
#include "cli.h"

#include <string.h>

#include "kith/json.h"
#include "kith/vcard_out.h"
#include "banned.h"

int export_vcard(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "version", 0, 1, 1 }, { NULL, 0, 0, 0 },
	};
	struct kith_vcard_opts vo = { 3, KITH_VERSION, KITH_NO_DAY };
	struct kith_vcard_stats st = { 0, 0, 0 };
	struct opts o;
	int r, status = 0;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("export");
			goto cleanup;
		}
		if (r == 1) {
			if (parse_vcard_version("export", o.arg, &vo.version) < 0) {
				status = 2;
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("export", o.npos < 1 ? "which folder? (kith export vcard DIR)"
						       : "too many arguments (one folder: kith export vcard DIR)");
		goto cleanup;
	}
	status = cli_open_db(c);
	if (status)
		goto cleanup;
	vo.rev = c->today;
	rc = kith_vcard_export_dir(c->k, o.pos[0], &vo, &st);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kstr(&j, "folder", o.pos[0]);
		kith_json_kstr(&j, "version", vo.version == 4 ? "4.0" : "3.0");
		kith_json_kint(&j, "people", st.people);
		kith_json_kint(&j, "written", st.written);
		kith_json_kint(&j, "unchanged", st.unchanged);
		kith_json_end(&j);
		kith_json_finish(&j);
	}
	info("exported %lld %s: %lld written, %lld unchanged", (long long)st.people,
	     st.people == 1 ? "person" : "people", (long long)st.written, (long long)st.unchanged);
cleanup:
	opts_release(&o);
	return status;
}
