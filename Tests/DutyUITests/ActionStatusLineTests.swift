import DutyCore
import Testing
@testable import DutyUI

/// The status line of each kind of outcome, word for word: what the tmux
/// tests and the operator read ("转派 ✓ ZF-…", a refusal, a conflict).
@Suite struct ActionStatusLineTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    static let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 12)

    static let dispatched: [Record] = [
        Record(id: "ZF-20261128-0008", snapshot: DutyCore.Snapshot(ts: now, by: "李娜", body: .task(TaskBody(
            event: "E1", type: .joint, unit: "锦屏派出所", town: "锦屏街道", due: now + 3_600_000, status: .dispatched)))),
        Record(id: "E1", snapshot: DutyCore.Snapshot(ts: now, by: "李娜", body: .event(EventBody(
            town: "锦屏街道", grid: "JP-03-12", domain: "市容环境", priority: 2, source: .grid,
            title: "占道经营", status: .dispatched)))),
    ]

    @Test func eachOutcomeIsWordedAsBefore() {
        #expect(ActionStatusLine.text(.written(Self.dispatched), of: .dispatch, .zh)
            == "转派 ✓ ZF-20261128-0008 → 锦屏派出所, E1 已转派")
        #expect(ActionStatusLine.text(.written(Self.dispatched), of: .dispatch, .en)
            == "dispatch ✓ ZF-20261128-0008 → 锦屏派出所, E1 dispatched")
        #expect(ActionStatusLine.text(.refused(ActionRefusal(.alreadyDispatched)), of: .dispatch, .en)
            == "dispatch: event is already dispatched")
        let conflict = JournalRefusal.changed(Self.dispatched[1])
        #expect(ActionStatusLine.text(.conflict(conflict), of: .dispatch, .zh) == "转派 ✗ E1 已被李娜于12:00改为已转派")
        #expect(ActionStatusLine.text(.conflict(conflict), of: .dispatch, .en) == "dispatch ✗ E1 already dispatched by 李娜 at 12:00")
        let failure = JournalFailure(step: .write, code: 28, message: "write failed: No space left on device")
        let blocked = "⚠ 日志写入失败，操作已暂停: 写入日志失败：磁盘空间不足（No space left on device）"
        #expect(ActionStatusLine.text(.failed(failure), of: .urge, .zh) == blocked)
        #expect(ActionStatusLine.text(.blocked(failure), of: .urge, .zh) == blocked)
        #expect(ActionStatusLine.journalBlocked(failure, .zh) == blocked)
    }

    /// No raw wire code in Chinese: an outcome and a return reason are worded.
    @Test func outcomesAndReasonsAreWordedInTheOperatorsLanguage() {
        var done = Self.dispatched[0]
        if case .task(var t) = done.snapshot.body { t.status = .done; t.outcome = .rectified; done.snapshot.body = .task(t) }
        #expect(ActionStatusLine.text(.written([done]), of: .done, .zh) == "办结 ✓ ZF-20261128-0008 办结（责令整改）")
        #expect(ActionStatusLine.text(.written([done]), of: .done, .en) == "done ✓ ZF-20261128-0008 done (rectified)")
        var back = Self.dispatched[0]
        if case .task(var t) = back.snapshot.body { t.status = .returned; t.reason = "权属不清"; back.snapshot.body = .task(t) }
        #expect(ActionStatusLine.text(.written([back]), of: .returnTask, .en).hasSuffix("returned (unclear ownership)"))
    }

    /// An urge changes no status: the line names the task, not its unchanged status.
    @Test func anUrgeIsNotWordedAsAStatus() {
        #expect(ActionStatusLine.text(.written([Self.dispatched[0]]), of: .urge, .zh) == "催办 ✓ ZF-20261128-0008")
    }

    @Test func reopenedSnoozesAreNamedWhenThereAreAny() {
        #expect(ActionStatusLine.reopened([], .zh) == nil)
        #expect(ActionStatusLine.reopened(["A1", "A2"], .zh) == "暂缓30分钟 ⏰ A1, A2")
    }

    /// Offline before anything was sent: ✗, nothing done. Lost while
    /// committing: neither ✓ nor ✗, and it says it may be written.
    @Test func aCommitWithoutAnAnswerIsNeitherDoneNorRefused() {
        let offline = ActionStatusLine.text(.unavailable(.offline("connection refused")), of: .dispatch, .zh)
        let unknown = ActionStatusLine.text(.unavailable(.commitUnknown("connection closed")), of: .dispatch, .zh)
        #expect(offline.contains(" ✗ 数据库离线，操作未执行：connection refused"), "\(offline)")
        #expect(unknown.contains(" ? 提交时与数据库断开，操作可能已执行"), "\(unknown)")
        #expect(!unknown.contains("✗") && !unknown.contains("✓"))
        #expect(ActionStatusLine.text(.unavailable(.commitUnknown("x")), of: .dispatch, .en).contains("may have been written"))
    }
}
