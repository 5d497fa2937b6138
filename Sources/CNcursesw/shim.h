#ifndef DUTYDESK_NCURSES_SHIM_H
#define DUTYDESK_NCURSES_SHIM_H
/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600; without this the wide-character
   API (add_wch, cchar_t, get_wch) is not declared. */
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

/* Swift 6 rejects C globals as not concurrency-safe, and does not import
   function-like macros: everything of that sort goes through these. */
static inline WINDOW *dd_stdscr(void) { return stdscr; }
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
static inline int dd_wcwidth(wchar_t c) { return wcwidth(c); }
static inline mmask_t dd_all_mouse_events(void) { return ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION; }
static inline mmask_t dd_button1_clicked(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED; }
static inline mmask_t dd_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t dd_button5_pressed(void) { return BUTTON5_PRESSED; }

#endif
