import DutyCore

/// Header (title, date and clock, badge, today's counts, alerts, feed health)
/// and footer (the keys that work here, from the key registry).
enum HeaderFooterView {
    static func drawHeader(_ ctx: PaneContext, badge: ConsoleBadge, feeds: FeedStatus?, into grid: inout CellGrid, rect: Rect) {
        guard rect.height >= 1 else { return }
        let lang = ctx.language
        let now = ctx.now
        grid.fill(rect, style: Style(.header))
        var x = rect.x + 1
        x += grid.put(text: ctx.label("title"), x: x, y: rect.y, width: rect.maxX - x, style: Style(.headerTitle)) + 2
        let badgeText: String
        let badgeRole: Role
        switch badge {
        case .live: badgeText = " ● " + ctx.label("live") + " "; badgeRole = .badge
        case .demo(let speed, let paused):
            badgeText = " " + ctx.label("demo") + " ×\(speed)" + (paused ? " · " + ctx.label("paused") : "") + " "
            badgeRole = .badgeDemo
        case .replay(let r):
            var text = " " + ctx.label("replay") + " " + (r.speed.map { "×\($0)" } ?? "×max")
            if r.finished { text += " · " + ctx.label("replay_end") } else if r.paused { text += " · " + ctx.label("paused") }
            badgeText = text + " "
            badgeRole = .badgeDemo
        }
        let clock = DisplayFormat.date(now, lang) + " " + DisplayFormat.clockSeconds(now)
        let right = TextFit.width(clock) + TextFit.width(badgeText) + 2
        if rect.maxX - right > x {
            var rx = rect.maxX - right
            rx += grid.put(text: clock, x: rx, y: rect.y, style: Style(.header)) + 1
            grid.put(text: badgeText, x: rx, y: rect.y, style: Style(badgeRole, attributes: .bold))
        }
        guard rect.height >= 2 else { return }
        let a = ctx.store.aggregates
        let today = a.today(now: now)
        let unacked = a.openAlertsByLevel.reduce(0, +)
        var forms = [
            "\(ctx.label("intake")) \(today.intake)", "\(ctx.label("dispatched")) \(today.dispatched)",
            "\(ctx.label("closed")) \(today.closed)", "\(ctx.label("overdue")) \(today.overdue)",
            "\(ctx.label("unacked")) \(unacked)",
        ].map { [$0] }
        if let feeds {
            // Feed health in a full form and two shorter ones (HeaderFit picks).
            var f = "\(ctx.label("feeds")) \(feeds.files) \(ctx.label("files"))"
            var short = "\(ctx.label("feeds")) \(feeds.files)"
            if let last = feeds.lastLine {
                f += " · \(ctx.label("last_ingest")) \(DisplayFormat.clockSeconds(last))"
                short += " · \(DisplayFormat.clockSeconds(last))"
            }
            forms.append([f, short, "\(ctx.label("feeds")) \(feeds.files)"])
        }
        forms.append(["\(ctx.label("quarantined")) \(ctx.store.quarantinedTotal)"])
        let fitted = HeaderFit.fit(forms, width: rect.width - 2)
        let parts = fitted.texts
        var y2x = rect.x + 1
        for (i, part) in parts.enumerated() {
            // A part is whole or not shown: never `隔离 ` without its count.
            guard y2x + TextFit.width(part) <= rect.maxX else { break }
            let warn = (i == 3 && today.overdue > 0) || (i == 4 && unacked > 0)
                || (i == parts.count - 1 && ctx.store.quarantinedTotal > 0)
            let w = grid.put(text: part, x: y2x, y: rect.y + 1, width: rect.maxX - y2x,
                             style: Style(warn ? .error : .header, attributes: warn ? .bold : []))
            y2x += w + fitted.gap
            if y2x >= rect.maxX { break }
        }
        if case .replay(let r) = badge, y2x < rect.maxX - 12 {
            // The recording's span as a progress bar, then where actions go.
            let barWidth = min(30, rect.maxX - y2x - 2)
            let filled = Int((r.progress * Double(barWidth)).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: max(0, barWidth - filled))
            y2x += grid.put(text: bar, x: y2x, y: rect.y + 1, style: Style(.barFill)) + 1
            y2x += grid.put(text: "\(Int((r.progress * 100).rounded()))%", x: y2x, y: rect.y + 1, style: Style(.header)) + 3
            grid.put(text: ctx.label("scratch_journal") + " " + Sanitize.path(r.journal), x: y2x, y: rect.y + 1,
                     width: max(0, rect.maxX - y2x), style: Style(.dim))
        }
        if let problem = feeds?.problems.first, y2x < rect.maxX - 4 {
            grid.put(text: "⚠ " + problem, x: y2x, y: rect.y + 1, width: rect.maxX - y2x, style: Style(.error))
        }
    }

    /// `question`: the y/n being asked, worded by `ActionDialog`. `allows`:
    /// whether a binding's command applies now (the selected row's state
    /// allows its action; Tab only in a chooser that cycles).
    static func drawFooter(_ state: ConsoleState, question: String?, allows: (Command) -> Bool,
                           into grid: inout CellGrid, rect: Rect) {
        guard rect.height >= 1 else { return }
        grid.fill(rect, style: Style(.footer))
        var x = rect.x + 1
        if case .filterInput = state.mode {
            let prompt = "/ " + ConsoleLabels.of("ui", "filter").text(state.language) + ": "
            x += grid.put(text: prompt, x: x, y: rect.y, style: Style(.footerKey, attributes: .bold))
            x += grid.put(text: state.filterDraft + "▏", x: x, y: rect.y, width: rect.maxX - x, style: Style(.filter))
            x += 2
        } else if case .confirming = state.mode, let question {
            x += grid.put(text: question + " (y/n)", x: x, y: rect.y, width: rect.maxX - x,
                          style: Style(.error, attributes: .bold)) + 2
        } else if let status = state.status {
            x += grid.put(text: status, x: x, y: rect.y, width: rect.maxX - x, style: Style(.footer, attributes: .bold)) + 2
        }
        for binding in KeyRegistry.footer(for: state.mode, focus: state.focus, replay: state.replaying, allows: allows) {
            let key = KeyRegistry.display(binding)
            let label = binding.label.text(state.language)
            let need = TextFit.width(key) + TextFit.width(label) + 3
            guard x + need <= rect.maxX else { break }
            x += grid.put(text: key, x: x, y: rect.y, style: Style(.footerKey, attributes: .bold)) + 1
            x += grid.put(text: label, x: x, y: rect.y, style: Style(.footer)) + 2
        }
    }
}
