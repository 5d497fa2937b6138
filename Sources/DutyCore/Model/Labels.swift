
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

        // Operator actions (OperatorActions): what each did, why one was refused.
        "action.dispatch": Label("转派", "dispatch"),
        "action.cancel": Label("撤销", "cancel"),
        "action.close": Label("结案", "close"),
        "action.return": Label("退回", "return"),
        "action.urge": Label("催办", "urge"),
        "action.done": Label("办结", "done"),
        "action.escalate": Label("上提", "escalate"),
        "action.refer": Label("转出", "refer out"),
        "action.acknowledge": Label("确认", "acknowledge"),
        "action.acknowledge_all": Label("全部确认", "acknowledge all"),
        "action.snooze": Label("暂缓30分钟", "snooze 30 min"),
        "action.resolve": Label("解除", "resolve"),
        "action.handover": Label("交接班", "shift handover"),
        "reason.属地不符": Label("属地不符", "wrong jurisdiction"),
        "reason.权属不清": Label("权属不清", "unclear ownership"),
        "reason.职能交叉": Label("职能交叉", "overlapping remits"),
        "reason.信息不全": Label("信息不全", "incomplete information"),
        "reason.重复件": Label("重复件", "duplicate"),
        "refusal.not_found": Label("找不到该条目", "item not found"),
        "refusal.already_dispatched": Label("事件已转派，不能再次转派", "event is already dispatched"),
        "refusal.event_not_open": Label("事件状态为{s}，不能转派", "event is {s}: cannot dispatch"),
        "refusal.no_unit": Label("未选择责任单位", "no unit chosen"),
        "refusal.cancel_not_open": Label("事件状态为{s}，只能撤销待处置事件", "event is {s}: only an open event can be cancelled"),
        "refusal.no_reason": Label("请填写原因", "a reason is required"),
        "refusal.close_not_dispatched": Label("事件状态为{s}，只能对已转派事件结案", "event is {s}: only a dispatched event can be closed"),
        "refusal.tasks_not_done": Label("仍有{s}项任务未办结，不能结案", "{s} task(s) not done yet: cannot close"),
        "refusal.no_task_done": Label("事件没有已办结的任务，不能结案", "no task of this event is done: cannot close"),
        "refusal.task_not_open": Label("任务状态为{s}，不能再操作", "task is {s}: no further action"),
        "refusal.bad_return_reason": Label("退回原因须为：属地不符、权属不清、职能交叉、信息不全、重复件", "return reason must be one of 属地不符, 权属不清, 职能交叉, 信息不全, 重复件"),
        "refusal.case_closed": Label("案件状态为{s}，不能再操作", "case is {s}: no further action"),
        "refusal.case_escalated": Label("案件已上提，等待上级受理", "case already escalated, awaiting the next tier"),
        "refusal.top_tier": Label("区级案件不能再上提", "a district case cannot be escalated"),
        "refusal.alert_not_open": Label("告警状态为{s}，无需确认", "alert is {s}: nothing to acknowledge"),
        "refusal.no_open_alerts": Label("所选告警均已确认或解除", "no open alert among those selected"),
        "refusal.alert_resolved": Label("告警已解除", "alert is already resolved"),
        "refusal.not_snoozed": Label("告警不在暂缓中", "alert is not snoozed"),
        "handover.title": Label("交接班记录", "Shift handover"),
        "handover.window": Label("时段", "period"),
        "handover.figures": Label("本班数据", "This shift"),
        "handover.intake": Label("受理事件", "events received"),
        "handover.dispatched": Label("派发任务", "tasks dispatched"),
        "handover.closed": Label("结案事件", "events closed"),
        "handover.self_resolved": Label("其中就地解决", "of which settled on the spot"),
        "handover.overdue": Label("当前超期任务", "tasks overdue now"),
        "handover.open_alerts": Label("未确认告警", "open alerts"),
        "handover.split": Label("矛调分级（调解成功占比，目标6:3:1）", "Mediation split (share of resolved cases, target 6:3:1)"),
        "handover.attention": Label("需关注事项", "Needs attention"),
        "handover.overdue_task": Label("超期任务", "overdue task"),
        "handover.critical_alert": Label("严重告警", "critical alert"),
        "handover.late_signing": Label("超时未处置事件", "event open past its signing limit"),
        "handover.more": Label("另有{s}项未列出", "{s} more not listed"),
        "handover.none": Label("无", "none"),
        "handover.target": Label("目标", "target"),
        "handover.due": Label("时限", "due"),

    ]

    /// The label for a key; an unknown key shows its own wire name in both
    /// languages rather than nothing (e.g. a new alert rule from upstream).
    public static func of(_ vocabulary: String, _ wire: String) -> Label {
        table[vocabulary + "." + wire] ?? Label(wire, wire)
    }
}
