/*
 * Communities and organizations (kith org, kith event), agendas of
 * recurring chats (kith agenda) and the personal brand (kith post).
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/agenda.h"
#include "kith/date.h"
#include "kith/interaction.h"
#include "kith/json.h"
#include "kith/org.h"
#include "kith/person.h"
#include "kith/post.h"
#include "kith/strbuf.h"
#include "banned.h"

const char usage_org[] =
	"kith org [ls | add NAME | show ORG | join ORG PEOPLE | leave ORG PERSON | edit ORG | rm ORG] [OPTIONS]\n\n"
	"Communities and organizations: employers, professional networks, alumni\n"
	"groups, meetups, online communities. ORG is an id (3 or #3) or a unique\n"
	"prefix of the name or of a word in it (case and accents do not matter).\n\n"
	"  kith org [ls]                     each with its kind, members, last event, next due\n"
	"  kith org add NAME [--kind KIND] [--every DURATION]\n"
	"  kith org show ORG                 its members and events\n"
	"  kith org join ORG PEOPLE          PEOPLE comma-separated: ada,grace\n"
	"  kith org leave ORG PERSON\n"
	"  kith org edit ORG [--name NAME] [--kind KIND] [--every DURATION|none]\n"
	"  kith org rm ORG [--yes]           its events with people stay in their timelines\n\n"
	"With --every, once that long has passed since its last event, kith today\n"
	"suggests showing up again. Events are logged with kith event.\n\n"
	"Options:\n"
	"  --kind KIND            employer, professional (default), alumni, meetup or online\n"
	"  --every DURATION       how often you mean to take part: 2w, 1m, 3m; none to stop\n"
	"  --name NAME            a new name (edit)\n"
	"  -y, --yes              remove without asking (rm)\n"
	"  --json                 print the organization or the list as JSON\n";

const char usage_event[] =
	"kith event ORG [--on DATE] [--with PEOPLE] [--note TEXT] [--json]\n\n"
	"Log an event of a community or organization you took part in, with the\n"
	"people you met there (comma-separated: ada,grace; it resets their clocks),\n"
	"or alone: either way it counts as involvement, and the organization's\n"
	"cadence starts again from it. kith unlog ID removes it.\n\n"
	"Options:\n"
	"  --on DATE              when (default today; not in the future)\n"
	"  --with PEOPLE          who you met there\n"
	"  --note TEXT            what it was\n"
	"  --json                 print the logged event as JSON\n";

const char usage_agenda[] =
	"kith agenda PERSON [add TEXT | done ID | rm ID] [--all] [--json]\n\n"
	"Things to bring up in the next chat with someone (a mentor, a mentee, anyone\n"
	"you talk to regularly). Without an action, list the open items by number;\n"
	"add one, check one off (done) or remove one (rm) by its number. Logging the\n"
	"chat with kith log PERSON KIND --agenda-done checks off every open item.\n"
	"A chat that is due with open items shows them in kith today.\n\n"
	"Options:\n"
	"  -a, --all              list the checked-off items too\n"
	"  --json                 print the agenda, or the item added or checked off, as JSON\n";

const char usage_post[] =
	"kith post [TITLE | add TITLE | ls | rm ID] [OPTIONS]\n\n"
	"Your personal brand: log what you publish (a post, an article, a talk).\n"
	"kith post TITLE logs one (kith post add TITLE too, for a title such as\n"
	"\"ls\"); kith post ls lists them, newest first; kith post rm ID removes one.\n"
	"The setting brand.every is how often you mean to publish (default 2w, none\n"
	"turns it off): once your last post is that old, kith today has a brand\n"
	"action. There is none before your first post.\n\n"
	"Options:\n"
	"  --url URL              where it is published\n"
	"  --on DATE              when (default today; not in the future)\n"
	"  --tag TAG              a topic (repeatable)\n"
	"  --channel CHANNEL      where: LinkedIn, a blog, a conference\n"
	"  --since DATE           ls: only the posts since DATE\n"
	"  --json                 print the post or the list as JSON\n";

/* "12" or "#12", positive: 0 and *id, else -1. */
static int parse_number(const char *s, int64_t *id)
{
	char *end;
	long long v;
	if (*s == '#')
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static int resolve_org(struct cli *c, const char *ref, int64_t *id)
{
	enum kith_rc rc = kith_org_resolve(c->k, ref, id);
	return rc == KITH_OK ? 0 : lib_error(c, rc);
}

/* "Ada Lovelace", "Ada Lovelace and Grace Hopper", "A, B and C" */
static void name_list(struct cli *c, const int64_t *ids, size_t n, struct strbuf *sb)
{
	char name[256];
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(sb, i + 1 == n ? " and " : ", ");
		strbuf_addstr(sb, kith_person_name(c->k, ids[i], name, sizeof(name)));
	}
}

static void json_people(struct kith_json *j, const int64_t *ids, char *const *names, size_t n)
{
	kith_json_key(j, "people");
	kith_json_arr(j);
	for (size_t i = 0; i < n; i++) {
		kith_json_obj(j);
		kith_json_kint(j, "id", ids[i]);
		kith_json_kstr(j, "name", names[i]);
		kith_json_end(j);
	}
	kith_json_end(j);
}

/* ---------------------------------------------------------------- org */

static const char *org_status(struct cli *c, const struct kith_org *o)
{
	if (o->next_due == KITH_NO_DAY)
		return "none";
	return o->next_due <= c->today ? "due" : "ok";
}

/* The fields of an organization, inside an open JSON object. */
static void json_org_fields(struct cli *c, struct kith_json *j, const struct kith_org *o)
{
	kith_json_kint(j, "id", o->id);
	kith_json_kstr(j, "name", o->name);
	kith_json_kstr(j, "kind", o->kind);
	kith_json_key(j, "every_days");
	if (o->every_days > 0)
		kith_json_int(j, o->every_days);
	else
		kith_json_null(j);
	kith_json_kday(j, "created", o->created);
	kith_json_kint(j, "member_count", o->n_members);
	kith_json_kint(j, "event_count", o->n_events);
	kith_json_kday(j, "last_event", o->last_event);
	kith_json_kday(j, "next_due", o->next_due);
	kith_json_kstr(j, "status", org_status(c, o));
}

static int org_ls_row(void *ctx, const struct kith_org *o)
{
	struct listing *l = ctx;
	struct cli *c = l->c;
	char last[32], due[32], every[16];
	int first = listing_row(l);

	if (c->json) {
		kith_json_obj(&l->j);
		json_org_fields(c, &l->j, o);
		kith_json_end(&l->j);
		return ferror(stdout) != 0;
	}
	if (first)
		printf("%s%6s  %-28s  %-12s  %7s  %-6s  %-10s  %s%s\n", col(c, C_DIM), "ID", "NAME", "KIND", "MEMBERS",
		       "EVERY", "LAST EVENT", "NEXT", col(c, C_RESET));
	printf("%6lld  ", (long long)o->id);
	print_padded(stdout, o->name, 28);
	printf("  %-12s  %7lld  %-6s  %-10s  ", o->kind, (long long)o->n_members,
	       o->every_days > 0 ? kith_duration_short(o->every_days, every, sizeof(every)) : "-",
	       rel_day_short(c->today, o->last_event, last, sizeof(last)));
	if (o->next_due == KITH_NO_DAY)
		printf("-\n");
	else if (o->next_due == c->today)
		printf("%sdue today%s\n", col(c, C_YELLOW), col(c, C_RESET));
	else if (o->next_due < c->today) /* as kith ls says it: due for that many days */
		printf("%sdue %ldd%s\n", col(c, C_YELLOW), (long)(c->today - o->next_due), col(c, C_RESET));
	else
		printf("%s\n", rel_day_short(c->today, o->next_due, due, sizeof(due)));
	return ferror(stdout) != 0;
}

static int org_ls(struct cli *c)
{
	struct listing l;
	enum kith_rc rc;

	listing_start(&l, c);
	rc = kith_org_each(c->k, org_ls_row, &l);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (listing_end(&l))
		printf("No organizations yet (kith org add NAME adds one).\n");
	return 0;
}

struct org_show {
	struct cli *c;
	struct kith_json *j;
	size_t n;
};

static int show_member(void *ctx, int64_t id, const char *name, kith_day since)
{
	struct org_show *s = ctx;
	char buf[KITH_DATE_BUFSZ];
	if (s->j) {
		kith_json_obj(s->j);
		kith_json_kint(s->j, "id", id);
		kith_json_kstr(s->j, "name", name);
		kith_json_kday(s->j, "since", since);
		kith_json_end(s->j);
	} else {
		printf("  ");
		print_padded(stdout, name, 28);
		printf("  %s#%lld%s  since %s\n", col(s->c, C_DIM), (long long)id, col(s->c, C_RESET),
		       kith_day_format(since, buf));
	}
	s->n++;
	return 0;
}

static int show_event(void *ctx, const struct kith_interaction *it)
{
	struct org_show *s = ctx;
	char buf[KITH_DATE_BUFSZ];
	if (s->j) {
		kith_json_obj(s->j);
		kith_json_kint(s->j, "id", it->id);
		kith_json_kday(s->j, "date", it->date);
		kith_json_kstr(s->j, "note", it->note);
		json_people(s->j, it->people, it->names, it->n_people);
		kith_json_end(s->j);
	} else {
		printf("  %s  ", kith_day_format(it->date, buf));
		if (it->n_people) {
			printf("with ");
			for (size_t i = 0; i < it->n_people; i++)
				printf("%s%s", i ? (i + 1 == it->n_people ? " and " : ", ") : "", it->names[i]);
		} else {
			printf("alone");
		}
		if (it->note) {
			size_t n = strcspn(it->note, "\r\n");
			printf(": %.*s%s", (int)(n > 60 ? 60 : n), it->note, n > 60 ? "…" : "");
		}
		printf("  %s#%lld%s\n", col(s->c, C_DIM), (long long)it->id, col(s->c, C_RESET));
	}
	s->n++;
	return 0;
}

static int org_show(struct cli *c, const char *ref)
{
	struct kith_org o;
	struct kith_json j;
	struct org_show s;
	enum kith_rc rc;
	int64_t id;
	int status;
	char buf[KITH_DATE_BUFSZ], rel[32], every[48];

	memset(&o, 0, sizeof(o));
	memset(&s, 0, sizeof(s));
	s.c = c;
	if ((status = resolve_org(c, ref, &id)) != 0)
		return status;
	if ((rc = kith_org_get(c->k, id, &o)) != KITH_OK)
		return lib_error(c, rc);
	if (c->json) {
		kith_json_init(&j, stdout);
		s.j = &j;
		kith_json_obj(&j);
		json_org_fields(c, &j, &o);
		kith_json_key(&j, "members");
		kith_json_arr(&j);
	} else {
		printf("%s%s%s  %s#%lld%s\n", col(c, C_BOLD), o.name, col(c, C_RESET), col(c, C_DIM), (long long)o.id,
		       col(c, C_RESET));
		printf("  %-10s %s\n", "kind", o.kind);
		if (o.every_days > 0)
			printf("  %-10s %s\n", "cadence", kith_duration_words(o.every_days, every, sizeof(every)));
		else
			printf("  %-10s none\n", "cadence");
		if (o.last_event != KITH_NO_DAY)
			printf("  %-10s %s (%s)\n", "last event", kith_day_format(o.last_event, buf),
			       rel_day_long(c->today, o.last_event, rel, sizeof(rel)));
		else
			printf("  %-10s none yet\n", "last event");
		if (o.next_due != KITH_NO_DAY)
			printf("  %-10s %s%s (%s)%s\n", "next due", o.next_due <= c->today ? col(c, C_YELLOW) : "",
			       kith_day_format(o.next_due, buf), rel_day_long(c->today, o.next_due, rel, sizeof(rel)),
			       o.next_due <= c->today ? col(c, C_RESET) : "");
		printf("  %-10s %s\n", "added", kith_day_format(o.created, buf));
		printf("\n%lld member%s\n", (long long)o.n_members, o.n_members == 1 ? "" : "s");
	}
	rc = kith_org_members(c->k, id, show_member, &s);
	if (rc == KITH_OK) {
		if (c->json) {
			kith_json_end(&j);
			kith_json_key(&j, "events");
			kith_json_arr(&j);
		} else {
			printf("\n%lld event%s\n", (long long)o.n_events, o.n_events == 1 ? "" : "s");
		}
		rc = kith_org_events(c->k, id, 0, show_event, &s);
	}
	if (rc != KITH_OK) {
		kith_org_release(&o);
		return lib_error(c, rc);
	}
	if (c->json) {
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	}
	kith_org_release(&o);
	return 0;
}

static int print_org_json(struct cli *c, int64_t id)
{
	struct kith_org o;
	struct kith_json j;
	enum kith_rc rc = kith_org_get(c->k, id, &o);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	kith_json_init(&j, stdout);
	kith_json_obj(&j);
	json_org_fields(c, &j, &o);
	kith_json_end(&j);
	kith_json_finish(&j);
	kith_org_release(&o);
	return 0;
}

/* --every: a duration, or none (0); returns 0, or prints the error and returns -1 */
static int parse_every(const char *cmd, const char *arg, int *days)
{
	char err[200];
	if (!strcmp(arg, "none")) {
		*days = 0;
		return 0;
	}
	if (kith_duration_parse(arg, days, err, sizeof(err)) < 0) {
		usage_error(cmd, "%s (or none)", err);
		return -1;
	}
	return 0;
}

int cmd_org(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "kind", 0, 1, 1 }, { "every", 0, 1, 2 }, { "name", 0, 1, 3 }, { "yes", 'y', 0, 4 }, { NULL, 0, 0, 0 },
	};
	struct opts o;
	int r, status = 0, yes = 0, every = -1;
	const char *kind = NULL, *name = NULL, *every_arg = NULL, *sub;
	int64_t id = 0, *ids = NULL;
	size_t n = 0, added = 0;
	enum kith_rc rc;
	char words[48];

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("org");
			goto cleanup;
		}
		if (r == 1)
			kind = o.arg;
		else if (r == 2)
			every_arg = o.arg;
		else if (r == 3)
			name = o.arg;
		else if (r == 4)
			yes = 1;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	sub = o.npos ? o.pos[0] : "ls";
	/* each option belongs to some actions only: say so rather than ignore it */
	if ((kind || every_arg) && strcmp(sub, "add") && strcmp(sub, "edit")) {
		status = usage_error("org", "--%s goes with 'org add' or 'org edit'", kind ? "kind" : "every");
		goto cleanup;
	}
	if (name && strcmp(sub, "edit")) {
		status = usage_error("org", "--name goes with 'org edit' (org add takes the name as its argument)");
		goto cleanup;
	}
	if (yes && strcmp(sub, "rm")) {
		status = usage_error("org", "--yes goes with 'org rm'");
		goto cleanup;
	}
	if (every_arg && parse_every("org", every_arg, &every) < 0) {
		status = 2;
		goto cleanup;
	}

	if (!strcmp(sub, "ls")) {
		if (o.npos > 1) {
			status = usage_error("org", "unexpected argument '%s'", o.pos[1]);
			goto cleanup;
		}
		status = org_ls(c);
	} else if (!strcmp(sub, "add")) {
		if (o.npos != 2) {
			status = usage_error("org", o.npos < 2 ? "what is its name? (kith org add NAME)"
						       : "too many arguments (quote a name with spaces)");
			goto cleanup;
		}
		rc = kith_org_add(c->k, o.pos[1], kind, every < 0 ? 0 : every, &id);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			status = print_org_json(c, id);
		} else {
			struct kith_org org;
			if ((rc = kith_org_get(c->k, id, &org)) != KITH_OK) {
				status = lib_error(c, rc);
				goto cleanup;
			}
			info("added %s #%lld (%s%s%s)", org.name, (long long)id, org.kind, every > 0 ? ", " : "",
			     every > 0 ? kith_duration_words(every, words, sizeof(words)) : "");
			kith_org_release(&org);
		}
	} else if (!strcmp(sub, "show")) {
		if (o.npos != 2) {
			status = usage_error("org", o.npos < 2 ? "which organization? (kith org show ORG)"
						       : "too many arguments (quote a name with spaces)");
			goto cleanup;
		}
		status = org_show(c, o.pos[1]);
	} else if (!strcmp(sub, "join")) {
		struct strbuf sb = STRBUF_INIT;
		char oname[KITH_ORG_NAME_MAX + 1];
		struct kith_org org;
		if (o.npos != 3) {
			status = usage_error("org", o.npos < 3 ? "which organization, and who joins? (kith org join ORG ada,grace)"
						       : "too many arguments (several people: ada,grace)");
			goto cleanup;
		}
		if ((status = resolve_org(c, o.pos[1], &id)) != 0)
			goto cleanup;
		if ((rc = kith_resolve_list(c->k, o.pos[2], &ids, &n)) != KITH_OK ||
		    (rc = kith_org_join(c->k, id, ids, n, &added)) != KITH_OK ||
		    (rc = kith_org_get(c->k, id, &org)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		snprintf(oname, sizeof(oname), "%s", org.name);
		kith_org_release(&org);
		if (c->json) {
			status = print_org_json(c, id);
			goto cleanup;
		}
		name_list(c, ids, n, &sb);
		if (added == n)
			info("%s joined %s", sb.buf, oname);
		else if (added == 0)
			info("%s %s already in %s: nothing changed", sb.buf, n == 1 ? "was" : "were", oname);
		else
			info("%zu of %s joined %s (the others were members already)", added, sb.buf, oname);
		strbuf_release(&sb);
	} else if (!strcmp(sub, "leave")) {
		char pname[256];
		struct kith_org org;
		int64_t pid;
		if (o.npos != 3) {
			status = usage_error("org", o.npos < 3 ? "which organization, and who leaves? (kith org leave ORG PERSON)"
						       : "too many arguments (one person leaves at a time)");
			goto cleanup;
		}
		if ((status = resolve_org(c, o.pos[1], &id)) != 0 || (status = resolve_arg(c, o.pos[2], 0, &pid)) != 0)
			goto cleanup;
		if ((rc = kith_org_get(c->k, id, &org)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		kith_person_name(c->k, pid, pname, sizeof(pname));
		rc = kith_org_leave(c->k, id, pid);
		if (rc == KITH_ENOTFOUND) {
			error("'%s' is not a member of '%s' (kith org show %lld lists them)", pname, org.name, (long long)id);
			status = 2;
		} else if (rc != KITH_OK) {
			status = lib_error(c, rc);
		} else if (c->json) {
			status = print_org_json(c, id);
		} else {
			info("%s left %s", pname, org.name);
		}
		kith_org_release(&org);
	} else if (!strcmp(sub, "edit")) {
		struct kith_org before, after;
		if (o.npos != 2) {
			status = usage_error("org", o.npos < 2 ? "which organization? (kith org edit ORG --every 1m)"
						       : "too many arguments (quote a name with spaces)");
			goto cleanup;
		}
		if (!kind && !every_arg && !name) {
			status = usage_error("org", "nothing to change (--name, --kind or --every)");
			goto cleanup;
		}
		if ((status = resolve_org(c, o.pos[1], &id)) != 0)
			goto cleanup;
		if ((rc = kith_org_get(c->k, id, &before)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		rc = kith_org_edit(c->k, id, name, kind, every);
		if (rc == KITH_OK)
			rc = kith_org_get(c->k, id, &after);
		if (rc != KITH_OK) {
			kith_org_release(&before);
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			status = print_org_json(c, id);
		} else {
			struct strbuf sb = STRBUF_INIT;
			if (strcmp(before.name, after.name))
				strbuf_addf(&sb, "; renamed from %s", before.name);
			if (strcmp(before.kind, after.kind))
				strbuf_addf(&sb, "; kind %s", after.kind);
			if (every_arg)
				strbuf_addf(&sb, "; %s", after.every_days > 0
								 ? kith_duration_words(after.every_days, words, sizeof(words))
								 : "no cadence");
			info("changed %s #%lld%s", after.name, (long long)id, sb.buf);
			strbuf_release(&sb);
		}
		kith_org_release(&before);
		kith_org_release(&after);
	} else if (!strcmp(sub, "rm")) {
		struct kith_org org;
		int64_t gone = 0;
		if (o.npos != 2) {
			status = usage_error("org", o.npos < 2 ? "which organization? (kith org rm ORG)"
						       : "too many arguments (quote a name with spaces)");
			goto cleanup;
		}
		if ((status = resolve_org(c, o.pos[1], &id)) != 0)
			goto cleanup;
		if ((rc = kith_org_get(c->k, id, &org)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (!yes) {
			char q[400];
			if (!isatty(STDIN_FILENO)) {
				status = usage_error("org", "not removing '%s' #%lld without --yes (stdin is not a terminal)",
						     org.name, (long long)id);
				kith_org_release(&org);
				goto cleanup;
			}
			snprintf(q, sizeof(q), "remove '%s' #%lld and its memberships?", org.name, (long long)id);
			if (!confirm(q)) {
				info("nothing removed");
				kith_org_release(&org);
				status = 1;
				goto cleanup;
			}
		}
		rc = kith_org_rm(c->k, id, &gone);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
		} else {
			info("removed %s #%lld (%lld member%s; %lld event%s with people stay in their timelines)", org.name,
			     (long long)id, (long long)org.n_members, org.n_members == 1 ? "" : "s",
			     (long long)(org.n_events - gone), org.n_events - gone == 1 ? "" : "s");
		}
		kith_org_release(&org);
	} else {
		status = usage_error("org", "unknown action '%s' (ls, add, show, join, leave, edit or rm)", sub);
	}
cleanup:
	free(ids);
	opts_release(&o);
	return status;
}

/* -------------------------------------------------------------- event */

int cmd_event(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "on", 0, 1, 1 }, { "with", 0, 1, 2 }, { "note", 0, 1, 3 }, { NULL, 0, 0, 0 },
	};
	struct opts o;
	int r, status = 0;
	const char *on = NULL, *with = NULL, *note = NULL;
	kith_day date;
	int64_t org, *ids = NULL, iid = 0;
	size_t n = 0;
	struct kith_org og;
	enum kith_rc rc;

	memset(&og, 0, sizeof(og));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("event");
			goto cleanup;
		}
		if (r == 1)
			on = o.arg;
		else if (r == 2)
			with = o.arg;
		else if (r == 3)
			note = o.arg;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("event", o.npos < 1 ? "which organization?"
							 : "too many arguments (people: --with ada,grace; a note: --note TEXT)");
		goto cleanup;
	}
	date = c->today;
	if (on && parse_date_arg(c, "event", on, &date) < 0) {
		status = 2;
		goto cleanup;
	}
	if ((status = resolve_org(c, o.pos[0], &org)) != 0)
		goto cleanup;
	if (with && (rc = kith_resolve_list(c->k, with, &ids, &n)) != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (with && n == 0) {
		status = usage_error("event", "--with needs people (comma-separated: ada,grace)");
		goto cleanup;
	}
	if ((rc = kith_org_event(c->k, org, ids, n, date, note, &iid)) != KITH_OK ||
	    (rc = kith_org_get(c->k, org, &og)) != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		char name[256];
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kint(&j, "id", iid);
		kith_json_kday(&j, "date", date);
		kith_json_kstr(&j, "kind", "event");
		kith_json_key(&j, "org");
		kith_json_obj(&j);
		kith_json_kint(&j, "id", og.id);
		kith_json_kstr(&j, "name", og.name);
		kith_json_end(&j);
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
		char when[40], buf[KITH_DATE_BUFSZ];
		if (n) {
			strbuf_addstr(&sb, "with ");
			name_list(c, ids, n, &sb);
		} else {
			strbuf_addstr(&sb, "alone");
		}
		info("logged an event of %s %s %s (%s) #%lld", og.name, sb.buf, rel_day_long(c->today, date, when, sizeof(when)),
		     kith_day_format(date, buf), (long long)iid);
		strbuf_release(&sb);
	}
cleanup:
	kith_org_release(&og);
	free(ids);
	opts_release(&o);
	return status;
}

/* ------------------------------------------------------------- agenda */

static void json_item(struct kith_json *j, const struct kith_agenda_item *it)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", it->id);
	kith_json_kstr(j, "text", it->text);
	kith_json_kday(j, "created", it->created);
	kith_json_kday(j, "done_on", it->done_on);
	kith_json_end(j);
}

struct agenda_ls {
	struct cli *c;
	struct kith_json *j;
	size_t n, n_done;
	int64_t want;                   /* with find: the item sought */
	struct kith_agenda_item found;  /* a copy of it (text owned) */
};

static int agenda_row(void *ctx, const struct kith_agenda_item *it)
{
	struct agenda_ls *l = ctx;
	struct cli *c = l->c;
	char buf[KITH_DATE_BUFSZ], rel[32];

	if (l->want) {
		if (it->id != l->want)
			return 0;
		l->found = *it;
		l->found.text = strdup(it->text);
		return 1;
	}
	l->n++;
	if (l->j) {
		json_item(l->j, it);
		return ferror(stdout) != 0;
	}
	if (it->done_on != KITH_NO_DAY && l->n_done++ == 0)
		printf("\n%schecked off%s\n", col(c, C_DIM), col(c, C_RESET));
	printf("  %s#%-4lld%s %s", col(c, C_DIM), (long long)it->id, col(c, C_RESET), it->text);
	if (it->done_on != KITH_NO_DAY)
		printf("  %s(done %s)%s\n", col(c, C_DIM), kith_day_format(it->done_on, buf), col(c, C_RESET));
	else
		printf("  %s(added %s)%s\n", col(c, C_DIM), rel_day_long(c->today, it->created, rel, sizeof(rel)),
		       col(c, C_RESET));
	return ferror(stdout) != 0;
}

/* Look up item id of person pid (for messages); 0 or an exit code. */
static int agenda_find(struct cli *c, int64_t pid, int64_t id, struct kith_agenda_item *out)
{
	struct agenda_ls l;
	enum kith_rc rc;
	char name[256];

	memset(&l, 0, sizeof(l));
	l.c = c;
	l.want = id;
	rc = kith_agenda_each(c->k, pid, 1, agenda_row, &l);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (!l.found.id) {
		error("'%s' has no agenda item #%lld (kith agenda %lld lists them)",
		      kith_person_name(c->k, pid, name, sizeof(name)), (long long)id, (long long)pid);
		return 2;
	}
	*out = l.found;
	return 0;
}

static void print_item_json(struct cli *c, int64_t pid, const struct kith_agenda_item *it)
{
	struct kith_json j;
	char name[256];
	kith_json_init(&j, stdout);
	kith_json_obj(&j);
	kith_json_kint(&j, "id", it->id);
	kith_json_key(&j, "person");
	kith_json_obj(&j);
	kith_json_kint(&j, "id", pid);
	kith_json_kstr(&j, "name", kith_person_name(c->k, pid, name, sizeof(name)));
	kith_json_end(&j);
	kith_json_kstr(&j, "text", it->text);
	kith_json_kday(&j, "created", it->created);
	kith_json_kday(&j, "done_on", it->done_on);
	kith_json_end(&j);
	kith_json_finish(&j);
}

int cmd_agenda(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "all", 'a', 0, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	int r, status = 0, all = 0;
	int64_t pid, id = 0;
	char name[256], *role = NULL;
	const char *verb;
	struct kith_agenda_item it;
	enum kith_rc rc;

	memset(&it, 0, sizeof(it));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("agenda");
			goto cleanup;
		}
		if (r == 1)
			all = 1;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos < 1) {
		status = usage_error("agenda", "whose agenda? (kith agenda PERSON)");
		goto cleanup;
	}
	verb = o.npos > 1 ? o.pos[1] : NULL;
	if (verb && strcmp(verb, "add") && strcmp(verb, "done") && strcmp(verb, "rm")) {
		status = usage_error("agenda", "unknown action '%s' (add, done or rm; quote a name with spaces)", verb);
		goto cleanup;
	}
	if (all && verb) {
		status = usage_error("agenda", "--all goes with the list (kith agenda PERSON --all)");
		goto cleanup;
	}
	if (verb && o.npos != 3) {
		status = usage_error("agenda", o.npos < 3 ? (strcmp(verb, "add") ? "which item? (its number, from kith agenda PERSON)"
									   : "what to bring up? (kith agenda PERSON add TEXT)")
						  : "too many arguments (quote the text)");
		goto cleanup;
	}
	if (verb && strcmp(verb, "add") && parse_number(o.pos[2], &id) < 0) {
		status = usage_error("agenda", "'%s' is not an item number", o.pos[2]);
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[0], 0, &pid)) != 0)
		goto cleanup;
	kith_person_name(c->k, pid, name, sizeof(name));

	if (!verb) {
		struct agenda_ls l;
		struct kith_json j;
		memset(&l, 0, sizeof(l));
		l.c = c;
		if ((rc = kith_person_role(c->k, pid, &role)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			kith_json_init(&j, stdout);
			l.j = &j;
			kith_json_obj(&j);
			kith_json_key(&j, "person");
			kith_json_obj(&j);
			kith_json_kint(&j, "id", pid);
			kith_json_kstr(&j, "name", name);
			kith_json_kstr(&j, "role", role);
			kith_json_end(&j);
			kith_json_key(&j, "items");
			kith_json_arr(&j);
		} else {
			size_t open = 0;
			if ((rc = kith_agenda_open(c->k, pid, NULL, &open)) != KITH_OK) {
				status = lib_error(c, rc);
				goto cleanup;
			}
			if (open)
				printf("%sAgenda with %s%s%s%s: %zu open item%s%s\n", col(c, C_BOLD), name, role ? " (" : "",
				       role ? role : "", role ? ")" : "", open, open == 1 ? "" : "s", col(c, C_RESET));
			else
				printf("Nothing on the agenda with %s (kith agenda %s%s%s add TEXT adds an item).\n", name,
				       strchr(o.pos[0], ' ') ? "'" : "", o.pos[0], strchr(o.pos[0], ' ') ? "'" : "");
		}
		rc = kith_agenda_each(c->k, pid, all, agenda_row, &l);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (c->json) {
			kith_json_end(&j);
			kith_json_end(&j);
			kith_json_finish(&j);
		}
	} else if (!strcmp(verb, "add")) {
		rc = kith_agenda_add(c->k, pid, o.pos[2], &id);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if ((status = agenda_find(c, pid, id, &it)) != 0)
			goto cleanup;
		if (c->json)
			print_item_json(c, pid, &it);
		else
			info("added #%lld to the agenda with %s: %s", (long long)id, name, it.text);
	} else if (!strcmp(verb, "done")) {
		if ((status = agenda_find(c, pid, id, &it)) != 0)
			goto cleanup;
		rc = kith_agenda_done(c->k, pid, id, c->today);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		it.done_on = c->today;
		if (c->json)
			print_item_json(c, pid, &it);
		else
			info("checked off #%lld with %s: %s", (long long)id, name, it.text);
	} else {
		if ((status = agenda_find(c, pid, id, &it)) != 0)
			goto cleanup;
		rc = kith_agenda_rm(c->k, pid, id);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		info("removed #%lld from the agenda with %s: %s", (long long)id, name, it.text);
	}
cleanup:
	free(it.text);
	free(role);
	opts_release(&o);
	return status;
}

/* --------------------------------------------------------------- post */

static void json_post(struct kith_json *j, const struct kith_post *p)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", p->id);
	kith_json_kstr(j, "title", p->title);
	kith_json_kstr(j, "url", p->url);
	kith_json_kday(j, "date", p->date);
	kith_json_kstr(j, "channel", p->channel);
	kith_json_key(j, "tags");
	kith_json_arr(j);
	for (size_t i = 0; i < p->tags.n; i++)
		kith_json_str(j, p->tags.v[i]);
	kith_json_end(j);
	kith_json_end(j);
}

static int post_row(void *ctx, const struct kith_post *p)
{
	struct listing *l = ctx;
	struct cli *c = l->c;
	char buf[KITH_DATE_BUFSZ];
	int first = listing_row(l);

	if (c->json) {
		json_post(&l->j, p);
		return ferror(stdout) != 0;
	}
	if (first)
		printf("%s%6s  %-10s  %-12s  %s%s\n", col(c, C_DIM), "ID", "DATE", "CHANNEL", "TITLE", col(c, C_RESET));
	printf("%6lld  %s  ", (long long)p->id, kith_day_format(p->date, buf));
	print_padded(stdout, p->channel ? p->channel : "-", 12);
	printf("  %s", p->title);
	for (size_t i = 0; i < p->tags.n; i++)
		printf(" %s+%s%s", col(c, C_DIM), p->tags.v[i], col(c, C_RESET));
	printf("\n");
	if (p->url)
		printf("%*s%s%s%s\n", 6 + 2 + 10 + 2 + 12 + 2, "", col(c, C_DIM), p->url, col(c, C_RESET));
	return ferror(stdout) != 0;
}

static int post_ls(struct cli *c, const char *since_arg)
{
	struct listing l;
	kith_day since = KITH_NO_DAY, last;
	enum kith_rc rc;
	int every = 0;

	if (since_arg && parse_date_arg(c, "post", since_arg, &since) < 0)
		return 2;
	if ((rc = kith_brand_cadence(c->k, &every, &last)) != KITH_OK)
		return lib_error(c, rc);
	listing_start(&l, c);
	rc = kith_post_each(c->k, since, post_row, &l);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (c->json) {
		listing_end(&l);
		return 0;
	}
	if (listing_end(&l))
		printf("No posts%s yet (kith post TITLE logs one).\n", since_arg ? " since then" : "");
	if (every > 0 && last != KITH_NO_DAY) {
		char words[48], buf[KITH_DATE_BUFSZ], rel[32];
		kith_day due = last + every;
		printf("\nnext post %s %s (%s); you aim for %s\n", due <= c->today ? "was due" : "due",
		       kith_day_format(due, buf), rel_day_long(c->today, due, rel, sizeof(rel)),
		       kith_duration_words(every, words, sizeof(words)));
	}
	return 0;
}

int cmd_post(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = {
		{ "url", 0, 1, 1 }, { "on", 0, 1, 2 }, { "tag", 0, 1, 3 }, { "channel", 0, 1, 4 }, { "since", 0, 1, 5 },
		{ NULL, 0, 0, 0 },
	};
	struct opts o;
	int r, status = 0, adding;
	const char *url = NULL, *on = NULL, *channel = NULL, *since = NULL, *sub, *title;
	struct kith_post p;
	int64_t id = 0;
	enum kith_rc rc;

	memset(&p, 0, sizeof(p));
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("post");
			goto cleanup;
		}
		if (r == 1)
			url = o.arg;
		else if (r == 2)
			on = o.arg;
		else if (r == 3)
			kith_strlist_push(&p.tags, o.arg);
		else if (r == 4)
			channel = o.arg;
		else if (r == 5)
			since = o.arg;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos < 1) {
		status = usage_error("post", "what did you publish? (kith post TITLE; kith post ls lists them)");
		goto cleanup;
	}
	sub = o.pos[0];
	adding = strcmp(sub, "ls") && strcmp(sub, "rm");
	if (!adding && (url || on || channel || p.tags.n)) {
		status = usage_error("post", "--url, --on, --tag and --channel go with a new post (kith post TITLE)");
		goto cleanup;
	}
	if (since && strcmp(sub, "ls")) {
		status = usage_error("post", "--since goes with 'post ls'");
		goto cleanup;
	}
	if (!strcmp(sub, "ls")) {
		if (o.npos > 1) {
			status = usage_error("post", "unexpected argument '%s'", o.pos[1]);
			goto cleanup;
		}
		status = post_ls(c, since);
		goto cleanup;
	}
	if (!strcmp(sub, "rm")) {
		if (o.npos != 2) {
			status = usage_error("post", o.npos < 2 ? "which post? (its number, from kith post ls)"
							      : "too many arguments (one post at a time)");
			goto cleanup;
		}
		if (parse_number(o.pos[1], &id) < 0) {
			status = usage_error("post", "'%s' is not a post number", o.pos[1]);
			goto cleanup;
		}
		if ((rc = kith_post_get(c->k, id, &p)) != KITH_OK || (rc = kith_post_rm(c->k, id)) != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		info("removed post #%lld (%s)", (long long)id, p.title);
		goto cleanup;
	}
	/* kith post TITLE, or kith post add TITLE */
	if (!strcmp(sub, "add") && o.npos == 2) {
		title = o.pos[1];
	} else if (!strcmp(sub, "add") && o.npos == 1) {
		status = usage_error("post", "what did you publish? (kith post add TITLE)");
		goto cleanup;
	} else if (o.npos == 1) {
		title = sub;
	} else {
		status = usage_error("post", "too many arguments (quote the title)");
		goto cleanup;
	}
	p.date = c->today;
	if (on && parse_date_arg(c, "post", on, &p.date) < 0) {
		status = 2;
		goto cleanup;
	}
	p.title = (char *)title;
	p.url = (char *)url;
	p.channel = (char *)channel;
	rc = kith_post_add(c->k, &p, &id);
	p.title = p.url = p.channel = NULL; /* not ours */
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	kith_post_release(&p);
	if ((rc = kith_post_get(c->k, id, &p)) != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		json_post(&j, &p);
		kith_json_finish(&j);
	} else {
		char when[40], buf[KITH_DATE_BUFSZ];
		info("logged post #%lld %s (%s)%s%s: %s", (long long)id, rel_day_long(c->today, p.date, when, sizeof(when)),
		     kith_day_format(p.date, buf), p.channel ? " on " : "", p.channel ? p.channel : "", p.title);
	}
cleanup:
	kith_post_release(&p);
	opts_release(&o);
	return status;
}
