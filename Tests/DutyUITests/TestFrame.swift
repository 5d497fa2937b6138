import DutyCore
@testable import DutyUI

/// A whole console frame drawn from fixed rows — header, four panes with
/// tables full of mixed CJK / ASCII / emoji text, footer — with DutyUI's
/// foundations only (no store, no view models). The frame tests keep it as a golden frame
/// and check that its columns line up.
struct TestFrame {
    var grid: CellGrid
    /// Where the events table was drawn, its rows, and the table itself,
    /// for the alignment checks.
    var eventsRect: Rect
    var eventsRows: [TableRow]
    var events: Table

    /// The event rows the table had room for (what its columns were sized from).
    var visibleEventRows: ArraySlice<TableRow> { eventsRows.prefix(events.bodyRows(height: eventsRect.height)) }

    static let eventTitles = [
        "占道经营",
        "🚧 道路施工占道 Road works",
        "👨‍👩‍👧 家庭纠纷 family",
        "🇨🇳 国旗悬挂不规范",
        "Café 外摆 cafe\u{301} terrace",
        "电动车楼道充电⚡️",
        "ＡＢＣ全角字母 fullwidth",
        "\u{1B}[31m注入 escape\u{1B}[0m",
        "后备箱摆摊占道 trunk market 🚗",
        "油烟扰民 😷 smoke",
        "河道漂浮物🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟🐟",
        "x",
    ]
    static let towns = ["锦屏街道", "岳林街道", "溪口镇", "萧王庙街道", "莼湖街道", "松岙镇"]
    static let domains = ["市容环境", "违法建设", "新业态", "消防安全", "交通秩序", "水利河道"]

    static func eventsTable(_ language: Language) -> Table {
        let statuses = EventStatus.allCases.map { $0.label.text(language) }
        return Table(columns: [
            TableColumn(language == .zh ? "时间" : "time", .fixed(5)),
            TableColumn(language == .zh ? "级" : "P",
                        .fitting((1...4).map { "\($0) " + Labels.of("event.priority", "\($0)").text(language) })),
            TableColumn(language == .zh ? "镇街" : "town", .fitting(towns, maximum: 10)),
            TableColumn(language == .zh ? "网格" : "grid", .fixed(8), hidePriority: 1),
            TableColumn(language == .zh ? "领域" : "domain", .fixed(8), hidePriority: 2),
            TableColumn(language == .zh ? "标题" : "title", .flexible(min: 10, weight: 1)),
            TableColumn(language == .zh ? "状态" : "status", .fitting(statuses, maximum: 10)),
            TableColumn(language == .zh ? "时长" : "age", .fixed(4), alignment: .right),
        ])
    }

    static func eventRows(_ language: Language) -> [TableRow] {
        eventTitles.enumerated().map { i, title in
            let p = UInt8(i % 4 + 1)
            let status = EventStatus.allCases[i % EventStatus.allCases.count]
            let minute = 59 - i * 4
            return TableRow([
                "09:\(minute < 10 ? "0" : "")\(minute)",
                "\(p) \(Labels.of("event.priority", String(p)).text(language))",
                towns[i % towns.count],
                "JP-0\(i % 9 + 1)-1\(i % 10)",
                domains[i % domains.count],
                title,
                status.label.text(language),
                "\(i * 7 + 3)m",
            ], style: .text, cellRoles: [1: Role.priority(p), 6: Role.eventStatus(status)])
        }
    }

    static func render(width: Int, height: Int, focus: Pane, language: Language = .zh,
                       selected: Int? = 2) -> TestFrame? {
        guard case .screen(let layout) = Layout.compute(width: width, height: height, focus: focus) else { return nil }
        var g = CellGrid(width: width, height: height)
        LayoutSketch.draw(layout, into: &g, language: language)
        // Header: title, clock, badge; counts.
        g.fill(layout.header, style: Style(.header))
        var x = g.put(text: "奉化区综合指挥中心 · 值班台", x: 0, y: 0, style: Style(.headerTitle))
        x += g.put(text: "  2026-11-28 09:15:02  ", x: x, y: 0, style: Style(.header))
        g.put(text: " DEMO ×60 ", x: x, y: 0, style: Style(.badgeDemo))
        g.put(text: "今日 受理 412 · 转派 37 · 结案 351 · 超期 2 · 未确认告警 3 · 数据源 4 ✓",
              x: 0, y: 1, width: width, style: Style(.header))
        // Footer: keys.
        g.fill(layout.footer, style: Style(.footer))
        var fx = 0
        for (key, what) in [("Tab", "切换"), ("j/k", "移动"), ("Enter", "详情"), ("/", "筛选"), ("?", "帮助"), ("q", "退出")] {
            fx += g.put(text: key, x: fx, y: layout.footer.y, style: Style(.footerKey))
            fx += g.put(text: " \(what)  ", x: fx, y: layout.footer.y, style: Style(.footer))
        }

        let events = eventsTable(language)
        let rows = eventRows(language)
        let eventsFrame = layout.frame(.events)
        g.drawBox(eventsFrame.rect, title: "1 \(Pane.events.title(language))", badge: "\(rows.count)",
                  focused: eventsFrame.isFocused)
        let eventsRect = eventsFrame.content
        if eventsFrame.presentation == .full {
            events.draw(rows: rows, into: &g, rect: eventsRect, selected: selected)
        } else {
            Table(columns: events.columns, showsHeader: false).draw(rows: rows, into: &g, rect: eventsRect)
        }

        let tasks = Table(columns: [
            TableColumn("编号", .fixed(16), hidePriority: 1),
            TableColumn(language == .zh ? "责任单位" : "unit", .flexible(min: 8, weight: 1)),
            TableColumn(language == .zh ? "状态" : "status", .fitting(TaskStatus.allCases.map { $0.label.text(language) })),
            TableColumn(language == .zh ? "剩余" : "left", .fixed(7), alignment: .right),
        ], showsHeader: layout.frame(.tasks).presentation == .full)
        let taskRows = [
            TableRow(["ZF-20261128-0007", "锦屏街道综合行政执法中队", TaskStatus.onSite.label.text(language), "!超 25m"],
                     cellRoles: [3: .taskOverdue]),
            TableRow(["ZF-20261128-0011", "宁波市公安局奉化分局 🚓", TaskStatus.signed.label.text(language), "1h05m"],
                     cellRoles: [3: .taskDueSoon]),
            TableRow(["ZF-20261128-0012", "区市场监管局 Market", TaskStatus.dispatched.label.text(language), "3h40m"]),
        ]
        if layout.frame(.tasks).presentation != .titleOnly {
            tasks.draw(rows: taskRows, into: &g, rect: layout.frame(.tasks).content,
                       selected: layout.frame(.tasks).isFocused ? 0 : nil)
        }

        let mediation = layout.frame(.mediation).content
        for (i, tier) in MediationTier.allCases.enumerated() where i < mediation.height {
            let share = [58, 33, 9][i]
            let barWidth = max(0, min(20, mediation.width - 24))
            let filled = barWidth * share / 100, target = barWidth * tier.targetPercent / 100
            var mx = mediation.x
            mx += g.put(text: TextFit.pad(tier.label.text(language), to: 10), x: mx, y: mediation.y + i, style: .text)
            for c in 0..<barWidth {
                let role: Role = c == target ? .targetMarker : (c < filled ? .barFill : .barEmpty)
                mx += g.put(text: c == target ? "│" : (c < filled ? "█" : "░"), x: mx, y: mediation.y + i, style: Style(role))
            }
            g.put(text: " \(TextFit.rightAligned("\(share)%", 4)) 目标\(tier.targetPercent)", x: mx, y: mediation.y + i,
                  width: mediation.maxX - mx, style: .text)
        }

        let alerts = Table(columns: [
            TableColumn(language == .zh ? "级别" : "level", .fitting(AlertLevel.allCases.map { $0.label.text(language) })),
            TableColumn(language == .zh ? "时间" : "time", .fixed(5)),
            TableColumn(language == .zh ? "内容" : "title", .flexible(min: 8, weight: 1)),
        ], showsHeader: layout.frame(.alerts).presentation == .full)
        let alertRows = [
            TableRow([AlertLevel.critical.label.text(language), "09:12", "🔥 溪口镇 聚集性事件 cluster ×5"],
                     style: Style(.alertCritical)),
            TableRow([AlertLevel.warning.label.text(language), "09:02", "ZF-0007 超期催办 overdue"], style: Style(.alertWarning)),
            TableRow([AlertLevel.info.label.text(language), "08:40", "分级偏离 6:3:1 drift 镇街 +3"], style: Style(.alertAcked)),
        ]
        if layout.frame(.alerts).presentation != .titleOnly {
            alerts.draw(rows: alertRows, into: &g, rect: layout.frame(.alerts).content)
        }
        return TestFrame(grid: g, eventsRect: eventsRect, eventsRows: rows, events: events)
    }
}
