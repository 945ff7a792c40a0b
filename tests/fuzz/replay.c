// SPDX-License-Identifier: GPL-2.0
/*
 * replay FILE...: runs a fuzz target on each file, as libFuzzer would. make
 * check replays tests/fuzz/regress with it, sanitizers and all when the
 * build has them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/file.h"
#include "fuzz.h"

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		size_t len;
		char *data = read_file(argv[i], &len);

		if (!data) {
			perror(argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		printf("PASS %s\n", argv[i]);
	}
	return 0;
}
