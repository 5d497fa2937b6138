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
        "event.status.self_resolved": Label("就地解决", "settled"),
        "event.status.dispatched": Label("已转派", "dispatched"),
        "event.status.closed": Label("结案", "closed"),
        "event.status.cancelled": Label("撤销", "cancelled"),

        "event.source": Label("来源", "source"),
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

        // The console's own words: panes, header, columns, keys.
        "pane.events": Label("网格事件", "Grid events"),
        "pane.tasks": Label("执法任务", "Tasks"),
        "pane.mediation": Label("矛调分级", "Mediation tiers"),
        "pane.alerts": Label("告警", "Alerts"),
        "ui.title": Label("奉化区综合指挥中心 · 值班台", "Fenghua Command Center · Duty Desk"),
        "ui.live": Label("实时", "LIVE"),
        "ui.demo": Label("演示", "DEMO"),
        "ui.replay": Label("回放", "REPLAY"),
        "ui.intake": Label("今日受理", "intake"),
        "ui.dispatched": Label("转派", "dispatched"),
        "ui.closed": Label("结案", "closed"),
        "ui.overdue": Label("超期", "overdue"),
        "ui.unacked": Label("未确认告警", "unacked alerts"),
        "ui.feeds": Label("数据源", "feeds"),
        "ui.files": Label("文件", "files"),
        "ui.last_ingest": Label("最近接入", "last in"),
        "ui.quarantined": Label("隔离", "quarantined"),
        "ui.too_small": Label("终端太小", "terminal too small"),
        "ui.filter": Label("筛选", "filter"),
        "ui.help": Label("帮助", "help"),
        "ui.timeline": Label("处置时间线", "timeline"),
        "ui.empty": Label("（无）", "(none)"),
        "ui.resolved": Label("调解成功", "resolved"),
        "ui.open_cases": Label("在办", "open"),
        "ui.escalations_today": Label("今日上提", "escalated today"),
        "ui.target": Label("目标", "target"),
        "ui.split_ok": Label("分级比例正常", "split within 10 points of 6:3:1"),
        "ui.split_drift": Label("偏离6:3:1", "drifts from 6:3:1"),
        "ui.due_in": Label("剩余", "left"),
        "ui.overdue_by": Label("超期", "overdue"),
        "col.time": Label("时间", "time"),
        "col.priority": Label("级", "P"),
        "col.town": Label("镇街", "town"),
        "col.grid": Label("网格", "grid"),
        "col.domain": Label("领域", "domain"),
        "col.title": Label("事项", "title"),
        "col.status": Label("状态", "status"),
        "col.age": Label("时长", "age"),
        "col.id": Label("编号", "id"),
        "col.unit": Label("责任单位", "unit"),
        "col.due": Label("时限", "due"),
        "col.event": Label("关联事件", "event"),
        "col.level": Label("级别", "level"),
        "col.type": Label("类型", "type"),
        "col.by": Label("操作人", "by"),
        "col.note": Label("说明", "note"),
        "key.next_pane": Label("下一窗格", "next pane"),
        "key.prev_pane": Label("上一窗格", "previous pane"),
        "key.focus_pane": Label("切换到窗格", "focus pane"),
        "key.down": Label("下移", "down"),
        "key.up": Label("上移", "up"),
        "key.page_down": Label("下翻页", "page down"),
        "key.page_up": Label("上翻页", "page up"),
        "key.top": Label("顶部", "top"),
        "key.bottom": Label("底部", "bottom"),
        "key.open": Label("详情", "details"),
        "key.back": Label("返回", "back"),
        "key.filter": Label("筛选", "filter"),
        "key.clear_filter": Label("清除筛选", "clear filter"),
        "key.help": Label("帮助", "help"),
        "key.theme": Label("切换主题", "theme"),
        "key.language": Label("中/英", "中/EN"),
        "key.quit": Label("退出", "quit"),
    ]

    /// The label for a key; an unknown key shows its own wire name in both
    /// languages rather than nothing (e.g. a new alert rule from upstream).
    public static func of(_ vocabulary: String, _ wire: String) -> Label {
        table[vocabulary + "." + wire] ?? Label(wire, wire)
    }
}
