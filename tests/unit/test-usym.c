// SPDX-License-Identifier: GPL-2.0
/*
 * User-space symbols, from real processes: this one, forked copies of it
 * (more than the cache holds) and tests/uprobe-target ($UPROBE_TARGET:
 * PIE, not PIE, and a stripped copy where strip is installed), to
 * "function+0xoff"; gone processes and anonymous memory to hex.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "kernel/elf.h"
#include "run/usym.h"
#include "check.h"

#define ADDR(f) ((uint64_t)(uintptr_t)(f))
#define NFORKS 40		/* more processes than struct usyms keeps */

static __attribute__((noinline)) long usym_probe(long x)
{
	__asm__ volatile("" ::: "memory");
	return x * 2 + 1;
}

/* A function without a size, as assembly without .size leaves it. */
__asm__(".pushsection .text\n.type usym_unsized, %function\nusym_unsized:\n.skip 16\n"
	".popsection\n");
extern const char usym_unsized[];

static void name_case(const char *name, struct usyms *u, pid_t pid, uint64_t addr,
		      const char *want)
{
	char buf[256];

	check_str(name, usym_name(u, (uint32_t)pid, addr, buf, sizeof(buf)), want);
}

static void hex_case(const char *name, struct usyms *u, pid_t pid, uint64_t addr)
{
	char want[32];

	snprintf(want, sizeof(want), "0x%" PRIx64, addr);
	name_case(name, u, pid, addr, want);
}

static void self_cases(struct usyms *u)
{
	char buf[256];
	void *anon = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	pid_t child;

	name_case("self", u, getpid(), ADDR(usym_probe), "usym_probe");
	name_case("self-offset", u, getpid(), ADDR(usym_probe) + 2, "usym_probe+0x2");
	check_str("func-only", usym_func(u, getpid(), ADDR(usym_probe) + 2, buf, sizeof(buf)),
		  "usym_probe");
	name_case("unsized", u, getpid(), ADDR(usym_unsized) + 8, "usym_unsized+0x8");
	/* libc's in .dynsym (ASan's interceptor of it, in an ASan build), not __write. */
	check_str("libc", usym_func(u, getpid(), ADDR(write), buf, sizeof(buf)), "write");
	/* Mapped after the maps were read: read again, and not a file's. */
	if (check("anonymous-mmap", anon != MAP_FAILED, "mmap failed"))
		hex_case("anonymous", u, getpid(), ADDR(anon) + 16);
	child = fork();
	if (child == 0)
		_exit(0);
	waitpid(child, NULL, 0);
	hex_case("exited", u, child, ADDR(usym_probe));
	hex_case("no-process", u, 0, ADDR(usym_probe));
	if (anon != MAP_FAILED)
		munmap(anon, 4096);
}

/* Copies of this process, waiting on a pipe: more than the cache keeps, each named. */
static void fork_cases(struct usyms *u)
{
	pid_t pids[NFORKS];
	char buf[256];
	int fds[2], i, n = 0, wrong = 0;

	if (!check("forks-pipe", pipe(fds) == 0, "pipe failed"))
		return;
	for (; n < NFORKS; n++) {
		pids[n] = fork();
		if (pids[n] == 0) {
			close(fds[1]);
			while (read(fds[0], buf, 1) > 0)
				;
			_exit(0);
		}
		if (pids[n] < 0)
			break;
	}
	close(fds[0]);
	for (i = 0; i < n; i++)
		wrong += !!strcmp(usym_func(u, pids[i], ADDR(usym_probe), buf, sizeof(buf)),
				  "usym_probe");
	/* The first is long evicted: read again. */
	wrong += n && strcmp(usym_name(u, pids[0], ADDR(usym_probe) + 1, buf, sizeof(buf)),
			     "usym_probe+0x1");
	close(fds[1]);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	check("forks", n == NFORKS && !wrong, "%d of %d processes forked, %d named wrong", n,
	      NFORKS, wrong);
}

/* The file's own view: elf_vaddr undoes elf_file_offset, elf_symbol_at finds by size. */
static void elf_cases(const char *path)
{
	const char *why = "";
	struct elf *e = elf_open(path, arch_native, &why);
	const struct elf_sym *s = e ? elf_symbol(e, "sonde_target") : NULL, *at;
	int64_t off = s ? elf_file_offset(e, s->addr) : -1;

	if (!check("elf-open", s && s->size && off >= 0, "%s: %s", path, e ? "no sonde_target" : why))
		goto out;
	check("elf-vaddr", elf_vaddr(e, (uint64_t)off) == (int64_t)s->addr, "0x%" PRIx64
	      " to offset 0x%" PRIx64 " and back to 0x%" PRIx64, s->addr, (uint64_t)off,
	      (uint64_t)elf_vaddr(e, (uint64_t)off));
	at = elf_symbol_at(e, s->addr + s->size - 1);
	check("elf-symbol-at", at && !strcmp(at->name, "sonde_target"), "got %s",
	      at ? at->name : "none");
	at = elf_symbol_at(e, s->addr + s->size);
	check("elf-symbol-past", !at || strcmp(at->name, "sonde_target"), "sonde_target still");
	check("elf-vaddr-none", elf_vaddr(e, (uint64_t)e->size + 1) == -1, "an offset past the file");
out:
	elf_close(e);
}

/*
 * Runs "TARGET addresses" and names the two addresses it prints; the
 * static sonde_local only where the file has a .symtab.
 */
static void target_cases(struct usyms *u, const char *name, const char *path, bool stripped)
{
	char label[64], line[128], *end;
	int in[2], out[2];
	uint64_t target, local;
	FILE *from;
	pid_t pid;

	if (pipe(in) || pipe(out)) {
		check(name, false, "pipe failed");
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(out[1], 1);
		close(in[1]);
		close(out[0]);
		execl(path, path, "addresses", (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	from = fdopen(out[0], "r");
	snprintf(label, sizeof(label), "%s-runs", name);
	if (!check(label, pid > 0 && from && fgets(line, sizeof(line), from),
		   "%s printed nothing", path))
		goto out;
	target = strtoull(line, &end, 16);
	local = strtoull(end, NULL, 16);
	snprintf(label, sizeof(label), "%s-offset", name);
	name_case(name, u, pid, target, "sonde_target");
	name_case(label, u, pid, target + 1, "sonde_target+0x1");
	snprintf(label, sizeof(label), "%s-static", name);
	if (stripped)
		hex_case(label, u, pid, local);
	else
		name_case(label, u, pid, local, "sonde_local");
out:
	close(in[1]);
	if (from)
		fclose(from);
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* strip -o DIR/stripped TARGET: false if strip is not there. */
static bool strip_copy(const char *target, const char *copy)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execlp("strip", "strip", "-o", copy, target, (char *)NULL);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

int main(void)
{
	const char *target = getenv("UPROBE_TARGET");
	char nopie[4096], dir[] = "/tmp/sonde-usym.XXXXXX", copy[64];
	struct usyms *u = usyms_new();

	self_cases(u);
	fork_cases(u);
	if (!target) {
		printf("SKIP uprobe-target (UPROBE_TARGET is not set: run it from tests/run)\n");
		goto out;
	}
	elf_cases(target);
	target_cases(u, "pie", target, false);
	snprintf(nopie, sizeof(nopie), "%s-nopie", target);
	target_cases(u, "nopie", nopie, false);
	if (!mkdtemp(dir)) {
		check("stripped", false, "mkdtemp failed");
		goto out;
	}
	snprintf(copy, sizeof(copy), "%s/stripped", dir);
	if (strip_copy(target, copy))
		target_cases(u, "stripped", copy, true);
	else
		printf("SKIP stripped (needs strip, from binutils)\n");
	unlink(copy);
	rmdir(dir);
out:
	usyms_free(u);
	return check_failures != 0;
}
