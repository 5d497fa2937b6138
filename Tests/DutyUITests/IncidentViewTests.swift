import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// The incident view: `Enter` on an item shows its incident linked end to
/// end; j/k and `Enter` walk into linked items with a back stack; local
/// times, countdowns and refs as words, in both languages.
@Suite struct IncidentViewTests {
    let rig: ConsoleRig

    init() {
        _ = UITest.locale
        rig = ConsoleRig(store: IncidentFeed.store(), themeCount: 1)
    }

    /// Selects `id`'s row in its pane and presses Enter.
    func open(_ kind: Kind, _ id: String) throws {
        let pane = Pane(kind: kind)
        let item = try #require(rig.store.index(kind, id: id))
        rig.press(String(pane.number))
        rig.state.selection[pane.rawValue] = try #require(rig.paneRows.row(of: item, pane, store: rig.store, filter: nil))
        rig.press("Enter")
    }

    func shown() throws -> DetailTarget {
        guard case .detail(let target) = rig.state.mode else { throw Failure("not in an incident view: \(rig.state.mode)") }
        return target
    }

    func id(_ t: DetailTarget) -> String { rig.store.id(t.kind, t.item) }

    /// The frame at a size; for golden frames only the body between header
    /// and footer, which this view draws (the header's figures are another
    /// part's business and would change these frames for no reason here).
    func body(_ width: Int, _ height: Int) -> String {
        let grid = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .demo(speed: 60)).render(rig.state, width: width, height: height)
        #expect(grid.lines.allSatisfy { DisplayWidth.of($0) == width })
        return grid.lines.dropFirst(Layout.headerHeight).dropLast(Layout.footerHeight).map { $0 + "$\n" }.joined()
    }

    @Test func enterLinkedItemsAndBack() throws {
        try open(.event, IncidentFeed.event)
        #expect(id(try shown()) == IncidentFeed.event && rig.state.detailLink == 0)
        rig.press("j")
        #expect(rig.state.detailLink == 1)
        rig.press("Enter")
        #expect(id(try shown()) == IncidentFeed.returnedTask)
        #expect(rig.state.detailStack.map(id) == [IncidentFeed.event])
        #expect(rig.state.detailLink == 1, "the entered task's own row is selected")
        // Down to the alert naming the event, and into it.
        rig.press("j"); rig.press("j")
        rig.press("Enter")
        #expect(id(try shown()) == IncidentFeed.eventAlert && rig.state.detailStack.count == 2)
        rig.press("Backspace")
        #expect(id(try shown()) == IncidentFeed.returnedTask && rig.state.detailLink == 3)
        rig.press("Esc")
        #expect(id(try shown()) == IncidentFeed.event)
        #expect(rig.state.detailLink == 1, "back where the selection was left")
        #expect(rig.state.detailStack.isEmpty)
        let effect = rig.press("Esc")
        #expect(rig.state.mode == .main && effect == nil)
    }

    /// Action keys act on the selected linked item, as in its own pane, and
    /// the view stays: the officer sees the effect where they acted.
    @Test func actionKeysActOnTheSelectedLinkedItem() throws {
        try open(.event, IncidentFeed.event)
        let links = rig.reducer.links(of: try shown())
        let row = try #require(links.firstIndex { $0.kind == .task && rig.store.id(.task, $0.index) == IncidentFeed.redispatchedTask })
        for _ in 0..<row { rig.press("j") }
        #expect(rig.state.listTarget == ItemRef(.task, links[row].index))
        #expect(rig.state.actionPane == .tasks)
        let shownBefore = try shown()
        let effect = rig.press("u")
        let request = try #require(ConsoleRig.performed(effect), "\(String(describing: rig.state.status))")
        #expect(request.kind == .urge && request.item == ActionRequest.Target(kind: .task, id: IncidentFeed.redispatchedTask))
        #expect(try shown() == shownBefore)
        // An event's key on a task: not this item's action.
        #expect(rig.press("d") == nil && rig.state.chooser == nil)
        // A document is read, not acted on.
        rig.state.mode = .document
        #expect(rig.press("u") == nil && rig.state.mode == .document)
    }

    @Test func qGoesBackOneLevelNeverQuits() throws {
        try open(.task, IncidentFeed.redispatchedTask)
        rig.press("k"); rig.press("k"); rig.press("k")
        #expect(rig.state.detailLink == 0, "stops at the event")
        rig.press("Enter")
        #expect(id(try shown()) == IncidentFeed.event)
        #expect(rig.press("q") == nil)
        #expect(id(try shown()) == IncidentFeed.redispatchedTask)
        #expect(rig.press("q") == nil && rig.state.mode == .main)
        #expect(rig.press("q") == .quit)
    }

    @Test func enteringTheItemShownStaysPut() throws {
        try open(.event, IncidentFeed.event)
        rig.press("Enter")
        #expect(id(try shown()) == IncidentFeed.event && rig.state.detailStack.isEmpty)
    }

    @Test func helpFromAnIncidentGoesBackToIt() throws {
        try open(.event, IncidentFeed.event)
        rig.press("j")
        rig.press("?")
        #expect(rig.state.mode == .help)
        rig.press("Esc")
        #expect(id(try shown()) == IncidentFeed.event && rig.state.detailLink == 1)
        let help = screenText(rig.render(badge: .demo(speed: 60)))
        #expect(help.contains("进入关联条目"))
    }

    @Test func pageKeysScrollTheTimelineNotTheSelection() throws {
        try open(.event, IncidentFeed.event)
        rig.press("PgDn")
        #expect(rig.state.overlayScroll > 0 && rig.state.detailLink == 0)
        let top = body(80, 24)
        #expect(!top.contains("09:15 • SJ-20261204-0042"), "the first line scrolled away")
        rig.press("g")
        #expect(body(80, 24).contains("09:15 • SJ-20261204-0042"))
    }

    @Test func theEventsIncidentSaysWhatHappened() throws {
        try open(.event, IncidentFeed.event)
        let zh = body(120, 40)
        #expect(zh.contains("已转派 → 锦屏街道综合行政执法中队"))
        #expect(zh.contains("已转派 → 江口街道综合行政执法中队"))
        #expect(zh.contains("退回 · 权属不清 · 经办 李强"))
        #expect(zh.contains("超期 1h40m"))
        #expect(zh.contains("上报人：王海燕"))
        rig.press("L")
        let en = body(120, 40)
        #expect(en.contains("returned · unclear ownership · by 李强"))
        #expect(en.contains("1h40m overdue"))
    }

    @Test func anAlertsRefIsWordsNotAWireCode() throws {
        try open(.alert, IncidentFeed.taskAlert)
        let zh = body(120, 40)
        #expect(zh.contains("关联：任务 ZF-20261204-0005"))
        rig.press("L")
        #expect(body(120, 40).contains("ref: task ZF-20261204-0005"))
    }

    @Test func aTaskOfAnUnknownEventNamesItMissing() throws {
        try open(.task, IncidentFeed.orphanTasks[0])
        let zh = body(80, 24)
        #expect(zh.contains("事件 SJ-20261203-0999 不在已接入的数据中"))
        #expect(zh.contains("剩 2h10m"))
        #expect(zh.contains(IncidentFeed.orphanTasks[1]))
    }

    /// No `task:`/`event:` prefix and no RFC 3339 time on any screen of the
    /// incident, in either language, at either size.
    @Test func noWireRefOrRFC3339OnScreen() throws {
        let rfc3339 = #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/#
        let wireRef = #/(task|event|mediation):[A-Z]/#
        for (kind, id) in [(Kind.event, IncidentFeed.event), (.task, IncidentFeed.redispatchedTask), (.alert, IncidentFeed.taskAlert),
                           (.alert, IncidentFeed.strayAlert), (.mediation, IncidentFeed.mediation)] {
            for lang in Language.allCases {
                rig.state = ConsoleState()
                rig.state.language = lang
                try open(kind, id)
                for (w, h) in [(80, 24), (120, 40)] {
                    let text = body(w, h)
                    #expect(text.firstMatch(of: wireRef) == nil, "\(id) \(lang) \(w)×\(h)")
                    #expect(text.firstMatch(of: rfc3339) == nil, "\(id) \(lang) \(w)×\(h)")
                    #expect(text.contains(id))
                }
            }
        }
    }

    @Test func goldenFrames() throws {
        try open(.event, IncidentFeed.event)
        assertFrame(body(80, 24), named: "incident-event-80x24")
        assertFrame(body(120, 40), named: "incident-event-120x40")
        rig.press("L")
        assertFrame(body(80, 24), named: "incident-event-80x24-en")
        assertFrame(body(120, 40), named: "incident-event-120x40-en")
        rig.press("L")
        rig.press("j"); rig.press("Enter")
        assertFrame(body(120, 40), named: "incident-task-120x40")
        rig.press("L")
        assertFrame(body(80, 24), named: "incident-task-80x24-en")
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
