/* placeholder until the module lands; replaced whole by its owner */
#include "cli.h"

const char usage_intro[] = "kith intro\n";
int cmd_intro(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'intro' is not built yet");
	return 1;
}

const char usage_knows[] = "kith knows\n";
int cmd_knows(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'knows' is not built yet");
	return 1;
}

