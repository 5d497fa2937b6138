import Testing
import DutyCore
@testable import DutyUI

/// Panes sharing a column of the grid by content (`RowShare`), and the
/// grid layout built on it.
@Suite struct RowShareTests {
    init() { _ = UITest.locale }

    @Test func aShortLowerListGivesItsRowsToTheUpperOne() {
        // Mediation (usual 10 rows) with 6 open cases wants 5 + 1 + 6 + 2 =
        // 14; alerts with 4 rows want 7: mediation grows to 14, alerts keep
        // the rest (23), never less than they show.
        #expect(RowShare.upper(total: 37, usual: 10, wants: (14, 7), minimums: (10, 6)) == 14)
        // Events over a 10-row task list (13 with header and border).
        #expect(RowShare.upper(total: 37, usual: 20, wants: (500, 13), minimums: (6, 6)) == 24)
    }

    @Test func aShortUpperListGivesItsRowsToTheLowerOne() {
        #expect(RowShare.upper(total: 37, usual: 20, wants: (8, 40), minimums: (6, 6)) == 8)
        #expect(RowShare.upper(total: 37, usual: 20, wants: (2, 40), minimums: (6, 6)) == 6)   // its minimum
    }

    @Test func theUsualSplitStaysWhenBothOrNeitherHaveMore() {
        #expect(RowShare.upper(total: 37, usual: 20, wants: (100, 100), minimums: (6, 6)) == 20)
        #expect(RowShare.upper(total: 37, usual: 20, wants: (5, 5), minimums: (6, 6)) == 20)
        #expect(RowShare.upper(total: 10, usual: 5, wants: (1, 100), minimums: (8, 8)) == 5)   // minimums cannot both hold
    }

    @Test func theMediationListGrowsOverAShortAlertList() throws {
        let demand = PaneDemand(events: 400, tasks: 11, mediation: 5 + 1 + 6, alerts: 5)
        guard case .screen(let s) = Layout.compute(width: 120, height: 40, focus: .events, demand: demand) else {
            Issue.record("no layout"); return
        }
        #expect(s.frame(.mediation).rect.height == 14)      // was fixed at 10: 2 cases shown of 6
        #expect(s.frame(.alerts).rect.height == 37 - 14)
        #expect(s.frame(.tasks).rect.height == 13)
        #expect(s.frame(.events).rect.height == 37 - 13)
        assertFrame(frameText(LayoutSketch.render(.screen(s))), named: "layout-120x40-by-content")
    }

    @Test func stackedPanesKeepOnlyTheRowsTheyShow() throws {
        // 80×40 stacks: unfocused panes get 6 rows; an alert list of one
        // row (title row + 1) needs 4, and the focused events take the rest.
        let demand = PaneDemand(events: 400, tasks: 11, mediation: 12, alerts: 2)
        guard case .screen(let s) = Layout.compute(width: 80, height: 40, focus: .events, demand: demand),
              case .screen(let usual) = Layout.compute(width: 80, height: 40, focus: .events) else {
            Issue.record("no layout"); return
        }
        #expect(usual.frame(.alerts).rect.height == 6)
        #expect(s.frame(.alerts).rect.height == 4 && s.frame(.alerts).presentation == .summary(rows: 2))
        #expect(s.frame(.tasks).rect.height == 6 && s.frame(.mediation).rect.height == 6)
        #expect(s.frame(.events).rect.height == usual.frame(.events).rect.height + 2)
    }

    /// With any demand, the panes still tile the body exactly and keep
    /// their minimums.
    @Test func panesTileTheBodyWhateverTheirContent() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<2000 {
            let w = 60 + Int(rng.next() % 160), h = 16 + Int(rng.next() % 54)
            let demand = PaneDemand(events: Int(rng.next() % 80), tasks: Int(rng.next() % 80),
                                    mediation: 6 + Int(rng.next() % 30), alerts: Int(rng.next() % 80))
            guard case .screen(let s) = Layout.compute(width: w, height: h, focus: .events, demand: demand) else {
                Issue.record("\(w)x\(h) too small"); continue
            }
            let body = Rect(x: 0, y: 2, width: w, height: h - 3)
            #expect(s.panes.map(\.rect.area).reduce(0, +) == body.area, "\(w)x\(h) \(demand)")
            for (i, a) in s.panes.enumerated() {
                #expect(a.rect.intersection(body) == a.rect)
                for b in s.panes[(i + 1)...] { #expect(a.rect.intersection(b.rect).isEmpty) }
            }
            if s.mode == .grid {
                #expect(s.frame(.mediation).rect.height >= min(Layout.mediationHeight, (h - 3) / 2))
                for pane in [Pane.events, .tasks, .alerts] { #expect(s.frame(pane).rect.height >= Layout.listMinimum) }
            } else {
                #expect(s.frame(.events).rect.height >= Layout.focusedMinimum)
            }
        }
    }
}

/// The header's second row fitted to the width (`HeaderFit`).
@Suite struct HeaderFitTests {
    static let parts = [["intake 1"], ["closed 2"], ["feeds 3 files · last in 10:29:59", "feeds 3 · 10:29:59"], ["bad 0"]]

    @Test func fullFormsAndWideGapsWhenThereIsRoom() {
        let f = HeaderFit.fit(Self.parts, width: 80)
        #expect(f.gap == 3 && f.texts[2] == "feeds 3 files · last in 10:29:59")
    }

    @Test func gapsNarrowFirstThenPartsShorten() {
        // Full forms: 8 + 8 + 32 + 5 = 53, with three gaps.
        #expect(HeaderFit.fit(Self.parts, width: 62).gap == 3)
        let narrower = HeaderFit.fit(Self.parts, width: 60)
        #expect(narrower.gap == 2 && narrower.texts[2].contains("last in"))
        let short = HeaderFit.fit(Self.parts, width: 50)
        #expect(short.gap == 3 && short.texts == ["intake 1", "closed 2", "feeds 3 · 10:29:59", "bad 0"])
        // Nothing fits: the shortest forms, narrowest gap, order kept.
        let cramped = HeaderFit.fit(Self.parts, width: 10)
        #expect(cramped.gap == 2 && cramped.texts.first == "intake 1" && cramped.texts.last == "bad 0")
    }
}
