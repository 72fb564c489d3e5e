#include "cli.h"

#include <unistd.h>

#include "kith/person.h"
#include "banned.h"

int cmd_rm(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "yes", 'y', 0, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	int r, status = 0, yes = 0;
	int64_t id, n = 0;
	char name[256];
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("rm");
			goto cleanup;
		}
		if (r == 1)
			yes = 1;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos != 1) {
		status = r < 0 ? 2 : usage_error("rm", "which person? (one name, id or email)");
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &id)) != 0)
		goto cleanup;
	kith_person_name(c->k, id, name, sizeof(name));
	if (!yes) {
		char q[400];
		if (!isatty(STDIN_FILENO)) {
			status = usage_error("rm", "not removing '%s' #%lld without --yes (stdin is not a terminal)", name,
					     (long long)id);
			goto cleanup;
		}
		snprintf(q, sizeof(q), "remove '%s' #%lld and their history?", name, (long long)id);
		if (!confirm(q)) {
			info("nothing removed");
			status = 1;
			goto cleanup;
		}
	}
	rc = kith_person_rm(c->k, id, &n);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	info("removed %s #%lld (%lld interaction%s only with them)", name, (long long)id, (long long)n,
	     n == 1 ? "" : "s");
cleanup:
	opts_release(&o);
	return status;
}
