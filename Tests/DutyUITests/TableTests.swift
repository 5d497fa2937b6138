import Testing
@testable import DutyUI

@Suite struct TableTests {
    init() { _ = UITest.locale }

    static let table = Table(columns: [
        TableColumn("时间", .fixed(5)),
        TableColumn("P", .fixed(1)),
        TableColumn("镇街", .fixed(8)),
        TableColumn("标题", .flexible(min: 8, weight: 2)),
        TableColumn("网格", .fixed(8), hidePriority: 1),
        TableColumn("领域", .flexible(min: 6, weight: 1), hidePriority: 2),
        TableColumn("时长", .fixed(4), alignment: .right),
    ])

    @Test func flexibleColumnsShareTheRestByWeight() {
        let plan = Self.table.plan(width: 80)
        #expect(plan.columns == [0, 1, 2, 3, 4, 5, 6])
        // fixed 5+1+8+8+4 = 26, gaps 6, minimums 8+6: 34 left, shared 2:1 (the odd one to the first).
        #expect(plan.widths == [5, 1, 8, 8 + 23, 8, 6 + 11, 4])
        #expect(plan.offsets == [0, 6, 8, 17, 49, 58, 76])
        #expect(plan.widths.reduce(0, +) + 6 == 80)
    }

    @Test func columnsHideByPriorityWhenNarrow() {
        #expect(Self.table.plan(width: 46).columns == [0, 1, 2, 3, 4, 5, 6])    // all fit at their minimum
        #expect(Self.table.plan(width: 45).columns == [0, 1, 2, 3, 4, 6])       // 领域 goes first
        #expect(Self.table.plan(width: 38).columns == [0, 1, 2, 3, 6])          // then 网格
        let narrow = Self.table.plan(width: 20)                                  // then columns are cut
        #expect(narrow.widths.reduce(0, +) + (narrow.columns.count - 1) <= 20)
        #expect(Self.table.plan(width: 0).columns.isEmpty)
        #expect(Self.table.plan(width: 45).placement(of: 5) == nil)
    }

    @Test func everyPlanFitsItsWidth() {
        for w in 0...200 {
            let p = Self.table.plan(width: w)
            let used = p.widths.reduce(0, +) + max(0, p.columns.count - 1)
            #expect(used <= w, "width \(w)")
            if w >= 30 { #expect(used == w, "flexible columns fill width \(w)") }
            #expect(p.widths.allSatisfy { $0 > 0 })
        }
    }

    @Test func fittingWidthComesFromTheVocabulary() {
        #expect(ColumnWidth.fitting(["待处置", "就地解决", "已转派"]) == .fixed(8))
        #expect(ColumnWidth.fitting(["open", "settled on spot"], maximum: 10) == .fixed(10))
        #expect(ColumnWidth.fitting([], minimum: 3) == .fixed(3))
    }

    @Test func drawAlignsRowsAndMarksTheSelection() {
        let table = Table(columns: [
            TableColumn("ID", .fixed(4)),
            TableColumn("标题", .flexible(min: 4)),
            TableColumn("n", .fixed(3), alignment: .right),
        ])
        var g = CellGrid(width: 20, height: 5)
        let rows = [
            TableRow(["E1", "占道经营扰民严重", "7"], cellRoles: [2: .priority1]),
            TableRow(["E22", "mixed 中文", "12"]),
            TableRow(["E333", "🚧 施工", "123"], style: Style(.dim)),
            TableRow(["E4", "not drawn", "0"]),
        ]
        let drawn = table.draw(rows: rows, into: &g, rect: Rect(x: 1, y: 1, width: 18, height: 4), selected: 1)
        #expect(drawn == 3)
        #expect(g.lines == [
            "                    ",
            " ID   标题        n ",
            " E1   占道经营…   7 ",
            " E22  mixed 中…  12 ",
            " E333 🚧 施工   123 ",
        ])
        #expect(g[18, 2].style.role == .priority1)
        #expect((1..<19).allSatisfy { g[$0, 3].style.selected }, "selection spans the row, gaps included")
        #expect(!g[0, 3].style.selected && !g[19, 3].style.selected)
        #expect(g[2, 4].style.role == .dim)
        #expect(g[1, 1].style.role == .columnHeader)
    }
}
