/// 交接班: the Markdown summary the outgoing duty officer hands over — what
/// came in and went out during the shift, what is late now, and the items the
/// next officer must look at first. A pure function of the store and `now`
/// (no wall clock, no dictionary order), so the same feed gives the same text.
///
/// Window figures ("this shift" = the `hours` before `now`):
/// - intake: events first reported in the window;
/// - dispatched: tasks first reported in the window (one per 转派);
/// - closed: events whose current state is `closed` or `self_resolved` and
///   whose current snapshot is in the window (both are terminal).
/// State figures are as of now: overdue tasks, open alerts by level, and
/// the 6:3:1 split over every resolved case held.
/// The attention list is bounded (`attentionLimit`): overdue tasks (most
/// overdue first), critical open alerts (newest first), then events still
/// `open` past their signing limit (oldest first).
public enum ShiftHandover {
    public static let attentionLimit = 20

    /// `signingLimits`: an event should be taken up (signed) within these, by
    /// priority 1…4; the console's rule table by default, so that the
    /// handover calls late what the late-signing alert calls late.
    public static func markdown(store: Store, now: Millis, hours: Int = 8, language: Language = .zh,
                                signingLimits: [Millis] = AlertRuleConfig.default.signingLimits) -> String {
        let start = now - Millis(hours) * TimeSpan.hour
        let a = store.aggregates
        func L(_ key: String) -> String { (Labels.table[key] ?? Label(key, key)).text(language) }
        // Ids and names come from feeds: shown as on screen (␛ …), so the
        // file can be printed on a terminal and a newline cannot add lines.
        func v(_ s: String) -> String { Sanitize.isClean(s) ? s : Sanitize.visible(s) }
        let time = LocalTime.dayClock

        // Window figures.
        let intake = a.eventsByTime.count(below: now + 1) - a.eventsByTime.count(below: start)
        var dispatched = 0
        for i in 0..<store.count(.task) {
            let first = store.firstTs(.task, Int32(i))
            if first >= start && first <= now { dispatched += 1 }
        }
        var closed = 0, selfResolved = 0
        var late: [(first: Millis, item: Int32)] = []
        for i in 0..<store.count(.event) {
            let c = store.current(.event, Int32(i))
            switch c.eventStatus {
            case .closed where c.ts >= start && c.ts <= now: closed += 1
            case .selfResolved where c.ts >= start && c.ts <= now: closed += 1; selfResolved += 1
            case .open:
                let first = store.firstTs(.event, Int32(i))
                let p = max(1, min(Int(c.priority), signingLimits.count)) - 1
                if now - first > signingLimits[p] { late.append((first, Int32(i))) }
            default: break
            }
        }
        late.sort { $0.first != $1.first ? $0.first < $1.first : $0.item < $1.item }
        let overdue = a.overdueTasks(now: now)

        var md = "# " + L("handover.title") + "\n\n"
        md += L("handover.window") + ": " + time(start) + " – " + time(now) + " (" + LocalTime.offsetText + ")\n\n"
        md += "## " + L("handover.figures") + "\n\n"
        md += "- " + L("handover.intake") + ": \(intake)\n"
        md += "- " + L("handover.dispatched") + ": \(dispatched)\n"
        md += "- " + L("handover.closed") + ": \(closed) (" + L("handover.self_resolved") + " \(selfResolved))\n"
        md += "- " + L("handover.overdue") + ": \(overdue)\n"
        md += "- " + L("handover.open_alerts") + ": " + AlertLevel.allCases.reversed()
            .map { $0.label.text(language) + " \(a.openAlertsByLevel[Int($0.rawValue)])" }.joined(separator: ", ") + "\n\n"

        md += "## " + L("handover.split") + "\n\n"
        let shares = a.resolvedShares
        for tier in MediationTier.allCases {
            let i = Int(tier.rawValue)
            md += "- " + tier.label.text(language) + ": \(a.resolvedByTier[i]) · " + percent(shares[i])
                + " / " + L("handover.target") + " \(tier.targetPercent)%\n"
        }

        // Attention: bounded, in a fixed order.
        var lines: [String] = []
        var total = 0
        func add(_ line: @autoclosure () -> String) {
            total += 1
            if lines.count < attentionLimit { lines.append(line()) }
        }
        let overdueEntries = a.openTasksByDue.entries(from: 0, limit: a.openTasksByDue.count(below: now))
        for e in overdueEntries {
            let t = store.current(.task, e.item)
            add("- " + L("handover.overdue_task") + " " + v(store.id(.task, e.item)) + " · " + v(store.text(t.task.unit))
                + " · " + L("handover.due") + " " + time(t.due))
        }
        for e in a.activeAlerts.entries(from: 0, limit: a.activeAlerts.count, descending: true) {
            let c = store.current(.alert, e.item)
            guard c.level == .critical else { break }
            guard c.alertStatus == .open else { continue }
            add("- " + L("handover.critical_alert") + " " + v(store.id(.alert, e.item)) + " · " + v(store.text(c.alert.title)))
        }
        for (first, item) in late {
            let c = store.current(.event, item)
            add("- " + L("handover.late_signing") + " " + v(store.id(.event, item)) + " · P\(c.priority) · "
                + v(store.text(c.event.town)) + " · " + v(store.text(c.event.title)) + " · " + time(first))
        }
        md += "\n## " + L("handover.attention") + "\n\n"
        if lines.isEmpty { md += L("handover.none") + "\n" }
        for l in lines { md += l + "\n" }
        if total > lines.count {
            md += "- " + L("handover.more").replacingAll("{s}", with: String(total - lines.count)) + "\n"
        }
        return md
    }

    /// "62.5%": one decimal, no Foundation formatting.
    static func percent(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
