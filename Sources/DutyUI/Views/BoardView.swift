import DutyCore

/// The situation board (`o`): the town table as a heat table, the rates
/// against their targets beside it, the trend graphs below. Draws figures
/// already computed (`BoardFigureCache`); lays out with `BoardLayout`.
enum BoardView {
    static func draw(_ figures: BoardFigures, _ state: ConsoleState, into grid: inout CellGrid, body: Rect) {
        let lang = state.language
        let layout = BoardLayout.compute(body: body, language: lang)
        drawTable(figures, layout, state.board, lang, into: &grid)
        if layout.rates.width >= BoardLayout.ratesMinimum {
            BoardRatesView.draw(figures.rates, lang, into: &grid, rect: layout.rates)
        }
        for slot in layout.graphs { drawGraph(slot.graph, figures, lang, into: &grid, rect: slot.rect) }
    }

    /// "镇街态势 · 排序 今日事件 ▼", or "· 区划顺序" in the district's order.
    static func tableTitle(_ board: BoardState, _ lang: Language) -> String {
        let towns = BoardLabels.ui("board_towns", lang)
        guard board.sort != .town || board.descending else { return towns + " · " + BoardLabels.ui("board_district_order", lang) }
        return towns + " · " + BoardLabels.ui("board_sorted", lang) + " " + BoardLabels.title(board.sort, full: true, lang)
            + (board.descending ? " ▼" : " ▲")
    }

    static func drawTable(_ figures: BoardFigures, _ layout: BoardLayout, _ board: BoardState, _ lang: Language,
                          into grid: inout CellGrid) {
        guard layout.table.height >= 3 else { return }
        let inner = grid.drawBox(layout.table, title: tableTitle(board, lang), focused: true)
        guard inner.height >= 1 else { return }
        let columns = layout.columns
        let widths = columns.map { BoardLayout.width($0, full: layout.fullTitles, lang) }
        func cellX(_ i: Int) -> Int {
            inner.x + 1 + widths.prefix(i).reduce(0, +) + i
        }
        // Column titles: the sorted one marked.
        for (i, column) in columns.enumerated() {
            let sorted = column == board.sort && (column != .town || board.descending)
            let role: Role = sorted ? .focusTitle : .columnHeader
            grid.putAligned(text: BoardLabels.title(column, full: layout.fullTitles, lang), x: cellX(i), y: inner.y,
                            width: widths[i], alignment: column == .town ? .left : .right, style: Style(role))
        }
        let rows = figures.order(board)
        let visible = layout.visibleTowns
        let selected = rows.firstIndex { $0.town == board.town } ?? 0
        let top = max(0, min(selected - visible + 1, rows.count - visible))
        for (n, row) in rows.dropFirst(top).prefix(visible).enumerated() {
            let y = inner.y + 1 + n
            let isSelected = row.town == board.town
            grid.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: Style(.text).selecting(isSelected))
            drawRow(row, district: figures.district, columns: columns, widths: widths, x: cellX, y: y,
                    selected: isSelected, into: &grid)
        }
        // The district's total under the towns.
        if inner.height >= 3 {
            var total = figures.district
            total.name = BoardLabels.ui("board_district", lang)
            drawRow(total, district: figures.district, columns: columns, widths: widths, x: cellX, y: inner.maxY - 1,
                    selected: false, bold: true, into: &grid)
        }
    }

    /// One row: the town's name, then each figure right-aligned with its
    /// heat swatch after it, in its heat role.
    static func drawRow(_ row: BoardFigures.TownRow, district: BoardFigures.TownRow, columns: [BoardColumn], widths: [Int],
                        x: (Int) -> Int, y: Int, selected: Bool, bold: Bool = false, into grid: inout CellGrid) {
        let extra: Attributes = bold ? .bold : []
        for (i, column) in columns.enumerated() {
            if column == .town {
                grid.putAligned(text: row.name, x: x(i), y: y, width: widths[i],
                                style: Style(.text, attributes: extra, selected: selected))
                continue
            }
            let level = BoardHeat.level(row, column, district: district)
            let style = Style(BoardHeat.role(level), attributes: extra, selected: selected)
            let text = column == .onTime30 ? BoardLabels.percent(row.onTime30) : String(Int(row.value(column) ?? 0))
            grid.putAligned(text: text, x: x(i), y: y, width: widths[i] - 2, alignment: .right, style: style)
            grid.put(text: BoardHeat.swatches[level], x: x(i) + widths[i] - 1, y: y, width: 1, style: style)
        }
    }

    /// A trend graph in its box, titled with its peak and total.
    static func drawGraph(_ graph: BoardGraph, _ figures: BoardFigures, _ lang: Language, into grid: inout CellGrid, rect: Rect) {
        let values: [Int]
        let titleKey: String
        let ticks: [Graph.Tick]
        let style: Graph.Kind
        switch graph {
        case .eventsPerHour:
            values = figures.hourly; titleKey = "board_graph_hourly"; style = .blocks
            ticks = figures.windows.hours.enumerated().compactMap { i, h in
                LocalTime.civil(h).hour % 6 == 0 ? Graph.Tick(at: i, LocalTime.clock(h)) : nil
            }
        case .eventsPerDay, .onTimePerDay:
            values = graph == .eventsPerDay ? figures.dailyEvents : figures.dailyOnTime
            titleKey = graph == .eventsPerDay ? "board_graph_daily" : "board_graph_on_time"
            style = graph == .eventsPerDay ? .blocks : .braille
            ticks = figures.days.enumerated().compactMap { i, d in
                (figures.days.count - 1 - i) % 7 == 0 ? Graph.Tick(at: i, String(d.dropFirst(5))) : nil
            }
        }
        let title = BoardLabels.ui(titleKey, lang) + " · " + BoardLabels.ui("board_peak", lang) + " \(values.max() ?? 0) · "
            + BoardLabels.ui("board_total", lang) + " \(values.reduce(0, +))"
        let inner = grid.drawBox(rect, title: title, focused: false)
        guard inner.width > 4, inner.height >= 1 else { return }
        Graph.draw(values.map(Double.init), style: style, ticks: ticks, into: &grid,
                   rect: Rect(x: inner.x, y: inner.y, width: inner.width - 1, height: inner.height))
    }
}
