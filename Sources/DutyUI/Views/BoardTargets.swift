import DutyCore

/// The targets the board's rates are held against, in one table, each with
/// where it comes from (/work/shared/domain/fenghua.md).
public enum BoardTargets {
    /// 就地解决率: Ningbo reports 80% of grid events closed inside the grids.
    public static let selfResolved = 0.80
    /// 按时办结率: 2–5% of tasks go overdue in practice, so 95% done on time.
    public static let onTime = 0.95
    /// 6:3:1: the resolved cases' split across 村社/网格, 镇街, 区级.
    public static let split = MediationTier.allCases.map { Double($0.targetPercent) / 100 }
    /// 满意率: 投诉举报处置满意率 ≥ 98%.
    public static let satisfaction = 0.98
    /// 两单一报 in the district's year: 7 风险提示单, 6 执法督办单, 12 通报
    /// (by `NoticeType` order); a reference to compare the year so far with.
    public static let noticesPerYear = [7, 6, 12]
    /// 逾期未回复: none.
    public static let repliesOverdue = 0
}

/// The board's rates against their targets (`BoardTargets`), each from
/// `PeriodReport` over its window, except the replies overdue now, which is
/// the header's 逾期未回复 (`HeaderFigure.overdueReplies`).
public struct BoardRates: Equatable, Sendable {
    /// 就地解决率 this month: `events.selfResolvedRate`.
    public var selfResolved: Double?
    /// 按时办结率 over 30 days: `tasks.onTimeRate`.
    public var onTime: Double?
    /// 6:3:1 this month: `mediation.split`, by tier; and the resolved count.
    public var split: [Double?]
    public var resolved: Int
    /// 满意率 this month: `satisfaction.rate`, of `surveyed`.
    public var satisfaction: Double?
    public var surveyed: Int
    /// 两单一报 issued this year, by type (`notices.byType`).
    public var noticesThisYear: [Int]
    /// 逾期未回复 now.
    public var repliesOverdue: Int

    public init(selfResolved: Double? = nil, onTime: Double? = nil, split: [Double?] = [nil, nil, nil], resolved: Int = 0,
                satisfaction: Double? = nil, surveyed: Int = 0, noticesThisYear: [Int] = [0, 0, 0], repliesOverdue: Int = 0) {
        self.selfResolved = selfResolved; self.onTime = onTime; self.split = split; self.resolved = resolved
        self.satisfaction = satisfaction; self.surveyed = surveyed; self.noticesThisYear = noticesThisYear
        self.repliesOverdue = repliesOverdue
    }
}
