/* placeholder until the module lands; replaced whole by its owner */
#include "cli.h"

const char usage_org[] = "kith org\n";
int cmd_org(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'org' is not built yet");
	return 1;
}

const char usage_event[] = "kith event\n";
int cmd_event(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'event' is not built yet");
	return 1;
}

const char usage_agenda[] = "kith agenda\n";
int cmd_agenda(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'agenda' is not built yet");
	return 1;
}

const char usage_post[] = "kith post\n";
int cmd_post(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("'post' is not built yet");
	return 1;
}

