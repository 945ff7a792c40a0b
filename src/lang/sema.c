// SPDX-License-Identifier: GPL-2.0
/*
 * Semantic analysis: binds probes to providers and names to built-ins and
 * maps, infers a static type for every expression, and settles the key and
 * value types of every map from all its uses in all probes.
 */
#include <errno.h>
#include <stdlib.h>

#include "base/buf.h"
#include "base/text.h"
#include "lang/builtin.h"
#include "lang/provider.h"
#include "lang/sema.h"

#define MAX_PASSES 16
#define MAX_UNROLL 100

struct node *call_arg(const struct node *call, unsigned n)
{
	struct node *a = call->call.args;

	while (a && n--)
		a = a->next;
	return a;
}

const char *sema_type_name(struct sema *sm, const struct type *t)
{
	return type_name(sm->scratch, t);
}

#define tname sema_type_name

/* Whether the probe's provider offers what the built-in needs. */
static bool offered(const struct sema *sm, const struct builtin *b)
{
	return (sm->p->provider->offers & b->needs) == b->needs;
}

static struct map *find_map(const struct sema *sm, const char *name)
{
	struct map *m;

	for (m = sm->maps; m; m = m->next)
		if (!strcmp(m->name, name))
			return m;
	return NULL;
}

static noreturn void unknown_name(struct sema *sm, const struct node *n, const char *what,
				  const char *name, enum builtin_kind kind)
{
	const struct builtin *b;
	struct suggest sg;
	struct map *m;

	suggest_init(&sg, name);
	for (b = builtins; b->name; b++)
		if ((b->kind == kind || (kind == BUILTIN_FUNC && b->kind == BUILTIN_AGG)) &&
		    offered(sm, b))
			suggest_offer(&sg, b->name);
	for (m = sm->maps; kind == BUILTIN_VAR && m; m = m->next)
		suggest_offer(&sg, m->name);
	if (suggest_best(&sg))
		error_at(&n->loc, "unknown %s '%s'; did you mean '%s'?", what, name,
			 suggest_best(&sg));
	error_at(&n->loc, "unknown %s '%s' in a %s probe", what, name, sm->p->provider->name);
}

/* The built-in of that name; an error if this probe's provider lacks it. */
/* The built-in a name means here: not a bpftrace name the script's maps take. */
static const struct builtin *builtin_named(const struct sema *sm, const char *name)
{
	const struct builtin *b = builtin_find(name);

	return b && b->yields && find_map(sm, name) ? NULL : b;
}

static const struct builtin *lookup(struct sema *sm, const struct node *n, const char *name)
{
	const struct builtin *b = builtin_named(sm, name);

	if (b && !offered(sm, b))
		error_at(&n->loc, "%s is only available in %s", b->name, builtin_where(b));
	return b;
}

void sema_want_int(struct sema *sm, struct node *arg, const char *what)
{
	struct type *t = sema_expr(sm, arg);

	if (t && t->kind != TYPE_INT && t->kind != TYPE_PTR)
		error_at(&arg->loc, "%s must be an integer, not %s", what, tname(sm, t));
}

void sema_want_string(struct sema *sm, struct node *arg, const char *what)
{
	struct type *t = sema_expr(sm, arg);

	if (t && !type_is_string(t))
		error_at(&arg->loc, "%s must be a string, not %s", what, tname(sm, t));
}

uint64_t sema_const(struct sema *sm, struct node *arg, const char *what)
{
	sema_want_int(sm, arg, what);
	if (arg->kind != NODE_NUM)
		error_at(&arg->loc, "%s must be a constant", what);
	return arg->num;
}

/* Merges a new use of a map into its key or value type. */
static void unify(struct sema *sm, struct map *m, struct type **slot, struct type *t,
		  const struct node *at, const char *what)
{
	struct type *u;

	if (!t)
		return;
	u = type_unify(sm->types, *slot, type_storage(sm->types, t));
	if (!u)
		error_at(&at->loc, "%s of map '%s' is %s here, but %s elsewhere", what, m->name,
			 tname(sm, t), tname(sm, *slot));
	if (!*slot || !type_equal(*slot, u) || (*slot)->fmt != u->fmt) {
		*slot = u;
		sm->changed = true;
	}
}

/* The key type of map[k1, k2...]: the key itself, or a tuple of them. */
static struct type *key_type(struct sema *sm, struct node *n)
{
	struct type *tuple, *t;
	struct node *k;

	if (n->map.nkeys == 1)
		return sema_expr(sm, n->map.keys);
	tuple = type_new(sm->types, &(struct type){ .kind = TYPE_STRUCT });
	for (k = n->map.keys; k; k = k->next) {
		t = sema_expr(sm, k);
		if (!t)
			return NULL;
		type_add_field(sm->types, tuple, NULL, t);
	}
	type_seal(tuple);
	return tuple;
}

void sema_map_key(struct sema *sm, struct node *n)
{
	struct map *m = find_map(sm, n->map.name);
	bool keyless = !n->map.nkeys;

	n->map.map = m;
	n->map.agg = m->agg;
	if (m->used && m->keyless != keyless)
		error_at(&n->loc, "map '%s' is used %s a key elsewhere", m->name,
			 keyless ? "with" : "without");
	if (!keyless)
		unify(sm, m, &m->key, key_type(sm, n), n, "the key");
	m->by_cpu = (!m->used || m->by_cpu) && n->map.nkeys == 1 &&
		    n->map.keys->kind == NODE_VAR && n->map.keys->var.def->id == BI_CPU;
	m->used = true;
	m->keyless = keyless;
}

struct map *sema_whole_map(struct sema *sm, struct node *n)
{
	struct map *m;

	if (n->kind == NODE_MAP && n->map.whole) {
		n->map.map = find_map(sm, n->map.name);
		return n->map.map;
	}
	if (n->kind != NODE_VAR || builtin_named(sm, n->var.name) || !(m = find_map(sm, n->var.name)))
		return NULL;
	n->kind = NODE_MAP;
	n->map = (typeof(n->map)){ .name = m->name, .agg = m->agg, .whole = true, .map = m };
	return m;
}

/* What an element of the map reads as, in a probe; n is where. */
static struct type *map_value(struct sema *sm, struct map *m, const struct node *n)
{
	if (m->agg) {
		/* One copy for all CPUs, updated atomically, reads as its value. */
		m->read = true;
		/* Untyped until the aggregation's argument is. */
		if (!m->aggfn || !m->value)
			return NULL;
		if (m->aggfn->shape == AGG_LOG2 || m->aggfn->shape == AGG_LINEAR ||
		    m->aggfn->shape == AGG_STATS)
			error_at(&n->loc, "'%s' is a %s(): it has no single value to read",
				 m->name, m->aggfn->name);
		return m->value->kind == TYPE_STRUCT ? m->value->fields->type : m->value;
	}
	if (!m->value && sm->final)
		error_at(&n->loc, "map '%s' is read here but never assigned", m->name);
	return m->value;
}

static struct type *sema_map_read(struct sema *sm, struct node *n)
{
	struct map *m = find_map(sm, n->map.name);

	/* The value of a map without keys, as in "@n = count(); if (@n > 9)". */
	if (n->map.whole && (!m->used || m->keyless))
		n->map.whole = false;
	if (n->map.whole)
		error_at(&n->loc, "map '%s' is used as a value: index it (%s[key]), "
			 "or pass it to print() or clear()", n->map.name, n->map.name);
	sema_map_key(sm, n);
	return map_value(sm, n->map.map, n);
}

/* Whether some statement of the script assigns the scratch variable. */
static bool assigned(const struct sema *sm, const char *name)
{
	unsigned i;

	for (i = 0; i < sm->nassigned; i++)
		if (!strcmp(sm->assigned[i], name))
			return true;
	return false;
}

static struct var *find_var(const struct sema *sm, const char *name)
{
	const struct scope *s;
	struct var *v;

	for (s = sm->scope; s; s = s->up)
		for (v = s->block->block.vars; v; v = v->next)
			if (!strcmp(v->name, name))
				return v;
	return NULL;
}

/* A word of the command line or the environment as a constant: a number if it is one. */
static void make_constant(struct node *n, const char *text)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(text, &end, 0);
	if (*text && !*end && !errno) {
		n->kind = NODE_NUM;
		n->num = (uint64_t)v;
		n->type = NULL;
		return;
	}
	n->kind = NODE_STR;
	n->str.data = text;
	n->str.len = strlen(text);
}

/*
 * $1...$N and $#, the words after the program; a $NAME the script never
 * assigns is, as in ply, the environment variable NAME. Both become
 * constants; other variables are looked up in the blocks around.
 */
static struct type *sema_scratch(struct sema *sm, struct node *n)
{
	const char *name = n->scratch.name, *env;
	char *end;
	unsigned long k;

	if (!strcmp(name, "$#")) {
		make_constant(n, arena_printf(sm->scratch, "%u", sm->opt->nparams));
		return sema_expr(sm, n);
	}
	if (name[1] >= '0' && name[1] <= '9') {
		k = strtoul(name + 1, &end, 10);
		if (*end || !k || k > sm->opt->nparams)
			error_at(&n->loc, "%s is not given: the command line has %u parameter%s "
				 "after the program", name, sm->opt->nparams,
				 sm->opt->nparams == 1 ? "" : "s");
		make_constant(n, sm->opt->params[k - 1]);
		return sema_expr(sm, n);
	}
	n->scratch.var = find_var(sm, name);
	if (n->scratch.var)
		return n->scratch.var->type;
	if (assigned(sm, name))
		error_at(&n->loc, "%s is read before it is assigned, or outside the block that "
			 "assigns it", name);
	/* ply's $target, the -c command's pid: not known until it is forked */
	if (!strcmp(name, "$target") && sm->opt->command) {
		n->kind = NODE_VAR;
		n->var.name = "cpid";
		n->var.def = NULL;
		return sema_expr(sm, n);
	}
	env = getenv(name + 1);
	if (!env)
		error_at(&n->loc, "%s is never assigned, and there is no environment variable %s "
			 "(a $NAME the script does not assign is read from the environment, as "
			 "in ply)", name, name + 1);
	make_constant(n, arena_strdup(sm->scratch, env));
	return sema_expr(sm, n);
}

/* (a, b, ...): a struct of the storage types of its elements. */
static struct type *sema_tuple(struct sema *sm, struct node *n)
{
	struct type *st = type_new(sm->types, &(struct type){ .kind = TYPE_STRUCT }), *t;
	struct node *e;

	for (e = n->tuple.elems; e; e = e->next) {
		t = sema_expr(sm, e);
		if (!t)
			return NULL;
		if (t->kind == TYPE_VOID)
			error_at(&e->loc, "this has no value to put in a tuple");
		type_add_field(sm->types, st, NULL, type_storage(sm->types, t));
	}
	type_seal(st);
	return st;
}

/*
 * (u8)x truncates or extends an integer; (u32 *)p makes a typed pointer
 * of an integer or another pointer, pointing where that one does (where
 * the provider's arguments point, for an integer).
 */
/* C's integer words, "unsigned long long"; NULL if text has none. */
static struct type *c_integer(struct sema *sm, const char *text)
{
	unsigned longs = 0, size = 4;
	bool is_signed = true, any = false;
	const char *w;
	size_t len;

	for (w = text; *w; w += len + (w[len] == ' ')) {
		len = strcspn(w, " ");
		any = true;
		if (!strncmp(w, "unsigned", len))
			is_signed = false;
		else if (!strncmp(w, "long", len))
			longs++;
		else if (!strncmp(w, "short", len))
			size = 2;
		else if (!strncmp(w, "char", len))
			size = 1;
		else if (strncmp(w, "signed", len) && strncmp(w, "int", len))
			return NULL;
	}
	if (!any)
		return NULL;
	/* A long of a uprobe's task is the task's: 4 bytes for an i686 one on x86_64. */
	if (longs)
		size = longs > 1 ? 8 : target_regs(sm->target, sm->p &&
						   sm->p->provider->space == SPACE_USER)->reg_size;
	if (!strcmp(text, "char"))
		return &type_char;
	return type_int(size, is_signed);
}

struct type *sema_tagged(struct sema *sm, const char *text)
{
	unsigned i;

	for (i = 0; i < sm->nctypes; i++)
		if (!strcmp(sm->ctypes[i]->name, strchr(text, ' ') + 1))
			return sm->ctypes[i];
	return ktype_named(sm->kt, text);
}

/*
 * The type a declaration or a cast names: a struct the script declares,
 * C's integer words, or a name such as u32, uint32, __u32 or uint32_t.
 */
struct type *sema_ctype(struct sema *sm, const char *text, const struct loc *loc)
{
	struct type *t;
	char name[32];

	if (!strncmp(text, "struct ", 7) || !strncmp(text, "union ", 6) ||
	    !strncmp(text, "enum ", 5)) {
		t = sema_tagged(sm, text);
		if (!t && sm->kt->btf)
			error_at(loc, "unknown %s: neither the script nor the kernel's BTF has it",
				 text);
		if (!t)
			error_at(loc, "unknown %s: the script declares none, and %s", text,
				 sm->kt->why);
		return t;
	}
	t = c_integer(sm, text);
	if (!t) {
		/* __u32 and uint32_t as u32 and uint32 */
		snprintf(name, sizeof(name), "%s", text + 2 * !strncmp(text, "__", 2));
		if (strlen(name) > 2 && !strcmp(name + strlen(name) - 2, "_t"))
			name[strlen(name) - 2] = '\0';
		t = type_by_name(name);
	}
	if (!t && (!strcmp(text, "bool") || !strcmp(text, "_Bool")))
		t = &type_u8;
	if (!t)
		t = ktype_named(sm->kt, text);	/* a kernel typedef: pid_t, sector_t */
	if (!t)
		error_at(loc, "unknown type '%s': types are u8...u64, s8...s64, uint8...uint64, "
			 "int8...int64, C's char, short, int and long, void, the structs the "
			 "script declares and the kernel's types (BTF)", text);
	return t;
}

/*
 * A bitfield of bits at *bit: it starts a new unit of its type if it
 * would straddle one, as C compilers lay them out.
 */
static void put_bitfield(struct sema *sm, struct type *st, const struct cfield *cf,
			 struct type *t, unsigned *bit)
{
	unsigned unit = t->size * 8;
	struct field *f;

	if (!cf->bits || cf->bits > unit)
		error_at(&cf->loc, "a bitfield of %s has 1 to %u bits", cf->ctype, unit);
	if (*bit / unit != (*bit + cf->bits - 1) / unit)
		*bit = ALIGN_UP(*bit, unit);
	f = type_put_field(sm->types, st, cf->name, t, *bit / unit * t->size);
	f->bits = (unsigned char)cf->bits;
	f->shift = (unsigned char)(*bit % unit);
	if (sm->target->arch->big_endian)
		f->shift = (unsigned char)(unit - f->shift - cf->bits);
	*bit += cf->bits;
}

/* The script's struct declarations as types, each able to point to itself. */
static void sema_structs(struct sema *sm)
{
	const struct cstruct *cs;
	const struct cfield *cf;

	for (cs = sm->structs; cs; cs = cs->next) {
		struct type *st = type_new(sm->types, &(struct type){ .kind = TYPE_STRUCT,
								      .name = cs->name });
		unsigned bit = 0, i;

		for (i = 0; i < sm->nctypes; i++)
			if (!strcmp(sm->ctypes[i]->name, cs->name))
				error_at(&cs->loc, "struct %s is declared twice", cs->name);
		sm->ctypes = arena_room(sm->scratch, sm->ctypes, sm->nctypes, sizeof(*sm->ctypes));
		sm->ctypes[sm->nctypes++] = st;
		for (cf = cs->fields; cf; cf = cf->next) {
			struct type *t = sema_ctype(sm, cf->ctype, &cf->loc);

			for (i = 0; i < cf->stars; i++)
				t = type_ptr(sm->types, t, sm->target->arch->reg_size, SPACE_KERNEL);
			if (t == st || t->kind == TYPE_VOID)
				error_at(&cf->loc, "struct %s cannot hold a %s itself: only a pointer "
					 "to one", cs->name, cf->ctype);
			if (cf->len)
				t = type_array(sm->types, t, cf->len);
			if (cf->bits && t->kind != TYPE_INT)
				error_at(&cf->loc, "a bitfield must be an integer");
			if (cs->is_union)
				type_put_field(sm->types, st, cf->name, t, 0);
			else if (cf->bits)
				put_bitfield(sm, st, cf, t, &bit);
			else
				bit = 8 * (type_add_field(sm->types, st, cf->name, t)->offset + t->size);
		}
		type_seal(st);
	}
}

static struct type *sema_cast(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->cast.arg);
	struct type *to = n->cast.resolved ? n->cast.resolved : sema_ctype(sm, n->cast.to, &n->loc);
	enum addr_space space;
	unsigned i;

	if (!t)
		return NULL;
	if (!type_is_scalar(t))
		error_at(&n->loc, "%s cannot be cast: only integers and pointers can", tname(sm, t));
	if (!n->cast.stars && to->kind == TYPE_VOID)
		error_at(&n->loc, "a value cannot be cast to void");
	if (!n->cast.stars && to->kind == TYPE_STRUCT)
		error_at(&n->loc, "a value cannot be cast to a struct: cast it to a pointer, "
			 "(%s *)", tname(sm, to));
	space = t->kind == TYPE_PTR ? t->space : sm->p->provider->space;
	if (space == SPACE_CTX)
		space = SPACE_KERNEL;
	for (i = 0; i < n->cast.stars; i++)
		to = type_ptr(sm->types, to, 8, space);
	if (to->kind == TYPE_INT && n->cast.arg->kind == NODE_NUM) {
		/* Folded: the constant as the cast would leave it. */
		uint64_t v = n->cast.arg->num, mask = to->size < 8 ? (1ULL << 8 * to->size) - 1 : ~0ULL;
		uint64_t sign = (mask >> 1) + 1;

		v &= mask;
		n->kind = NODE_NUM;
		n->num = to->is_signed && (v & sign) ? v | ~mask : v;
	}
	return to;
}

/* C's usual arithmetic conversions, with every result widened to 64 bits. */
static struct type *arith_type(struct sema *sm, struct type *l, struct type *r)
{
	bool is_signed = (l->is_signed || l->size < 8) && (r->is_signed || r->size < 8);
	struct type *t = type_int(8, is_signed);

	/* A time plus or minus a duration is still a time. */
	if (l->fmt == FMT_TIME || (r->fmt == FMT_TIME && l->fmt == FMT_PLAIN))
		t = type_with_fmt(sm->types, t, FMT_TIME);
	return t;
}

static struct type *sema_binary(struct sema *sm, struct node *n)
{
	struct node *ln = n->binary.left, *rn = n->binary.right;
	struct type *l = sema_expr(sm, ln), *r = sema_expr(sm, rn);
	enum op op = n->binary.op;

	/* Known by nothing else, the unknown side is an integer like the other: n[k] = n[k] + 1. */
	if (sm->guess && l && !r && l->kind == TYPE_INT)
		r = l;
	if (sm->guess && r && !l && r->kind == TYPE_INT)
		l = r;
	if (!l || !r)
		return NULL;
	if (op >= OP_LAND) {
		if (!type_is_scalar(l))
			error_at(&ln->loc, "%s cannot be used as a condition", tname(sm, l));
		if (!type_is_scalar(r))
			error_at(&rn->loc, "%s cannot be used as a condition", tname(sm, r));
		return &type_s64;
	}
	if (type_is_string(l) && type_is_string(r) && (op == OP_EQ || op == OP_NE))
		return &type_s64;
	if (!type_is_scalar(l) || !type_is_scalar(r)) {
		struct node *bad = type_is_scalar(l) ? rn : ln;

		error_at(&n->loc, "'%s' cannot be applied to %s%s", op_spelling(op),
			 tname(sm, bad->type),
			 type_is_string(bad->type) && op >= OP_EQ ?
			 " (strings compare with == and != only; use strcmp())" : "");
	}
	if (op >= OP_EQ)
		return &type_s64;
	if (l->kind == TYPE_PTR && r->kind == TYPE_INT && (op == OP_ADD || op == OP_SUB))
		return l;
	if (l->kind == TYPE_PTR && r->kind == TYPE_PTR && op == OP_SUB)
		return &type_s64;
	if (l->kind == TYPE_PTR || r->kind == TYPE_PTR)
		error_at(&n->loc, "'%s' cannot be applied to a pointer", op_spelling(op));
	return arith_type(sm, l, r);
}

/*
 * Folds an operation on constants into one, computed as the eBPF
 * instructions would compute it at run time: signed division and
 * remainder wrap (INT64_MIN / -1 is INT64_MIN), where C would trap.
 */
static void fold(struct node *n)
{
	uint64_t l = n->binary.left->num, r = n->binary.right->num, v;
	bool s = n->binary.op == OP_SHR ? n->binary.left->type->is_signed : n->type->is_signed;
	bool neg_l = s && (int64_t)l < 0, neg_r = s && (int64_t)r < 0;
	uint64_t ml = neg_l ? -l : l, mr = neg_r ? -r : r;	/* magnitudes */

	switch (n->binary.op) {
	case OP_ADD: v = l + r; break;
	case OP_SUB: v = l - r; break;
	case OP_MUL: v = l * r; break;
	case OP_DIV: v = ml / mr; v = neg_l != neg_r ? -v : v; break;
	case OP_MOD: v = ml % mr; v = neg_l ? -v : v; break;
	case OP_AND: v = l & r; break;
	case OP_OR: v = l | r; break;
	case OP_XOR: v = l ^ r; break;
	case OP_SHL: v = l << r; break;
	case OP_SHR: v = neg_l ? ~(~l >> r) : l >> r; break;
	default: return;
	}
	n->kind = NODE_NUM;
	n->num = v;
}

/* Divisors and shift counts the instructions cannot take, known when compiling. */
static void check_constant_operand(struct node *n)
{
	struct node *r = n->binary.right;
	enum op op = n->binary.op;

	if (r->kind != NODE_NUM)
		return;
	if ((op == OP_DIV || op == OP_MOD) && !r->num)
		error_at(&n->loc, "division by zero");
	if ((op == OP_SHL || op == OP_SHR) && r->num > 63)
		error_at(&r->loc, "shift count %lld is out of range: it must be from 0 to 63",
			 (long long)r->num);
}

static struct type *sema_unary(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->unary.arg);

	if (!t)
		return NULL;
	switch (n->unary.op) {
	case OP_LNOT:
		if (!type_is_scalar(t))
			error_at(&n->loc, "'!' cannot be applied to %s", tname(sm, t));
		return &type_s64;
	case OP_DEREF:
		if (t->kind != TYPE_PTR || t->base->kind == TYPE_VOID)
			error_at(&n->loc, "only a typed pointer can be dereferenced, not %s",
				 tname(sm, t));
		ktype_fill(sm->kt, t->base);
		return t->base;
	default:
		if (t->kind != TYPE_INT)
			error_at(&n->loc, "'%s' cannot be applied to %s", op_spelling(n->unary.op),
				 tname(sm, t));
		if (n->unary.arg->kind == NODE_NUM) {
			uint64_t v = n->unary.arg->num;

			n->kind = NODE_NUM;
			n->num = n->unary.op == OP_NEG ? -v : ~v;
			return &type_s64;
		}
		return type_int(8, t->is_signed || t->size < 8);
	}
}

/* "a, b, c": the fields of a struct, for a message. */
static const char *field_names(struct sema *sm, const struct type *st)
{
	const struct field *f;
	struct buf names = { 0 };
	const char *s;

	for (f = st->fields; f; f = f->next)
		buf_printf(&names, "%s%s", names.len ? ", " : "", f->name);
	s = arena_strdup(sm->scratch, names.data ? names.data : "(none)");
	buf_free(&names);
	return s;
}

uint32_t sema_func(struct sema *sm)
{
	struct probe *p = sm->p;

	/* fentry's is found when it resolves; a kprobe's when first needed. */
	if (p->kfunc && !p->btf_func)
		p->btf_func = ktype_func(sm->kt, p->kfunc);
	return p->btf_func;
}

uint32_t sema_func_return(struct sema *sm)
{
	struct btf_type_info func, proto;
	uint32_t id = sema_func(sm);

	if (!id || !btf_type(sm->kt->btf, id, &func) || !btf_type(sm->kt->btf, func.type, &proto))
		return 0;
	return proto.type;
}

struct type *sema_func_type(struct sema *sm, uint32_t id)
{
	struct type *t;

	if (!id)
		return NULL;
	t = ktype_of(sm->kt, id);
	if (t->kind != TYPE_PTR)
		return t;
	t = type_new(sm->types, t);
	t->space = sm->p->provider->space;
	return t;
}

/*
 * bpftrace's args->NAME in a probe on a kernel function: the parameter
 * so named in its BTF prototype, as (TYPE)argN.
 */
static struct type *sema_func_arg(struct sema *sm, struct node *n)
{
	const char *kfunc = sm->p->kfunc;
	uint32_t func = sema_func(sm), type;
	struct node *reg = arena_alloc(sm->scratch, sizeof(*reg));
	const char *name;
	struct suggest sg;
	unsigned i;

	if (!kfunc)
		error_at(&n->loc, "args->%s is typed by one function's prototype, and %s is not "
			 "on one function: read arg0... instead", n->member.name, sm->p->spec);
	if (!func)
		error_at(&n->loc, "args->%s needs the prototype of %s, but %s; read arg0... instead",
			 n->member.name, kfunc, sm->kt->why);
	suggest_init(&sg, n->member.name);
	for (i = 0; btf_param(sm->kt->btf, func, i, &name, &type); i++) {
		if (!strcmp(name, n->member.name))
			break;
		suggest_offer(&sg, name);
	}
	if (!btf_param(sm->kt->btf, func, i, &name, &type) || !type)
		error_at(&n->loc, "%s has no parameter '%s'%s%s%s", kfunc, n->member.name,
			 suggest_best(&sg) ? "; did you mean '" : "",
			 suggest_best(&sg) ? suggest_best(&sg) : "", suggest_best(&sg) ? "'?" : "");
	reg->kind = NODE_VAR;
	reg->loc = n->loc;
	reg->var.name = arena_printf(sm->scratch, "arg%u", i);
	reg->var.def = builtin_find(reg->var.name);
	if (!reg->var.def)
		error_at(&n->loc, "args->%s is argument %u, past those sonde reads (arg0 to arg11)",
			 n->member.name, i);
	n->kind = NODE_CAST;
	n->cast = (typeof(n->cast)){ .resolved = sema_func_type(sm, type), .arg = reg };
	return sema_expr(sm, n);
}

static noreturn void no_field(struct sema *sm, const struct node *n, const struct type *st)
{
	const struct field *f;
	struct suggest sg;

	if (!strncmp(n->member.name, "common_", 7))
		error_at(&n->loc, "the common fields of a tracepoint record are hidden from "
			 "BPF programs; use pid, tid or comm instead");
	if (st->nfields <= 16)
		error_at(&n->loc, "%s has no field '%s'; its fields are: %s", tname(sm, st),
			 n->member.name, field_names(sm, st));
	/* A kernel struct's are too many to list. */
	suggest_init(&sg, n->member.name);
	for (f = st->fields; f; f = f->next)
		suggest_offer(&sg, f->name);
	error_at(&n->loc, "%s has no field '%s'%s%s%s", tname(sm, st), n->member.name,
		 suggest_best(&sg) ? "; did you mean '" : "",
		 suggest_best(&sg) ? suggest_best(&sg) : "", suggest_best(&sg) ? "'?" : "");
}

/* Where the struct a member is read from lies: behind what pointer. */
static enum addr_space member_space(const struct node *obj)
{
	switch (obj->kind) {
	case NODE_MEMBER:
		if (!obj->member.arrow)
			return member_space(obj->member.obj);
		return obj->member.obj->type->space;
	case NODE_INDEX:
		return obj->index.obj->type->kind == TYPE_PTR ? obj->index.obj->type->space :
		       member_space(obj->index.obj);
	case NODE_UNARY:
		return obj->unary.arg->type->space;
	default:
		return obj->type && obj->type->kind == TYPE_PTR ? obj->type->space : SPACE_KERNEL;
	}
}

static struct type *sema_member(struct sema *sm, struct node *n)
{
	struct node *obj = n->member.obj;
	struct type *t, *st;
	const struct field *f;

	if (obj->kind == NODE_VAR && !strcmp(obj->var.name, "args") &&
	    sm->p->provider->kernel_func && builtin_named(sm, "args"))
		return sema_func_arg(sm, n);
	t = sema_expr(sm, obj);
	if (!t)
		return NULL;
	/* bpftrace's args.field: the record is reached through its pointer either way. */
	if (t->kind == TYPE_PTR && t->space == SPACE_CTX)
		n->member.arrow = true;
	st = n->member.arrow && t->kind == TYPE_PTR ? t->base : t;
	if (n->member.arrow != (t->kind == TYPE_PTR) || st->kind != TYPE_STRUCT)
		error_at(&n->loc, "'%s' needs %s, not %s%s%s", n->member.arrow ? "->" : ".",
			 n->member.arrow ? "a pointer to a struct" : "a struct", tname(sm, t),
			 st->kind == TYPE_VOID && !ktype_btf(sm->kt) ? ": " : "",
			 st->kind == TYPE_VOID && !ktype_btf(sm->kt) ?
			 "without the kernel's BTF, declare the struct in the script and cast "
			 "to a pointer to it" : "");
	if (n->member.name[0] >= '0' && n->member.name[0] <= '9') {
		unsigned i = (unsigned)atoi(n->member.name);

		if (st->name)
			error_at(&n->loc, "%s has fields, not elements: name the field",
				 tname(sm, st));
		for (f = st->fields; f && i; f = f->next)
			i--;
		if (!f)
			error_at(&n->loc, "%s has no element %s: it has %u", tname(sm, st),
				 n->member.name, st->nfields);
		n->member.field = f;
		return f->type;
	}
	f = ktype_field(sm->kt, st, n->member.name);
	if (!f)
		no_field(sm, n, st);
	n->member.field = f;
	if (t->kind == TYPE_PTR && t->space == SPACE_CTX)
		sm->p->uses_ctx = true;
	/* bpftrace's args.filename of a __data_loc field is the string: dyn(args.filename). */
	if (f->type->fmt == FMT_DATALOC && n->member.obj->kind == NODE_VAR &&
	    !strcmp(n->member.obj->var.name, "args") && !n->member.raw) {
		struct node *field = arena_alloc(sm->scratch, sizeof(*field));

		*field = *n;
		field->next = NULL;
		field->member.raw = true;
		n->kind = NODE_CALL;
		n->call = (typeof(n->call)){ .name = "dyn", .args = field, .nargs = 1,
					     .def = builtin_find("dyn"), .event = -1 };
		return sema_expr(sm, n);
	}
	/* A pointer kept in user memory points into user memory. */
	if (f->type->kind == TYPE_PTR && f->type->space != SPACE_USER &&
	    member_space(n) == SPACE_USER) {
		struct type *p = type_new(sm->types, f->type);

		p->space = SPACE_USER;
		return p;
	}
	return f->type;
}

static struct type *sema_index(struct sema *sm, struct node *n)
{
	struct type *t = sema_expr(sm, n->index.obj);

	sema_want_int(sm, n->index.index, "an index");
	if (!t)
		return NULL;
	if (t->kind != TYPE_ARRAY && t->kind != TYPE_PTR)
		error_at(&n->loc, "%s cannot be indexed", tname(sm, t));
	if (t->kind == TYPE_ARRAY) {
		uint64_t i = sema_const(sm, n->index.index, "an array index");

		if (i >= t->len)
			error_at(&n->index.index->loc, "index %llu is past the end of %s",
				 (unsigned long long)i, tname(sm, t));
	}
	if (t->kind == TYPE_PTR && t->space == SPACE_CTX)
		sm->p->uses_ctx = true;
	return t->base;
}

static void check_arity(const struct node *n, const struct builtin *b)
{
	if (n->call.nargs >= b->min_args && n->call.nargs <= b->max_args)
		return;
	if (b->min_args == b->max_args)
		error_at(&n->loc, "%s() takes %u argument%s, not %u", b->name, b->min_args,
			 b->min_args == 1 ? "" : "s", n->call.nargs);
	error_at(&n->loc, "%s() takes %u to %u arguments, not %u", b->name,
		 b->min_args, b->max_args, n->call.nargs);
}

static struct type *sema_call(struct sema *sm, struct node *n)
{
	const struct builtin *b = lookup(sm, n, n->call.name);

	if (!b)
		unknown_name(sm, n, "function", n->call.name, BUILTIN_FUNC);
	if (b->kind == BUILTIN_VAR)
		error_at(&n->loc, "'%s' is a variable, not a function: write it without "
			 "parentheses", b->name);
	if (b->kind == BUILTIN_AGG)
		error_at(&n->loc, "%s() is an aggregation: assign it to an @map, as in "
			 "@[comm] = %s(...)", b->name, b->name);
	check_arity(n, b);
	n->call.def = b;
	return b->sema(sm, n);
}

static struct type *sema_ternary(struct sema *sm, struct node *n)
{
	struct type *c = sema_expr(sm, n->cond.cond);
	struct type *a = sema_expr(sm, n->cond.then), *b = sema_expr(sm, n->cond.els), *u;

	if (c && !type_is_scalar(c))
		error_at(&n->cond.cond->loc, "%s cannot be used as a condition", tname(sm, c));
	if (!a || !b)
		return NULL;
	u = type_unify(sm->types, type_storage(sm->types, a), type_storage(sm->types, b));
	if (!u)
		error_at(&n->loc, "the two results of '?:' have different types: %s and %s",
			 tname(sm, a), tname(sm, b));
	return u;
}

struct type *sema_expr(struct sema *sm, struct node *n)
{
	const struct builtin *b;
	struct type *t = NULL;

	switch (n->kind) {
	case NODE_NUM:
		/* A folded constant keeps the type of the expression it replaced. */
		t = n->type ? n->type : n->num > INT64_MAX ? &type_u64 : &type_s64;
		break;
	case NODE_STR:
		t = type_array(sm->types, &type_char, n->str.len + 1);
		break;
	case NODE_VAR:
		b = lookup(sm, n, n->var.name);
		if (!b || b->kind != BUILTIN_VAR) {
			if (sema_whole_map(sm, n))
				return sema_map_read(sm, n);
			if (b)
				error_at(&n->loc, "'%s' is a function: call it as %s(...)",
					 b->name, b->name);
			unknown_name(sm, n, "variable", n->var.name, BUILTIN_VAR);
		}
		n->var.def = b;
		t = b->sema(sm, n);
		break;
	case NODE_MAP:
		t = sema_map_read(sm, n);
		break;
	case NODE_CALL:
		t = sema_call(sm, n);
		break;
	case NODE_UNARY:
		t = sema_unary(sm, n);
		break;
	case NODE_BINARY:
		t = sema_binary(sm, n);
		if (t && t->kind == TYPE_INT)
			check_constant_operand(n);
		if (t && n->binary.left->kind == NODE_NUM && n->binary.right->kind == NODE_NUM) {
			n->type = t;
			fold(n);
		}
		break;
	case NODE_TERNARY:
		t = sema_ternary(sm, n);
		break;
	case NODE_MEMBER:
		t = sema_member(sm, n);
		break;
	case NODE_INDEX:
		t = sema_index(sm, n);
		break;
	case NODE_SCRATCH:
		t = sema_scratch(sm, n);
		break;
	case NODE_TUPLE:
		t = sema_tuple(sm, n);
		break;
	case NODE_CAST:
		t = sema_cast(sm, n);
		break;
	default:
		error_at(&n->loc, "a statement cannot be used as a value");
	}
	n->type = t;
	return t;
}

static struct var *declare_var(struct sema *sm, const struct node *target)
{
	struct var *v = arena_alloc(sm->scratch, sizeof(*v)), **tail;

	v->name = target->scratch.name;
	v->loc = target->loc;
	for (tail = &sm->scope->block->block.vars; *tail; tail = &(*tail)->next)
		;
	*tail = v;
	return v;
}

static void move_var(struct node *block, struct var *v)
{
	struct var **tail;

	for (tail = &block->block.vars; *tail; tail = &(*tail)->next)
		;
	*tail = v;
	v->next = NULL;
}

/*
 * $x = value, declaring $x in the innermost block if no block around has
 * it; let $x declares it there whatever the blocks around have.
 */
static void sema_assign_scratch(struct sema *sm, struct node *n)
{
	struct node *target = n->assign.target, *value = n->assign.value;
	struct var *v = find_var(sm, target->scratch.name);
	struct type *t = value ? sema_expr(sm, value) : NULL, *u;

	if (n->assign.declares) {
		for (v = sm->scope->block->block.vars; v; v = v->next)
			if (!strcmp(v->name, target->scratch.name))
				error_at(&n->loc, "%s is already declared in this block", v->name);
		if (!value) {
			target->scratch.var = declare_var(sm, target);
			return;
		}
	}
	if (value && value->kind == NODE_CALL && value->call.def &&
	    value->call.def->kind == BUILTIN_AGG)
		error_at(&value->loc, "%s() is an aggregation: assign it to an @map",
			 value->call.def->name);
	if (t && t->kind == TYPE_VOID)
		error_at(&value->loc, "%s() returns no value", value->call.name);
	if (n->assign.op != OP_NONE) {
		if (!v)
			error_at(&target->loc, "%s is read before it is assigned", target->scratch.name);
		sema_want_int(sm, value, "the right side");
		if (v->type && v->type->kind != TYPE_INT)
			error_at(&n->loc, "'%s=' needs an integer; %s holds %s",
				 op_spelling(n->assign.op), v->name, tname(sm, v->type));
	}
	if (!v)
		v = declare_var(sm, target);
	target->scratch.var = v;
	if (!t)
		return;
	u = type_unify(sm->types, v->type, type_storage(sm->types, t));
	if (!u)
		error_at(&value->loc, "%s holds %s, not %s", v->name, tname(sm, v->type),
			 tname(sm, t));
	v->type = u;
	target->type = u;
}

static void sema_assign(struct sema *sm, struct node *n)
{
	struct node *target = n->assign.target, *value = n->assign.value;
	const struct builtin *agg = NULL;
	struct map *m;
	struct type *t;

	if (target->kind == NODE_SCRATCH) {
		sema_assign_scratch(sm, n);
		return;
	}
	sema_map_key(sm, target);
	m = target->map.map;
	if (value->kind == NODE_CALL) {
		agg = lookup(sm, value, value->call.name);
		if (agg && agg->kind != BUILTIN_AGG)
			agg = NULL;
	}
	if (!m->agg) {
		if (agg)
			error_at(&value->loc, "%s() needs an aggregation: name the map with an @, "
				 "as in @%s[...] = %s(...)", agg->name, m->name, agg->name);
		t = sema_expr(sm, value);
		if (t && t->kind == TYPE_VOID)
			error_at(&value->loc, "%s() returns no value", value->call.name);
		if (n->assign.op != OP_NONE) {
			sema_want_int(sm, value, "the right side");
			if (m->value && m->value->kind != TYPE_INT)
				error_at(&n->loc, "'%s=' needs an integer map; '%s' holds %s",
					 op_spelling(n->assign.op), m->name, tname(sm, m->value));
		}
		unify(sm, m, &m->value, t, value, "the value");
		return;
	}

	if (!agg)
		error_at(&value->loc, "an aggregation such as '%s' can only be assigned "
			 "count(), sum()... (or use a map name without @)", m->name);
	if (n->assign.op != OP_NONE)
		error_at(&n->loc, "aggregations are updated with '=', as in %s[...] = %s(...)",
			 m->name, agg->name);
	if (m->aggfn && m->aggfn != agg)
		error_at(&value->loc, "'%s' aggregates with %s() elsewhere; it cannot also "
			 "use %s()", m->name, m->aggfn->name, agg->name);
	m->aggfn = agg;
	check_arity(value, agg);
	value->call.def = agg;
	sm->agg_map = m;
	t = agg->sema(sm, value);
	value->type = t;
	unify(sm, m, &m->value, t, value, "the value");
}

static void sema_condition(struct sema *sm, struct node *cond)
{
	struct type *t = sema_expr(sm, cond);

	if (t && !type_is_scalar(t))
		error_at(&cond->loc, "%s cannot be used as a condition", tname(sm, t));
}

struct var_rename {
	struct var *from, *to;
};

static void rename_var(struct node *n, void *ctx)
{
	struct var_rename *r = ctx;

	if (n->kind == NODE_SCRATCH && n->scratch.var == r->from)
		n->scratch.var = r->to;
}

static struct var *unlink_var(struct node *block, const char *name)
{
	struct var **v, *found;

	for (v = &block->block.vars; *v; v = &(*v)->next) {
		if (!strcmp((*v)->name, name)) {
			found = *v;
			*v = found->next;
			return found;
		}
	}
	return NULL;
}

/*
 * A variable both branches of an if assign is assigned after it: it moves
 * to the block around, as scripts written before bpftrace scoped blocks
 * expect ($daddr set by either branch, printed after).
 */
static void hoist_common_vars(struct sema *sm, struct node *n)
{
	struct node *then = n->cond.then, *els = n->cond.els;
	struct var *v, *next;
	struct var_rename r;
	struct type *u;

	for (v = then->block.vars; v; v = next) {
		next = v->next;
		r.from = unlink_var(els, v->name);
		if (!r.from)
			continue;
		u = type_unify(sm->types, v->type, r.from->type);
		if (!u && v->type && r.from->type)
			error_at(&n->loc, "%s holds %s in one branch and %s in the other", v->name,
				 tname(sm, v->type), tname(sm, r.from->type));
		v->type = u;
		r.to = v;
		ast_walk(els, rename_var, &r);
		unlink_var(then, v->name);
		move_var(sm->scope->block, v);
	}
}

static void sema_stmt(struct sema *sm, struct node *n);

/*
 * for ($kv : @m): $kv is each element in turn, as the tuple (key, value).
 * The body runs in a callback of bpf_for_each_map_elem(), where return
 * could not end the probe and a second such loop would need a second frame.
 */
static void sema_map_loop(struct sema *sm, struct node *n)
{
	struct node *kv = n->loop.init, *mapnode = n->loop.cond;
	struct map *m = sema_whole_map(sm, mapnode);
	struct type *value, *tuple;
	struct var *v;

	if (!m)
		error_at(&mapnode->loc, "for ($kv : ...) goes over a map, as in for ($kv : @m)");
	if (sm->map_loop)
		error_at(&n->loc, "a loop over a map cannot be inside another");
	if (m->used && m->keyless)
		error_at(&mapnode->loc, "map '%s' has no keys to go over", m->name);
	kv->scratch.var = v = declare_var(sm, kv);
	v->of_map_loop = true;
	value = map_value(sm, m, mapnode);
	if (m->key && value) {
		tuple = type_new(sm->types, &(struct type){ .kind = TYPE_STRUCT });
		type_add_field(sm->types, tuple, NULL, m->key);
		type_add_field(sm->types, tuple, NULL, value);
		type_seal(tuple);
		v->type = kv->type = tuple;
	}
	sm->map_loop = n;
	sema_stmt(sm, n->loop.body);
	sm->map_loop = NULL;
}

static void sema_stmt(struct sema *sm, struct node *n)
{
	struct scope scope = { n, sm->scope };
	struct node *c;
	struct var *v;

	switch (n->kind) {
	case NODE_BLOCK:
		/* Its variables are declared afresh in each pass. */
		n->block.vars = NULL;
		sm->scope = &scope;
		for (c = n->block.stmts; c; c = c->next)
			sema_stmt(sm, c);
		sm->scope = scope.up;
		for (v = n->block.vars; sm->final && v; v = v->next)
			if (!v->type)
				error_at(&v->loc, "%s is declared but never assigned", v->name);
		break;
	case NODE_IF:
		sema_condition(sm, n->cond.cond);
		sema_stmt(sm, n->cond.then);
		if (n->cond.els) {
			sema_stmt(sm, n->cond.els);
			hoist_common_vars(sm, n);
		}
		break;
	case NODE_WHILE:
	case NODE_FOR:
		if (n->loop.init)
			sema_stmt(sm, n->loop.init);
		sema_condition(sm, n->loop.cond);
		sema_stmt(sm, n->loop.body);
		if (n->loop.step)
			sema_stmt(sm, n->loop.step);
		break;
	case NODE_UNROLL:
		if (sema_const(sm, n->loop.cond, "the count of unroll") - 1 >= MAX_UNROLL)
			error_at(&n->loop.cond->loc, "unroll repeats its body 1 to %d times",
				 MAX_UNROLL);
		sema_stmt(sm, n->loop.body);
		break;
	case NODE_MAP_LOOP:
		sema_map_loop(sm, n);
		break;
	case NODE_RETURN:
		if (sm->map_loop)
			error_at(&n->loc, "return cannot end the probe from inside a loop over a "
				 "map; break leaves the loop");
		break;
	case NODE_BREAK:
	case NODE_CONTINUE:
		break;
	case NODE_DELETE:
		sema_map_key(sm, n->del.map);
		break;
	case NODE_ASSIGN:
		sema_assign(sm, n);
		break;
	default:
		sema_expr(sm, n);
		break;
	}
}

static void sema_body(struct sema *sm, struct probe *p)
{
	struct type *t;

	sm->p = p;
	p->uses_ctx = false;
	p->comm_uses = 0;
	if (p->pred) {
		t = sema_expr(sm, p->pred);
		if (t && !type_is_scalar(t))
			error_at(&p->pred->loc, "a predicate must be an integer or a pointer, "
				 "not %s", tname(sm, t));
	}
	sema_stmt(sm, p->body);
}

/*
 * What assignments say before any typing: an @map assigned count(), sum()...
 * is an aggregation (one assigned values is a map, as in bpftrace's
 * @start[tid] = nsecs); a scratch variable the script assigns is no $NAME
 * of the environment.
 */
static void note_assigned(struct node *n, void *ctx)
{
	struct sema *sm = ctx;
	const struct node *value = n->kind == NODE_ASSIGN ? n->assign.value : NULL;
	const struct builtin *b;
	struct map *m;

	if (value && n->assign.target->kind == NODE_MAP) {
		m = find_map(sm, n->assign.target->map.name);
		m->assigned = true;
		if (n->assign.target->map.agg && value->kind == NODE_CALL &&
		    (b = builtin_find(value->call.name)) && b->kind == BUILTIN_AGG)
			m->agg = true;
	}
	if (n->kind != NODE_ASSIGN || n->assign.target->kind != NODE_SCRATCH ||
	    assigned(sm, n->assign.target->scratch.name))
		return;
	sm->assigned = arena_room(sm->scratch, sm->assigned, sm->nassigned, sizeof(*sm->assigned));
	sm->assigned[sm->nassigned++] = n->assign.target->scratch.name;
}

/* A map a probe names, as a symbol, in the order the script first names them. */
static void declare_map(struct node *n, void *ctx)
{
	struct sema *sm = ctx;
	struct map *m, **tail;

	if (n->kind != NODE_MAP || find_map(sm, n->map.name))
		return;
	m = arena_alloc(sm->types, sizeof(*m));
	m->name = n->map.name;
	m->loc = n->loc;
	m->loc.len = strlen(m->name);
	m->index = -1;
	for (tail = &sm->maps; *tail; tail = &(*tail)->next)
		;
	*tail = m;
}

void sema_program(struct sema *sm)
{
	struct probe *p;
	struct map *m;
	unsigned pass;

	sema_structs(sm);
	for (p = sm->probes; p; p = p->next) {
		ast_walk(p->pred, declare_map, sm);
		ast_walk(p->body, declare_map, sm);
		ast_walk(p->body, note_assigned, sm);
	}
	for (pass = 0; pass < MAX_PASSES; pass++) {
		sm->changed = false;
		for (p = sm->probes; p; p = p->next)
			sema_body(sm, p);
		if (sm->changed)
			continue;
		/* Settled with a map still untyped: guess what only arithmetic says of it. */
		for (m = sm->maps; m && (m->value || !m->used); m = m->next)
			;
		if (!m || sm->guess)
			break;
		sm->guess = true;
	}
	/* The map at the root of the trouble first: one that nothing assigns. */
	for (m = sm->maps; m; m = m->next)
		if (!m->assigned)
			error_at(&m->loc, "map '%s' is never assigned a value", m->name);
	for (m = sm->maps; m; m = m->next)
		if (!m->value)
			error_at(&m->loc, "map '%s' is only assigned values of other untyped maps",
				 m->name);
	sm->final = true;
	for (p = sm->probes; p; p = p->next)
		sema_body(sm, p);
}
