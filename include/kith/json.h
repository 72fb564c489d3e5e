#ifndef KITH_JSON_H
#define KITH_JSON_H

/*
 * A streaming JSON writer: the one writer behind every --json output (and
 * the web API). It writes as it goes, so listing 100,000 people needs no
 * tree in memory. Output is indented two spaces per level and always valid
 * UTF-8 JSON: strings are escaped, invalid UTF-8 bytes become U+FFFD.
 *
 *   struct kith_json j;
 *   kith_json_init(&j, stdout);
 *   kith_json_obj(&j);
 *   kith_json_key(&j, "id"); kith_json_int(&j, 12);
 *   kith_json_key(&j, "tags"); kith_json_arr(&j); kith_json_str(&j, "ai"); kith_json_end(&j);
 *   kith_json_end(&j);
 *   kith_json_finish(&j);  (a final newline)
 *
 * Nesting deeper than KITH_JSON_DEPTH is a programming error (aborts).
 */

#include <stdint.h>
#include <stdio.h>

#include "kith/kith.h"

#define KITH_JSON_DEPTH 32

struct kith_json {
	FILE *fp;
	int depth;
	int count[KITH_JSON_DEPTH]; /* values written at each level */
	char close[KITH_JSON_DEPTH]; /* '}' or ']' */
	int after_key;
};

void kith_json_init(struct kith_json *j, FILE *fp);
void kith_json_obj(struct kith_json *j);
void kith_json_arr(struct kith_json *j);
void kith_json_end(struct kith_json *j);
void kith_json_key(struct kith_json *j, const char *key);
void kith_json_str(struct kith_json *j, const char *s); /* NULL writes null */
void kith_json_int(struct kith_json *j, int64_t v);
void kith_json_num(struct kith_json *j, double v);
void kith_json_bool(struct kith_json *j, int v);
void kith_json_null(struct kith_json *j);
/* A day as "YYYY-MM-DD", or null for KITH_NO_DAY. */
void kith_json_day(struct kith_json *j, kith_day d);
void kith_json_finish(struct kith_json *j);

/* Shorthands for a key and a value. */
void kith_json_kstr(struct kith_json *j, const char *key, const char *s);
void kith_json_kint(struct kith_json *j, const char *key, int64_t v);
void kith_json_kday(struct kith_json *j, const char *key, kith_day d);

#endif
