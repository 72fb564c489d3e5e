#include "person-opts.h"

#include <stdlib.h>
#include <string.h>

#include "kith/cadence.h"
#include "kith/interaction.h"
#include "kith/json.h"
#include "banned.h"

#define COMMON_PERSON \
	{ "email", 0, 1, P_EMAIL }, { "phone", 0, 1, P_PHONE }, { "org", 0, 1, P_ORG }, \
	{ "title", 0, 1, P_TITLE }, { "location", 0, 1, P_LOCATION }, { "link", 0, 1, P_LINK }, \
	{ "tag", 0, 1, P_TAG }, { "goal", 0, 1, P_GOAL }, { "circle", 0, 1, P_CIRCLE }, \
	{ "every", 0, 1, P_EVERY }, { "birthday", 0, 1, P_BIRTHDAY }, { "date", 0, 1, P_DATE }, \
	{ "met", 0, 1, P_MET }, { "introduced-by", 0, 1, P_INTRODUCED_BY }, { "note", 0, 1, P_NOTE }, \
	{ "role", 0, 1, P_ROLE }

const struct opt_spec add_spec[] = {
	COMMON_PERSON,
	{ NULL, 0, 0, 0 },
};

const struct opt_spec edit_spec[] = {
	COMMON_PERSON,
	{ "name", 0, 1, P_NAME },
	{ "rm-email", 0, 1, P_RM_EMAIL },
	{ "rm-phone", 0, 1, P_RM_PHONE },
	{ "rm-link", 0, 1, P_RM_LINK },
	{ "rm-goal", 0, 1, P_RM_GOAL },
	{ "rm-date", 0, 1, P_RM_DATE },
	{ "untag", 0, 1, P_UNTAG },
	{ "clear", 0, 1, P_CLEAR },
	{ NULL, 0, 0, 0 },
};

int person_option(struct cli *c, const char *cmd, int id, const char *arg, struct kith_person_change *ch)
{
	char err[200];

	switch (id) {
	case P_EMAIL: kith_strlist_push(&ch->add_emails, arg); break;
	case P_PHONE: kith_strlist_push(&ch->add_phones, arg); break;
	case P_LINK: kith_strlist_push(&ch->add_links, arg); break;
	case P_TAG: kith_strlist_push(&ch->add_tags, arg); break;
	case P_GOAL: kith_strlist_push(&ch->add_goals, arg); break;
	case P_DATE: kith_strlist_push(&ch->add_dates, arg); break;
	case P_RM_EMAIL: kith_strlist_push(&ch->rm_emails, arg); break;
	case P_RM_PHONE: kith_strlist_push(&ch->rm_phones, arg); break;
	case P_RM_LINK: kith_strlist_push(&ch->rm_links, arg); break;
	case P_RM_GOAL: kith_strlist_push(&ch->rm_goals, arg); break;
	case P_RM_DATE: kith_strlist_push(&ch->rm_dates, arg); break;
	case P_UNTAG: kith_strlist_push(&ch->rm_tags, arg); break;
	case P_ORG: ch->org = arg; break;
	case P_TITLE: ch->title = arg; break;
	case P_LOCATION: ch->location = arg; break;
	case P_MET: ch->met = arg; break;
	case P_NOTE: ch->notes = arg; break;
	case P_NAME: ch->name = arg; break;
	case P_BIRTHDAY: ch->birthday = arg; break;
	case P_ROLE:
		if (!strcmp(arg, "none") || !*arg)
			ch->role = "";
		else if (!strcmp(arg, "mentor") || !strcmp(arg, "mentee"))
			ch->role = arg;
		else
			return usage_error(cmd, "unknown role '%s' (mentor, mentee or none)", arg);
		break;
	case P_CIRCLE:
		ch->circle = kith_circle_parse(arg);
		if (ch->circle < 0)
			return usage_error(cmd, "unknown circle '%s' (inner, close, active, wide or none)", arg);
		break;
	case P_EVERY:
		if (!strcmp(arg, "default") || !strcmp(arg, "inherit")) {
			ch->set_cadence = 2;
		} else {
			if (kith_cadence_parse(arg, &ch->cadence, err, sizeof(err)) < 0)
				return usage_error(cmd, "%s", err);
			ch->set_cadence = 1;
		}
		break;
	case P_INTRODUCED_BY:
		if (!*arg) {
			ch->introduced_by = -1;
		} else {
			int r = resolve_arg(c, arg, 0, &ch->introduced_by);
			if (r)
				return r;
		}
		break;
	case P_CLEAR:
		if (!strcmp(arg, "org")) ch->org = "";
		else if (!strcmp(arg, "title")) ch->title = "";
		else if (!strcmp(arg, "location")) ch->location = "";
		else if (!strcmp(arg, "met")) ch->met = "";
		else if (!strcmp(arg, "note") || !strcmp(arg, "notes")) ch->notes = "";
		else if (!strcmp(arg, "birthday")) ch->birthday = "";
		else if (!strcmp(arg, "introduced-by")) ch->introduced_by = -1;
		else if (!strcmp(arg, "snooze")) ch->clear_snooze = 1;
		else
			return usage_error(cmd, "cannot clear '%s' (org, title, location, met, introduced-by, birthday, note or snooze)", arg);
		break;
	default:
		return 2;
	}
	return 0;
}

static void json_list(struct kith_json *j, const char *key, const struct kith_strlist *l)
{
	kith_json_key(j, key);
	kith_json_arr(j);
	for (size_t i = 0; i < l->n; i++)
		kith_json_str(j, l->v[i]);
	kith_json_end(j);
}

static int json_interaction(void *ctx, const struct kith_interaction *it)
{
	struct kith_json *j = ctx;
	kith_json_obj(j);
	kith_json_kint(j, "id", it->id);
	kith_json_kday(j, "date", it->date);
	kith_json_kstr(j, "kind", it->kind);
	kith_json_kstr(j, "class", kith_kind_class_name(kith_kind_find(it->kind) ? kith_kind_find(it->kind)->cls : KITH_NEUTRAL));
	kith_json_kstr(j, "note", it->note);
	kith_json_key(j, "people");
	kith_json_arr(j);
	for (size_t i = 0; i < it->n_people; i++) {
		kith_json_obj(j);
		kith_json_kint(j, "id", it->people[i]);
		kith_json_kstr(j, "name", it->names[i]);
		kith_json_end(j);
	}
	kith_json_end(j);
	kith_json_end(j);
	return 0;
}

int print_person_json(struct cli *c, int64_t id, long limit)
{
	struct kith_person p;
	struct kith_json j;
	enum kith_rc rc = kith_person_get(c->k, id, &p);

	if (rc != KITH_OK)
		return lib_error(c, rc);
	kith_json_init(&j, stdout);
	kith_json_obj(&j);
	kith_json_kint(&j, "id", p.id);
	kith_json_kstr(&j, "uid", p.uid);
	kith_json_kstr(&j, "name", p.name);
	json_list(&j, "emails", &p.emails);
	json_list(&j, "phones", &p.phones);
	kith_json_kstr(&j, "org", p.org);
	kith_json_kstr(&j, "title", p.title);
	kith_json_kstr(&j, "location", p.location);
	json_list(&j, "links", &p.links);
	json_list(&j, "tags", &p.tags);
	json_list(&j, "goals", &p.goals);
	kith_json_kstr(&j, "circle", kith_circle_name(p.circle));
	kith_json_kstr(&j, "role", p.role);
	kith_json_key(&j, "cadence_days");
	if (p.cadence.ideal > 0)
		kith_json_int(&j, p.cadence.ideal);
	else
		kith_json_null(&j);
	kith_json_key(&j, "cadence_max_days");
	if (p.cadence.ideal > 0)
		kith_json_int(&j, p.cadence.max);
	else
		kith_json_null(&j);
	kith_json_key(&j, "cadence_source");
	kith_json_str(&j, p.own.ideal >= 0 ? "person" : "inherited");
	kith_json_kstr(&j, "birthday", p.birthday);
	kith_json_key(&j, "dates");
	kith_json_arr(&j);
	for (size_t i = 0; i < p.n_dates; i++) {
		kith_json_obj(&j);
		kith_json_kstr(&j, "label", p.dates[i].label);
		kith_json_kstr(&j, "date", p.dates[i].date);
		kith_json_end(&j);
	}
	kith_json_end(&j);
	kith_json_kstr(&j, "met", p.met);
	kith_json_key(&j, "introduced_by");
	if (p.introduced_by) {
		kith_json_obj(&j);
		kith_json_kint(&j, "id", p.introduced_by);
		kith_json_kstr(&j, "name", p.introduced_by_name);
		kith_json_end(&j);
	} else {
		kith_json_null(&j);
	}
	kith_json_kstr(&j, "notes", p.notes);
	kith_json_kday(&j, "added", p.created);
	kith_json_kday(&j, "last_touch", p.last_touch);
	kith_json_kstr(&j, "last_kind", p.last_kind);
	kith_json_kday(&j, "next_due", p.due_on);
	kith_json_kday(&j, "overdue_on", p.overdue_on);
	kith_json_kday(&j, "snoozed_until", p.snoozed_until);
	kith_json_kstr(&j, "status", kith_status_name(kith_person_status(c->k, &p)));
	kith_json_kint(&j, "interaction_count", p.n_interactions);
	if (limit >= 0) {
		kith_json_key(&j, "interactions");
		kith_json_arr(&j);
		rc = kith_timeline(c->k, id, (size_t)limit, json_interaction, &j);
		kith_json_end(&j);
	}
	kith_json_end(&j);
	kith_json_finish(&j);
	kith_person_release(&p);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	return 0;
}
