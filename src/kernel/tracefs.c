// SPDX-License-Identifier: GPL-2.0
/* tracefs: finding (or mounting) it, and reading tracepoint formats. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "base/sort.h"
#include "base/text.h"
#include "kernel/tracefs.h"

static bool has_events(const char *dir)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/events", dir);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *tracefs_root(void)
{
	static const char *root;
	const char *env = getenv("SONDE_TRACEFS");

	if (root)
		return root;
	/* Tests and cross-inspection may point sonde at a copy of a board's tracefs. */
	if (env && *env)
		return root = env;
	if (has_events("/sys/kernel/tracing"))
		return root = "/sys/kernel/tracing";
	if (has_events("/sys/kernel/debug/tracing"))
		return root = "/sys/kernel/debug/tracing";
	if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) == 0 &&
	    has_events("/sys/kernel/tracing"))
		return root = "/sys/kernel/tracing";
	if (mount("nodev", "/sys/kernel/debug", "debugfs", 0, NULL) == 0 &&
	    has_events("/sys/kernel/debug/tracing"))
		return root = "/sys/kernel/debug/tracing";
	return NULL;
}

/*
 * Syscall tracepoints say "signed:0" even for "int dfd": trust the C type
 * name when it is a signed one.
 */
static bool signed_name(const char *decl)
{
	static const char *const names[] = {
		"int", "long", "short", "long long", "long int", "signed char", "ssize_t",
		"pid_t", "off_t", "loff_t", "time_t", "clockid_t", "s8", "s16", "s32", "s64",
		"__s8", "__s16", "__s32", "__s64", "key_serial_t", "mqd_t", "timer_t",
	};
	size_t i, len;

	if (!strncmp(decl, "const ", 6))
		decl += 6;
	len = strcspn(decl, "*[");
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		size_t n = strlen(names[i]);

		if (!strncmp(decl, names[i], n) && decl[n] == ' ' && !strchr(decl + n + 1, ' ') &&
		    n < len)
			return true;
	}
	return false;
}

/*
 * Fills in what a declaration such as "unsigned long args[6]" says of the
 * field: its name is the last identifier, before a trailing [N].
 */
static void parse_decl(struct arena *a, char *decl, struct tracefs_field *f)
{
	char *p;

	f->is_dataloc = !strncmp(decl, "__data_loc ", 11);
	p = decl + strlen(decl);
	while (p > decl && p[-1] == ' ')
		*--p = '\0';
	if (p > decl && p[-1] == ']' && strchr(decl, '[')) {
		p = strrchr(decl, '[');
		f->array_len = (unsigned)strtoul(p + 1, NULL, 0);
		*p = '\0';
	}
	while (p > decl && (p[-1] == '_' || ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z') ||
			    (p[-1] >= '0' && p[-1] <= '9')))
		p--;
	f->name = arena_strdup(a, p);
	f->is_signed |= signed_name(decl);
	*p = '\0';
	f->is_pointer = strchr(decl, '*') != NULL;
	f->is_char = text_find(decl, "char") != NULL;
}

/* The number after "key:" in a format line that ends at end, or -1. */
static long number_after(const char *line, const char *end, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = line; p + n <= end; p++)
		if (!memcmp(p, key, n))
			return strtol(p + n, NULL, 10);
	return -1;
}

bool tracefs_parse_format(struct arena *a, const char *text, struct tracefs_format *fmt)
{
	const char *line, *next;

	memset(fmt, 0, sizeof(*fmt));
	for (line = text; *line; line = next) {
		const char *end = line + strcspn(line, "\n"), *semi = memchr(line, ';', end - line);
		const char *field = text_find(line, "field:");
		char decl[256];
		long off, size, sgn;
		struct tracefs_field *f;

		next = *end ? end + 1 : end;
		if (!strncmp(line, "ID: ", 4)) {
			fmt->id = (unsigned)strtoul(line + 4, NULL, 10);
			continue;
		}
		/* "	field:int dfd;	offset:16;	size:8;	signed:0;" */
		if (!field || field > end || !semi || semi < field)
			continue;
		off = number_after(semi, end, "offset:");
		size = number_after(semi, end, "size:");
		sgn = number_after(semi, end, "signed:");
		if (off < 8 || size <= 0 || size > 65536 || off > 65536 || sgn < 0 ||
		    semi - field - 6 >= (long)sizeof(decl))
			continue;
		fmt->fields = arena_room(a, fmt->fields, fmt->nfields, sizeof(*fmt->fields));
		f = &fmt->fields[fmt->nfields++];
		snprintf(decl, sizeof(decl), "%.*s", (int)(semi - field - 6), field + 6);
		f->offset = (unsigned)off;
		f->size = (unsigned)size;
		f->is_signed = sgn != 0;
		parse_decl(a, decl, f);
		if (f->offset + f->size > fmt->size)
			fmt->size = f->offset + f->size;
	}
	return fmt->id != 0;
}

bool tracefs_format(struct arena *a, const char *root, const char *event,
		    struct tracefs_format *fmt)
{
	char path[512], *text;
	bool ok;

	snprintf(path, sizeof(path), "%s/events/%s/format", root, event);
	text = read_file(path, NULL);
	if (!text)
		return false;
	ok = tracefs_parse_format(a, text, fmt);
	free(text);
	if (!ok)
		errno = EINVAL;
	return ok;
}

/* Appends the entries of dir matching glob that are directories, as "prefix" "name". */
static void add_dirs(struct arena *a, const char *dir, const char *glob, const char *prefix,
		     char ***names, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;

	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.' || !glob_match(glob, de->d_name))
			continue;
		/* Some file systems leave the type to stat. */
		if (de->d_type != DT_DIR && (de->d_type != DT_UNKNOWN ||
		    fstatat(dirfd(d), de->d_name, &st, 0) || !S_ISDIR(st.st_mode)))
			continue;
		*names = arena_room(a, *names, *n, sizeof(**names));
		(*names)[(*n)++] = arena_printf(a, "%s%s", prefix, de->d_name);
	}
	if (d)
		closedir(d);
}

char **tracefs_events(struct arena *a, const char *root, const char *glob, size_t *n)
{
	char *subsys = arena_strdup(a, glob), *event = strchr(subsys, '/'), **subs = NULL;
	char **events = NULL, dir[512];
	size_t nsubs = 0, i;

	*n = 0;
	if (!event)
		return NULL;
	*event++ = '\0';
	snprintf(dir, sizeof(dir), "%s/events", root);
	add_dirs(a, dir, subsys, "", &subs, &nsubs);
	for (i = 0; i < nsubs; i++) {
		snprintf(dir, sizeof(dir), "%s/events/%s", root, subs[i]);
		add_dirs(a, dir, event, arena_printf(a, "%s/", subs[i]), &events, n);
	}
	if (*n)
		sort(events, *n, sizeof(*events), text_compare);
	return events;
}
