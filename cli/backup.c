/* placeholder until the format lands; replaced whole by its owner */
#include "cli.h"

int import_json(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("not built yet");
	return 1;
}

int export_json(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("not built yet");
	return 1;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("not built yet");
	return 1;
}

const char usage_backup[] = "kith backup FILE\n";
