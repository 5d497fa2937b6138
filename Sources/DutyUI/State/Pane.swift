import DutyCore

/// The four panes of the console, in screen order (and key order: 1–4).
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case events, tasks, mediation, alerts

    /// The name used in keys of the label table ("pane.events" …).
    public var wire: String {
        switch self {
        case .events: "events"
        case .tasks: "tasks"
        case .mediation: "mediation"
        case .alerts: "alerts"
        }
    }

    /// The pane's title, from the one label table ("pane.events" …).
    public var label: Label { ConsoleLabels.of("pane", wire) }

    public func title(_ language: Language) -> String { label.text(language) }

    /// The digit key that focuses the pane.
    public var number: Int { rawValue + 1 }

    /// The pane Tab moves to.
    public var next: Pane { Pane(rawValue: (rawValue + 1) % 4)! }

    /// The pane Shift-Tab moves to.
    public var previous: Pane { Pane(rawValue: (rawValue + 3) % 4)! }
}
