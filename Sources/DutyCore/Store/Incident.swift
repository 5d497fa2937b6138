/// One item of an incident: its kind and its index in the store, so that a
/// view can enter it and read its timeline without looking its id up again.
public struct IncidentMember: Hashable, Sendable {
    public let kind: Kind
    public let index: Int32
    public init(kind: Kind, index: Int32) { self.kind = kind; self.index = index }

    /// `task:ZF-…`: the member as a ref names it.
    public func ref(_ store: Store) -> String { kind.wire + ":" + store.id(kind, index) }
}

/// An incident as a dispatch system shows it: a grid event and every task
/// ever dispatched for it (returned ones included), the alerts that name the
/// event or any of those tasks. Built by `IncidentLinks` from any of its
/// items. Mediation cases carry no link to events in the feed format, so a
/// case is an incident of its own with the alerts that name it.
public struct Incident: Sendable {
    /// The item the incident was looked up from.
    public let root: IncidentMember
    /// The id of the event the incident is about: the event's own, a task's
    /// `event`, or what an alert's ref leads to; nil when there is none (a
    /// task with no event, a mediation case, an alert with no usable ref).
    public let eventID: String?
    /// The event, when the store holds it.
    public let event: Int32?
    /// The tasks dispatched for the event (or the root task alone when it has
    /// no event), first dispatched first.
    public let tasks: [Int32]
    /// The mediation case, when the root is one or an alert names one.
    public let mediation: Int32?
    /// Alerts whose ref names the event, one of the tasks or the case,
    /// first raised first.
    public let alerts: [Int32]
    /// An alert's ref whose item the store does not hold (`task:ZF-…`), or
    /// nil: named in the view rather than silently dropped.
    public let missingRef: String?

    /// An event id is named (by a task or an alert) but the store holds no
    /// such event.
    public var eventMissing: Bool { eventID != nil && event == nil }

    /// Items a document names besides the incident's own (a second task, an
    /// event of another incident, another document), in its refs' order.
    public var others: [IncidentMember] = []
    /// The documents (两单一报) naming the event, a task, the case or another
    /// member — a document entered first — first issued first.
    public var notices: [Int32] = []

    /// Every item of the incident, in the order a view lists them: the
    /// event, its tasks, the case, what a document names besides, the
    /// documents, then the alerts.
    public var members: [IncidentMember] {
        var out: [IncidentMember] = []
        if let event { out.append(IncidentMember(kind: .event, index: event)) }
        out += tasks.map { IncidentMember(kind: .task, index: $0) }
        if let mediation { out.append(IncidentMember(kind: .mediation, index: mediation)) }
        out += others
        out += notices.map { IncidentMember(kind: .notice, index: $0) }
        out += alerts.map { IncidentMember(kind: .alert, index: $0) }
        return out
    }

    /// Every snapshot of every member, merged by time to the microsecond
    /// (members in `members` order at the same instant): the incident's one
    /// timeline.
    public func timeline(_ store: Store) -> [IncidentEntry] {
        var out: [IncidentEntry] = []
        for m in members {
            out += store.history(m.kind, m.index).map { IncidentEntry(member: m, snapshot: $0) }
        }
        // Stable: the members' order breaks ties between equal instants.
        return out.enumerated().sorted {
            ($0.element.snapshot.exactTs, $0.offset) < ($1.element.snapshot.exactTs, $1.offset)
        }.map(\.element)
    }
}

/// One line of an incident's timeline: which member, and its snapshot then.
public struct IncidentEntry: Sendable {
    public let member: IncidentMember
    public let snapshot: CompactSnapshot
}
