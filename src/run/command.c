// SPDX-License-Identifier: GPL-2.0
/*
 * The -c command. It is forked before the probes attach, held before its
 * exec until they are, so that sonde's own setup is not traced and the
 * command's first instruction is; a command that cannot run is refused
 * before anything attaches.
 */
#include "config.h"	/* first: it selects the GNU extensions (pipe2) */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "run/runtime.h"

/* How long a command has to end after SIGTERM before it gets SIGKILL. */
#define STOP_GRACE_SECONDS 2

/* What sh runs itself: a command naming one of these needs the shell. */
static const char *const shell_words[] = {
	"!", ".", ":", "[", "{", "}", "alias", "bg", "break", "case", "cd", "command",
	"continue", "do", "done", "echo", "elif", "else", "esac", "eval", "exec", "exit",
	"export", "false", "fc", "fg", "fi", "for", "getopts", "hash", "if", "in", "jobs",
	"kill", "newgrp", "printf", "pwd", "read", "readonly", "return", "set", "shift",
	"test", "then", "times", "trap", "true", "type", "ulimit", "umask", "unalias",
	"unset", "until", "wait", "while",
};

static bool is_shell_word(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(shell_words); i++)
		if (!strcmp(shell_words[i], word))
			return true;
	return false;
}

/* A file exec can run; errno says why not. */
static bool executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return false;
	if (!S_ISREG(st.st_mode)) {
		errno = S_ISDIR(st.st_mode) ? EISDIR : EACCES;
		return false;
	}
	return access(path, X_OK) == 0;
}

/* The program a word names, as execvp() would find it; NULL if none. */
static char *find_program(const char *word)
{
	const char *dir = getenv("PATH");
	size_t len;
	char *path;

	if (strchr(word, '/'))
		return executable(word) ? strdup(word) : NULL;	/* errno says why not */
	for (dir = dir ? dir : "/usr/local/bin:/usr/bin:/bin"; *dir; dir += len + !!dir[len]) {
		len = strcspn(dir, ":");
		path = xmalloc(len + strlen(word) + 2);
		sprintf(path, "%.*s/%s", (int)len, len ? dir : ".", word);
		if (executable(path))
			return path;
		free(path);
	}
	return NULL;
}

/* What the command's process execs. */
struct command_line {
	char *program;		/* the file */
	char **argv;
	char *words;		/* what argv points into */
};

/*
 * Plain words run directly, as the shell would (the command starts an exec
 * sooner), unless the first one is the shell's own; anything else runs
 * under sh -c. False, having said why, if the command names a program that
 * is not there.
 */
static bool parse_command(const char *cmd, struct command_line *cl)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_./:,+@%^- ";
	size_t len = strlen(cmd);
	char *w, *save;
	int n = 0;

	cl->words = strcpy(xmalloc(len + 1), cmd);
	cl->argv = xcalloc(len / 2 + 4, sizeof(*cl->argv));
	if (!cmd[strspn(cmd, plain)])
		for (w = strtok_r(cl->words, " ", &save); w; w = strtok_r(NULL, " ", &save))
			cl->argv[n++] = w;
	if (n && !is_shell_word(cl->argv[0])) {
		cl->program = find_program(cl->argv[0]);
		if (cl->program)
			return true;
		err("cannot run %s: %s", cl->argv[0], strchr(cl->argv[0], '/') ?
		    strerror(errno) : "it is neither a program on $PATH nor a shell command");
		return false;
	}
	cl->program = strdup("/bin/sh");
	cl->argv[0] = "sh";
	cl->argv[1] = "-c";
	cl->argv[2] = (char *)cmd;
	cl->argv[3] = NULL;
	return true;
}

static void free_command(struct command_line *cl)
{
	free(cl->program);
	free(cl->argv);
	free(cl->words);
}

/* In the command's own process: waits for sonde's word, then runs. */
static noreturn void run_held(struct runtime *rt, const struct command_line *cl, int go)
{
	char c;

	sigprocmask(SIG_SETMASK, &rt->oldmask, NULL);
	signal(SIGPIPE, SIG_DFL);
	/* The probes are attached when sonde writes; EOF means they never will be. */
	if (read(go, &c, 1) != 1)
		_exit(1);
	close(go);
	execv(cl->program, cl->argv);
	fprintf(stderr, "sonde: cannot run %s: %s\n", cl->argv[0], strerror(errno));
	_exit(127);
}

/*
 * sonde's child supervises the command, in a process group of their own:
 * when sonde dies, even by SIGKILL, the kernel sends the supervisor SIGTERM
 * (PR_SET_PDEATHSIG), and it stops the whole group, grandchildren included,
 * with SIGKILL if SIGTERM is not enough.
 */
static noreturn void supervise(struct runtime *rt, const struct command_line *cl, int go,
			       int ready)
{
	struct timespec grace = { STOP_GRACE_SECONDS, 0 };
	bool stopping = false, killed = false, ended = false;
	sigset_t wait;
	pid_t cmd, pid;
	int sig, status = 0, st;

	setpgid(0, 0);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	/* The command's orphans become ours: a stop waits for them too. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	sigemptyset(&wait);
	sigaddset(&wait, SIGTERM);
	sigaddset(&wait, SIGCHLD);
	sigprocmask(SIG_BLOCK, &wait, NULL);
	if (getppid() == 1)	/* sonde died before the death signal was armed */
		_exit(1);
	cmd = fork();
	if (cmd == 0) {
		close(ready);
		run_held(rt, cl, go);
	}
	close(go);
	/* The fork is done, and its pid is cpid: sonde may attach. */
	if (write(ready, &cmd, sizeof(cmd)) != sizeof(cmd))
		_exit(1);
	close(ready);
	while (cmd > 0) {
		sig = stopping ? sigtimedwait(&wait, NULL, &grace) : sigwaitinfo(&wait, NULL);
		if (sig < 0 && errno == EAGAIN) {
			if (killed)
				break;	/* one that left the group: not ours to wait for */
			kill(-getpgrp(), SIGKILL);	/* it had its chance */
			killed = true;
		} else if (sig == SIGTERM && !stopping) {
			/* Blocked here, it reaches the rest of the group; once. */
			stopping = true;
			kill(-getpgrp(), SIGTERM);
		}
		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			if (pid == cmd) {
				status = st;
				ended = true;
			}
		}
		/* Ended by itself, it may leave jobs; stopped, nothing of it is left. */
		if (ended && (!stopping || (pid < 0 && errno == ECHILD)))
			break;
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 1);
}

int command_start(struct runtime *rt)
{
	struct command_line cl;
	int go[2], ready[2], r = 0;
	pid_t pid;

	if (!parse_command(rt->opt->command, &cl)) {
		free_command(&cl);
		return -ENOENT;
	}
	/*
	 * go lets the command exec once the probes are attached; ready tells
	 * sonde that the command's process is forked, so that neither fork is
	 * traced.
	 */
	if (pipe(go) < 0 || pipe2(ready, O_CLOEXEC) < 0 || fcntl(go[1], F_SETFD, FD_CLOEXEC) < 0) {
		r = -errno;
		err("cannot start the -c command: %s", strerror(errno));
		free_command(&cl);
		return r;
	}
	pid = fork();
	if (pid == 0)
		supervise(rt, &cl, go[0], ready[1]);
	r = pid < 0 ? -errno : 0;
	close(go[0]);
	close(ready[1]);
	free_command(&cl);
	if (r) {
		err("cannot start the -c command: %s", strerror(-r));
		close(go[1]);
		close(ready[0]);
		return r;
	}
	while (read(ready[0], &rt->cpid, sizeof(rt->cpid)) < 0 && errno == EINTR)
		;
	close(ready[0]);
	setpgid(pid, pid);
	rt->child = pid;
	rt->go = go[1];
	return 0;
}

void command_release(struct runtime *rt)
{
	if (rt->go < 0)
		return;
	if (write(rt->go, "g", 1) != 1)
		err("cannot start the -c command: %s", strerror(errno));
	close(rt->go);
	rt->go = -1;
}

/* Whether a stop signal (not SIGCHLD) is among those waiting. */
static bool stop_signal_waiting(struct runtime *rt)
{
	struct signalfd_siginfo si;
	bool stop = false;

	while (read(rt->sigfd, &si, sizeof(si)) == sizeof(si))
		stop |= si.ssi_signo != SIGCHLD;
	return stop;
}

void command_stop(struct runtime *rt)
{
	struct pollfd pfd = { .fd = rt->sigfd, .events = POLLIN };

	if (rt->go >= 0) {
		close(rt->go);	/* never released: it ends without running */
		rt->go = -1;
	}
	if (rt->child <= 0)
		return;
	kill(-rt->child, SIGTERM);
	/* The supervisor kills what outlives the grace period; a second signal, at once. */
	while (waitpid(rt->child, NULL, WNOHANG) == 0)
		if (poll(&pfd, 1, -1) > 0 && stop_signal_waiting(rt))
			kill(-rt->child, SIGKILL);
	rt->child = 0;
}
