// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bpf.h"
#include "builtin.h"
#include "format.h"
#include "output.h"

static uint64_t load_uint(const void *p, unsigned size)
{
	uint8_t v8;
	uint16_t v16;
	uint32_t v32;
	uint64_t v64;

	switch (size) {
	case 1: memcpy(&v8, p, 1); return v8;
	case 2: memcpy(&v16, p, 2); return v16;
	case 4: memcpy(&v32, p, 4); return v32;
	default: memcpy(&v64, p, 8); return v64;
	}
}

/* The integer value of a scalar, sign-extended if its type is signed. */
static int64_t load_int(const void *p, const struct type *t)
{
	uint64_t v = load_uint(p, t->size);
	unsigned shift = 64 - 8 * t->size;

	if (t->kind == TYPE_INT && t->is_signed && shift)
		return (int64_t)(v << shift) >> shift;
	return (int64_t)v;
}

void output_value(struct buf *b, const struct type *t, const void *data)
{
	const struct field *f;
	const char *p = data;
	unsigned i;

	switch (t->kind) {
	case TYPE_VOID:
		break;
	case TYPE_INT:
		if (t->fmt == FMT_HEX)
			buf_printf(b, "0x%llx", (unsigned long long)load_uint(p, t->size));
		else if (t->is_signed)
			buf_printf(b, "%lld", (long long)load_int(p, t));
		else
			buf_printf(b, "%llu", (unsigned long long)load_uint(p, t->size));
		break;
	case TYPE_PTR:
		buf_printf(b, "0x%llx", (unsigned long long)load_uint(p, t->size));
		break;
	case TYPE_ARRAY:
		if (type_is_string(t)) {
			buf_add(b, p, strnlen(p, t->size));
			break;
		}
		buf_printf(b, "[ ");
		for (i = 0; i < t->len; i++) {
			output_value(b, t->base, p + i * t->base->size);
			buf_printf(b, i + 1 < t->len ? ", " : " ]");
		}
		break;
	case TYPE_STRUCT:
		buf_printf(b, "{ ");
		for (f = t->fields; f; f = f->next) {
			if (t->name)
				buf_printf(b, "%s: ", f->name);
			output_value(b, f->type, p + f->offset);
			buf_printf(b, f->next ? ", " : " }");
		}
		break;
	}
}

static void output_printf(struct buf *b, const char *fmt, const struct type *args,
			  const char *data)
{
	const struct field *f = args->fields;
	struct buf tmp = { 0 };
	struct conv c;
	size_t pos = 0;
	char spec[64];

	while (format_next(fmt, pos, &c)) {
		const char *v;

		buf_add(b, fmt + pos, c.start - pos);
		pos = c.start + c.len;
		if (c.conv == '%') {
			buf_add(b, "%", 1);
			continue;
		}
		v = data + f->offset;
		switch (c.conv) {
		case 'd':
		case 'i':
			snprintf(spec, sizeof(spec), "%.*sll%c", (int)c.spec_len, fmt + c.start, c.conv);
			buf_printf(b, spec, (long long)load_int(v, f->type));
			break;
		case 'o':
		case 'u':
		case 'x':
		case 'X':
			snprintf(spec, sizeof(spec), "%.*sll%c", (int)c.spec_len, fmt + c.start, c.conv);
			buf_printf(b, spec, (unsigned long long)load_int(v, f->type));
			break;
		case 'c':
			snprintf(spec, sizeof(spec), "%.*sc", (int)c.spec_len, fmt + c.start);
			buf_printf(b, spec, (int)load_int(v, f->type));
			break;
		default:	/* s, p, v: the default format, padded as asked */
			tmp.len = 0;
			output_value(&tmp, f->type, v);
			buf_add(&tmp, NULL, 0);
			snprintf(spec, sizeof(spec), "%.*ss", (int)c.spec_len, fmt + c.start);
			buf_printf(b, spec, tmp.data);
			break;
		}
		f = f->next;
	}
	buf_add(b, fmt + pos, strlen(fmt + pos));
	buf_free(&tmp);
}

void output_event(struct sonde *s, const void *data, size_t size)
{
	const struct event *ev;
	const struct field *f;
	const char *payload = (const char *)data + 8;
	struct buf b = { 0 };
	uint64_t id;

	if (size < 8 || s->exiting)
		return;
	memcpy(&id, data, 8);
	if (id >= s->nevents || size < 8 + s->events[id]->args->size) {
		warn("ignoring a malformed event record (id %llu, %zu bytes)",
		     (unsigned long long)id, size);
		return;
	}
	ev = s->events[id];
	switch (ev->kind) {
	case EVENT_PRINTF:
		output_printf(&b, ev->fmt, ev->args, payload);
		break;
	case EVENT_PRINT:
		for (f = ev->args->fields; f; f = f->next) {
			output_value(&b, f->type, payload + f->offset);
			buf_printf(&b, f->next ? ", " : "\n");
		}
		break;
	case EVENT_EXIT:
		s->exit_code = (int)load_int(payload, ev->args->fields->type) & 0xff;
		s->exiting = true;
		break;
	}
	if (b.len)
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/* One element of a map being dumped: key, then the value merged over CPUs. */
struct entry {
	const struct map *map;
	char *key, *value;
};

static int compare_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct type *t = x->map->value;
	int c;

	if (t->kind == TYPE_INT || t->kind == TYPE_PTR) {
		int64_t u = load_int(x->value, t), v = load_int(y->value, t);

		if (t->kind == TYPE_INT && t->is_signed)
			c = (u > v) - (u < v);
		else
			c = ((uint64_t)u > (uint64_t)v) - ((uint64_t)u < (uint64_t)v);
	} else {
		c = memcmp(x->value, y->value, t->size);
	}
	return c ? c : memcmp(x->key, y->key, x->map->key->size);
}

/* Folds the per-CPU copies of a value into the first, word by word. */
static void merge_cpus(const struct sonde *s, const struct map *m, char *raw)
{
	unsigned stride = ALIGN_UP(m->value->size, 8), cpu, w;
	enum agg_merge how = m->agg ? m->agg->merge : MERGE_SUM;

	for (cpu = 1; cpu < s->ncpus; cpu++) {
		for (w = 0; w < m->value->size / 8; w++) {
			int64_t a, b;

			memcpy(&a, raw + w * 8, 8);
			memcpy(&b, raw + cpu * stride + w * 8, 8);
			a = how == MERGE_SUM ? a + b : how == MERGE_MIN ? (a < b ? a : b) :
			    (a > b ? a : b);
			memcpy(raw + w * 8, &a, 8);
		}
	}
}

void output_map(struct sonde *s, const struct map *m)
{
	bool percpu = m->bpf_type == BPF_MAP_TYPE_PERCPU_HASH ||
		      m->bpf_type == BPF_MAP_TYPE_PERCPU_ARRAY;
	size_t vsize = percpu ? ALIGN_UP(m->value->size, 8) * s->ncpus : m->value->size;
	unsigned ksize = m->key->size, n = 0, cap = 16, i;
	struct entry *entries = xmalloc(cap * sizeof(*entries));
	char *key = xmalloc(ksize), *prev = NULL, *prev_buf = xmalloc(ksize);
	struct buf b = { 0 };

	while (bpf_map_next_key(m->fd, prev, key) == 0) {
		char *value = xmalloc(vsize);

		if (bpf_map_lookup(m->fd, key, value) == 0) {
			if (n == cap)
				entries = xrealloc(entries, (cap *= 2) * sizeof(*entries));
			if (percpu)
				merge_cpus(s, m, value);
			entries[n].map = m;
			entries[n].key = memcpy(xmalloc(ksize), key, ksize);
			entries[n++].value = value;
		} else {
			free(value);	/* deleted meanwhile */
		}
		prev = memcpy(prev_buf, key, ksize);
	}
	qsort(entries, n, sizeof(*entries), compare_entries);

	if (m->keyless) {
		if (n) {
			buf_printf(&b, "%s: ", m->name);
			output_value(&b, m->value, entries[0].value);
			buf_printf(&b, "\n");
		}
	} else if (n) {
		buf_printf(&b, "%s:\n", m->name);
		for (i = 0; i < n; i++) {
			output_value(&b, m->key, entries[i].key);
			buf_printf(&b, ": ");
			output_value(&b, m->value, entries[i].value);
			buf_printf(&b, "\n");
		}
		buf_printf(&b, "\n");
	}
	if (b.len)
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	for (i = 0; i < n; i++) {
		free(entries[i].key);
		free(entries[i].value);
	}
	free(entries);
	free(key);
	free(prev_buf);
}
