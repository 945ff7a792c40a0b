// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel types from BTF. Names are copied into the types' arena: the BTF
 * itself is closed once the script is compiled, and a board's 5 MB of it
 * should not stay in memory while it traces.
 */
#include "lang/ktype.h"

struct btf *ktype_btf(struct ktypes *kt)
{
	const char *path, *why;

	if (kt->opened)
		return kt->btf;
	kt->opened = true;
	path = target_btf(kt->target);
	if (!path) {
		kt->why = kt->target->host ?
			  "this kernel has no BTF (/sys/kernel/btf/vmlinux: CONFIG_DEBUG_INFO_BTF)" :
			  "the target's types are unknown (SONDE_BTF names a copy of its "
			  "/sys/kernel/btf/vmlinux)";
		return NULL;
	}
	kt->btf = btf_open(path, NULL, &why);
	if (!kt->btf)
		kt->why = arena_printf(kt->types, "%s %s", path, why);
	return kt->btf;
}

/* The struct, union or enum of an id, made once so that each has one identity. */
static struct type *made(struct ktypes *kt, uint32_t id, const struct btf_type_info *bt)
{
	struct enumerator *e;
	struct type *t;
	unsigned i;

	for (i = 0; i < kt->nmade; i++)
		if (kt->made[i]->btf_id == id)
			return kt->made[i];
	if (bt->kind == BTF_STRUCT || bt->kind == BTF_UNION) {
		t = type_new(kt->types, &(struct type){
			.kind = TYPE_STRUCT, .size = bt->size, .align = 1, .btf_id = id, .lazy = true,
			.name = arena_strdup(kt->types, *bt->name ? bt->name : "(anonymous)") });
	} else {
		t = type_new(kt->types, type_int(bt->size, bt->is_signed));
		t->fmt = FMT_ENUM;
		t->btf_id = id;
		t->name = arena_printf(kt->types, "enum %s", bt->name);
		t->enums = e = arena_alloc(kt->types, bt->vlen * sizeof(*e));
		for (i = 0; btf_enumerator(kt->btf, id, i, &e[i].name, &e[i].value); i++)
			e[i].name = arena_strdup(kt->types, e[i].name);
		t->nenums = i;
	}
	kt->made = arena_room(kt->types, kt->made, kt->nmade, sizeof(*kt->made));
	kt->made[kt->nmade++] = t;
	return t;
}

/* Pointers and arrays of pointers and arrays, deeper than C code goes: only malformed BTF. */
#define MAX_DEPTH 32

static struct type *type_of(struct ktypes *kt, uint32_t id, unsigned depth)
{
	struct btf_type_info bt;
	uint32_t full;

	id = btf_skip_modifiers(kt->btf, id);
	if (!btf_type(kt->btf, id, &bt) || depth > MAX_DEPTH)
		return &type_void;
	switch (bt.kind) {
	case BTF_INT:
		if (!strcmp(bt.name, "char"))
			return &type_char;
		/* __int128: as bytes */
		return bt.size > 8 ? type_array(kt->types, &type_u8, bt.size) :
		       type_int(bt.size, bt.is_signed);
	case BTF_FLOAT:
		return type_int(bt.size, false);
	case BTF_PTR:
		return type_ptr(kt->types, type_of(kt, bt.type, depth + 1), kt->target->arch->reg_size,
				SPACE_KERNEL);
	case BTF_ARRAY:
		return type_array(kt->types, type_of(kt, bt.type, depth + 1), bt.vlen);
	case BTF_FWD:
		/* A struct declared here and defined elsewhere in the kernel. */
		full = btf_find(kt->btf, bt.kind_flag ? BTF_UNION : BTF_STRUCT, bt.name);
		if (full)
			return type_of(kt, full, depth + 1);
		bt.kind = BTF_STRUCT;
		return made(kt, id, &bt);
	case BTF_STRUCT:
	case BTF_UNION:
	case BTF_ENUM:
	case BTF_ENUM64:
		return made(kt, id, &bt);
	default:
		return &type_void;	/* functions */
	}
}

struct type *ktype_of(struct ktypes *kt, uint32_t id)
{
	return type_of(kt, id, 0);
}

struct type *ktype_named(struct ktypes *kt, const char *text)
{
	static const struct {
		const char *word;
		enum btf_kind kind, other;
	} tags[] = {
		{ "struct ", BTF_STRUCT, BTF_STRUCT }, { "union ", BTF_UNION, BTF_UNION },
		{ "enum ", BTF_ENUM, BTF_ENUM64 },
	};
	uint32_t id = 0;
	size_t i, len;

	if (!ktype_btf(kt))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(tags); i++) {
		len = strlen(tags[i].word);
		if (!strncmp(text, tags[i].word, len)) {
			id = btf_find(kt->btf, tags[i].kind, text + len);
			if (!id)
				id = btf_find(kt->btf, tags[i].other, text + len);
			return id ? ktype_of(kt, id) : NULL;
		}
	}
	id = btf_find(kt->btf, BTF_TYPEDEF, text);
	return id ? ktype_of(kt, id) : NULL;
}

/*
 * A bitfield: the unit of its type that holds it, or 8 bytes from its
 * first byte where a packed struct makes it straddle two units.
 */
static void put_bitfield(struct ktypes *kt, struct type *st, const char *name, struct type *t,
			 const struct btf_member_info *m)
{
	unsigned unit = t->size * 8, offset = m->bit_offset / unit * t->size, shift;
	struct field *f;

	if ((m->bit_offset % unit) + m->bit_size > unit) {
		t = type_int(8, t->is_signed);
		offset = m->bit_offset / 8;
		unit = 64;
	}
	shift = m->bit_offset - offset * 8;
	f = type_put_field(kt->types, st, name, t, offset);
	f->bits = (unsigned char)m->bit_size;
	/* BTF counts a big-endian struct's bits from the most significant. */
	f->shift = (unsigned char)(kt->target->arch->big_endian ? unit - shift - m->bit_size :
				   shift);
}

/*
 * The members of id into st from offset on: an anonymous member's are
 * st's own, as in C. The depth and the count of members (the kernel's
 * largest struct has a few hundred) bound what malformed BTF could make
 * endless.
 */
static void put_members(struct ktypes *kt, struct type *st, uint32_t id, unsigned offset,
			unsigned depth)
{
	struct btf_member_info m;
	struct type *t;
	uint32_t i;

	for (i = 0; st->nfields < 4096 && btf_member(kt->btf, id, i, &m); i++) {
		t = ktype_of(kt, m.type);
		m.bit_offset += offset * 8;
		if (!*m.name && t->kind == TYPE_STRUCT && depth < 16)
			put_members(kt, st, t->btf_id, m.bit_offset / 8, depth + 1);
		else if (m.bit_size && t->kind == TYPE_INT)
			put_bitfield(kt, st, arena_strdup(kt->types, m.name), t, &m);
		else
			type_put_field(kt->types, st, arena_strdup(kt->types, m.name), t,
				       m.bit_offset / 8);
	}
}

void ktype_fill(struct ktypes *kt, struct type *st)
{
	unsigned size;

	if (!st->lazy)
		return;
	st->lazy = false;
	size = st->size;
	put_members(kt, st, st->btf_id, 0, 0);
	st->size = size;
}

const struct field *ktype_field(struct ktypes *kt, struct type *st, const char *name)
{
	ktype_fill(kt, st);
	return type_field(st, name);
}

uint32_t ktype_func(struct ktypes *kt, const char *name)
{
	uint32_t id;

	if (!ktype_btf(kt))
		return 0;
	id = btf_find(kt->btf, BTF_FUNC, name);
	if (!id)
		kt->why = arena_printf(kt->types, "the kernel's BTF has no function '%s'", name);
	return id;
}

void ktype_close(struct ktypes *kt)
{
	btf_close(kt->btf);
	kt->btf = NULL;
}

void ktype_spell(struct ktypes *kt, uint32_t id, struct buf *b)
{
	static const char *const tags[] = { [BTF_STRUCT] = "struct ", [BTF_UNION] = "union ",
					    [BTF_ENUM] = "enum ", [BTF_ENUM64] = "enum ", [BTF_FWD] = "struct ",
					    [BTF_CONST] = "const ", [BTF_VOLATILE] = "volatile " };
	struct btf_type_info t;
	unsigned depth;

	/* Qualifiers first, then the name: "const struct file *" is spelt pointer last. */
	for (depth = 0; depth < 16 && btf_type(kt->btf, id, &t); depth++, id = t.type) {
		if (t.kind == BTF_CONST || t.kind == BTF_VOLATILE) {
			buf_printf(b, "%s", tags[t.kind]);
			continue;
		}
		if (t.kind == BTF_PTR) {
			ktype_spell(kt, t.type, b);
			buf_printf(b, " *");
			return;
		}
		if (t.kind == BTF_VOID || t.kind == BTF_FUNC_PROTO || !*t.name)
			buf_printf(b, "void");
		else
			buf_printf(b, "%s%s", t.kind < ARRAY_SIZE(tags) && tags[t.kind] ? tags[t.kind] : "",
				   t.name);
		return;
	}
}
