import CNcursesw

/// Turns what `wget_wch` returns into keys and mouse kinds.
///
/// Kept apart from the reading loop so the mapping is a pure function of
/// ncurses' codes, the same on every terminal: terminfo decides which bytes
/// mean KEY_NPAGE, this decides that KEY_NPAGE is `.pageDown`.
enum InputDecoder {
    /// The key for a character `wget_wch` returned with OK: printable
    /// characters as themselves, control bytes as named keys. Nil for C1
    /// controls and invalid scalars, which no key produces.
    static func key(character value: UInt32) -> Key? {
        if value < 0x20 || value == 0x7F { return Key(controlByte: value) }
        guard !Key.isControl(value), let scalar = Unicode.Scalar(value) else { return nil }
        return .character(Character(scalar))
    }

    /// The key for a code `wget_wch` returned with KEY_CODE_YES; nil for
    /// codes the console has no use for (they are dropped, not guessed at).
    static func key(code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_LL: return .end
        case KEY_A3: return .pageUp
        case KEY_C3: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case pasteBeginCode: return .pasteBegin
        case pasteEndCode: return .pasteEnd
        default:
            let f0 = dd_key_f0()
            if code > f0 && code <= f0 + 63 { return .f(Int(code - f0)) }
            return nil
        }
    }

    /// Key codes taught to ncurses (`define_key`) for the bracketed-paste
    /// marks: above KEY_MAX, where no terminfo key lives.
    static let pasteBeginCode: Int32 = 0x3F0, pasteEndCode: Int32 = 0x3F1
    static let pasteSequences: [(String, Int32)] = [("\u{1b}[200~", pasteBeginCode), ("\u{1b}[201~", pasteEndCode)]
    /// Asks the terminal to bracket pastes, and stops asking (xterm's mode
    /// 2004: terminals without it ignore the request).
    static let bracketedPasteOn = "\u{1b}[?2004h", bracketedPasteOff = "\u{1b}[?2004l"

    /// The mouse kind of an ncurses button state; nil for events the console
    /// ignores (releases, other buttons, motion).
    static func mouseKind(_ state: mmask_t) -> MouseKind? {
        if state & dd_button4_pressed() != 0 { return .wheelUp }
        if state & dd_button5_pressed() != 0 { return .wheelDown }
        if state & dd_button1_clicked() != 0 { return .click }
        return nil
    }

    /// The mouse events asked of ncurses: button 1 press/click and the wheel.
    static var mouseMask: mmask_t { dd_button1_clicked() | dd_button4_pressed() | dd_button5_pressed() }

    /// Sequences terminals send that a TERM's terminfo entry may not list
    /// (normal vs application cursor mode, tmux and screen, VT220 editing
    /// keys, rxvt): taught to ncurses so keys work whatever TERM claims.
    /// define_key replaces an earlier binding of the same sequence; each of
    /// these means the same key in every terminfo entry that has it.
    static let alternateSequences: [(String, Int32)] = [
        ("\u{1b}[A", KEY_UP), ("\u{1b}[B", KEY_DOWN), ("\u{1b}[C", KEY_RIGHT), ("\u{1b}[D", KEY_LEFT),
        ("\u{1b}OA", KEY_UP), ("\u{1b}OB", KEY_DOWN), ("\u{1b}OC", KEY_RIGHT), ("\u{1b}OD", KEY_LEFT),
        ("\u{1b}[H", KEY_HOME), ("\u{1b}[F", KEY_END), ("\u{1b}OH", KEY_HOME), ("\u{1b}OF", KEY_END),
        ("\u{1b}[1~", KEY_HOME), ("\u{1b}[4~", KEY_END), ("\u{1b}[7~", KEY_HOME), ("\u{1b}[8~", KEY_END),
        ("\u{1b}[2~", KEY_IC), ("\u{1b}[3~", KEY_DC),
        ("\u{1b}[5~", KEY_PPAGE), ("\u{1b}[6~", KEY_NPAGE),
        ("\u{1b}[Z", KEY_BTAB),
        ("\u{1b}OM", KEY_ENTER),
    ]
}
