/* placeholder until the module lands; replaced whole by its owner */
#include "cli.h"

const char usage_goal[] = "kith goal\n";
int cmd_goal(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'goal' is not built yet");
	return 1;
}

const char usage_balance[] = "kith balance\n";
int cmd_balance(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'balance' is not built yet");
	return 1;
}

