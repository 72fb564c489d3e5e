/* Small commands: init, help, version. */
#include "cli.h"

#include <string.h>

#include "kith/person.h"
#include "banned.h"

int cmd_init(struct cli *c, int argc, char **argv)
{
	struct opts o;
	int r, status = 0;

	opts_init(&o, argc, argv);
	while ((r = opts_next(&o, NULL)) > 0) {
		if (r == OPT_HELP) {
			status = show_help("init");
			goto cleanup;
		}
		common_option(c, r, o.arg);
	}
	if (r < 0 || o.npos) {
		status = r < 0 ? 2 : usage_error("init", "unexpected argument '%s' (the database is --db PATH)", o.pos[0]);
		goto cleanup;
	}
	info("kith database ready in %s (schema version %d)", kith_path(c->k), kith_schema_version());
cleanup:
	opts_release(&o);
	return status;
}

int cmd_help(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
		return show_help("help");
	if (argc < 2) {
		printf("usage: kith [--db PATH] COMMAND [ARGS...]\n\nCommands:\n");
		for (const struct cmd *k = commands; k->name; k++)
			printf("  %-9s %s\n", k->name, k->summary);
		printf("\nkith help COMMAND for a command's options; man kith for everything.\n");
		return 0;
	}
	if (!cmd_lookup(argv[1])) {
		error("'%s' is not a kith command", argv[1]);
		fprintf(stderr, "hint: see 'kith help' for the list of commands\n");
		return 2;
	}
	return show_help(argv[1]);
}

int cmd_version(struct cli *c, int argc, char **argv)
{
	(void)c;
	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
		return show_help("version");
	printf("kith %s (schema %d)\n", KITH_VERSION, kith_schema_version());
	return 0;
}
