// SPDX-License-Identifier: GPL-2.0
/* sonde: a tiny dynamic tracer. Command line, then the stages in order. */
#include "config.h"	/* first: it selects the GNU extensions */

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run.h"
#include "selftest.h"
#include "sonde.h"

static const char usage[] =
	"usage: sonde [options] 'PROGRAM'\n"
	"       sonde [options] FILE\n"
	"\n"
	"Compiles a ply-style tracing program to eBPF, attaches it to the kernel\n"
	"and prints what it collects. Stops on SIGINT, SIGTERM, exit() in a probe\n"
	"or the end of the -c command, then prints the maps.\n"
	"\n"
	"options:\n"
	"  -c, --command=CMD     run CMD (with sh -c) once attached; stop when it ends\n"
	"  -d, --debug           print maps, program sizes and whole verifier logs\n"
	"  -e, --dry-run         compile only; exit 0 if the program is valid\n"
	"  -h, --help            print this help\n"
	"  -k, --keep-going      keep tracing when events are lost\n"
	"  -M, --map-size=N      entries per map (default 1024)\n"
	"  -p, --pid=PID         trace only process PID (uprobes attach to it alone)\n"
	"  -S, --dump            print the generated eBPF instructions\n"
	"  -T, --self-test       check what this kernel supports, then exit\n"
	"  -u, --unbuffered      write output unbuffered\n"
	"  -v, --version         print the version\n"
	"\n"
	"example:\n"
	"  sonde -c 'ls >/dev/null' 'tracepoint:sched/sched_process_exec { @[comm] = count(); }'\n";

static const struct option long_options[] = {
	{ "command", required_argument, NULL, 'c' },
	{ "debug", no_argument, NULL, 'd' },
	{ "dry-run", no_argument, NULL, 'e' },
	{ "help", no_argument, NULL, 'h' },
	{ "keep-going", no_argument, NULL, 'k' },
	{ "map-size", required_argument, NULL, 'M' },
	{ "pid", required_argument, NULL, 'p' },
	{ "dump", no_argument, NULL, 'S' },
	{ "self-test", no_argument, NULL, 'T' },
	{ "unbuffered", no_argument, NULL, 'u' },
	{ "version", no_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 },
};

static noreturn void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "sonde: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'sonde --help' for more information.\n");
	exit(1);
}

/* Block characters only where they will show: a terminal with a UTF-8 locale. */
static bool utf8_terminal(void)
{
	const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" }, *v;
	size_t i;

	if (!isatty(STDOUT_FILENO))
		return false;
	for (i = 0; i < ARRAY_SIZE(vars); i++) {
		v = getenv(vars[i]);
		if (v && *v)
			return strcasestr(v, "UTF-8") || strcasestr(v, "utf8");
	}
	return false;
}

static unsigned possible_cpus(void)
{
	char *list = read_file("/sys/devices/system/cpu/possible", NULL);
	unsigned n = list ? cpulist_parse(list, NULL, 0) : 0;

	free(list);
	return n ? n : 1;
}

int main(int argc, char **argv)
{
	struct sonde s = {
		.opt = { .map_entries = 1024, .string_size = 64, .pages = 16 },
	};
	struct probe *p;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "+c:dehkM:p:STuv", long_options, NULL)) != -1) {
		switch (c) {
		case 'c': s.opt.command = optarg; break;
		case 'd': s.opt.debug = true; break;
		case 'e': s.opt.dry_run = true; break;
		case 'k': s.opt.keep_going = true; break;
		case 'S': s.opt.dump = true; break;
		case 'u': s.opt.unbuffered = true; break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		case 'T':
			return selftest_run();
		case 'v':
			puts(PACKAGE_STRING);
			return 0;
		case 'M':
			s.opt.map_entries = (unsigned)strtoul(optarg, &end, 0);
			if (*end || !s.opt.map_entries)
				usage_error("-M wants a positive number of entries, not '%s'", optarg);
			break;
		case 'p':
			s.opt.pid = (int)strtol(optarg, &end, 10);
			if (*end || s.opt.pid <= 0)
				usage_error("-p wants a process id, not '%s'", optarg);
			if (kill(s.opt.pid, 0) < 0 && errno == ESRCH)
				usage_error("there is no process %s", optarg);
			break;
		default:
			usage_error("%s", "invalid option");
		}
	}
	if (optind == argc)
		usage_error("%s", "no program given");
	if (optind + 1 < argc)
		usage_error("one program only: unexpected '%s' (quote the program text)",
			    argv[optind + 1]);

	setvbuf(stdout, NULL, s.opt.unbuffered ? _IONBF : _IOLBF, 0);
	s.unicode = utf8_terminal();
	s.ncpus = possible_cpus();
	sonde_load_source(&s, argv[optind]);
	parse_program(&s);
	sema_program(&s);
	for (p = s.probes; p; p = p->next) {
		gen_probe(&s, p);
		if (s.opt.dump)
			disasm_probe(&s, p, stdout);
	}
	c = s.opt.dry_run ? 0 : run_program(&s);
	sonde_free(&s);
	return c;
}
