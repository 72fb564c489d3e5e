#ifndef KITH_BENCH_WORDS_H
#define KITH_BENCH_WORDS_H

/*
 * The vocabularies the generator draws from: names, organizations, titles,
 * places, interest tags, goals and the text templates of notes. Static,
 * read-only data; the generator picks from these with its own PRNG, so the
 * order of every list is part of what a seed produces: append, don't
 * reorder, or the same seed gives another network.
 *
 * Text templates may hold one "{t}" slot, filled with an interest (a tag,
 * hyphens read as spaces) of the person the note is about.
 */

#include <stddef.h>

struct wordlist {
	const char *const *v;
	size_t n;
};

extern const struct wordlist gen_first_names;
extern const struct wordlist gen_last_names;
extern const struct wordlist gen_org_stems;    /* "Northwind", "Blue Harbor", ... */
extern const struct wordlist gen_org_suffixes; /* "Labs", "Health", ... */
extern const struct wordlist gen_titles;
extern const struct wordlist gen_locations;
extern const struct wordlist gen_tags;         /* most common first (Zipf rank order) */
extern const struct wordlist gen_goals;
extern const struct wordlist gen_met;          /* "met at ..." */
extern const struct wordlist gen_person_notes;
extern const struct wordlist gen_date_labels;  /* person_date labels */
extern const struct wordlist gen_mail_domains; /* personal email providers */

/* Interaction notes by what kind of touch they describe. */
extern const struct wordlist gen_notes_talk;   /* coffee, call, meeting, social, event */
extern const struct wordlist gen_notes_write;  /* message, email */
extern const struct wordlist gen_notes_give;   /* praise, share, intro, help */
extern const struct wordlist gen_notes_ask;    /* ask, referral */

#endif
