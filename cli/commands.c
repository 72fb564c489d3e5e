/*
 * The command table: exact names, sorted, with their flags and help. The
 * help texts are what `kith help CMD` and `kith CMD -h` print, and the man
 * page says the same (tests/cli check that every option here is in it).
 */
#include "cli.h"

#include <string.h>

#include "banned.h"

#define PERSON_OPTS \
	"  --email EMAIL          an email address (repeatable)\n" \
	"  --phone PHONE          a phone number (repeatable)\n" \
	"  --org ORG              organization\n" \
	"  --title TITLE          job title\n" \
	"  --location PLACE       where they live or work\n" \
	"  --link URL             a link, e.g. a LinkedIn profile (repeatable)\n" \
	"  --tag TAG              an interest or a label (repeatable)\n" \
	"  --goal TEXT            something they are working towards (repeatable)\n" \
	"  --circle CIRCLE        inner, close, active, wide or none\n" \
	"  --every CADENCE        their own cadence: 6w, 2w..3w (ideal..maximum), none\n" \
	"  --birthday DATE        1990-12-10, or --12-10 without the year\n" \
	"  --date LABEL=DATE      another date to celebrate, e.g. 'work anniversary=2019-03-01'\n" \
	"  --met TEXT             how you met\n" \
	"  --introduced-by PERSON who introduced you\n" \
	"  --note TEXT            notes about them\n" \
	"  --role ROLE            mentor or mentee (recurring chats with an agenda); none\n" \
	"  --json                 print the person as JSON\n"

const struct cmd commands[] = {
	{ "add", cmd_add, NEED_DB | WRITE, "add a person",
	  "kith add NAME [OPTIONS]\n\n"
	  "Add a person to the network. Without --circle they join the circle of the\n"
	  "setting default.circle (wide).\n\n"
	  "Options:\n" PERSON_OPTS },
	{ "agenda", cmd_agenda, NEED_DB | WRITE, "agenda items for the next chat with someone", usage_agenda },
	{ "backup", cmd_backup, NEED_DB, "copy the database safely, even while in use", usage_backup },
	{ "balance", cmd_balance, NEED_DB, "giving versus asking, soft versus hard, over time", usage_balance },
	{ "cadence", cmd_cadence, NEED_DB | WRITE, "show or set circle and tag cadences",
	  "kith cadence [CIRCLE|+TAG [CADENCE]]\n\n"
	  "Without arguments, list the cadence of each circle and every tag cadence.\n"
	  "With a circle (inner, close, active, wide) and a cadence, set the circle's.\n"
	  "With +TAG and a cadence, everyone with the tag gets it unless they have their\n"
	  "own; +TAG none removes the tag cadence. A person's own cadence beats a tag's,\n"
	  "which beats the circle's. CADENCE is 2w, 2w..3w (ideal..maximum) or none.\n\n"
	  "Options:\n"
	  "  --json                 print the cadences as JSON\n" },
	{ "config", cmd_config, NEED_DB | WRITE, "show or change settings",
	  "kith config [KEY [VALUE]] [--unset]\n\n"
	  "Without arguments, list the settings with their values. With KEY, print its\n"
	  "value; with KEY VALUE, set it. Keys: plan.size, plan.thank-days,\n"
	  "plan.celebrate-days, default.circle, brand.every, cadence.inner,\n"
	  "cadence.close, cadence.active, cadence.wide.\n\n"
	  "Options:\n"
	  "  --unset                back to the default value\n"
	  "  --json                 print the settings as JSON\n" },
	{ "done", cmd_done, NEED_DB | WRITE, "mark an action of today's plan done", usage_done },
	{ "dupes", cmd_dupes, NEED_DB, "likely duplicates, for kith merge", usage_dupes },
	{ "edit", cmd_edit, NEED_DB | WRITE, "change a person",
	  "kith edit PERSON [OPTIONS]\n\n"
	  "Change a person. Single values are replaced (an empty value clears them),\n"
	  "repeatable ones are added.\n\n"
	  "Options:\n"
	  "  --name NAME            rename\n" PERSON_OPTS
	  "  --rm-email EMAIL       remove an email (also --rm-phone, --rm-link, --rm-goal)\n"
	  "  --rm-phone PHONE       remove a phone number\n"
	  "  --rm-link URL          remove a link\n"
	  "  --rm-goal TEXT         remove a goal\n"
	  "  --rm-date LABEL        remove a date\n"
	  "  --untag TAG            remove a tag\n"
	  "  --every default        follow the tag or circle cadence again\n"
	  "  --clear FIELD          clear org, title, location, met, introduced-by,\n"
	  "                         birthday, note or snooze\n" },
	{ "event", cmd_event, NEED_DB | WRITE, "log an event of a community", usage_event },
	{ "export", cmd_export, NEED_DB | OWN_HELP, "export people as vCards, a calendar feed, or everything as JSON", usage_export },
	{ "find", cmd_find, NEED_DB, "search everything",
	  "kith find TEXT... [--limit N] [--json]\n\n"
	  "Full-text search over names, organizations, titles, tags, goals, notes, how\n"
	  "you met and interaction notes, accent-insensitive, every word of two\n"
	  "letters or more a prefix.\n"
	  "People whose own record matches come first (best match first), then people\n"
	  "whose interaction notes match (most recent first).\n\n"
	  "Options:\n"
	  "  --limit N              at most N people (default 50)\n"
	  "  --json                 print the results as JSON\n" },
	{ "goal", cmd_goal, NEED_DB | WRITE, "hard-networking goals and warm paths", usage_goal },
	{ "help", cmd_help, 0, "show help for a command",
	  "kith help [COMMAND]\n\n"
	  "Show the list of commands, or the options of one.\n" },
	{ "import", cmd_import, NEED_DB | WRITE | IMPORT | OWN_HELP, "import vCards, LinkedIn, Google, CSV, calendars or a backup", usage_import },
	{ "init", cmd_init, NEED_DB, "create the database",
	  "kith init\n\n"
	  "Create the database (any command creates it on first use; init says where).\n" },
	{ "intro", cmd_intro, NEED_DB | WRITE, "suggest and track introductions", usage_intro },
	{ "knows", cmd_knows, NEED_DB | WRITE, "record that two people know each other", usage_knows },
	{ "log", cmd_log, NEED_DB | WRITE, "log an interaction",
	  "kith log PEOPLE KIND [--on DATE] [--note TEXT] [--agenda-done] [--json]\n\n"
	  "Log an interaction with one or more people (comma-separated: ada,grace).\n"
	  "It resets their clock. KIND is one of:\n"
	  "  coffee call meeting message email social event   (neutral)\n"
	  "  praise share intro help                          (a give)\n"
	  "  ask referral                                     (an ask)\n\n"
	  "Options:\n"
	  "  --on DATE              when (default today): 2026-11-25, yesterday,\n"
	  "                         '3 days ago', 2w ago, 'last monday'\n"
	  "  --note TEXT            what it was about\n"
	  "  --agenda-done          check off their open agenda items (kith agenda)\n"
	  "  --json                 print the logged interaction as JSON\n" },
	{ "ls", cmd_ls, NEED_DB, "list people",
	  "kith ls [FILTER...] [--sort KEY] [--limit N] [--json]\n\n"
	  "List people matching every filter:\n"
	  "  +TAG          has the tag           -TAG        does not have it\n"
	  "  org:TEXT      organization contains title:TEXT  title contains\n"
	  "  circle:NAME   in the circle (several: any of them)\n"
	  "  due           due or overdue today  overdue     overdue today\n"
	  "  due:DUR       due within DUR (e.g. due:1w)\n"
	  "  ok            not due yet           never       never in touch\n"
	  "  snoozed       snoozed               WORD        name, org or title contains\n\n"
	  "Options:\n"
	  "  --sort KEY             name (default), due, last, added or circle\n"
	  "  --limit N              at most N people\n"
	  "  --json                 print the people as JSON\n" },
	{ "merge", cmd_merge, NEED_DB | WRITE, "merge two records of the same person",
	  "kith merge FROM INTO [--json]\n\n"
	  "Merge the person FROM into INTO: interactions, emails, phones, links, tags,\n"
	  "goals and dates move over, empty fields of INTO are filled from FROM, notes\n"
	  "are joined, and FROM is removed. INTO may be a name that also matches FROM.\n\n"
	  "Options:\n"
	  "  --json                 print the merged person as JSON\n" },
	{ "milestone", cmd_milestone, NEED_DB | WRITE, "record a milestone to congratulate", usage_milestone },
	{ "org", cmd_org, NEED_DB | WRITE, "communities and organizations", usage_org },
	{ "post", cmd_post, NEED_DB | WRITE, "log what you publish (personal brand)", usage_post },
	{ "praise", cmd_praise, NEED_DB | WRITE, "log praise or thanks (a give)", usage_praise },
	{ "resource", cmd_resource, NEED_DB | WRITE, "a library of things worth sharing", usage_resource },
	{ "rm", cmd_rm, NEED_DB | WRITE, "remove a person",
	  "kith rm PERSON [--yes]\n\n"
	  "Remove a person and the interactions only they were in. Asks first on a\n"
	  "terminal; elsewhere --yes is required.\n\n"
	  "Options:\n"
	  "  -y, --yes              do not ask\n" },
	{ "share", cmd_share, NEED_DB | WRITE, "who a resource fits, or record sharing it", usage_share },
	{ "show", cmd_show, NEED_DB, "show a person and their timeline",
	  "kith show PERSON [--limit N | --all] [--json]\n\n"
	  "Show a person's profile, cadence and status, and their interactions, newest\n"
	  "first. PERSON is an id (12 or #12), an email, or a unique prefix of the name\n"
	  "or of a word in it (case and accents do not matter).\n\n"
	  "Options:\n"
	  "  --limit N              show at most N interactions (default: 20, all with --json)\n"
	  "  -a, --all              show every interaction\n"
	  "  --json                 print the person as JSON\n" },
	{ "skip", cmd_skip, NEED_DB | WRITE, "skip an action of today's plan", usage_skip },
	{ "snooze", cmd_snooze, NEED_DB | WRITE, "put off a person",
	  "kith snooze PERSON [DURATION | --until DATE | --off]\n\n"
	  "Put off reconnecting with a person: they come back in the plan after\n"
	  "DURATION (default 1w), or on DATE. next_due = max(last touch + cadence,\n"
	  "snoozed until).\n\n"
	  "Options:\n"
	  "  --until DATE           snooze until this day\n"
	  "  --off                  remove the snooze\n" },
	{ "sync", cmd_sync, NEED_DB | WRITE, "sync two ways with a folder of vCards (a vdir)", usage_sync },
	{ "today", cmd_today, NEED_DB, "what to do for your network today",
	  "kith today [--limit N] [--json]\n\n"
	  "The daily plan: a short ranked list of actions (thank, celebrate,\n"
	  "reconnect, rekindle), each with its reason. The same database and the same day give\n"
	  "the same plan; KITH_TODAY=YYYY-MM-DD fixes the day.\n\n"
	  "Options:\n"
	  "  --limit N              at most N actions (default: the setting plan.size, 5)\n"
	  "  --json                 print the plan as JSON\n" },
	{ "unlog", cmd_unlog, NEED_DB | WRITE, "remove a logged interaction",
	  "kith unlog ID\n\n"
	  "Remove the interaction ID (the number shown by kith show and kith log) and\n"
	  "recompute the clocks of the people in it.\n" },
	{ "version", cmd_version, 0, "print the version",
	  "kith version\n\n"
	  "Print kith's version and the schema version it writes.\n" },
	{ NULL, NULL, 0, NULL, NULL },
};

const struct cmd *cmd_lookup(const char *name)
{
	for (const struct cmd *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}
