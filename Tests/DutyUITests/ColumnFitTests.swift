import Testing
@testable import DutyUI

/// The column-fitting function (`ColumnFit`), drawn as plain text: which
/// columns are whole, which are cut, which are hidden, at each width.
@Suite struct ColumnFitTests {
    init() { _ = UITest.locale }

    /// An events-like table: a time and a grid code that must be whole, a
    /// town that can go, a title that takes what is left, a status.
    static let table = Table(columns: [
        TableColumn("time", .content(min: 5, max: 11, priority: 0)),
        TableColumn("town", .content(min: 4, max: 10, priority: 4), hidePriority: 2),
        TableColumn("grid", .content(min: 8, max: 16, priority: 1), hidePriority: 1),
        TableColumn("title", .flexible(min: 8)),
        TableColumn("status", .content(["open", "dispatched", "settled"], min: 5, priority: 2)),
    ])

    static let rows = [
        TableRow(["09:30", "Xiaowangmiao", "XWM-03-05", "noise at night from a bar", "dispatched"]),
        TableRow(["12-03 23:10", "Jinping", "JP-04-02", "parking", "open"]),
    ]

    /// The table drawn `width` columns wide, one string per line.
    static func drawn(_ table: Table = table, _ rows: [TableRow] = rows, width: Int) -> [String] {
        var g = CellGrid(width: width, height: rows.count + 1)
        table.draw(rows: rows, into: &g, rect: Rect(x: 0, y: 0, width: width, height: rows.count + 1))
        return g.lines
    }

    @Test func wideTablesCutNothingAndWasteNoColumn() {
        // 80 columns: every cell whole; the title is as wide as its longest
        // cell and the rest stays blank at the right, not inside a column.
        #expect(Self.drawn(width: 80) == [
            "time        town       grid      title                     status               ",
            "09:30       Xiaowangm… XWM-03-05 noise at night from a bar dispatched           ",
            "12-03 23:10 Jinping    JP-04-02  parking                   open                 ",
        ])
    }

    @Test func gridCodesAndTimesAreWholeBeforeTheTitleIsCut() {
        // The town would be cut (`Xiaowa…`): it is hidden, and the title
        // is cut only after the time, the grid code and the status are whole.
        #expect(Self.drawn(width: 50) == [
            "time        grid      title             status    ",
            "09:30       XWM-03-05 noise at night f… dispatched",
            "12-03 23:10 JP-04-02  parking           open      ",
        ])
    }

    @Test func aColumnThatWouldBeCutIsHiddenBeforeAMoreUsefulOne() {
        let wide = Self.table.plan(width: 60, rows: Self.rows)
        #expect(wide.columns == [0, 1, 2, 3, 4] && wide.widths[1] == 10)
        // Narrower, the town is hidden (hide priority 2) rather than cut,
        // and the grid code and status stay whole.
        #expect(Self.drawn(width: 42) == [
            "time        grid      title     status    ",
            "09:30       XWM-03-05 noise at… dispatched",
            "12-03 23:10 JP-04-02  parking   open      ",
        ])
    }

    @Test func narrowColumnsShowEnglishAbbreviationsBeforeCutting() {
        // The grid code is hidden; the status has 9 columns, then 5: it
        // shows "dispatch." and "disp." (its title "stat."), never "disp…".
        #expect(Self.drawn(width: 30) == [
            "time        title    status   ",
            "09:30       noise a… dispatch.",
            "12-03 23:10 parking  open     ",
        ])
        #expect(Self.drawn(width: 26) == [
            "time        title    stat.",
            "09:30       noise a… disp.",
            "12-03 23:10 parking  open ",
        ])
        #expect(Abbreviations.fit("dispatched", width: 10) == "dispatched")
        #expect(Abbreviations.fit("dispatched", width: 9) == "dispatch.")
        #expect(Abbreviations.fit("dispatched", width: 3) == "dispatched")   // no form fits: cut later
        #expect(Abbreviations.fit("已转派", width: 2) == "已转派")             // Chinese has no entry
    }

    @Test func priorityDecidesWhichContentColumnIsWholeFirst() {
        let table = Table(columns: [
            TableColumn("a", .content(min: 2, max: 20, priority: 1)),
            TableColumn("b", .content(min: 2, max: 20, priority: 0)),
        ])
        let rows = [TableRow(["aaaaaaaa", "bbbbbbbb"])]
        let plan = table.plan(width: 14, rows: rows)
        #expect(plan.widths == [5, 8])   // b (priority 0) whole, a gets what is left
        #expect(Self.drawn(table, rows, width: 14)[1] == "aaaa… bbbbbbbb")
    }

    @Test func aColumnTheTitleRepeatsGivesWayToIt() {
        let table = Table(columns: [
            TableColumn("type", .content(min: 4, max: 12, priority: 1), hidePriority: 1, yieldsToTitle: true),
            TableColumn("title", .flexible(min: 8)),
        ])
        let rows = [TableRow(["notice", "notice: river blocked"])]
        #expect(Self.drawn(table, rows, width: 30)[1] == "notice notice: river blocked  ")   // both whole
        #expect(Self.drawn(table, rows, width: 24)[1] == "notice: river blocked   ")         // the type goes
    }

    @Test func onlyTheRowsShownAreMeasured() {
        // A long cell in a row below the rect does not widen the column.
        let table = Table(columns: [TableColumn("id", .content(min: 4, max: 30, priority: 0)),
                                    TableColumn("t", .flexible(min: 4))])
        let rows = [TableRow(["A-1", "x"]), TableRow(["A-1234567890", "y"])]
        var g = CellGrid(width: 30, height: 2)
        table.draw(rows: rows, into: &g, rect: Rect(x: 0, y: 0, width: 30, height: 2))
        #expect(g.lines[1].hasPrefix("A-1  x"))
    }

    /// The fast measure the fitting uses agrees with the screen's measure on
    /// every mix: ASCII, ideographs, fullwidth forms, and what takes the
    /// slow path (emoji, combining marks, halfwidth forms, controls).
    @Test func fastWidthAgreesWithTheScreen() {
        let pieces = ["a", "Z", "-", " ", "锦", "屏", "龥", "丁", "：", "（", "Ａ", "ｱ", "·", "、", "é", "e\u{301}",
                      "🚧", "👨‍👩‍👧", "⚡️", "\u{1B}", "\t", "\u{7F}", "䷀", "㐀", "…", "‼", "⚠"]
        var rng = SplitMix(seed: 3)
        for _ in 0..<3000 {
            let s = (0..<Int(rng.next() % 8)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            #expect(ColumnFit.width(s) == TextFit.width(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func everyPlanFitsItsWidthWhateverTheContent() {
        var rng = SplitMix(seed: 12)
        for _ in 0..<500 {
            let width = Int(rng.next() % 120)
            let rows = (0..<Int(rng.next() % 5)).map { _ in
                TableRow((0..<5).map { _ in String(repeating: "x", count: Int(rng.next() % 30)) })
            }
            let plan = Self.table.plan(width: width, rows: rows)
            let used = plan.widths.reduce(0, +) + max(0, plan.columns.count - 1)
            #expect(used <= width, "width \(width)")
            #expect(plan.widths.allSatisfy { $0 > 0 })
            // Columns that are shown keep their minimum unless the table is too narrow for it.
            if width >= 30 {
                for (k, i) in plan.columns.enumerated() { #expect(plan.widths[k] >= Self.table.columns[i].minimum) }
            }
        }
    }
}

/// A small deterministic generator for the property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
