import DutyCore
import DutyTestSupport
import DutyUI
import Foundation
import Testing

/// The situation board shows what `dutydesk report` prints: the same feed,
/// the board's windows given to the command as --from/--to, and the JSON's
/// figures equal the board's, town by town.
@Suite struct BoardReportAgreementTests {
    static let now = Timestamp.millis(year: 2026, month: 11, day: 30, hour: 15, minute: 20)
    static let nowText = "2026-11-30T15:20:00+08:00"

    @Test func theBoardsFiguresAreWhatReportPrints() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        // Five weeks of the district up to the board's now, as a feed file and in a store.
        var bytes: [UInt8] = []
        let store = Store(clock: .fixed(Self.now))
        var g = FeedGenerator(seed: 41, start: Timestamp.millis(year: 2026, month: 10, day: 26), profile: .district)
        g.generate(days: 36) { record in
            guard record.snapshot.ts < Self.now else { return }
            RecordWriter.append(record, to: &bytes)
            store.apply(record)
        }
        let feed = folder.file("feed.jsonl")
        FileManager.default.createFile(atPath: feed, contents: Data(bytes))
        let board = BoardFigures.compute(store, now: Self.now)
        let w = BoardWindows(now: Self.now)

        func report(from: Millis) throws -> [String: Any] {
            let r = try CLIRunner.run(["report", feed, "--from", Timestamp.format(from), "--to", Self.nowText, "--format", "json"])
            #expect(r.status == 0, "\(r.stderr)")
            return try CLIRunner.json(r.stdout)
        }
        func towns(_ json: [String: Any]) -> [[String: Any]] { json["towns"] as? [[String: Any]] ?? [] }

        let today = try report(from: w.today.lowerBound)
        #expect(today.number("events.total") == board.district.eventsToday && board.district.eventsToday > 100)
        #expect(today.number("events.enforcement") == board.district.enforcementToday)
        #expect(towns(today).count == 12)
        for (row, json) in zip(board.towns, towns(today)) {
            #expect(json.number("events") == row.eventsToday, "\(row.name)")
            #expect(json.number("enforcement") == row.enforcementToday, "\(row.name)")
            #expect(json.number("overdue_now") == row.overdue, "\(row.name)")
        }
        let last30 = try report(from: w.last30.lowerBound)
        for (row, json) in zip(board.towns, towns(last30)) {
            #expect((json["on_time_rate"] as? NSNumber)?.doubleValue == row.onTime30, "\(row.name)")
        }
        let month = try report(from: w.month.lowerBound)
        #expect(((month["events"] as? [String: Any])?["self_resolved_rate"] as? NSNumber)?.doubleValue == board.rates.selfResolved)
        #expect(month.number("mediation.resolved") == board.rates.resolved)
        let days = try report(from: w.days[0])
        #expect(days.number("tasks.on_time") == board.dailyOnTime.reduce(0, +))
        let daily = (days["daily"] as? [[String: Any]] ?? []).map { $0.number("events") ?? -1 }
        #expect(daily == board.dailyEvents)
    }
}
