// SPDX-License-Identifier: GPL-2.0
/*
 * Reads what uprobes and ustack need from an ELF file: its function
 * symbols (from .symtab, or only .dynsym in a stripped binary), by name
 * and by address, and how virtual addresses map to file offsets and back.
 * 32 and 64-bit, either byte order; every offset is checked against the
 * file's size.
 */
#include <byteswap.h>
#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/sort.h"
#include "kernel/elf.h"

/* The fields sonde reads, whatever the class of the file. */
struct section {
	uint32_t name, type, link;
	uint64_t addr, offset, size, entsize;
};

struct segment {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz;
};

static uint16_t rd16(const struct elf *e, uint64_t off)
{
	uint16_t v;

	memcpy(&v, e->data + off, 2);
	return e->swap ? bswap_16(v) : v;
}

static uint32_t rd32(const struct elf *e, uint64_t off)
{
	uint32_t v;

	memcpy(&v, e->data + off, 4);
	return e->swap ? bswap_32(v) : v;
}

static uint64_t rd64(const struct elf *e, uint64_t off)
{
	uint64_t v;

	memcpy(&v, e->data + off, 8);
	return e->swap ? bswap_64(v) : v;
}

/* A word: 8 bytes in a 64-bit file, 4 in a 32-bit one. */
static uint64_t rdw(const struct elf *e, uint64_t off)
{
	return e->is64 ? rd64(e, off) : rd32(e, off);
}

static bool in_file(const struct elf *e, uint64_t off, uint64_t len)
{
	return off <= e->size && len <= e->size - off;
}

static bool read_section(const struct elf *e, unsigned i, struct section *s)
{
	uint64_t shoff = rdw(e, e->is64 ? 0x28 : 0x20);
	uint16_t entsize = rd16(e, e->is64 ? 0x3a : 0x2e);
	uint64_t at = shoff + (uint64_t)i * entsize;

	if (!in_file(e, at, e->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
		return false;
	s->name = rd32(e, at);
	s->type = rd32(e, at + 4);
	s->addr = rdw(e, at + (e->is64 ? 0x10 : 0x0c));
	if (e->is64) {
		s->offset = rd64(e, at + 0x18);
		s->size = rd64(e, at + 0x20);
		s->link = rd32(e, at + 0x28);
		s->entsize = rd64(e, at + 0x38);
	} else {
		s->offset = rd32(e, at + 0x10);
		s->size = rd32(e, at + 0x14);
		s->link = rd32(e, at + 0x18);
		s->entsize = rd32(e, at + 0x24);
	}
	return in_file(e, s->offset, s->type == SHT_NOBITS ? 0 : s->size);
}

static bool read_segment(const struct elf *e, unsigned i, struct segment *s)
{
	uint64_t phoff = rdw(e, e->is64 ? 0x20 : 0x1c);
	uint16_t entsize = rd16(e, e->is64 ? 0x36 : 0x2a);
	uint64_t at = phoff + (uint64_t)i * entsize;

	if (!in_file(e, at, e->is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr)))
		return false;
	s->type = rd32(e, at);
	if (e->is64) {
		s->flags = rd32(e, at + 4);
		s->offset = rd64(e, at + 8);
		s->vaddr = rd64(e, at + 0x10);
		s->filesz = rd64(e, at + 0x20);
	} else {
		s->offset = rd32(e, at + 4);
		s->vaddr = rd32(e, at + 8);
		s->filesz = rd32(e, at + 0x10);
		s->flags = rd32(e, at + 0x18);
	}
	return true;
}

static int cmp64(uint64_t x, uint64_t y)
{
	return (x > y) - (x < y);
}

static int by_name(const void *a, const void *b)
{
	const struct elf_sym *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : cmp64(x->addr, y->addr);
}

/* Then by size, and the plainest of aliases last, where elf_symbol_at looks. */
static int by_addr(const void *a, const void *b)
{
	const struct elf_sym *x = a, *y = b;
	int c = cmp64(x->addr, y->addr);

	if (!c)
		c = cmp64(x->size, y->size);
	if (!c)
		c = (int)strspn(y->name, "_") - (int)strspn(x->name, "_");
	return c ? c : strcmp(x->name, y->name);
}

/*
 * ppc64 ELFv2 functions have a global entry that sets up the TOC and a
 * local one a few instructions in, where calls from the same module land.
 */
static uint64_t local_entry(const struct elf *e, uint8_t other)
{
	unsigned bits = (other >> 5) & 7;

	if (e->machine != EM_PPC64 || (rd32(e, e->is64 ? 0x30 : 0x24) & 3) != 2 || bits < 2)
		return 0;
	return (uint64_t)1 << bits >> 2 << 2;
}

static void read_symbols(struct elf *e, const struct section *tab, const struct section *str)
{
	uint64_t esize = e->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym), i, n;
	size_t cap = e->nsyms + 64;

	if (tab->entsize && tab->entsize != esize)
		return;
	n = tab->size / esize;
	e->syms = xrealloc(e->syms, cap * sizeof(*e->syms));
	e->addrs = xrealloc(e->addrs, cap * sizeof(*e->addrs));
	for (i = 0; i < n; i++) {
		uint64_t at = tab->offset + i * esize, value, size;
		const char *s;
		uint32_t name = rd32(e, at);
		uint8_t info = e->data[at + (e->is64 ? 4 : 12)];
		uint8_t other = e->data[at + (e->is64 ? 5 : 13)];
		uint16_t shndx = rd16(e, at + (e->is64 ? 6 : 14));
		unsigned type = info & 0xf;

		value = e->is64 ? rd64(e, at + 8) : rd32(e, at + 4);
		size = e->is64 ? rd64(e, at + 16) : rd32(e, at + 8);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC && type != STT_OBJECT) ||
		    shndx == SHN_UNDEF || !value ||
		    name >= str->size || !e->data[str->offset + name] ||
		    !memchr(e->data + str->offset + name, 0, str->size - name))
			continue;
		if (e->nsyms == cap) {
			cap *= 2;
			e->syms = xrealloc(e->syms, cap * sizeof(*e->syms));
			e->addrs = xrealloc(e->addrs, cap * sizeof(*e->addrs));
		}
		s = (const char *)e->data + str->offset + name;
		if (type == STT_OBJECT) {
			e->syms[e->nsyms++] = (struct elf_sym){ s, value, size, true };
			continue;
		}
		e->addrs[e->naddrs++] = (struct elf_sym){
			s, e->machine == EM_ARM ? value & ~1ULL : value, size, false,
		};
		e->syms[e->nsyms++] = (struct elf_sym){ s, value + local_entry(e, other), size, false };
	}
}

/* The identification and machine of a header, against the target's. */
static bool for_target(const unsigned char *ident, unsigned machine, const struct arch *a)
{
	return !memcmp(ident, ELFMAG, SELFMAG) &&
	       (ident[EI_CLASS] == ELFCLASS64) == a->is64 &&
	       (ident[EI_DATA] == ELFDATA2MSB) == a->big_endian && machine == a->elf_machine;
}

static bool host_order(const unsigned char *ident)
{
	return ident[EI_DATA] == (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ? ELFDATA2LSB :
				  ELFDATA2MSB);
}

bool elf_is_for(const char *path, const struct arch *a)
{
	unsigned char head[20];
	bool ok = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0 && read(fd, head, sizeof(head)) == (ssize_t)sizeof(head)) {
		uint16_t machine;

		memcpy(&machine, head + 18, 2);
		ok = for_target(head, host_order(head) ? machine : bswap_16(machine), a);
	}
	if (fd >= 0)
		close(fd);
	return ok;
}

/* Reads the header and the symbols of e->data; false with *why set. */
static bool parse(struct elf *e, const struct arch *a, const char **why)
{
	unsigned i, nsec;
	size_t j, n;

	if (e->size < EI_NIDENT || memcmp(e->data, ELFMAG, SELFMAG)) {
		*why = "is not an ELF file";
		return false;
	}
	e->is64 = e->data[EI_CLASS] == ELFCLASS64;
	e->swap = !host_order(e->data);
	if (e->size < (e->is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr))) {
		*why = "is a truncated ELF file";
		return false;
	}
	e->machine = rd16(e, 0x12);
	e->pie = rd16(e, 0x10) == ET_DYN;
	if (!for_target(e->data, e->machine, a)) {
		*why = "is an ELF file for another machine than the target";
		return false;
	}
	nsec = rd16(e, e->is64 ? 0x3c : 0x30);
	for (i = 0; i < nsec; i++) {
		struct section tab, str;

		if (read_section(e, i, &tab) && (tab.type == SHT_SYMTAB || tab.type == SHT_DYNSYM) &&
		    read_section(e, tab.link, &str) && str.type != SHT_NOBITS)
			read_symbols(e, &tab, &str);
	}
	if (e->nsyms) {
		sort(e->addrs, e->naddrs, sizeof(*e->addrs), by_addr);
		sort(e->syms, e->nsyms, sizeof(*e->syms), by_name);
	}
	/* .symtab and .dynsym name most functions twice. */
	for (j = 0, n = 0; j < e->nsyms; j++)
		if (!n || strcmp(e->syms[n - 1].name, e->syms[j].name))
			e->syms[n++] = e->syms[j];
	e->nsyms = n;
	return true;
}

struct elf *elf_read(const void *data, size_t size, const struct arch *a, const char **why)
{
	struct elf *e = xcalloc(1, sizeof(*e));

	e->data = data;
	e->size = size;
	if (parse(e, a, why))
		return e;
	e->data = NULL;
	elf_close(e);
	return NULL;
}

struct elf *elf_open(const char *path, const struct arch *a, const char **why)
{
	struct elf *e = xcalloc(1, sizeof(*e));
	struct stat st;
	/* Not blocking on a FIFO put where a traced process's binary was. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0) {
		*why = "cannot be opened";
		goto fail;
	}
	/* The mapping keeps the file: no descriptor stays open per file. */
	e->size = fstat(fd, &st) == 0 ? (size_t)st.st_size : 0;
	e->data = e->size >= EI_NIDENT ?
		  mmap(NULL, e->size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	close(fd);
	if (e->data == MAP_FAILED) {
		e->data = NULL;
		*why = "is not an ELF file";
		goto fail;
	}
	e->mapped = true;
	if (parse(e, a, why))
		return e;
fail:
	elf_close(e);
	return NULL;
}

void elf_close(struct elf *e)
{
	if (!e)
		return;
	if (e->mapped)
		munmap((void *)e->data, e->size);
	free(e->syms);
	free(e->addrs);
	free(e);
}

const struct elf_sym *elf_symbol(const struct elf *e, const char *name)
{
	struct elf_sym key = { .name = name };
	size_t lo = 0, hi = e->nsyms;

	/* The first of the name: the sort puts equal names by address. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (by_name(&e->syms[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < e->nsyms && !strcmp(e->syms[lo].name, name) ? &e->syms[lo] : NULL;
}

const struct elf_sym *elf_symbol_at(const struct elf *e, uint64_t addr)
{
	size_t lo = 0, hi = e->naddrs;
	const struct elf_sym *s;

	/* The last function starting at or below addr. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (e->addrs[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	s = &e->addrs[lo - 1];
	return addr - s->addr < (s->size ? s->size : 4096) ? s : NULL;
}

/*
 * The PT_LOAD segment with the flags holding x, a virtual address or else
 * a file offset.
 */
static bool load_segment(const struct elf *e, uint64_t x, bool is_vaddr, unsigned flags,
			 struct segment *seg)
{
	unsigned i, n = rd16(e, e->is64 ? 0x38 : 0x2c);

	for (i = 0; i < n; i++) {
		uint64_t base;

		if (!read_segment(e, i, seg) || seg->type != PT_LOAD || (seg->flags & flags) != flags)
			continue;
		base = is_vaddr ? seg->vaddr : seg->offset;
		if (x >= base && x - base < seg->filesz)
			return true;
	}
	return false;
}

int64_t elf_file_offset(const struct elf *e, uint64_t addr)
{
	struct segment seg;

	return load_segment(e, addr, true, PF_X, &seg) ? (int64_t)(addr - seg.vaddr + seg.offset) :
	       -1;
}

int64_t elf_data_offset(const struct elf *e, uint64_t addr)
{
	struct segment seg;

	return load_segment(e, addr, true, 0, &seg) ? (int64_t)(addr - seg.vaddr + seg.offset) : -1;
}

int64_t elf_vaddr(const struct elf *e, uint64_t off)
{
	struct segment seg;

	return load_segment(e, off, false, PF_X, &seg) ? (int64_t)(off - seg.offset + seg.vaddr) :
	       -1;
}

/* The section of a name, as the section header string table spells it. */
static bool find_section(const struct elf *e, const char *name, struct section *s)
{
	unsigned i, n = rd16(e, e->is64 ? 0x3c : 0x30);
	size_t len = strlen(name) + 1;
	struct section str;

	if (!read_section(e, rd16(e, e->is64 ? 0x3e : 0x32), &str) || str.type != SHT_STRTAB)
		return false;
	for (i = 0; i < n; i++)
		if (read_section(e, i, s) && s->name < str.size && len <= str.size - s->name &&
		    !memcmp(e->data + str.offset + s->name, name, len))
			return true;
	return false;
}

#define ALIGN4(x) (((x) + 3) & ~(uint64_t)3)

struct elf_usdt *elf_usdt(const struct elf *e, size_t *n)
{
	uint64_t w = e->is64 ? 8 : 4, at, end;
	struct section notes, base;
	struct elf_usdt *u = NULL;
	bool has_base;

	*n = 0;
	if (!find_section(e, ".note.stapsdt", &notes) || notes.type != SHT_NOTE)
		return NULL;
	has_base = find_section(e, ".stapsdt.base", &base);
	for (at = notes.offset, end = at + notes.size; end - at >= 12;) {
		uint64_t namesz = rd32(e, at), descsz = rd32(e, at + 4), name = at + 12;
		uint64_t desc = name + ALIGN4(namesz), s = desc + 3 * w, v[3];
		bool ours = rd32(e, at + 8) == 3 && namesz == 8 && descsz >= 3 * w;
		const char *str[3];
		unsigned k;

		at = desc + ALIGN4(descsz);
		if (at > end)
			break;
		if (!ours || memcmp(e->data + name, "stapsdt", 8))
			continue;
		/* pc, the address .stapsdt.base had when linked, the semaphore; three strings */
		for (k = 0; k < 3; k++) {
			const char *nul = memchr(e->data + s, 0, desc + descsz - s);

			v[k] = rdw(e, desc + k * w);
			str[k] = (const char *)e->data + s;
			s = nul ? (uint64_t)(nul - (const char *)e->data) + 1 : desc + descsz;
			if (!nul)
				break;
		}
		if (k < 3)
			continue;
		/* Prelink moved the file by as much as .stapsdt.base moved. */
		if (has_base && v[1])
			v[1] = base.addr - v[1];
		else
			v[1] = 0;
		/* Room for 1, 3, 7... */
		if (!(*n & (*n + 1)))
			u = xrealloc(u, (*n * 2 + 1) * sizeof(*u));
		u[(*n)++] = (struct elf_usdt){ str[0], str[1], str[2], v[0] + v[1],
					       v[2] ? v[2] + v[1] : 0 };
	}
	return u;
}
