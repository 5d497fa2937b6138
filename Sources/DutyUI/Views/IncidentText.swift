import DutyCore

/// The words of the incident view, apart from where they are drawn: the
/// entered item's fields, one row per linked item, one line per timeline
/// entry. Every value is a label in the language shown or the feed's own
/// text; times are local (`12-04 09:30`), never RFC 3339, and a ref is
/// `任务 ZF-…`, never `task:ZF-…`.
struct IncidentText {
    let store: Store
    let incident: Incident
    let lang: Language
    let now: Millis

    private func ui(_ key: String) -> String { ConsoleLabels.of("ui", key).text(lang) }
    private func col(_ key: String) -> String { ConsoleLabels.of("col", key).text(lang) }
    private func text(_ sym: TextID) -> String { store.texts.text(sym) }

    /// "事件" / "task": the short word for a kind in links and refs.
    static func kindWord(_ kind: Kind, _ lang: Language) -> String {
        ConsoleLabels.of("ui", "link_" + kind.wire).text(lang)
    }

    /// A ref as words: `任务 ZF-…` for `task:ZF-…`; a ref that names no
    /// kind is shown as it came.
    static func ref(_ ref: String, _ lang: Language) -> String {
        guard let r = AlertRef(ref) else { return ref }
        return kindWord(r.kind, lang) + " " + r.id
    }

    /// "名：值" in Chinese, "name: value" in English.
    func pair(_ name: String, _ value: String) -> String {
        lang == .zh ? name + "：" + value : name + ": " + value
    }

    /// The entered item's current fields, labelled, empty ones left out.
    func fields(_ m: IncidentMember) -> [String] {
        let s = store.current(m.kind, m.index)
        var out: [(String, String)] = []
        switch m.kind {
        case .event:
            let e = s.event
            out = [(col("title"), text(e.title)),
                   (col("priority"), DisplayFormat.priority(s.priority) + " " + Labels.of("event.priority", String(s.priority)).text(lang)),
                   (col("status"), s.eventStatus.label.text(lang)), (col("town"), text(e.town)), (col("grid"), text(e.grid)),
                   (col("domain"), text(e.domain)), (Labels.of("event", "source").text(lang), EventSource(rawValue: s.code)!.label.text(lang)),
                   (ui("reporter"), text(e.reporter)), (col("note"), text(e.detail))]
        case .task:
            let t = s.task
            out = [(col("event"), text(t.event)), (col("unit"), text(t.unit)), (col("town"), text(t.town)),
                   (col("status"), s.taskStatus.label.text(lang)), (col("type"), TaskType(rawValue: s.code)!.label.text(lang)),
                   (col("due"), DueCountdown.text(due: s.due, status: s.taskStatus, now: now, lang)),
                   (col("outcome"), s.outcome == CompactSnapshot.noOutcome ? "" : TaskOutcome(rawValue: s.outcome)!.label.text(lang)),
                   (col("reason"), reason(t.reason))]
        case .mediation:
            let c = s.mediation
            let village = text(c.village)
            out = [(col("town"), text(c.town) + (village.isEmpty ? "" : " " + village)), (col("category"), text(c.category)),
                   (col("tier"), s.tier.label.text(lang)), (col("status"), s.mediationStatus.label.text(lang))]
        case .alert:
            let a = s.alert
            let ref = text(a.ref)
            out = [(col("title"), text(a.title)), (col("level"), DisplayFormat.level(s.level) + " " + s.level.label.text(lang)),
                   (col("type"), Labels.of("alert.type", text(a.type)).text(lang)),
                   (col("status"), AlertStanding.statusLabel(s, store, now: now).text(lang)),
                   (ui("ref"), ref.isEmpty ? "" : Self.ref(ref, lang))]
        case .notice:
            // The document as issued, its reply deadline as tasks show theirs, and the reply.
            let n = s.notice
            let lists = NoticeLists.decode(text(n.lists))
            var due = ""
            if let d = n.due {
                due = DisplayFormat.dayClock(d)
                if s.noticeStatus.awaitsReply {
                    let left = d - now
                    due += " · " + (left < 0 ? ui("reply_late").replacingAll("{d}", with: DisplayFormat.duration(-left))
                                              : ui("due_left").replacingAll("{d}", with: DisplayFormat.duration(left)))
                }
            }
            let reply = text(n.reply)
            out = [(col("number"), text(n.number)), (col("title"), text(n.title)), (col("type"), s.noticeType.label.text(lang)),
                   (col("status"), s.noticeStatus.label.text(lang)), (col("to"), lists.to.joined(separator: "、")),
                   (ui("ref"), lists.refs.map { Self.ref($0, lang) }.joined(separator: "、")),
                   (col("due"), due),
                   (ui("notice_reply"), reply.isEmpty ? "" : reply + (n.repliedBy.isNone ? "" : "（" + text(n.repliedBy) + "）"))]
        }
        return out.filter { !$0.1.isEmpty }.map { pair($0.0, $0.1) }
    }

    /// A document's body in its own lines (正文), as issued: paragraphs kept.
    func body(_ m: IncidentMember) -> [String] {
        guard m.kind == .notice else { return [] }
        let body = text(store.current(.notice, m.index).notice.body)
        return body.isEmpty ? [] : body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// A return reason in the language shown (the district's five have labels).
    func reason(_ sym: TextID) -> String {
        let r = text(sym)
        return r.isEmpty ? "" : Labels.of("reason", r).text(lang)
    }

    /// The status of a snapshot, labelled.
    func status(_ s: CompactSnapshot) -> String {
        switch s.kind {
        case .event: s.eventStatus.label.text(lang)
        case .task: s.taskStatus.label.text(lang)
        case .mediation: s.tier.label.text(lang) + "·" + s.mediationStatus.label.text(lang)
        case .alert: (AlertStanding.snoozeEnd(s, store).map(AlertStanding.snoozedLabel) ?? s.alertStatus.label).text(lang)
        case .notice: s.noticeStatus.label.text(lang)
        }
    }

    /// One linked item's row after its kind and id: status, then what tells
    /// it apart (an event's title, a task's unit and due or reason, an
    /// alert's type and title).
    func linkRow(_ m: IncidentMember) -> (status: String, rest: String) {
        let s = store.current(m.kind, m.index)
        switch m.kind {
        case .event:
            let e = s.event
            return (status(s), DisplayFormat.priority(s.priority) + " " + text(e.title) + " · " + text(e.town) + " " + text(e.grid))
        case .task:
            var rest = text(s.task.unit)
            switch s.taskStatus {
            case .returned: rest += " · " + reason(s.task.reason)
            case .done: rest += s.outcome == CompactSnapshot.noOutcome ? "" : " · " + TaskOutcome(rawValue: s.outcome)!.label.text(lang)
            default: rest += " · " + col("due") + " " + DueCountdown.text(due: s.due, status: s.taskStatus, now: now, lang)
            }
            return (status(s), rest)
        case .mediation:
            return (status(s), text(s.mediation.category) + " · " + text(s.mediation.town))
        case .alert:
            let type = Labels.of("alert.type", text(s.alert.type)).text(lang)
            return (status(s), DisplayFormat.level(s.level) + " " + type + " · " + text(s.alert.title))
        case .notice:
            return (status(s), s.noticeType.label.text(lang) + " " + text(s.notice.number) + " · " + text(s.notice.title))
        }
    }

    /// One timeline entry after its time and id: `已转派 → 锦屏街道综合行政执法中队`,
    /// `退回 · 权属不清 · 经办 某某`.
    func entry(_ e: IncidentEntry) -> String {
        let s = e.snapshot
        var line = status(s)
        switch e.member.kind {
        case .event:
            if s.eventStatus == .dispatched, let unit = unitDispatched(at: s.ts) { line += " → " + unit }
        case .task:
            switch s.taskStatus {
            case .dispatched:
                line += " → " + text(s.task.unit) + " · " + col("due") + " " + DisplayFormat.dayClock(s.due)
            case .returned: if !s.task.reason.isNone { line += " · " + reason(s.task.reason) }
            case .done:
                if s.outcome != CompactSnapshot.noOutcome { line += " · " + TaskOutcome(rawValue: s.outcome)!.label.text(lang) }
            default: break
            }
        case .mediation, .notice:
            break
        case .alert:
            line += " · " + Labels.of("alert.type", text(s.alert.type)).text(lang)
            if s.alertStatus == .open { line += " · " + text(s.alert.title) }
        }
        if !s.by.isNone { line += " · " + ui("by_who").replacingAll("{name}", with: text(s.by)) }
        if !s.note.isNone { line += noteText(s) }
        return line
    }

    /// A note as the operator's language says it: the journal's own snooze
    /// notes are worded (the status already says until when), others as written.
    func noteText(_ s: CompactSnapshot) -> String {
        let note = text(s.note)
        if s.kind == .alert, note.hasPrefix(OperatorActions.snoozePrefix) { return "" }
        if s.kind == .alert, note == OperatorActions.snoozeEndedNote { return " · " + Labels.of("handover", "snooze_ended").text(lang) }
        return " · " + note
    }

    /// The unit of the task dispatched with an event's `dispatched` snapshot:
    /// the incident's task first reported at that moment or within minutes after.
    func unitDispatched(at ts: Millis) -> String? {
        var best: (Millis, Int32)?
        for t in incident.tasks {
            let first = store.firstTs(.task, t)
            guard first >= ts, first - ts <= 10 * TimeSpan.minute else { continue }
            if best == nil || first < best!.0 { best = (first, t) }
        }
        guard let (_, t) = best else { return nil }
        return text(store.history(.task, t)[0].task.unit)
    }
}
