// SPDX-License-Identifier: GPL-2.0
/*
 * The BTF reader: small BTF built here with every kind, each accessor on
 * it, a split BTF on top, files mapped and read from a pipe, malformed
 * BTF refused with its reason, and the kernel's own (and a module's) when
 * /sys/kernel/btf has them.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kernel/btf.h"
#include "check.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"

/* BTF under construction: the type section's words, then the names. */
struct blob {
	uint32_t words[256];
	unsigned nwords;
	unsigned at[32];	/* by (local) id: the type's first word */
	unsigned ntypes;
	char strs[512];
	uint32_t slen;
	uint32_t str_base;	/* the first name's offset: the base's string length if split */
	uint8_t data[2048];
	size_t size;
};

static void init(struct blob *b, uint32_t str_base)
{
	memset(b, 0, sizeof(*b));
	b->str_base = str_base;
	/* The kernel's names start with "", a split BTF's (libbpf's) do not. */
	b->slen = str_base ? 0 : 1;
}

static void word(struct blob *b, uint32_t w)
{
	b->words[b->nwords++] = w;
}

/* The offset of a new name; "" is the one at 0. */
static uint32_t name(struct blob *b, const char *s)
{
	uint32_t off = b->str_base + b->slen;

	if (!*s)
		return 0;
	strcpy(b->strs + b->slen, s);
	b->slen += strlen(s) + 1;
	return off;
}

/* The offset of a name the blob already has. */
static uint32_t old_name(const struct blob *b, const char *s)
{
	uint32_t off;

	for (off = 0; strcmp(b->strs + off, s); off += strlen(b->strs + off) + 1)
		;
	return b->str_base + off;
}

static void type_named(struct blob *b, uint32_t name_off, unsigned kind, unsigned vlen,
		       bool kflag, uint32_t size_type)
{
	b->at[++b->ntypes] = b->nwords;
	word(b, name_off);
	word(b, (uint32_t)kflag << 31 | kind << 24 | vlen);
	word(b, size_type);
}

static void type(struct blob *b, const char *n, unsigned kind, unsigned vlen, bool kflag,
		 uint32_t size_type)
{
	type_named(b, name(b, n), kind, vlen, kflag, size_type);
}

/* A member (name, type, offset), or an ENUM64's enumerator (name, low, high). */
static void member(struct blob *b, const char *n, uint32_t type, uint32_t off)
{
	word(b, name(b, n));
	word(b, type);
	word(b, off);
}

/* An enumerator or a parameter: name, value or type. */
static void pair(struct blob *b, const char *n, uint32_t x)
{
	word(b, name(b, n));
	word(b, x);
}

/* The file: a header of hdr_len bytes (24, or more from a newer kernel), types, names. */
static void finish(struct blob *b, uint32_t hdr_len)
{
	uint32_t tlen = b->nwords * 4;
	uint32_t hdr[6] = { 0, hdr_len, 0, tlen, tlen, b->slen };
	uint16_t magic = 0xeb9f;

	memset(b->data, 0, hdr_len);
	memcpy(b->data, hdr, sizeof(hdr));
	memcpy(b->data, &magic, 2);
	b->data[2] = 1;
	memcpy(b->data + hdr_len, b->words, tlen);
	memcpy(b->data + hdr_len + tlen, b->strs, b->slen);
	b->size = hdr_len + tlen + b->slen;
}

static void put32(struct blob *b, size_t at, uint32_t v)
{
	memcpy(b->data + at, &v, 4);
}

/* Where word k of type id is in the file (of a 24-byte header). */
static size_t at(const struct blob *b, unsigned id, unsigned k)
{
	return 24 + 4 * (b->at[id] + k);
}

/* Every kind, ids as numbered. */
static void build_base(struct blob *b, uint32_t hdr_len)
{
	init(b, 0);
	type(b, "int", BTF_INT, 0, false, 4);				/* 1 */
	word(b, 1u << 24 | 32);
	type(b, "unsigned int", BTF_INT, 0, false, 4);			/* 2 */
	word(b, 32);
	type(b, "task", BTF_STRUCT, 4, true, 24);			/* 3 */
	member(b, "pid", 1, 0);
	member(b, "flags", 2, 3u << 24 | 32);
	member(b, "", 4, 64);
	member(b, "parent", 7, 128);
	type(b, "", BTF_UNION, 2, false, 8);				/* 4 */
	member(b, "a", 1, 0);
	member(b, "pair", 8, 0);
	type(b, "color", BTF_ENUM, 2, true, 4);				/* 5 */
	pair(b, "RED", (uint32_t)-1);
	pair(b, "GREEN", 2);
	type(b, "big", BTF_ENUM64, 1, false, 8);			/* 6 */
	member(b, "HUGE", 0x9abcdef0, 0x12345678);
	type(b, "", BTF_PTR, 0, false, 3);				/* 7 */
	type(b, "", BTF_ARRAY, 0, false, 0);				/* 8 */
	word(b, 1);
	word(b, 2);
	word(b, 2);
	type(b, "task_t", BTF_TYPEDEF, 0, false, 10);			/* 9 */
	type(b, "", BTF_CONST, 0, false, 11);				/* 10 */
	type(b, "", BTF_PTR, 0, false, 3);				/* 11 */
	type(b, "", BTF_FUNC_PROTO, 2, false, 1);			/* 12 */
	pair(b, "t", 9);
	pair(b, "n", 2);
	type(b, "do_it", BTF_FUNC, 1, false, 12);			/* 13 */
	type(b, "mask", BTF_ENUM, 1, false, 4);				/* 14 */
	pair(b, "TOP", 0x80000000);
	type(b, "", BTF_VOLATILE, 0, false, 16);			/* 15 */
	type(b, "user", BTF_TYPE_TAG, 0, false, 17);			/* 16 */
	type(b, "", BTF_RESTRICT, 0, false, 1);				/* 17 */
	type(b, "double", BTF_FLOAT, 0, false, 8);			/* 18 */
	type(b, "jiffies", BTF_VAR, 0, false, 2);			/* 19 */
	word(b, 1);
	type(b, ".data", BTF_DATASEC, 1, false, 4);			/* 20 */
	word(b, 19);
	word(b, 0);
	word(b, 4);
	type(b, "tag", BTF_DECL_TAG, 0, false, 3);			/* 21 */
	word(b, (uint32_t)-1);
	type(b, "sock", BTF_FWD, 0, false, 0);				/* 22 */
	type(b, "color", BTF_STRUCT, 0, false, 0);			/* 23 */
	finish(b, hdr_len);
}

/* A module's: ids from 24 and names after the base's, some of them the base's. */
static void build_split(struct blob *s, const struct blob *base)
{
	init(s, base->slen);
	type(s, "mod", BTF_STRUCT, 2, false, 16);			/* 24 */
	member(s, "task", 7, 0);
	word(s, old_name(base, "pid"));
	word(s, 25);
	word(s, 64);
	type_named(s, old_name(base, "int"), BTF_TYPEDEF, 0, false, 1);	/* 25 */
	finish(s, 24);
}

/* Type cycles that a malformed file may have: the accessors must end. */
static void build_cycles(struct blob *b)
{
	init(b, 0);
	type(b, "a", BTF_TYPEDEF, 0, false, 2);				/* 1 */
	type(b, "", BTF_CONST, 0, false, 1);				/* 2 */
	type(b, "s", BTF_STRUCT, 3, false, 4);				/* 3 */
	member(b, "", 3, 0);
	member(b, "", 1, 0);
	member(b, "", 3, 0);
	finish(b, 24);
}

static void type_case(const char *test, const struct btf *b, uint32_t id, enum btf_kind kind,
		      const char *name, uint32_t size, uint32_t type, uint32_t vlen)
{
	struct btf_type_info t;
	bool ok = btf_type(b, id, &t);

	check(test, ok && t.kind == kind && !strcmp(t.name, name) && t.size == size &&
	      t.type == type && t.vlen == vlen,
	      "got %d, kind %u \"%s\" size %u type %u vlen %u", ok, t.kind, t.name, t.size,
	      t.type, t.vlen);
}

static void member_case(const char *test, const struct btf_member_info *m, bool ok,
			const char *name, uint32_t type, uint32_t off, unsigned bits)
{
	check(test, ok && !strcmp(m->name, name) && m->type == type && m->bit_offset == off &&
	      m->bit_size == bits, "got %d, \"%s\" type %u at bit %u, %u bits", ok,
	      ok ? m->name : "", m->type, m->bit_offset, m->bit_size);
}

static void enum_case(const char *test, const struct btf *b, uint32_t id, uint32_t i,
		      const char *name, int64_t want)
{
	const char *n = "";
	int64_t v = 0;
	bool ok = btf_enumerator(b, id, i, &n, &v);

	check(test, ok && !strcmp(n, name) && v == want, "got %d, %s = %lld", ok, n,
	      (long long)v);
}

static void param_case(const char *test, const struct btf *b, uint32_t id, uint32_t i,
		       const char *name, uint32_t type)
{
	const char *n = "";
	uint32_t t = 0;
	bool ok = btf_param(b, id, i, &n, &t);

	check(test, ok && !strcmp(n, name) && t == type, "got %d, \"%s\" of type %u", ok, n, t);
}

static void find_case(const char *test, const struct btf *b, enum btf_kind kind,
		      const char *name, uint32_t want)
{
	uint32_t id = btf_find(b, kind, name);

	check(test, id == want, "got %u, want %u", id, want);
}

static void base_cases(const struct btf *b)
{
	struct btf_type_info t;
	struct btf_member_info m;
	const char *n;
	int64_t v;

	check("count", btf_count(b) == 24, "got %u", btf_count(b));
	type_case("void", b, 0, BTF_VOID, "", 0, 0, 0);
	check("out-of-range", !btf_type(b, 24, &t) && !btf_type(b, UINT32_MAX, &t) &&
	      !btf_member(b, 24, 0, &m) && btf_skip_modifiers(b, 99) == 99, "accepted");
	type_case("int", b, 1, BTF_INT, "int", 4, 0, 0);
	check("int-encoding", btf_type(b, 1, &t) && t.is_signed && t.bits == 32 &&
	      btf_type(b, 2, &t) && !t.is_signed && t.bits == 32, "wrong");
	type_case("struct", b, 3, BTF_STRUCT, "task", 24, 0, 4);
	check("struct-kind-flag", btf_type(b, 3, &t) && t.kind_flag, "not set");
	member_case("member", &m, btf_member(b, 3, 0, &m), "pid", 1, 0, 0);
	member_case("member-bitfield", &m, btf_member(b, 3, 1, &m), "flags", 2, 32, 3);
	member_case("member-anonymous", &m, btf_member(b, 3, 2, &m), "", 4, 64, 0);
	member_case("member-last", &m, btf_member(b, 3, 3, &m), "parent", 7, 128, 0);
	check("member-past-last", !btf_member(b, 3, 4, &m) && !btf_member(b, 1, 0, &m) &&
	      !btf_member(b, 0, 0, &m), "accepted");
	type_case("union", b, 4, BTF_UNION, "", 8, 0, 2);
	member_case("union-member", &m, btf_member(b, 4, 1, &m), "pair", 8, 0, 0);
	member_case("member-find", &m, btf_member_find(b, 3, "parent", &m), "parent", 7, 128, 0);
	member_case("member-find-anonymous", &m, btf_member_find(b, 3, "pair", &m), "pair", 8,
		    64, 0);
	check("member-find-none", !btf_member_find(b, 3, "nope", &m) &&
	      !btf_member_find(b, 1, "pid", &m), "found");
	type_case("enum", b, 5, BTF_ENUM, "color", 4, 0, 2);
	check("enum-signed", btf_type(b, 5, &t) && t.is_signed && btf_type(b, 14, &t) &&
	      !t.is_signed, "wrong");
	enum_case("enumerator-signed", b, 5, 0, "RED", -1);
	enum_case("enumerator", b, 5, 1, "GREEN", 2);
	enum_case("enumerator-unsigned", b, 14, 0, "TOP", 0x80000000);
	type_case("enum64", b, 6, BTF_ENUM64, "big", 8, 0, 1);
	enum_case("enumerator64", b, 6, 0, "HUGE", 0x123456789abcdef0);
	check("enumerator-past-last", !btf_enumerator(b, 6, 1, &n, &v) &&
	      !btf_enumerator(b, 3, 0, &n, &v), "accepted");
	type_case("ptr", b, 7, BTF_PTR, "", 0, 3, 0);
	type_case("array", b, 8, BTF_ARRAY, "", 0, 1, 2);
	type_case("typedef", b, 9, BTF_TYPEDEF, "task_t", 0, 10, 0);
	type_case("const", b, 10, BTF_CONST, "", 0, 11, 0);
	check("skip-modifiers", btf_skip_modifiers(b, 9) == 11 && btf_skip_modifiers(b, 15) == 1 &&
	      btf_skip_modifiers(b, 1) == 1 && btf_skip_modifiers(b, 0) == 0, "wrong");
	type_case("func-proto", b, 12, BTF_FUNC_PROTO, "", 0, 1, 2);
	param_case("param", b, 12, 0, "t", 9);
	param_case("param-last", b, 12, 1, "n", 2);
	param_case("param-of-func", b, 13, 1, "n", 2);
	check("param-past-last", !btf_param(b, 12, 2, &n, &m.type) &&
	      !btf_param(b, 3, 0, &n, &m.type), "accepted");
	type_case("func", b, 13, BTF_FUNC, "do_it", 0, 12, 1);
	type_case("type-tag", b, 16, BTF_TYPE_TAG, "user", 0, 17, 0);
	type_case("float", b, 18, BTF_FLOAT, "double", 8, 0, 0);
	type_case("var", b, 19, BTF_VAR, "jiffies", 0, 2, 0);
	type_case("datasec", b, 20, BTF_DATASEC, ".data", 4, 0, 1);
	type_case("decl-tag", b, 21, BTF_DECL_TAG, "tag", 0, 3, 0);
	type_case("fwd", b, 22, BTF_FWD, "sock", 0, 0, 0);
	find_case("find-struct", b, BTF_STRUCT, "task", 3);
	find_case("find-func", b, BTF_FUNC, "do_it", 13);
	find_case("find-by-kind", b, BTF_STRUCT, "color", 23);
	find_case("find-first", b, BTF_ENUM, "color", 5);
	find_case("find-anonymous", b, BTF_UNION, "", 4);
	find_case("find-none", b, BTF_FUNC, "task", 0);
}

static void split_cases(const struct blob *base_blob, const struct btf *base)
{
	struct blob s, bad;
	struct btf_member_info m;
	const char *why = "";
	struct btf *b;

	build_split(&s, base_blob);
	b = btf_read(s.data, s.size, base, &why);
	if (!check("split", b, "%s", why))
		return;
	check("split-count", btf_count(b) == 26, "got %u", btf_count(b));
	type_case("split-base-type", b, 3, BTF_STRUCT, "task", 24, 0, 4);
	type_case("split-type", b, 24, BTF_STRUCT, "mod", 16, 0, 2);
	member_case("split-member", &m, btf_member(b, 24, 0, &m), "task", 7, 0, 0);
	member_case("split-base-name", &m, btf_member(b, 24, 1, &m), "pid", 25, 64, 0);
	type_case("split-typedef", b, 25, BTF_TYPEDEF, "int", 0, 1, 0);
	check("split-skip-modifiers", btf_skip_modifiers(b, 25) == 1, "wrong");
	find_case("split-find-base", b, BTF_STRUCT, "task", 3);
	find_case("split-find", b, BTF_STRUCT, "mod", 24);
	find_case("split-find-own", b, BTF_TYPEDEF, "int", 25);
	check("split-base-alone", !btf_member(base, 24, 0, &m), "base has the split's types");
	btf_close(b);

	b = btf_read(s.data, s.size, NULL, &why);
	check_str("split-without-base", b ? "success" : why, "has a malformed BTF string section");
	btf_close(b);
	bad = s;
	put32(&bad, at(&s, 1, 7), 26);
	b = btf_read(bad.data, bad.size, base, &why);
	check_str("split-missing-type", b ? "success" : why,
		  "has a BTF type referring to a missing type");
	btf_close(b);
}

static void bad_case(const char *test, const struct blob *b, size_t size, const char *want)
{
	const char *why = "";
	struct btf *x = btf_read(b->data, size, NULL, &why);

	check_str(test, x ? "success" : why, want);
	btf_close(x);
}

/* The valid blob g with the 32-bit word at off replaced by v: refused with want. */
static void patch_case(const char *test, const struct blob *g, size_t off, uint32_t v,
		       const char *want)
{
	struct blob b = *g;

	put32(&b, off, v);
	bad_case(test, &b, b.size, want);
}

static void malformed_cases(const struct blob *g)
{
	const char *missing = "has a BTF type referring to a missing type";
	const char *outside = "has a BTF name outside its string section";
	size_t strs = 24 + g->nwords * 4;
	struct blob b = *g;
	uint8_t c;

	bad_case("empty", g, 0, "is not BTF");
	bad_case("truncated-header", g, 12, "is truncated BTF");
	bad_case("truncated-file", g, g->size - 1, "is truncated BTF");
	b.data[0] ^= 0xff;
	bad_case("bad-magic", &b, b.size, "is not BTF");
	b = *g;
	c = b.data[0];
	b.data[0] = b.data[1];
	b.data[1] = c;
	bad_case("other-byte-order", &b, b.size, "is BTF of the other byte order");
	b = *g;
	b.data[2] = 2;
	bad_case("version", &b, b.size, "is BTF of an unknown version");
	patch_case("header-too-short", g, 4, 16, "has a bad BTF header length");
	patch_case("header-past-end", g, 4, (uint32_t)g->size + 1, "has a bad BTF header length");
	patch_case("types-past-end", g, 12, (uint32_t)g->size, "is truncated BTF");
	patch_case("types-offset-overflow", g, 8, UINT32_MAX, "is truncated BTF");
	patch_case("strings-past-end", g, 20, g->slen + 1, "is truncated BTF");
	patch_case("no-strings", g, 20, 0, "has a malformed BTF string section");
	b = *g;
	b.data[b.size - 1] = 'x';
	bad_case("strings-unterminated", &b, b.size, "has a malformed BTF string section");
	b = *g;
	b.data[strs] = 'x';
	bad_case("strings-first-not-empty", &b, b.size, "has a malformed BTF string section");
	patch_case("name-past-strings", g, at(g, 1, 0), g->slen, outside);
	patch_case("member-name-past-strings", g, at(g, 3, 3), UINT32_MAX, outside);
	patch_case("enumerator-name-past-strings", g, at(g, 5, 5), g->slen, outside);
	patch_case("member-type", g, at(g, 3, 4), 24, missing);
	patch_case("ptr-type", g, at(g, 7, 2), 99, missing);
	patch_case("array-index-type", g, at(g, 8, 4), 24, missing);
	patch_case("param-type", g, at(g, 12, 6), 24, missing);
	patch_case("datasec-type", g, at(g, 20, 3), 1000, missing);
	patch_case("unknown-kind", g, at(g, 1, 1), 20u << 24, "has a BTF type of an unknown kind");
	patch_case("kind-0", g, at(g, 2, 1), 0, "has a BTF type of an unknown kind");
	patch_case("vlen-past-end", g, at(g, 3, 1), 1u << 31 | BTF_STRUCT << 24 | 0xffff,
		   "has a truncated BTF type");
	patch_case("types-truncated", g, 12, g->nwords * 4 - 4, "has a truncated BTF type");
	patch_case("types-partial-record", g, 12, 8, "has a truncated BTF type");
}

static void cycle_cases(void)
{
	struct btf_member_info m;
	const char *why = "";
	struct blob c;
	struct btf *b;

	build_cycles(&c);
	b = btf_read(c.data, c.size, NULL, &why);
	if (!check("cycle", b, "%s", why))
		return;
	check("cycle-skip-modifiers", btf_skip_modifiers(b, 1) == 0, "got %u",
	      btf_skip_modifiers(b, 1));
	check("cycle-member-find", !btf_member_find(b, 3, "x", &m), "found");
	btf_close(b);
}

/* The same through files: mapped, and read where there is nothing to map (a pipe). */
static void file_cases(const struct blob *g)
{
	char dir[] = "/tmp/sonde-btf.XXXXXX", path[64], fifo[64];
	const char *why = "";
	struct btf *b;
	FILE *f;
	pid_t pid;

	if (!mkdtemp(dir)) {
		check("file", false, "mkdtemp failed");
		return;
	}
	snprintf(path, sizeof(path), "%s/btf", dir);
	f = fopen(path, "w");
	fwrite(g->data, 1, g->size, f);
	fclose(f);
	b = btf_open(path, NULL, &why);
	check("file", b && btf_find(b, BTF_FUNC, "do_it") == 13, "%s", b ? "wrong" : why);
	btf_close(b);
	fclose(fopen(path, "w"));
	b = btf_open(path, NULL, &why);
	check_str("file-empty", b ? "success" : why, "is not BTF");
	btf_close(b);
	unlink(path);
	b = btf_open(path, NULL, &why);
	check_str("file-missing", b ? "success" : why, "cannot be opened");
	btf_close(b);

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	pid = mkfifo(fifo, 0600) == 0 ? fork() : -1;
	if (pid == 0) {
		f = fopen(fifo, "w");
		fwrite(g->data, 1, g->size, f);
		_exit(fclose(f) != 0);
	}
	if (check("file-read-fork", pid > 0, "no fifo or fork")) {
		b = btf_open(fifo, NULL, &why);
		check("file-read", b && btf_find(b, BTF_FUNC, "do_it") == 13, "%s",
		      b ? "wrong" : why);
		btf_close(b);
		waitpid(pid, NULL, 0);
	}
	unlink(fifo);
	rmdir(dir);
}

/* A module's split BTF, the first there is, on the kernel's. */
static void module_case(const struct btf *base)
{
	DIR *d = opendir("/sys/kernel/btf");
	struct btf_type_info t;
	struct dirent *e;
	const char *why = "";
	char path[300];
	struct btf *b;
	uint32_t id;

	while (d && (e = readdir(d)) && (*e->d_name == '.' || !strcmp(e->d_name, "vmlinux")))
		;
	if (!d || !e) {
		printf("SKIP module (no module BTF in /sys/kernel/btf)\n");
		if (d)
			closedir(d);
		return;
	}
	snprintf(path, sizeof(path), "/sys/kernel/btf/%s", e->d_name);
	closedir(d);
	b = btf_open(path, base, &why);
	if (!check("module", b, "%s: %s", path, why))
		return;
	for (id = btf_count(base); id < btf_count(b) && btf_type(b, id, &t); id++)
		;
	check("module-types", btf_count(b) > btf_count(base) && id == btf_count(b),
	      "%s: %u types after the kernel's %u", path, btf_count(b), btf_count(base));
	btf_close(b);
}

/* The running kernel's BTF: what sonde will type curtask and kprobe arguments with. */
static void kernel_cases(void)
{
	struct btf_member_info pid, parent;
	const char *why = "", *name, *second = "";
	struct btf_type_info t;
	uint32_t task, func, type, i;
	struct btf *b;

	if (access(VMLINUX, R_OK) != 0) {
		printf("SKIP vmlinux (no readable " VMLINUX ")\n");
		return;
	}
	b = btf_open(VMLINUX, NULL, &why);
	if (!check("vmlinux", b, "%s", why))
		return;
	task = btf_find(b, BTF_STRUCT, "task_struct");
	check("vmlinux-task-struct", task && btf_member_find(b, task, "pid", &pid) &&
	      btf_type(b, btf_skip_modifiers(b, pid.type), &t) && t.kind == BTF_INT &&
	      t.size == 4, "no task_struct with an int pid");
	/* The pointer is "__rcu" (a TYPE_TAG) where pahole keeps such tags. */
	check("vmlinux-real-parent", task && btf_member_find(b, task, "real_parent", &parent) &&
	      btf_type(b, btf_skip_modifiers(b, parent.type), &t) && t.kind == BTF_PTR &&
	      btf_skip_modifiers(b, t.type) == task, "real_parent is not a struct task_struct *");
	func = btf_find(b, BTF_FUNC, "vfs_read");
	for (i = 0; func && btf_param(b, func, i, &name, &type); i++)
		if (i == 1)
			second = name;
	check("vmlinux-vfs-read", func && i == 4 && !strcmp(second, "buf"),
	      "vfs_read has %u parameters, the second \"%s\"", i, second);
	module_case(b);
	btf_close(b);
}

int main(void)
{
	struct blob g, g32;
	const char *why = "";
	struct btf *b;

	build_base(&g, 24);
	b = btf_read(g.data, g.size, NULL, &why);
	if (check("read", b, "%s", why)) {
		base_cases(b);
		split_cases(&g, b);
	}
	btf_close(b);
	build_base(&g32, 32);
	b = btf_read(g32.data, g32.size, NULL, &why);
	check("longer-header", b && btf_find(b, BTF_STRUCT, "color") == 23, "%s",
	      b ? "wrong" : why);
	btf_close(b);
	malformed_cases(&g);
	cycle_cases();
	file_cases(&g);
	kernel_cases();
	return check_failures != 0;
}
