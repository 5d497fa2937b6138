#include "pty_helper.h"
#include <pty.h>
#include <string.h>
#include <sys/ioctl.h>

int dd_open_pty(int *master, int *slave) {
    return openpty(master, slave, NULL, NULL, NULL);
}

int dd_set_winsize(int fd, int rows, int cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}
