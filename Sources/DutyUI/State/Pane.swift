import DutyCore

/// The four panes of the console, in screen order (and key order: 1–4),
/// and the documents (文书), a tab of the alerts pane: its own pane for
/// selection, filters and key scope, drawn in the alerts pane's place.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case events, tasks, mediation, alerts
    case documents

    /// The panes that take a place on screen, in screen order.
    public static let screen: [Pane] = [.events, .tasks, .mediation, .alerts]

    /// The screen place a pane is drawn in (a tab: its pane's).
    public var slot: Pane { self == .documents ? .alerts : self }

    /// The name used in keys of the label table ("pane.events" …).
    public var wire: String {
        switch self {
        case .events: "events"
        case .tasks: "tasks"
        case .mediation: "mediation"
        case .alerts: "alerts"
        case .documents: "documents"
        }
    }

    /// The pane's title, from the one label table ("pane.events" …).
    public var label: Label { ConsoleLabels.of("pane", wire) }

    public func title(_ language: Language) -> String { label.text(language) }

    /// The digit key that focuses the pane.
    public var number: Int { slot.rawValue + 1 }

    /// The pane Tab moves to.
    public var next: Pane { Pane(rawValue: (slot.rawValue + 1) % 4)! }

    /// The pane Shift-Tab moves to.
    public var previous: Pane { Pane(rawValue: (slot.rawValue + 3) % 4)! }
}
