import Testing
import DutyCore
@testable import DutyUI

@Suite struct LayoutTests {
    init() { _ = UITest.locale }

    static func screen(_ w: Int, _ h: Int, focus: Pane = .events) -> ScreenLayout? {
        if case .screen(let s) = Layout.compute(width: w, height: h, focus: focus) { return s }
        return nil
    }

    @Test func wideScreenSharesAllFourPanes() throws {
        let s = try #require(Self.screen(120, 40))
        #expect(s.mode == .grid)
        #expect(s.header == Rect(x: 0, y: 0, width: 120, height: 2))
        #expect(s.footer == Rect(x: 0, y: 39, width: 120, height: 1))
        #expect(s.frame(.events).rect == Rect(x: 0, y: 2, width: 72, height: 20))
        #expect(s.frame(.tasks).rect == Rect(x: 0, y: 22, width: 72, height: 17))
        #expect(s.frame(.mediation).rect == Rect(x: 72, y: 2, width: 48, height: 10))
        #expect(s.frame(.alerts).rect == Rect(x: 72, y: 12, width: 48, height: 27))
        #expect(s.panes.allSatisfy { $0.presentation == .full })
        assertFrame(frameText(LayoutSketch.render(.screen(s))), named: "layout-120x40")
    }

    @Test func focusOnlyMovesTheHighlightInGridMode() throws {
        let a = try #require(Self.screen(120, 40, focus: .events))
        let b = try #require(Self.screen(120, 40, focus: .alerts))
        #expect(a.panes.map(\.rect) == b.panes.map(\.rect))
        #expect(b.panes.filter(\.isFocused).map(\.pane) == [.alerts])
        assertFrame(frameText(LayoutSketch.render(.screen(b), language: .en)), named: "layout-120x40-alerts-en")
    }

    @Test func eightyByTwentyFourStacksWithTheFocusedPaneLarger() throws {
        let s = try #require(Self.screen(80, 24, focus: .tasks))
        #expect(s.mode == .stacked)
        #expect(s.frame(.tasks).rect == Rect(x: 0, y: 5, width: 80, height: 12))
        #expect(s.frame(.tasks).content.height == 10)
        for pane in [Pane.events, .mediation, .alerts] {
            #expect(s.frame(pane).rect.height == 3)
            #expect(s.frame(pane).presentation == .summary(rows: 1))
        }
        assertFrame(frameText(LayoutSketch.render(.screen(s))), named: "layout-80x24-tasks")
        let alerts = try #require(Self.screen(80, 24, focus: .alerts))
        assertFrame(frameText(LayoutSketch.render(.screen(alerts))), named: "layout-80x24-alerts")
    }

    @Test func tooSmallBelowTheMinimum() {
        #expect(Layout.compute(width: 40, height: 12, focus: .events)
                == .tooSmall(need: Size(width: 60, height: 16), have: Size(width: 40, height: 12)))
        if case .screen = Layout.compute(width: 59, height: 30, focus: .events) { Issue.record("59 wide accepted") }
        if case .screen = Layout.compute(width: 100, height: 15, focus: .events) { Issue.record("15 high accepted") }
        assertFrame(frameText(LayoutSketch.render(Layout.compute(width: 40, height: 12, focus: .events))),
                       named: "layout-40x12")
        // Even a 1×1 or 0×0 terminal draws without a crash.
        for (w, h) in [(0, 0), (1, 1), (5, 2), (12, 3)] {
            let g = LayoutSketch.render(Layout.compute(width: w, height: h, focus: .events))
            #expect(g.width == w && g.height == h)
        }
    }

    @Test func theMinimumItselfCollapsesUnfocusedPanesToTitles() throws {
        let s = try #require(Self.screen(60, 16, focus: .mediation))
        #expect(s.frame(.mediation).rect.height == 10)
        #expect([Pane.events, .tasks, .alerts].allSatisfy { s.frame($0).presentation == .titleOnly })
        assertFrame(frameText(LayoutSketch.render(.screen(s))), named: "layout-60x16-mediation")
    }

    /// At every size, the panes tile the body exactly: inside the screen,
    /// no overlap, no gap; the focused pane is never under its minimum.
    @Test func panesTileTheBodyAtEverySize() {
        for w in stride(from: 60, through: 240, by: 7) {
            for h in 16...70 {
                for focus in Pane.allCases {
                    guard case .screen(let s) = Layout.compute(width: w, height: h, focus: focus) else {
                        Issue.record("\(w)x\(h) too small"); continue
                    }
                    let body = Rect(x: 0, y: 2, width: w, height: h - 3)
                    #expect(s.panes.map(\.rect.area).reduce(0, +) == body.area, "\(w)x\(h)")
                    for (i, a) in s.panes.enumerated() {
                        #expect(a.rect.intersection(body) == a.rect, "\(a.pane) outside at \(w)x\(h)")
                        for b in s.panes[(i + 1)...] { #expect(a.rect.intersection(b.rect).isEmpty) }
                    }
                    #expect(s.frame(focus).rect.height >= Layout.focusedMinimum, "\(w)x\(h) \(focus)")
                    #expect(s.mode == (w >= 120 && h >= 30 ? .grid : .stacked))
                    if s.mode == .stacked {
                        #expect(s.panes.allSatisfy { $0.rect.height <= s.frame(focus).rect.height })
                    }
                }
            }
        }
    }

    @Test func hitTesting() throws {
        let s = try #require(Self.screen(120, 40))
        #expect(s.pane(atX: 0, y: 0) == nil)              // header
        #expect(s.pane(atX: 10, y: 5) == .events)
        #expect(s.pane(atX: 71, y: 30) == .tasks)
        #expect(s.pane(atX: 72, y: 30) == .alerts)
        #expect(s.pane(atX: 100, y: 3) == .mediation)
        #expect(s.pane(atX: 5, y: 39) == nil)             // footer
    }

    @Test func paneOrderAndTitles() {
        #expect(Pane.events.next == .tasks && Pane.alerts.next == .events)
        #expect(Pane.events.previous == .alerts)
        #expect(Pane.screen.map(\.number) == [1, 2, 3, 4])
        #expect(Pane.screen.map { $0.title(.zh) } == ["网格事件", "执法任务", "矛调分级", "告警"])
        // The documents tab takes the alerts pane's place, number and neighbours.
        #expect(Pane.documents.slot == .alerts && Pane.documents.number == 4 && Pane.documents.next == .events)
        #expect(Pane.mediation.title(.en) == "Mediation tiers")
    }
}
