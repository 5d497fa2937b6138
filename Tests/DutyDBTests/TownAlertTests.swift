import DutyCore
import DutyDB
import DutyTestSupport
import Foundation
import Testing

/// Schema step 6: a town's console sees the district-wide alerts (those
/// about no one item), as the issue asks, and still cannot write about them.
/// The row-level policy and the consoles' own town filter are one function.
@Suite struct TownAlertTests {
    static func alert(_ id: String, ref: String?, status: String = "open") -> String {
        let about = ref.map { #","ref":"\#($0)""# } ?? ""
        return #"{"kind":"alert","id":"\#(id)","ts":"2026-11-28T10:00:00+08:00","level":"warning","type":"tier_drift","title":"6:3:1 偏离","status":"\#(status)"\#(about)}"#
    }

    static func insert(_ id: String, _ line: String, ts: Int = 1) -> String {
        "INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('alert', '\(id)', now(), \(ts), "
            + TownRoleTests.Fixture.literal(line) + ")"
    }

    @Test func aTownSeesTheDistrictWideAlertsButNotOtherTownsAndCannotWriteThem() async throws {
        let f = try await TownRoleTests.Fixture()
        try f.pg.psql(f.db, Self.insert("AL-D", Self.alert("AL-D", ref: nil)))
        try f.pg.psql(f.db, Self.insert("AL-JP", Self.alert("AL-JP", ref: "event:SJ-JP-1")))
        try f.pg.psql(f.db, Self.insert("AL-XK", Self.alert("AL-XK", ref: "event:SJ-XK-1")))
        // PostgreSQL itself: the town's role reads its own and the district's alerts.
        let seen = f.psql(as: f.town, "SELECT string_agg(id, ',' ORDER BY seq) FROM records WHERE kind = 'alert'")
        #expect(seen.status == 0 && seen.output.trimmingCharacters(in: .whitespacesAndNewlines) == "AL-D,AL-XK", "\(seen.output)")
        // ... and may not acknowledge the district's.
        let ack = f.psql(as: f.town, Self.insert("AL-D", Self.alert("AL-D", ref: nil, status: "acked"), ts: 2))
        #expect(ack.status != 0 && ack.output.contains("row-level security"), "\(ack.output)")

        // The consoles: the town's role, and a district role's `--town` console, load the same.
        let asTown = Store(), filtered = Store()
        try await DatabaseSession.with(try f.url(as: f.town)) { try await RecordLog.load(into: asTown, $0) }
        try await DatabaseSession.with(try f.url(as: f.district)) { try await RecordLog.load(into: filtered, $0, town: "溪口镇") }
        for store in [asTown, filtered] {
            #expect(store.count(.alert) == 2 && store.index(.alert, id: "AL-D") != nil && store.index(.alert, id: "AL-JP") == nil)
            #expect(store.count(.event) == 1)
        }
        let read = try await DatabaseSession.with(try f.url(as: f.district)) {
            try await RecordLog.read(after: LogMark(), town: "溪口镇", $0)
        }
        var ids = FeedParser()
        #expect(read.lines.compactMap { line -> String? in
            if case .success(let r) = ids.parseRecord(line) { return r.id }
            return nil
        } == ["SJ-XK-1", "AL-D", "AL-XK"])
        let count = try await DatabaseSession.with(try f.url(as: f.district)) { try await RecordLog.count(town: "溪口镇", $0) }
        #expect(count == 3)
    }

    /// The town console's ledger, acknowledging the district's alert: the
    /// database refuses, and the officer reads why in their words.
    @Test func aTownsAckOfADistrictAlertIsRefusedWithAClearMessage() async throws {
        let f = try await TownRoleTests.Fixture()
        try f.pg.psql(f.db, Self.insert("AL-D", Self.alert("AL-D", ref: nil)))
        let url = try f.url(as: f.town)
        var parser = FeedParser()
        guard case .success(let ack) = parser.parseRecord(Self.alert("AL-D", ref: nil, status: "acked")) else {
            Issue.record("the ack line does not parse")
            return
        }
        let outcome = await LedgerRig.onThread { () -> JournalResult.Outcome in
            let ledger = DatabaseLedger.open(url: url, console: "town-ack", documentsFolder: NSTemporaryDirectory(), town: "溪口镇")
            return ledger.append { _ in .success([ack]) }.outcome
        }
        guard case .refused(let refusal) = outcome else {
            Issue.record("not refused: \(outcome)")
            return
        }
        #expect(refusal.message == Labels.table["journal.not_permitted"])
        #expect(try f.pg.psql(f.db, "SELECT count(*) FROM records WHERE id = 'AL-D'") == "1")
    }
}
