/*
 * fuzz_merge.c - libFuzzer harness for the JSON summary reader of
 * "smtplog merge" (merge_text()).
 *
 * The input is a JSON summary, as "smtplog -f json" writes it. When it
 * merges, the aggregator it made is read as the reports read it, and
 * its own JSON summary must merge back into the very same summary: what
 * merge accepts, smtplog must be able to write and read again.
 *
 * The signatures of patterns/signatures.sig are loaded once (merge
 * looks signature ids up in them); the aggregator is made per input.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"
#include "merge.h"
#include "run.h"

static struct run_rules rules;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	fuzz_rules(&rules, "fuzz_merge");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct agg *a = agg_new();
	char err[1024];
	int inputs = 0;

	if (merge_text(a, rules.sigs, "fuzz.json", (const char *)data, size,
		&inputs, err, sizeof(err)) == MERGE_OK) {
		fuzz_walk(a);
		fuzz_roundtrip(a, rules.sigs);
	}
	agg_free(a);
	return 0;
}
