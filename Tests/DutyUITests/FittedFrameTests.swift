import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// Whole frames over the demo's busy morning (a day and a half of rows) at
/// 80×24, 120×40 and 200×60 in both languages, with feed health and the
/// demo paused: what issue 12's "layout that fits its content" promises.
@Suite struct FittedFrameTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    static let feeds = FeedStatus(files: 3, lastLine: ConsoleFrameTests.demoStore().now - 1_000, problems: [])

    static func render(_ store: Store, _ w: Int, _ h: Int, _ language: Language,
                       badge: ConsoleBadge = .demo(speed: 60, paused: true)) -> CellGrid {
        var state = ConsoleState()
        state.language = language
        return ConsoleView(store: store, paneRows: PaneRows(), badge: badge, feeds: feeds).render(state, width: w, height: h)
    }

    @Test func frames80x24() {
        checkFrame(80, 24, .zh, named: "fitted-80x24-zh")
        checkFrame(80, 24, .en, named: "fitted-80x24-en")
    }

    @Test func frames120x40() {
        checkFrame(120, 40, .zh, named: "fitted-120x40-zh")
        checkFrame(120, 40, .en, named: "fitted-120x40-en")
    }

    @Test func frames200x60() {
        checkFrame(200, 60, .zh, named: "fitted-200x60-zh")
        checkFrame(200, 60, .en, named: "fitted-200x60-en")
    }

    func checkFrame(_ w: Int, _ h: Int, _ language: Language, named name: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        let grid = Self.render(ConsoleFrameTests.demoStore(), w, h, language)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == w }, sourceLocation: sourceLocation)
        assertFrame(frameText(grid), named: name, sourceLocation: sourceLocation)
    }

    @Test(arguments: [Language.zh, .en])
    func gridCodesAreWholeAt200(_ language: Language) throws {
        let store = ConsoleFrameTests.demoStore()
        let grid = Self.render(store, 200, 60, language)
        let layout = try #require(ConsoleView(store: store, paneRows: PaneRows(), badge: .live)
            .layout(width: 200, height: 60, state: ConsoleState()))
        let zh = language == .zh
        let codes = try #require(ShownColumn(grid, in: layout.frame(.events).content,
                                             title: zh ? "网格" : "grid", next: zh ? "领域" : "domain")).values
        #expect(codes.count > 20)
        #expect(codes.allSatisfy { !$0.contains("…") }, "\(codes)")
        // The demo's morning has 萧王庙 rows, whose codes are a letter longer.
        #expect(codes.contains { $0.hasPrefix("XWM-") && $0.count == 9 }, "\(codes)")
        // No title is cut either: the title column holds the longest one whole.
        let titles = try #require(ShownColumn(grid, in: layout.frame(.events).content,
                                              title: zh ? "事项" : "title", next: zh ? "状态" : "status")).values
        #expect(titles.allSatisfy { !$0.contains("…") }, "\(titles)")
        // Nor an alert's title, though it is the longest cell on screen.
        let alerts = try #require(ShownColumn(grid, in: layout.frame(.alerts).content,
                                              title: zh ? "事项" : "title", next: zh ? "状态" : "status")).values
        #expect(alerts.count == 4 && alerts.allSatisfy { !$0.contains("…") }, "\(alerts)")
    }

    @Test func rowsNotFromTodayShowTheirDate() throws {
        let store = ConsoleFrameTests.demoStore()   // 11-28 10:30; open cases since 11-27
        let text = screenText(Self.render(store, 120, 40, .zh))
        // Mediation cases opened yesterday, tasks due tomorrow: dated; today's rows: a bare time.
        #expect(text.contains("11-27 23:46 "))
        #expect(text.contains("11-29 09:25"))
        #expect(text.contains("│09:14 "))
        #expect(!text.contains("11-28 10:24"))
        #expect(DisplayFormat.time(store.now - TimeSpan.minute, now: store.now) == "10:29")
        #expect(DisplayFormat.time(store.now - TimeSpan.day, now: store.now) == "11-27 10:30")
        #expect(DisplayFormat.time(LocalTime.midnight(store.now), now: store.now) == "00:00")
        #expect(DisplayFormat.time(LocalTime.midnight(store.now) - 60_000, now: store.now) == "11-27 23:59")
    }

    @Test(arguments: [Language.zh, .en])
    func feedHealthIsInTheHeaderAt120(_ language: Language) {
        let grid = Self.render(ConsoleFrameTests.demoStore(), 120, 40, language)
        let second = grid.lines[1]
        let zh = language == .zh
        for part in zh ? ["今日受理", "转派", "结案", "超期", "未确认告警", "错误行 0", "数据源 3", "10:29:59"]
                       : ["intake", "dispatched", "closed", "overdue", "unacked", "bad lines 0", "feeds 3", "10:29:59"] {
            #expect(second.contains(part), "\(part) missing: \(second)")
        }
        // The figures keep their order.
        let order = zh ? ["今日受理", "转派", "结案", "超期", "未确认告警", "错误行", "数据源"]
                       : ["intake", "dispatched", "closed", "overdue", "unacked", "bad lines", "feeds"]
        let positions = order.compactMap { second.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
    }

    @Test(arguments: [Language.zh, .en])
    func headerPartsAreWholeOrAbsentAt80(_ language: Language) {
        let second = Self.render(ConsoleFrameTests.demoStore(), 80, 24, language).lines[1]
        let zh = language == .zh
        for label in zh ? ["今日受理", "转派", "结案", "超期", "未确认告警", "错误行", "数据源"]
                        : ["intake", "dispatched", "closed", "overdue", "unacked alerts", "bad lines", "feeds"] {
            // Each label shown is followed by its figure.
            if let r = second.range(of: label + " ") {
                #expect(second[r.upperBound...].first?.isNumber == true, "\(label) without its figure: \(second)")
            }
        }
        #expect(second.contains(zh ? "未确认告警 0" : "unacked alerts 0"))
    }

    @Test func thePausedDemoSaysSo() {
        let store = ConsoleFrameTests.demoStore()
        #expect(Self.render(store, 120, 40, .zh).lines[0].contains(" 演示 ×60 · 已暂停 "))
        #expect(Self.render(store, 120, 40, .en).lines[0].contains(" DEMO ×60 · paused "))
        let running = Self.render(store, 120, 40, .zh, badge: .demo(speed: 60)).lines[0]
        #expect(running.contains(" 演示 ×60 ") && !running.contains("已暂停"))
    }

    @Test func spacePausesTheDemo() {
        // The demo runs as a replay (`state.replaying`): Space is its pause key.
        let rig = ConsoleRig(themeCount: 1)
        rig.state.replaying = true
        let command = KeyRegistry.command(forKey: "Space", in: rig.state.mode, focus: rig.state.focus, replay: true)
        #expect(command == .replayPause)
        #expect(command.flatMap { rig.apply($0) } == .replay(.pause))
    }

    @Test func lateTasksSayHowLateInEnglish() throws {
        let store = ConsoleFrameTests.demoStore()
        store.clock = .fixed(store.now + 2 * TimeSpan.day)   // 11-30 10:30: the tasks due 11-29 are late
        let grid = Self.render(store, 120, 40, .en, badge: .demo(speed: 60))
        let text = screenText(grid)
        #expect(text.contains("⚠ 1d0h late"), "\(text)")
        #expect(!text.contains("⚠overdue"))
        #expect(screenText(Self.render(store, 120, 40, .zh, badge: .demo(speed: 60))).contains("⚠ 超期 1d0h"))
        assertFrame(frameText(grid), named: "fitted-120x40-late-en")
    }
}
