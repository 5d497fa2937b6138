/// One key press, as the console's key registry sees it.
///
/// Keys are bound by *name* (`Key.name`, parsed back by `Key(name:)`), so that
/// the registry, the footer and the help screen all speak one vocabulary:
/// "j", "G", "/", "?", "Tab", "S-Tab", "Enter", "Esc", "PgDn", "C-c", "F1".
/// A name is stable across terminals: whatever bytes a terminal sends for
/// Page Down, the key is `.pageDown` and its name "PgDn".
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including CJK typed through an input method.
    /// Never a control character: those are the named cases below.
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab
    /// Shift-Tab (terminfo `kcbt`, ncurses' KEY_BTAB, usually `ESC [ Z`).
    case backTab
    /// Backspace however the terminal sends it: KEY_BACKSPACE, DEL (127) or BS (8).
    case backspace
    case delete, insert
    /// Function key F1…F63.
    case f(Int)
    /// A raw control byte other than Tab, Enter, Esc and Backspace, named by
    /// the lowercase letter (or `@ \ ] ^ _`) typed with Ctrl: Ctrl-A is
    /// `.ctrl("a")`. Ctrl-C, Ctrl-Z and Ctrl-\ normally become signals
    /// instead (the terminal keeps ISIG on in cbreak mode).
    case ctrl(Character)
    /// The start and end of a paste (bracketed paste, `ESC [ 200 ~` …
    /// `ESC [ 201 ~`): the keys between are text, never commands — a pasted
    /// line break must not issue a document nor a pasted `q` quit.
    case pasteBegin, pasteEnd

    /// The key's stable name, e.g. "j", "Space", "S-Tab", "PgDn", "C-c", "F5".
    public var name: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .f(let n): "F\(n)"
        case .ctrl(let c): "C-\(c)"
        case .pasteBegin: "PasteBegin"
        case .pasteEnd: "PasteEnd"
        }
    }

    public var description: String { name }

    /// The key a name stands for: every `name` round-trips, and a few common
    /// spellings are accepted too ("Escape", "Return", "PageDown", "BackTab",
    /// "Delete", "Ctrl-C", "^C"). Case matters for single characters ("g" vs
    /// "G") and is ignored for the named keys. Nil for anything else.
    public init?(name raw: String) {
        if raw.count == 1, let c = raw.first {
            guard let key = Key(printable: c) else { return nil }
            self = key
            return
        }
        let lower = raw.lowercased()
        if let named = Self.namedKeys[lower] { self = named; return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n) {
            self = .f(n); return
        }
        for prefix in ["c-", "ctrl-", "ctrl+", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, Self.ctrlNames.contains(c) {
                self = .ctrl(c); return
            }
        }
        return nil
    }

    /// A printable character as a key; nil for control characters (C0, DEL,
    /// C1), which only ever arrive as named keys.
    public init?(printable c: Character) {
        guard let first = c.unicodeScalars.first, !Self.isControl(first.value) else { return nil }
        self = .character(c)
    }

    /// The key for a raw control byte (0–31 or 127) read from the terminal.
    public init?(controlByte b: UInt32) {
        switch b {
        case 9: self = .tab
        case 10, 13: self = .enter                 // nonl(): Enter is CR; Ctrl-J is LF
        case 27: self = .escape
        case 8, 127: self = .backspace
        case 0: self = .ctrl("@")
        case 1...26: self = .ctrl(Character(UnicodeScalar(UInt8(0x60 + b))))
        case 28: self = .ctrl("\\")
        case 29: self = .ctrl("]")
        case 30: self = .ctrl("^")
        case 31: self = .ctrl("_")
        default: return nil
        }
    }

    /// C0, DEL and C1 control code points.
    static func isControl(_ v: UInt32) -> Bool { v < 0x20 || (0x7F...0x9F).contains(v) }

    private static let ctrlNames: Set<Character> = Set("abcdefghijklmnopqrstuvwxyz@\\]^_")

    private static let namedKeys: [String: Key] = [
        "space": .character(" "),
        "up": .up, "down": .down, "left": .left, "right": .right,
        "pgup": .pageUp, "pageup": .pageUp, "prior": .pageUp,
        "pgdn": .pageDown, "pagedown": .pageDown, "next": .pageDown,
        "home": .home, "end": .end,
        "enter": .enter, "return": .enter, "ret": .enter,
        "esc": .escape, "escape": .escape,
        "tab": .tab,
        "s-tab": .backTab, "shift-tab": .backTab, "backtab": .backTab, "btab": .backTab,
        "backspace": .backspace, "bs": .backspace,
        "del": .delete, "delete": .delete,
        "ins": .insert, "insert": .insert,
        "pastebegin": .pasteBegin, "pasteend": .pasteEnd,
    ]
}
