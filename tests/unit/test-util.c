// SPDX-License-Identifier: GPL-2.0
/* Utilities: glob matching (sonde's own fnmatch), CPU lists, edit distance. */
#include "base/file.h"
#include "base/text.h"
#include "check.h"

static void glob_case(const char *pattern, const char *text, bool want)
{
	char name[96];

	snprintf(name, sizeof(name), "glob '%s' '%s'", pattern, text);
	check(name, glob_match(pattern, text) == want, "got %d", !want);
}

int main(void)
{
	bool set[8] = { 0 };

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
	return check_failures != 0;
}
