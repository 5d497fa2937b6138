/// One spell of an item rule holding on one item: from `since` (when it
/// started to hold) to `end` (when it stopped; nil while it still holds on
/// the records read). Episodes are a pure function of the item's snapshots
/// up to a time, so every console, a replay and `dutydesk alerts` derive
/// the same ones whatever moments they evaluated at.
public struct AlertEpisode: Equatable, Sendable {
    public var id: String
    public var rule: AlertRule
    public var since: Millis
    public var end: Millis?
    public var title: String
    public var ref: String
    /// Why it ended (the resolved record's note).
    public var endNote: String
}

/// The episodes of the item rules (late signing, the task ladder), computed
/// from an item's history with ts ≤ `t` only.
///
/// - Signing: an event that is `open` starts a signing episode (its first
///   report, or any later snapshot that sets it back to `open`, e.g. after
///   a returned task); the episode's alert holds from start + the limit of
///   its priority until the event leaves `open`. The first episode keeps the
///   id `R-late_signing-<event>` (acknowledgements already journaled still
///   apply); the n-th open spell's alert is `R-late_signing-<event>-n`.
/// - Ladder: while a task is owed (not done, not returned), its stage at a
///   moment τ is the highest reached by the state in force at τ: 预警 at the
///   share of its limit, 超期 at its due, 督办单 24 h later and 通报 5 days
///   after due (event time, so replays agree). The two last stages propose a
///   document rather than issue one: `R-propose_supervision-<task>` 应发督办单
///   and `R-propose_bulletin-<task>` 应发通报. A proposal ends at the first
///   snapshot of a `notice` of its type whose `refs` name the task
///   (`NoticesByTask`; withdrawn later or not), and is not raised at all when
///   that document came before the stage: nothing is issued without the
///   officer. An urge (催办) is a note on the task and moves no stage. Each
///   spell of one stage is an episode: the first `R-<stage>-<task>`, the
///   n-th `-n` (a due moved back and reached again).
public enum AlertEpisodes {
    /// The note an urge writes on its task snapshot (`OperatorActions.urge`);
    /// the ladder reads it no more, the urge's 30-minute guard does.
    public static let urgeNote = "催办"

    /// The item's snapshots with ts ≤ t, oldest first.
    static func history(_ kind: Kind, _ item: Int32, _ store: Store, upTo t: Millis) -> [CompactSnapshot] {
        let h = store.history(kind, item)
        guard let last = h.last, last.ts > t else { return h }
        return h.filter { $0.ts <= t }
    }

    /// Late signing of one event, as of `t`.
    public static func signing(_ store: Store, event item: Int32, upTo t: Millis,
                               config: AlertRuleConfig = .default) -> [AlertEpisode] {
        let h = history(.event, item, store, upTo: t)
        var out: [AlertEpisode] = []
        // Most events are settled without ever being late: no id made for them.
        guard h.contains(where: { $0.eventStatus == .open }) else { return out }
        let eventID = store.id(.event, item)
        var spell = 0
        var k = 0
        while k < h.count {
            guard h[k].eventStatus == .open else { k += 1; continue }
            spell += 1
            let start = h[k].ts
            var late: (at: Millis, priority: UInt8)?
            var j = k
            while j < h.count && h[j].eventStatus == .open {
                let b = j + 1 < h.count ? h[j + 1].ts : .max
                let at = max(h[j].ts, start + config.signingLimit(priority: h[j].priority))
                if late == nil && at < b { late = (at, h[j].priority) }
                j += 1
            }
            let end: Millis? = j < h.count ? h[j].ts : nil
            if let late {
                let id = AlertRule.id(.lateSigning, spell == 1 ? eventID : eventID + "-\(spell)")
                let title = "\(eventID) 超时未处置（P\(late.priority) 限时\(AlertRule.span(config.signingLimit(priority: late.priority)))）"
                out.append(AlertEpisode(id: id, rule: .lateSigning, since: late.at, end: end, title: title,
                                        ref: "event:" + eventID, endNote: "事件已处置"))
            }
            k = j
        }
        return out
    }

    /// The escalation ladder of one task, as of `t`, with the documents
    /// naming it read from every notice held (`NoticesByTask.scan`).
    public static func ladder(_ store: Store, task item: Int32, upTo t: Millis,
                              config: AlertRuleConfig = .default) -> [AlertEpisode] {
        ladder(store, task: item, upTo: t, config: config, notices: NoticesByTask.scan(store, task: store.id(.task, item)))
    }

    /// The escalation ladder of one task, as of `t`; `notices` are the first
    /// documents of each type naming it (`NoticesByTask`), those after `t`
    /// ignored here.
    public static func ladder(_ store: Store, task item: Int32, upTo t: Millis, config: AlertRuleConfig = .default,
                              notices: [NoticeType: IssuedNotice]) -> [AlertEpisode] {
        let h = history(.task, item, store, upTo: t)
        guard let first = h.first?.ts else { return [] }
        // The proposals answered by t, and by which document.
        var issued: [AlertRule: IssuedNotice] = [:]
        for rule in AlertRule.allCases {
            if let type = rule.proposedNotice, let n = notices[type], n.at <= t { issued[rule] = n }
        }
        // (moment, stage or nil, snapshot in force): every change of stage,
        // and each document's moment (its proposal falls silent there).
        var points: [(at: Millis, stage: AlertRule?, snap: Int)] = []
        for k in h.indices {
            let s = h[k]
            guard s.taskStatus.isOpen else { points.append((s.ts, nil, k)); continue }
            let b = k + 1 < h.count ? h[k + 1].ts : .max
            let due = s.due
            var steps: [(at: Millis, stage: AlertRule)] = []
            if config.prewarnFraction > 0 && config.prewarnFraction < 1 && due > first {
                steps.append((first + Millis((Double(due - first) * config.prewarnFraction).rounded(.down)), .prewarning))
            }
            steps.append((due, .overdue))
            steps.append((due + config.supervisionAfterDue, .proposeSupervision))
            steps.append((due + config.bulletinAfterDue, .proposeBulletin))
            func stage(at tau: Millis) -> AlertRule? {
                var best: AlertRule?
                for st in steps where st.at <= tau && (best == nil || st.stage.order > best!.order) { best = st.stage }
                return best
            }
            points.append((s.ts, stage(at: s.ts), k))
            for st in Set(steps.map(\.at) + issued.values.map(\.at)).sorted() where st > s.ts && st < b {
                points.append((st, stage(at: st), k))
            }
        }
        // A proposal whose document is out by then holds no alert.
        func answered(_ p: Int) -> IssuedNotice? {
            guard let stage = points[p].stage, let n = issued[stage], n.at <= points[p].at else { return nil }
            return n
        }
        let taskID = store.id(.task, item)
        var out: [AlertEpisode] = []
        var spells: [AlertRule: Int] = [:]
        var i = 0
        while i < points.count {
            guard let rule = points[i].stage, answered(i) == nil else { i += 1; continue }
            var j = i + 1
            while j < points.count && points[j].stage == rule && answered(j) == nil { j += 1 }
            let end: Millis? = j < points.count ? points[j].at : nil
            // A stage left the instant it was reached (two snapshots within
            // one millisecond) held for no time: no alert.
            if let end, end <= points[i].at { i = j; continue }
            let n = (spells[rule] ?? 0) + 1
            spells[rule] = n
            let s = h[points[i].snap]
            let note: String
            if j < points.count, let document = answered(j) {
                note = "已印发 " + document.number
            } else if j < points.count, let next = points[j].stage, next.order > rule.order {
                note = "已升级为" + Labels.of("alert.type", next.type).zh
            } else if j < points.count, !h[points[j].snap].taskStatus.isOpen {
                note = "任务已办结或退回"
            } else {
                note = "办理时限已调整"
            }
            let id = AlertRule.id(rule, n == 1 ? taskID : taskID + "-\(n)")
            out.append(AlertEpisode(id: id, rule: rule, since: points[i].at, end: end,
                                    title: title(rule, taskID, store.text(s.task.unit), config),
                                    ref: "task:" + taskID, endNote: note))
            i = j
        }
        return out
    }

    /// The document the task's ladder proposes at `t` (its live proposal's
    /// type: 督办单 or 通报), nil when none: what `u` and a proposal alert's
    /// key open the issue dialog with. One pass over the notices.
    public static func proposal(_ store: Store, task item: Int32, at t: Millis,
                                config: AlertRuleConfig = .default) -> NoticeType? {
        ladder(store, task: item, upTo: t, config: config)
            .last { $0.since <= t && ($0.end.map { $0 > t } ?? true) && $0.rule.proposedNotice != nil }?
            .rule.proposedNotice
    }

    static func title(_ rule: AlertRule, _ taskID: String, _ unit: String, _ config: AlertRuleConfig) -> String {
        switch rule {
        case .prewarning: "\(taskID) 临期预警：已用时\(Int(config.prewarnFraction * 100))%（\(unit)）"
        case .overdue: "\(taskID) 超期催办：已到办理时限（\(unit)）"
        // In hours, as the district counts a 督办单's wait: 超期24小时.
        case .proposeSupervision where config.supervisionAfterDue % TimeSpan.hour == 0:
            "\(taskID) 应发督办单：超期\(config.supervisionAfterDue / TimeSpan.hour)小时未办结（\(unit)）"
        case .proposeSupervision: "\(taskID) 应发督办单：超期\(AlertRule.span(config.supervisionAfterDue))未办结（\(unit)）"
        default: "\(taskID) 应发通报：超期\(AlertRule.span(config.bulletinAfterDue))未办结（\(unit)）"
        }
    }

    /// The first snapshot of the item later than `t`, if the store holds one
    /// (a record dated ahead of the clock): the episodes change no earlier.
    static func nextSnapshot(_ kind: Kind, _ item: Int32, _ store: Store, after t: Millis) -> Millis? {
        let current = store.current(kind, item)
        guard current.ts > t else { return nil }
        return store.history(kind, item).first { $0.ts > t }?.ts
    }
}
