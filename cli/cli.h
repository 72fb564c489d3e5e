#ifndef KITH_CLI_H
#define KITH_CLI_H

/*
 * The command line: shared state and helpers for the cmd-*.c files.
 *
 * Only cli/ prints, chooses messages and exit codes. Each command is
 * `int cmd_NAME(struct cli *c, int argc, char **argv)` where argv[0] is the
 * command name; it returns the exit status (0, 1 or 2). The dispatcher
 * (main.c) opens the database for commands flagged NEED_DB, wraps WRITE
 * commands in one transaction (committed only when the command returns 0),
 * and checks that stdout was written.
 */

#include <stdint.h>
#include <stdio.h>

#include "kith/json.h"
#include "kith/kith.h"

#define NEED_DB (1 << 0) /* open the database before running */
#define WRITE (1 << 1)   /* run inside one transaction */
#define OWN_HELP (1 << 2) /* handles -h itself (per format or subcommand) */
#define IMPORT (1 << 3)   /* the transaction is kith_begin_import's */

struct cli {
	struct kith *k;
	char *db_path;
	kith_day today;
	int color;   /* stdout is a terminal and NO_COLOR is unset */
	int json;    /* --json was given */
};

struct cmd {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	unsigned flags;
	const char *summary;
	const char *usage;   /* full help: usage line(s), blank line, options */
};

extern const struct cmd commands[];
const struct cmd *cmd_lookup(const char *name);

/* Messages on stderr: "kith: error: ...", "kith: ...". */
void error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A usage error: message plus a one-line hint; returns 2. */
int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Report a library failure; returns its exit code. */
int lib_error(struct cli *c, enum kith_rc rc);

/*
 * Option parsing: a small iterator in the spirit of git's parse-options.
 *
 *   struct opts o;
 *   opts_init(&o, argc, argv);
 *   while ((r = opts_next(&o, spec)) > 0) switch (r) { ... o.arg ... }
 *   if (r < 0) return 2;      (message printed)
 *   positional arguments: o.pos[0 .. o.npos-1]
 *
 * spec is an array of { name, short, has_arg, id } ending in { NULL }.
 * "--name value", "--name=value", "-x value" are accepted; "--" ends
 * options. -h/--help and --json and --db PATH are understood everywhere
 * (returning OPT_HELP, OPT_JSON, OPT_DB). With allow_dash, arguments like
 * "-tag" that are not known options are positional (for ls filters).
 */
struct opt_spec {
	const char *name;
	char shortc;
	int has_arg;
	int id;
};

enum { OPT_HELP = 1000, OPT_JSON, OPT_DB };

struct opts {
	int argc;
	char **argv;
	int i;
	const char *cmd;
	const char *arg;
	char **pos;
	int npos;
	int allow_dash;
	int done;
};

void opts_init(struct opts *o, int argc, char **argv);
int opts_next(struct opts *o, const struct opt_spec *spec);
void opts_release(struct opts *o);

/* Print a command's help to stdout; returns 0. */
int show_help(const char *cmd);

/* Handle the options every command shares; returns 1 when handled. */
int common_option(struct cli *c, int id, const char *arg);

/* Open the database for c if it is not open yet. Returns 0 or an exit code. */
int cli_open_db(struct cli *c);

/* Terminal output helpers (output.c). */
#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"
#define C_RED "\033[31m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_CYAN "\033[36m"
const char *col(const struct cli *c, const char *code);

/* Display width of a UTF-8 string (wide East Asian characters count 2). */
size_t display_width(const char *s);

/* Print s padded with spaces to width columns (cut with … when longer). */
void print_padded(FILE *fp, const char *s, size_t width);

/* "today", "yesterday", "3d ago", "in 5d" relative to today (short forms). */
char *rel_day_short(kith_day today, kith_day d, char *buf, size_t len);
/* "today", "yesterday", "3 days ago", "in 5 days" */
char *rel_day_long(kith_day today, kith_day d, char *buf, size_t len);

/*
 * Parse the whole number given to option --opt (e.g. "limit") and check it
 * lies in lo..hi; on anything else print a usage error for cmd and return -1.
 */
int parse_number_arg(const char *cmd, const char *opt, const char *arg, long lo, long hi, long *out);
/*
 * A listing printed as rows come from a library callback: a table (the
 * caller prints its header at the first row) or, with --json, an array of
 * objects that opens at the first row, so nothing is printed when the
 * library fails before any row.
 *
 *   listing_start(&l, c);  ...each row: if (listing_row(&l) && !c->json) header;
 *   if (listing_end(&l)) say there is nothing;
 */
struct listing {
	struct cli *c;
	struct kith_json j;
	size_t n;
};
void listing_start(struct listing *l, struct cli *c);
/* Count a row: 1 for the first, 0 after (with --json, the first opens the array). */
int listing_row(struct listing *l);
/* Close the JSON array ("[]" without rows); 1 when a table got no row, else 0. */
int listing_end(struct listing *l);

/* --version of a vCard: "3.0" (or "3") or "4.0" (or "4") into *version; otherwise a
 * usage error for cmd is printed and -1 returned. */
int parse_vcard_version(const char *cmd, const char *arg, int *version);

/* Parse a date argument with the CLI's today; prints the error, returns -1. */
int parse_date_arg(struct cli *c, const char *cmd, const char *s, kith_day *out);

/* Resolve a person argument, printing the error; returns 0 or an exit code. */
int resolve_arg(struct cli *c, const char *ref, int64_t exclude, int64_t *id);

/* Ask a yes/no question on the terminal; 1 for yes. */
int confirm(const char *question);

int cmd_agenda(struct cli *c, int argc, char **argv);
int cmd_balance(struct cli *c, int argc, char **argv);
int cmd_done(struct cli *c, int argc, char **argv);
int cmd_event(struct cli *c, int argc, char **argv);
int cmd_goal(struct cli *c, int argc, char **argv);
int cmd_intro(struct cli *c, int argc, char **argv);
int cmd_knows(struct cli *c, int argc, char **argv);
int cmd_milestone(struct cli *c, int argc, char **argv);
int cmd_org(struct cli *c, int argc, char **argv);
int cmd_post(struct cli *c, int argc, char **argv);
int cmd_praise(struct cli *c, int argc, char **argv);
int cmd_resource(struct cli *c, int argc, char **argv);
int cmd_share(struct cli *c, int argc, char **argv);
int cmd_skip(struct cli *c, int argc, char **argv);
extern const char usage_agenda[];
extern const char usage_balance[];
extern const char usage_done[];
extern const char usage_event[];
extern const char usage_goal[];
extern const char usage_intro[];
extern const char usage_knows[];
extern const char usage_milestone[];
extern const char usage_org[];
extern const char usage_post[];
extern const char usage_praise[];
extern const char usage_resource[];
extern const char usage_share[];
extern const char usage_skip[];
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
extern const char usage_backup[];
extern const char usage_export[];
extern const char usage_import[];
/* the formats of import and export (import-vcard.c, export-vcard.c, backup.c) */
int import_vcard(struct cli *c, int argc, char **argv);
int import_json(struct cli *c, int argc, char **argv);
int import_csv(struct cli *c, int argc, char **argv);
int import_ics(struct cli *c, int argc, char **argv);
int export_vcard(struct cli *c, int argc, char **argv);
int export_json(struct cli *c, int argc, char **argv);
int export_ics(struct cli *c, int argc, char **argv);
int cmd_dupes(struct cli *c, int argc, char **argv);
extern const char usage_dupes[];
int cmd_sync(struct cli *c, int argc, char **argv);
extern const char usage_sync[];
int cmd_add(struct cli *c, int argc, char **argv);
int cmd_cadence(struct cli *c, int argc, char **argv);
int cmd_config(struct cli *c, int argc, char **argv);
int cmd_edit(struct cli *c, int argc, char **argv);
int cmd_find(struct cli *c, int argc, char **argv);
int cmd_help(struct cli *c, int argc, char **argv);
int cmd_init(struct cli *c, int argc, char **argv);
int cmd_log(struct cli *c, int argc, char **argv);
int cmd_ls(struct cli *c, int argc, char **argv);
int cmd_merge(struct cli *c, int argc, char **argv);
int cmd_rm(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_snooze(struct cli *c, int argc, char **argv);
int cmd_today(struct cli *c, int argc, char **argv);
int cmd_unlog(struct cli *c, int argc, char **argv);
int cmd_version(struct cli *c, int argc, char **argv);

#endif
