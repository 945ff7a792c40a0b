// SPDX-License-Identifier: GPL-2.0
/*
 * Reads BTF: a header, a section of type records (12 bytes each, then the
 * data of the kind: an INT's encoding, an ARRAY's element and length, a
 * STRUCT's members...) and a section of NUL-terminated names. Opening
 * checks every record, name offset and type id once and indexes the
 * records by id, 4 bytes a type; the accessors then trust them. Lookups by
 * name are linear scans: a few a program, each under a millisecond.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"
#include "kernel/btf.h"

#define BTF_MAGIC 0xeb9f
/* magic, version, flags, hdr_len, type_off, type_len, str_off, str_len */
#define HDR_LEN 24
/* name_off, info (vlen, kind, kind_flag), then a size or a type id */
#define REC_LEN 12
#define KIND(info) ((info) >> 24 & 0x1f)
#define VLEN(info) ((info) & 0xffff)
#define KFLAG(info) ((info) >> 31)
#define BIT(kind) (1u << BTF_##kind)

/* The kinds whose third word is a type id, not a size. */
#define REFERS (BIT(PTR) | BIT(TYPEDEF) | BIT(VOLATILE) | BIT(CONST) | BIT(RESTRICT) | \
		BIT(FUNC) | BIT(FUNC_PROTO) | BIT(VAR) | BIT(DECL_TAG) | BIT(TYPE_TAG))
#define MODIFIERS (BIT(TYPEDEF) | BIT(VOLATILE) | BIT(CONST) | BIT(RESTRICT) | BIT(TYPE_TAG))

/* What follows a record: bytes of its own, and bytes for each of vlen entries. */
static const uint8_t fixed[BTF_ENUM64 + 1] = {
	[BTF_INT] = 4, [BTF_ARRAY] = 12, [BTF_VAR] = 4, [BTF_DECL_TAG] = 4,
};
static const uint8_t each[BTF_ENUM64 + 1] = {
	[BTF_STRUCT] = 12, [BTF_UNION] = 12, [BTF_ENUM] = 8, [BTF_FUNC_PROTO] = 8,
	[BTF_DATASEC] = 12, [BTF_ENUM64] = 12,
};

struct btf {
	const struct btf *base;
	const uint8_t *types;	/* the type section */
	const char *strs;	/* the string section */
	uint32_t types_len;
	uint32_t start;		/* the first id: 1, or the base's count */
	uint32_t count;
	uint32_t str_start;	/* the first name offset: 0, or the base's str_end */
	uint32_t str_end;
	uint32_t *offs;		/* by id - start: where the record is in the type section */
	void *file;		/* what btf_open mapped or read */
	size_t file_size;
	bool mapped;
};

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)load_uint(p, 4);
}

/* The record of a type; NULL for void and ids out of range. */
static const uint8_t *record(const struct btf *b, uint32_t id)
{
	if (id >= b->count)
		return NULL;
	while (id < b->start) {
		b = b->base;
		if (!b)
			return NULL;
	}
	return b->types + b->offs[id - b->start];
}

/* A checked name offset, in the base's strings or ours. */
static const char *name_at(const struct btf *b, uint32_t off)
{
	while (off < b->str_start)
		b = b->base;
	return b->strs + (off - b->str_start);
}

/*
 * Whether the names of a record are in range; *max becomes the highest
 * type id it refers to, checked against the count once all are read.
 */
static bool check(const struct btf *b, const uint8_t *p, uint32_t info, uint32_t *max)
{
	unsigned kind = KIND(info), i;
	const uint8_t *e = p + REC_LEN;
	bool names = rd32(p) < b->str_end;

	if (REFERS & 1u << kind)
		*max = MAX(*max, rd32(p + 8));
	if (kind == BTF_ARRAY)
		*max = MAX(*max, MAX(rd32(e), rd32(e + 4)));
	for (i = 0; each[kind] && i < VLEN(info); i++, e += each[kind]) {
		/* Members and parameters are (name, type...), a DATASEC's (type...). */
		if (kind == BTF_DATASEC)
			*max = MAX(*max, rd32(e));
		else
			names &= rd32(e) < b->str_end;
		if ((BIT(STRUCT) | BIT(UNION) | BIT(FUNC_PROTO)) & 1u << kind)
			*max = MAX(*max, rd32(e + 4));
	}
	return names;
}

/* Indexes the type records, checking their kinds, lengths, names and type ids. */
static const char *scan(struct btf *b)
{
	uint32_t pos = 0, n = 0, max = 0, info, len;

	/* Room for as many records as could fit, given back at the end: one pass. */
	b->offs = xmalloc(b->types_len / REC_LEN * sizeof(*b->offs));
	while (pos < b->types_len) {
		const uint8_t *p = b->types + pos;

		if (b->types_len - pos < REC_LEN)
			return "has a truncated BTF type";
		info = rd32(p + 4);
		if (!KIND(info) || KIND(info) > BTF_ENUM64)
			return "has a BTF type of an unknown kind";
		len = REC_LEN + fixed[KIND(info)] + each[KIND(info)] * VLEN(info);
		if (len > b->types_len - pos)
			return "has a truncated BTF type";
		if (!check(b, p, info, &max))
			return "has a BTF name outside its string section";
		b->offs[n++] = pos;
		pos += len;
	}
	b->offs = xrealloc(b->offs, n * sizeof(*b->offs));
	b->count = b->start + n;
	return max < b->count ? NULL : "has a BTF type referring to a missing type";
}

/* Checks and indexes size bytes of BTF at d; false with *why set. */
static bool parse(struct btf *b, const uint8_t *d, size_t size, const char **why)
{
	uint32_t hdr_len, sec[4];	/* type_off, type_len, str_off, str_len */
	uint16_t magic = size >= 2 ? (uint16_t)load_uint(d, 2) : 0;
	uint64_t str_end;

	if (magic != BTF_MAGIC) {
		*why = magic == 0x9feb ? "is BTF of the other byte order" : "is not BTF";
		return false;
	}
	if (size < HDR_LEN) {
		*why = "is truncated BTF";
		return false;
	}
	if (d[2] != 1) {
		*why = "is BTF of an unknown version";
		return false;
	}
	hdr_len = rd32(d + 4);
	memcpy(sec, d + 8, sizeof(sec));
	if (hdr_len < HDR_LEN || hdr_len > size) {
		*why = "has a bad BTF header length";
		return false;
	}
	if ((uint64_t)sec[0] + sec[1] > size - hdr_len ||
	    (uint64_t)sec[2] + sec[3] > size - hdr_len) {
		*why = "is truncated BTF";
		return false;
	}
	b->types = d + hdr_len + sec[0];
	b->types_len = sec[1];
	b->strs = (const char *)d + hdr_len + sec[2];
	b->start = b->base ? b->base->count : 1;
	b->str_start = b->base ? b->base->str_end : 0;
	str_end = (uint64_t)b->str_start + sec[3];
	if (str_end > UINT32_MAX || b->types_len / REC_LEN >= UINT32_MAX - b->start) {
		*why = "is too large BTF";
		return false;
	}
	b->str_end = (uint32_t)str_end;
	/* Each name ends within the section; the kernel's strings start with "". */
	if (sec[3] ? b->strs[sec[3] - 1] || (!b->base && b->strs[0]) : !b->base) {
		*why = "has a malformed BTF string section";
		return false;
	}
	*why = scan(b);
	return !*why;
}

struct btf *btf_read(const void *data, size_t size, const struct btf *base, const char **why)
{
	struct btf *b = xcalloc(1, sizeof(*b));

	b->base = base;
	if (parse(b, data, size, why))
		return b;
	btf_close(b);
	return NULL;
}

struct btf *btf_open(const char *path, const struct btf *base, const char **why)
{
	struct btf *b = xcalloc(1, sizeof(*b));
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	b->base = base;
	if (fd < 0) {
		*why = "cannot be opened";
		goto fail;
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0) {
		b->file_size = (size_t)st.st_size;
		b->file = mmap(NULL, b->file_size, PROT_READ, MAP_PRIVATE, fd, 0);
		b->mapped = b->file != MAP_FAILED;
	}
	/* sysfs maps vmlinux's BTF only since Linux 6.16, a module's never. */
	if (!b->mapped)
		b->file = read_fd(fd, b->file_size, SIZE_MAX, &b->file_size);
	close(fd);
	if (!b->file) {
		*why = "cannot be read";
		goto fail;
	}
	if (parse(b, b->file, b->file_size, why))
		return b;
fail:
	btf_close(b);
	return NULL;
}

void btf_close(struct btf *b)
{
	if (!b)
		return;
	if (b->mapped)
		munmap(b->file, b->file_size);
	else
		free(b->file);
	free(b->offs);
	free(b);
}

uint32_t btf_count(const struct btf *b)
{
	return b->count;
}

bool btf_type(const struct btf *b, uint32_t id, struct btf_type_info *t)
{
	const uint8_t *p = record(b, id);
	uint32_t info, word;

	memset(t, 0, sizeof(*t));
	t->name = "";
	if (!p)
		return id == 0;
	info = rd32(p + 4);
	word = rd32(p + 8);
	t->kind = KIND(info);
	t->name = name_at(b, rd32(p));
	t->vlen = VLEN(info);
	t->kind_flag = KFLAG(info);
	if (REFERS & 1u << t->kind)
		t->type = word;
	else if (t->kind != BTF_FWD)
		t->size = word;
	if (t->kind == BTF_INT) {
		/* The encoding: signed, char, bool bits, a bit offset, the bits. */
		word = rd32(p + REC_LEN);
		t->is_signed = word >> 24 & 1;
		t->bits = word & 0xff;
	} else if (t->kind == BTF_ARRAY) {
		t->type = rd32(p + REC_LEN);
		t->vlen = rd32(p + REC_LEN + 8);
	} else if (t->kind == BTF_ENUM || t->kind == BTF_ENUM64) {
		t->is_signed = t->kind_flag;
	}
	return true;
}

/* The i-th entry after the record of a type of one of the kinds, and the record's info. */
static const uint8_t *entry(const struct btf *b, uint32_t id, uint32_t i, uint32_t kinds,
			    uint32_t *info)
{
	const uint8_t *p = record(b, id);

	if (!p)
		return NULL;
	*info = rd32(p + 4);
	if (!(kinds & 1u << KIND(*info)) || i >= VLEN(*info))
		return NULL;
	return p + REC_LEN + (size_t)i * each[KIND(*info)];
}

bool btf_member(const struct btf *b, uint32_t id, uint32_t i, struct btf_member_info *m)
{
	uint32_t info, off;
	const uint8_t *e = entry(b, id, i, BIT(STRUCT) | BIT(UNION), &info);

	if (!e)
		return false;
	off = rd32(e + 8);
	m->name = name_at(b, rd32(e));
	m->type = rd32(e + 4);
	/* With kind_flag, a bitfield's size is the top byte of its offset. */
	m->bit_offset = KFLAG(info) ? off & 0xffffff : off;
	m->bit_size = KFLAG(info) ? off >> 24 : 0;
	return true;
}

/* *budget bounds the members visited, which a malformed cycle would make endless. */
static bool member_find(const struct btf *b, uint32_t id, const char *name,
			struct btf_member_info *m, unsigned *budget)
{
	struct btf_member_info x;
	uint32_t i;

	for (i = 0; *budget && btf_member(b, id, i, &x); i++) {
		--*budget;
		if (!strcmp(x.name, name)) {
			*m = x;
			return true;
		}
		if (!*x.name && member_find(b, btf_skip_modifiers(b, x.type), name, m, budget)) {
			m->bit_offset += x.bit_offset;
			return true;
		}
	}
	return false;
}

bool btf_member_find(const struct btf *b, uint32_t id, const char *name,
		     struct btf_member_info *m)
{
	unsigned budget = 4096;

	return member_find(b, id, name, m, &budget);
}

bool btf_enumerator(const struct btf *b, uint32_t id, uint32_t i, const char **name,
		    int64_t *value)
{
	uint32_t info;
	const uint8_t *e = entry(b, id, i, BIT(ENUM) | BIT(ENUM64), &info);
	uint64_t v;

	if (!e)
		return false;
	*name = name_at(b, rd32(e));
	v = rd32(e + 4);
	if (KIND(info) == BTF_ENUM64)
		v |= (uint64_t)rd32(e + 8) << 32;
	else if (KFLAG(info))
		v = (uint64_t)(int64_t)(int32_t)v;
	*value = (int64_t)v;
	return true;
}

bool btf_param(const struct btf *b, uint32_t id, uint32_t i, const char **name, uint32_t *type)
{
	struct btf_type_info t;
	uint32_t info;
	const uint8_t *e;

	if (btf_type(b, id, &t) && t.kind == BTF_FUNC)
		id = t.type;
	e = entry(b, id, i, BIT(FUNC_PROTO), &info);
	if (!e)
		return false;
	*name = name_at(b, rd32(e));
	*type = rd32(e + 4);
	return true;
}

uint32_t btf_find(const struct btf *b, enum btf_kind kind, const char *name)
{
	uint32_t id = b->base ? btf_find(b->base, kind, name) : 0, i;

	for (i = 0; !id && i < b->count - b->start; i++) {
		const uint8_t *p = b->types + b->offs[i];

		if (KIND(rd32(p + 4)) == kind && !strcmp(name_at(b, rd32(p)), name))
			id = b->start + i;
	}
	return id;
}

uint32_t btf_skip_modifiers(const struct btf *b, uint32_t id)
{
	const uint8_t *p;
	unsigned n;

	for (n = 0; n < 32; n++) {
		p = record(b, id);
		if (!p || !(MODIFIERS & 1u << KIND(rd32(p + 4))))
			return id;
		id = rd32(p + 8);
	}
	return 0;
}
