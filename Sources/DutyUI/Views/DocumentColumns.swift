import DutyCore

/// The documents tab's columns (as `PaneColumns.swift` names the others').
enum DocumentColumn: Int, CaseIterable { case number, type, title, to, status, due, left }

/// The documents tab's table and rows: number, type, title, addressees,
/// status, and the reply deadline with its countdown or 逾期 as tasks show theirs.
enum DocumentPaneView {
    static func table(_ ctx: PaneContext) -> Table {
        let zh = ctx.language == .zh
        return Table(columns: DocumentColumn.allCases.map {
            switch $0 {
            case .number: TableColumn(ctx.column("number"), .content(min: 10, max: 20, priority: 0))
            case .type: TableColumn(ctx.column("type"), .content(min: 4, max: 12, priority: 3), hidePriority: 2)
            case .title: TableColumn(ctx.column("title"), .flexible(min: 8))
            case .to: TableColumn(ctx.column("to"), .content(min: 6, max: 20, priority: 4), hidePriority: 3)
            case .status: TableColumn(ctx.column("status"), .content(min: zh ? 6 : 5, max: 20, priority: 1))
            case .due: TableColumn(ctx.column("due"), .content(min: 5, max: 11, priority: 5), hidePriority: 4)
            // What is late says it in the narrowest pane: never hidden.
            case .left: TableColumn(ctx.column("left"), .content(min: 4, max: 16, priority: 2), alignment: .right)
            }
        })
    }

    /// Narrower than this (an 80- or 120-column screen's pane), the center's own numbers drop the office's stem
    /// (奉综指督〔2026〕7号 → 督〔2026〕7号): the same on every one of them, so
    /// the title keeps the room. The detail view shows the number whole.
    static let shortNumbersBelow = 100

    /// `督〔2026〕7号` for the center's `奉综指督〔2026〕7号`; any other number as written.
    static func shortNumber(_ number: String) -> String {
        guard let p = NoticeNumbering.parse(number) else { return number }
        return String(number.dropFirst(NoticeNumbering.stem(p.type).count - 1))
    }

    static func row(_ item: Int32, _ ctx: PaneContext, width: Int = .max) -> TableRow {
        let s = ctx.store.current(.notice, item)
        let t = ctx.store.texts
        let lang = ctx.language
        let n = s.notice
        let lists = NoticeLists.decode(t.text(n.lists))
        let status = s.noticeStatus
        var due = "", left = "", overdue = false
        if let d = n.due {
            due = DisplayFormat.time(d, now: ctx.now)
            if status.awaitsReply {
                let l = d - ctx.now
                overdue = l < 0
                left = overdue ? ctx.label("reply_late").replacingAll("{d}", with: DisplayFormat.duration(-l))
                    : DisplayFormat.duration(l)
            }
        }
        return TableRow([
            width < shortNumbersBelow ? shortNumber(t.text(n.number)) : t.text(n.number), s.noticeType.label.text(lang), t.text(n.title), lists.to.joined(separator: "、"),
            status.label.text(lang), due, left,
        ], style: status.awaitsReply ? Style(.text) : Style(.alertAcked),
           cellRoles: [DocumentColumn.left.rawValue: overdue ? .taskOverdue : .text])
    }
}
