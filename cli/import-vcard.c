/* placeholder until the format lands; replaced whole by its owner */
#include "cli.h"

int import_vcard(struct cli *c, int argc, char **argv)
{
	(void)c; (void)argc; (void)argv;
	error("not built yet");
	return 1;
}

