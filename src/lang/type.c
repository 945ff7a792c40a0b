// SPDX-License-Identifier: GPL-2.0
#include "base/buf.h"
#include "lang/type.h"

#define INT_TYPE(sz, sgn) { .kind = TYPE_INT, .size = sz, .align = sz, .is_signed = sgn }

struct type type_void = { .kind = TYPE_VOID };
struct type type_u8 = INT_TYPE(1, false), type_s8 = INT_TYPE(1, true);
struct type type_u16 = INT_TYPE(2, false), type_s16 = INT_TYPE(2, true);
struct type type_u32 = INT_TYPE(4, false), type_s32 = INT_TYPE(4, true);
struct type type_u64 = INT_TYPE(8, false), type_s64 = INT_TYPE(8, true);
struct type type_char = { .kind = TYPE_INT, .size = 1, .align = 1, .is_signed = true, .name = "char" };
/* A task's name, as comm and execname give it: the kernel's TASK_COMM_LEN. */
struct type type_comm = { .kind = TYPE_ARRAY, .size = 16, .align = 1, .base = &type_char, .len = 16 };

struct type *type_int(unsigned size, bool is_signed)
{
	switch (size) {
	case 1: return is_signed ? &type_s8 : &type_u8;
	case 2: return is_signed ? &type_s16 : &type_u16;
	case 4: return is_signed ? &type_s32 : &type_u32;
	default: return is_signed ? &type_s64 : &type_u64;
	}
}

struct type *type_by_name(const char *name)
{
	static const struct {
		const char *name;
		struct type *type;
	} names[] = {
		{ "u8", &type_u8 }, { "u16", &type_u16 }, { "u32", &type_u32 }, { "u64", &type_u64 },
		{ "s8", &type_s8 }, { "s16", &type_s16 }, { "s32", &type_s32 }, { "s64", &type_s64 },
		{ "uint8", &type_u8 }, { "uint16", &type_u16 }, { "uint32", &type_u32 },
		{ "uint64", &type_u64 }, { "int8", &type_s8 }, { "int16", &type_s16 },
		{ "int32", &type_s32 }, { "int64", &type_s64 }, { "char", &type_char },
		{ "void", &type_void },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(names[i].name, name))
			return names[i].type;
	return NULL;
}

struct type *type_new(struct arena *a, const struct type *proto)
{
	struct type *t = arena_alloc(a, sizeof(*t));

	*t = *proto;
	return t;
}

struct type *type_ptr(struct arena *a, struct type *base, unsigned size, enum addr_space space)
{
	return type_new(a, &(struct type){
		.kind = TYPE_PTR, .size = size, .align = size, .base = base,
		.space = space, .fmt = FMT_HEX });
}

struct type *type_array(struct arena *a, struct type *base, unsigned len)
{
	return type_new(a, &(struct type){
		.kind = TYPE_ARRAY, .size = base->size * len, .align = base->align,
		.base = base, .len = len });
}

struct type *type_with_fmt(struct arena *a, struct type *t, enum type_fmt fmt)
{
	struct type *n;

	if (t->fmt == fmt)
		return t;
	n = type_new(a, t);
	n->fmt = fmt;
	return n;
}

struct field *type_add_field(struct arena *a, struct type *st, const char *name, struct type *t)
{
	return type_put_field(a, st, name, t, ALIGN_UP(st->size, t->align ? t->align : 1));
}

struct field *type_put_field(struct arena *a, struct type *st, const char *name, struct type *t,
			     unsigned offset)
{
	struct field *f = arena_alloc(a, sizeof(*f)), **tail;
	unsigned align = t->align ? t->align : 1;

	f->name = name;
	f->type = t;
	f->offset = offset;
	st->size = MAX(st->size, f->offset + t->size);
	if (align > st->align)
		st->align = align;
	for (tail = &st->fields; *tail; tail = &(*tail)->next)
		;
	*tail = f;
	st->nfields++;
	return f;
}

void type_seal(struct type *st)
{
	if (!st->align)
		st->align = 1;
	st->size = ALIGN_UP(st->size, st->align);
}

struct field *type_field(const struct type *st, const char *name)
{
	struct field *f;

	for (f = st->fields; f; f = f->next)
		if (f->name && !strcmp(f->name, name))
			return f;
	return NULL;
}

bool type_is_scalar(const struct type *t)
{
	return t->kind == TYPE_INT || t->kind == TYPE_PTR;
}

bool type_is_string(const struct type *t)
{
	/* char, not u8: __u8 saddr[4] is four numbers */
	return t->kind == TYPE_ARRAY && t->base == &type_char && t->fmt != FMT_MEM;
}

bool type_equal(const struct type *a, const struct type *b)
{
	const struct field *fa, *fb;

	if (a == b)
		return true;
	if (a->kind != b->kind || a->size != b->size)
		return false;
	switch (a->kind) {
	case TYPE_VOID:
		return true;
	case TYPE_INT:
		return a->is_signed == b->is_signed;
	case TYPE_PTR:
		return a->space == b->space && type_equal(a->base, b->base);
	case TYPE_ARRAY:
		return a->len == b->len && type_equal(a->base, b->base);
	case TYPE_STRUCT:
		if (a->btf_id || b->btf_id || a->nfields != b->nfields)
			return false;
		for (fa = a->fields, fb = b->fields; fa; fa = fa->next, fb = fb->next)
			if (fa->offset != fb->offset || !type_equal(fa->type, fb->type))
				return false;
		return true;
	}
	return false;
}

static void name_into(struct buf *b, const struct type *t)
{
	const struct field *f;

	switch (t->kind) {
	case TYPE_VOID:
		buf_printf(b, "void");
		break;
	case TYPE_INT:
		if (t->name)
			buf_printf(b, "%s", t->name);
		else
			buf_printf(b, "%c%u", t->is_signed ? 's' : 'u', t->size * 8);
		break;
	case TYPE_PTR:
		name_into(b, t->base);
		buf_printf(b, " *");
		break;
	case TYPE_ARRAY:
		name_into(b, t->base);
		buf_printf(b, "[%u]", t->len);
		break;
	case TYPE_STRUCT:
		if (t->name) {
			buf_printf(b, "struct %s", t->name);
			break;
		}
		buf_printf(b, "{ ");
		for (f = t->fields; f; f = f->next) {
			name_into(b, f->type);
			buf_printf(b, f->next ? ", " : " }");
		}
		break;
	}
}

const char *type_name(struct arena *a, const struct type *t)
{
	struct buf b = { 0 };
	char *s;

	name_into(&b, t);
	s = arena_strdup(a, b.data);
	buf_free(&b);
	return s;
}

struct type *type_storage(struct arena *a, struct type *t)
{
	struct type *st;
	struct field *f;

	switch (t->kind) {
	case TYPE_INT:
		if (t->size == 8 && !t->name)
			return t;
		if (t->fmt == FMT_ENUM) {
			st = type_new(a, t);
			st->size = st->align = 8;
			return st;
		}
		return type_with_fmt(a, type_int(8, t->is_signed), t->fmt);
	case TYPE_PTR:
		if (t->size == 8)
			return t;
		st = type_new(a, t);
		st->size = st->align = 8;
		return st;
	case TYPE_ARRAY:
		if (!type_is_string(t) || t->size % 8 == 0)
			return t;
		st = type_array(a, t->base, ALIGN_UP(t->len, 8));
		st->fmt = t->fmt;
		return st;
	case TYPE_STRUCT:
		if (t->name)
			return t;	/* a kernel struct keeps its layout */
		st = type_new(a, &(struct type){ .kind = TYPE_STRUCT });
		for (f = t->fields; f; f = f->next)
			type_add_field(a, st, NULL, type_storage(a, f->type));
		type_seal(st);
		return st;
	case TYPE_VOID:
		break;
	}
	return t;
}

struct type *type_unify(struct arena *a, struct type *x, struct type *y)
{
	struct type *st;
	struct field *fx, *fy;

	if (!x)
		return y;
	if (!y)
		return x;
	if (type_equal(x, y))
		return x->fmt == y->fmt ? x : type_with_fmt(a, x, FMT_PLAIN);
	if (x->kind != y->kind)
		return NULL;
	switch (x->kind) {
	case TYPE_INT:
		return type_with_fmt(a, type_int(8, x->is_signed || y->is_signed),
				     x->fmt == y->fmt ? x->fmt : FMT_PLAIN);
	case TYPE_PTR:
		if (x->space != y->space)
			return NULL;
		return type_ptr(a, &type_void, 8, x->space);
	case TYPE_ARRAY:
		if (!type_is_string(x) || !type_is_string(y))
			return NULL;
		return x->len > y->len ? x : y;
	case TYPE_STRUCT:
		if (x->name || y->name || x->nfields != y->nfields)
			return NULL;
		st = type_new(a, &(struct type){ .kind = TYPE_STRUCT });
		for (fx = x->fields, fy = y->fields; fx; fx = fx->next, fy = fy->next) {
			struct type *ft = type_unify(a, fx->type, fy->type);

			if (!ft)
				return NULL;
			type_add_field(a, st, NULL, ft);
		}
		type_seal(st);
		return st;
	case TYPE_VOID:
		break;
	}
	return NULL;
}
