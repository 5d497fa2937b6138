/// The rules and their alert types, levels and id prefixes. Ids are
/// `R-<type>-<item or window>`, deterministic so that two consoles, or a
/// replay, write the same alert once (the store dedupes exact duplicates).
/// Since issue 13 no rule is named `supervision` or `bulletin`: the ladder
/// proposes those documents (`propose_…`) and the officer issues them as
/// `notice` records; feeds' alerts of those types are still read.
public enum AlertRule: String, Sendable, CaseIterable {
    case lateSigning = "late_signing"
    case prewarning
    case overdue
    /// 应发督办单: the ladder proposes a 执法督办单 (it issues none itself).
    case proposeSupervision = "propose_supervision"
    /// 应发通报: the ladder proposes a 通报.
    case proposeBulletin = "propose_bulletin"
    case cluster
    case tierDrift = "tier_drift"
    case feedQuiet = "feed_quiet"
    case feedErrors = "feed_errors"

    public var type: String { rawValue }

    public var level: AlertLevel { proposedNotice != nil ? .critical : .warning }

    /// The document a proposal asks the officer to issue; one of that type
    /// naming the task closes it.
    public var proposedNotice: NoticeType? {
        switch self {
        case .proposeSupervision: .supervision
        case .proposeBulletin: .bulletin
        default: nil
        }
    }

    /// The alert id for a rule and the item or window it concerns, at most
    /// 64 bytes: a long key (an upstream grid code, say) is replaced by a hash.
    public static func id(_ rule: AlertRule, _ key: String) -> String {
        let id = "R-" + rule.rawValue + "-" + key
        if id.utf8.count <= 64 { return id }
        return "R-" + rule.rawValue + "-" + FNV1a.hex(key)
    }

    /// "15分钟", "4小时", "5天": limits in titles.
    static func span(_ ms: Millis) -> String {
        if ms % TimeSpan.day == 0 { return "\(ms / TimeSpan.day)天" }
        if ms % TimeSpan.hour == 0 { return "\(ms / TimeSpan.hour)小时" }
        return "\(ms / TimeSpan.minute)分钟"
    }
}
