/// 网格事件 status: most events are settled on the spot, the rest dispatched.
public enum EventStatus: UInt8, WireEnum {
    case open, selfResolved, dispatched, closed, cancelled
    public static let wireNames = ["open", "self_resolved", "dispatched", "closed", "cancelled"]
    public static let labelKey = "event.status"
    public static var wireSlot: Int { 1 }
    /// Still needs the center's attention.
    public var isOpen: Bool { self == .open || self == .dispatched }
    /// Settled for good: closed after feedback, or resolved on the spot (结案).
    public var isSettled: Bool { self == .closed || self == .selfResolved }
}

/// Where a grid event came from.
public enum EventSource: UInt8, WireEnum {
    case grid, `public`, hotline, sensor, upper, referral, petition
    public static let wireNames = ["grid", "public", "hotline", "sensor", "upper", "referral", "petition"]
    public static let labelKey = "event.source"
    public static var wireSlot: Int { 2 }
}
