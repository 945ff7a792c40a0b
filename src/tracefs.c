// SPDX-License-Identifier: GPL-2.0
/* tracefs: finding (or mounting) it, and reading tracepoint formats. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tracefs.h"

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

/* "field:unsigned long args[6];" -> the type of one field. */
static struct type *field_type(struct arena *a, char *decl, unsigned size, bool is_signed,
			       bool user, const char **name)
{
	char *p;
	unsigned len = 0;
	struct type *t;
	bool dataloc = !strncmp(decl, "__data_loc ", 11), array = false;

	/* The name is the last identifier, before a trailing [N]. */
	for (p = decl + strlen(decl); p > decl && p[-1] == ' '; p--)
		*--p = '\0';
	if (p > decl && p[-1] == ']' && (p = strrchr(decl, '['))) {
		len = (unsigned)strtoul(p + 1, NULL, 0);
		array = true;
		*p = '\0';
	}
	while (p > decl && (p[-1] == '_' || ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z') ||
			    (p[-1] >= '0' && p[-1] <= '9')))
		p--;
	*name = arena_strdup(a, p);
	if (dataloc)
		return type_with_fmt(a, &type_u32, FMT_DATALOC);
	if (strchr(decl, '*')) {
		bool is_char = strstr(decl, "char") != NULL;

		return type_ptr(a, is_char ? &type_char : &type_void, size,
				user ? SPACE_USER : SPACE_KERNEL);
	}
	if (array && len && size % len == 0) {
		unsigned esize = size / len;
		struct type *elem = esize == 1 && strstr(decl, "char") ? &type_char :
				    type_int(esize, is_signed);

		if (esize == 1 || esize == 2 || esize == 4 || esize == 8)
			return type_array(a, elem, len);
	}
	if (size == 1 || size == 2 || size == 4 || size == 8)
		return type_int(size, is_signed);
	t = type_array(a, &type_u8, size);
	return type_with_fmt(a, t, FMT_MEM);
}

/* The number after "key:" in a format line, or -1. */
static long number_after(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

struct type *tracefs_format(struct arena *a, const char *event, unsigned *id)
{
	char path[512], *text, *line, *save = NULL;
	const char *root = tracefs_root();
	struct type *st;
	/* Syscall tracepoints carry user pointers: str(data->filename) reads user memory. */
	bool user = !strncmp(event, "syscalls/", 9);

	if (!root) {
		errno = ENODEV;
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/events/%s/format", root, event);
	text = read_file(path, NULL);
	if (!text)
		return NULL;

	st = type_new(a, &(struct type){ .kind = TYPE_STRUCT, .align = 1 });
	st->name = arena_strdup(a, strchr(event, '/') + 1);
	*id = 0;
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char decl[256], *semi = strchr(line, ';');
		const char *field = strstr(line, "field:"), *name;
		long off, size, sgn;
		struct field *f, **tail;

		if (!strncmp(line, "ID: ", 4)) {
			*id = (unsigned)strtoul(line + 4, NULL, 10);
			continue;
		}
		/* "	field:int dfd;	offset:16;	size:8;	signed:0;" */
		if (!field || !semi || semi < field)
			continue;
		off = number_after(semi, "offset:");
		size = number_after(semi, "size:");
		sgn = number_after(semi, "signed:");
		if (off < 0 || size <= 0 || sgn < 0 || semi - field - 6 >= (long)sizeof(decl))
			continue;
		snprintf(decl, sizeof(decl), "%.*s", (int)(semi - field - 6), field + 6);
		/*
		 * BPF programs see a pointer to the registers in place of the
		 * first 8 bytes: the common_* fields are not there to read.
		 */
		if (off < 8)
			continue;
		f = arena_alloc(a, sizeof(*f));
		f->type = field_type(a, decl, (unsigned)size, sgn || signed_name(decl), user, &name);
		f->name = name;
		f->offset = (unsigned)off;
		for (tail = &st->fields; *tail; tail = &(*tail)->next)
			;
		*tail = f;
		st->nfields++;
		if ((unsigned)(off + size) > st->size)
			st->size = (unsigned)(off + size);
	}
	free(text);
	if (!*id) {
		errno = EINVAL;
		return NULL;
	}
	return st;
}
