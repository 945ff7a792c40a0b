/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the generators of built-ins and context variables use.
 *
 * Scalar values are computed onto a value stack that lives in the
 * callee-saved registers r6-r9 (r6 holds the context when the program needs
 * it) and spills to the bottom of the BPF stack when deeper. Helper calls
 * clobber r0-r5, which are only scratch within the emission of one node.
 * Aggregate values (strings, tuples, structs) are built in place in stack
 * slots addressed relative to r10.
 */
#ifndef SONDE_CODEGEN_GEN_H
#define SONDE_CODEGEN_GEN_H

#include "base/options.h"
#include "bpf/abi.h"
#include "bpf/prog.h"
#include "lang/builtin.h"
#include "lang/provider.h"
#include "plan/plan.h"
#include "target/target.h"

#define CTX_REG R6

/* Where break and continue go in the innermost loop. */
struct loop_labels {
	int exit, next;
	struct loop_labels *up;
};

struct gen_callback;

/* The blocks around the statement being made, innermost first: their variables have slots. */
struct gen_scope {
	const struct node *block;
	struct gen_scope *up;
};

struct gen {
	const struct target *target;
	const struct options *opt;
	struct plan *plan;
	struct plan_prog *out;	/* the program being made */
	const struct probe *p;
	struct prog prog;
	const int *vregs;	/* value-stack registers */
	int nvregs;
	int depth;
	int frame;		/* bytes of slots in use, from the top of the stack */
	int spill_bytes;	/* bytes of spill slots, from the bottom */
	int exit_label;		/* the epilogue: return, a false predicate */
	int comm;		/* r10 offset of the task's comm, if read once for all uses */
	int labels;		/* 1 + the plan's map of a multi uprobe's labels, or 0 */
	struct loop_labels *loop;
	struct gen_scope *scope;
	int stack;		/* bytes of stack the frame being made may use */
	/* The callbacks of bpf_for_each_map_elem(), made after the program. */
	struct gen_callback *callbacks, **callbacks_tail;
	int count_callback;	/* the label of len()'s, which does nothing, or -1 */
};

/* Emission: gen_emit() appends; jumps go to labels. */
void gen_emit(struct gen *g, struct bpf_insn insn);
void gen_jump(struct gen *g, struct bpf_insn jmp, int label);
int gen_label(struct gen *g);
void gen_bind(struct gen *g, int label);

void gen_imm64(struct gen *g, int reg, uint64_t value);
void gen_ld_map(struct gen *g, int reg, int map);
/* reg = a kernel symbol's address or the start time, filled in when the program is loaded. */
void gen_reloc(struct gen *g, int reg, enum reloc_kind kind, const char *ksym);
/* A call of a helper, which the target's kernel must have for n. */
void gen_call(struct gen *g, int helper, const struct node *n);
/* reg = base + off, and reg = r10 + off */
void gen_addr(struct gen *g, int reg, int base, int off);
void gen_fp_addr(struct gen *g, int reg, int off);

/* Allocates a stack slot for the node's value; returns its r10 offset. */
int gen_slot(struct gen *g, unsigned size, const struct node *why);
/* The current task's comm into r10 + dst. */
void gen_task_comm(struct gen *g, int dst);
/* Zeroes size bytes at r10 + off. */
void gen_zero(struct gen *g, int off, unsigned size);
/* *(u64 *)(reg + off) += 1, through r3 */
void gen_increment(struct gen *g, int reg, int off);
/* Copies size bytes between two memory locations the program may access. */
void gen_copy(struct gen *g, int dst_reg, int dst, int src_reg, int src, unsigned size);

void gen_push(struct gen *g, int reg);
/*
 * Pops the top value: returns the register holding it, scratch if it was
 * spilled, or r0 or scratch if it was pushed as a copy of them just before.
 */
int gen_pop(struct gen *g, int scratch);
void gen_pop_to(struct gen *g, int reg);
/* The register holding the value k places below the top, left on the stack. */
int gen_peek(struct gen *g, int k, int scratch);

/*
 * x = x / y or x % y (code BPF_DIV or BPF_MOD) with eBPF's x / 0 = 0 and
 * x % 0 = x: unsigned through r3-r5, signed through r0-r5. x and y are
 * r0-r2 or value registers, y not r1.
 */
void gen_div(struct gen *g, int code, int x, int y);
void gen_signed_div(struct gen *g, int code, int x, int y);

/* len(@m): pushes the number of elements, which the kernel counts. */
void gen_map_len(struct gen *g, struct node *n, int dst);

/* Computes a scalar expression onto the value stack. */
void gen_expr(struct gen *g, struct node *n);
/* Stores any value at r10 + off, converting it to the slot's type. */
void gen_store(struct gen *g, struct node *n, int off, const struct type *slot);
/* Jumps to label when cond is `when`; falls through otherwise. */
void gen_cond(struct gen *g, struct node *cond, bool when, int label);

/*
 * Copies size bytes from the address in src into r10 + dst with the
 * target's probe_read helper for the address space; a string read stops at
 * its NUL.
 */
void gen_read(struct gen *g, int dst, unsigned size, int src, enum addr_space space,
	      bool string);
/* The same into dst_reg + dst, dst_reg pointing into a map's value. */
void gen_read_to(struct gen *g, int dst_reg, int dst, unsigned size, int src,
		 enum addr_space space, bool string);
/* Truncates the value on top to an integer type narrower than 64 bits, extending its sign. */
void gen_narrow(struct gen *g, const struct type *t);
/* Pushes the scalar of type t at offset off of the program's context. */
void gen_load_ctx(struct gen *g, int off, const struct type *t, const struct node *n);
/* Pops an address, pushes the scalar of type t at address + off. */
void gen_load_ptr(struct gen *g, int off, enum addr_space space, const struct type *t,
		  const struct node *n);
/* Writes len bytes of data at r10 + off, then zeroes up to size bytes. */
void gen_string(struct gen *g, const char *data, size_t len, int off, unsigned size);
/* r0 = map_lookup_elem(map, r10 + key) */
void gen_lookup(struct gen *g, int map, int key);
/* map_update_elem(map, r10 + key, value_reg, BPF_ANY), or with other flags */
void gen_update(struct gen *g, int map, int key, int value_reg);
void gen_update_flags(struct gen *g, int map, int key, int value_reg, int flags);
/* Builds the key of a NODE_MAP in the frame; returns its r10 offset. */
int gen_map_key(struct gen *g, struct node *n);
/*
 * Sends a record to user space: the u64 id of the event, then the values
 * of args laid out as the event says.
 */
void gen_event(struct gen *g, int event, const struct node *at, struct node *args);
/*
 * Sends size bytes at data_reg + data to user space as a record; the slot
 * at r10 + key serves to count it lost.
 */
void gen_output(struct gen *g, int data_reg, int data, unsigned size, int key);
/* r0 = strcmp(l, r) for two string expressions, sign only. */
void gen_strcmp(struct gen *g, struct node *l, struct node *r);

/* builtins.c: a built-in's value, pushed or (aggregates) written at r10 + dst. */
void gen_builtin(struct gen *g, struct node *n, int dst);
/* @map[keys] = aggregation(args) */
void gen_aggregate(struct gen *g, struct node *assign);
/* An aggregation's element read in a probe: its count, sum, least, most or average. */
void gen_agg_read(struct gen *g, struct node *n);
/* Whether an aggregation's new elements start from the zeroes of the plan's zero map. */
bool gen_agg_starts_from_zero(enum builtin_id id);

/* context.c: the probe's context variables. */
/*
 * A multi-attached uprobe's probe, func or caller into r10 + dst, from its
 * map of labels by the link's cookie; false for other probes.
 */
bool gen_point_label(struct gen *g, enum point_label which, int dst);
void gen_arg(struct gen *g, struct node *n, int dst);
void gen_retval(struct gen *g, struct node *n, int dst);
void gen_context(struct gen *g, struct node *n, int dst);
void gen_where(struct gen *g, struct node *n, int dst);

#endif
