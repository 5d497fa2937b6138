/// The handover's lists of what is still owed now: overdue tasks (all of
/// them), the other open tasks, returned tasks awaiting re-dispatch, open
/// mediation cases, unresolved alerts by level, events past their signing
/// limit. Each is headed with its count, so a list cut at `listLimit` still
/// says how long it is.
extension ShiftHandover {
    /// Words, sanitising and bounded lists, shared by the sections.
    struct Writer {
        let store: Store
        let now: Millis
        let language: Language

        func L(_ key: String) -> String { (Labels.table[key] ?? Label(key, key)).text(language) }
        /// Ids and names come from feeds: shown as on screen (␛ …), so the
        /// file can be printed on a terminal and a newline cannot add lines.
        func v(_ s: String) -> String { Sanitize.isClean(s) ? s : Sanitize.visible(s) }
        func section(_ key: String, _ count: Int) -> String {
            "\n## " + L(key) + (language == .zh ? "（\(count)）" : " (\(count))") + "\n\n"
        }
        /// `count` lines made by `line(i)`, at most `listLimit` of them, then
        /// how many more; "none" for an empty list.
        func bounded(count: Int, _ line: (Int) -> String) -> String {
            guard count > 0 else { return L("handover.none") + "\n" }
            var md = ""
            for i in 0..<min(count, listLimit) { md += line(i) + "\n" }
            if count > listLimit {
                md += "- " + L("handover.more_than_limit").replacingAll("{n}", with: String(count - listLimit))
                    .replacingAll("{limit}", with: String(listLimit)) + "\n"
            }
            return md
        }
        func bounded(_ lines: [String]) -> String { bounded(count: lines.count) { lines[$0] } }

        /// "3小时20分" / "3h20m": a span to the minute, days when long.
        func span(_ ms: Millis) -> String {
            let minutes = max(0, ms / TimeSpan.minute)
            let d = minutes / (24 * 60), h = minutes / 60 % 24, m = minutes % 60
            let (dn, hn, mn) = language == .zh ? ("天", "小时", "分") : ("d", "h", "m")
            if d > 0 { return "\(d)\(dn)\(h)\(hn)" }
            if h > 0 { return "\(h)\(hn)\(m)\(mn)" }
            return "\(m)\(mn)"
        }

        func task(_ item: Int32) -> (id: String, c: CompactSnapshot) { (store.id(.task, item), store.current(.task, item)) }
    }

    /// Every overdue task, most overdue first: as many as the header's 超期.
    static func overdueSection(_ w: Writer) -> String {
        let index = w.store.aggregates.openTasksByDue
        let entries = index.entries(from: 0, limit: index.count(below: w.now))
        var md = w.section("handover.overdue_tasks", entries.count)
        // Every one, whatever the bound: this is what the next officer must chase.
        if entries.isEmpty { md += w.L("handover.none") + "\n" }
        for e in entries {
            let (id, t) = w.task(e.item)
            md += "- " + w.v(id) + " · " + w.v(w.store.text(t.task.unit)) + " · " + t.taskStatus.label.text(w.language)
                + " · " + w.L("handover.due") + " " + LocalTime.dayClock(t.due)
                + " · " + w.L("handover.late_by").replacingAll("{s}", with: w.span(w.now - t.due)) + "\n"
        }
        return md
    }

    /// The tasks owed and not yet due, nearest due first.
    static func openTaskSection(_ w: Writer) -> String {
        let index = w.store.aggregates.openTasksByDue
        let overdue = index.count(below: w.now)
        let count = index.count - overdue
        let entries = index.entries(from: overdue, limit: min(count, listLimit))
        return w.section("handover.open_tasks", count) + w.bounded(count: count) { i in
            let (id, t) = w.task(entries[i].item)
            return "- " + w.v(id) + " · " + w.v(w.store.text(t.task.unit)) + " · " + t.taskStatus.label.text(w.language)
                + " · " + w.L("handover.due") + " " + LocalTime.dayClock(t.due)
        }
    }

    /// 退回 awaiting re-dispatch: returned tasks whose event is `open` now.
    static func returnedSection(_ w: Writer) -> String {
        let index = w.store.aggregates.returnedTasksByDue
        var lines: [String] = []
        for e in index.entries(from: 0, limit: index.count) {
            let (id, t) = w.task(e.item)
            guard !t.task.event.isNone else { continue }
            let eventID = w.store.text(t.task.event)
            guard let ev = w.store.index(.event, id: eventID), w.store.current(.event, ev).eventStatus == .open else { continue }
            let reason = t.task.reason.isNone ? "" : " · " + Labels.of("reason", w.v(w.store.text(t.task.reason))).text(w.language)
            lines.append("- " + w.v(id) + " · " + w.v(w.store.text(t.task.unit)) + reason + " · "
                         + w.L("handover.event") + " " + w.v(eventID) + " · " + w.L("handover.returned_at") + " "
                         + LocalTime.dayClock(t.ts) + (t.by.isNone ? "" : " · " + w.v(w.store.text(t.by))))
        }
        return w.section("handover.returned", lines.count) + w.bounded(lines)
    }

    /// Open mediation cases (accepted, mediating, escalated), oldest first,
    /// with their tier and how long since they were first reported.
    static func mediationSection(_ w: Writer) -> String {
        var open: [(first: Millis, item: Int32)] = []
        for i in 0..<Int32(w.store.count(.mediation)) where w.store.current(.mediation, i).mediationStatus.isOpen {
            open.append((w.store.firstTs(.mediation, i), i))
        }
        open.sort { $0.first != $1.first ? $0.first < $1.first : $0.item < $1.item }
        return w.section("handover.mediation", open.count) + w.bounded(count: open.count) { i in
            let (first, item) = open[i]
            let c = w.store.current(.mediation, item)
            return "- " + w.v(w.store.id(.mediation, item)) + " · " + c.tier.label.text(w.language) + " · "
                + w.v(w.store.text(c.mediation.category)) + " · " + w.v(w.store.text(c.mediation.town)) + " · "
                + c.mediationStatus.label.text(w.language) + " · "
                + w.L("handover.age").replacingAll("{s}", with: w.span(w.now - first))
        }
    }

    /// Every unresolved alert (open, acknowledged or snoozed), by level,
    /// critical first, newest first within a level.
    static func alertSection(_ w: Writer) -> String {
        let index = w.store.aggregates.activeAlerts
        var md = w.section("handover.alerts", index.count)
        if index.count == 0 { md += w.L("handover.none") + "\n" }
        var level: AlertLevel?
        var listed = 0
        for e in index.entries(from: 0, limit: index.count, descending: true) {
            let c = w.store.current(.alert, e.item)
            if c.level != level {
                md += (level == nil ? "" : "\n") + "### " + c.level.label.text(w.language) + "\n\n"
                level = c.level
            }
            listed += 1
            guard listed <= listLimit else { continue }
            md += "- " + w.v(w.store.id(.alert, e.item)) + " · " + Labels.of("alert.type", w.v(w.store.text(c.alert.type))).text(w.language)
                + " · " + w.v(w.store.text(c.alert.title)) + " · " + c.alertStatus.label.text(w.language)
                + " · " + LocalTime.dayClock(w.store.firstTs(.alert, e.item)) + "\n"
        }
        if listed > listLimit {
            md += "- " + w.L("handover.more_than_limit").replacingAll("{n}", with: String(listed - listLimit))
                .replacingAll("{limit}", with: String(listLimit)) + "\n"
        }
        return md
    }

    /// Events still `open` past their signing limit (`NeedsAction.lateEvents`,
    /// as 待办 and the late-signing rule count them), oldest first.
    static func lateEventSection(_ w: Writer, signingLimits: [Millis]) -> String {
        var late = NeedsAction.lateEvents(w.store, now: w.now, signingLimits: signingLimits).map {
            (first: w.store.firstTs(.event, $0.item), item: $0.item)
        }
        late.sort { $0.first != $1.first ? $0.first < $1.first : $0.item < $1.item }
        return w.section("handover.late_events", late.count) + w.bounded(count: late.count) { i in
            let (first, item) = late[i]
            let c = w.store.current(.event, item)
            return "- " + w.v(w.store.id(.event, item)) + " · P\(c.priority) · " + w.v(w.store.text(c.event.town)) + " · "
                + w.v(w.store.text(c.event.title)) + " · " + LocalTime.dayClock(first)
        }
    }
}
