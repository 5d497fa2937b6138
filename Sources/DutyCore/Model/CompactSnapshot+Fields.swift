/// The text slots of a `CompactSnapshot` by name, per kind: readers say
/// `s.event.town` or `s.task.unit`, and only the snapshot itself and the
/// parser that fills it know which slot holds what. Each view is a copy of
/// the 64-byte snapshot with computed fields, so reading through it costs
/// what reading the slot costs.
extension CompactSnapshot {
    /// An event's texts (the snapshot must be an event's).
    public struct EventFields: Sendable {
        let s: CompactSnapshot
        public var town: TextID { s.t1 }
        public var grid: TextID { s.t2 }
        public var domain: TextID { s.t3 }
        public var title: TextID { s.t4 }
        /// Free text.
        public var detail: TextID { s.t5 }
        public var reporter: TextID { s.t6 }
    }

    /// A task's texts and due time (the snapshot must be a task's).
    public struct TaskFields: Sendable {
        let s: CompactSnapshot
        public var town: TextID { s.t1 }
        public var unit: TextID { s.t2 }
        /// The id of the event the task serves (free text: another item's id).
        public var event: TextID { s.t3 }
        public var reason: TextID { s.t4 }
        /// Due time in milliseconds (rounded down).
        public var due: Millis { s.due }
    }

    /// A mediation case's texts (the snapshot must be a case's).
    public struct MediationFields: Sendable {
        let s: CompactSnapshot
        public var town: TextID { s.t1 }
        public var category: TextID { s.t2 }
        public var village: TextID { s.t3 }
    }

    /// An alert's texts (the snapshot must be an alert's).
    public struct AlertFields: Sendable {
        let s: CompactSnapshot
        /// The alert type's wire name (upstream's or a rule's).
        public var type: TextID { s.t1 }
        public var title: TextID { s.t2 }
        /// Free text: what the alert refers to.
        public var ref: TextID { s.t3 }
    }

    /// A notice's texts and reply deadline (the snapshot must be a notice's).
    public struct NoticeFields: Sendable {
        let s: CompactSnapshot
        public var number: TextID { s.t1 }
        public var title: TextID { s.t2 }
        /// Free text: addressees and refs, as `NoticeLists` encodes them.
        public var lists: TextID { s.t3 }
        /// Free text.
        public var body: TextID { s.t4 }
        /// Free text.
        public var reply: TextID { s.t5 }
        public var repliedBy: TextID { s.t6 }
        /// The reply deadline in milliseconds (rounded down), nil when none is asked.
        public var due: Millis? { s.priority == 1 ? s.due : nil }
    }

    public var event: EventFields { assert(kind == .event, "not an event"); return EventFields(s: self) }
    public var task: TaskFields { assert(kind == .task, "not a task"); return TaskFields(s: self) }
    public var mediation: MediationFields { assert(kind == .mediation, "not a mediation case"); return MediationFields(s: self) }
    public var alert: AlertFields { assert(kind == .alert, "not an alert"); return AlertFields(s: self) }
    public var notice: NoticeFields { assert(kind == .notice, "not a notice"); return NoticeFields(s: self) }

    /// The town of an event, task or mediation case; none for an alert or a notice.
    public var town: TextID { kind == .alert || kind == .notice ? .none : t1 }

    /// What a pane's word filter searches besides the id, by, and note: five
    /// slots per kind, none where a kind has fewer (an event's free-text
    /// detail is not searched).
    public var searchedTexts: [TextID] {
        switch kind {
        case .event: [event.town, event.grid, event.domain, event.title, event.reporter]
        case .task: [task.town, task.unit, task.event, task.reason, .none]
        case .mediation: [mediation.town, mediation.category, mediation.village, .none, .none]
        case .alert: [alert.type, alert.title, alert.ref, .none, .none]
        case .notice: [notice.number, notice.title, notice.lists, notice.repliedBy, .none]
        }
    }
}
