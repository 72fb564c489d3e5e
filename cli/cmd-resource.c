/* placeholder until the module lands; replaced whole by its owner */
#include "cli.h"

const char usage_resource[] = "kith resource\n";
int cmd_resource(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'resource' is not built yet");
	return 1;
}

const char usage_share[] = "kith share\n";
int cmd_share(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'share' is not built yet");
	return 1;
}

const char usage_milestone[] = "kith milestone\n";
int cmd_milestone(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'milestone' is not built yet");
	return 1;
}

const char usage_praise[] = "kith praise\n";
int cmd_praise(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'praise' is not built yet");
	return 1;
}

