#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kith/json.h"
#include "kith/plan.h"
#include "kith/query.h"
#include "kith/strbuf.h"
#include "banned.h"

static const char *const weekdays[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
				       "August", "September", "October", "November", "December" };

struct count_ctx {
	size_t n;
};

static int count_one(void *ctx, const struct kith_row *row)
{
	(void)row;
	((struct count_ctx *)ctx)->n++;
	return 1;
}

static void who(const struct kith_action *a, struct strbuf *sb)
{
	if (!a->n_people && a->subject)
		strbuf_addstr(sb, a->subject);
	for (size_t i = 0; i < a->n_people; i++) {
		if (i)
			strbuf_addstr(sb, i + 1 == a->n_people ? " & " : ", ");
		strbuf_addstr(sb, a->names[i]);
	}
}

static void print_json(const struct kith_plan *p)
{
	struct kith_json j;
	kith_json_init(&j, stdout);
	kith_json_obj(&j);
	kith_json_kday(&j, "date", p->date);
	kith_json_key(&j, "actions");
	kith_json_arr(&j);
	for (size_t i = 0; i < p->n; i++) {
		const struct kith_action *a = &p->v[i];
		kith_json_obj(&j);
		kith_json_kint(&j, "rank", (int64_t)i + 1);
		kith_json_kstr(&j, "kind", a->kind);
		kith_json_kstr(&j, "key", a->key);
		kith_json_key(&j, "people");
		kith_json_arr(&j);
		for (size_t k = 0; k < a->n_people; k++) {
			kith_json_obj(&j);
			kith_json_kint(&j, "id", a->people[k]);
			kith_json_kstr(&j, "name", a->names[k]);
			kith_json_end(&j);
		}
		kith_json_end(&j);
		kith_json_kstr(&j, "subject", a->subject);
		kith_json_kstr(&j, "reason", a->reason);
		kith_json_kstr(&j, "detail", a->detail);
		kith_json_kstr(&j, "idea", a->idea);
		kith_json_key(&j, "priority");
		kith_json_num(&j, a->priority);
		kith_json_end(&j);
	}
	kith_json_end(&j);
	kith_json_kint(&j, "more_due", (int64_t)p->more_due);
	kith_json_end(&j);
	kith_json_finish(&j);
}

int cmd_today(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "limit", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_plan p;
	int r, status = 0, y, m, d;
	long limit = 0;
	size_t width = 0;
	enum kith_rc rc;

	memset(&p, 0, sizeof(p));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("today");
			goto cleanup;
		}
		if (r == 1) {
			if (parse_number_arg("today", "limit", o.arg, 1, 1000, &limit) < 0) {
				status = 2;
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0 || o.npos) {
		status = r < 0 ? 2 : usage_error("today", "unexpected argument '%s'", o.pos[0]);
		goto cleanup;
	}
	rc = kith_plan_today(c->k, (size_t)limit, &p);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		print_json(&p);
		goto cleanup;
	}

	kith_day_to_civil(p.date, &y, &m, &d);
	printf("%s%s %d %s %d%s\n\n", col(c, C_BOLD), weekdays[kith_day_weekday(p.date)], d, months[m - 1], y,
	       col(c, C_RESET));
	if (p.n == 0) {
		struct kith_filter f;
		struct count_ctx cc = { 0 };
		kith_filter_init(&f);
		kith_list(c->k, &f, KITH_SORT_NAME, 1, count_one, &cc);
		kith_filter_release(&f);
		if (cc.n == 0)
			printf("Nobody in your network yet: start with kith add NAME (kith help add).\n");
		else
			printf("Nothing due today. Your network is in good shape.\n");
		goto cleanup;
	}
	for (size_t i = 0; i < p.n; i++) {
		struct strbuf sb = STRBUF_INIT;
		size_t w;
		who(&p.v[i], &sb);
		w = display_width(sb.buf);
		if (w > width)
			width = w;
		strbuf_release(&sb);
	}
	if (width > 30)
		width = 30;
	for (size_t i = 0; i < p.n; i++) {
		const struct kith_action *a = &p.v[i];
		struct strbuf sb = STRBUF_INIT;
		const char *kc = !strcmp(a->kind, "thank") || !strcmp(a->kind, "celebrate") ? C_GREEN : C_CYAN;
		who(a, &sb);
		printf("%2zu  %s%-10s%s  ", i + 1, col(c, kc), a->kind, col(c, C_RESET));
		print_padded(stdout, sb.buf, width);
		printf("  %s\n", a->reason);
		if (a->detail) {
			printf("%*s%s%s%s\n", (int)(2 + 2 + 10 + 2 + width + 2), "", col(c, C_DIM), a->detail,
			       col(c, C_RESET));
		}
		if (a->idea)
			printf("%*sidea: %s\n", (int)(2 + 2 + 10 + 2 + width + 2), "", a->idea);
		strbuf_release(&sb);
	}
	if (p.more_due)
		printf("\n%zu more due; they will come up over the coming days (kith ls due to see them all)\n",
		       p.more_due);
cleanup:
	kith_plan_release(&p);
	opts_release(&o);
	return status;
}
