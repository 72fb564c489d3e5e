/*
 * kith intro: suggest introductions and track them through the double
 * opt-in; kith knows: who knows whom.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kith/intro.h"
#include "kith/json.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "banned.h"

const char usage_intro[] =
	"kith intro PERSON PERSON [--why TEXT] [--json]\n"
	"   or: kith intro suggest [--limit N] [--json]\n"
	"   or: kith intro ls [--state STATE] [--json]\n"
	"   or: kith intro set ID STATE [--on DATE] [--note TEXT] [--json]\n\n"
	"Introductions: a win for all three. With two people, propose introducing\n"
	"the first to the second (without --why, the reason is what they have in\n"
	"common). Then move it through the double opt-in with set:\n"
	"  proposed -> asked -> accepted -> made, or declined from any open state\n"
	"(asked: you asked both whether they'd like to meet; accepted: both said\n"
	"yes; made: you wrote to both). A made introduction records that they know\n"
	"each other and logs an intro interaction with both.\n"
	"suggest ranks pairs who would benefit from knowing each other: shared\n"
	"interests and goals, the rarer the better, closer circles first; pairs who\n"
	"already know each other or were ever introduced are left out.\n"
	"ls lists introductions, newest first.\n\n"
	"Options:\n"
	"  --why TEXT             why they should meet\n"
	"  --limit N              at most N suggestions (default 10, at most 1000)\n"
	"  --state STATE          only introductions in this state\n"
	"  --on DATE              the day of the step (default today)\n"
	"  --note TEXT            how it went (kept with the introduction)\n"
	"  --json                 print as JSON\n";

const char usage_knows[] =
	"kith knows PERSON [PERSON] [--json]\n\n"
	"With two people, record that they know each other (so they are not\n"
	"suggested for an introduction, and warm paths can go through them). With\n"
	"one, list who they know: because you said so, introduced, logged together\n"
	"in an interaction, or at the same organization.\n\n"
	"Options:\n"
	"  --json                 print as JSON\n";

enum { O_WHY = 1, O_LIMIT, O_STATE, O_ON, O_NOTE };

static const struct opt_spec intro_spec[] = {
	{ "why", 0, 1, O_WHY },
	{ "limit", 0, 1, O_LIMIT },
	{ "state", 0, 1, O_STATE },
	{ "on", 0, 1, O_ON },
	{ "note", 0, 1, O_NOTE },
	{ NULL, 0, 0, 0 },
};

static const char *const opt_names[] = { "", "--why", "--limit", "--state", "--on", "--note" };

struct intro_args {
	const char *why, *limit, *state, *on, *note;
	unsigned given; /* bit per option id */
};

/* The options only some forms take: refuse the others. Returns 0 or 2. */
static int only_options(const struct intro_args *a, unsigned allowed, const char *form)
{
	for (int id = O_WHY; id <= O_NOTE; id++)
		if ((a->given & (1u << id)) && !(allowed & (1u << id)))
			return usage_error("intro", "%s does not go with %s", opt_names[id], form);
	return 0;
}

static void json_person(struct kith_json *j, int64_t id, const char *name)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", id);
	kith_json_kstr(j, "name", name);
	kith_json_end(j);
}

static void json_intro(struct kith_json *j, const struct kith_intro *in)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", in->id);
	kith_json_key(j, "people");
	kith_json_arr(j);
	json_person(j, in->a, in->name_a);
	json_person(j, in->b, in->name_b);
	kith_json_end(j);
	kith_json_kstr(j, "state", kith_intro_state_name(in->state));
	kith_json_kstr(j, "why", in->why);
	kith_json_kday(j, "created", in->created);
	kith_json_kday(j, "updated", in->updated);
	kith_json_kday(j, "asked_on", in->asked_on);
	kith_json_kday(j, "accepted_on", in->accepted_on);
	kith_json_kday(j, "made_on", in->made_on);
	kith_json_kday(j, "declined_on", in->declined_on);
	kith_json_kstr(j, "note", in->note);
	kith_json_end(j);
}

static int print_one(struct cli *c, int64_t id)
{
	struct kith_intro in;
	struct kith_json j;
	enum kith_rc rc = kith_intro_get(c->k, id, &in);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	kith_json_init(&j, stdout);
	json_intro(&j, &in);
	kith_json_finish(&j);
	kith_intro_release(&in);
	return 0;
}

/* "12" or "#12" */
static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;
	errno = 0;
	v = strtoll(s[0] == '#' ? s + 1 : s, &end, 10);
	if (errno || *end || end == s || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static int intro_start(struct cli *c, const struct intro_args *a, char **pos)
{
	int64_t x, y, id = 0;
	int status;
	enum kith_rc rc;
	const char *how = NULL;
	struct kith_intro in;

	if ((status = only_options(a, 1u << O_WHY, "kith intro PERSON PERSON")) != 0)
		return status;
	if ((status = resolve_arg(c, pos[0], 0, &x)) != 0 || (status = resolve_arg(c, pos[1], 0, &y)) != 0)
		return status;
	if (x == y)
		return usage_error("intro", "'%s' and '%s' are the same person: name two different people", pos[0], pos[1]);
	rc = kith_intro_start(c->k, x, y, a->why, &id);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (kith_knows_check(c->k, x, y, &how) != KITH_OK)
		return lib_error(c, KITH_ERR);
	if (c->json)
		return print_one(c, id);
	rc = kith_intro_get(c->k, id, &in);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	info("proposed introduction #%lld: %s ↔ %s%s%s%s", (long long)id, in.name_a, in.name_b,
	     in.why ? " (" : "", in.why ? in.why : "", in.why ? ")" : "");
	if (how)
		warning("%s and %s already know each other (%s)", in.name_a, in.name_b, kith_knows_how_words(how));
	info("next: ask both whether they'd like to meet, then kith intro set %lld asked", (long long)id);
	kith_intro_release(&in);
	return 0;
}

static int intro_suggest(struct cli *c, const struct intro_args *a, int npos)
{
	struct kith_intro_suggestions s;
	long limit = 10;
	int status;
	enum kith_rc rc;

	if ((status = only_options(a, 1u << O_LIMIT, "kith intro suggest")) != 0)
		return status;
	if (npos != 1)
		return usage_error("intro", "kith intro suggest takes no arguments");
	if (a->limit && parse_number_arg("intro", "limit", a->limit, 1, KITH_SUGGEST_MAX, &limit) < 0)
		return 2;
	rc = kith_intro_suggest(c->k, (size_t)limit, 0, &s);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_key(&j, "suggestions");
		kith_json_arr(&j);
		for (size_t i = 0; i < s.n; i++) {
			kith_json_obj(&j);
			kith_json_key(&j, "people");
			kith_json_arr(&j);
			json_person(&j, s.v[i].a, s.v[i].name_a);
			json_person(&j, s.v[i].b, s.v[i].name_b);
			kith_json_end(&j);
			kith_json_key(&j, "score");
			kith_json_num(&j, s.v[i].score);
			kith_json_kstr(&j, "reason", s.v[i].reason);
			kith_json_end(&j);
		}
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else if (s.n == 0) {
		info("no introductions to suggest: people need interests (--tag) or goals (--goal) in common");
	} else {
		for (size_t i = 0; i < s.n; i++) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s ↔ %s", s.v[i].name_a, s.v[i].name_b);
			printf("%2zu  ", i + 1);
			print_padded(stdout, sb.buf, 44);
			printf("  %s%.2f%s\n    %s\n", col(c, C_DIM), s.v[i].score, col(c, C_RESET), s.v[i].reason);
			strbuf_release(&sb);
		}
		printf("\nstart one with: kith intro %lld %lld\n", (long long)s.v[0].a, (long long)s.v[0].b);
	}
	kith_intro_suggestions_release(&s);
	return 0;
}

struct ls_ctx {
	struct cli *c;
	struct kith_json *j;
	size_t n;
};

static int ls_one(void *pctx, const struct kith_intro *in)
{
	struct ls_ctx *x = pctx;
	struct strbuf sb = STRBUF_INIT;
	char day[KITH_DATE_BUFSZ];
	x->n++;
	if (x->j) {
		json_intro(x->j, in);
		return 0;
	}
	strbuf_addf(&sb, "%s ↔ %s", in->name_a, in->name_b);
	printf("#%-4lld %-9s ", (long long)in->id, kith_intro_state_name(in->state));
	print_padded(stdout, sb.buf, 40);
	printf("  %s", kith_day_format(in->updated != KITH_NO_DAY ? in->updated : in->created, day));
	if (in->why)
		printf("  %s", in->why);
	putchar('\n');
	if (in->note)
		printf("      note: %s\n", in->note);
	strbuf_release(&sb);
	return 0;
}

static int intro_ls(struct cli *c, const struct intro_args *a, int npos)
{
	struct ls_ctx x = { c, NULL, 0 };
	struct kith_json j;
	int status, state = -1;
	enum kith_rc rc;

	if ((status = only_options(a, 1u << O_STATE, "kith intro ls")) != 0)
		return status;
	if (npos != 1)
		return usage_error("intro", "kith intro ls takes no arguments (filter with --state STATE)");
	if (a->state) {
		state = kith_intro_state_parse(a->state);
		if (state < 0)
			return usage_error("intro", "unknown state '%s' (proposed, asked, accepted, made or declined)",
					   a->state);
	}
	if (c->json) {
		kith_json_init(&j, stdout);
		kith_json_arr(&j);
		x.j = &j;
	}
	rc = kith_intro_each(c->k, state, ls_one, &x);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (c->json) {
		kith_json_end(&j);
		kith_json_finish(&j);
	} else if (x.n == 0) {
		info(state < 0 ? "no introductions yet; kith intro suggest shows who could meet"
			       : "no introductions in that state");
	}
	return 0;
}

static int intro_set(struct cli *c, const struct intro_args *a, char **pos, int npos)
{
	int64_t id;
	int status, to;
	kith_day on = c->today;
	enum kith_rc rc;
	struct kith_intro in;
	char day[KITH_DATE_BUFSZ];

	if ((status = only_options(a, 1u << O_ON | 1u << O_NOTE, "kith intro set")) != 0)
		return status;
	if (npos != 3)
		return usage_error("intro", "kith intro set needs the introduction's number and a state");
	if (parse_id(pos[1], &id) < 0)
		return usage_error("intro", "'%s' is not an introduction number (see kith intro ls)", pos[1]);
	to = kith_intro_state_parse(pos[2]);
	if (to < 0)
		return usage_error("intro", "unknown state '%s' (asked, accepted, made or declined)", pos[2]);
	if (a->on && parse_date_arg(c, "intro", a->on, &on) < 0)
		return 2;
	rc = kith_intro_set(c->k, id, (enum kith_intro_state)to, on, a->note);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (c->json)
		return print_one(c, id);
	rc = kith_intro_get(c->k, id, &in);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	kith_day_format(on, day);
	switch (in.state) {
	case KITH_INTRO_ASKED:
		info("introduction #%lld asked on %s (%s ↔ %s); once both say yes: kith intro set %lld accepted",
		     (long long)id, day, in.name_a, in.name_b, (long long)id);
		break;
	case KITH_INTRO_ACCEPTED:
		info("introduction #%lld accepted on %s (%s ↔ %s); write to both, then: kith intro set %lld made",
		     (long long)id, day, in.name_a, in.name_b, (long long)id);
		break;
	case KITH_INTRO_MADE:
		info("introduction #%lld made on %s: %s and %s know each other now; logged an intro with both",
		     (long long)id, day, in.name_a, in.name_b);
		break;
	default:
		info("introduction #%lld %s on %s (%s ↔ %s)", (long long)id, kith_intro_state_name(in.state), day,
		     in.name_a, in.name_b);
		break;
	}
	kith_intro_release(&in);
	return 0;
}

int cmd_intro(struct cli *c, int argc, char **argv)
{
	struct opts o;
	struct intro_args a;
	int r, status = 0;

	memset(&a, 0, sizeof(a));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, intro_spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("intro");
			goto cleanup;
		}
		if (r >= O_WHY && r <= O_NOTE)
			a.given |= 1u << r;
		switch (r) {
		case O_WHY:
			a.why = o.arg;
			break;
		case O_LIMIT:
			a.limit = o.arg;
			break;
		case O_STATE:
			a.state = o.arg;
			break;
		case O_ON:
			a.on = o.arg;
			break;
		case O_NOTE:
			a.note = o.arg;
			break;
		default:
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos == 0) {
		status = usage_error("intro", "who should meet? (or: kith intro suggest, kith intro ls)");
		goto cleanup;
	}
	/* the subcommands' words win over names: a person called "Ls" is named by id */
	if (!strcmp(o.pos[0], "suggest"))
		status = intro_suggest(c, &a, o.npos);
	else if (!strcmp(o.pos[0], "ls"))
		status = intro_ls(c, &a, o.npos);
	else if (!strcmp(o.pos[0], "set"))
		status = intro_set(c, &a, o.pos, o.npos);
	else if (o.npos == 2)
		status = intro_start(c, &a, o.pos);
	else
		status = usage_error("intro", o.npos == 1 ? "introduce '%s' to whom?"
							  : "too many arguments (introduce two people at a time; a reason: --why TEXT)",
				     o.pos[0]);
cleanup:
	opts_release(&o);
	return status;
}

int cmd_knows(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int r, status = 0;
	int64_t a, b;
	char na[256], nb[256];
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, NULL)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("knows");
			goto cleanup;
		}
		common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos < 1 || o.npos > 2) {
		status = usage_error("knows", o.npos < 1 ? "who?" : "too many arguments (two people at a time)");
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &a)) != 0)
		goto cleanup;
	kith_person_name(c->k, a, na, sizeof(na));
	if (o.npos == 1) {
		struct kith_neighbor *v = NULL;
		size_t n = 0;
		rc = kith_knows_list(c->k, a, &v, &n);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			struct kith_json j;
			kith_json_init(&j, stdout);
			kith_json_obj(&j);
			kith_json_key(&j, "person");
			json_person(&j, a, na);
			kith_json_key(&j, "knows");
			kith_json_arr(&j);
			for (size_t i = 0; i < n; i++) {
				kith_json_obj(&j);
				kith_json_kint(&j, "id", v[i].id);
				kith_json_kstr(&j, "name", v[i].name);
				kith_json_kstr(&j, "how", v[i].how);
				kith_json_end(&j);
			}
			kith_json_end(&j);
			kith_json_end(&j);
			kith_json_finish(&j);
		} else if (n == 0) {
			info("nobody known to know %s yet; record it with kith knows '%s' PERSON", na, o.pos[0]);
		} else {
			for (size_t i = 0; i < n; i++) {
				printf("#%-6lld ", (long long)v[i].id);
				print_padded(stdout, v[i].name, 30);
				printf("  %s\n", kith_knows_how_words(v[i].how));
			}
		}
		kith_neighbors_free(v, n);
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[1], 0, &b)) != 0)
		goto cleanup;
	if (a == b) {
		status = usage_error("knows", "'%s' and '%s' are the same person: name two different people", o.pos[0],
				     o.pos[1]);
		goto cleanup;
	}
	{
		const char *before = NULL, *how = NULL;
		int added = 0;
		if ((rc = kith_knows_check(c->k, a, b, &before)) != KITH_OK ||
		    (rc = kith_knows_add(c->k, a, b, &added)) != KITH_OK ||
		    (rc = kith_knows_check(c->k, a, b, &how)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		kith_person_name(c->k, b, nb, sizeof(nb));
		if (c->json) {
			struct kith_json j;
			kith_json_init(&j, stdout);
			kith_json_obj(&j);
			kith_json_key(&j, "people");
			kith_json_arr(&j);
			json_person(&j, a < b ? a : b, a < b ? na : nb);
			json_person(&j, a < b ? b : a, a < b ? nb : na);
			kith_json_end(&j);
			kith_json_kstr(&j, "how", how);
			kith_json_key(&j, "added");
			kith_json_bool(&j, added);
			kith_json_end(&j);
			kith_json_finish(&j);
		} else if (added) {
			info("recorded: %s and %s know each other", na, nb);
		} else {
			info("already known: %s and %s know each other (%s)", na, nb, kith_knows_how_words(before));
		}
	}
cleanup:
	opts_release(&o);
	return status;
}
