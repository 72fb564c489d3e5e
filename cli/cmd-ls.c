#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kith/json.h"
#include "kith/query.h"
#include "kith/strbuf.h"
#include "banned.h"

struct ls_ctx {
	struct cli *c;
	struct kith_json j;
	size_t n;
	int header_done;
	int find;
};

static void json_row(struct ls_ctx *l, const struct kith_row *row)
{
	struct kith_json *j = &l->j;
	kith_json_obj(j);
	kith_json_kint(j, "id", row->id);
	kith_json_kstr(j, "name", row->name);
	kith_json_kstr(j, "org", row->org);
	kith_json_kstr(j, "title", row->title);
	kith_json_kstr(j, "circle", kith_circle_name(row->circle));
	kith_json_key(j, "cadence_days");
	if (row->cadence_days > 0)
		kith_json_int(j, row->cadence_days);
	else
		kith_json_null(j);
	kith_json_kday(j, "last_touch", row->last_touch);
	kith_json_kstr(j, "last_kind", row->last_kind);
	kith_json_kday(j, "next_due", row->due_on);
	kith_json_kstr(j, "status", kith_status_name(row->status));
	if (l->find) {
		kith_json_key(j, "score");
		kith_json_num(j, row->score);
		kith_json_kstr(j, "match", row->match);
	}
	kith_json_end(j);
}

static void status_cell(struct cli *c, const struct kith_row *row, int pad)
{
	char buf[32];
	long d = (long)(c->today - row->due_on);
	switch (row->status) {
	case KITH_STATUS_NONE:
		snprintf(buf, sizeof(buf), "-");
		break;
	case KITH_STATUS_OK:
		snprintf(buf, sizeof(buf), "in %ldd", -d);
		break;
	case KITH_STATUS_DUE:
		if (d)
			snprintf(buf, sizeof(buf), "due %ldd", d);
		else
			snprintf(buf, sizeof(buf), "due today");
		break;
	case KITH_STATUS_OVERDUE:
		snprintf(buf, sizeof(buf), "overdue %ldd", (long)(c->today - row->overdue_on));
		break;
	}
	printf("%s%s%s", row->status == KITH_STATUS_OVERDUE ? col(c, C_RED)
			 : row->status == KITH_STATUS_DUE   ? col(c, C_YELLOW) : "",
	       buf, col(c, C_RESET));
	if (pad)
		printf("%*s", (int)(12 - strlen(buf)), "");
}

static int row_cb(void *ctx, const struct kith_row *row)
{
	struct ls_ctx *l = ctx;
	struct cli *c = l->c;
	char last[32];

	l->n++;
	if (c->json) {
		/* the array opens with the first row, so a failure prints nothing */
		if (l->n == 1)
			kith_json_arr(&l->j);
		json_row(l, row);
		return ferror(stdout) != 0;
	}
	if (!l->header_done) {
		printf("%s%6s  %-24s  %-6s  %-20s  %-10s  %s%s\n", col(c, C_DIM), "ID", "NAME", "CIRCLE",
		       "ORGANIZATION", "LAST", l->find ? "NEXT          MATCH" : "NEXT", col(c, C_RESET));
		l->header_done = 1;
	}
	printf("%6lld  ", (long long)row->id);
	print_padded(stdout, row->name, 24);
	printf("  %-6s  ", kith_circle_name(row->circle));
	print_padded(stdout, row->org ? row->org : "", 20);
	printf("  %-10s  ", rel_day_short(c->today, row->last_touch, last, sizeof(last)));
	status_cell(c, row, l->find && row->match);
	if (l->find && row->match)
		printf("  %s", row->match);
	printf("\n");
	/* stop early when stdout is gone (a closed pipe, a full disk) */
	return ferror(stdout) != 0;
}

/* --limit of ls and find: 1 to ten million people. */
static int parse_limit(const char *cmd, const char *arg, size_t *out)
{
	long v;
	if (parse_number_arg(cmd, "limit", arg, 1, 10000000, &v) < 0)
		return -1;
	*out = (size_t)v;
	return 0;
}

int cmd_ls(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "sort", 0, 1, 1 }, { "limit", 0, 1, 2 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct kith_filter f;
	struct ls_ctx l;
	int r, status = 0, sort = KITH_SORT_NAME;
	size_t limit = 0;
	char err[256];
	enum kith_rc rc;

	memset(&l, 0, sizeof(l));
	l.c = c;
	kith_filter_init(&f);
	opts_init(&o, argc, argv);
	o.allow_dash = 1;
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("ls");
			goto cleanup;
		}
		if (r == 1) {
			sort = kith_sort_parse(o.arg);
			if (sort < 0) {
				status = usage_error("ls", "unknown sort '%s' (name, due, last, added or circle)", o.arg);
				goto cleanup;
			}
		} else if (r == 2) {
			if (parse_limit("ls", o.arg, &limit) < 0) {
				status = 2;
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (kith_filter_parse(&f, (const char *const *)o.pos, (size_t)o.npos, err, sizeof(err)) < 0) {
		status = usage_error("ls", "%s", err);
		goto cleanup;
	}
	if (c->json)
		kith_json_init(&l.j, stdout);
	rc = kith_list(c->k, &f, (enum kith_sort)sort, limit, row_cb, &l);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		if (l.n == 0)
			kith_json_arr(&l.j);
		kith_json_end(&l.j);
		kith_json_finish(&l.j);
	} else if (l.n == 0) {
		info("nobody matches");
	}
cleanup:
	kith_filter_release(&f);
	opts_release(&o);
	return status;
}

int cmd_find(struct cli *c, int argc, char **argv)
{
	static const struct opt_spec spec[] = { { "limit", 0, 1, 2 }, { NULL, 0, 0, 0 } };
	struct opts o;
	struct ls_ctx l;
	struct strbuf q = STRBUF_INIT;
	int r, status = 0;
	size_t limit = 0;
	enum kith_rc rc;

	memset(&l, 0, sizeof(l));
	l.c = c;
	l.find = 1;
	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, spec)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("find");
			goto cleanup;
		}
		if (r == 2) {
			if (parse_limit("find", o.arg, &limit) < 0) {
				status = 2;
				goto cleanup;
			}
		} else {
			common_option(c, r, o.arg);
		}
	}
	if (r < 0) {
		status = 2;
		goto cleanup;
	}
	if (o.npos == 0) {
		status = usage_error("find", "what to search for?");
		goto cleanup;
	}
	for (int i = 0; i < o.npos; i++) {
		if (i)
			strbuf_addch(&q, ' ');
		strbuf_addstr(&q, o.pos[i]);
	}
	if (c->json)
		kith_json_init(&l.j, stdout);
	rc = kith_find(c->k, q.buf, limit, row_cb, &l);
	if (rc != KITH_OK) {
		status = lib_error(c, rc);
		goto cleanup;
	}
	if (c->json) {
		if (l.n == 0)
			kith_json_arr(&l.j);
		kith_json_end(&l.j);
		kith_json_finish(&l.j);
	} else if (l.n == 0) {
		info("nothing matches '%s'", q.buf);
	}
cleanup:
	strbuf_release(&q);
	opts_release(&o);
	return status;
}
