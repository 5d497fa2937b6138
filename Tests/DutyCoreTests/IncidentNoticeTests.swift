import DutyCore
import DutyTestSupport
import Testing

/// Documents in incidents: a document's incident lists every item it names
/// (not only the first) and the document itself in its timeline; a task's
/// or an event's incident lists the documents that name it.
@Suite struct IncidentNoticeTests {
    static func store() -> Store {
        let lines = [
            Line.event("E1", "2026-12-01T09:00:00+08:00", status: "dispatched"),
            Line.task("ZF-1", "2026-12-01T09:30:00+08:00", due: "2026-12-02T09:30:00+08:00"),
            Line.task("ZF-2", "2026-12-01T09:40:00+08:00", due: "2026-12-02T09:30:00+08:00"),
            Line.event("E2", "2026-12-01T10:00:00+08:00", status: "dispatched"),
            Line.task("ZF-3", "2026-12-01T10:30:00+08:00", due: "2026-12-02T10:30:00+08:00", event: "\"E2\""),
            NoticeLine.make("DOC-0", "2026-12-02T08:00:00+08:00", type: #""risk_notice""#, number: #""奉综指提〔2026〕1号""#,
                            refs: #"["event:E2"]"#),
            NoticeLine.make("DOC-1", "2026-12-03T08:00:00+08:00", number: #""奉综指督〔2026〕1号""#,
                            refs: #"["task:ZF-1","task:ZF-3","notice:DOC-0","task:ZF-404"]"#),
            NoticeLine.make("DOC-1", "2026-12-03T12:00:00+08:00", number: #""奉综指督〔2026〕1号""#,
                            refs: #"["task:ZF-1","task:ZF-3","notice:DOC-0","task:ZF-404"]"#,
                            status: #""replied""#, extra: #","reply":"已整改","replied_by":"执法中队""#),
        ]
        let store = Store(clock: .fixed(Timestamp.millis(year: 2026, month: 12, day: 4, hour: 9)))
        for (n, line) in lines.enumerated() {
            var l = line
            l.withUTF8 { _ = store.ingest(line: UnsafeRawBufferPointer($0), file: "f.jsonl", lineNumber: n + 1, offset: 0) }
        }
        return store
    }

    static func ids(_ members: [IncidentMember], _ store: Store) -> [String] {
        members.map { $0.kind.wire + ":" + store.id($0.kind, $0.index) }
    }

    @Test func aDocumentsIncidentNamesEveryItemItConcerns() throws {
        let store = Self.store()
        let doc = try #require(store.index(.notice, id: "DOC-1"))
        let incident = IncidentLinks.incident(of: .notice, doc, in: store)
        // The first ref's incident (E1 with both its tasks), then what else it names, then itself.
        #expect(Self.ids(incident.members, store) == ["event:E1", "task:ZF-1", "task:ZF-2", "task:ZF-3", "notice:DOC-0", "notice:DOC-1"])
        // Its own two snapshots are in the timeline.
        let own = incident.timeline(store).filter { $0.member.kind == .notice && $0.member.index == doc }
        #expect(own.map(\.snapshot.noticeStatus) == [.issued, .replied])
    }

    @Test func aTasksIncidentListsTheDocumentsNamingIt() throws {
        let store = Self.store()
        let zf1 = try #require(store.index(.task, id: "ZF-1"))
        #expect(Self.ids(IncidentLinks.incident(of: .task, zf1, in: store).members, store)
                == ["event:E1", "task:ZF-1", "task:ZF-2", "notice:DOC-1"])
        // ZF-3's event E2 is named by DOC-0, ZF-3 itself by DOC-1: both, first issued first.
        let zf3 = try #require(store.index(.task, id: "ZF-3"))
        #expect(Self.ids(IncidentLinks.incident(of: .task, zf3, in: store).members, store)
                == ["event:E2", "task:ZF-3", "notice:DOC-0", "notice:DOC-1"])
    }
}
