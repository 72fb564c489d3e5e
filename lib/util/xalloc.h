#ifndef KITH_XALLOC_H
#define KITH_XALLOC_H

/*
 * Allocation that never returns NULL: out of memory aborts with a message.
 * Used inside the library for small bookkeeping allocations, where there is
 * no useful way to carry on.
 */

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
