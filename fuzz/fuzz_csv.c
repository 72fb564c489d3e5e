/* Fuzz target: the RFC 4180 reader, on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kith/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kith_csv c;
	char err[128];
	int r;
	size_t records = 0;

	if (size > (1 << 20))
		return 0;
	if (kith_csv_init(&c, (const char *)data, size, err, sizeof(err)) < 0)
		return 0;
	while ((r = kith_csv_next(&c, err, sizeof(err))) > 0) {
		/* every field is a NUL-terminated string inside the buffer */
		for (size_t i = 0; i < c.n; i++)
			if (strlen(c.fields[i]) > c.len)
				abort();
		if (c.n == 0 || c.line == 0)
			abort();
		if (++records > size + 1)
			abort(); /* progress: a record consumes input */
	}
	if (r < 0 && !strstr(err, "line "))
		abort();
	kith_csv_release(&c);
	return 0;
}
