public enum AlertLevel: UInt8, WireEnum {
    case info, warning, critical
    public static let wireNames = ["info", "warning", "critical"]
    public static let labelKey = "alert.level"
    public static var wireSlot: Int { 8 }
}

public enum AlertStatus: UInt8, WireEnum {
    case open, acked, resolved
    public static let wireNames = ["open", "acked", "resolved"]
    public static let labelKey = "alert.status"
    public static var wireSlot: Int { 9 }
    /// Not yet resolved: acknowledged alerts still show, dimmed.
    public var isOpen: Bool { self != .resolved }
}
