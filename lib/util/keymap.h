#ifndef KITH_UTIL_KEYMAP_H
#define KITH_UTIL_KEYMAP_H

/*
 * A string key -> the one person id with it, or "several": the merger's and
 * the LinkedIn reader's lookups in memory (folded names, email and phone
 * keys, profiles). Open addressing, FNV-1a, grown at half full.
 *
 *   struct kith_keymap m = KITH_KEYMAP_INIT;
 *   kith_keymap_put(&m, "ada lovelace", 1);
 *   kith_keymap_get(&m, "ada lovelace");   // 1; 0 for none, -1 for several
 *   kith_keymap_free(&m);
 */

#include <stddef.h>
#include <stdint.h>

struct kith_keymap {
	struct kith_keymap_slot {
		uint64_t hash;
		size_t key; /* offset in keys plus one; 0: a free slot */
		int64_t id;
	} *v;
	size_t n, cap; /* cap: a power of two, or 0 before the first key */
	char *keys;    /* the keys, each ended by NUL */
	size_t keys_len, keys_alloc;
};

#define KITH_KEYMAP_INIT { NULL, 0, 0, NULL, 0, 0 }

/* Note that person id has key (a second, different id makes it "several"). */
void kith_keymap_put(struct kith_keymap *m, const char *key, int64_t id);

/* The one person with key: the id, 0 when none, -1 when several. */
int64_t kith_keymap_get(const struct kith_keymap *m, const char *key);

/* Free the keys and the table, and make m empty again. */
void kith_keymap_free(struct kith_keymap *m);

#endif
