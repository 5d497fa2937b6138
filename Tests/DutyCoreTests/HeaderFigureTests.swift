import DutyTestSupport
import Testing
@testable import DutyCore

/// Every header figure against the list it opens, and both against a
/// brute-force reading of the store, over generated days at random moments:
/// a count the officer sees must be the length of the list behind it.
@Suite struct HeaderFigureTests {
    static let records = GeneratedFeed.records(seed: 3, days: 2).sorted { $0.snapshot.ts < $1.snapshot.ts }

    /// The figure recomputed from every item, by its definition (README).
    static func bruteForce(_ f: HeaderFigure, _ store: Store, now: Millis) -> Set<ItemRef> {
        let today = LocalTime.today(now)
        func all(_ kind: Kind) -> [Int32] { (0..<Int32(store.count(kind))).map { $0 } }
        switch f {
        case .intake: return Set(all(.event).filter { today.contains(store.firstTs(.event, $0)) }.map { ItemRef(.event, $0) })
        case .dispatched: return Set(all(.task).filter { today.contains(store.firstTs(.task, $0)) }.map { ItemRef(.task, $0) })
        case .closed:
            return Set(all(.event).filter {
                let c = store.current(.event, $0)
                return c.eventStatus.isSettled && today.contains(c.ts)
            }.map { ItemRef(.event, $0) })
        case .overdue:
            return Set(all(.task).filter {
                let c = store.current(.task, $0)
                return c.taskStatus != .done && c.taskStatus != .returned && c.task.due < now
            }.map { ItemRef(.task, $0) })
        case .unacked: return Set(all(.alert).filter { store.current(.alert, $0).alertStatus == .open }.map { ItemRef(.alert, $0) })
        case .badLines: return []
        case .awaitingReply, .overdueReplies:
            return Set(all(.notice).filter {
                let c = store.current(.notice, $0)
                guard c.noticeStatus == .issued, let due = c.notice.due else { return false }
                return f == .awaitingReply || due < now
            }.map { ItemRef(.notice, $0) })
        }
    }

    @Test func everyFigureEqualsItsListAtAHundredMoments() {
        var rng = SplitMix(seed: 12)
        let first = Self.records.first!.snapshot.ts, last = Self.records.last!.snapshot.ts
        let moments = (0..<100).map { _ in first + Millis(rng.next() % UInt64(last - first)) }.sorted()
        let store = Store()
        var next = 0
        var nonZero = Set<HeaderFigure>()
        for t in moments {
            while next < Self.records.count, Self.records[next].snapshot.ts <= t { _ = store.apply(Self.records[next]); next += 1 }
            store.clock = .fixed(t)
            for f in HeaderFigure.allCases where f != .badLines {
                let items = f.items(store, now: t)
                #expect(f.count(store, now: t) == items.count, "\(f) at \(Timestamp.format(t, offsetMinutes: 480))")
                #expect(Set(items) == Self.bruteForce(f, store, now: t), "\(f)")
                #expect(Set(items).count == items.count, "\(f) lists an item twice")
                if !items.isEmpty { nonZero.insert(f) }
            }
        }
        // The moments exercise every figure, not only empty lists.
        #expect(nonZero == [.intake, .dispatched, .closed, .overdue, .unacked])
    }

    /// 待回复 and 逾期未回复 against their lists and the brute force, over
    /// notices issued, replied, withdrawn, asking no reply, and replied late.
    @Test func replyFiguresEqualTheirLists() {
        let lines = [
            NoticeLine.make("S1", "2026-11-20T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#),
            NoticeLine.make("S2", "2026-11-27T10:00:00+08:00", due: #""2026-11-30T10:00:00+08:00""#),
            NoticeLine.make("R1", "2026-11-20T10:00:00+08:00", type: #""risk_notice""#, due: #""2026-11-25T10:00:00+08:00""#,
                            status: #""withdrawn""#),
            NoticeLine.make("B1", "2026-11-05T10:00:00+08:00", type: #""bulletin""#, due: "null"),
            NoticeLine.make("S3", "2026-11-20T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#),
            NoticeLine.make("S3", "2026-11-24T10:00:00+08:00", due: #""2026-11-23T10:00:00+08:00""#, status: #""replied""#,
                            extra: #","reply":"迟复","replied_by":"u""#),
        ]
        let now = Timestamp.millis(year: 2026, month: 11, day: 28)
        let store = TestSupport.store(lines, clock: .fixed(now))
        for (f, n) in [(HeaderFigure.awaitingReply, 2), (.overdueReplies, 1)] {
            let items = f.items(store, now: now)
            #expect(f.count(store, now: now) == n && items.count == n, "\(f)")
            #expect(Set(items) == Self.bruteForce(f, store, now: now), "\(f)")
        }
        #expect(HeaderFigure.overdueReplies.items(store, now: now).map { store.id(.notice, $0.item) } == ["S1"])
        // Later, S2's deadline passes too.
        let later = Timestamp.millis(year: 2026, month: 12, day: 1)
        #expect(HeaderFigure.overdueReplies.count(store, now: later) == 2)
        #expect(Set(HeaderFigure.overdueReplies.items(store, now: later)) == Self.bruteForce(.overdueReplies, store, now: later))
    }

    @Test func returnedTasksWaitUntilTheirEventMovesOn() {
        let lines = [
            Line.event("E1", "2026-11-28T09:00:00+08:00"),
            Line.event("E1", "2026-11-28T09:05:00+08:00", status: "dispatched"),
            Line.task("T1", "2026-11-28T09:05:00+08:00", due: "2026-11-28T10:00:00+08:00"),
            Line.task("T1", "2026-11-28T09:20:00+08:00", due: "2026-11-28T10:00:00+08:00", status: "returned"),
            Line.event("E1", "2026-11-28T09:20:00+08:00", status: "open"),
        ]
        let at11 = Clock.fixed(Timestamp.millis(year: 2026, month: 11, day: 28, hour: 11))
        let store = TestSupport.store(lines, clock: at11)
        #expect(ReturnedTasks.awaiting(store).map { store.id(.task, $0) } == ["T1"])
        // A returned task is not overdue: its unit no longer owes it.
        #expect(store.aggregates.overdueTasks(now: store.now) == 0)
        let redispatched = TestSupport.store(lines + [Line.event("E1", "2026-11-28T10:30:00+08:00", status: "dispatched")], clock: at11)
        #expect(ReturnedTasks.awaiting(redispatched).isEmpty)
    }

    @Test func theQueueHoldsWhatIsLateMostUrgentFirst() {
        var rng = SplitMix(seed: 5)
        let t = Self.records[Self.records.count / 2].snapshot.ts + Millis(rng.next() % 3_600_000)
        let store = Store(clock: .fixed(t))
        for r in Self.records where r.snapshot.ts <= t { _ = store.apply(r) }
        let queue = NeedsAction.entries(store, now: t)
        #expect(!queue.isEmpty)
        #expect(Set(queue.map(\.ref)).count == queue.count)
        let overdue = Set(HeaderFigure.overdue.items(store, now: t))
        #expect(overdue.isSubset(of: Set(queue.map(\.ref))))
        for (a, b) in zip(queue, queue.dropFirst()) {
            #expect(a.priority < b.priority || (a.priority == b.priority && a.late >= b.late))
        }
        for e in queue {
            let s = store.current(e.ref.kind, e.ref.item)
            switch e.why {
            case .unsigned: #expect(s.eventStatus == .open && e.late > 0)
            case .overdue: #expect(s.taskStatus.isOpen && s.task.due < t)
            case .returned: #expect(s.taskStatus == .returned)
            case .alert: #expect(s.alertStatus == .open && AlertLevel(rawValue: s.code) != .info)
            }
        }
    }
}
