// SPDX-License-Identifier: GPL-2.0
/*
 * The executable mappings of each process, from /proc/PID/maps, and the
 * symbols of each mapped file, read when an address in it is first
 * printed. Both caches are small and reuse their least recently used
 * entry when full, so that tracing many processes for long stays in
 * bounded memory. A process's mappings are read again when an address
 * falls in none of them (a library loaded since); once it has exited,
 * what was read of it still names its addresses.
 */
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

#include "arch/arch.h"
#include "base/arena.h"
#include "base/file.h"
#include "kernel/elf.h"
#include "run/usym.h"

#define USYM_PROCS 32
#define USYM_FILES 64

struct umap {
	uint64_t start, end, offset;
	uint64_t dev, ino;	/* the file's; ino 0 for anonymous memory and [vdso] */
	const char *path;
};

struct uproc {
	uint64_t used;		/* u->clock at its last lookup; 0 for a free slot */
	uint32_t pid;
	struct umap *maps;
	size_t nmaps;
	struct arena arena;	/* maps and their paths */
};

struct ufile {
	uint64_t used;
	uint64_t dev, ino;
	struct elf *elf;	/* NULL if it could not be read: not tried again */
};

struct usyms {
	struct uproc procs[USYM_PROCS];
	struct ufile files[USYM_FILES];
	uint64_t clock;
};

struct usyms *usyms_new(void)
{
	return xcalloc(1, sizeof(struct usyms));
}

void usyms_free(struct usyms *u)
{
	size_t i;

	if (!u)
		return;
	for (i = 0; i < USYM_PROCS; i++)
		arena_free(&u->procs[i].arena);
	for (i = 0; i < USYM_FILES; i++)
		elf_close(u->files[i].elf);
	free(u);
}

/* The number at *s, and *s past it and the one separator after it. */
static uint64_t field(char **s, int base)
{
	uint64_t v = strtoull(*s, s, base);

	if (**s)
		(*s)++;
	return v;
}

/*
 * Reads the executable mappings of process pid into p, lines of
 * "start-end perms offset major:minor inode   path" (hex but the inode);
 * false, p untouched, if the process is gone.
 */
static bool read_maps(struct uproc *p, uint32_t pid)
{
	char path[32], *text, *line, *next;

	snprintf(path, sizeof(path), "/proc/%" PRIu32 "/maps", pid);
	text = read_file(path, NULL);
	if (!text)
		return false;
	arena_free(&p->arena);
	p->pid = pid;
	p->maps = NULL;
	p->nmaps = 0;
	for (line = text; *line; line = next) {
		struct umap m;
		char *s = line;

		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		m.start = field(&s, 16);
		m.end = field(&s, 16);
		if (strlen(s) < 5 || s[2] != 'x')
			continue;
		s += 5;
		m.offset = field(&s, 16);
		m.dev = field(&s, 16) << 32;
		m.dev |= field(&s, 16);
		m.ino = field(&s, 10);
		m.path = arena_strdup(&p->arena, s + strspn(s, " "));
		p->maps = arena_room(&p->arena, p->maps, p->nmaps, sizeof(*p->maps));
		p->maps[p->nmaps++] = m;
	}
	free(text);
	return true;
}

/* The process in the cache, or read now into the least recently used slot; NULL if gone. */
static struct uproc *proc(struct usyms *u, uint32_t pid)
{
	struct uproc *p, *old = u->procs;

	for (p = u->procs; p < u->procs + USYM_PROCS; p++) {
		if (p->used && p->pid == pid)
			goto found;
		if (p->used < old->used)
			old = p;
	}
	p = old;
	if (!read_maps(p, pid))
		return NULL;
found:
	p->used = ++u->clock;
	return p;
}

static const struct umap *mapping(const struct uproc *p, uint64_t addr)
{
	size_t i;

	for (i = 0; i < p->nmaps; i++)
		if (addr >= p->maps[i].start && addr < p->maps[i].end)
			return &p->maps[i];
	return NULL;
}

/*
 * The symbols of a mapped file, opened once per file: through its
 * map_files link (root only, but the very file, even deleted), else at
 * its path under the process's root (in its container), else at the
 * path itself (the process has exited since its maps were read).
 */
static struct elf *file(struct usyms *u, uint32_t pid, const struct umap *m)
{
	struct ufile *f, *old = u->files;
	char path[PATH_MAX + 32];
	const char *why;

	for (f = u->files; f < u->files + USYM_FILES; f++) {
		if (f->used && f->dev == m->dev && f->ino == m->ino)
			goto found;
		if (f->used < old->used)
			old = f;
	}
	f = old;
	elf_close(f->elf);
	f->dev = m->dev;
	f->ino = m->ino;
	snprintf(path, sizeof(path), "/proc/%" PRIu32 "/map_files/%" PRIx64 "-%" PRIx64, pid,
		 m->start, m->end);
	f->elf = elf_open(path, arch_native, &why);
	if (!f->elf && (size_t)snprintf(path, sizeof(path), "/proc/%" PRIu32 "/root%s", pid,
					m->path) < sizeof(path))
		f->elf = elf_open(path, arch_native, &why);
	if (!f->elf)
		f->elf = elf_open(m->path, arch_native, &why);
found:
	f->used = ++u->clock;
	return f->elf;
}

static const char *lookup(struct usyms *u, uint32_t pid, uint64_t addr, bool offset, char *buf,
			  size_t size)
{
	struct uproc *p = proc(u, pid);
	const struct umap *m = p ? mapping(p, addr) : NULL;
	const struct elf_sym *s = NULL;
	struct elf *e = NULL;
	int64_t vaddr = -1;

	if (p && !m && read_maps(p, pid))
		m = mapping(p, addr);
	if (m && m->ino)
		e = file(u, pid, m);
	if (e)
		vaddr = elf_vaddr(e, addr - m->start + m->offset);
	if (vaddr >= 0)
		s = elf_symbol_at(e, (uint64_t)vaddr);
	if (!s)
		snprintf(buf, size, "0x%" PRIx64, addr);
	else if (!offset || (uint64_t)vaddr == s->addr)
		snprintf(buf, size, "%s", s->name);
	else
		snprintf(buf, size, "%s+0x%" PRIx64, s->name, (uint64_t)vaddr - s->addr);
	return buf;
}

const char *usym_name(struct usyms *u, uint32_t pid, uint64_t addr, char *buf, size_t size)
{
	return lookup(u, pid, addr, true, buf, size);
}

const char *usym_func(struct usyms *u, uint32_t pid, uint64_t addr, char *buf, size_t size)
{
	return lookup(u, pid, addr, false, buf, size);
}
