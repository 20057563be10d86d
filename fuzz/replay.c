/*
 * replay.c - main() for a fuzz harness built without libFuzzer, by the
 * compiler that builds smtplog: each file named on the command line is
 * one input, handed to LLVMFuzzerTestOneInput() whole, as libFuzzer
 * would hand it. make check replays fuzz/regress/ this way (see
 * tests/fuzz-regress.sh), so a bug the fuzzer found stays fixed on
 * machines without clang. A harness that finds a broken promise aborts;
 * an unreadable file is exit status 2.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	char *buf = NULL;
	size_t cap = 0, len, n;
	FILE *fp;
	int i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if ((fp = fopen(argv[i], "rb")) == NULL) {
			fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		len = 0;
		for (;;) {
			if (len == cap) {
				cap = cap ? 2 * cap : 65536;
				if ((buf = realloc(buf, cap)) == NULL)
					abort();
			}
			n = fread(buf + len, 1, cap - len, fp);
			if (n == 0)
				break;
			len += n;
		}
		if (ferror(fp)) {
			fprintf(stderr, "%s: read error\n", argv[i]);
			return 2;
		}
		fclose(fp);
		LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	}
	free(buf);
	return 0;
}
