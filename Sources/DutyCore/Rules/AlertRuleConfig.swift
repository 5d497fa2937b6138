/// The console's own alert rules: ONE table of thresholds, with the defaults
/// issue #4 and fenghua.md give, so that a district that works to other time
/// limits changes numbers here and nowhere else. The engine
/// (`AlertRuleEngine`) reads only this table.
public struct AlertRuleConfig: Sendable, Equatable {
    /// Signing (签收) limits by event priority 1…4, counted from the first report.
    public var signingLimits: [Millis] = [15 * TimeSpan.minute, 1 * TimeSpan.hour, 4 * TimeSpan.hour, 24 * TimeSpan.hour]
    /// 预警 when this share of a task's limit (due − dispatch time) has passed.
    public var prewarnFraction: Double = 0.8
    /// 执法督办单 this long past due. (fenghua.md says "a working day"; the
    /// issue fixes calendar time so that replay needs no holiday calendar.)
    public var supervisionAfterDue: Millis = 24 * TimeSpan.hour
    /// 通报 this long past due.
    public var bulletinAfterDue: Millis = 5 * TimeSpan.day
    /// 聚集性事件: this many events of one grid and domain …
    public var clusterCount: Int = 5
    /// … within this window.
    public var clusterWindow: Millis = 2 * TimeSpan.hour
    /// The window over which the 6:3:1 split of resolved mediation is measured.
    public var driftWindow: Millis = 7 * TimeSpan.day
    /// Drift when the district tier's share of resolved cases exceeds this …
    public var districtShareMax: Double = 0.15
    /// … or the village tier's falls below this.
    public var villageShareMin: Double = 0.50
    /// Shares over fewer resolved cases than this are noise (a feed's first
    /// day, one hard case): no drift alert. Not in the issue; chosen here.
    public var driftMinResolved: Int = 20
    /// A live feed with no new line for this long has gone quiet.
    public var feedQuietAfter: Millis = 10 * TimeSpan.minute
    /// A burst of quarantined lines: at least this many new ones …
    public var quarantineBurst: Int = 20
    /// … within this window.
    public var quarantineWindow: Millis = 5 * TimeSpan.minute
    /// The `by` of every record the rules write.
    public var author: String = "值班台规则"

    public init() {}

    public static let `default` = AlertRuleConfig()

    /// The signing limit of a priority (out-of-range priorities get the loosest).
    public func signingLimit(priority: UInt8) -> Millis {
        let i = Int(priority) - 1
        return signingLimits.indices.contains(i) ? signingLimits[i] : signingLimits[signingLimits.count - 1]
    }
}
