// SPDX-License-Identifier: GPL-2.0
/* The session's registries: the script source, maps and event layouts. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ksym.h"
#include "sonde.h"

void sonde_load_source(struct sonde *s, const char *arg)
{
	struct stat st;

	/* An argument naming a regular file is a script file; anything else is program text. */
	if (stat(arg, &st) == 0 && S_ISREG(st.st_mode)) {
		char *text = read_file(arg, &s->src.len);

		if (!text)
			die("cannot read %s: %s", arg, strerror(errno));
		s->src.name = arg;
		s->src.text = arena_strndup(&s->ka, text, s->src.len);
		free(text);
	} else {
		s->src.name = "<program>";
		s->src.text = arg;
		s->src.len = strlen(arg);
	}
}

static struct map *new_map(struct sonde *s, const char *name)
{
	struct map *m = arena_alloc(&s->ka, sizeof(*m)), **tail;

	m->name = arena_strdup(&s->ka, name);
	m->id = s->nmaps++;
	m->fd = -1;
	for (tail = &s->maps; *tail; tail = &(*tail)->next)
		;
	*tail = m;
	return m;
}

struct map *sonde_map(struct sonde *s, const char *name, const struct loc *loc)
{
	struct map *m;

	for (m = s->maps; m; m = m->next)
		if (!strcmp(m->name, name))
			return m;
	m = new_map(s, name);
	m->loc = *loc;
	return m;
}

/* Internal maps have names a script cannot write, such as "(events)". */
struct map *sonde_internal_map(struct sonde *s, const char *name)
{
	struct map *m;

	for (m = s->maps; m; m = m->next)
		if (!strcmp(m->name, name))
			return m;
	m = new_map(s, name);
	m->used = true;
	return m;
}

struct event *sonde_event(struct sonde *s, enum event_kind kind, const struct loc *loc)
{
	struct event *ev = arena_alloc(&s->ka, sizeof(*ev));

	ev->kind = kind;
	ev->loc = *loc;
	ev->id = s->nevents;
	if (!(s->nevents & (s->nevents - 1)))	/* grow at powers of two */
		s->events = xrealloc(s->events, sizeof(*s->events) * (s->nevents ? s->nevents * 2 : 1));
	s->events[s->nevents++] = ev;
	return ev;
}

void sonde_free(struct sonde *s)
{
	struct probe *p;

	for (p = s->probes; p; p = p->next)
		free(p->insns);
	free(s->events);
	ksyms_free(s->ksyms);
	arena_free(&s->ca);
	arena_free(&s->ka);
	memset(s, 0, sizeof(*s));
}
