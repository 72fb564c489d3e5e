/* kith done N / kith skip N: mark an action of today's plan. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kith/plan.h"
#include "kith/strbuf.h"
#include "banned.h"

const char usage_done[] =
	"kith done N [--limit N]\n\n"
	"Mark action N of today's plan (the number kith today shows) done: it\n"
	"leaves the plan for good (a birthday, a thank-you, an introduction to\n"
	"suggest, ...). For a reconnection, log the interaction instead: that is\n"
	"what resets the clock.\n\n"
	"Options:\n"
	"  --limit N              the plan's size, when kith today was run with --limit\n";

const char usage_skip[] =
	"kith skip N [--limit N]\n\n"
	"Skip action N of today's plan: it leaves today's plan, and the next one\n"
	"takes its place. It may come back tomorrow.\n\n"
	"Options:\n"
	"  --limit N              the plan's size, when kith today was run with --limit\n";

static int mark(struct cli *c, int argc, char **argv, const char *cmd, const char *state)
{
	static const struct opt_spec spec[] = { { "limit", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_plan p;
	struct strbuf who = STRBUF_INIT;
	const struct kith_action *a;
	int r, status = 0;
	long n, limit = 0;
	char *end;
	enum kith_rc rc;

	memset(&p, 0, sizeof(p));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help(cmd);
			goto cleanup;
		}
		if (r == 1) {
			if (parse_number_arg(cmd, "limit", o.arg, 1, 1000, &limit) < 0) {
				status = 2;
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0 || o.npos != 1) {
		status = r < 0 ? 2 : usage_error(cmd, "which action? (its number in kith today)");
		goto cleanup;
	}
	errno = 0;
	n = strtol(o.pos[0], &end, 10);
	if (errno || *end || end == o.pos[0] || n < 1) {
		status = usage_error(cmd, "'%s' is not an action number", o.pos[0]);
		goto cleanup;
	}
	rc = kith_plan_today(c->k, (size_t)limit, &p);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if ((size_t)n > p.n) {
		status = usage_error(cmd, "today's plan has %zu action%s, not %ld", p.n, p.n == 1 ? "" : "s", n);
		goto cleanup;
	}
	a = &p.v[n - 1];
	for (size_t i = 0; i < a->n_people; i++) {
		if (i)
			strbuf_addstr(&who, i + 1 == a->n_people ? " & " : ", ");
		strbuf_addstr(&who, a->names[i]);
	}
	if (!strcmp(state, "done") && (!strcmp(a->kind, "reconnect") || !strcmp(a->kind, "rekindle") ||
				       !strcmp(a->kind, "agenda"))) {
		error("action %ld is a %s with %s: log what you did instead, which resets the clock", n, a->kind,
		      who.buf);
		fprintf(stderr, "hint: kith log %lld coffee --note \"...\" (or kith skip %ld to put it off today)\n",
			a->n_people ? (long long)a->people[0] : 0LL, n);
		status = 2;
		goto cleanup;
	}
	rc = kith_plan_mark(c->k, a->key, state);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	info("%s: %s %s%s%s", !strcmp(state, "done") ? "done" : "skipped for today", a->kind, who.buf,
	     who.len ? " — " : "", a->reason ? a->reason : "");
cleanup:
	strbuf_release(&who);
	kith_plan_release(&p);
	opts_release(&o);
	return status;
}

int cmd_done(struct cli *c, int argc, char **argv)
{
	return mark(c, argc, argv, "done", "done");
}

int cmd_skip(struct cli *c, int argc, char **argv)
{
	return mark(c, argc, argv, "skip", "skipped");
}
