/* Messages, option parsing and argument helpers shared by the commands. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kith/person.h"
#include "banned.h"

static void vmsg(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "kith: %s", prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("error: ", fmt, ap);
	va_end(ap);
}

void warning(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fflush(stdout);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

int usage_error(const char *cmd, const char *fmt, ...)
{
	const struct cmd *c = cmd_lookup(cmd);
	va_list ap;
	va_start(ap, fmt);
	vmsg("error: ", fmt, ap);
	va_end(ap);
	if (c) {
		/* the first line of the usage is the hint */
		size_t n = strcspn(c->usage, "\n");
		fprintf(stderr, "hint: %.*s (see 'kith %s -h')\n", (int)n, c->usage, cmd);
	}
	return 2;
}

int lib_error(struct cli *c, enum kith_rc rc)
{
	error("%s", kith_errmsg(c->k));
	return kith_rc_exit(rc);
}

int cli_open_db(struct cli *c)
{
	char err[600];
	enum kith_rc rc;

	if (c->k)
		return 0;
	if (!c->db_path) {
		c->db_path = kith_default_db_path();
		if (!c->db_path) {
			error("no database: set --db PATH, KITH_DB or HOME");
			return 2;
		}
	}
	rc = kith_open(c->db_path, c->today, &c->k, err, sizeof(err));
	if (rc != KITH_OK) {
		error("%s", err);
		return kith_rc_exit(rc);
	}
	return 0;
}

void opts_init(struct opts *o, int argc, char **argv)
{
	memset(o, 0, sizeof(*o));
	o->argc = argc;
	o->argv = argv;
	o->i = 1;
	o->cmd = argv[0];
	o->pos = calloc((size_t)argc + 1, sizeof(*o->pos));
	if (!o->pos)
		abort();
}

void opts_release(struct opts *o)
{
	free(o->pos);
	o->pos = NULL;
}

static const struct opt_spec common_spec[] = {
	{ "help", 'h', 0, OPT_HELP },
	{ "json", 0, 0, OPT_JSON },
	{ "db", 0, 1, OPT_DB },
	{ NULL, 0, 0, 0 },
};

static const struct opt_spec *find_long(const struct opt_spec *spec, const char *name, size_t len)
{
	for (const struct opt_spec *s = spec; s && s->name; s++)
		if (strlen(s->name) == len && !strncmp(s->name, name, len))
			return s;
	for (const struct opt_spec *s = common_spec; s->name; s++)
		if (strlen(s->name) == len && !strncmp(s->name, name, len))
			return s;
	return NULL;
}

static const struct opt_spec *find_short(const struct opt_spec *spec, char ch)
{
	for (const struct opt_spec *s = spec; s && s->name; s++)
		if (s->shortc && s->shortc == ch)
			return s;
	for (const struct opt_spec *s = common_spec; s->name; s++)
		if (s->shortc == ch)
			return s;
	return NULL;
}

int opts_next(struct opts *o, const struct opt_spec *spec)
{
	while (o->i < o->argc) {
		char *a = o->argv[o->i++];
		const struct opt_spec *s;

		if (o->done || a[0] != '-' || !a[1]) {
			o->pos[o->npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			o->done = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			s = find_long(spec, name, len);
			if (!s) {
				usage_error(o->cmd, "unknown option '--%.*s'", (int)len, name);
				return -1;
			}
			if (s->has_arg) {
				if (eq)
					o->arg = eq + 1;
				else if (o->i < o->argc)
					o->arg = o->argv[o->i++];
				else {
					usage_error(o->cmd, "option '--%s' needs a value", s->name);
					return -1;
				}
			} else if (eq) {
				usage_error(o->cmd, "option '--%s' takes no value", s->name);
				return -1;
			} else {
				o->arg = NULL;
			}
			return s->id;
		}
		s = a[2] ? NULL : find_short(spec, a[1]);
		if (!s) {
			if (o->allow_dash) {
				o->pos[o->npos++] = a;
				continue;
			}
			usage_error(o->cmd, "unknown option '%s'", a);
			return -1;
		}
		if (s->has_arg) {
			if (o->i >= o->argc) {
				usage_error(o->cmd, "option '-%c' needs a value", s->shortc);
				return -1;
			}
			o->arg = o->argv[o->i++];
		} else {
			o->arg = NULL;
		}
		return s->id;
	}
	return 0;
}

int common_option(struct cli *c, int id, const char *arg)
{
	(void)arg;
	switch (id) {
	case OPT_JSON:
		c->json = 1;
		return 1;
	case OPT_DB: /* handled by the dispatcher */
		return 1;
	default:
		return 0;
	}
}

int show_help(const char *name)
{
	const struct cmd *c = cmd_lookup(name);
	if (!c)
		return 2;
	printf("usage: %s\n", c->usage);
	return 0;
}

int parse_number_arg(const char *cmd, const char *opt, const char *arg, long lo, long hi, long *out)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || *end || end == arg || v < lo || v > hi) {
		usage_error(cmd, "--%s needs a number from %ld to %ld, not '%s'", opt, lo, hi, arg);
		return -1;
	}
	*out = v;
	return 0;
}

void listing_start(struct listing *l, struct cli *c)
{
	memset(l, 0, sizeof(*l));
	l->c = c;
	if (c->json)
		kith_json_init(&l->j, stdout);
}

int listing_row(struct listing *l)
{
	if (l->n++)
		return 0;
	if (l->c->json)
		kith_json_arr(&l->j);
	return 1;
}

int listing_end(struct listing *l)
{
	if (!l->c->json)
		return l->n == 0;
	if (l->n == 0)
		kith_json_arr(&l->j);
	kith_json_end(&l->j);
	kith_json_finish(&l->j);
	return 0;
}

int parse_vcard_version(const char *cmd, const char *arg, int *version)
{
	if (!strcmp(arg, "3.0") || !strcmp(arg, "3"))
		*version = 3;
	else if (!strcmp(arg, "4.0") || !strcmp(arg, "4"))
		*version = 4;
	else {
		usage_error(cmd, "unknown vCard version '%s' (3.0 or 4.0)", arg);
		return -1;
	}
	return 0;
}

int parse_date_arg(struct cli *c, const char *cmd, const char *s, kith_day *out)
{
	char err[200];
	if (kith_date_parse(s, c->today, out, err, sizeof(err)) < 0) {
		usage_error(cmd, "%s", err);
		return -1;
	}
	return 0;
}

int resolve_arg(struct cli *c, const char *ref, int64_t exclude, int64_t *id)
{
	enum kith_rc rc = kith_resolve(c->k, ref, exclude, id);
	if (rc != KITH_OK)
		return lib_error(c, rc);
	return 0;
}

int confirm(const char *question)
{
	char line[32];
	fprintf(stderr, "%s [y/N] ", question);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin))
		return 0;
	return line[0] == 'y' || line[0] == 'Y';
}
