// SPDX-License-Identifier: GPL-2.0
/* Turning records and maps into text: values, printf, histograms, map dumps. */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/format.h"
#include "base/sort.h"
#include "kernel/bpf.h"
#include "kernel/ksym.h"
#include "run/runtime.h"
#include "run/usym.h"
#include "target/target.h"

#define LINE_WIDTH 80

/* The integer value of a scalar, sign-extended if its type is signed. */
static int64_t load_int(const void *p, const struct type *t)
{
	uint64_t v = load_uint(p, t->size);
	unsigned shift = 64 - 8 * t->size;

	if (t->kind == TYPE_INT && t->is_signed && shift)
		return (int64_t)(v << shift) >> shift;
	return (int64_t)v;
}

/* 1500 -> "1.500us", 2500000000 -> "2.500000000s" */
static void format_duration(struct buf *b, int64_t ns)
{
	uint64_t a = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;
	const char *sign = ns < 0 ? "-" : "";

	if (a < 1000)
		buf_printf(b, "%s%lluns", sign, (unsigned long long)a);
	else if (a < 1000000)
		buf_printf(b, "%s%llu.%03lluus", sign, (unsigned long long)(a / 1000),
			   (unsigned long long)(a % 1000));
	else if (a < 1000000000)
		buf_printf(b, "%s%llu.%03llums", sign, (unsigned long long)(a / 1000000),
			   (unsigned long long)(a / 1000 % 1000));
	else
		buf_printf(b, "%s%llu.%09llus", sign, (unsigned long long)(a / 1000000000),
			   (unsigned long long)(a % 1000000000));
}

/* A date and time of day in UTC. */
struct civil {
	long long year;
	unsigned month, day, yday, hour, min, sec;
	long long ns;		/* since the epoch */
};

/*
 * A monotonic timestamp (what BPF's ktime_get_ns() gives) as a date in
 * UTC. The date is computed here: localtime() would bring the whole
 * time-zone machinery into a static binary.
 */
static struct civil civil_time(int64_t mono)
{
	struct timespec rt, mt;
	struct civil c;
	int64_t days, secs, era;
	unsigned doe, yoe, doy, mp;

	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mt);
	c.ns = mono + (rt.tv_sec - mt.tv_sec) * 1000000000LL + (rt.tv_nsec - mt.tv_nsec);
	secs = c.ns / 1000000000;
	days = secs / 86400;
	/* Days since 1970-01-01 to a date, counting in 400-year eras from March 0000. */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = (unsigned)(days - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c.day = doy - (153 * mp + 2) / 5 + 1;
	c.month = mp < 10 ? mp + 3 : mp - 9;
	c.year = yoe + era * 400 + (c.month <= 2);
	/* March-based day of the year back to January-based */
	c.yday = doy >= 306 ? doy - 306 : doy + 59 + (c.year % 4 == 0 &&
						      (c.year % 100 || c.year % 400 == 0));
	c.hour = (unsigned)(secs % 86400 / 3600);
	c.min = (unsigned)(secs % 3600 / 60);
	c.sec = (unsigned)(secs % 60);
	return c;
}

/*
 * strftime()'s conversions that need no locale or time zone, in UTC:
 * %Y %y %m %d %e %j %H %M %S %T %D %F %s, %f for microseconds, %%.
 */
static void format_strftime(struct buf *b, const char *fmt, int64_t mono)
{
	struct civil c = civil_time(mono);
	const char *p;

	for (p = fmt; *p; p++) {
		if (*p != '%' || !p[1]) {
			buf_add(b, p, 1);
			continue;
		}
		switch (*++p) {
		case 'Y': buf_printf(b, "%04lld", c.year); break;
		case 'y': buf_printf(b, "%02lld", c.year % 100); break;
		case 'm': buf_printf(b, "%02u", c.month); break;
		case 'd': buf_printf(b, "%02u", c.day); break;
		case 'e': buf_printf(b, "%2u", c.day); break;
		case 'j': buf_printf(b, "%03u", c.yday + 1); break;
		case 'H': buf_printf(b, "%02u", c.hour); break;
		case 'M': buf_printf(b, "%02u", c.min); break;
		case 'S': buf_printf(b, "%02u", c.sec); break;
		case 'T': buf_printf(b, "%02u:%02u:%02u", c.hour, c.min, c.sec); break;
		case 'D': buf_printf(b, "%02u/%02u/%02lld", c.month, c.day, c.year % 100); break;
		case 'F': buf_printf(b, "%04lld-%02u-%02u", c.year, c.month, c.day); break;
		case 's': buf_printf(b, "%lld", c.ns / 1000000000); break;
		case 'f': buf_printf(b, "%06lld", c.ns % 1000000000 / 1000); break;
		case '%': buf_add(b, "%", 1); break;
		default: buf_printf(b, "%%%c", *p); break;
		}
	}
}

/* Kernel addresses, symbolized on first need. */
static const char *ksym(struct runtime *rt, uint64_t addr, char *buf, size_t size)
{
	if (!rt->ksyms)
		rt->ksyms = ksyms_load();
	return ksym_name(rt->ksyms, addr, buf, size);
}

/*
 * "vfs_read+0x4" where a function may begin with a marker of 4 bytes: the
 * kernel put a kprobe on the function's entry past it (x86's ENDBR, with
 * IBT). Without the marker the 5-byte ftrace call is there, no probe.
 */
static bool past_entry_marker(const char *name)
{
	const char *plus = strchr(name, '+');
	unsigned marker = arch_kernel(target_host_task())->entry_marker;
	char off[16];

	snprintf(off, sizeof(off), "+0x%x", marker);
	return marker && plus && !strcmp(plus, off);
}

/* User addresses, named in their process on first need. */
static const char *usym(struct runtime *rt, uint32_t pid, uint64_t addr, bool offset,
			char *buf, size_t size)
{
	if (!rt->usyms)
		rt->usyms = usyms_new();
	return (offset ? usym_name : usym_func)(rt->usyms, pid, addr, buf, size);
}

/* A kernel stack by id, or a user one by pid << 32 | id. */
static void format_stack(struct runtime *rt, struct buf *b, uint64_t v, bool user)
{
	uint64_t frames[STACK_DEPTH];
	int32_t id = (int32_t)v;
	uint32_t key = (uint32_t)id, pid = (uint32_t)(v >> 32);
	int stacks = rt->plan->stacks_map;
	char name[256];
	unsigned i;

	if (id < 0 || stacks < 0 || bpf_map_lookup(rt->map_fds[stacks], &key, frames) < 0) {
		buf_printf(b, "[ stack lost (%s) ]", id < 0 ? bpf_strerror(id) : "gone");
		return;
	}
	buf_printf(b, "[");
	for (i = 0; i < STACK_DEPTH && frames[i]; i++)
		buf_printf(b, "\n\t%s", user ? usym(rt, pid, frames[i], true, name, sizeof(name)) :
			   ksym(rt, frames[i], name, sizeof(name)));
	buf_printf(b, "\n]");
}

static void format_mem(struct buf *b, const unsigned char *p, unsigned len)
{
	unsigned i, j;

	if (len <= 16) {
		for (i = 0; i < len; i++)
			buf_printf(b, i ? " %02x" : "%02x", p[i]);
		return;
	}
	for (i = 0; i < len; i += 16) {
		buf_printf(b, "\n  %04x ", i);
		for (j = i; j < i + 16; j++)
			buf_printf(b, j < len ? " %02x" : "   ", p[j < len ? j : 0]);
		buf_printf(b, "  |");
		for (j = i; j < i + 16 && j < len; j++)
			buf_printf(b, "%c", p[j] >= 0x20 && p[j] < 0x7f ? p[j] : '.');
		buf_printf(b, "|");
	}
}

void output_value(struct runtime *rt, struct buf *b, const struct type *t, const void *data)
{
	const struct field *f;
	const char *p = data;
	char name[256];
	unsigned i;

	switch (t->kind) {
	case TYPE_VOID:
		break;
	case TYPE_INT:
	case TYPE_PTR:
		switch (t->fmt) {
		case FMT_HEX:
			buf_printf(b, "0x%llx", (unsigned long long)load_uint(p, t->size));
			break;
		case FMT_TIME:
			format_duration(b, load_int(p, t));
			break;
		case FMT_WALLTIME:
			format_strftime(b, "%FT%T.", load_int(p, t));
			buf_printf(b, "%09lldZ", (long long)(civil_time(load_int(p, t)).ns % 1000000000));
			break;
		case FMT_STRFTIME:
			format_strftime(b, t->strftime, load_int(p, t));
			break;
		case FMT_STACK:
		case FMT_USTACK:
			format_stack(rt, b, load_uint(p, t->size), t->fmt == FMT_USTACK);
			break;
		case FMT_ENUM:
			for (i = 0; i < t->nenums && t->enums[i].value != load_int(p, t); i++)
				;
			if (i < t->nenums)
				buf_printf(b, "%s", t->enums[i].name);
			else
				buf_printf(b, "%lld", (long long)load_int(p, t));
			break;
		case FMT_KSYM:
		case FMT_KFUNC:
			ksym(rt, load_uint(p, t->size), name, sizeof(name));
			if ((t->fmt == FMT_KFUNC && name[0] != '0') || past_entry_marker(name))
				name[strcspn(name, "+")] = '\0';
			buf_printf(b, "%s", name);
			break;
		default:
			if (t->kind == TYPE_INT && t->is_signed)
				buf_printf(b, "%lld", (long long)load_int(p, t));
			else
				buf_printf(b, "%llu", (unsigned long long)load_uint(p, t->size));
			break;
		}
		break;
	case TYPE_ARRAY:
		if (t->fmt == FMT_MEM) {
			format_mem(b, data, t->size);
		} else if (t->fmt == FMT_BUF) {
			for (i = 0; i < t->size; i++)
				buf_printf(b, p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\' ? "%c" :
					   "\\x%02x", (unsigned char)p[i]);
		} else if (t->fmt == FMT_INET) {
			uint32_t af;

			memcpy(&af, p, 4);
			if ((af != AF_INET && af != AF_INET6) ||
			    !inet_ntop((int)af, p + 4, name, sizeof(name)))
				snprintf(name, sizeof(name), "(address family %u)", af);
			buf_printf(b, "%s", name);
		} else if (t->fmt == FMT_USYM) {
			uint64_t w[2];

			memcpy(w, p, sizeof(w));
			buf_printf(b, "%s", usym(rt, (uint32_t)w[1], w[0], false, name, sizeof(name)));
		} else if (type_is_string(t)) {
			buf_add(b, p, strnlen(p, t->size));
		} else {
			buf_printf(b, "[");
			for (i = 0; i < t->len; i++) {
				output_value(rt, b, t->base, p + i * t->base->size);
				buf_printf(b, i + 1 < t->len ? ", " : "]");
			}
		}
		break;
	case TYPE_STRUCT:
		buf_printf(b, "{ ");
		for (f = t->fields; f; f = f->next) {
			if (t->name)
				buf_printf(b, "%s: ", f->name);
			output_value(rt, b, f->type, p + f->offset);
			buf_printf(b, f->next ? ", " : " }");
		}
		break;
	}
}

/* -f json: a string, escaped; bytes from 0x80 pass as they are, UTF-8 or not. */
static void json_string(struct buf *b, const char *s, size_t len)
{
	size_t i;

	buf_add(b, "\"", 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_add(b, &c, 1);
	}
	buf_add(b, "\"", 1);
}

/* A value in JSON: a number where the text is one, tuples as arrays, the text otherwise. */
static void json_value(struct runtime *rt, struct buf *b, const struct type *t, const void *data)
{
	const struct field *f;
	struct buf text = { 0 };

	if (t->kind == TYPE_STRUCT && !t->name) {
		buf_add(b, "[", 1);
		for (f = t->fields; f; f = f->next) {
			json_value(rt, b, f->type, (const char *)data + f->offset);
			buf_add(b, f->next ? "," : "", f->next != NULL);
		}
		buf_add(b, "]", 1);
		return;
	}
	output_value(rt, &text, t, data);
	if (t->kind == TYPE_INT && t->fmt == FMT_PLAIN)
		buf_add(b, text.data, text.len);
	else
		json_string(b, text.data, text.len);
	buf_free(&text);
}

/* The value of a map's element or of an event: in the output's format. */
static void put_value(struct runtime *rt, struct buf *b, const struct type *t, const void *data)
{
	(rt->opt->json ? json_value : output_value)(rt, b, t, data);
}

/* {"type":"TYPE","data":"TEXT"}: an event whose text was formatted in b from start. */
static void json_event(struct buf *b, size_t start, const char *type)
{
	struct buf text = { 0 };

	buf_add(&text, b->data + start, b->len - start);
	b->len = start;
	buf_printf(b, "{\"type\":\"%s\",\"data\":", type);
	json_string(b, text.data, text.len);
	buf_printf(b, "}\n");
	buf_free(&text);
}

static void output_printf(struct runtime *rt, struct buf *b, const char *fmt,
			  const struct type *args, const char *data)
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
			output_value(rt, &tmp, f->type, v);
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

void output_map_error(struct runtime *rt, int map, const char *what, int r)
{
	err("cannot %s map '%s': %s", what, rt->plan->maps[map].name, bpf_strerror(r));
	if (!rt->exit_code)
		rt->exit_code = 1;
}

/* Empties a map, deleting every key; with keep (zero()), zeroes every value instead. */
static void clear_map(struct runtime *rt, int map, bool keep)
{
	const struct plan_map *m = &rt->plan->maps[map];
	size_t ksize = m->key->size, vsize = ALIGN_UP(m->value->size, 8) * rt->ncpus;
	char *key = xcalloc(2, ksize), *next = key + ksize, *zero = xcalloc(1, vsize);
	int fd = rt->map_fds[map];
	unsigned n;
	int r = 0;

	if (m->keyless)
		r = bpf_map_update(fd, key, zero, BPF_ANY);
	/* Each key in turn, or the first key each time until there is none; bounded. */
	for (n = 0; !m->keyless && n <= m->max_entries && !r; n++) {
		r = bpf_map_next_key(fd, keep && n ? key : NULL, next);
		if (!r && keep)
			r = bpf_map_update(fd, memcpy(key, next, ksize), zero, BPF_EXIST);
		else if (!r)
			r = bpf_map_delete(fd, next);
	}
	if (r && r != -ENOENT)
		output_map_error(rt, map, keep ? "zero" : "clear", r);
	free(key);
	free(zero);
}

/*
 * system(): the formatted text under sh -c, waited for, with the signals
 * sonde found: its own are blocked for its signalfd. What was printed
 * before comes before what it prints.
 */
static void run_system(struct runtime *rt, const struct plan_event *ev, const char *payload)
{
	struct buf cmd = { 0 };
	pid_t pid;

	output_printf(rt, &cmd, ev->fmt, ev->args, payload);
	buf_add(&cmd, "", 1);
	output_flush(rt);
	pid = fork();
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &rt->oldmask, NULL);
		execl("/bin/sh", "sh", "-c", cmd.data, (char *)NULL);
		_exit(127);
	}
	if (pid < 0)
		warn("system(): cannot fork: %s", strerror(errno));
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	buf_free(&cmd);
}

void output_event(struct runtime *rt, const void *data, size_t size)
{
	const struct plan *pl = rt->plan;
	const struct plan_event *ev;
	const struct field *f;
	const char *payload = (const char *)data + 8;
	struct buf *b = &rt->out;
	size_t start = b->len;
	bool json = rt->opt->json;
	uint64_t id;

	if (size < 8 || rt->exiting)
		return;
	memcpy(&id, data, 8);
	if (id >= pl->nevents || size < 8 + pl->events[id].args->size) {
		warn("ignoring a malformed event record (id %llu, %zu bytes)",
		     (unsigned long long)id, size);
		return;
	}
	ev = &pl->events[id];
	switch (ev->kind) {
	case EVENT_PRINTF:
		output_printf(rt, b, ev->fmt, ev->args, payload);
		if (json)
			json_event(b, start, "printf");
		break;
	case EVENT_SYSTEM:
		run_system(rt, ev, payload);
		break;
	case EVENT_JOIN: {
		uint64_t n, i, len = (ev->args->size - 8) / JOIN_ARGS;

		memcpy(&n, payload, 8);
		for (i = 0; i < n && i < JOIN_ARGS; i++) {
			const char *s = payload + 8 + i * len;

			buf_printf(b, "%s%.*s", i ? ev->fmt : "", (int)strnlen(s, len), s);
		}
		if (json)
			json_event(b, start, "join");
		else
			buf_printf(b, "\n");
		break;
	}
	case EVENT_PRINT:
		if (json)
			buf_printf(b, "{\"type\":\"print\",\"values\":[");
		for (f = ev->args->fields; f; f = f->next) {
			put_value(rt, b, f->type, payload + f->offset);
			buf_printf(b, f->next ? json ? "," : ", " : json ? "]}\n" : "\n");
		}
		break;
	case EVENT_EXIT:
		f = ev->args->fields;	/* none for exit() */
		rt->exit_code = f ? (int)load_int(payload + f->offset, f->type) & 0xff : 0;
		rt->exiting = true;
		break;
	case EVENT_PRINT_MAP:
		output_map(rt, ev->map, true, ev->top);
		break;
	case EVENT_CLEAR_MAP:
	case EVENT_ZERO_MAP:
		clear_map(rt, ev->map, ev->kind == EVENT_ZERO_MAP);
		break;
	}
}

/* One element of a map being dumped: key, then the value merged over CPUs. */
struct entry {
	const struct plan_map *map;
	char *key, *value;
	int64_t weight;		/* what elements are sorted by */
};


static uint64_t word(const char *value, unsigned i)
{
	uint64_t w;

	memcpy(&w, value + 8 * i, 8);
	return w;
}

/* Folds the per-CPU copies of an aggregation's value into the first. */
static void merge_cpus(const struct runtime *rt, const struct plan_map *m, char *raw)
{
	unsigned stride = ALIGN_UP(m->value->size, 8), cpu, i;
	enum agg_shape shape = m->shape;
	bool is_signed = m->value->kind == TYPE_STRUCT && m->value->fields->type->is_signed;

	for (cpu = 1; cpu < rt->ncpus; cpu++) {
		char *v = raw + cpu * stride;

		if (shape == AGG_MIN || shape == AGG_MAX) {
			/* { value, seen }: only CPUs that saw a value count */
			int64_t a = (int64_t)word(raw, 0), x = (int64_t)word(v, 0);
			bool less = is_signed ? x < a : (uint64_t)x < (uint64_t)a;

			if (word(v, 1) && (!word(raw, 1) || less == (shape == AGG_MIN)))
				memcpy(raw, v, 16);
			continue;
		}
		for (i = 0; i < m->value->size / 8; i++) {
			uint64_t sum = word(raw, i) + word(v, i);

			memcpy(raw + 8 * i, &sum, 8);
		}
	}
}

static int64_t average(const struct plan_map *m, const char *value)
{
	int64_t sum = (int64_t)word(value, 0), n = (int64_t)word(value, 1);

	if (!n)
		return 0;
	if (m->value->fields->type->is_signed)
		return sum / n;
	return (int64_t)((uint64_t)sum / (uint64_t)n);
}

static int64_t weight(const struct plan_map *m, const char *value)
{
	int64_t total = 0;
	unsigned i;

	switch (m->shape) {
	case AGG_SCALAR:
		return type_is_scalar(m->value) ? load_int(value, m->value) : 0;
	case AGG_MIN:
	case AGG_MAX:
		return (int64_t)word(value, 0);
	case AGG_AVG:
	case AGG_STATS:
		return average(m, value);
	case AGG_LOG2:
	case AGG_LINEAR:
		for (i = 0; i < m->value->len; i++)
			total += (int64_t)word(value, i);
		return total;
	}
	return 0;
}

static int compare_entries(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	const struct plan_map *m = x->map;
	const struct type *t = m->value;
	bool is_signed = m->shape != AGG_SCALAR || (t->kind == TYPE_INT && t->is_signed);
	int c;

	if (m->shape == AGG_SCALAR && !type_is_scalar(t))
		c = memcmp(x->value, y->value, t->size);
	else if (is_signed)
		c = (x->weight > y->weight) - (x->weight < y->weight);
	else
		c = ((uint64_t)x->weight > (uint64_t)y->weight) -
		    ((uint64_t)x->weight < (uint64_t)y->weight);
	return c ? c : memcmp(x->key, y->key, m->key->size);
}

/* A histogram bound: sizes as 1k, 8M...; durations in time units. */
static void format_bound(struct buf *b, bool negative, uint64_t v, bool time)
{
	static const char units[] = "kMGTPE";
	const char *sign = negative ? "-" : "";
	int u = 0;

	if (time) {
		/* Three significant digits, rounded, in integers: no floating point is printed. */
		static const char *const tu[] = { "ns", "us", "ms", "s" };
		uint64_t div = 1, whole, frac, scale, scaled;
		int decimals;

		while (v / div >= 1000 && u < 3)
			div *= 1000, u++;
		whole = v / div;
		frac = v % div;
		decimals = !frac ? 0 : whole < 10 ? 2 : whole < 100 ? 1 : 0;
		scale = decimals == 2 ? 100 : decimals ? 10 : 1;
		scaled = whole * scale + (frac * scale + div / 2) / div;
		buf_printf(b, "%s%llu", sign, (unsigned long long)(scaled / scale));
		if (decimals)
			buf_printf(b, ".%0*llu", decimals, (unsigned long long)(scaled % scale));
		buf_printf(b, "%s", tu[u]);
		return;
	}
	while (u < 6 && v && v % 1024 == 0)
		v /= 1024, u++;
	buf_printf(b, "%s%llu", sign, (unsigned long long)v);
	if (u)
		buf_printf(b, "%c", units[u - 1]);
}

static void format_signed_bound(struct buf *b, int64_t v, bool time)
{
	format_bound(b, v < 0, v < 0 ? -(uint64_t)v : (uint64_t)v, time);
}

static void bucket_label(const struct plan_map *m, unsigned i, struct buf *b)
{
	bool time = m->value->fmt == FMT_TIME;
	uint64_t pow;
	int64_t lo, hi;

	if (m->shape == AGG_LOG2) {
		if (i < 3) {
			buf_printf(b, i == 0 ? "< 0" : i == 1 ? "0" : "1");
			return;
		}
		/* [2^k, 2^(k+1)), k = i - 2 up to 63: unsigned, as 2^63 is no int64_t */
		pow = (uint64_t)1 << (i - 2);
		buf_printf(b, "[");
		format_bound(b, false, pow, time);
		buf_printf(b, ", ");
		if (i == LOG2_BUCKETS - 1)
			buf_printf(b, time ? "inf" : "16E");	/* 2^64 does not fit */
		else
			format_bound(b, false, pow * 2, time);
		buf_printf(b, ")");
		return;
	}
	if (i == 0 || i == m->value->len - 1) {
		buf_printf(b, i ? ">= " : "< ");
		format_signed_bound(b, i ? m->lhist[1] : m->lhist[0], time);
		return;
	}
	lo = m->lhist[0] + (int64_t)(i - 1) * m->lhist[2];
	hi = lo + m->lhist[2];
	buf_printf(b, "[");
	format_signed_bound(b, lo, time);
	buf_printf(b, ", ");
	format_signed_bound(b, hi, time);
	buf_printf(b, ")");
}

/* A bar of width cells for count/max: '@' in ASCII, eighths of a block in Unicode. */
static void bar(const struct runtime *rt, struct buf *b, uint64_t count, uint64_t max,
		unsigned width)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	uint64_t len = max ? (count * width * 8 + max / 2) / max : 0;
	unsigned i, cells = (unsigned)(len / 8);

	buf_printf(b, rt->unicode ? "│" : "|");
	for (i = 0; i < cells; i++)
		buf_printf(b, rt->unicode ? "█" : "@");
	if (rt->unicode && len % 8 && cells < width) {
		buf_printf(b, "%s", eighths[len % 8]);
		cells++;
	}
	buf_printf(b, "%*s%s\n", (int)(width - cells), "", rt->unicode ? "│" : "|");
}

static void print_histogram(struct runtime *rt, struct buf *b, const struct plan_map *m,
			    const char *value)
{
	unsigned n = m->value->len, first = 0, last = 0, i, lw = 0, cw = 1, width;
	struct buf label = { 0 };
	uint64_t max = 0;
	char digits[24];

	for (i = 0; i < n; i++) {
		if (!word(value, i))
			continue;
		if (!max)
			first = i;
		last = i;
		if (word(value, i) > max)
			max = word(value, i);
	}
	if (rt->opt->json) {
		buf_printf(b, "{\"buckets\":[");
		for (i = first; max && i <= last; i++) {
			label.len = 0;
			bucket_label(m, i, &label);
			buf_printf(b, "%s{\"label\":", i > first ? "," : "");
			json_string(b, label.data, label.len);
			buf_printf(b, ",\"count\":%llu}", (unsigned long long)word(value, i));
		}
		buf_printf(b, "]}");
		max = 0;
	}
	if (!max) {
		buf_free(&label);
		return;
	}
	for (i = first; i <= last; i++) {
		label.len = 0;
		bucket_label(m, i, &label);
		if (label.len > lw)
			lw = label.len;
	}
	cw = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)max);
	width = LINE_WIDTH - 2 - lw - 1 - cw - 3;
	if ((int)width < 10)
		width = 10;
	for (i = first; i <= last; i++) {
		label.len = 0;
		bucket_label(m, i, &label);
		buf_printf(b, "  %*s %*llu ", (int)lw, label.data, (int)cw,
			   (unsigned long long)word(value, i));
		bar(rt, b, word(value, i), max, width);
	}
	buf_free(&label);
}

/* After "key:", a value on the same line, or a histogram on the lines below. */
static void print_value(struct runtime *rt, struct buf *b, const struct plan_map *m,
			const char *value)
{
	bool json = rt->opt->json;
	int64_t avg;

	if (!json)
		buf_printf(b, m->shape == AGG_LOG2 || m->shape == AGG_LINEAR ? "\n" : " ");
	switch (m->shape) {
	case AGG_SCALAR:
		put_value(rt, b, m->value, value);
		break;
	case AGG_MIN:
	case AGG_MAX:
		put_value(rt, b, m->value->fields->type, value);
		break;
	case AGG_AVG:
		avg = average(m, value);
		put_value(rt, b, m->value->fields->type, &avg);
		break;
	case AGG_STATS:
		buf_printf(b, json ? "{\"count\":%llu,\"average\":" : "count %llu, average ",
			   (unsigned long long)word(value, 1));
		avg = average(m, value);
		put_value(rt, b, m->value->fields->type, &avg);
		buf_printf(b, json ? ",\"total\":" : ", total ");
		put_value(rt, b, m->value->fields->type, value);
		if (json)
			buf_printf(b, "}");
		break;
	case AGG_LOG2:
	case AGG_LINEAR:
		print_histogram(rt, b, m, value);
		return;
	}
	if (!json)
		buf_printf(b, "\n");
}

void output_map(struct runtime *rt, int map, bool always, unsigned top)
{
	const struct plan_map *m = &rt->plan->maps[map];
	size_t vsize = m->percpu ? ALIGN_UP(m->value->size, 8) * rt->ncpus : m->value->size;
	int fd = rt->map_fds[map];
	unsigned ksize = m->key->size, n = 0, cap = 16, i, first;
	bool json = rt->opt->json;
	struct entry *entries = xmalloc(cap * sizeof(*entries));
	char *key = xmalloc(ksize), *prev = NULL, *prev_buf = xmalloc(ksize);
	struct buf b = { 0 };
	int r;

	while ((r = bpf_map_next_key(fd, prev, key)) == 0) {
		char *value = xmalloc(vsize);
		int found = bpf_map_lookup(fd, key, value);

		if (found == 0) {
			if (n == cap)
				entries = xrealloc(entries, (cap *= 2) * sizeof(*entries));
			if (m->percpu)
				merge_cpus(rt, m, value);
			entries[n].map = m;
			entries[n].key = memcpy(xmalloc(ksize), key, ksize);
			entries[n].value = value;
			entries[n++].weight = weight(m, value);
		} else {
			free(value);
			if (found != -ENOENT)	/* not merely deleted meanwhile */
				r = found;
		}
		prev = memcpy(prev_buf, key, ksize);
		if (r)
			break;
	}
	if (r != -ENOENT)
		output_map_error(rt, map, "read", r);
	if (n)
		sort(entries, n, sizeof(*entries), compare_entries);

	if (m->keyless && n) {
		buf_printf(&b, json ? "{\"type\":\"map\",\"name\":\"%s\",\"value\":" : "%s:",
			   m->name);
		print_value(rt, &b, m, entries[0].value);
		buf_printf(&b, json ? "}\n" : "");
	} else if (n || always) {
		buf_printf(&b, json ? "{\"type\":\"map\",\"name\":\"%s\",\"entries\":[" : "%s:\n",
			   m->name);
		/* Sorted smallest first: the largest are the last. */
		for (i = first = top && top < n ? n - top : 0; i < n; i++) {
			if (json)
				buf_printf(&b, "%s{\"key\":", i > first ? "," : "");
			put_value(rt, &b, m->key, entries[i].key);
			buf_printf(&b, json ? ",\"value\":" : ":");
			print_value(rt, &b, m, entries[i].value);
			buf_printf(&b, json ? "}" : "");
		}
		buf_printf(&b, json ? "]}\n" : "\n");
	}
	buf_add(&rt->out, b.data, b.len);
	buf_free(&b);
	for (i = 0; i < n; i++) {
		free(entries[i].key);
		free(entries[i].value);
	}
	free(entries);
	free(key);
	free(prev_buf);
}

bool output_flush(struct runtime *rt)
{
	size_t done = 0;
	ssize_t n;

	while (done < rt->out.len && !rt->write_error) {
		n = write(rt->opt->out_fd, rt->out.data + done, rt->out.len - done);
		if (n >= 0)
			done += (size_t)n;
		else if (errno != EINTR)
			rt->write_error = errno;
	}
	rt->out.len = 0;
	if (rt->write_error)
		rt->stop = true;
	return !rt->write_error;
}
