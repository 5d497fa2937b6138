import DutyCore

/// What a cell *means*, not how it looks. Drawing code only ever names a
/// role; the theme decides its colours and attributes. That keeps panes free
/// of colour logic, lets a theme file restyle everything by name, and makes
/// the mono theme possible: every role still differs by attribute.
///
/// The raw value is the role's key in a theme file.
public enum Role: String, Sendable, CaseIterable, Hashable {
    // Frame and chrome.
    case background, text, dim, border
    case focusBorder = "focus_border"
    case title
    case focusTitle = "focus_title"
    case selection
    case header
    case headerTitle = "header_title"
    case footer
    case footerKey = "footer_key"
    case badge
    case badgeDemo = "badge_demo"
    case columnHeader = "column_header"
    case filter
    case error
    // Event priority, 1 = 红 (most urgent) … 4.
    case priority1 = "priority_1", priority2 = "priority_2", priority3 = "priority_3", priority4 = "priority_4"
    // Event status.
    case eventOpen = "event_open"
    case eventSelfResolved = "event_self_resolved"
    case eventDispatched = "event_dispatched"
    case eventClosed = "event_closed"
    case eventCancelled = "event_cancelled"
    // Task status, and the deadline states the tasks pane shows.
    case taskDispatched = "task_dispatched"
    case taskSigned = "task_signed"
    case taskOnSite = "task_on_site"
    case taskFeedback = "task_feedback"
    case taskDone = "task_done"
    case taskReturned = "task_returned"
    case taskDueSoon = "task_due_soon"
    case taskOverdue = "task_overdue"
    // Alerts.
    case alertInfo = "alert_info"
    case alertWarning = "alert_warning"
    case alertCritical = "alert_critical"
    case alertAcked = "alert_acked"
    // The mediation tiers' bars, drawn with block glyphs (█ ░) in the
    // foreground colour so they show in every theme, mono included.
    case barFill = "bar_fill"
    case barEmpty = "bar_empty"
    case targetMarker = "target_marker"
    // The situation board's heat table: how far a cell is from normal,
    // 1 (above normal) … 3 (far off); normal cells are plain text. Each level
    // also has its own swatch glyph (░ ▒ ▓), so mono still shows it.
    case heat1 = "heat_1", heat2 = "heat_2", heat3 = "heat_3"

    /// The role of an event priority (1…4; anything else reads as 4).
    public static func priority(_ p: UInt8) -> Role {
        switch p {
        case 1: .priority1
        case 2: .priority2
        case 3: .priority3
        default: .priority4
        }
    }

    public static func eventStatus(_ s: EventStatus) -> Role {
        switch s {
        case .open: .eventOpen
        case .selfResolved: .eventSelfResolved
        case .dispatched: .eventDispatched
        case .closed: .eventClosed
        case .cancelled: .eventCancelled
        }
    }

    public static func taskStatus(_ s: TaskStatus) -> Role {
        switch s {
        case .dispatched: .taskDispatched
        case .signed: .taskSigned
        case .onSite: .taskOnSite
        case .feedback: .taskFeedback
        case .done: .taskDone
        case .returned: .taskReturned
        }
    }

    public static func alertLevel(_ l: AlertLevel) -> Role {
        switch l {
        case .info: .alertInfo
        case .warning: .alertWarning
        case .critical: .alertCritical
        }
    }
}

/// Terminal attributes; ncurses has each of them everywhere, including on
/// terminals without colour, which is what the mono theme relies on.
public struct Attributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let reverse = Attributes(rawValue: 4)
    public static let underline = Attributes(rawValue: 8)

    /// Names as theme files write them, in a fixed order.
    public static let names: [(String, Attributes)] = [
        ("bold", .bold), ("dim", .dim), ("reverse", .reverse), ("underline", .underline),
    ]

    public init?(name: String) {
        guard let a = Self.names.first(where: { $0.0 == name })?.1 else { return nil }
        self = a
    }

    public var description: String {
        let n = Self.names.filter { contains($0.1) }.map(\.0)
        return n.isEmpty ? "none" : n.joined(separator: "+")
    }
}

/// How one cell is drawn, semantically: its role, attributes added on top of
/// what the theme gives the role (e.g. bold for emphasis inside a row), and
/// whether it lies on the selected row (the theme's selection background
/// under the role's own foreground, so a selected red priority stays red).
public struct Style: Equatable, Hashable, Sendable {
    public var role: Role
    public var attributes: Attributes
    public var selected: Bool

    public init(_ role: Role = .text, attributes: Attributes = [], selected: Bool = false) {
        self.role = role; self.attributes = attributes; self.selected = selected
    }

    public static let text = Style(.text)
    public static let background = Style(.background)

    /// The same style on the selected row.
    public func selecting(_ on: Bool = true) -> Style {
        var s = self; s.selected = on; return s
    }
}
