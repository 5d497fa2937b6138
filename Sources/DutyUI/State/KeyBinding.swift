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
    /// The panes it applies in (empty: every pane).
    public var panes: Set<Pane> = []
    /// Only while replaying a recording.
    public var replayOnly = false
    /// How the footer names a group of keys it shows as one entry ("F2–F7").
    public var footerKeys: String? = nil
    /// The footer's label key for such a group (else `labelKey`).
    public var footerLabelKey: String? = nil
    /// Shown in the footer right after help, ahead of the bindings before it
    /// in the table (a view the footer must name while the width lasts: `o`).
    public var footerEarly = false

    public var label: Label { ConsoleLabels.of("key", labelKey) }
}

/// Which modes a binding applies in (a `ConsoleMode` without its payload).
public enum ModeScope: Hashable, Sendable {
    case main, detail, help, filterInput, choosing, confirming, list
    case textInput
    case composing
    case board

    public init(_ mode: ConsoleMode) {
        switch mode {
        case .main: self = .main
        case .detail, .document: self = .detail
        case .help: self = .help
        case .filterInput: self = .filterInput
        case .choosing: self = .choosing
        case .confirming: self = .confirming
        case .list: self = .list
        case .textInput: self = .textInput
        case .composing: self = .composing
        case .board: self = .board
        }
    }
}
