/*
 * kith: parse the global options, find the command, open the database and
 * the transaction it needs, run it, and make sure its output was written.
 */
#include "cli.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "banned.h"

static int main_usage(FILE *fp)
{
	fprintf(fp, "usage: kith [--db PATH] COMMAND [ARGS...]\n\n"
		    "A relationship manager for soft networking: who to be in touch with today, and why.\n\n"
		    "Commands:\n");
	for (const struct cmd *c = commands; c->name; c++)
		fprintf(fp, "  %-9s %s\n", c->name, c->summary);
	fprintf(fp, "\nkith help COMMAND (or kith COMMAND -h) for a command's options; man kith for all.\n"
		    "The database is --db PATH, else $KITH_DB, else $XDG_DATA_HOME/kith/kith.db.\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct cli c;
	const struct cmd *cmd;
	char err[256];
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	int i = 1, status;

	kith_process_init();
	memset(&c, 0, sizeof(c));
	c.color = isatty(STDOUT_FILENO) && !(nc && *nc) && !(term && !strcmp(term, "dumb"));

	/* global options before the command */
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			free(c.db_path);
			c.db_path = strdup(argv[i + 1]);
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			free(c.db_path);
			c.db_path = strdup(argv[i] + 5);
			i++;
		} else if (!strcmp(argv[i], "--db")) {
			error("option '--db' needs a value");
			fprintf(stderr, "hint: kith --db PATH COMMAND [ARGS...]\n");
			free(c.db_path);
			return 2;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			main_usage(stdout);
			return fflush(stdout) || ferror(stdout) ? 1 : 0;
		} else if (!strcmp(argv[i], "--version")) {
			return cmd_version(&c, 1, argv + i);
		} else {
			error("unknown option '%s'", argv[i]);
			fprintf(stderr, "hint: kith [--db PATH] COMMAND [ARGS...]; see 'kith --help'\n");
			return 2;
		}
	}
	if (i >= argc) {
		main_usage(stderr);
		return 2;
	}
	cmd = cmd_lookup(argv[i]);
	if (!cmd) {
		error("'%s' is not a kith command", argv[i]);
		fprintf(stderr, "hint: see 'kith --help' for the list of commands\n");
		free(c.db_path);
		return 2;
	}
	if (kith_today(&c.today, err, sizeof(err)) < 0) {
		error("%s", err);
		free(c.db_path);
		return 2;
	}

	if (cmd->flags & NEED_DB) {
		/* -h needs no database */
		int wants_help = 0;
		for (int j = i + 1; j < argc; j++) {
			if (!strcmp(argv[j], "--"))
				break;
			if (!strcmp(argv[j], "-h") || !strcmp(argv[j], "--help"))
				wants_help = 1;
		}
		if (wants_help && !(cmd->flags & OWN_HELP)) {
			status = show_help(cmd->name);
			goto out;
		}
		/* --db after the command */
		for (int j = i + 1; j < argc; j++) {
			if (!strcmp(argv[j], "--"))
				break;
			if (!strcmp(argv[j], "--db") && j + 1 < argc) {
				free(c.db_path);
				c.db_path = strdup(argv[j + 1]);
			} else if (!strncmp(argv[j], "--db=", 5)) {
				free(c.db_path);
				c.db_path = strdup(argv[j] + 5);
			}
		}
		status = cli_open_db(&c);
		if (status)
			goto out;
	}
	/*
	 * An import's threads each allocate from a malloc arena of their own,
	 * which glibc trims after frees and grows again a few pages at a
	 * time: 18,000 mprotect() calls for 100,000 cards, 0.2 s of system
	 * time. A 64 MB top pad keeps what an arena has (peak RSS 8 MB more).
	 */
	if (cmd->flags & IMPORT)
		mallopt(M_TOP_PAD, 64 << 20);
	if (cmd->flags & WRITE) {
		enum kith_rc rc = cmd->flags & IMPORT ? kith_begin_import(c.k) : kith_begin(c.k);
		if (rc != KITH_OK) {
			status = lib_error(&c, rc);
			goto out;
		}
	}
	status = cmd->fn(&c, argc - i, argv + i);
	/* output must have been written before the change is committed */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		error("cannot write the output: %s", strerror(errno ? errno : EIO));
		if (status == 0)
			status = 1;
	}
	if (cmd->flags & WRITE) {
		if (status == 0) {
			enum kith_rc rc = kith_commit(c.k);
			if (rc != KITH_OK)
				status = lib_error(&c, rc);
		} else {
			kith_rollback(c.k);
		}
	}
out:
	kith_close(c.k);
	free(c.db_path);
	if (fclose(stdout) != 0 && status == 0) {
		error("cannot write the output: %s", strerror(errno));
		status = 1;
	}
	return status;
}
