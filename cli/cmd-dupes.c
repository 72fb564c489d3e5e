/* kith dupes: likely duplicates, for kith merge. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kith/dupes.h"
#include "kith/json.h"
#include "banned.h"

const char usage_dupes[] =
	"kith dupes [--limit N] [--json]\n\n"
	"List pairs of records that are likely one person, strongest evidence first:\n"
	"the same link (a LinkedIn profile), email or phone number, the same full\n"
	"name, or a name with an initial that fits a longer one (Ada L., Ada\n"
	"Lovelace). Each line ends with the kith merge that would join them; check\n"
	"before merging.\n\n"
	"Options:\n"
	"  --limit N              at most N pairs\n"
	"  --json                 print the pairs as JSON\n";

struct dupes_ctx {
	struct cli *c;
	struct kith_json j;
	size_t n, limit;
};

static int one(void *ctx, const struct kith_dupe *d)
{
	struct dupes_ctx *x = ctx;
	if (x->c->json) {
		kith_json_obj(&x->j);
		kith_json_key(&x->j, "people");
		kith_json_arr(&x->j);
		kith_json_obj(&x->j);
		kith_json_kint(&x->j, "id", d->a);
		kith_json_kstr(&x->j, "name", d->name_a);
		kith_json_end(&x->j);
		kith_json_obj(&x->j);
		kith_json_kint(&x->j, "id", d->b);
		kith_json_kstr(&x->j, "name", d->name_b);
		kith_json_end(&x->j);
		kith_json_end(&x->j);
		kith_json_kstr(&x->j, "why", d->why);
		kith_json_end(&x->j);
	} else {
		printf("%6lld  ", (long long)d->a);
		print_padded(stdout, d->name_a, 24);
		printf("  %6lld  ", (long long)d->b);
		print_padded(stdout, d->name_b, 24);
		printf("  %s%s  (kith merge %lld %lld)%s\n", d->why, col(x->c, C_DIM), (long long)d->b,
		       (long long)d->a, col(x->c, C_RESET));
	}
	x->n++;
	return (x->limit && x->n >= x->limit) || ferror(stdout);
}

int cmd_dupes(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "limit", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct dupes_ctx x;
	int r, status = 0;
	enum kith_rc rc;

	memset(&x, 0, sizeof(x));
	x.c = c;
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("dupes");
			goto cleanup;
		}
		if (r == 1) {
			long v;
			if (parse_number_arg("dupes", "limit", o.arg, 1, 10000000, &v) < 0) {
				status = 2;
				goto cleanup;
			}
			x.limit = (size_t)v;
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0 || o.npos) {
		status = r < 0 ? 2 : usage_error("dupes", "unexpected argument '%s'", o.pos[0]);
		goto cleanup;
	}
	if (c->json) {
		kith_json_init(&x.j, stdout);
		kith_json_arr(&x.j);
	}
	rc = kith_dupes(c->k, one, &x);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		kith_json_end(&x.j);
		kith_json_finish(&x.j);
	} else if (!x.n) {
		info("no likely duplicates");
	}
cleanup:
	opts_release(&o);
	return status;
}
