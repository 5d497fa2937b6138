import DutyCore
import DutyUI
import Foundation

/// `swift run -c release dutydesk-bench [--records N] [--file PATH] [--seed N]`
///
/// Speed and memory targets live here, never in timed unit tests. It
/// generates a feed (or takes one), then measures, each on one core:
/// parse-only throughput, ingest into the store through the tailer
/// (records/s, MB/s) and the process's peak resident memory, and the
/// duplicate-key worst case (one 1 MiB line of distinct short keys).
struct Bench {
    var records = 1_000_000
    var file: String?
    var seed: UInt64 = 7
    /// `--only parse|ingest|keys|frame|frames|report|replay|load`: measure one phase and stop (for
    /// profiling it; `frame` ingests once, then times the 200×60 frames;
    /// `frames` also measures the incident view; `report` the period report,
    /// over this store and over a generated district year).
    var only: String?
    /// `--runs N`: measure the ingest N times and report the median, since
    /// one run on a shared VM varies by 10% and more. Every timed run is a
    /// child process (`--only ingest`), so each starts cold: in one process
    /// a second store would reuse the memory the first one freed and skip
    /// the page faults a real start pays.
    var runs = 3
    /// `--threads N`: threads of the ingest in this process (`--only ingest`,
    /// 1: the one-thread path); the full bench times 1 and every core.
    var threads = 1
    /// `--db URL`, for `--only dbload` (the bench's own child process).
    var db: String?
    /// `--checkpoint-every N`: records between two replay checkpoints
    /// (`--only replay`; 0: none, to see what saving them costs).
    var checkpointEvery = Recording.checkpointInterval

    init(arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--records": records = Int(it.next() ?? "") ?? records
            case "--file": file = it.next()
            case "--seed": seed = UInt64(it.next() ?? "") ?? seed
            case "--only": only = it.next()
            case "--runs": runs = max(1, Int(it.next() ?? "") ?? runs)
            case "--db": db = it.next()
            case "--threads": threads = max(1, Int(it.next() ?? "") ?? threads)
            case "--checkpoint-every": checkpointEvery = Int(it.next() ?? "").map { $0 <= 0 ? .max : $0 } ?? checkpointEvery
            default:
                print("usage: dutydesk-bench [--records N] [--file PATH] [--seed N] [--only parse|ingest|keys|frame|frames|report|db|follow|replay|load] [--runs N] [--threads N] [--checkpoint-every N]")
                exit(2)
            }
        }
    }

    func run() throws {
        if only == "keys" { return distinctKeys() }
        if only == "dbload", let db { return try DatabaseBench.load(db) }
        if only == "follow" { return try FollowBench.run() }
        let path: String
        var generated = false
        if let file { path = file } else {
            path = NSTemporaryDirectory() + "dutydesk-bench-\(getpid()).jsonl"
            let t0 = Platform.monotonicNanos()
            try FeedGenerator.write(seed: seed, start: Bench.start, records: records, profile: .bench2026, to: path)
            report("generate", seconds(since: t0), extra: "\(records) records")
            generated = true
        }
        defer { if generated { unlink(path) } }
        let bytes = Platform.stat(path: path)?.size ?? 0
        print("feed: \(path), \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
        if only == "db" { return try DatabaseBench.run(path: path, bytes: bytes) }
        // `--only replay`: the replay part alone, in a fresh process (its load
        // time and peak RSS without a store ingested before it).
        if only == "replay" { return replay(path) }
        if only == "load" { return replayLoad(path) }
        // The full run's replay, in a process of its own started now, while
        // this one is small: a child's peak RSS counts its parent's at the
        // spawn (Linux keeps it across exec). Printed at the end.
        let replayed = only == nil ? try childOutput(["--file", path, "--only", "replay"]) : nil

        // Parse only: the scanner and decoder, no store.
        var t0 = Platform.monotonicNanos()
        var s = 0.0
        if only == nil || only == "parse" {
            var counter = ParseOnly()
            FeedTailer(paths: [path]).poll(into: &counter)
            s = seconds(since: t0)
            rate("parse only", counter.lines, bytes, s)
            if only == "parse" { return }
        }
        if only == nil { distinctKeys() }

        // Ingest: tailer → parser → store with aggregates. Timed `runs` times,
        // each in a child process of its own (`--only ingest`), so each starts
        // cold like a console does; the median is the figure. Then once here,
        // for the measures that follow: this process has generated and parsed
        // already and reuses memory they freed, so that run is shown apart.
        var childRecords: Int?
        var medians: [Int: Double] = [:]
        if only == nil {
            // One run of each thread count in turn, so that the VM's drift
            // from minute to minute weighs on both alike.
            let counts = Platform.cores > 1 ? [1, Platform.cores] : [1]
            var times: [Int: [Double]] = [:], peaks: [Int: [Double]] = [:]
            func text(_ threads: Int) -> String { threads == 1 ? "1 thread" : "\(threads) threads" }
            for run in 1...runs {
                for threads in counts {
                    guard let r = try childIngest(path, threads: threads) else {
                        print("  ingest, \(text(threads)), run \(run): the child process failed; left out of the median")
                        continue
                    }
                    if let c = childRecords, c != r.records { print("  ingest, run \(run): \(r.records) records, not \(c)") }
                    childRecords = r.records
                    times[threads, default: []].append(r.seconds)
                    peaks[threads, default: []].append(r.peakMB)
                    rate("  ingest, \(text(threads)), run \(run) (own process)", r.records, bytes, r.seconds)
                }
            }
            for threads in counts {
                if let records = childRecords, let t = times[threads], !t.isEmpty {
                    medians[threads] = t.sorted()[t.count / 2]
                    rate("ingest into store, \(text(threads)) (median of \(t.count) runs)", records, bytes, medians[threads]!)
                    print(String(format: "peak RSS of an ingest in its own process, %@: %.0f MB at most (target ≤ 350 MB for 1,000,000 records)",
                                 text(threads), peaks[threads]?.max() ?? 0))
                }
            }
            if let one = medians[1], let all = medians[Platform.cores], Platform.cores > 1 {
                print(String(format: "ingest on %d threads: %.2f× one thread (target ≥ 1.5×)", Platform.cores, one / all))
            }
        }
        let rssBefore = Platform.peakRSSBytes()
        let store = Store(clock: .eventTime)
        let ingest = ParallelIngest(store: store, threads: threads)
        t0 = Platform.monotonicNanos()
        ingest.read(FeedTailer(paths: [path]), finish: true)
        s = seconds(since: t0)
        let here = store.records + store.quarantinedTotal
        rate(only == nil ? "  ingest in this process (warm: for information)" : "ingest into store", here, bytes, s)
        if let c = childRecords, c != here { print("  ingest in this process: \(here) records, not \(c) as in the runs") }
        print("  distinct texts: \(store.texts.count), snapshots: \(store.snapshotCount)")
        print(String(format: "  items: %d events, %d tasks, %d mediation, %d alerts; %d quarantined",
                     store.aggregates.count(.event), store.aggregates.count(.task),
                     store.aggregates.count(.mediation), store.aggregates.count(.alert), store.quarantinedTotal))
        print(String(format: "peak RSS: %.0f MB (before ingest %.0f MB; target ≤ 350 MB for 1,000,000 records)",
                     Double(Platform.peakRSSBytes()) / 1_048_576, Double(rssBefore) / 1_048_576))
        if only == "ingest" { return }
        if only == "frame" { return frames(store) }
        if only == "report" { return PeriodReportBench.run(store) }
        if only == "board" { return board(store) }
        t0 = Platform.monotonicNanos()
        let report = StatsReport(store: store)
        print(String(format: "stats report: %.3f ms (%d bytes)", seconds(since: t0) * 1000, report.json.utf8.count))
        frames(store)
        incident(store)
        board(store)
        if only == "frames" { return }
        PeriodReportBench.run(store)
        TerminalBench(store: store).run()
        rules()
        // The replay, run in a process of its own at the start.
        guard let replayed else { return print("replay: the child process failed") }
        print(replayed.filter { !$0.hasPrefix("feed: ") }.joined(separator: "\n"))
    }

    /// Runs this program with `arguments`; returns its output's lines (nil
    /// when it fails).
    func childOutput(_ arguments: [String]) throws -> [Substring]? {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].contains("/")
                                  ? CommandLine.arguments[0] : "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = arguments
        let out = Pipe()
        child.standardOutput = out
        try child.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
    }

    /// The duplicate-key worst case: one line of 1 MiB (the limit) holding a
    /// record and then distinct short unknown keys ("k0":0,"k1":0,… about
    /// 96,000 of them), each of which must be checked against all before
    /// it. Parsed several times; the slowest and the median are shown.
    func distinctKeys() {
        var line = Array(#"{"kind":"event","id":"E1","ts":"2026-11-28T09:15:02+08:00","town":"锦屏街道","grid":"JP-03-12","domain":"市容环境","priority":2,"source":"grid","title":"占道经营","status":"open""#.utf8)
        var keys = 0
        while true {
            let pair = Array(",\"k\(keys)\":0".utf8)
            if line.count + pair.count + 1 > FeedParser.maxLineBytes { break }
            line += pair
            keys += 1
        }
        line.append(UInt8(ascii: "}"))
        var parser = FeedParser.validating()
        var times: [Double] = []
        var ok = true
        for _ in 0..<7 {
            let t0 = Platform.monotonicNanos()
            let result = line.withUnsafeBytes { parser.parseCompact($0) }
            times.append(seconds(since: t0) * 1000)
            if case .failure(let e) = result { ok = false; print("  distinct keys: refused: \(e.message)") }
        }
        times.sort()
        print(String(format: "duplicate keys, worst case: one %d-byte line of %d distinct keys%@: %.2f ms per line (median of %d; slowest %.2f ms; target ≤ 20 ms)",
                     line.count, keys, ok ? "" : " (REFUSED)", times[times.count / 2], times.count, times[times.count - 1]))
    }

    /// The console's alert rules: the first evaluation over 30 generated days
    /// (every item is new to the engine), then a further day evaluated every
    /// minute of feed time as when watching (the console does it every second).
    func rules() {
        let start = Timestamp.millis(year: 2026, month: 10, day: 29)
        var g = FeedGenerator(seed: 1, start: start, profile: .bench2026)
        let store = Store(clock: .eventTime)
        g.generate(days: 30) { store.apply($0) }
        var engine = AlertRuleEngine()
        var t0 = Platform.monotonicNanos()
        let first = engine.evaluate(store: store, now: store.latestTs)
        let firstSeconds = seconds(since: t0)
        for r in first { store.apply(r) }
        var day: [Record] = []
        g.generate(days: 1) { day.append($0) }
        var next = 0, calls = 0, evaluating: UInt64 = 0
        var t = store.latestTs
        while next < day.count {
            t += TimeSpan.minute
            while next < day.count && day[next].snapshot.ts <= t { store.apply(day[next]); next += 1 }
            t0 = Platform.monotonicNanos()
            let out = engine.evaluate(store: store, now: t)
            evaluating += Platform.monotonicNanos() - t0
            for r in out { store.apply(r) }
            calls += 1
        }
        print(String(format: "rules: first evaluation over 30 days (%d snapshots) %.1f ms; then %.3f ms per evaluation (mean of %d, one a minute of a further day)",
                     store.snapshotCount, firstSeconds * 1000, Double(evaluating) / 1e6 / Double(calls), calls))
    }

    /// Replay: load a recording, play it to the end at max speed, seek back
    /// one hour (a rebuild: there are no checkpoints yet).
    func replay(_ path: String) {
        var t0 = Platform.monotonicNanos()
        let recording = Recording(paths: [path], checkpointEvery: checkpointEvery)
        print(String(format: "replay load: %.3f s (%d records sorted by ts)", seconds(since: t0), recording.count))
        print(String(format: "peak RSS after replay load: %.0f MB", Double(Platform.peakRSSBytes()) / 1_048_576))
        guard let end = recording.endTs else { return }
        t0 = Platform.monotonicNanos()
        // As the console plays: one store, prepared by the recording, which
        // saves a checkpoint (a copy sharing its pages) every 100,000 records.
        var store = Store(clock: .fixed(end))
        recording.prepare(store)
        recording.feed(until: end, into: store)
        print(String(format: "replay to the end at max speed, checkpoints saved on the way: %.3f s (target ≤ 1 s at 1,000,000); RSS now %.0f MB (the played store and its checkpoints)",
                     seconds(since: t0), Self.residentMB()))
        for back in [TimeSpan.hour, 6 * TimeSpan.hour, 30 * TimeSpan.day] {
            t0 = Platform.monotonicNanos()
            store = recording.rebuild(at: end - back, clock: .fixed(end - back))
            print(String(format: "replay seek back %@ from the end, from a checkpoint: %.3f s (target ≤ 0.3 s)",
                         back >= TimeSpan.day ? "\(back / TimeSpan.day) d" : "\(back / TimeSpan.hour) h", seconds(since: t0)))
        }
        print(String(format: "peak RSS of the replay: %.0f MB (RSS now %.0f MB; target ≤ 1.5× the live store's)",
                     Double(Platform.peakRSSBytes()) / 1_048_576, Self.residentMB()))
        withExtendedLifetime(store) {}
    }

    /// The process's resident memory now (`/proc/self/statm`), in MB.
    static func residentMB() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
    }

    /// `--only load`: loads the recording and stops (its time and peak RSS).
    func replayLoad(_ path: String) {
        let t0 = Platform.monotonicNanos()
        let recording = Recording(paths: [path])
        print(String(format: "replay load: %.3f s (%d records sorted by ts)", seconds(since: t0), recording.count))
        print(String(format: "peak RSS after replay load: %.0f MB", Double(Platform.peakRSSBytes()) / 1_048_576))
    }

    /// One full console frame at 200×60 over the whole store (panes read
    /// aggregates and the visible rows only), and a key press to a new frame.
    func frames(_ store: Store) {
        _ = DisplayWidth.ensureUTF8Locale()
        let paneRows = PaneRows()
        let view = ConsoleView(store: store, paneRows: paneRows, badge: .live)
        var state = ConsoleState()
        _ = view.render(state, width: 200, height: 60)   // warm up
        let n = 200
        var t0 = Platform.monotonicNanos()
        for _ in 0..<n { _ = view.render(state, width: 200, height: 60) }
        print(String(format: "frame 200×60: %.3f ms (mean of %d; %d events, %d open tasks in the store)",
                     seconds(since: t0) * 1000 / Double(n), n, store.aggregates.count(.event),
                     store.aggregates.openTasksByDue.count))
        let reducer = ConsoleReducer(store: store, paneRows: paneRows, themeCount: 4)
        let layout = ConsoleView.layout(width: 200, height: 60, state: state)
        t0 = Platform.monotonicNanos()
        for i in 0..<n {
            let key = ["j", "j", "Tab", "k"][i % 4]
            if let c = KeyRegistry.command(forKey: key, in: state.mode) { _ = reducer.apply(c, to: &state, layout: layout) }
            _ = view.render(state, width: 200, height: 60)
        }
        print(String(format: "key → new frame (200×60): %.3f ms (mean of %d; the terminal's copy is extra)",
                     seconds(since: t0) * 1000 / Double(n), n))
    }

    /// An incident (issue 12): the lookup of an event's tasks and alerts, a
    /// scan of every task and alert, and Enter on it to its incident frame.
    func incident(_ store: Store) {
        // The event of the latest task with an event: one that has an incident.
        let tasks = store.aggregates.count(.task)
        guard let event = (0..<Int32(tasks)).reversed().lazy.compactMap({ t -> Int32? in
            let id = store.texts.optionalText(store.current(.task, t).task.event)
            return id.flatMap { store.index(.event, id: $0) }
        }).first else { return print("incident: no task with an event in the store") }
        let n = 200
        var t0 = Platform.monotonicNanos()
        var found = IncidentLinks.incident(of: .event, event, in: store)
        let first = seconds(since: t0) * 1000
        t0 = Platform.monotonicNanos()
        for _ in 0..<n { found = IncidentLinks.incident(of: .event, event, in: store) }
        print(String(format: "incident lookup: %.3f ms (mean of %d; the first, which indexes %d tasks and %d alerts: %.1f ms; %d linked)",
                     seconds(since: t0) * 1000 / Double(n), n, tasks, store.aggregates.count(.alert), first, found.members.count))
        let view = ConsoleView(store: store, paneRows: PaneRows(), badge: .live)
        var state = ConsoleState()
        state.mode = .detail(DetailTarget(kind: .event, item: event))
        t0 = Platform.monotonicNanos()
        for _ in 0..<n { _ = view.render(state, width: 200, height: 60) }
        print(String(format: "incident frame 200×60: %.3f ms (mean of %d)", seconds(since: t0) * 1000 / Double(n), n))
    }

    static let start = Timestamp.millis(year: 2025, month: 1, day: 1)

    func seconds(since t0: UInt64) -> Double { Double(Platform.monotonicNanos() - t0) / 1e9 }

    /// Runs this program with `--only ingest` on `path` and reads back its
    /// record count, ingest time and peak RSS; nil if that fails.
    func childIngest(_ path: String, threads: Int) throws -> (records: Int, seconds: Double, peakMB: Double)? {
        guard let lines = try childOutput(["--file", path, "--only", "ingest", "--threads", "\(threads)"]) else { return nil }
        /// The number between `after` and `before` in the line starting with `head`.
        func number(_ head: String, _ after: String, _ before: String) -> Double? {
            guard let line = lines.first(where: { $0.hasPrefix(head) }),
                  let a = line.range(of: after), let b = line.range(of: before, range: a.upperBound..<line.endIndex)
            else { return nil }
            return Double(line[a.upperBound..<b.lowerBound])
        }
        guard let n = number("ingest into store: ", "ingest into store: ", " records in "),
              let t = number("ingest into store: ", " records in ", " s ="),
              let peak = number("peak RSS: ", "peak RSS: ", " MB")
        else { return nil }
        return (Int(n), t, peak)
    }

    func report(_ what: String, _ s: Double, extra: String) {
        print(String(format: "%@: %.3f s (%@)", what, s, extra))
    }

    func rate(_ what: String, _ n: Int, _ bytes: Int64, _ s: Double) {
        print(String(format: "%@: %d records in %.3f s = %.0f records/s, %.0f MB/s",
                     what, n, s, Double(n) / s, Double(bytes) / 1e6 / s))
    }
}

/// Parses every line (interning into its own table) and counts.
struct ParseOnly: LineSink {
    var parser = ProcessInfo.processInfo.environment["BENCH_NOINTERN"] != nil ? FeedParser.validating() : FeedParser()
    var lines = 0
    var bad = 0
    mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        lines += 1
        if case .failure = parser.parseCompact(bytes) { bad += 1 }
    }
    mutating func refused(_ line: QuarantinedLine) { bad += 1 }
}

do {
    try Bench(arguments: CommandLine.arguments).run()
} catch {
    FileHandle.standardError.write(Data("dutydesk-bench: \(error)\n".utf8))
    exit(1)
}
