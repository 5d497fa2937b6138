#ifndef DUTYDESK_PTY_HELPER_H
#define DUTYDESK_PTY_HELPER_H
/* Pseudo-terminals for the terminal tests, which drive the console without a
   real terminal. Kept out of the production shim: only tests open ptys. */

/* A new pseudo-terminal (master and slave, neither a controlling tty);
   0 on success, -1 with errno set. */
int dd_open_pty(int *master, int *slave);

/* Sets the window size a terminal emulator would (ioctl is variadic: Swift
   cannot call it). */
int dd_set_winsize(int fd, int rows, int cols);

#endif
