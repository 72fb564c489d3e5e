#include "cli.h"

#include <string.h>

#include "kith/person.h"
#include "kith/strbuf.h"
#include "person-opts.h"
#include "banned.h"

static void part(struct strbuf *sb, const char *fmt, const char *arg)
{
	if (sb->len)
		strbuf_addstr(sb, ", ");
	strbuf_addf(sb, fmt, arg);
}

static void list_parts(struct strbuf *sb, const struct kith_strlist *l, const char *fmt)
{
	for (size_t i = 0; i < l->n; i++)
		part(sb, fmt, l->v[i]);
}

static void text_part(struct strbuf *sb, const char *field, const char *value)
{
	char fmt[64];
	if (!value)
		return;
	snprintf(fmt, sizeof(fmt), *value ? "%s set" : "%s cleared", field);
	part(sb, "%s", fmt);
}

/* What a change does, in a few words: "+ai, cadence every 6 weeks". */
static void describe_change(const struct kith_person_change *ch, struct strbuf *sb)
{
	char words[64];
	if (ch->name)
		part(sb, "renamed to '%s'", ch->name);
	text_part(sb, "org", ch->org);
	text_part(sb, "title", ch->title);
	text_part(sb, "location", ch->location);
	text_part(sb, "how you met", ch->met);
	text_part(sb, "note", ch->notes);
	text_part(sb, "birthday", ch->birthday);
	if (ch->introduced_by)
		part(sb, "%s", ch->introduced_by > 0 ? "introduced-by set" : "introduced-by cleared");
	if (ch->circle >= 0)
		part(sb, "circle %s", kith_circle_name(ch->circle));
	if (ch->set_cadence == 1)
		part(sb, "cadence %s", ch->cadence.ideal ? kith_duration_words(ch->cadence.ideal, words, sizeof(words))
							 : "none");
	else if (ch->set_cadence == 2)
		part(sb, "%s", "cadence from the circle or tags again");
	if (ch->role)
		part(sb, *ch->role ? "role %s" : "role cleared%s", ch->role);
	if (ch->clear_snooze)
		part(sb, "%s", "snooze cleared");
	list_parts(sb, &ch->add_tags, "+%s");
	list_parts(sb, &ch->rm_tags, "-%s");
	list_parts(sb, &ch->add_emails, "email %s added");
	list_parts(sb, &ch->rm_emails, "email %s removed");
	list_parts(sb, &ch->add_phones, "phone %s added");
	list_parts(sb, &ch->rm_phones, "phone %s removed");
	list_parts(sb, &ch->add_links, "link %s added");
	list_parts(sb, &ch->rm_links, "link %s removed");
	list_parts(sb, &ch->add_goals, "goal '%s' added");
	list_parts(sb, &ch->rm_goals, "goal '%s' removed");
	list_parts(sb, &ch->add_dates, "date %s");
	list_parts(sb, &ch->rm_dates, "date '%s' removed");
}

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
		struct strbuf what = STRBUF_INIT;
		describe_change(&ch, &what);
		info("updated %s #%lld%s%s", kith_person_name(c->k, id, name, sizeof(name)), (long long)id,
		     what.len ? ": " : " (nothing to change)", what.buf);
		strbuf_release(&what);
	}
cleanup:
	opts_release(&o);
	kith_person_change_release(&ch);
	return status;
}
