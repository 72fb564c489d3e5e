/*
 * kith goal: hard-networking goals, their targets and warm paths.
 * kith balance: giving versus asking, soft versus hard, over time.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/balance.h"
#include "kith/goal.h"
#include "kith/intro.h"
#include "kith/json.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "banned.h"

#define PATHS_SHOWN 5

const char usage_goal[] =
	"kith goal [add|ls|show|set|target|done|rm] [ARGS] [--json]\n\n"
	"Hard-networking goals: an objective with a deadline, the people who can help\n"
	"(targets) and how far each has come, and warm paths to them through people\n"
	"you know well. Without a subcommand, list the open goals.\n\n"
	"  kith goal add TEXT --by DATE [--target PEOPLE] [--org ORG]\n"
	"  kith goal ls [--all]            open goals, nearest deadline first\n"
	"  kith goal show ID               targets, their states and warm paths\n"
	"  kith goal set ID PERSON STATE   identified, contacted, replied, met,\n"
	"                                  referred or no\n"
	"  kith goal target ID PEOPLE      add targets (comma-separated)\n"
	"  kith goal done ID               the goal is reached\n"
	"  kith goal rm ID [--yes]         remove the goal\n\n"
	"Options:\n"
	"  --by DATE              the deadline, today or later (add)\n"
	"  --target PEOPLE        who can help, comma-separated (add)\n"
	"  --org ORG              the organization, matched against people's (add)\n"
	"  -a, --all              done goals too (ls)\n"
	"  -y, --yes              do not ask (rm)\n"
	"  --json                 print the goal or goals as JSON (add, ls, show)\n";

const char usage_balance[] =
	"kith balance [--since DATE] [--json]\n\n"
	"How much of your networking is giving versus asking, soft versus hard, how\n"
	"many touches a week, the streak of weeks in a row with a give, the people\n"
	"most given to and most asked of, and each month of the period.\n\n"
	"Options:\n"
	"  --since DATE           start of the period (default: the last 12 months)\n"
	"  --json                 print the balance as JSON\n";

/* A goal number: "3" or "#3". Prints the usage error; returns 0 or 2. */
static int parse_goal_id(const char *s, int64_t *id)
{
	const char *p = s[0] == '#' ? s + 1 : s;
	char *end;
	long long v;

	errno = 0;
	v = strtoll(p, &end, 10);
	if (errno || *end || end == p || v <= 0 || *p == '-' || *p == '+' || *p == ' ')
		return usage_error("goal", "'%s' is not a goal number (see kith goal ls)", s);
	*id = v;
	return 0;
}

/* "due in 10 days", "due today", "3 days overdue", "done 2026-11-20" */
static void goal_when(struct cli *c, const struct kith_goal *g, struct strbuf *sb)
{
	char buf[KITH_DATE_BUFSZ];
	long left = (long)(g->by - c->today);

	if (g->done_on != KITH_NO_DAY)
		strbuf_addf(sb, "done %s", kith_day_format(g->done_on, buf));
	else if (left < 0)
		strbuf_addf(sb, "%ld day%s overdue", -left, left == -1 ? "" : "s");
	else if (left == 0)
		strbuf_addstr(sb, "due today");
	else if (left == 1)
		strbuf_addstr(sb, "due tomorrow");
	else
		strbuf_addf(sb, "due in %ld days", left);
}

/* "2 targets: 1 met, 1 contacted", "no targets" */
static void goal_summary(const struct kith_goal *g, struct strbuf *sb)
{
	static const enum kith_target_state order[] = {
		KITH_TARGET_REFERRED, KITH_TARGET_MET, KITH_TARGET_REPLIED,
		KITH_TARGET_CONTACTED, KITH_TARGET_IDENTIFIED, KITH_TARGET_NO,
	};
	int first = 1;

	if (!g->n_targets) {
		strbuf_addstr(sb, "no targets");
		return;
	}
	strbuf_addf(sb, "%zu target%s: ", g->n_targets, g->n_targets == 1 ? "" : "s");
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		size_t n = 0;
		for (size_t t = 0; t < g->n_targets; t++)
			n += g->targets[t].state == order[i];
		if (!n)
			continue;
		strbuf_addf(sb, "%s%zu %s", first ? "" : ", ", n, kith_target_state_name(order[i]));
		first = 0;
	}
}

static void json_person(struct kith_json *j, int64_t id, const char *name)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", id);
	kith_json_kstr(j, "name", name);
	kith_json_end(j);
}

static void json_paths(struct kith_json *j, const char *key, const struct kith_warm_paths *p)
{
	kith_json_key(j, key);
	kith_json_arr(j);
	for (size_t i = 0; i < p->n; i++) {
		const struct kith_warm_path *w = &p->v[i];
		kith_json_obj(j);
		kith_json_key(j, "via");
		kith_json_arr(j);
		for (size_t v = 0; v < w->n_via; v++)
			json_person(j, w->via[v], w->names[v]);
		kith_json_end(j);
		kith_json_key(j, "strength");
		kith_json_num(j, floor(w->tie.strength * 100.0 + 0.5) / 100.0);
		kith_json_kint(j, "touches", w->tie.touches);
		kith_json_kstr(j, "how", w->how);
		kith_json_end(j);
	}
	kith_json_end(j);
}

/* One goal as JSON; with paths (show, add) or without (ls). */
static void json_goal(struct kith_json *j, const struct kith_goal *g, const struct kith_goal_paths *gp)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", g->id);
	kith_json_kstr(j, "text", g->text);
	kith_json_kday(j, "by", g->by);
	kith_json_kstr(j, "org", g->org);
	kith_json_kday(j, "created", g->created);
	kith_json_kday(j, "done", g->done_on);
	kith_json_key(j, "targets");
	kith_json_arr(j);
	for (size_t i = 0; i < g->n_targets; i++) {
		const struct kith_goal_target *t = &g->targets[i];
		kith_json_obj(j);
		kith_json_key(j, "person");
		json_person(j, t->id, t->name);
		kith_json_kstr(j, "state", kith_target_state_name(t->state));
		kith_json_kday(j, "updated", t->updated);
		if (gp)
			json_paths(j, "paths", &gp->targets[i]);
		kith_json_end(j);
	}
	kith_json_end(j);
	if (gp)
		json_paths(j, "org_paths", &gp->org);
	kith_json_end(j);
}

/* "Frank Li (6 touches this year)" */
static void tie_words(struct cli *c, const char *name, const struct kith_tie *t, struct strbuf *sb)
{
	strbuf_addstr(sb, name);
	if (t->touches)
		strbuf_addf(sb, " (%d touch%s this year)", t->touches, t->touches == 1 ? "" : "es");
	else if (t->last != KITH_NO_DAY)
		strbuf_addf(sb, " (last touch %ld days ago)", (long)(c->today - t->last));
}

/*
 * "you → Frank Li (6 touches this year) → Dana Scully (same organization)":
 * the first person with your tie, the next with how the first knows them.
 */
static void print_path(struct cli *c, const struct kith_warm_path *p, const char *end, struct strbuf *sb)
{
	const char *how = p->how ? kith_knows_how_words(p->how) : NULL;

	strbuf_addstr(sb, "you → ");
	tie_words(c, p->names[0], &p->tie, sb);
	if (p->n_via == 2)
		strbuf_addf(sb, " → %s (%s)", p->names[1], how ? how : "?");
	if (end) {
		strbuf_addf(sb, " → %s", end);
		if (p->n_via == 1 && how)
			strbuf_addf(sb, " (%s)", how);
	}
}

static int print_goal(struct cli *c, const struct kith_goal *g, const struct kith_goal_paths *gp)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[KITH_DATE_BUFSZ];

	printf("%sgoal #%lld%s  %s\n", col(c, C_BOLD), (long long)g->id, col(c, C_RESET), g->text);
	goal_when(c, g, &sb);
	printf("  deadline  %s (%s)\n", kith_day_format(g->by, buf), sb.buf);
	strbuf_reset(&sb);
	if (g->org)
		printf("  org       %s\n", g->org);
	if (!g->n_targets)
		printf("  targets   none yet (add: kith goal target %lld PEOPLE)\n", (long long)g->id);
	else
		printf("  targets\n");
	for (size_t i = 0; i < g->n_targets; i++) {
		const struct kith_goal_target *t = &g->targets[i];
		const struct kith_warm_paths *p = &gp->targets[i];
		char when[40];
		printf("    %s%s%s  %s since %s\n", col(c, C_BOLD), t->name, col(c, C_RESET),
		       kith_target_state_name(t->state), rel_day_long(c->today, t->updated, when, sizeof(when)));
		if (!p->n)
			printf("      no warm path: nobody you know well knows them yet\n");
		for (size_t k = 0; k < p->n; k++) {
			strbuf_reset(&sb);
			if (p->v[k].n_via == 0) {
				strbuf_addstr(&sb, "you know them well: ");
				tie_words(c, t->name, &p->v[k].tie, &sb);
			} else {
				print_path(c, &p->v[k], t->name, &sb);
			}
			printf("      %s\n", sb.buf);
		}
	}
	if (g->org) {
		printf("  warm paths into %s\n", g->org);
		if (!gp->org.n)
			printf("    none: nobody you know well works there or knows someone who does\n");
		for (size_t k = 0; k < gp->org.n; k++) {
			const struct kith_warm_path *p = &gp->org.v[k];
			strbuf_reset(&sb);
			print_path(c, p, NULL, &sb);
			strbuf_addstr(&sb, p->n_via == 1 ? ", works there" : ", who works there");
			printf("    %s\n", sb.buf);
		}
	}
	strbuf_release(&sb);
	return 0;
}

/* Show (or print as JSON) goal id with its paths. */
static int show_goal(struct cli *c, int64_t id)
{
	struct kith_goal g;
	struct kith_goal_paths gp;
	enum kith_rc rc = kith_goal_get(c->k, id, &g);
	int status = 0;

	if (rc != KITH_OK)
		return lib_error(c, rc);
	rc = kith_goal_paths(c->k, &g, PATHS_SHOWN, &gp);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
	} else if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		json_goal(&j, &g, &gp);
		kith_json_finish(&j);
	} else {
		status = print_goal(c, &g, &gp);
	}
	kith_goal_paths_release(&gp);
	kith_goal_release(&g);
	return status;
}

/*
 * Parse a subcommand's options: argv[0] is the subcommand. Returns 0 with
 * o ready, else the exit status (help printed: 0 through *done).
 */
static int sub_opts(struct cli *c, struct opts *o, int argc, char **argv, const struct opt_spec *spec,
		    int (*fn)(void *ctx, int id, const char *arg), void *ctx, int *done)
{
	int r;
	*done = 0;
	opts_init(o, argc, argv);
	o->cmd = "goal";
	while ((r = opts_next(o, spec)) > 0) {
		if (r == OPT_HELP) {
			*done = 1;
			return show_help("goal");
		}
		if (common_option(c, r, o->arg))
			continue;
		if (fn && fn(ctx, r, o->arg) != 0)
			return 2;
	}
	return r < 0 ? 2 : 0;
}

struct add_args {
	const char *by, *targets, *org;
};

static int add_opt(void *ctx, int id, const char *arg)
{
	struct add_args *a = ctx;
	if (id == 1)
		a->by = arg;
	else if (id == 2)
		a->targets = arg;
	else if (id == 3)
		a->org = arg;
	return 0;
}

static int goal_add(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "by", 0, 1, 1 }, { "target", 0, 1, 2 }, { "org", 0, 1, 3 },
						{ NULL, 0, 0, 0 } };
	struct add_args a = { NULL, NULL, NULL };
	struct opts o;
	int status, done;
	kith_day by;
	int64_t *ids = NULL, id = 0;
	size_t n = 0;
	enum kith_rc rc;

	status = sub_opts(c, &o, argc, argv, spec, add_opt, &a, &done);
	if (status || done)
		goto cleanup;
	if (o.npos != 1) {
		status = usage_error("goal", o.npos ? "one goal text, in quotes: kith goal add 'referral at Acme' --by DATE"
						    : "what is the goal? kith goal add TEXT --by DATE");
		goto cleanup;
	}
	if (!a.by) {
		status = usage_error("goal", "a goal needs a deadline: --by DATE (e.g. --by 2027-01-15 or --by 'in 6w')");
		goto cleanup;
	}
	if (parse_date_arg(c, "goal", a.by, &by) < 0) {
		status = 2;
		goto cleanup;
	}
	if (a.targets) {
		rc = kith_resolve_list(c->k, a.targets, &ids, &n);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
	}
	rc = kith_goal_add(c->k, o.pos[0], by, a.org, ids, n, &id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		status = show_goal(c, id);
	} else {
		struct kith_goal g;
		rc = kith_goal_get(c->k, id, &g);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		{
			struct strbuf sb = STRBUF_INIT;
			char buf[KITH_DATE_BUFSZ];
			goal_when(c, &g, &sb);
			info("added goal #%lld '%s', %s (%s), %zu target%s", (long long)id, g.text, sb.buf,
			     kith_day_format(g.by, buf), g.n_targets, g.n_targets == 1 ? "" : "s");
			strbuf_release(&sb);
		}
		kith_goal_release(&g);
	}
cleanup:
	free(ids);
	opts_release(&o);
	return status;
}

static int all_opt(void *ctx, int id, const char *arg)
{
	(void)arg;
	if (id == 1)
		*(int *)ctx = 1;
	return 0;
}

static int goal_ls(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "all", 'a', 0, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_goal *v = NULL;
	size_t n = 0, w_text = 0, w_when = 0;
	int status, done, all = 0;
	enum kith_rc rc;

	status = sub_opts(c, &o, argc, argv, spec, all_opt, &all, &done);
	if (status || done)
		goto cleanup;
	if (o.npos) {
		status = usage_error("goal", "kith goal ls takes no arguments (one goal: kith goal show ID)");
		goto cleanup;
	}
	rc = kith_goal_list(c->k, all, &v, &n);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_arr(&j);
		for (size_t i = 0; i < n; i++)
			json_goal(&j, &v[i], NULL);
		kith_json_end(&j);
		kith_json_finish(&j);
		goto cleanup;
	}
	if (!n) {
		info(all ? "no goals yet (add one: kith goal add TEXT --by DATE)"
			 : "no open goals (add one: kith goal add TEXT --by DATE)");
		goto cleanup;
	}
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;
		size_t tw = display_width(v[i].text), ww;
		goal_when(c, &v[i], &sb);
		ww = display_width(sb.buf);
		if (tw > w_text)
			w_text = tw > 40 ? 40 : tw;
		if (ww > w_when)
			w_when = ww;
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = STRBUF_INIT;
		char id[24];
		snprintf(id, sizeof(id), "#%lld", (long long)v[i].id);
		printf("%-5s ", id);
		print_padded(stdout, v[i].text, w_text);
		fputs("  ", stdout);
		goal_when(c, &v[i], &sb);
		if (v[i].done_on == KITH_NO_DAY && v[i].by < c->today)
			fputs(col(c, C_RED), stdout);
		print_padded(stdout, sb.buf, w_when);
		fputs(col(c, C_RESET), stdout);
		strbuf_reset(&sb);
		goal_summary(&v[i], &sb);
		printf("  %s\n", sb.buf);
		strbuf_release(&sb);
	}
cleanup:
	for (size_t i = 0; i < n; i++)
		kith_goal_release(&v[i]);
	free(v);
	opts_release(&o);
	return status;
}

/* Subcommands taking ID and fixed positional arguments: show, set, target, done, rm. */
static int goal_show(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int status, done;
	int64_t id = 0;

	status = sub_opts(c, &o, argc, argv, NULL, NULL, NULL, &done);
	if (status || done)
		goto cleanup;
	if (o.npos != 1) {
		status = usage_error("goal", "which goal? kith goal show ID (see kith goal ls)");
		goto cleanup;
	}
	if ((status = parse_goal_id(o.pos[0], &id)) != 0)
		goto cleanup;
	status = show_goal(c, id);
cleanup:
	opts_release(&o);
	return status;
}

static int goal_set(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int status, done, state;
	int64_t id = 0, person = 0;
	enum kith_target_state old;
	enum kith_rc rc;
	char name[256];

	status = sub_opts(c, &o, argc, argv, NULL, NULL, NULL, &done);
	if (status || done)
		goto cleanup;
	if (o.npos != 3) {
		status = usage_error("goal", "kith goal set ID PERSON STATE (identified, contacted, replied, met,"
					     " referred or no)");
		goto cleanup;
	}
	if ((status = parse_goal_id(o.pos[0], &id)) != 0)
		goto cleanup;
	state = kith_target_state_parse(o.pos[2]);
	if (state < 0) {
		status = usage_error("goal", "unknown state '%s' (identified, contacted, replied, met, referred or no)",
				     o.pos[2]);
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[1], 0, &person)) != 0)
		goto cleanup;
	rc = kith_goal_set(c->k, id, person, (enum kith_target_state)state, &old);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	kith_person_name(c->k, person, name, sizeof(name));
	if ((int)old == state)
		info("%s: still %s, as of today (goal #%lld)", name, o.pos[2], (long long)id);
	else
		info("%s: %s → %s (goal #%lld)", name, kith_target_state_name(old), o.pos[2], (long long)id);
cleanup:
	opts_release(&o);
	return status;
}

static int goal_target(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int status, done;
	int64_t id = 0, *ids = NULL;
	size_t n = 0, added = 0;
	enum kith_rc rc;

	status = sub_opts(c, &o, argc, argv, NULL, NULL, NULL, &done);
	if (status || done)
		goto cleanup;
	if (o.npos != 2) {
		status = usage_error("goal", "kith goal target ID PEOPLE (comma-separated: dana,eve)");
		goto cleanup;
	}
	if ((status = parse_goal_id(o.pos[0], &id)) != 0)
		goto cleanup;
	rc = kith_resolve_list(c->k, o.pos[1], &ids, &n);
	if (rc == KITH_OK)
		rc = kith_goal_target(c->k, id, ids, n, &added);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (added == n)
		info("added %zu target%s to goal #%lld", added, added == 1 ? "" : "s", (long long)id);
	else
		info("added %zu target%s to goal #%lld (%zu already %s)", added, added == 1 ? "" : "s",
		     (long long)id, n - added, n - added == 1 ? "was" : "were");
cleanup:
	free(ids);
	opts_release(&o);
	return status;
}

static int goal_done(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int status, done;
	int64_t id = 0;
	kith_day was;
	enum kith_rc rc;
	char buf[KITH_DATE_BUFSZ];

	status = sub_opts(c, &o, argc, argv, NULL, NULL, NULL, &done);
	if (status || done)
		goto cleanup;
	if (o.npos != 1) {
		status = usage_error("goal", "which goal? kith goal done ID (see kith goal ls)");
		goto cleanup;
	}
	if ((status = parse_goal_id(o.pos[0], &id)) != 0)
		goto cleanup;
	rc = kith_goal_done(c->k, id, &was);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (was != KITH_NO_DAY)
		info("goal #%lld was already done on %s", (long long)id, kith_day_format(was, buf));
	else
		info("goal #%lld done", (long long)id);
cleanup:
	opts_release(&o);
	return status;
}

static int yes_opt(void *ctx, int id, const char *arg)
{
	(void)arg;
	if (id == 1)
		*(int *)ctx = 1;
	return 0;
}

static int goal_rm(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "yes", 'y', 0, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	int status, done, yes = 0;
	int64_t id = 0;
	struct kith_goal g;
	enum kith_rc rc;

	memset(&g, 0, sizeof(g));
	status = sub_opts(c, &o, argc, argv, spec, yes_opt, &yes, &done);
	if (status || done)
		goto cleanup;
	if (o.npos != 1) {
		status = usage_error("goal", "which goal? kith goal rm ID [--yes] (see kith goal ls)");
		goto cleanup;
	}
	if ((status = parse_goal_id(o.pos[0], &id)) != 0)
		goto cleanup;
	rc = kith_goal_get(c->k, id, &g);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (!yes) {
		char q[700];
		if (!isatty(STDIN_FILENO)) {
			status = usage_error("goal", "not removing goal #%lld '%s' without --yes (stdin is not a terminal)",
					     (long long)id, g.text);
			goto cleanup;
		}
		snprintf(q, sizeof(q), "remove goal #%lld '%s' and its %zu target%s?", (long long)id, g.text,
			 g.n_targets, g.n_targets == 1 ? "" : "s");
		if (!confirm(q)) {
			info("nothing removed");
			status = 1;
			goto cleanup;
		}
	}
	rc = kith_goal_rm(c->k, id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	info("removed goal #%lld '%s'", (long long)id, g.text);
cleanup:
	kith_goal_release(&g);
	opts_release(&o);
	return status;
}

static const struct {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
} goal_subs[] = {
	{ "add", goal_add },   { "ls", goal_ls },   { "show", goal_show }, { "set", goal_set },
	{ "target", goal_target }, { "done", goal_done }, { "rm", goal_rm },
};

int cmd_goal(struct cli *c, int argc, char **argv)
{
	/* no subcommand, or only options: the list */
	if (argc < 2 || (argv[1][0] == '-' && argv[1][1]))
		return goal_ls(c, argc, argv);
	for (size_t i = 0; i < sizeof(goal_subs) / sizeof(goal_subs[0]); i++)
		if (!strcmp(argv[1], goal_subs[i].name))
			return goal_subs[i].fn(c, argc - 1, argv + 1);
	return usage_error("goal", "unknown subcommand '%s' (add, ls, show, set, target, done or rm)", argv[1]);
}

/* ---- balance ---- */

#define BAR_WIDTH 10

/* A bar of the share of gives among gives and asks: █ gives, ░ the rest. */
static void give_bar(struct cli *c, int64_t gives, int64_t asks)
{
	int filled = gives + asks ? (int)((gives * BAR_WIDTH) / (gives + asks)) : 0;
	if (gives + asks == 0) {
		for (int i = 0; i < BAR_WIDTH; i++)
			fputs("·", stdout);
		return;
	}
	fputs(col(c, C_GREEN), stdout);
	for (int i = 0; i < filled; i++)
		fputs("█", stdout);
	fputs(col(c, C_RESET), stdout);
	fputs(col(c, C_YELLOW), stdout);
	for (int i = filled; i < BAR_WIDTH; i++)
		fputs("░", stdout);
	fputs(col(c, C_RESET), stdout);
}

static int pct(int64_t part, int64_t whole)
{
	return whole ? (int)((part * 100 + whole / 2) / whole) : 0;
}

static void json_top(struct kith_json *j, const char *key, const struct kith_balance_person *v, size_t n)
{
	kith_json_key(j, key);
	kith_json_arr(j);
	for (size_t i = 0; i < n; i++) {
		kith_json_obj(j);
		kith_json_key(j, "person");
		json_person(j, v[i].id, v[i].name);
		kith_json_kint(j, "count", v[i].count);
		kith_json_end(j);
	}
	kith_json_end(j);
}

static void print_top(const char *label, const struct kith_balance_person *v, size_t n)
{
	printf("%-15s", label);
	if (!n)
		fputs("nobody", stdout);
	for (size_t i = 0; i < n; i++)
		printf("%s%s (%lld)", i ? ", " : "", v[i].name, (long long)v[i].count);
	fputc('\n', stdout);
}

int cmd_balance(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "since", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_balance b;
	kith_day since = KITH_NO_DAY;
	const char *since_arg = NULL;
	int r, status = 0;
	enum kith_rc rc;

	memset(&b, 0, sizeof(b));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("balance");
			goto cleanup;
		}
		if (r == 1)
			since_arg = o.arg;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos) {
		status = usage_error("balance", "kith balance takes no arguments (a period: --since DATE)");
		goto cleanup;
	}
	if (since_arg && parse_date_arg(c, "balance", since_arg, &since) < 0) {
		status = 2;
		goto cleanup;
	}
	rc = kith_balance(c->k, since, &b);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kday(&j, "since", b.since);
		kith_json_kday(&j, "until", b.until);
		kith_json_kint(&j, "gives", b.gives);
		kith_json_kint(&j, "asks", b.asks);
		kith_json_kint(&j, "neutral", b.neutral);
		kith_json_kint(&j, "soft", b.soft);
		kith_json_kint(&j, "hard", b.hard);
		kith_json_key(&j, "touches_per_week");
		kith_json_num(&j, floor(b.touches_per_week * 100.0 + 0.5) / 100.0);
		kith_json_kint(&j, "streak_weeks", b.streak_weeks);
		json_top(&j, "top_given", b.top_given, b.n_top_given);
		json_top(&j, "top_asked", b.top_asked, b.n_top_asked);
		kith_json_key(&j, "months");
		kith_json_arr(&j);
		for (size_t i = 0; i < b.n_months; i++) {
			char m[16];
			snprintf(m, sizeof(m), "%04d-%02d", b.months[i].year, b.months[i].month);
			kith_json_obj(&j);
			kith_json_kstr(&j, "month", m);
			kith_json_kint(&j, "gives", b.months[i].gives);
			kith_json_kint(&j, "asks", b.months[i].asks);
			kith_json_kint(&j, "neutral", b.months[i].neutral);
			kith_json_end(&j);
		}
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		char from[KITH_DATE_BUFSZ], to[KITH_DATE_BUFSZ];
		int64_t total = b.gives + b.asks + b.neutral;
		printf("%s%s to %s%s\n", col(c, C_BOLD), kith_day_format(b.since, from), kith_day_format(b.until, to),
		       col(c, C_RESET));
		printf("gives          %lld (%d%%)\n", (long long)b.gives, pct(b.gives, total));
		printf("asks           %lld (%d%%)\n", (long long)b.asks, pct(b.asks, total));
		printf("neutral        %lld (%d%%)\n", (long long)b.neutral, pct(b.neutral, total));
		printf("soft / hard    %lld / %lld\n", (long long)b.soft, (long long)b.hard);
		printf("touches        %.1f a week\n", b.touches_per_week);
		printf("streak         %d week%s in a row with a give\n", b.streak_weeks, b.streak_weeks == 1 ? "" : "s");
		print_top("most given to", b.top_given, b.n_top_given);
		print_top("most asked of", b.top_asked, b.n_top_asked);
		fputc('\n', stdout);
		for (size_t i = 0; i < b.n_months; i++) {
			const struct kith_balance_month *m = &b.months[i];
			printf("%04d-%02d  ", m->year, m->month);
			give_bar(c, m->gives, m->asks);
			printf("  give %lld  ask %lld  neutral %lld\n", (long long)m->gives, (long long)m->asks,
			       (long long)m->neutral);
		}
	}
cleanup:
	kith_balance_release(&b);
	opts_release(&o);
	return status;
}
