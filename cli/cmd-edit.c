#include "cli.h"

#include "kith/person.h"
#include "person-opts.h"
#include "banned.h"

int cmd_edit(struct cli *c, int argc, char **argv)
{
	struct kith_person_change ch;
	struct opts o;
	int r, status = 0;
	int64_t id;
	enum kith_rc rc;

	kith_person_change_init(&ch);
	opts_init(&o, argc, argv);
	/* resolve the person first: --introduced-by may need the database too */
	while ((r = opts_next(&o, edit_spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("edit");
			goto cleanup;
		}
		if (common_option(c, r, o.arg))
			continue;
		if ((status = person_option(c, "edit", r, o.arg, &ch)) != 0)
			goto cleanup;
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("edit", o.npos ? "one person at a time" : "which person? (a name, id or email)");
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &id)) != 0)
		goto cleanup;
	rc = kith_person_edit(c->k, id, &ch);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		status = print_person_json(c, id, -1);
	} else {
		char name[256];
		info("updated %s #%lld", kith_person_name(c->k, id, name, sizeof(name)), (long long)id);
	}
cleanup:
	opts_release(&o);
	kith_person_change_release(&ch);
	return status;
}
