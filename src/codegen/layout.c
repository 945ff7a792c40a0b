// SPDX-License-Identifier: GPL-2.0
/*
 * Layout: the plan's maps and the records its programs send, decided once
 * before any code is generated. The script's maps come first, in the order
 * it names them; then those the programs need: the event channel and its
 * loss counter, the stack traces, the zeroes new histograms start from.
 */
#include "codegen/codegen.h"
#include "codegen/gen.h"
#include "lang/builtin.h"

struct layout {
	struct plan *plan;
	const struct options *opt;
	bool stacks;		/* a program reads stack */
	unsigned join_size;	/* a program calls join(): its record's size */
	bool updates;		/* one adds elements to a hash map */
	unsigned zero_size;	/* the largest histogram that starts from zeroes */
};

/* A struct of the storage types of the values of a list of nodes. */
static struct type *record(struct arena *a, const struct node *args)
{
	struct type *st = type_new(a, &(struct type){ .kind = TYPE_STRUCT });

	for (; args; args = args->next)
		type_add_field(a, st, NULL, type_storage(a, args->type));
	type_seal(st);
	return st;
}

static int add_event(struct layout *l, enum event_kind kind, const struct node *args, int map)
{
	struct plan_event ev = { .kind = kind, .map = map };

	ev.args = record(&l->plan->arena, args);
	return plan_add_event(l->plan, &ev);
}

/* print(maps...) and clear(maps...): one record per map, in a row. */
static int add_map_events(struct layout *l, enum event_kind kind, const struct node *args)
{
	int first = l->plan->nevents;

	for (; args; args = args->next)
		add_event(l, kind, NULL, args->map.map->index);
	return first;
}

/* What one node needs: its records, the stack map, room in the zero map. */
static void visit(struct node *n, void *ctx)
{
	struct layout *l = ctx;
	const struct node *args;
	enum builtin_id id;

	if (n->kind == NODE_VAR && (n->var.def->id == BI_STACK || n->var.def->id == BI_USTACK))
		l->stacks = true;
	if (n->kind == NODE_ASSIGN && n->assign.target->kind == NODE_MAP) {
		const struct node *t = n->assign.target;

		if (t->map.agg && gen_agg_starts_from_zero(n->assign.value->call.def->id))
			l->zero_size = MAX(l->zero_size, t->map.map->value->size);
		l->updates |= !t->map.map->keyless;
	}
	if (n->kind != NODE_CALL || n->call.def->kind != BUILTIN_FUNC)
		return;
	id = n->call.def->id;
	args = n->call.args;
	if (id == BI_PRINTF || id == BI_SYSTEM) {
		n->call.event = add_event(l, id == BI_PRINTF ? EVENT_PRINTF : EVENT_SYSTEM,
					  args->next, -1);
		l->plan->events[n->call.event].fmt = arena_strdup(&l->plan->arena, args->str.data);
	} else if (id == BI_PRINT && args->kind == NODE_MAP && args->map.whole) {
		n->call.event = add_map_events(l, EVENT_PRINT_MAP, args);
		l->plan->events[n->call.event].top = n->call.top;
	} else if (id == BI_PRINT) {
		n->call.event = add_event(l, EVENT_PRINT, args, -1);
	} else if (id == BI_CLEAR || id == BI_ZERO) {
		n->call.event = add_map_events(l, id == BI_CLEAR ? EVENT_CLEAR_MAP : EVENT_ZERO_MAP,
					       args);
	} else if (id == BI_EXIT) {
		n->call.event = add_event(l, EVENT_EXIT, args, -1);
	} else if (id == BI_JOIN) {
		struct plan_event ev = { .kind = EVENT_JOIN, .map = -1 };

		ev.fmt = arena_strdup(&l->plan->arena, args->next ? args->next->str.data : " ");
		l->join_size = 8 + JOIN_ARGS * l->opt->string_size;
		ev.args = type_array(&l->plan->arena, &type_u8, l->join_size);
		n->call.event = plan_add_event(l->plan, &ev);
	}
}

static int add_map(struct plan *pl, const char *name, enum map_kind kind, unsigned bpf_type,
		   struct type *key, struct type *value, unsigned max_entries)
{
	struct plan_map m = {
		.name = name, .kind = kind, .bpf_type = bpf_type, .key = key, .value = value,
		.max_entries = max_entries, .percpu = bpf_type == BPF_MAP_TYPE_PERCPU_ARRAY,
	};

	return plan_add_map(pl, &m);
}

/*
 * A script's map: per CPU for an aggregation the probes do not read, one
 * element when it has no key, one per CPU (max_entries 0) when cpu is its
 * key; with --lru, one that forgets its oldest keys when it is full.
 */
static void add_script_map(struct plan *pl, struct map *m, const struct options *opt)
{
	static const unsigned types[2][2] = {
		{ BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_PERCPU_HASH },
		{ BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH },
	};
	bool percpu = m->agg && !m->read;
	struct plan_map pm = {
		.name = arena_strdup(&pl->arena, m->name),
		.kind = m->agg ? MAP_AGG : MAP_PLAIN,
		.shape = m->aggfn ? m->aggfn->shape : AGG_SCALAR,
		.key = m->keyless ? &type_u32 : m->key,	/* the index of the single value */
		.value = m->value,
		.keyless = m->keyless,
		.percpu = percpu,
		.max_entries = m->agg && m->keyless ? 1 : m->by_cpu ? 0 : opt->map_entries,
	};

	memcpy(pm.lhist, m->lhist, sizeof(pm.lhist));
	if (m->agg && m->keyless)
		pm.bpf_type = percpu ? BPF_MAP_TYPE_PERCPU_ARRAY : BPF_MAP_TYPE_ARRAY;
	else
		pm.bpf_type = types[opt->lru][percpu];
	m->index = plan_add_map(pl, &pm);
}

void layout(struct plan *pl, struct map *maps, struct probe *probes, const struct target *t,
	    const struct options *opt)
{
	struct layout l = { .plan = pl, .opt = opt };
	struct arena *a = &pl->arena;
	unsigned nscript = 0;
	struct probe *p;

	for (; maps; maps = maps->next, nscript++)
		add_script_map(pl, maps, opt);
	for (p = probes; p; p = p->next) {
		ast_walk(p->pred, visit, &l);
		ast_walk(p->body, visit, &l);
	}
	if (pl->nevents) {
		/*
		 * One BPF ring buffer shared by all CPUs, records in the order
		 * they were made; before 5.8, one perf ring per CPU (max_entries
		 * 0: as many as there are). Either is sized at load, in pages.
		 */
		bool shared = target_has(t, TF_RINGBUF);
		struct type *word = shared ? &type_void : &type_u32;

		pl->ring_pages = opt->pages ? opt->pages : shared ? RINGBUF_PAGES : PERF_PAGES;
		pl->events_map = add_map(pl, "(events)", MAP_EVENTS, shared ? MAP_TYPE_RINGBUF :
					 BPF_MAP_TYPE_PERF_EVENT_ARRAY, word, word, 0);
		pl->lost_map = add_map(pl, "(lost)", MAP_LOST, BPF_MAP_TYPE_PERCPU_ARRAY,
				       &type_u32, &type_u64, 1);
	}
	if (l.stacks)
		pl->stacks_map = add_map(pl, "(stacks)", MAP_STACKS, BPF_MAP_TYPE_STACK_TRACE,
					 &type_u32, type_array(a, &type_u64, STACK_DEPTH),
					 opt->map_entries);
	if (l.zero_size)
		pl->zero_map = add_map(pl, "(zero)", MAP_ZERO, BPF_MAP_TYPE_ARRAY, &type_u32,
				       type_array(a, &type_u8, l.zero_size), 1);
	if (l.join_size)
		pl->join_map = add_map(pl, "(join)", MAP_JOIN, BPF_MAP_TYPE_PERCPU_ARRAY, &type_u32,
				       type_array(a, &type_u8, 8 + l.join_size), 1);
	/* A full hash map refuses new keys; what it refused is counted, by map. */
	if (l.updates && !opt->lru)
		pl->dropped_map = add_map(pl, "(dropped)", MAP_DROPPED, BPF_MAP_TYPE_PERCPU_ARRAY,
					  &type_u32, &type_u64, nscript);
}
