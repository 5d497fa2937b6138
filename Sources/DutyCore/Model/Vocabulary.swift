/// The closed vocabularies of the feed format. Each enum's wire names are the
/// exact strings upstream systems write; its UInt8 raw value is an ordinal so that
/// aggregates can count into small arrays instead of dictionaries.
public protocol WireEnum: RawRepresentable, CaseIterable, Hashable, Sendable
where RawValue == UInt8 {
    /// Wire names in case order (index == rawValue).
    static var wireNames: [String] { get }
    /// Key prefix in the label table, e.g. "event.status".
    static var labelKey: String { get }
    /// The names as (first 8 bytes, next 8 bytes, length), compared as words.
    static var wireWords: [WireWord] { get }
    /// This enum's place in `WireTable.enums` (the parser's match table).
    static var wireSlot: Int { get }
}

/// A wire name of at most 16 bytes held as two little-endian words, so that
/// matching feed bytes is two integer compares per candidate.
public struct WireWord: Sendable {
    let lo: UInt64
    let hi: UInt64
    let count: Int

    init(_ name: String) {
        let bytes = Array(name.utf8)
        precondition(bytes.count <= 16, "wire name longer than 16 bytes")
        count = bytes.count
        (lo, hi) = bytes.withUnsafeBytes { ByteHash.firstWords($0) }
    }

    /// Reads up to 16 bytes as two words (zero-padded); nil when longer.
    @inline(__always)
    static func words(_ b: UnsafeRawBufferPointer) -> (UInt64, UInt64)? {
        b.count <= 16 ? ByteHash.firstWords(b) : nil
    }
}

extension WireEnum {
    /// The name written in feeds.
    public var wire: String { Self.wireNames[Int(rawValue)] }

    /// The label for the operator, from the one label table.
    public var label: Label { Labels.of(Self.labelKey, wire) }

    /// Parses a wire name; nil when unknown.
    public init?(wire: String) {
        guard let i = Self.wireNames.firstIndex(of: wire) else { return nil }
        self.init(rawValue: UInt8(i))
    }

    /// "a, b, c" for error messages.
    public static var wireList: String { wireNames.joined(separator: ", ") }

    static func wordsOf(_ names: [String]) -> [WireWord] { names.map(WireWord.init) }
}

/// The four kinds of item a feed carries.
public enum Kind: UInt8, WireEnum {
    case event, task, mediation, alert
    public static let wireNames = ["event", "task", "mediation", "alert"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "kind"
    public static var wireSlot: Int { 0 }
}

/// 网格事件 status: most events are settled on the spot, the rest dispatched.
public enum EventStatus: UInt8, WireEnum {
    case open, selfResolved, dispatched, closed, cancelled
    public static let wireNames = ["open", "self_resolved", "dispatched", "closed", "cancelled"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "event.status"
    public static var wireSlot: Int { 1 }
    /// Still needs the center's attention.
    public var isOpen: Bool { self == .open || self == .dispatched }
}

/// Where a grid event came from.
public enum EventSource: UInt8, WireEnum {
    case grid, `public`, hotline, sensor, upper, referral
    public static let wireNames = ["grid", "public", "hotline", "sensor", "upper", "referral"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "event.source"
    public static var wireSlot: Int { 2 }
}

/// 执法任务 type.
public enum TaskType: UInt8, WireEnum {
    case joint, inspection, empowered, campaign, referral
    public static let wireNames = ["joint", "inspection", "empowered", "campaign", "referral"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "task.type"
    public static var wireSlot: Int { 3 }
}

/// 执法任务 status along the work-order loop.
public enum TaskStatus: UInt8, WireEnum {
    case dispatched, signed, onSite, feedback, done, returned
    public static let wireNames = ["dispatched", "signed", "on_site", "feedback", "done", "returned"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "task.status"
    public static var wireSlot: Int { 4 }
    /// A task the unit still owes: it counts towards load and can go overdue.
    public var isOpen: Bool { self != .done && self != .returned }
}

/// How a finished task ended.
public enum TaskOutcome: UInt8, WireEnum {
    case rectified, penalty, noPenalty, transferred, noIssue
    public static let wireNames = ["rectified", "penalty", "no_penalty", "transferred", "no_issue"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "task.outcome"
    public static var wireSlot: Int { 5 }
}

/// The three mediation tiers of the 6:3:1 pattern.
public enum MediationTier: UInt8, WireEnum {
    case village, town, district
    public static let wireNames = ["village", "town", "district"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "mediation.tier"
    public static var wireSlot: Int { 6 }
    /// Target share of resolved cases, in percent (6:3:1).
    public var targetPercent: Int { [60, 30, 10][Int(rawValue)] }
}

/// 矛调 case status.
public enum MediationStatus: UInt8, WireEnum {
    case accepted, mediating, resolved, escalated, referred, failed
    public static let wireNames = ["accepted", "mediating", "resolved", "escalated", "referred", "failed"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "mediation.status"
    public static var wireSlot: Int { 7 }
    public var isOpen: Bool { self == .accepted || self == .mediating || self == .escalated }
}

public enum AlertLevel: UInt8, WireEnum {
    case info, warning, critical
    public static let wireNames = ["info", "warning", "critical"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "alert.level"
    public static var wireSlot: Int { 8 }
}

public enum AlertStatus: UInt8, WireEnum {
    case open, acked, resolved
    public static let wireNames = ["open", "acked", "resolved"]
    public static let wireWords = wordsOf(wireNames)
    public static let labelKey = "alert.status"
    public static var wireSlot: Int { 9 }
    /// Not yet resolved: acknowledged alerts still show, dimmed.
    public var isOpen: Bool { self != .resolved }
}
