/// The three mediation tiers of the 6:3:1 pattern.
public enum MediationTier: UInt8, WireEnum {
    case village, town, district
    public static let wireNames = ["village", "town", "district"]
    public static let labelKey = "mediation.tier"
    public static var wireSlot: Int { 6 }
    /// Target share of resolved cases, in percent (6:3:1).
    public var targetPercent: Int { [60, 30, 10][Int(rawValue)] }
}

/// 矛调 case status.
public enum MediationStatus: UInt8, WireEnum {
    case accepted, mediating, resolved, escalated, referred, failed
    public static let wireNames = ["accepted", "mediating", "resolved", "escalated", "referred", "failed"]
    public static let labelKey = "mediation.status"
    public static var wireSlot: Int { 7 }
    public var isOpen: Bool { self == .accepted || self == .mediating || self == .escalated }
}
