#ifndef KITH_UTIL_HASH_H
#define KITH_UTIL_HASH_H

/*
 * FNV-1a, 64 bits: the fingerprint kith keeps of what it wrote or read
 * (a calendar event's content, a card's bytes) to tell a change from none,
 * and the stable key of a calendar event without UID. Not for security:
 * nothing here is secret or adversarial beyond a spurious "changed".
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define KITH_FNV_INIT 0xcbf29ce484222325ULL

/* Fold len bytes of data into h. */
static inline uint64_t kith_fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *s = data;
	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Fold the string s (NULL: none) and a separator into h, so that ("ab", "c")
 * and ("a", "bc") differ: a hash of several fields. */
static inline uint64_t kith_fnv1a_str(uint64_t h, const char *s)
{
	static const unsigned char sep = 0xff;
	if (s)
		h = kith_fnv1a(h, s, strlen(s));
	return kith_fnv1a(h, &sep, 1);
}

/* A hash as 16 hex digits and a NUL. */
static inline void kith_hash_format(uint64_t h, char hex[17])
{
	snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

/* The hash of len bytes as 16 hex digits and a NUL. */
static inline void kith_hash_hex(const void *data, size_t len, char hex[17])
{
	kith_hash_format(kith_fnv1a(KITH_FNV_INIT, data, len), hex);
}

#endif
