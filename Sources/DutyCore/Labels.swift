/// A label shown to the operator, in both languages the console speaks.
public struct Label: Sendable, Equatable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) { self.zh = zh; self.en = en }
    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

public enum Language: String, Sendable, CaseIterable { case zh, en }

/// The one table of Chinese and English labels. Every word the console shows
/// for a wire value lives here, keyed by "<vocabulary>.<wire name>", so that
/// the district's vocabulary is never scattered through the code.
public enum Labels {
    public static let table: [String: Label] = [
        "kind.event": Label("网格事件", "Grid event"),
        "kind.task": Label("执法任务", "Enforcement task"),
        "kind.mediation": Label("矛盾纠纷调解", "Mediation"),
        "kind.alert": Label("告警", "Alert"),

        "event.status.open": Label("待处置", "open"),
        "event.status.self_resolved": Label("就地解决", "settled on spot"),
        "event.status.dispatched": Label("已转派", "dispatched"),
        "event.status.closed": Label("结案", "closed"),
        "event.status.cancelled": Label("撤销", "cancelled"),

        "event.source.grid": Label("网格员巡查", "grid patrol"),
        "event.source.public": Label("群众随手拍", "public report"),
        "event.source.hotline": Label("12345转办", "12345 hotline"),
        "event.source.sensor": Label("物联感知", "sensor"),
        "event.source.upper": Label("上级交办", "from above"),
        "event.source.referral": Label("部门移送", "dept. referral"),

        "event.priority.1": Label("红", "red"),
        "event.priority.2": Label("橙", "orange"),
        "event.priority.3": Label("黄", "yellow"),
        "event.priority.4": Label("蓝", "blue"),

        "task.type.joint": Label("联合执法", "joint"),
        "task.type.inspection": Label("综合查一次", "inspection"),
        "task.type.empowered": Label("镇街赋权事项", "empowered"),
        "task.type.campaign": Label("专项整治", "campaign"),
        "task.type.referral": Label("移送", "referral"),

        "task.status.dispatched": Label("已派发", "dispatched"),
        "task.status.signed": Label("已签收", "signed"),
        "task.status.on_site": Label("到场处置", "on site"),
        "task.status.feedback": Label("已反馈", "feedback"),
        "task.status.done": Label("办结", "done"),
        "task.status.returned": Label("退回", "returned"),

        "task.outcome.rectified": Label("责令整改", "rectified"),
        "task.outcome.penalty": Label("立案处罚", "penalty"),
        "task.outcome.no_penalty": Label("不予处罚", "no penalty"),
        "task.outcome.transferred": Label("移送", "transferred"),
        "task.outcome.no_issue": Label("查无问题", "no issue"),

        "mediation.tier.village": Label("村社/网格", "village"),
        "mediation.tier.town": Label("镇街", "town"),
        "mediation.tier.district": Label("区级", "district"),

        "mediation.status.accepted": Label("受理", "accepted"),
        "mediation.status.mediating": Label("调解中", "mediating"),
        "mediation.status.resolved": Label("调解成功", "resolved"),
        "mediation.status.escalated": Label("上提", "escalated"),
        "mediation.status.referred": Label("转诉讼/仲裁/信访", "referred out"),
        "mediation.status.failed": Label("调解失败", "failed"),

        "alert.level.info": Label("提示", "info"),
        "alert.level.warning": Label("警告", "warning"),
        "alert.level.critical": Label("严重", "critical"),

        "alert.status.open": Label("未确认", "open"),
        "alert.status.acked": Label("已确认", "acked"),
        "alert.status.resolved": Label("已解除", "resolved"),

        "alert.type.risk_notice": Label("风险提示单", "risk notice"),
        "alert.type.supervision": Label("执法督办单", "supervision notice"),
        "alert.type.bulletin": Label("通报", "bulletin"),
        "alert.type.late_signing": Label("签收超时", "late signing"),
        "alert.type.prewarning": Label("临期预警", "pre-warning"),
        "alert.type.overdue": Label("超期催办", "overdue"),
        "alert.type.cluster": Label("聚集性事件", "cluster"),
        "alert.type.tier_drift": Label("分级偏离", "6:3:1 drift"),
        "alert.type.feed_quiet": Label("数据源静默", "feed quiet"),
        "alert.type.feed_errors": Label("数据源错误", "feed errors"),
    ]

    /// The label for a key; an unknown key shows its own wire name in both
    /// languages rather than nothing (e.g. a new alert rule from upstream).
    public static func of(_ vocabulary: String, _ wire: String) -> Label {
        table[vocabulary + "." + wire] ?? Label(wire, wire)
    }
}
