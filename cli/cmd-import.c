/*
 * kith import FORMAT ..., kith export FORMAT ...: a small dispatcher over
 * the formats, each in its own file (import-vcard.c, export-vcard.c,
 * backup.c).
 */
#include "cli.h"

#include <string.h>

#include "banned.h"

const char usage_import[] =
	"kith import FORMAT FILE... [OPTIONS]\n\n"
	"Import contacts, calendars or a backup. FORMAT is one of:\n"
	"  vcard      vCard 2.1, 3.0 and 4.0 files or folders\n"
	"  linkedin   Connections.csv, messages.csv, Invitations.csv, or a whole\n"
	"             export folder or .zip\n"
	"  google     Google Contacts CSV (current and legacy)\n"
	"  csv        any CSV, with --map \"Column=field,...\"\n"
	"  ics        past calendar events, logged as interactions\n"
	"  json       a backup made by kith export json, into an empty database\n\n"
	"An import is one transaction: a file that cannot be read changes nothing.\n"
	"kith import FORMAT -h shows the options of a format.\n";

const char usage_export[] =
	"kith export FORMAT PATH [OPTIONS]\n\n"
	"Export the network. FORMAT is vcard (a folder with one .vcf per person, a\n"
	"vdir that khard and vdirsyncer read), ics (a calendar feed of birthdays,\n"
	"reconnections, chats and goal deadlines) or json (a backup of everything,\n"
	"which kith import json restores).\n\n"
	"Options (vcard):\n"
	"  --version VERSION      vCard 3.0 (default) or 4.0\n"
	"  --json                 print the counts as JSON\n";

struct format {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
};

static int dispatch(struct cli *c, int argc, char **argv, const char *cmd, const struct format *formats)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		if (argc >= 2)
			return show_help(cmd);
		return usage_error(cmd, "which format?");
	}
	for (const struct format *f = formats; f->name; f++)
		if (!strcmp(argv[1], f->name))
			return f->fn(c, argc - 1, argv + 1);
	return usage_error(cmd, "unknown format '%s'", argv[1]);
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct format formats[] = {
		{ "csv", import_csv },
		{ "google", import_csv },
		{ "ics", import_ics },
		{ "json", import_json },
		{ "linkedin", import_csv },
		{ "vcard", import_vcard },
		{ NULL, NULL },
	};
	return dispatch(c, argc, argv, "import", formats);
}

int cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct format formats[] = {
		{ "ics", export_ics },
		{ "json", export_json },
		{ "vcard", export_vcard },
		{ NULL, NULL },
	};
	return dispatch(c, argc, argv, "export", formats);
}
