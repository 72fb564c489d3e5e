#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include "kith/agenda.h"
#include "kith/goal.h"
#include "kith/interaction.h"
#include "kith/json.h"
#include "kith/person.h"
#include "kith/strbuf.h"
#include "banned.h"

int cmd_log(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "on", 0, 1, 1 }, { "note", 0, 1, 2 }, { "agenda-done", 0, 0, 3 }, { NULL, 0, 0, 0 },
	};
	int agenda_done = 0;
	struct opts o;
	int r, status = 0;
	const char *on = NULL, *note = NULL;
	kith_day date;
	int64_t *ids = NULL, iid = 0;
	size_t n = 0;
	enum kith_rc rc;
	const struct kith_kind_info *kind;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("log");
			goto cleanup;
		}
		if (r == 1)
			on = o.arg;
		else if (r == 2)
			note = o.arg;
		else if (r == 3)
			agenda_done = 1;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 2) {
		status = usage_error("log", o.npos < 2 ? "who, and what kind of interaction?"
						      : "too many arguments (several people: ada,grace; a note: --note TEXT)");
		goto cleanup;
	}
	kind = kith_kind_find(o.pos[1]);
	if (!kind) {
		/* "kith log coffee ada": help the reversed order */
		if (kith_kind_find(o.pos[0]))
			status = usage_error("log", "people come first: kith log %s %s", o.pos[1], o.pos[0]);
		else
			status = usage_error("log", "unknown kind '%s' (coffee, call, meeting, message, email, social, event, praise, share, intro, help, ask or referral)",
					     o.pos[1]);
		goto cleanup;
	}
	date = c->today;
	if (on && parse_date_arg(c, "log", on, &date) < 0) {
		status = 2;
		goto cleanup;
	}
	rc = kith_resolve_list(c->k, o.pos[0], &ids, &n);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	/* asking someone you never gave anything to: say so, kindly (it is logged all the same) */
	if (kind->cls == KITH_ASK)
		for (size_t i = 0; i < n; i++) {
			char *w = NULL;
			if (kith_ask_warning(c->k, ids[i], &w) == KITH_OK && w)
				warning("%s", w);
			free(w);
		}
	rc = kith_log(c->k, ids, n, kind->name, date, note, &iid);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	/* the chat happened: its agenda is done */
	for (size_t i = 0; agenda_done && i < n; i++) {
		size_t open = 0;
		if ((rc = kith_agenda_open(c->k, ids[i], NULL, &open)) == KITH_OK && open)
			rc = kith_agenda_close_all(c->k, ids[i], date);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (open && !c->json) {
			char name[256];
			info("checked off %zu agenda item%s with %s", open, open == 1 ? "" : "s",
			     kith_person_name(c->k, ids[i], name, sizeof(name)));
		}
	}
	if (c->json) {
		struct kith_json j;
		char name[256];
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kint(&j, "id", iid);
		kith_json_kday(&j, "date", date);
		kith_json_kstr(&j, "kind", kind->name);
		kith_json_kstr(&j, "class", kith_kind_class_name(kind->cls));
		kith_json_kstr(&j, "note", note && *note ? note : NULL);
		kith_json_key(&j, "people");
		kith_json_arr(&j);
		for (size_t i = 0; i < n; i++) {
			kith_json_obj(&j);
			kith_json_kint(&j, "id", ids[i]);
			kith_json_kstr(&j, "name", kith_person_name(c->k, ids[i], name, sizeof(name)));
			kith_json_end(&j);
		}
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		struct strbuf sb = STRBUF_INIT;
		char name[256], when[40], buf[KITH_DATE_BUFSZ];
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_addstr(&sb, i + 1 == n ? " and " : ", ");
			strbuf_addstr(&sb, kith_person_name(c->k, ids[i], name, sizeof(name)));
		}
		rel_day_long(c->today, date, when, sizeof(when));
		info("logged %s with %s %s (%s) #%lld", kind->name, sb.buf, when, kith_day_format(date, buf),
		     (long long)iid);
		strbuf_release(&sb);
	}
cleanup:
	free(ids);
	opts_release(&o);
	return status;
}

int cmd_unlog(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int r, status = 0;
	enum kith_rc rc;
	char *end;
	long long id;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, NULL)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("unlog");
			goto cleanup;
		}
		common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos != 1) {
		status = r < 0 ? 2 : usage_error("unlog", "which interaction? (its number, from kith show)");
		goto cleanup;
	}
	errno = 0;
	id = strtoll(o.pos[0][0] == '#' ? o.pos[0] + 1 : o.pos[0], &end, 10);
	if (errno || *end || end == o.pos[0] || id <= 0) {
		status = usage_error("unlog", "'%s' is not an interaction number", o.pos[0]);
		goto cleanup;
	}
	rc = kith_interaction_rm(c->k, id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	info("removed interaction #%lld", id);
cleanup:
	opts_release(&o);
	return status;
}
