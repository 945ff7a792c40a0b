// SPDX-License-Identifier: GPL-2.0
/* Types: storage layout, unification across uses, names in messages. */
#include "check.h"
#include "lang/type.h"

static struct arena a;

static const char *name(const struct type *t)
{
	return t ? type_name(&a, t) : "(incompatible)";
}

static struct type *tuple(struct type *x, struct type *y)
{
	struct type *st = type_new(&a, &(struct type){ .kind = TYPE_STRUCT });

	type_add_field(&a, st, NULL, x);
	type_add_field(&a, st, NULL, y);
	type_seal(st);
	return st;
}

int main(void)
{
	struct type *str3 = type_array(&a, &type_char, 3), *str16 = type_array(&a, &type_char, 16);
	struct type *str64 = type_array(&a, &type_char, 64), *t;

	check_str("storage-int", name(type_storage(&a, &type_u32)), "u64");
	check_str("storage-signed", name(type_storage(&a, &type_s16)), "s64");
	check_str("storage-string", name(type_storage(&a, str3)), "char[8]");
	check_str("storage-tuple", name(type_storage(&a, tuple(str3, &type_u8))),
		  "{ char[8], u64 }");
	check("storage-tuple-has-no-holes", type_storage(&a, tuple(str3, &type_u8))->size == 16,
	      "size %u", type_storage(&a, tuple(str3, &type_u8))->size);
	check_str("unify-signedness", name(type_unify(&a, &type_u64, &type_s64)), "s64");
	check_str("unify-strings", name(type_unify(&a, str16, str64)), "char[64]");
	check_str("unify-mismatch", name(type_unify(&a, str16, &type_u64)), "(incompatible)");
	check_str("unify-tuples",
		  name(type_unify(&a, tuple(str16, &type_u64), tuple(str64, &type_s64))),
		  "{ char[64], s64 }");
	check_str("unify-arity", name(type_unify(&a, tuple(str16, &type_u64), str16)),
		  "(incompatible)");
	t = type_with_fmt(&a, &type_s64, FMT_TIME);
	check("unify-keeps-shared-format", type_unify(&a, t, t)->fmt == FMT_TIME, "lost");
	check("unify-drops-differing-format",
	      type_unify(&a, t, &type_s64)->fmt == FMT_PLAIN, "kept");
	check_str("pointer-name", name(type_ptr(&a, &type_char, 8, SPACE_USER)), "char *");
	check("string-detection", type_is_string(str16) && !type_is_string(&type_u8) &&
	      !type_is_string(type_array(&a, &type_u32, 4)), "wrong");
	arena_free(&a);
	return check_failures != 0;
}
