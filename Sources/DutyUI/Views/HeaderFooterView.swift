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
        x += grid.put(text: ctx.label("title"), x: x, y: rect.y, width: rect.maxX - x, style: Style(.headerTitle))
        if let town = ctx.state.town {
            x += grid.put(text: " · " + Sanitize.visible(town), x: x, y: rect.y, width: max(0, rect.maxX - x), style: Style(.headerTitle, attributes: .bold))
        }
        x += 2
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
        case .databaseOffline(let seconds):
            badgeText = " ⚠ " + ConsoleBadge.offlineText(seconds: seconds, lang) + " "
            badgeRole = .alertWarning
        }
        let clock = DisplayFormat.date(now, lang) + " " + DisplayFormat.clockSeconds(now)
        let right = TextFit.width(clock) + TextFit.width(badgeText) + 2
        if rect.maxX - right > x {
            var rx = rect.maxX - right
            rx += grid.put(text: clock, x: rx, y: rect.y, style: Style(.header)) + 1
            grid.put(text: badgeText, x: rx, y: rect.y, style: Style(badgeRole, attributes: .bold))
        }
        guard rect.height >= 2 else { return }
        // The figures, each opening its list (F2–F7, or a click), then feed health.
        let row = HeaderFigures.row(store: ctx.store, language: lang, width: rect.width, feeds: feeds,
                                    leave: HeaderFigures.leave(for: badge))
        for part in row.figures {
            grid.put(text: part.text, x: rect.x + part.x, y: rect.y + 1, width: part.width,
                     style: Style(part.warn ? .error : .header, attributes: part.warn ? .bold : []))
        }
        if let f = row.feeds {
            grid.put(text: f.text, x: rect.x + f.x, y: rect.y + 1, style: Style(.header))
        }
        var y2x = rect.x + row.end
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
            let text = TextFit.cutAtWord("⚠ " + problem.text(lang, retrying: true), width: rect.maxX - y2x)
            grid.put(text: text, x: y2x, y: rect.y + 1, width: rect.maxX - y2x, style: Style(.error))
        }
    }

    /// A text prompt: the question, what is typed (its end, when longer than
    /// the room left) and a cursor, then why Enter did not go on, if so.
    static func drawPrompt(_ prompt: TextPrompt, _ state: ConsoleState, into grid: inout CellGrid, x: Int, rect: Rect) -> Int {
        var x = x
        let question = ConsoleLabels.of("ui", prompt.labelKey).text(state.language) + ": "
        x += grid.put(text: question, x: x, y: rect.y, width: rect.maxX - x, style: Style(.footerKey, attributes: .bold))
        let room = max(1, (rect.maxX - x) / 2)
        var shown = Substring(Sanitize.isClean(prompt.text) ? prompt.text : Sanitize.visible(prompt.text))
        while TextFit.width(String(shown)) + 1 > room, !shown.isEmpty { shown = shown.dropFirst() }
        x += grid.put(text: String(shown) + "▏", x: x, y: rect.y, width: rect.maxX - x, style: Style(.filter)) + 2
        if let status = state.status {
            x += grid.put(text: status, x: x, y: rect.y, width: rect.maxX - x, style: Style(.error, attributes: .bold)) + 2
        }
        return x
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
        } else if case .textInput = state.mode, let prompt = state.textPrompt {
            x = drawPrompt(prompt, state, into: &grid, x: x, rect: rect)
        } else if case .confirming = state.mode, let question {
            x += grid.put(text: question + " (y/n)", x: x, y: rect.y, width: rect.maxX - x,
                          style: Style(.error, attributes: .bold)) + 2
        } else if let status = state.status {
            x += grid.put(text: status, x: x, y: rect.y, width: rect.maxX - x, style: Style(.footer, attributes: .bold)) + 2
        }
        for binding in KeyRegistry.footer(for: state.mode, focus: state.actionPane, replay: state.replaying, allows: allows) {
            let shown = KeyRegistry.footerDisplay(binding)
            let key = shown.keys
            let label = shown.label.text(state.language)
            let need = TextFit.width(key) + TextFit.width(label) + 3
            guard x + need <= rect.maxX else { break }
            x += grid.put(text: key, x: x, y: rect.y, style: Style(.footerKey, attributes: .bold)) + 1
            x += grid.put(text: label, x: x, y: rect.y, style: Style(.footer)) + 2
        }
    }
}
