import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// The index of documents by task the engine keeps (`NoticesByTask`): it
/// reads only notices new or grown since its last update, reports the tasks
/// whose entries changed, keeps the earliest snapshot naming each task per
/// type, and agrees with a one-off scan.
@Suite struct NoticesByTaskTests {
    typealias L = LadderProposalTests
    static let t0 = Timestamp.millis(year: 2026, month: 11, day: 29, hour: 10)
    static let h: Millis = 3_600_000

    @Test func updatesReportTheTasksWhoseDocumentsChanged() {
        let store = Store(clock: .fixed(Self.t0))
        var index = NoticesByTask()
        #expect(index.update(store).isEmpty)
        store.apply(L.notice("DOC-1", Self.t0, refs: ["task:ZF-1", "event:SJ-1", "notice:DOC-0"]))
        store.apply(L.notice("DOC-2", Self.t0 + Self.h, .bulletin, number: "奉综指通〔2026〕第12期", refs: ["task:ZF-1", "task:ZF-2"]))
        #expect(index.update(store) == ["ZF-1", "ZF-2"])
        #expect(index[task: "ZF-1"] == [.supervision: IssuedNotice(at: Self.t0, number: "奉综指督〔2026〕7号"),
                                         .bulletin: IssuedNotice(at: Self.t0 + Self.h, number: "奉综指通〔2026〕第12期")])
        #expect(index[task: "SJ-1"].isEmpty && index[task: "ZF-3"].isEmpty)
        // Nothing new: nothing read, nothing reported.
        #expect(index.update(store).isEmpty)
        // A later snapshot adding a task; a withdrawal changes no entry.
        store.apply(L.notice("DOC-1", Self.t0 + 2 * Self.h, refs: ["task:ZF-1", "task:ZF-3"]))
        store.apply(L.notice("DOC-2", Self.t0 + 3 * Self.h, .bulletin, number: "奉综指通〔2026〕第12期",
                             refs: ["task:ZF-1", "task:ZF-2"], status: .withdrawn))
        #expect(index.update(store) == ["ZF-3"])
        #expect(index[task: "ZF-3"][.supervision]?.at == Self.t0 + 2 * Self.h)
        #expect(index[task: "ZF-2"][.bulletin]?.at == Self.t0 + Self.h)
        // A snapshot filed into the past moves the entry earlier.
        store.apply(L.notice("DOC-1", Self.t0 - Self.h, refs: ["task:ZF-3"]))
        #expect(index.update(store) == ["ZF-3"])
        #expect(index[task: "ZF-3"][.supervision]?.at == Self.t0 - Self.h)
        // A second document of the type, later: the first one stands.
        store.apply(L.notice("DOC-3", Self.t0 + 5 * Self.h, number: "奉综指督〔2026〕8号", refs: ["task:ZF-1"]))
        #expect(index.update(store).isEmpty)
        for task in ["ZF-1", "ZF-2", "ZF-3", "ZF-4"] {
            #expect(NoticesByTask.scan(store, task: task) == index[task: task], "\(task)")
            #expect(NoticesByTask(store)[task: task] == index[task: task], "\(task)")
        }
    }
}
