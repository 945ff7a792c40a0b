// SPDX-License-Identifier: GPL-2.0
/*
 * Utilities: glob matching (sonde's own fnmatch), CPU lists, edit distance,
 * sorting, kallsyms.
 */
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/file.h"
#include "base/sort.h"
#include "base/text.h"
#include "check.h"
#include "kernel/ksym.h"

static void glob_case(const char *pattern, const char *text, bool want)
{
	char name[96];

	snprintf(name, sizeof(name), "glob '%s' '%s'", pattern, text);
	check(name, glob_match(pattern, text) == want, "got %d", !want);
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* Sizes 0 to 40 with repeated keys, sorted or reversed input, against qsort(). */
static void sort_cases(void)
{
	uint64_t got[40], want[40];
	unsigned n, i, order;
	bool ok = true;

	for (order = 0; order < 3; order++) {
		for (n = 0; n <= 40; n++) {
			for (i = 0; i < n; i++)
				want[i] = order == 0 ? i : order == 1 ? n - i : (i * 7919) % 13;
			memcpy(got, want, sizeof(got));
			qsort(want, n, sizeof(*want), compare_u64);
			sort(got, n, sizeof(*got), compare_u64);
			ok &= !memcmp(got, want, n * sizeof(*got));
		}
	}
	check("sort", ok, "differs from qsort");
}

int main(void)
{
	bool set[8] = { 0 };
	static const char kallsyms[] = "ffffffff81000000 T _stext\n"
		"ffffffff81000100 t helper [mod]\n" "ffffffff82000000 D jiffies\n"
		"ffffffff82100000 b avenrun\n" "0000000000001000 A fixed_percpu_data\n";
	struct ksyms *ks = ksyms_parse(memcpy(xmalloc(sizeof(kallsyms)), kallsyms,
					      sizeof(kallsyms)));
	char name[64];

	glob_case("vfs_*r[ei][at][de]", "vfs_read", true);
	glob_case("vfs_*r[ei][at][de]", "vfs_write", true);
	glob_case("vfs_*r[ei][at][de]", "vfs_readv", false);
	glob_case("*", "", true);
	glob_case("a*b", "axxb", true);
	glob_case("a*b", "axxbc", false);
	glob_case("a?c", "abc", true);
	glob_case("a?c", "ac", false);
	glob_case("[!a]*", "bcd", true);
	glob_case("[!a]*", "abc", false);
	glob_case("[a-c]z", "bz", true);
	glob_case("*x*y*", "axbyc", true);
	glob_case("get*env", "getenv", true);
	glob_case("get*env", "secure_getenv", false);
	glob_case("a[b", "a[b", true);
	check("cpulist", cpulist_parse("0-2,5\n", set, 8) == 6 && set[0] && set[2] && !set[3] &&
	      set[5], "parsed wrong");
	check("edit-distance", edit_distance("pdi", "pid") == 2 && edit_distance("", "abc") == 3 &&
	      edit_distance("vfs_read", "vfs_read") == 0, "wrong");
	sort_cases();
	check("ksym-data", ksym_addr(ks, "jiffies") == 0xffffffff82000000 &&
	      ksym_addr(ks, "avenrun") == 0xffffffff82100000, "data symbols missing");
	check("ksym-absolute", !ksym_addr(ks, "fixed_percpu_data"), "an offset taken");
	check("ksym-name", !strcmp(ksym_name(ks, 0xffffffff81000104, name, sizeof(name)),
				   "helper+0x4"), "%s", name);
	ksyms_free(ks);
	return check_failures != 0;
}
