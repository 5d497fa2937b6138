/// 执法任务 type.
public enum TaskType: UInt8, WireEnum {
    case joint, inspection, empowered, campaign, referral, general
    public static let wireNames = ["joint", "inspection", "empowered", "campaign", "referral", "general"]
    public static let labelKey = "task.type"
    public static var wireSlot: Int { 3 }
    /// Enforcement proper: every type but `general` (一般处置, handling that
    /// needs no enforcement), so the district's enforcement figures can be
    /// counted apart from ordinary handling.
    public var isEnforcement: Bool { self != .general }
}

/// 执法任务 status along the work-order loop.
public enum TaskStatus: UInt8, WireEnum {
    case dispatched, signed, onSite, feedback, done, returned
    public static let wireNames = ["dispatched", "signed", "on_site", "feedback", "done", "returned"]
    public static let labelKey = "task.status"
    public static var wireSlot: Int { 4 }
    /// A task the unit still owes: it counts towards load and can go overdue.
    public var isOpen: Bool { self != .done && self != .returned }
}

/// How a finished task ended.
public enum TaskOutcome: UInt8, WireEnum {
    case rectified, penalty, noPenalty, transferred, noIssue
    public static let wireNames = ["rectified", "penalty", "no_penalty", "transferred", "no_issue"]
    public static let labelKey = "task.outcome"
    public static var wireSlot: Int { 5 }
}
