#include "util/keymap.h"

#include <stdlib.h>
#include <string.h>

#include "util/hash.h"
#include "util/xalloc.h"
#include "banned.h"

static struct kith_keymap_slot *slot(const struct kith_keymap *m, const char *key)
{
	size_t i = (size_t)kith_fnv1a(KITH_FNV_INIT, key, strlen(key)) & (m->cap - 1);
	while (m->v[i].key && strcmp(m->v[i].key, key))
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

void kith_keymap_put(struct kith_keymap *m, const char *key, int64_t id)
{
	struct kith_keymap_slot *sl;

	if (2 * (m->n + 1) > m->cap) {
		struct kith_keymap_slot *old = m->v;
		size_t oldcap = m->cap;
		m->cap = m->cap ? 2 * m->cap : 256;
		m->v = xcalloc(m->cap, sizeof(*m->v));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].key)
				*slot(m, old[i].key) = old[i];
		free(old);
	}
	sl = slot(m, key);
	if (sl->key) {
		if (sl->id != id)
			sl->id = -1;
		return;
	}
	sl->key = xstrdup(key);
	sl->id = id;
	m->n++;
}

int64_t kith_keymap_get(const struct kith_keymap *m, const char *key)
{
	const struct kith_keymap_slot *sl;
	if (!m->cap)
		return 0;
	sl = slot(m, key);
	return sl->key ? sl->id : 0;
}

void kith_keymap_free(struct kith_keymap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->v[i].key);
	free(m->v);
	memset(m, 0, sizeof(*m));
}
