// SPDX-License-Identifier: GPL-2.0
/* sonde: a tiny dynamic tracer. The command line, then the stages in order. */
#include "config.h"	/* first: it selects the GNU extensions */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/file.h"
#include "base/sort.h"
#include "base/text.h"
#include "compile.h"
#include "probe/probe.h"
#include "run/run.h"
#include "run/selftest.h"

static const char usage[] =
	"usage: sonde [options] 'PROGRAM' [PARAMETER...]\n"
	"       sonde [options] FILE|- [PARAMETER...]\n"
	"\n"
	"Compiles a ply-style tracing program to eBPF, attaches it to the kernel\n"
	"and prints what it collects. Stops on SIGINT, SIGTERM, exit() in a probe\n"
	"or the end of the -c command, then prints the maps.\n"
	"\n"
	"options:\n"
	"  -B, --buffer=MODE     when output is written: none (each event), line\n"
	"                        (the default) or full (in large blocks)\n"
	"  -c, --command=CMD     run CMD once attached; stop when it ends. Plain words\n"
	"                        naming a program on $PATH run it directly; anything\n"
	"                        else (shell syntax, builtins) runs under sh -c\n"
	"  -d, --debug           print maps, program sizes and whole verifier logs\n"
	"  -e, --dry-run         compile only; exit 0 if the program is valid\n"
	"  -f, --format=FORMAT   text (the default) or json: one object a line\n"
	"  -h, --help            print this help\n"
	"  -k, --keep-going      keep tracing when events are lost\n"
	"  -l, --list [PATTERN]  list the probes matching PATTERN, as in sonde -l\n"
	"                        'tracepoint:sched/*'; -lv: with their arguments\n"
	"      --lru             full maps forget their oldest keys (without it,\n"
	"                        new keys are dropped, and counted)\n"
	"  -M, --map-size=N      entries per map (default 1024, at most 1000000)\n"
	"  -o, --output=FILE     write the trace to FILE (created, or truncated)\n"
	"      --perf-buffer     a perf ring per CPU for events, as before 5.8\n"
	"  -p, --pid=PID         trace only process PID (uprobes attach to it alone)\n"
	"  -q, --quiet           no message once the probes are attached\n"
	"      --ring-size=N     event ring pages (256, or 16 per CPU with perf)\n"
	"  -S, --dump            print the generated eBPF instructions\n"
	"      --target=ARCH[,VERSION]\n"
	"                        with -e or -S: compile for another architecture and\n"
	"                        kernel release (6.1 by default), touching no kernel;\n"
	"                        arm@aarch64, i686@x86_64: a 32-bit userland on a\n"
	"                        64-bit kernel\n"
	"  -T, --self-test       check what this kernel supports, then exit\n"
	"      --tools           list the tools installed with sonde\n"
	"  -u, --unbuffered      the same as -B none\n"
	"      --unsafe          allow system(), which runs commands as sonde's user\n"
	"  -v, --version         print the version\n"
	"\n"
	"FILE is a script (- for standard input); anything else is program text.\n"
	"\n"
	"example:\n"
	"  sonde -c 'ls >/dev/null' \\\n"
	"        'tracepoint:sched/sched_process_exec { @[comm] = count(); }'\n";

enum { OPT_TARGET = 256, OPT_LRU, OPT_UNSAFE, OPT_TOOLS, OPT_RING_SIZE, OPT_PERF_BUFFER };

/* The options: a short name or 0, the long one, and whether a value follows. */
static const struct option {
	int id;
	const char *name;
	bool has_value;
} options[] = {
	{ 'c', "command", true }, { 'd', "debug", false }, { 'e', "dry-run", false },
	{ 'h', "help", false }, { 'k', "keep-going", false }, { 'M', "map-size", true },
	{ 'p', "pid", true }, { 'S', "dump", false }, { OPT_TARGET, "target", true },
	{ OPT_LRU, "lru", false }, { 'T', "self-test", false }, { 'u', "unbuffered", false },
	{ OPT_UNSAFE, "unsafe", false }, { 'v', "version", false },
	{ 'B', "buffer", true }, { 'f', "format", true }, { 'o', "output", true },
	{ 'q', "quiet", false }, { OPT_TOOLS, "tools", false }, { 'l', "list", false },
	{ OPT_RING_SIZE, "ring-size", true }, { OPT_PERF_BUFFER, "perf-buffer", false },
};

/* Where the command line is read: argv[i], and the rest of a cluster such as -de. */
struct args {
	char **argv;
	int i;
	const char *cluster;
};

static noreturn void usage_error(const char *fmt, ...) PRINTF(1, 2);

static noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sonde: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'sonde --help' for more information.\n");
	exit(1);
}

/* The option of a short name (len 0) or of a long one. */
static const struct option *find_option(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(options); i++)
		if (len ? strlen(options[i].name) == len && !strncmp(options[i].name, name, len) :
		    options[i].id == *name)
			return &options[i];
	if (len)
		usage_error("unknown option '--%.*s'", (int)len, name);
	usage_error("unknown option '-%c'", *name);
}

/*
 * The next option and its value, or 0 at the first word that is none (the
 * program: what follows it is the program's). getopt_long() would cost
 * two kilobytes, and its reordering is not wanted.
 */
static int next_option(struct args *a, const char **value)
{
	const char *w = a->cluster, *eq;
	const struct option *o;

	if (!w) {
		w = a->argv[a->i];
		if (!w || w[0] != '-' || !w[1])
			return 0;
		a->i++;
		if (!strcmp(w, "--"))
			return 0;
		w++;
	}
	if (!a->cluster && *w == '-') {
		/* --name, --name=value, --name value */
		eq = strchr(++w, '=');
		o = find_option(w, eq ? (size_t)(eq - w) : strlen(w));
		if (eq && !o->has_value)
			usage_error("option '--%s' takes no value", o->name);
		w = eq ? eq + 1 : NULL;
	} else {
		/* -x, -xVALUE, -x VALUE, -xyz */
		o = find_option(w, 0);
		w = w[1] ? w + 1 : NULL;
	}
	a->cluster = o->has_value ? NULL : w;
	if (o->has_value) {
		*value = w ? w : a->argv[a->i++];
		if (!*value)
			usage_error("option '--%s' needs a value", o->name);
	}
	return o->id;
}

/* Scripts are small; what is larger is not one (/dev/zero, a log file). */
#define MAX_SCRIPT (1 << 20)

/*
 * An argument naming a file is a script (a pipe or terminal too, as
 * /dev/stdin is; - is standard input); anything else is program text.
 */
static char *load_source(struct source *src, const char *arg)
{
	struct stat st;
	char *text;

	if (!strcmp(arg, "-"))
		arg = "/dev/stdin";
	if (stat(arg, &st) != 0) {
		*src = (struct source){ "<program>", arg, strlen(arg) };
		return NULL;
	}
	if (S_ISDIR(st.st_mode) || S_ISBLK(st.st_mode))
		die("%s is a %s, not a script", arg, S_ISDIR(st.st_mode) ? "directory" :
		    "block device");
	text = read_file_max(arg, MAX_SCRIPT, &src->len);
	if (!text)
		die("cannot read the script %s: %s", arg, errno == EFBIG ?
		    "it is larger than 1 MiB" : strerror(errno));
	src->name = arg;
	src->text = text;
	return text;
}

/* The index of arg among the NULL-ended words, or the usage error. */
static int choice(const char *arg, const char *const *words, const char *what)
{
	int i;

	for (i = 0; words[i]; i++)
		if (!strcmp(arg, words[i]))
			return i;
	usage_error("%s, not '%s'", what, arg);
}

/* The tools' first comment lines say what they are: "# NAME: what it shows". */
static int list_tools(void)
{
	struct arena a = { 0 };
	const char *dir = getenv("SONDE_TOOLS");
	char path[4096], head[256], *d, *nl, **names = NULL;
	struct dirent *de;
	size_t n = 0, i;
	ssize_t len;
	DIR *dp;
	int fd;

	dir = dir ? dir : TOOLSDIR;
	if (!(dp = opendir(dir)))
		die("cannot list the tools in %s: %s", dir, strerror(errno));
	while ((de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		names = arena_room(&a, names, n, sizeof(*names));
		names[n++] = arena_strdup(&a, de->d_name);
	}
	closedir(dp);
	sort(names, n, sizeof(*names), text_compare);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		fd = open(path, O_RDONLY);
		len = fd < 0 ? -1 : read(fd, head, sizeof(head) - 1);
		if (fd >= 0)
			close(fd);
		head[len > 0 ? len : 0] = '\0';
		d = text_find(head, "\n# ");
		if (d && (nl = strchr(d + 1, '\n'))) {
			*nl = '\0';
			d = text_find(d, ": ");
			printf("%-14s %s\n", names[i], d ? d + 2 : "");
		}
	}
	arena_free(&a);
	return 0;
}

/* A whole number from min to max, or the usage error. */
static unsigned long long number(const char *arg, unsigned long long min,
				 unsigned long long max, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 0);
	if (!*arg || *end || errno || v < min || v > max || strchr(arg, '-'))
		usage_error("%s wants a whole number from %llu to %llu, not '%s'", what, min, max,
			    arg);
	return v;
}

int main(int argc, char **argv)
{
	static const char *const buffering[] = { "line", "none", "full", NULL };
	static const char *const formats[] = { "text", "json", NULL };
	struct options opt = { .map_entries = 1024, .string_size = 64, .out_fd = STDOUT_FILENO };
	struct arena scratch = { 0 };
	struct source src;
	struct target t;
	struct plan pl;
	struct args args = { argv, 1, NULL };
	const char *optarg = NULL;
	char *text, why[256];
	bool list = false, verbose = false, perf_buffer = false;
	int c;

	while ((c = next_option(&args, &optarg))) {
		switch (c) {
		case 'c': opt.command = optarg; break;
		case 'd': opt.debug = true; break;
		case 'e': opt.dry_run = true; break;
		case 'k': opt.keep_going = true; break;
		case 'S': opt.dump = true; break;
		case 'q': opt.quiet = true; break;
		case 'u': opt.buffering = BUFFER_NONE; break;
		case 'B':
			opt.buffering = choice(optarg, buffering, "-B takes none, line or full");
			break;
		case 'f':
			opt.json = choice(optarg, formats, "-f takes text or json");
			break;
		case 'o':
			if (opt.out_fd != STDOUT_FILENO)
				close(opt.out_fd);
			opt.out_fd = open(optarg, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
			if (opt.out_fd < 0)
				die("cannot open the output file %s: %s", optarg, strerror(errno));
			break;
		case OPT_TOOLS:
			return list_tools();
		case OPT_TARGET: opt.target = optarg; break;
		case OPT_LRU: opt.lru = true; break;
		case OPT_UNSAFE: opt.unsafe = true; break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'T':
			return selftest_run();
		case 'l': list = true; break;
		case 'v':
			/* -lv: a listing with what each probe offers */
			if (list) {
				verbose = true;
				break;
			}
			puts(PACKAGE_STRING);
			return 0;
		case 'M':
			opt.map_entries = (unsigned)number(optarg, 1, MAX_MAP_ENTRIES, "-M");
			break;
		case OPT_RING_SIZE:
			opt.pages = (unsigned)number(optarg, 1, MAX_RING_PAGES, "--ring-size");
			break;
		case OPT_PERF_BUFFER: perf_buffer = true; break;
		case 'p':
			opt.pid = (int)number(optarg, 1, INT32_MAX, "-p");
			if (kill(opt.pid, 0) < 0 && errno == ESRCH)
				usage_error("there is no process %s", optarg);
			break;
		}
	}
	if (list) {
		t = (struct target){ .task = target_host_task(), .host = true };
		t.arch = arch_kernel(t.task);
		if (probe_list(&t, argv[args.i], verbose))
			return 0;
		die("no probe matches '%s'", argv[args.i] ? argv[args.i] : "*");
	}
	if (args.i >= argc)
		usage_error("%s", "no program given");
	/* The words after the program are its parameters, $1... */
	opt.params = argv + args.i + 1;
	opt.nparams = (unsigned)(argc - args.i - 1);
	if (opt.target && !opt.dry_run && !opt.dump)
		usage_error("%s", "--target compiles for another kernel: it goes with -e or -S");
	/* Programs for another kernel are never loaded into this one. */
	opt.dry_run |= opt.target != NULL;
	if (opt.target && !target_profile(&t, opt.target, why, sizeof(why)))
		usage_error("--target: %s", why);
	if (!opt.target)
		target_host(&t);
	if (perf_buffer)
		t.features &= ~TF_RINGBUF;

	/* A closed stdout would be the next file sonde opens: a map, a probe. */
	if (fcntl(STDOUT_FILENO, F_GETFD) < 0)
		die("standard output is closed: sonde has nowhere to print (redirect it to "
		    "a file or /dev/null)");
	setvbuf(stdout, NULL, opt.buffering == BUFFER_NONE ? _IONBF : _IOLBF, 0);
	text = load_source(&src, argv[args.i]);
	plan_init(&pl);
	compile(&pl, &src, &t, &opt, &scratch);
	arena_free(&scratch);	/* before anything runs: the plan is all it needs */
	if (opt.dump)
		plan_dump(&pl, stdout);
	c = opt.dry_run ? 0 : run_plan(&pl, &opt);
	plan_free(&pl);
	free(text);
	if (fflush(stdout) != 0 || ferror(stdout))
		die("cannot write the output: %s", strerror(errno));
	return c;
}
