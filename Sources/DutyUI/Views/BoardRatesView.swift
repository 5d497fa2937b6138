import DutyCore

/// The board's rates against their targets (`BoardRates`, `BoardTargets`):
/// one line each — name and window, value, ✓ or ⚠ — and, when the box has
/// the rows, a second line: a bar with the target marked (as the mediation
/// pane draws 6:3:1), or the figures behind the value.
enum BoardRatesView {
    /// One rate as the panel shows it.
    struct Line: Equatable {
        var name: String
        var window: String
        var value: String
        /// Meets its target (nil: nothing to judge yet).
        var meets: Bool?
        /// The second line: a share against a target (bar), or text.
        var bar: (share: Double, target: Double)?
        var detail: String
        /// The second line when `detail` does not fit.
        var short: String? = nil

        static func == (a: Line, b: Line) -> Bool {
            a.name == b.name && a.value == b.value && a.detail == b.detail && a.meets == b.meets
        }
    }

    static func lines(_ r: BoardRates, _ lang: Language) -> [Line] {
        func ui(_ k: String) -> String { BoardLabels.ui(k, lang) }
        let target = ui("board_target")
        func rate(_ name: String, _ window: String, _ value: Double?, _ goal: Double, _ of: String = "") -> Line {
            Line(name: ui(name), window: ui(window), value: BoardLabels.percent(value), meets: value.map { $0 >= goal },
                 bar: value.map { ($0 * 100, goal * 100) }, detail: target + " ≥ " + BoardLabels.wholePercent(goal) + of)
        }
        let splitText = r.split.map { $0.map { String(Int(($0 * 100).rounded())) } ?? "—" }.joined(separator: ":")
        let splitMeets: Bool? = r.resolved == 0 ? nil : zip(r.split, BoardTargets.split).allSatisfy {
            abs(($0.0 ?? 0) - $0.1) <= MediationPaneView.driftLimit / 100
        }
        let issued = r.noticesThisYear.reduce(0, +)
        let byType = zip(NoticeType.allCases, r.noticesThisYear).map { "\($0.0.label.text(lang)) \($0.1)" }
            .joined(separator: " · ")
        return [
            rate("board_self_resolved", "board_this_month", r.selfResolved, BoardTargets.selfResolved),
            rate("board_on_time", "board_30d", r.onTime, BoardTargets.onTime),
            Line(name: ui("board_split"), window: ui("board_this_month"), value: r.resolved == 0 ? "—" : splitText,
                 meets: splitMeets, bar: nil,
                 detail: "\(target) 60:30:10 · \(ui("board_resolved")) \(r.resolved)", short: "\(target) 60:30:10"),
            rate("board_satisfaction", "board_this_month", r.satisfaction, BoardTargets.satisfaction,
                 " · \(ui("board_surveyed")) \(r.surveyed)"),
            Line(name: ui("board_notices"), window: ui("board_this_year"), value: "\(issued)", meets: nil, bar: nil,
                 detail: byType + " · " + ui("board_year_ref") + " " + BoardTargets.noticesPerYear.map(String.init).joined(separator: "·"),
                 short: ui("board_notice_kinds") + " " + r.noticesThisYear.map(String.init).joined(separator: "·")),
            Line(name: ui("board_replies_overdue"), window: ui("board_now"), value: "\(r.repliesOverdue)",
                 meets: r.repliesOverdue <= BoardTargets.repliesOverdue, bar: nil, detail: "\(target) \(BoardTargets.repliesOverdue)"),
        ]
    }

    static func draw(_ rates: BoardRates, _ lang: Language, into grid: inout CellGrid, rect: Rect) {
        let inner = grid.drawBox(rect, title: BoardLabels.ui("board_rates", lang), focused: false)
        guard inner.width > 10, inner.height >= 1 else { return }
        let lines = lines(rates, lang)
        let twoLines = inner.height >= lines.count * 2
        let area = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        var y = area.y
        for line in lines {
            guard y < area.maxY else { break }
            drawHeadline(line, into: &grid, x: area.x, y: y, width: area.width)
            y += 1
            guard twoLines, y < area.maxY else { continue }
            let detailWidth = min(area.width - 2, TextFit.width(line.detail))
            if let bar = line.bar, area.width - detailWidth - 3 >= 6 {
                MediationPaneView.drawBar(share: bar.share, target: bar.target, x: area.x + 2, y: y,
                                          width: area.width - detailWidth - 3, into: &grid, selected: false)
                grid.putAligned(text: line.detail, x: area.maxX - detailWidth, y: y, width: detailWidth,
                                alignment: .right, style: Style(.dim))
            } else {
                let fits = TextFit.width(line.detail) <= area.width - 2
                grid.put(text: fits ? line.detail : line.short ?? line.detail, x: area.x + 2, y: y, width: area.width - 2,
                         style: Style(.dim))
            }
            y += 1
        }
    }

    /// "就地解决率 本月 ……… 81.2% ✓": the value in the heat role when short of its target.
    static func drawHeadline(_ line: Line, into grid: inout CellGrid, x: Int, y: Int, width: Int) {
        let mark = line.meets.map { $0 ? "✓" : "⚠" } ?? " "
        let right = line.value + " " + mark
        let rightWidth = TextFit.width(right)
        let room = width - rightWidth - 1
        grid.putAligned(text: line.name, x: x, y: y, width: min(room, TextFit.width(line.name)), style: Style(.title))
        // The window (本月, 30 days) only whole: a cut one would mislead.
        let used = TextFit.width(line.name)
        if used + 1 + TextFit.width(line.window) <= room {
            grid.put(text: line.window, x: x + used + 1, y: y, style: Style(.dim))
        }
        let role: Role = line.meets == false ? .heat2 : .text
        grid.putAligned(text: right, x: x + width - rightWidth, y: y, width: rightWidth, alignment: .right, style: Style(role))
    }
}
