/*
 * libFuzzer target for the vCard reader (lib/vcard.c): any bytes must read
 * without a crash or a read past the input; every card read has a name in
 * valid-looking UTF-8 text, every error a one-line message and a line.
 */
#include "kith/vcard.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kith_vcard_reader r;
	struct kith_contact c;
	/* a copy of exactly size bytes, so ASan sees any read past the end */
	uint8_t *copy = malloc(size ? size : 1);
	int got, cards = 0;

	if (size)
		memcpy(copy, data, size);
	kith_contact_init(&c);
	if (kith_vcard_reader_init(&r, copy, size) == 0) {
		while ((got = kith_vcard_next(&r, &c)) != 0) {
			if (got > 0) {
				if (!c.name || !*c.name || strchr(c.name, '\n'))
					abort();
			} else {
				size_t n = strnlen(r.err, sizeof(r.err));
				if (n == 0 || n == sizeof(r.err) || strchr(r.err, '\n') || r.err_line == 0)
					abort();
			}
			if (++cards > 1000000)
				abort();
		}
		if (r.p != r.end)
			abort();
	}
	kith_contact_release(&c);
	kith_vcard_reader_release(&r);
	free(copy);
	return 0;
}
