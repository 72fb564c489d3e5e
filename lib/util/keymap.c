#include "util/keymap.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xalloc.h"
#include "banned.h"

/*
 * Each slot keeps its key's hash, so a probe past another key compares
 * numbers, not strings, and growing needs no hashing; keys live one after
 * the other in one buffer (a slot holds the offset plus one, 0 when free),
 * not in a malloc'd string each.
 */

static uint64_t hash_of(const char *key, size_t len)
{
	uint64_t h = kith_fnv1a(KITH_FNV_INIT, key, len);
	return h ^ (h >> 29);
}

static struct kith_keymap_slot *slot(const struct kith_keymap *m, uint64_t h, const char *key, size_t len)
{
	size_t i = (size_t)h & (m->cap - 1);
	while (m->v[i].key &&
	       (m->v[i].hash != h || memcmp(m->keys + m->v[i].key - 1, key, len + 1)))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

void kith_keymap_put(struct kith_keymap *m, const char *key, int64_t id)
{
	size_t len = strlen(key);
	uint64_t h = hash_of(key, len);
	struct kith_keymap_slot *sl;

	if (2 * (m->n + 1) > m->cap) {
		struct kith_keymap_slot *old = m->v;
		size_t oldcap = m->cap;
		m->cap = m->cap ? 2 * m->cap : 256;
		m->v = xcalloc(m->cap, sizeof(*m->v));
		for (size_t i = 0; i < oldcap; i++) {
			if (old[i].key) {
				size_t j = (size_t)old[i].hash & (m->cap - 1);
				while (m->v[j].key)
					j = (j + 1) & (m->cap - 1);
				m->v[j] = old[i];
			}
		}
		free(old);
	}
	sl = slot(m, h, key, len);
	if (sl->key) {
		if (sl->id != id)
			sl->id = -1;
		return;
	}
	if (m->keys_len + len + 1 > m->keys_alloc) {
		while (m->keys_len + len + 1 > m->keys_alloc)
			m->keys_alloc = m->keys_alloc ? 2 * m->keys_alloc : 4096;
		m->keys = xrealloc(m->keys, m->keys_alloc);
	}
	memcpy(m->keys + m->keys_len, key, len + 1);
	sl->key = m->keys_len + 1;
	m->keys_len += len + 1;
	sl->hash = h;
	sl->id = id;
	m->n++;
}

int64_t kith_keymap_get(const struct kith_keymap *m, const char *key)
{
	const struct kith_keymap_slot *sl;
	size_t len;
	if (!m->cap)
		return 0;
	len = strlen(key);
	sl = slot(m, hash_of(key, len), key, len);
	return sl->key ? sl->id : 0;
}

void kith_keymap_free(struct kith_keymap *m)
{
	free(m->v);
	free(m->keys);
	memset(m, 0, sizeof(*m));
}
