@testable import DutyCore
import DutyTestSupport
import Testing

/// An item's incident, found from any of its items: the event, every task
/// dispatched for it (returned ones too), the alerts naming either; a task
/// of an event the feeds never carried; a case; a ref to nothing.
@Suite struct IncidentLinksTests {
    let store = IncidentFeed.store()

    func index(_ kind: Kind, _ id: String) throws -> Int32 { try #require(store.index(kind, id: id)) }
    func ids(_ kind: Kind, _ items: [Int32]) -> [String] { items.map { store.id(kind, $0) } }

    @Test func fromTheEventBothTasksAndBothAlerts() throws {
        let incident = IncidentLinks.incident(of: .event, try index(.event, IncidentFeed.event), in: store)
        #expect(incident.eventID == IncidentFeed.event && incident.event != nil && !incident.eventMissing)
        // The returned task and the re-dispatch to another unit, first dispatched first.
        #expect(ids(.task, incident.tasks) == [IncidentFeed.returnedTask, IncidentFeed.redispatchedTask])
        // One alert by ref to the event, one by ref to its second task; the other event's stays out.
        #expect(ids(.alert, incident.alerts) == [IncidentFeed.eventAlert, IncidentFeed.taskAlert])
        #expect(incident.mediation == nil && incident.missingRef == nil)
        #expect(incident.members.map(\.kind) == [.event, .task, .task, .alert, .alert])
    }

    @Test func everyMemberLeadsToTheSameIncident() throws {
        let first = IncidentLinks.incident(of: .event, try index(.event, IncidentFeed.event), in: store).members
        for m in first {
            let again = IncidentLinks.incident(of: m.kind, m.index, in: store)
            #expect(again.members == first, "from \(store.id(m.kind, m.index))")
            #expect(again.root == m)
        }
    }

    @Test func theReturnedTaskKeepsItsReason() throws {
        let t = try index(.task, IncidentFeed.returnedTask)
        let current = store.current(.task, t)
        #expect(current.taskStatus == .returned)
        #expect(store.text(current.task.reason) == "权属不清")
    }

    @Test func timelineMergesEveryMemberByTime() throws {
        let incident = IncidentLinks.incident(of: .task, try index(.task, IncidentFeed.returnedTask), in: store)
        let timeline = incident.timeline(store)
        // 4 event snapshots, 2 + 2 task snapshots, 1 + 2 alert snapshots.
        #expect(timeline.count == 11)
        #expect(zip(timeline, timeline.dropFirst()).allSatisfy { $0.snapshot.exactTs <= $1.snapshot.exactTs })
        // At 09:30 the event's dispatch comes before its task's (members' order breaks the tie).
        let at0930 = timeline.filter { LocalTime.clock($0.snapshot.ts) == "09:30" }.map(\.member.kind)
        #expect(at0930 == [.event, .task])
        #expect(Set(timeline.map(\.member)) == Set(incident.members))
    }

    @Test func aTaskOfAnUnknownEventShowsItsSiblingsAndNamesTheEvent() throws {
        let incident = IncidentLinks.incident(of: .task, try index(.task, IncidentFeed.orphanTasks[1]), in: store)
        #expect(incident.eventID == IncidentFeed.missingEvent)
        #expect(incident.event == nil && incident.eventMissing)
        #expect(ids(.task, incident.tasks) == IncidentFeed.orphanTasks)
        #expect(incident.alerts.isEmpty)
    }

    @Test func anAlertLeadsThroughItsTaskToTheEvent() throws {
        let incident = IncidentLinks.incident(of: .alert, try index(.alert, IncidentFeed.taskAlert), in: store)
        #expect(incident.eventID == IncidentFeed.event && incident.event != nil)
        #expect(incident.tasks.count == 2 && incident.alerts.count == 2)
    }

    @Test func anAlertNamingNothingHeldIsAnIncidentOfItsOwn() throws {
        let stray = try index(.alert, IncidentFeed.strayAlert)
        let incident = IncidentLinks.incident(of: .alert, stray, in: store)
        #expect(incident.eventID == nil && incident.tasks.isEmpty)
        #expect(incident.alerts == [stray])
        #expect(incident.missingRef == "task:ZF-20261204-9999")
    }

    @Test func aCaseWithItsAlert() throws {
        let m = try index(.mediation, IncidentFeed.mediation)
        let incident = IncidentLinks.incident(of: .mediation, m, in: store)
        #expect(incident.mediation == m && incident.eventID == nil)
        #expect(ids(.alert, incident.alerts) == ["R-tier-TJ-20261204-0001"])
    }

    @Test func itemsArrivingAfterALookupAreFound() throws {
        let event = try index(.event, IncidentFeed.event)
        #expect(IncidentLinks.incident(of: .event, event, in: store).tasks.count == 2)
        let more = [
            Line.task("ZF-20261204-0011", "2026-12-04T14:05:00+08:00", due: "2026-12-04T18:05:00+08:00",
                      unit: "江口派出所", event: "\"\(IncidentFeed.event)\""),
            #"{"kind":"alert","id":"R-prewarning-ZF-20261204-0011","ts":"2026-12-04T14:06:00+08:00","level":"info","type":"prewarning","title":"临期","status":"open","ref":"task:ZF-20261204-0011"}"#,
        ]
        for line in more {
            var l = line
            l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "more.jsonl", lineNumber: 1, offset: 0) }
        }
        let after = IncidentLinks.incident(of: .event, event, in: store)
        #expect(ids(.task, after.tasks).last == "ZF-20261204-0011" && after.tasks.count == 3)
        #expect(ids(.alert, after.alerts).last == "R-prewarning-ZF-20261204-0011" && after.alerts.count == 3)
        // Another store is indexed afresh, not read through this one's index.
        let other = IncidentFeed.store()
        let otherEvent = try #require(other.index(.event, id: IncidentFeed.event))
        #expect(IncidentLinks.incident(of: .event, otherEvent, in: other).tasks.count == 2)
    }

    @Test func hashedItemsKeepEveryItemFiledUnderAHash() {
        var filed = HashedItems()
        filed.add((0..<200).map { (UInt64($0 % 7), Int32($0)) })           // many at once: sorted in
        filed.add([(3, 500), (UInt64.max, 501), (0, 502)])                 // a few: inserted
        #expect(filed.items(3) == (0..<200).filter { $0 % 7 == 3 }.map(Int32.init) + [500])
        #expect(filed.items(UInt64.max) == [501] && filed.items(0).last == 502)
        #expect(filed.items(8).isEmpty)
    }

    @Test func refsAreReadAsKindAndID() {
        #expect(AlertRef("task:ZF-1") == .task("ZF-1"))
        #expect(AlertRef("event:SJ-1")?.kind == .event)
        #expect(AlertRef("mediation:TJ-1")?.id == "TJ-1")
        #expect(AlertRef("SJ-1") == nil && AlertRef("task:") == nil && AlertRef("doc:7") == nil)
    }
}
