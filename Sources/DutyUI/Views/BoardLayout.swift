import DutyCore

/// One of the board's trend graphs, in the order they give way.
public enum BoardGraph: Int, CaseIterable, Sendable {
    /// 事件/小时: events per hour over the last 24 hours.
    case eventsPerHour
    /// 事件/日: events per day over the last 30 days.
    case eventsPerDay
    /// 按时办结/日: tasks dispatched each day and done on time, over 30 days.
    case onTimePerDay
}

/// Where the situation board's parts go at a size: the town table (and which
/// of its columns, with full or short titles), the rates beside it, and as
/// many trend graphs as the rows below allow. A pure function of the body's
/// size and the language (titles differ in width), like `Layout`: at 80×24 the
/// table keeps five columns and one graph shows; from about 120×40 every
/// column and all three graphs.
public struct BoardLayout: Equatable, Sendable {
    public var table: Rect
    public var columns: [BoardColumn]
    public var fullTitles: Bool
    public var rates: Rect
    public var graphs: [GraphSlot]

    public struct GraphSlot: Equatable, Sendable {
        public var graph: BoardGraph
        public var rect: Rect
    }

    /// Rows of the table's box: border, titles, 12 towns, the district's total.
    public static let tableHeight = 2 + 1 + District.towns.count + 1
    /// The narrowest the rates beside the table may be.
    public static let ratesMinimum = 30
    /// The rates' width when a graph shares the band beside the table, at least…
    public static let ratesRoomy = 44
    /// … and at most.
    public static let ratesWidest = 64
    /// The least width of a graph beside the rates.
    public static let graphBeside = 40
    /// The least rows of a graph's box: border, two rows of plot, the time axis.
    public static let graphMinimum = 5
    /// Columns of the town names (the longest, 萧王庙, is 6).
    public static let townWidth = 6

    /// The width of a column with short or full titles: its title, or its
    /// widest value plus a blank and the heat swatch.
    public static func width(_ column: BoardColumn, full: Bool, _ lang: Language) -> Int {
        if column == .town { return townWidth }
        let title = TextFit.width(BoardLabels.title(column, full: full, lang))
        let value = column == .onTime30 ? 5 : 4   // "96.3%", "1234"
        return max(title, value + 2)
    }

    /// The table's box width for some columns: border, a blank each side,
    /// the town, then a gap and each column.
    public static func tableWidth(_ columns: [BoardColumn], full: Bool, _ lang: Language) -> Int {
        4 + columns.reduce(0) { $0 + width($1, full: full, lang) + ($1 == .town ? 0 : 1) }
    }

    public static func compute(body: Rect, language lang: Language) -> BoardLayout {
        // Widest first: full titles with every column, then short titles,
        // then columns dropped in `BoardColumn.dropOrder`, until the rates
        // still have their least room beside the table.
        var columns = BoardColumn.allCases
        var full = true
        func fits() -> Bool { tableWidth(columns, full: full, lang) + ratesMinimum <= body.width }
        if !fits() { full = false }
        var drop = BoardColumn.dropOrder[...]
        while !fits(), let next = drop.popFirst() { columns.removeAll { $0 == next } }
        let tableW = min(body.width, tableWidth(columns, full: full, lang))
        let tableH = min(body.height, tableHeight)
        let table = Rect(x: body.x, y: body.y, width: tableW, height: tableH)
        // Beside the table: the rates; on a wide screen, the rates at a
        // reading width and the first graph after them.
        let side = max(0, body.width - tableW)
        let ratesW = side >= ratesRoomy + graphBeside ? min(ratesWidest, max(ratesRoomy, side * 2 / 5)) : side
        let rates = Rect(x: table.maxX, y: body.y, width: ratesW, height: tableH)
        var pending = BoardGraph.allCases[...]
        var graphs: [GraphSlot] = []
        if side > ratesW, tableH >= graphMinimum, let first = pending.popFirst() {
            graphs.append(GraphSlot(graph: first, rect: Rect(x: rates.maxX, y: body.y, width: side - ratesW, height: tableH)))
        }

        // The other graphs below, stacked, full width: as many as keep their least height.
        let below = Rect(x: body.x, y: table.maxY, width: body.width, height: body.maxY - table.maxY)
        let count = min(pending.count, below.height / graphMinimum)
        var y = below.y
        for (i, graph) in pending.prefix(count).enumerated() {
            let h = below.height / count + (i < below.height % count ? 1 : 0)
            graphs.append(GraphSlot(graph: graph, rect: Rect(x: below.x, y: y, width: below.width, height: h)))
            y += h
        }
        return BoardLayout(table: table, columns: columns, fullTitles: full, rates: rates, graphs: graphs)
    }

    /// Town rows the table shows at once (the box less border, titles, total).
    public var visibleTowns: Int { max(0, table.height - 4) }
}
