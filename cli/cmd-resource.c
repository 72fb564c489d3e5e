/*
 * Being helpful and appreciative: kith resource (the library of things
 * worth sharing), kith share (who a resource fits, or recording that it
 * went to someone), kith milestone and kith praise.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/json.h"
#include "kith/person.h"
#include "kith/resource.h"
#include "kith/strbuf.h"
#include "banned.h"

const char usage_resource[] =
	"kith resource [ls [+TAG...] | add URL | show RESOURCE | rm RESOURCE] [OPTIONS]\n\n"
	"A library of things worth sharing: articles, podcasts, videos, events and\n"
	"opportunities (a fellowship, a job) with the day they close. RESOURCE is an\n"
	"id (3 or #3), a URL or a unique prefix of one, or a unique prefix of a title.\n\n"
	"  kith resource [ls] [+TAG...]      each with its kind, tags, deadline and how\n"
	"                                    many people it went to\n"
	"  kith resource add URL [--title TEXT] [--tag TAG]... [--kind KIND] [--until DATE]\n"
	"  kith resource show RESOURCE       who got it, and when\n"
	"  kith resource rm RESOURCE [--yes] its shares go; the interactions stay\n\n"
	"kith share RESOURCE says who it fits.\n\n"
	"Options:\n"
	"  --title TEXT           what it is called\n"
	"  --tag TAG              a topic (repeatable): matched with people's tags and goals\n"
	"  --kind KIND            article (default), podcast, video, event, opportunity\n"
	"                         or other\n"
	"  --until DATE           the last day it is useful: a deadline, the event's day\n"
	"  -y, --yes              remove without asking (rm)\n"
	"  --json                 print the resource or the list as JSON\n";

const char usage_share[] =
	"kith share RESOURCE [--limit N] [--json]\n"
	"   or: kith share RESOURCE --to PEOPLE [--on DATE] [--note TEXT] [--json]\n\n"
	"Without --to, who RESOURCE fits, best first, each with why: interests\n"
	"(tags) and goals in common, rarer ones weighing more; a closer circle; being\n"
	"due for a catch-up. People who already got it are never suggested; a\n"
	"resource past its --until day is not suggested at all.\n"
	"With --to, record that it went to PEOPLE (comma-separated: ada,grace): one\n"
	"share interaction, a give, which resets their clocks. Sharing again with\n"
	"someone who already got it is refused.\n\n"
	"Options:\n"
	"  --limit N              at most N suggestions (default 10)\n"
	"  --to PEOPLE            record the share with these people\n"
	"  --on DATE              when it was shared (default today)\n"
	"  --note TEXT            a note for the interaction\n"
	"  --json                 print the suggestions or the share as JSON\n";

const char usage_milestone[] =
	"kith milestone [PERSON TEXT | add PERSON TEXT | ls [PERSON] | rm ID] [OPTIONS]\n\n"
	"Milestones to congratulate: a new job, a promotion, a launch, an award.\n"
	"For two weeks after its day, kith today suggests celebrating it, until\n"
	"praise is logged (kith praise, or kith log PERSON praise). TEXT may be\n"
	"several words. kith milestone add PERSON TEXT is the same as kith milestone\n"
	"PERSON TEXT, for a person named like a subcommand.\n\n"
	"  kith milestone PERSON TEXT [--on DATE]\n"
	"  kith milestone ls [PERSON]        newest first\n"
	"  kith milestone rm ID\n\n"
	"Options:\n"
	"  --on DATE              when it happened (default today)\n"
	"  --json                 print the milestone or the list as JSON\n";

const char usage_praise[] =
	"kith praise PEOPLE TEXT [--on DATE] [--json]\n\n"
	"Log praise, thanks or congratulations (a give; it resets the clock) with\n"
	"TEXT as the note. PEOPLE is one person or several, comma-separated. Their\n"
	"milestones of the 30 days before are marked celebrated.\n\n"
	"Options:\n"
	"  --on DATE              when (default today; not in the future)\n"
	"  --json                 print the logged praise as JSON\n";

/* "12" or "#12", positive: 0 and *id, else -1. */
static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;
	if (*s == '#')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	*id = v;
	return 0;
}

static int parse_limit(const char *cmd, const char *arg, size_t *out)
{
	long v;
	if (parse_number_arg(cmd, "limit", arg, 1, 1000, &v) < 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

/* TEXT from the positional arguments from..npos-1, joined by spaces. */
static void join_words(const struct opts *o, int from, struct strbuf *sb)
{
	for (int i = from; i < o->npos; i++) {
		if (i > from)
			strbuf_addch(sb, ' ');
		strbuf_addstr(sb, o->pos[i]);
	}
}

/* "closes in 5 days", "closes today", "closed"; "" without until */
static const char *until_words(kith_day today, kith_day until, char *buf, size_t len)
{
	long left = (long)(until - today);
	if (until == KITH_NO_DAY)
		snprintf(buf, len, "-");
	else if (left < 0)
		snprintf(buf, len, "closed");
	else if (left == 0)
		snprintf(buf, len, "closes today");
	else if (left == 1)
		snprintf(buf, len, "closes tomorrow");
	else
		snprintf(buf, len, "closes in %ld days", left);
	return buf;
}

static void json_tags(struct kith_json *j, const struct kith_resource *r)
{
	kith_json_key(j, "tags");
	kith_json_arr(j);
	for (size_t i = 0; i < r->tags.n; i++)
		kith_json_str(j, r->tags.v[i]);
	kith_json_end(j);
}

/* The short form: id, url, title, kind, tags, until. */
static void json_resource_short(struct kith_json *j, const struct kith_resource *r)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", r->id);
	kith_json_kstr(j, "url", r->url);
	kith_json_kstr(j, "title", r->title);
	kith_json_kstr(j, "kind", r->kind);
	json_tags(j, r);
	kith_json_kday(j, "until", r->until);
	kith_json_end(j);
}

/* The full form, left open for more keys: the short one plus created, closed, shared. */
static void json_resource_open(struct kith_json *j, const struct kith_resource *r, kith_day today)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", r->id);
	kith_json_kstr(j, "url", r->url);
	kith_json_kstr(j, "title", r->title);
	kith_json_kstr(j, "kind", r->kind);
	json_tags(j, r);
	kith_json_kday(j, "until", r->until);
	kith_json_key(j, "closed");
	kith_json_bool(j, r->until != KITH_NO_DAY && r->until < today);
	kith_json_kday(j, "created", r->created);
	kith_json_kint(j, "shared", r->n_shared);
}

static void json_person(struct kith_json *j, int64_t id, const char *name)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", id);
	kith_json_kstr(j, "name", name);
	kith_json_end(j);
}

/* ------------------------------------------------------------ resource */

static int resource_row(void *ctx, const struct kith_resource *r)
{
	struct listing *l = ctx;
	struct cli *c = l->c;
	struct strbuf tags = STRBUF_INIT;
	char until[40];
	int first = listing_row(l);

	if (c->json) {
		json_resource_open(&l->j, r, c->today);
		kith_json_end(&l->j);
		return ferror(stdout) != 0;
	}
	if (first)
		printf("%s%5s  %-11s  %-36s  %-20s  %-17s  %s%s\n", col(c, C_DIM), "ID", "KIND", "TITLE", "TAGS", "UNTIL",
		       "SHARED", col(c, C_RESET));
	for (size_t i = 0; i < r->tags.n; i++)
		strbuf_addf(&tags, "%s%s", i ? ", " : "", r->tags.v[i]);
	printf("%5lld  %-11s  ", (long long)r->id, r->kind);
	print_padded(stdout, r->title ? r->title : r->url, 36);
	printf("  ");
	print_padded(stdout, tags.len ? tags.buf : "-", 20);
	printf("  %-17s  %lld\n", until_words(c->today, r->until, until, sizeof(until)), (long long)r->n_shared);
	strbuf_release(&tags);
	return ferror(stdout) != 0;
}

static int share_row(void *ctx, const struct kith_share *s)
{
	struct listing *l = ctx;
	char buf[KITH_DATE_BUFSZ];
	l->n++;
	if (l->c->json) {
		kith_json_obj(&l->j);
		kith_json_key(&l->j, "person");
		json_person(&l->j, s->person_id, s->name);
		kith_json_kday(&l->j, "date", s->date);
		kith_json_key(&l->j, "interaction");
		if (s->interaction_id)
			kith_json_int(&l->j, s->interaction_id);
		else
			kith_json_null(&l->j);
		kith_json_end(&l->j);
	} else {
		printf("  %s  %s #%lld\n", kith_day_format(s->date, buf), s->name, (long long)s->person_id);
	}
	return ferror(stdout) != 0;
}

static int resource_show(struct cli *c, int64_t id)
{
	struct kith_resource r;
	struct listing l;
	enum kith_rc rc = kith_resource_get(c->k, id, &r);
	char buf[KITH_DATE_BUFSZ], until[40];

	if (rc != KITH_OK)
		return lib_error(c, rc);
	memset(&l, 0, sizeof(l));
	l.c = c;
	if (c->json) {
		kith_json_init(&l.j, stdout);
		json_resource_open(&l.j, &r, c->today);
		kith_json_key(&l.j, "shares");
		kith_json_arr(&l.j);
	} else {
		printf("%s#%lld %s%s\n", col(c, C_BOLD), (long long)r.id, r.title ? r.title : r.url, col(c, C_RESET));
		printf("url:    %s\n", r.url);
		printf("kind:   %s\n", r.kind);
		if (r.tags.n) {
			printf("tags:   ");
			for (size_t i = 0; i < r.tags.n; i++)
				printf("%s%s", i ? ", " : "", r.tags.v[i]);
			printf("\n");
		}
		if (r.until != KITH_NO_DAY)
			printf("until:  %s (%s)\n", kith_day_format(r.until, buf),
			       until_words(c->today, r.until, until, sizeof(until)));
		printf("added:  %s\n", kith_day_format(r.created, buf));
		if (r.n_shared)
			printf("shared with %lld %s:\n", (long long)r.n_shared, r.n_shared == 1 ? "person" : "people");
		else
			printf("not shared yet: kith share %lld says who it fits\n", (long long)r.id);
	}
	rc = kith_resource_shares(c->k, id, share_row, &l);
	kith_resource_release(&r);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (c->json) {
		kith_json_end(&l.j);
		kith_json_end(&l.j);
		kith_json_finish(&l.j);
	}
	return 0;
}

static int resource_add(struct cli *c, const char *url, const char *title, const char *kind,
			const struct kith_strlist *tags, kith_day until)
{
	struct kith_resource r;
	enum kith_rc rc;
	int64_t id = 0;

	rc = kith_resource_add(c->k, url, title, kind, tags, until, &id);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	rc = kith_resource_get(c->k, id, &r);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		json_resource_open(&j, &r, c->today);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		struct strbuf sb = STRBUF_INIT;
		char buf[KITH_DATE_BUFSZ];
		strbuf_addstr(&sb, r.kind);
		for (size_t i = 0; i < r.tags.n; i++)
			strbuf_addf(&sb, "%s%s", i ? ", " : "; ", r.tags.v[i]);
		if (r.until != KITH_NO_DAY)
			strbuf_addf(&sb, "; until %s", kith_day_format(r.until, buf));
		info("added resource #%lld %s (%s)", (long long)r.id, r.title ? r.title : r.url, sb.buf);
		strbuf_release(&sb);
	}
	kith_resource_release(&r);
	return 0;
}

static int resource_rm(struct cli *c, int64_t id, int yes)
{
	struct kith_resource r;
	enum kith_rc rc = kith_resource_get(c->k, id, &r);
	const char *label;
	int status = 0;

	if (rc != KITH_OK)
		return lib_error(c, rc);
	label = r.title ? r.title : r.url;
	if (!yes) {
		char q[400];
		if (!isatty(STDIN_FILENO)) {
			status = usage_error("resource", "not removing resource #%lld without --yes (stdin is not a terminal)",
					     (long long)id);
			goto cleanup;
		}
		snprintf(q, sizeof(q), "remove resource #%lld '%.200s' and its %lld share record%s?", (long long)id, label,
			 (long long)r.n_shared, r.n_shared == 1 ? "" : "s");
		if (!confirm(q)) {
			info("nothing removed");
			status = 1;
			goto cleanup;
		}
	}
	rc = kith_resource_rm(c->k, id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	info("removed resource #%lld %s (%lld share record%s; the interactions stay)", (long long)id, label,
	     (long long)r.n_shared, r.n_shared == 1 ? "" : "s");
cleanup:
	kith_resource_release(&r);
	return status;
}

int cmd_resource(struct cli *c, int argc, char **argv)
{
	enum { O_TITLE = 1, O_TAG, O_KIND, O_UNTIL, O_YES };
	static const struct opt_spec spec[] = {
		{ "title", 0, 1, O_TITLE }, { "tag", 0, 1, O_TAG },  { "kind", 0, 1, O_KIND },
		{ "until", 0, 1, O_UNTIL }, { "yes", 'y', 0, O_YES }, { NULL, 0, 0, 0 },
	};
	struct opts o;
	struct kith_strlist tags = KITH_STRLIST_INIT, filter = KITH_STRLIST_INIT;
	const char *title = NULL, *kind = NULL, *until_arg = NULL, *sub = "ls";
	const char *add_only = NULL;
	int r, status = 0, yes = 0, first = 0;
	kith_day until = KITH_NO_DAY;
	int64_t id;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		switch (r) {
		case OPT_HELP:
			status = show_help("resource");
			goto cleanup;
		case O_TITLE:
			title = o.arg;
			add_only = "--title";
			break;
		case O_TAG:
			kith_strlist_push(&tags, o.arg);
			add_only = "--tag";
			break;
		case O_KIND:
			kind = o.arg;
			add_only = "--kind";
			break;
		case O_UNTIL:
			until_arg = o.arg;
			add_only = "--until";
			break;
		case O_YES:
			yes = 1;
			break;
		default:
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos > 0 && o.pos[0][0] != '+') {
		sub = o.pos[0];
		first = 1;
	}
	if (strcmp(sub, "add") && strcmp(sub, "ls") && strcmp(sub, "show") && strcmp(sub, "rm")) {
		status = usage_error("resource", "unknown subcommand '%s' (add, ls, show or rm)", sub);
		goto cleanup;
	}
	if (add_only && strcmp(sub, "add")) {
		status = usage_error("resource", "%s is for kith resource add", add_only);
		goto cleanup;
	}
	if (yes && strcmp(sub, "rm")) {
		status = usage_error("resource", "--yes is for kith resource rm");
		goto cleanup;
	}

	if (!strcmp(sub, "ls")) {
		struct listing l;
		for (int i = first; i < o.npos; i++) {
			if (o.pos[i][0] != '+' || !o.pos[i][1]) {
				status = usage_error("resource", "kith resource ls takes +TAG filters, not '%s'", o.pos[i]);
				goto cleanup;
			}
			kith_strlist_push(&filter, o.pos[i] + 1);
		}
		listing_start(&l, c);
		rc = kith_resource_list(c->k, &filter, resource_row, &l);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		if (listing_end(&l))
			info(filter.n ? "no resource has these tags" : "no resources yet: kith resource add URL");
		goto cleanup;
	}
	if (o.npos != 2) {
		status = usage_error("resource", o.npos < 2 ? "kith resource %s needs a %s"
							    : "too many arguments to kith resource %s (one %s)",
				     sub, !strcmp(sub, "add") ? "URL" : "resource");
		goto cleanup;
	}
	if (!strcmp(sub, "add")) {
		if (until_arg && parse_date_arg(c, "resource", until_arg, &until) < 0) {
			status = 2;
			goto cleanup;
		}
		status = resource_add(c, o.pos[1], title, kind, &tags, until);
		goto cleanup;
	}
	rc = kith_resource_resolve(c->k, o.pos[1], &id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (!strcmp(sub, "show"))
		status = resource_show(c, id);
	else
		status = resource_rm(c, id, yes);
cleanup:
	kith_strlist_release(&tags);
	kith_strlist_release(&filter);
	opts_release(&o);
	return status;
}

/* --------------------------------------------------------------- share */

static int share_suggest(struct cli *c, int64_t rid, size_t limit)
{
	struct kith_suggestion *v = NULL;
	struct kith_resource r;
	size_t n = 0;
	enum kith_rc rc;

	rc = kith_resource_get(c->k, rid, &r);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	rc = kith_share_suggest(c->k, rid, limit, &v, &n);
	if (rc != KITH_OK) {
		kith_resource_release(&r);
		return lib_error(c, rc);
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_key(&j, "resource");
		json_resource_short(&j, &r);
		kith_json_key(&j, "suggestions");
		kith_json_arr(&j);
		for (size_t i = 0; i < n; i++) {
			kith_json_obj(&j);
			kith_json_key(&j, "person");
			json_person(&j, v[i].person_id, v[i].name);
			kith_json_key(&j, "score");
			kith_json_num(&j, v[i].score);
			kith_json_kstr(&j, "reason", v[i].reason);
			kith_json_end(&j);
		}
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else if (n == 0) {
		info(r.tags.n ? "nobody else has the interests or goals of #%lld (%s)"
			      : "resource #%lld has no tags to match with people's: kith resource add with --tag",
		     (long long)r.id, r.title ? r.title : r.url);
	} else {
		for (size_t i = 0; i < n; i++) {
			printf("%2zu  ", i + 1);
			print_padded(stdout, v[i].name, 24);
			printf("  %s\n", v[i].reason);
		}
	}
	kith_suggestions_free(v, n);
	kith_resource_release(&r);
	return 0;
}

static int share_to(struct cli *c, int64_t rid, const char *to, kith_day date, const char *note)
{
	struct kith_resource r;
	int64_t *ids = NULL, iid = 0;
	size_t n = 0;
	char name[256];
	enum kith_rc rc;
	int status = 0;

	memset(&r, 0, sizeof(r));
	rc = kith_resolve_list(c->k, to, &ids, &n);
	if (rc == KITH_OK)
		rc = kith_share_record(c->k, rid, ids, n, date, note, &iid);
	if (rc == KITH_OK)
		rc = kith_resource_get(c->k, rid, &r);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kint(&j, "id", iid);
		kith_json_kday(&j, "date", date);
		kith_json_kstr(&j, "kind", "share");
		kith_json_kstr(&j, "note", note && *note ? note : NULL);
		kith_json_key(&j, "resource");
		json_resource_short(&j, &r);
		kith_json_key(&j, "people");
		kith_json_arr(&j);
		for (size_t i = 0; i < n; i++)
			json_person(&j, ids[i], kith_person_name(c->k, ids[i], name, sizeof(name)));
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		struct strbuf sb = STRBUF_INIT;
		char when[40], buf[KITH_DATE_BUFSZ];
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_addstr(&sb, i + 1 == n ? " and " : ", ");
			strbuf_addstr(&sb, kith_person_name(c->k, ids[i], name, sizeof(name)));
		}
		info("shared resource #%lld %s with %s %s (%s) #%lld", (long long)r.id, r.title ? r.title : r.url, sb.buf,
		     rel_day_long(c->today, date, when, sizeof(when)), kith_day_format(date, buf), (long long)iid);
		strbuf_release(&sb);
	}
cleanup:
	kith_resource_release(&r);
	free(ids);
	return status;
}

int cmd_share(struct cli *c, int argc, char **argv)
{
	enum { O_LIMIT = 1, O_TO, O_ON, O_NOTE };
	static const struct opt_spec spec[] = {
		{ "limit", 0, 1, O_LIMIT }, { "to", 0, 1, O_TO }, { "on", 0, 1, O_ON }, { "note", 0, 1, O_NOTE },
		{ NULL, 0, 0, 0 },
	};
	struct opts o;
	const char *to = NULL, *on = NULL, *note = NULL, *limit_arg = NULL;
	size_t limit = 10;
	kith_day date;
	int64_t rid;
	enum kith_rc rc;
	int r, status = 0;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		switch (r) {
		case OPT_HELP:
			status = show_help("share");
			goto cleanup;
		case O_LIMIT:
			limit_arg = o.arg;
			break;
		case O_TO:
			to = o.arg;
			break;
		case O_ON:
			on = o.arg;
			break;
		case O_NOTE:
			note = o.arg;
			break;
		default:
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos != 1) {
		status = usage_error("share", o.npos ? "one resource at a time" : "which resource? (kith resource ls)");
		goto cleanup;
	}
	if (to && limit_arg) {
		status = usage_error("share", "--limit is for suggestions, not with --to");
		goto cleanup;
	}
	if (!to && (on || note)) {
		status = usage_error("share", "%s records a share: give --to PEOPLE", on ? "--on" : "--note");
		goto cleanup;
	}
	if (limit_arg && parse_limit("share", limit_arg, &limit) < 0) {
		status = 2;
		goto cleanup;
	}
	date = c->today;
	if (on && parse_date_arg(c, "share", on, &date) < 0) {
		status = 2;
		goto cleanup;
	}
	rc = kith_resource_resolve(c->k, o.pos[0], &rid);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	status = to ? share_to(c, rid, to, date, note) : share_suggest(c, rid, limit);
cleanup:
	opts_release(&o);
	return status;
}

/* ----------------------------------------------------------- milestone */

static void json_milestone(struct kith_json *j, const struct kith_milestone *m)
{
	kith_json_obj(j);
	kith_json_kint(j, "id", m->id);
	kith_json_key(j, "person");
	json_person(j, m->person_id, m->name);
	kith_json_kday(j, "date", m->date);
	kith_json_kstr(j, "text", m->text);
	kith_json_kday(j, "celebrated_on", m->celebrated_on);
	kith_json_end(j);
}

static int milestone_row(void *ctx, const struct kith_milestone *m)
{
	struct listing *l = ctx;
	struct cli *c = l->c;
	char buf[KITH_DATE_BUFSZ];
	int first = listing_row(l);

	if (c->json) {
		json_milestone(&l->j, m);
		return ferror(stdout) != 0;
	}
	if (first)
		printf("%s%5s  %-10s  %-24s  %s%s\n", col(c, C_DIM), "ID", "DATE", "PERSON", "MILESTONE", col(c, C_RESET));
	printf("%5lld  %s  ", (long long)m->id, kith_day_format(m->date, buf));
	print_padded(stdout, m->name, 24);
	printf("  %s", m->text);
	if (m->celebrated_on != KITH_NO_DAY)
		printf("  %s(celebrated %s)%s", col(c, C_DIM), kith_day_format(m->celebrated_on, buf), col(c, C_RESET));
	printf("\n");
	return ferror(stdout) != 0;
}

/* The milestone with id, by listing the person's (they are few). */
struct find_ctx {
	int64_t id;
	struct cli *c;
	int found;
};

static int print_one(void *ctx, const struct kith_milestone *m)
{
	struct find_ctx *f = ctx;
	char buf[KITH_DATE_BUFSZ];
	if (m->id != f->id)
		return 0;
	f->found = 1;
	if (f->c->json) {
		struct kith_json j;
		kith_json_init(&j, stdout);
		json_milestone(&j, m);
		kith_json_finish(&j);
	} else {
		info("added milestone #%lld for %s #%lld (%s): %s", (long long)m->id, m->name, (long long)m->person_id,
		     kith_day_format(m->date, buf), m->text);
	}
	return 1;
}

int cmd_milestone(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "on", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct strbuf text = STRBUF_INIT;
	const char *on = NULL;
	int r, status = 0, first = 0;
	int64_t pid = 0, id = 0;
	kith_day date;
	enum kith_rc rc;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("milestone");
			goto cleanup;
		}
		if (r == 1)
			on = o.arg;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos > 0 && (!strcmp(o.pos[0], "ls") || !strcmp(o.pos[0], "rm"))) {
		int is_ls = !strcmp(o.pos[0], "ls");
		if (on) {
			status = usage_error("milestone", "--on is for recording a milestone");
			goto cleanup;
		}
		if (o.npos > 2 || (!is_ls && o.npos != 2)) {
			status = usage_error("milestone", is_ls ? "kith milestone ls takes one person at most"
								: "which milestone? (its number, from kith milestone ls)");
			goto cleanup;
		}
		if (is_ls) {
			struct listing l;
			if (o.npos == 2 && (status = resolve_arg(c, o.pos[1], 0, &pid)) != 0)
				goto cleanup;
			listing_start(&l, c);
			rc = kith_milestone_list(c->k, pid, milestone_row, &l);
			if (rc != KITH_OK) {
				status = lib_error(c, rc);
				goto cleanup;
			}
			if (listing_end(&l))
				info("no milestones yet: kith milestone PERSON TEXT");
			goto cleanup;
		}
		if (parse_id(o.pos[1], &id) < 0) {
			status = usage_error("milestone", "'%s' is not a milestone number", o.pos[1]);
			goto cleanup;
		}
		rc = kith_milestone_rm(c->k, id);
		if (rc != KITH_OK) {
			status = lib_error(c, rc);
			goto cleanup;
		}
		info("removed milestone #%lld", (long long)id);
		goto cleanup;
	}
	if (o.npos > 0 && !strcmp(o.pos[0], "add"))
		first = 1;
	if (o.npos - first < 2) {
		status = usage_error("milestone", o.npos - first < 1 ? "whose milestone, and what?"
								: "what is the milestone? (kith milestone PERSON TEXT)");
		goto cleanup;
	}
	date = c->today;
	if (on && parse_date_arg(c, "milestone", on, &date) < 0) {
		status = 2;
		goto cleanup;
	}
	if ((status = resolve_arg(c, o.pos[first], 0, &pid)) != 0)
		goto cleanup;
	join_words(&o, first + 1, &text);
	rc = kith_milestone_add(c->k, pid, date, text.buf, &id);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	{
		struct find_ctx f = { id, c, 0 };
		rc = kith_milestone_list(c->k, pid, print_one, &f);
		if (rc != KITH_OK)
			status = lib_error(c, rc);
	}
cleanup:
	strbuf_release(&text);
	opts_release(&o);
	return status;
}

/* -------------------------------------------------------------- praise */

struct cel_ctx {
	const int64_t *ids;
	size_t n;
	struct kith_json *j;
};

static int celebrated_row(void *ctx, const struct kith_milestone *m)
{
	struct cel_ctx *cc = ctx;
	for (size_t i = 0; i < cc->n; i++) {
		if (cc->ids[i] != m->id)
			continue;
		if (cc->j)
			json_milestone(cc->j, m);
		else
			info("celebrated milestone #%lld of %s: %s", (long long)m->id, m->name, m->text);
	}
	return 0;
}

int cmd_praise(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "on", 0, 1, 1 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct strbuf text = STRBUF_INIT;
	const char *on = NULL;
	int64_t *ids = NULL, *cel = NULL, iid = 0;
	size_t n = 0, n_cel = 0;
	kith_day date;
	enum kith_rc rc;
	int r, status = 0;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("praise");
			goto cleanup;
		}
		if (r == 1)
			on = o.arg;
		else
			common_option(c, r, o.arg);
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos < 2) {
		status = usage_error("praise", o.npos ? "what for? (kith praise PERSON TEXT)" : "who, and what for?");
		goto cleanup;
	}
	date = c->today;
	if (on && parse_date_arg(c, "praise", on, &date) < 0) {
		status = 2;
		goto cleanup;
	}
	rc = kith_resolve_list(c->k, o.pos[0], &ids, &n);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	join_words(&o, 1, &text);
	rc = kith_praise(c->k, ids, n, date, text.buf, &iid, &cel, &n_cel);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		struct kith_json j;
		struct cel_ctx cc = { cel, n_cel, &j };
		char name[256];
		kith_json_init(&j, stdout);
		kith_json_obj(&j);
		kith_json_kint(&j, "id", iid);
		kith_json_kday(&j, "date", date);
		kith_json_kstr(&j, "kind", "praise");
		kith_json_kstr(&j, "note", text.buf);
		kith_json_key(&j, "people");
		kith_json_arr(&j);
		for (size_t i = 0; i < n; i++)
			json_person(&j, ids[i], kith_person_name(c->k, ids[i], name, sizeof(name)));
		kith_json_end(&j);
		kith_json_key(&j, "celebrated");
		kith_json_arr(&j);
		for (size_t i = 0; i < n && n_cel; i++)
			kith_milestone_list(c->k, ids[i], celebrated_row, &cc);
		kith_json_end(&j);
		kith_json_end(&j);
		kith_json_finish(&j);
	} else {
		struct strbuf sb = STRBUF_INIT;
		struct cel_ctx cc = { cel, n_cel, NULL };
		char name[256], when[40], buf[KITH_DATE_BUFSZ];
		for (size_t i = 0; i < n; i++) {
			if (i)
				strbuf_addstr(&sb, i + 1 == n ? " and " : ", ");
			strbuf_addstr(&sb, kith_person_name(c->k, ids[i], name, sizeof(name)));
		}
		info("logged praise for %s %s (%s) #%lld", sb.buf, rel_day_long(c->today, date, when, sizeof(when)),
		     kith_day_format(date, buf), (long long)iid);
		for (size_t i = 0; i < n && n_cel; i++)
			kith_milestone_list(c->k, ids[i], celebrated_row, &cc);
		strbuf_release(&sb);
	}
cleanup:
	free(ids);
	free(cel);
	strbuf_release(&text);
	opts_release(&o);
	return status;
}
