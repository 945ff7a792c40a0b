// SPDX-License-Identifier: GPL-2.0
/*
 * The BTF reader: every accessor on every type, of the input and of the
 * input split on itself; and every type made into sonde's, struct members
 * read, for a target of each byte order.
 */
#include "fuzz.h"
#include "kernel/btf.h"
#include "lang/ktype.h"

static void make_types(struct btf *b, const struct arch *arch)
{
	struct target t = { .arch = arch };
	struct arena a = { 0 };
	struct ktypes kt = { .target = &t, .types = &a, .btf = b, .opened = true };
	uint32_t id;

	for (id = 0; id < btf_count(b); id++) {
		struct type *ty = ktype_of(&kt, id);

		if (ty->kind == TYPE_STRUCT)
			ktype_field(&kt, ty, "x");
	}
	arena_free(&a);
}

static void walk(const struct btf *b)
{
	struct btf_member_info m, found;
	struct btf_type_info t;
	const char *name;
	uint32_t id, i, type;
	int64_t value;

	/* One past the last id too, which must be refused. */
	for (id = 0; id <= btf_count(b); id++) {
		if (!btf_type(b, id, &t))
			continue;
		for (i = 0; btf_member(b, id, i, &m); i++)
			btf_member_find(b, id, m.name, &found);
		for (i = 0; btf_enumerator(b, id, i, &name, &value); i++)
			;
		for (i = 0; btf_param(b, id, i, &name, &type); i++)
			;
		btf_skip_modifiers(b, id);
		btf_find(b, t.kind, t.name);
	}
	btf_member_find(b, btf_count(b) - 1, "x", &found);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why;
	struct btf *b = btf_read(data, size, NULL, &why), *split;

	if (!b)
		return 0;
	walk(b);
	make_types(b, &arch_x86_64);
	make_types(b, &arch_mips);
	/* Names and ids then continue the first reading's: all of split BTF's paths. */
	split = btf_read(data, size, b, &why);
	if (split) {
		walk(split);
		btf_close(split);
	}
	btf_close(b);
	return 0;
}
