/// 文书 type: the center's "两单一报", each numbered in its own yearly series.
public enum NoticeType: UInt8, WireEnum {
    case riskNotice, supervision, bulletin
    public static let wireNames = ["risk_notice", "supervision", "bulletin"]
    public static let labelKey = "notice.type"
    public static var wireSlot: Int { 10 }
}

/// 文书 status: issued, then replied to by the addressee, then closed; or withdrawn.
public enum NoticeStatus: UInt8, WireEnum {
    case issued, replied, closed, withdrawn
    public static let wireNames = ["issued", "replied", "closed", "withdrawn"]
    public static let labelKey = "notice.status"
    public static var wireSlot: Int { 11 }
    /// Still waiting for the addressee's reply (待回复).
    public var awaitsReply: Bool { self == .issued }
}
