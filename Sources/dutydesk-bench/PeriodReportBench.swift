import DutyCore
import Foundation

/// The period report's time (issue 14: a generated year in under a second,
/// release build): `PeriodReport.compute` over the bench's store, for its
/// whole span and for its last 30 days, then over a generated `district`
/// year (`generate --seed 1 --days 365`, ≈ 150,000 events). Each is the
/// median of five computations over a store already ingested: the report
/// is what is measured, not the ingest.
struct PeriodReportBench {
    static func run(_ store: Store) {
        let start = Timestamp.millis(year: 2025, month: 1, day: 1)   // the bench's feed starts there
        measure("period report, whole span of the bench's store", store, from: start)
        measure("period report, its last 30 days", store, from: store.latestTs + 1 - 30 * TimeSpan.day)
        let path = NSTemporaryDirectory() + "dutydesk-bench-year-\(getpid()).jsonl"
        defer { unlink(path) }
        do {
            try FeedGenerator.write(seed: 1, start: Timestamp.millis(year: 2026, month: 1, day: 1), days: 365, profile: .district, to: path)
        } catch {
            print("period report, a generated year: could not generate (\(error))")
            return
        }
        let year = Store(clock: .eventTime)
        var sink = year
        let tailer = FeedTailer(paths: [path])
        tailer.poll(into: &sink)
        tailer.finish(into: &sink)
        print("  a generated district year: \(year.count(.event)) events, \(year.count(.task)) tasks, \(year.records) records")
        measure("period report, the generated year (target < 1 s)", year, from: Timestamp.millis(year: 2026, month: 1, day: 1))
    }

    /// [from, the latest ts ingested].
    private static func measure(_ what: String, _ store: Store, from: Millis) {
        let to = store.latestTs + 1
        var times: [Double] = []
        var report: PeriodReport?
        for _ in 0..<5 {
            let t0 = Platform.monotonicNanos()
            report = PeriodReport.compute(store, from: from, to: to)
            times.append(Double(Platform.monotonicNanos() - t0) / 1e6)
        }
        let r = report!
        print(String(format: "%@: %.1f ms median of 5 (%.1f–%.1f; %d events, %d tasks, %d days)", what,
                     times.sorted()[2], times.min()!, times.max()!, r.events.total, r.tasks.total, r.daily.count))
    }
}
