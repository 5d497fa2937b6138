import DutyCore
import DutyDB
import Foundation

/// `--only db`: the shared database's two speeds (issue 15) over a
/// throw-away cluster: `push` of the generated feed (records/s; target
/// ≥ 100,000) and a console's initial load of the log into a `Store`
/// (seconds and peak RSS, in a child process of its own so that the push's
/// memory is not counted; target ≤ 3 s for 1,000,000 records).
enum DatabaseBench {
    static func run(path: String, bytes: Int64) throws {
        let cluster = try BenchCluster.start()
        defer { cluster.remove() }
        let url = try DatabaseURL(cluster.url)
        try Blocking.run { try await DatabaseSession.with(url) { _ = try await Schema.migrate($0) } }

        // The push: the same tailer, sink and commits as `dutydesk push`, in this process.
        let t0 = Platform.monotonicNanos()
        let session = try Blocking.run { try await DatabaseSession.connect(url) }
        let sink = PushSink(committed: [:], batchLines: 20_000)
        let pipeline = PushPipeline(session: session)
        var total = PushCounts()
        var waitNanos: UInt64 = 0
        // As `Pusher` does: each full batch goes to the pipeline once the one
        // before it is settled, and the tailer reads on while it commits.
        func settle() {
            let c0 = Platform.monotonicNanos()
            guard let (batch, result) = pipeline.settle() else { return }
            waitNanos += Platform.monotonicNanos() - c0
            switch result {
            case .success(let counts): total += counts; sink.committed(batch)
            case .failure(let error): print("push failed: \(error)"); exit(1)
            }
        }
        func commit() {
            let batch = sink.take()
            settle()
            if !batch.isEmpty { pipeline.start(batch) }
        }
        sink.onFull = { _ in commit() }
        let tailer = FeedTailer(paths: [path])
        var reader = sink
        tailer.poll(into: &reader)
        tailer.finish(into: &reader)
        commit()
        settle()
        let s = Double(Platform.monotonicNanos() - t0) / 1e9
        try? Blocking.run { await session.close() }
        let lines = total.records + total.duplicates + total.conflicts + total.quarantined
        print(String(format: "db push: %d lines in %.3f s = %.0f records/s, %.0f MB/s (%@; waiting for the server %.3f s of it; target ≥ 100,000/s)",
                     lines, s, Double(lines) / s, Double(bytes) / 1e6 / s, total.line, Double(waitNanos) / 1e9))

        // The load, cold, in a child process.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["--only", "dbload", "--db", cluster.url]
        try child.run()
        child.waitUntilExit()
    }

    /// `--only dbload --db URL`: loads the whole log into a store and reports.
    static func load(_ text: String) throws {
        let url = try DatabaseURL(text)
        let store = Store(clock: .eventTime)
        let rssBefore = Platform.peakRSSBytes()
        let t0 = Platform.monotonicNanos()
        try Blocking.run { try await DatabaseSession.with(url) { _ = try await RecordLog.load(into: store, $0) } }
        let s = Double(Platform.monotonicNanos() - t0) / 1e9
        print(String(format: "db load into store: %d records in %.3f s = %.0f records/s (target ≤ 3 s for 1,000,000); peak RSS %.0f MB (%.0f MB before)",
                     store.records, s, Double(store.records) / s,
                     Double(Platform.peakRSSBytes()) / 1_048_576, Double(rssBefore) / 1_048_576))
        print("  stats: \(store.records) records, \(store.duplicates) duplicates, \(store.conflicts) conflicts, \(store.quarantinedTotal) quarantined")
    }
}
