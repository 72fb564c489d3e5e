#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/person.h"
#include "person-opts.h"
#include "banned.h"

struct show_ctx {
	struct cli *c;
	int64_t self;
};

static void field(const char *label, const char *value)
{
	if (!value || !*value)
		return;
	printf("  %-10s %s\n", label, value);
}

static void list_field(const char *label, const struct kith_strlist *l, const char *prefix)
{
	for (size_t i = 0; i < l->n; i++)
		printf("  %-10s %s%s\n", i ? "" : label, prefix, l->v[i]);
}

static int print_interaction(void *ctx, const struct kith_interaction *it)
{
	struct show_ctx *s = ctx;
	char buf[KITH_DATE_BUFSZ];
	const struct kith_kind_info *kind = kith_kind_find(it->kind);
	int first = 1;

	printf("  %s  %s", kith_day_format(it->date, buf),
	       kind && kind->cls == KITH_GIVE ? col(s->c, C_GREEN) : kind && kind->cls == KITH_ASK ? col(s->c, C_YELLOW) : "");
	print_padded(stdout, it->kind, 9);
	printf("%s", col(s->c, C_RESET));
	if (it->n_people > 1) {
		printf("with ");
		for (size_t i = 0; i < it->n_people; i++) {
			if (it->people[i] == s->self)
				continue;
			printf("%s%s", first ? "" : ", ", it->names[i]);
			first = 0;
		}
		if (it->note)
			printf(": ");
	}
	if (it->note) {
		/* one line per note in the timeline */
		const char *p = it->note;
		size_t n = strcspn(p, "\n");
		printf("%.*s%s", (int)n, p, p[n] ? " …" : "");
	}
	printf("  %s#%lld%s\n", col(s->c, C_DIM), (long long)it->id, col(s->c, C_RESET));
	return 0;
}

static void print_status(struct cli *c, const struct kith_person *p)
{
	char buf[KITH_DATE_BUFSZ], rel[40], every[48], max[48];
	enum kith_status st = kith_person_status(c->k, p);

	if (p->cadence.ideal <= 0) {
		printf("  %-10s none (circle %s)\n", "cadence", kith_circle_name(p->circle));
	} else {
		kith_duration_words(p->cadence.ideal, every, sizeof(every));
		kith_duration_words(p->cadence.max, max, sizeof(max));
		struct kith_cadence cc = { 0, 0 };
		const char *src = "their own";
		char circ[32];
		if (p->own.ideal < 0) {
			kith_circle_cadence(c->k, p->circle, &cc);
			snprintf(circ, sizeof(circ), "%s circle", kith_circle_name(p->circle));
			src = cc.ideal == p->cadence.ideal && cc.max == p->cadence.max ? circ : "from a tag";
		}
		printf("  %-10s %s, at most %s (%s)\n", "cadence", every,
		       strncmp(max, "every ", 6) ? max : max + 6, src);
	}
	if (p->cadence.ideal > 0)
		printf("  %-10s %s\n", "circle", kith_circle_name(p->circle));
	switch (st) {
	case KITH_STATUS_NONE:
		break;
	case KITH_STATUS_OK:
		printf("  %-10s %sok%s, due %s (%s)\n", "status", col(c, C_GREEN), col(c, C_RESET),
		       rel_day_long(c->today, p->due_on, rel, sizeof(rel)), kith_day_format(p->due_on, buf));
		break;
	case KITH_STATUS_DUE:
		printf("  %-10s %sdue%s since %s (%s)\n", "status", col(c, C_YELLOW), col(c, C_RESET),
		       kith_day_format(p->due_on, buf), rel_day_long(c->today, p->due_on, rel, sizeof(rel)));
		break;
	case KITH_STATUS_OVERDUE:
		printf("  %-10s %soverdue%s since %s (%s)\n", "status", col(c, C_RED), col(c, C_RESET),
		       kith_day_format(p->overdue_on, buf), rel_day_long(c->today, p->overdue_on, rel, sizeof(rel)));
		break;
	}
	if (p->snoozed_until != KITH_NO_DAY && p->snoozed_until > c->today)
		printf("  %-10s until %s\n", "snoozed", kith_day_format(p->snoozed_until, buf));
	if (p->last_touch != KITH_NO_DAY)
		printf("  %-10s %s %s (%s)\n", "last", p->last_kind ? p->last_kind : "touch",
		       rel_day_long(c->today, p->last_touch, rel, sizeof(rel)), kith_day_format(p->last_touch, buf));
	else
		printf("  %-10s never in touch\n", "last");
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "limit", 0, 1, 1 }, { "all", 'a', 0, 2 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_person p;
	int r, status = 0;
	long limit = -1; /* not given: 20 on a terminal page, all in JSON */
	int64_t id;
	enum kith_rc rc;
	char buf[KITH_DATE_BUFSZ];

	memset(&p, 0, sizeof(p));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("show");
			goto cleanup;
		}
		if (r == 1) {
			if (parse_number_arg("show", "limit", o.arg, 0, 1000000000, &limit) < 0) {
				status = 2;
				goto cleanup;
			}
		} else if (r == 2) {
			limit = 0;
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0 || o.npos != 1) {
		status = r < 0 ? 2 : usage_error("show", "which person? (one name, id or email)");
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &id)) != 0)
		goto cleanup;
	if (c->json) {
		status = print_person_json(c, id, limit < 0 ? 0 : limit);
		goto cleanup;
	}
	if (limit < 0)
		limit = 20;
	rc = kith_person_get(c->k, id, &p);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	printf("%s%s%s  %s#%lld%s\n", col(c, C_BOLD), p.name, col(c, C_RESET), col(c, C_DIM), (long long)p.id,
	       col(c, C_RESET));
	if (p.title && p.org)
		printf("  %s at %s\n", p.title, p.org);
	else if (p.title || p.org)
		printf("  %s\n", p.title ? p.title : p.org);
	field("location", p.location);
	field("role", p.role);
	list_field("email", &p.emails, "");
	list_field("phone", &p.phones, "");
	list_field("link", &p.links, "");
	if (p.tags.n) {
		printf("  %-10s", "tags");
		for (size_t i = 0; i < p.tags.n; i++)
			printf(" +%s", p.tags.v[i]);
		printf("\n");
	}
	list_field("goal", &p.goals, "");
	print_status(c, &p);
	if (p.birthday) {
		char rel[40];
		int y, m, d, ty, n = 0;
		kith_day next;
		kith_birthday_split(p.birthday, &y, &m, &d);
		kith_day_to_civil(c->today, &ty, NULL, NULL);
		/* the next birthday, this year or next (29 Feb: 28 Feb in common years) */
		do {
			y = ty + n++;
			next = kith_day_from_civil(y, m, kith_civil_valid(y, m, d) ? d : 28);
		} while (next < c->today && n < 3);
		printf("  %-10s %s (%s)\n", "birthday", p.birthday, rel_day_long(c->today, next, rel, sizeof(rel)));
	}
	for (size_t i = 0; i < p.n_dates; i++)
		printf("  %-10s %s %s\n", i ? "" : "dates", p.dates[i].date, p.dates[i].label);
	field("met", p.met);
	if (p.introduced_by)
		printf("  %-10s %s #%lld\n", "intro by", p.introduced_by_name, (long long)p.introduced_by);
	printf("  %-10s %s\n", "added", kith_day_format(p.created, buf));
	if (p.notes) {
		const char *s = p.notes;
		int first = 1;
		while (*s) {
			size_t n = strcspn(s, "\n");
			printf("  %-10s %.*s\n", first ? "notes" : "", (int)n, s);
			first = 0;
			s += n;
			if (*s)
				s++;
		}
	}
	printf("\n%sTimeline%s (%lld)\n", col(c, C_BOLD), col(c, C_RESET), (long long)p.n_interactions);
	{
		struct show_ctx s = { c, id };
		rc = kith_timeline(c->k, id, (size_t)limit, print_interaction, &s);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (limit && p.n_interactions > limit)
			printf("  … %lld more (kith show %lld --all)\n", (long long)(p.n_interactions - limit),
			       (long long)id);
	}
cleanup:
	kith_person_release(&p);
	opts_release(&o);
	return status;
}
