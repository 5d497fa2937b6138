#ifndef DUTYDESK_NCURSES_SHIM_H
#define DUTYDESK_NCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600; without this the wide-character
   API (add_wch, cchar_t, get_wch) is not declared. */
#define NCURSES_WIDECHAR 1
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Swift 6 rejects C globals as not concurrency-safe, and does not import
   function-like macros: everything of that sort goes through these. */
static inline WINDOW *dd_stdscr(void) { return stdscr; }
static inline WINDOW *dd_curscr(void) { return curscr; }
static inline int dd_lines(void) { return LINES; }
static inline int dd_cols(void) { return COLS; }
static inline int dd_colors(void) { return COLORS; }
static inline int dd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t dd_a_bold(void) { return A_BOLD; }
static inline attr_t dd_a_dim(void) { return A_DIM; }
static inline attr_t dd_a_reverse(void) { return A_REVERSE; }
static inline attr_t dd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dd_a_normal(void) { return A_NORMAL; }
static inline int dd_key_f(int n) { return KEY_F(n); }
static inline int dd_key_f0(void) { return KEY_F0; }
static inline int dd_wcwidth(wchar_t c) { return wcwidth(c); }
static inline mmask_t dd_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t dd_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline mmask_t dd_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t dd_button5_pressed(void) { return BUTTON5_PRESSED; }

/* ---- terminfo ------------------------------------------------------------ */

/* True when terminfo knows `term` and it has cursor addressing (cup).
   setupterm replaces the global cur_term; the previous one is put back and the
   probe's freed, so asking never disturbs a screen that is already running. */
static inline int dd_term_can_position_cursor(const char *term, int fd) {
    TERMINAL *saved = cur_term;
    int err = 0;
    if (setupterm((char *)term, fd, &err) != OK) {
        set_curterm(saved);
        return 0;
    }
    TERMINAL *probe = cur_term;
    char *cup = tigetstr((char *)"cup");
    int ok = cup != NULL && cup != (char *)-1;
    set_curterm(saved);
    if (probe != saved) del_curterm(probe);
    return ok;
}

/* ---- window size (ioctl is variadic: Swift cannot call it) -------------- */

static inline int dd_get_winsize(int fd, int *rows, int *cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* True when fd reports hangup or error (the other side of a pty closed). */
static inline int dd_fd_hung_up(int fd) {
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    if (poll(&p, 1, 0) < 0) return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Bytes waiting to be read on fd, or -1 when the fd cannot tell. */
static inline int dd_bytes_readable(int fd) {
    int n = 0;
    return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

/* ---- signals -------------------------------------------------------------- */

/* True when the signal's disposition is SIG_IGN. */
static inline int dd_signal_is_ignored(int sig) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return 0;
    return !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN;
}

/* True when the signal's disposition is SIG_DFL. */
static inline int dd_signal_is_default(int sig) {
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return 0;
    return !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_DFL;
}

static inline int dd_signal_ignore(int sig) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

/* Takes the signal's default action in the calling thread right now (stop for
   SIGTSTP, terminate for SIGINT), whatever handler or mask is in place, then
   puts handler and mask back. libdispatch's signal sources keep the signal
   blocked in its threads and own its handler, so a plain kill() would only be
   reported to the source again; a thread-directed raise with the signal
   unblocked and SIG_DFL installed is what the kernel acts on. For SIGTSTP this
   returns once the process is continued (SIGCONT, i.e. `fg`). */
static inline void dd_raise_default(int sig) {
    struct sigaction dfl, old;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, &old);
    sigset_t set, oldmask;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, &oldmask);
    raise(sig);
    pthread_sigmask(SIG_SETMASK, &oldmask, NULL);
    sigaction(sig, &old, NULL);
}

/* Crash signals. The handler puts the terminal back so that the crash
   report is readable and the shell usable, then hands the signal to whoever
   had it before — Swift's backtracer when it is enabled, else SIG_DFL (core
   dump or plain termination) — so the report still appears, below the
   restored screen, and the exit status stays 128 + the signal.
   Restoring is async-signal-safe: the handler does not call into ncurses
   (endwin writes through ncurses' buffers and may run while the crashing
   thread was inside ncurses). It writes bytes made before any crash (leave the
   alternate screen, show the cursor, reset attributes and mouse reporting)
   with write(2), then puts back the terminal modes the shell had, saved with
   tcgetattr before ncurses changed them, with tcsetattr(2). Both calls are on
   POSIX's list of async-signal-safe functions.
   The saved state lives in this header's static storage, so only ONE Swift
   file (SignalRouter.swift) may call the dd_crash_* functions and
   dd_install_crash_handler: each Swift file that uses a static inline
   function gets its own copy of the statics it touches. */
/* Storage as function-local statics: Swift emits a static inline function's
   body where it is used, but not a file-scope static variable it touches. */
static inline struct sigaction *dd_previous_crash_actions(void) {
    static struct sigaction saved[65];
    return saved;
}

/* What a crash handler writes and restores. */
struct dd_crash_restore {
    volatile sig_atomic_t armed;   /* a screen is up: restore on a crash */
    int fd;                        /* the terminal ncurses writes to */
    int has_modes;
    struct termios modes;          /* the shell's modes, before ncurses */
    char bytes[512];               /* leave the screen as the shell had it */
    int length;
};

static inline struct dd_crash_restore *dd_crash_state(void) {
    static struct dd_crash_restore state;
    return &state;
}

/* Before newterm: remember the terminal's modes as the shell left them. */
static inline void dd_crash_save_modes(int fd) {
    struct dd_crash_restore *r = dd_crash_state();
    r->armed = 0;
    r->fd = fd;
    r->has_modes = tcgetattr(fd, &r->modes) == 0;
    r->length = 0;
}

/* After newterm: the bytes that give the screen back (copied, at most 511). */
static inline void dd_crash_set_bytes(const char *bytes, int length) {
    struct dd_crash_restore *r = dd_crash_state();
    if (length < 0) length = 0;
    if (length > (int)sizeof r->bytes - 1) length = (int)sizeof r->bytes - 1;
    memcpy(r->bytes, bytes, (size_t)length);
    r->length = length;
}

/* Whether a screen is running, i.e. whether a crash handler should restore. */
static inline void dd_crash_arm(int on) { dd_crash_state()->armed = on; }

/* The restore itself: write(2) and tcsetattr(2) only. Also used by tests. */
static inline void dd_crash_restore_now(void) {
    struct dd_crash_restore *r = dd_crash_state();
    if (!r->armed) return;
    r->armed = 0;
    int saved_errno = errno;
    const char *p = r->bytes;
    int left = r->length;
    while (left > 0) {
        ssize_t n = write(r->fd, p, (size_t)left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        p += n; left -= (int)n;
    }
    if (r->has_modes) tcsetattr(r->fd, TCSANOW, &r->modes);
    errno = saved_errno;
}

/* "dutydesk: ended by SIGUSR1" on stderr, for a signal nobody else reports
   (the previous action is the default one): string literals and write(2). */
static inline void dd_crash_say(int sig) {
    const char *name;
    switch (sig) {
    case SIGSEGV: name = "SIGSEGV"; break;
    case SIGBUS: name = "SIGBUS"; break;
    case SIGILL: name = "SIGILL"; break;
    case SIGFPE: name = "SIGFPE"; break;
    case SIGABRT: name = "SIGABRT"; break;
    case SIGTRAP: name = "SIGTRAP"; break;
    case SIGQUIT: name = "SIGQUIT"; break;
    case SIGPIPE: name = "SIGPIPE"; break;
    case SIGUSR1: name = "SIGUSR1"; break;
    case SIGUSR2: name = "SIGUSR2"; break;
    default: name = "a signal"; break;
    }
    static const char head[] = "dutydesk: ended by ";
    ssize_t r = write(2, head, sizeof head - 1);
    r = write(2, name, strlen(name));
    r = write(2, "\n", 1);
    (void)r;
}

static inline void dd_crash_handler(int sig, siginfo_t *info, void *context) {
    struct sigaction previous;
    if (sig > 0 && sig < 65) previous = dd_previous_crash_actions()[sig];
    else { memset(&previous, 0, sizeof previous); previous.sa_handler = SIG_DFL; }
    /* The previous action goes back first: should the restore itself fault,
       the process still dies the ordinary way. */
    sigaction(sig, &previous, NULL);
    dd_crash_restore_now();
    /* A hardware fault re-executes the faulting instruction on return and so
       reaches the previous handler with its real siginfo. */
    int sent = sig == SIGABRT || sig == SIGQUIT || sig == SIGPIPE || sig == SIGUSR1 || sig == SIGUSR2
               || info == NULL || info->si_code <= 0;
    int reported = (previous.sa_flags & SA_SIGINFO) || (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN);
    if (!reported) dd_crash_say(sig);
    if (!sent) return;
    /* A signal that was sent (kill, raise, abort, Ctrl-\ for SIGQUIT): let the
       previous handler report it, then make sure it is fatal — Swift's
       backtracer returns from a signal it did not cause by a fault. */
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction) previous.sa_sigaction(sig, info, context);
    } else if (previous.sa_handler == SIG_IGN) {
        return;
    } else if (previous.sa_handler != SIG_DFL) {
        previous.sa_handler(sig);
    }
    signal(sig, SIG_DFL);
    raise(sig);             /* blocked while this handler runs: delivered on return */
}

static inline int dd_install_crash_handler(int sig) {
    if (sig <= 0 || sig >= 65) return -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = dd_crash_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, &dd_previous_crash_actions()[sig]);
}

#endif
