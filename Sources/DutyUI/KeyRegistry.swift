import DutyCore

/// One key binding: the keys, the command, where it applies, and its label.
public struct KeyBinding: Sendable {
    /// Key names as the terminal backend names them ("j", "Down", "Tab", "S-Tab", "PgDn" …).
    public var keys: [String]
    public var command: Command
    /// The modes it applies in.
    public var modes: Set<ModeScope>
    /// Label-table key of its description.
    public var labelKey: String
    /// Shown in the footer (the rest only in help).
    public var inFooter: Bool

    public var label: Label { Labels.of("key", labelKey) }
}

/// Which modes a binding applies in (a `ConsoleMode` without its payload).
public enum ModeScope: Hashable, Sendable {
    case main, detail, help, filterInput

    public init(_ mode: ConsoleMode) {
        switch mode {
        case .main: self = .main
        case .detail: self = .detail
        case .help: self = .help
        case .filterInput: self = .filterInput
        }
    }
}

/// The one table of keys (as k9s does it): it drives dispatch, the footer
/// and the help screen, so what the footer says is always what the keys do.
public enum KeyRegistry {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: ["Tab"], command: .focusNext, modes: [.main], labelKey: "next_pane", inFooter: true),
        KeyBinding(keys: ["S-Tab"], command: .focusPrevious, modes: [.main], labelKey: "prev_pane", inFooter: false),
        KeyBinding(keys: ["1"], command: .focus(.events), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["2"], command: .focus(.tasks), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["3"], command: .focus(.mediation), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["4"], command: .focus(.alerts), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["j", "Down"], command: .moveDown, modes: [.main, .detail, .help], labelKey: "down", inFooter: true),
        KeyBinding(keys: ["k", "Up"], command: .moveUp, modes: [.main, .detail, .help], labelKey: "up", inFooter: true),
        KeyBinding(keys: ["PgDn", "C-f"], command: .pageDown, modes: [.main, .detail, .help], labelKey: "page_down", inFooter: false),
        KeyBinding(keys: ["PgUp", "C-b"], command: .pageUp, modes: [.main, .detail, .help], labelKey: "page_up", inFooter: false),
        KeyBinding(keys: ["g", "Home"], command: .top, modes: [.main, .detail, .help], labelKey: "top", inFooter: false),
        KeyBinding(keys: ["G", "End"], command: .bottom, modes: [.main, .detail, .help], labelKey: "bottom", inFooter: false),
        KeyBinding(keys: ["Enter"], command: .open, modes: [.main], labelKey: "open", inFooter: true),
        KeyBinding(keys: ["/"], command: .startFilter, modes: [.main], labelKey: "filter", inFooter: true),
        KeyBinding(keys: ["Esc"], command: .clearFilter, modes: [.main], labelKey: "clear_filter", inFooter: false),
        KeyBinding(keys: ["Esc", "q"], command: .back, modes: [.detail, .help], labelKey: "back", inFooter: true),
        KeyBinding(keys: ["Enter"], command: .filterCommit, modes: [.filterInput], labelKey: "filter", inFooter: true),
        KeyBinding(keys: ["Esc"], command: .clearFilter, modes: [.filterInput], labelKey: "clear_filter", inFooter: true),
        KeyBinding(keys: ["Backspace"], command: .filterBackspace, modes: [.filterInput], labelKey: "clear_filter", inFooter: false),
        KeyBinding(keys: ["?", "F1"], command: .help, modes: [.main, .detail], labelKey: "help", inFooter: true),
        KeyBinding(keys: ["t"], command: .cycleTheme, modes: [.main, .detail, .help], labelKey: "theme", inFooter: false),
        KeyBinding(keys: ["L"], command: .toggleLanguage, modes: [.main, .detail, .help], labelKey: "language", inFooter: true),
        KeyBinding(keys: ["q"], command: .quit, modes: [.main], labelKey: "quit", inFooter: true),
    ]

    /// The command a key means in a mode; in filter input every printable key
    /// not bound there is text.
    public static func command(forKey key: String, in mode: ConsoleMode) -> Command? {
        let scope = ModeScope(mode)
        if let b = bindings.first(where: { $0.modes.contains(scope) && $0.keys.contains(key) }) { return b.command }
        if scope == .filterInput, key == "Space" { return .filterInput(" ") }
        if scope == .filterInput, isText(key) { return .filterInput(key) }
        return nil
    }

    /// Bindings to list in the footer for a mode, in table order, one per command.
    public static func footer(for mode: ConsoleMode) -> [KeyBinding] {
        let scope = ModeScope(mode)
        return bindings.filter { $0.modes.contains(scope) && $0.inFooter }
    }

    /// Every binding of a mode, for the help screen.
    public static func help(for scope: ModeScope) -> [KeyBinding] {
        bindings.filter { $0.modes.contains(scope) }
    }

    /// A key name that stands for text typed (one printable character).
    static func isText(_ key: String) -> Bool {
        guard key.count == 1, let scalar = key.unicodeScalars.first else { return false }
        return scalar.value >= 0x20 && scalar.value != 0x7F
    }

    /// "j/Down" as shown to the operator.
    public static func display(_ b: KeyBinding) -> String { b.keys.joined(separator: "/") }
}
