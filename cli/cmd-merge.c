#include "cli.h"

#include "kith/person.h"
#include "person-opts.h"
#include "banned.h"

int cmd_merge(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int r, status = 0;
	int64_t from, into, moved = 0;
	char from_name[256], into_name[256];
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, NULL)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("merge");
			goto cleanup;
		}
		common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos != 2) {
		status = r < 0 ? 2 : usage_error("merge", "two people are needed: the one to merge, then the one to keep");
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &from)) != 0)
		goto cleanup;
	if ((status = resolve_arg(c, o.pos[1], from, &into)) != 0)
		goto cleanup;
	kith_person_name(c->k, from, from_name, sizeof(from_name));
	kith_person_name(c->k, into, into_name, sizeof(into_name));
	rc = kith_person_merge(c->k, from, into, &moved);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json)
		status = print_person_json(c, into, -1);
	info("merged %s #%lld into %s #%lld (%lld interaction%s moved)", from_name, (long long)from, into_name,
	     (long long)into, (long long)moved, moved == 1 ? "" : "s");
cleanup:
	opts_release(&o);
	return status;
}
