/// The kind-specific fields of a snapshot.
public enum Body: Equatable, Sendable {
    case event(EventBody)
    case task(TaskBody)
    case mediation(MediationBody)
    case alert(AlertBody)
    case notice(NoticeBody)
}

/// 网格事件.
public struct EventBody: Equatable, Sendable {
    public var town: String
    public var grid: String
    public var domain: String
    /// 1 = 红 (most urgent) … 4.
    public var priority: UInt8
    public var source: EventSource
    public var title: String
    public var status: EventStatus
    public var detail: String?
    public var reporter: String?
    /// The follow-up call's verdict on a hotline or public report (满意);
    /// nil when no call was made or recorded.
    public var satisfied: Bool?

    public init(town: String, grid: String, domain: String, priority: UInt8, source: EventSource,
                title: String, status: EventStatus, detail: String? = nil, reporter: String? = nil,
                satisfied: Bool? = nil) {
        self.town = town; self.grid = grid; self.domain = domain; self.priority = priority
        self.source = source; self.title = title; self.status = status
        self.detail = detail; self.reporter = reporter; self.satisfied = satisfied
    }
}

/// 执法任务.
public struct TaskBody: Equatable, Sendable {
    /// The id of the event it serves; nil for tasks with no event (campaigns).
    public var event: String?
    public var type: TaskType
    public var unit: String
    public var town: String
    public var due: Millis
    /// The microseconds within `due`'s millisecond, 0–999.
    public var dueMicros: UInt16
    public var dueOffsetMinutes: Int16
    public var status: TaskStatus
    public var outcome: TaskOutcome?
    public var reason: String?

    public init(event: String?, type: TaskType, unit: String, town: String, due: Millis, dueMicros: UInt16 = 0,
                dueOffsetMinutes: Int16 = LocalTime.offsetMinutes, status: TaskStatus,
                outcome: TaskOutcome? = nil, reason: String? = nil) {
        self.event = event; self.type = type; self.unit = unit; self.town = town
        self.due = due; self.dueMicros = dueMicros; self.dueOffsetMinutes = dueOffsetMinutes; self.status = status
        self.outcome = outcome; self.reason = reason
    }
}

/// 矛盾纠纷调解.
public struct MediationBody: Equatable, Sendable {
    public var town: String
    public var category: String
    public var tier: MediationTier
    public var status: MediationStatus
    public var village: String?

    public init(town: String, category: String, tier: MediationTier, status: MediationStatus,
                village: String? = nil) {
        self.town = town; self.category = category; self.tier = tier
        self.status = status; self.village = village
    }
}

/// 告警: from upstream (风险提示单, 督办单, 通报) or from the console's own rules.
public struct AlertBody: Equatable, Sendable {
    public var level: AlertLevel
    /// `risk_notice`, `supervision`, `bulletin`, or a rule name.
    public var type: String
    public var title: String
    public var status: AlertStatus
    /// `kind:id` of the item concerned.
    public var ref: String?

    public init(level: AlertLevel, type: String, title: String, status: AlertStatus, ref: String? = nil) {
        self.level = level; self.type = type; self.title = title; self.status = status; self.ref = ref
    }
}

/// 文书: a numbered document the center issues to units or towns (风险提示单,
/// 执法督办单, 通报), with the reply it asks for by `due`.
public struct NoticeBody: Equatable, Sendable {
    public var type: NoticeType
    /// The document number, e.g. `奉综指督〔2026〕7号`.
    public var number: String
    public var title: String
    /// Addressees (主送): units or towns; never empty.
    public var to: [String]
    /// Items concerned, as `kind:id` (may name other notices).
    public var refs: [String]
    public var body: String
    /// The reply deadline in milliseconds; nil when no reply is required.
    public var due: Millis?
    public var dueMicros: UInt16
    public var dueOffsetMinutes: Int16
    public var status: NoticeStatus
    public var reply: String?
    public var repliedBy: String?

    public init(type: NoticeType, number: String, title: String, to: [String], refs: [String] = [], body: String,
                due: Millis?, dueMicros: UInt16 = 0, dueOffsetMinutes: Int16 = LocalTime.offsetMinutes,
                status: NoticeStatus, reply: String? = nil, repliedBy: String? = nil) {
        self.type = type; self.number = number; self.title = title; self.to = to; self.refs = refs
        self.body = body; self.due = due; self.dueMicros = dueMicros; self.dueOffsetMinutes = dueOffsetMinutes
        self.status = status; self.reply = reply; self.repliedBy = repliedBy
    }
}
