import DutyCore
import DutyTestSupport
import Testing
@testable import DutyUI

/// Issue 12, point 6: one language at a time. Every view the officer can
/// reach — the panes with each focused, every header figure's list, 待办,
/// the incident of each pane's first row, help — at 80×24, 120×40 and
/// 200×60, shows no wire code: in Chinese no English status word, in either
/// language no `snake_case` vocabulary word (ids such as `R-late_signing-…`
/// aside: ids stay as they are).
@Suite struct NoWireCodeTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// Wire names of every vocabulary shown on screen.
    static let wireNames: [String] = EventStatus.wireNames + EventSource.wireNames + TaskType.wireNames
        + TaskStatus.wireNames + TaskOutcome.wireNames + MediationStatus.wireNames + MediationTier.wireNames
        + AlertLevel.wireNames + AlertStatus.wireNames + AlertRule.allCases.map(\.rawValue)
        + NoticeType.wireNames   // a feed's alert types `supervision`, `bulletin` (no longer rules' since issue 13)

    /// The words of a screen, ids (letters-digits with dashes, as R-…, ZF-…) left out.
    static func words(_ screen: String) -> [String] {
        screen.split(whereSeparator: { !($0.isLetter || $0 == "_") || !$0.isASCII })
            .map(String.init)
            .filter { w in !screen.contains("-" + w + "-") && !screen.contains("R-" + w) }
    }

    static func screens(_ rig: ConsoleRig, _ language: Language) -> [(String, String)] {
        var out: [(String, String)] = []
        func shot(_ name: String) {
            for (w, h) in sizes {
                let grid = ConsoleView(store: rig.store, paneRows: rig.paneRows, badge: .live, listRows: rig.listRows)
                    .render(rig.state, width: w, height: h)
                out.append(("\(name) \(w)×\(h)", grid.lines.joined(separator: "\n")))
            }
        }
        rig.state = ConsoleState()
        rig.state.language = language
        for pane in Pane.allCases {
            rig.state.mode = .main
            rig.press(String(pane.number))
            shot("pane \(pane)")
            rig.press("Enter")
            shot("incident from \(pane)")
            rig.press("Esc")
        }
        for key in ["F2", "F3", "F4", "F5", "F6", "F7", "!"] {
            rig.state.mode = .main
            rig.press(key)
            shot("list \(key)")
            rig.press("Enter")
            shot("incident from list \(key)")
            rig.press("Esc"); rig.press("Esc")
        }
        rig.state.mode = .main
        rig.press("?")
        shot("help")
        return out
    }

    @Test(arguments: [Language.zh, .en])
    func noWireCodeOnAnyScreen(_ language: Language) {
        _ = UITest.locale
        let rig = ConsoleRig(store: ItemListTests.busyStore(), themeCount: 1)
        let snake = Set(Self.wireNames.filter { $0.contains("_") })
        let english = Set(Self.wireNames)
        let screens = Self.screens(rig, language)
        #expect(screens.count == 3 * (5 * 2 + 7 * 2 + 1))   // five panes: the documents tab too
        // The check sees words: English screens do say statuses, in words that are wire names too.
        if language == .en {
            #expect(screens.contains { Self.words($0.1).contains("dispatched") })
        } else {
            #expect(screens.contains { $0.0.hasPrefix("help") && $0.1.contains("帮助") })
        }
        for (name, screen) in screens {
            let words = Self.words(screen)
            let bad = words.filter { snake.contains($0) || (language == .zh && english.contains($0)) }
            #expect(bad.isEmpty, "\(language) \(name): \(Set(bad).sorted())")
        }
    }
}
