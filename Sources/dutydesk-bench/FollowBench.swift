import Dispatch
import DutyCore
import DutyDB
import Foundation
import Synchronization

/// `--only follow`: how fast one console's action reaches another console,
/// and what idle consoles cost the server (issue 15; targets: ≤ 200 ms at
/// the 95th percentile; 30 idle consoles add no more than a few percent of
/// the server's CPU). The action is a `DatabaseLedger` append (the lock, the
/// catch-up read, the insert, the commit), timed from the call to the moment
/// a `RecordFollower` on another connection hands the line to its queue:
/// what a console's main queue then draws takes about 1 ms more (`--only frame`).
enum FollowBench {
    static func run() throws {
        let cluster = try BenchCluster.start()
        defer { cluster.remove() }
        let url = try DatabaseURL(cluster.url)
        try Blocking.run { try await DatabaseSession.with(url) { _ = try await Schema.migrate($0) } }

        // The receiving console: a follower handing batches to its queue.
        let queue = DispatchQueue(label: "bench.console")
        let arrived = Mutex<[String: UInt64]>([:])
        let follower = RecordFollower(url: url, town: nil, after: LogMark(), queue: queue, deliver: { batch in
            let now = Platform.monotonicNanos()
            arrived.withLock { seen in for line in batch.lines { seen[line] = now } }
        }, report: { _ in })
        follower.start()
        Thread.sleep(forTimeInterval: 1)

        let ledger = DatabaseLedger.open(url: url, console: "bench-\(getpid())")
        var parser = FeedParser()
        var latencies: [Double] = []
        let rounds = 200
        for n in 0..<rounds {
            let ts = Timestamp.format(Timestamp.millis(year: 2026, month: 12, day: 4) + Millis(n) * 1000)
            let text = #"{"kind":"event","id":"SJ-BENCH-1","ts":"\#(ts)","town":"溪口镇","grid":"XK-01-02","domain":"新业态","priority":2,"source":"public","title":"传播测试","status":"open"}"#
            guard case .success(let record) = parser.parseRecord(text) else { throw BenchError("bad bench line") }
            let t0 = Platform.monotonicNanos()
            let result = ledger.append { _ in .success([record]) }
            guard result.isWritten else { throw BenchError("the bench's action was not written: \(result.outcome)") }
            // The line as written (the ledger adds the console): find it by its ts.
            let deadline = t0 + 5_000_000_000
            var at: UInt64?
            while at == nil, Platform.monotonicNanos() < deadline {
                at = arrived.withLock { seen in seen.first(where: { $0.key.contains(ts) })?.value }
                if at == nil { usleep(200) }
            }
            guard let at else { throw BenchError("round \(n): the follower never brought the action") }
            latencies.append(Double(at - t0) / 1e6)
            usleep(20_000)
        }
        follower.stop()
        latencies.sort()
        func p(_ q: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] }
        print(String(format: "db action → other console's queue: %d actions, p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 ≤ 200 ms)",
                     rounds, p(0.5), p(0.95), latencies.last ?? 0))

        // The server's CPU with no console, then with 30 idle followers.
        let server = Int((try? String(contentsOfFile: cluster.folder + "/data/postmaster.pid", encoding: .utf8))?.split(separator: "\n").first ?? "") ?? 0
        let idle = serverCPU(server, seconds: 20)
        var followers: [RecordFollower] = []
        for _ in 0..<30 {
            let f = RecordFollower(url: url, town: nil, after: LogMark(), queue: queue, deliver: { _ in }, report: { _ in })
            f.start()
            followers.append(f)
        }
        Thread.sleep(forTimeInterval: 5)   // connected and caught up
        let busy = serverCPU(server, seconds: 20)
        followers.forEach { $0.stop() }
        print(String(format: "db server CPU over 20 s: %.2f%% of a core with no console, %.2f%% with 30 idle consoles following (their 3 s safety reads)",
                     idle, busy))
    }

    /// The CPU this cluster's processes (the postmaster `server` and its
    /// children) used over `seconds`, as a percentage of one core.
    static func serverCPU(_ server: Int, seconds: Double) -> Double {
        let before = postgresTicks(server)
        Thread.sleep(forTimeInterval: seconds)
        let after = postgresTicks(server)
        var used = 0
        for (pid, ticks) in after { used += ticks - (before[pid] ?? 0) }
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Double(used) / hz / seconds * 100
    }

    /// utime + stime of the postmaster `server` and its children, by pid.
    static func postgresTicks(_ server: Int) -> [Int: Int] {
        var out: [Int: Int] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")"),
                  stat[stat.index(after: open)..<close] == "postgres" else { continue }
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            // After the name: state is field 3, utime field 14, stime field 15.
            guard fields.count > 13, let parent = Int(fields[1]), pid == server || parent == server,
                  let u = Int(fields[11]), let s = Int(fields[12]) else { continue }
            out[pid] = u + s
        }
        return out
    }
}
