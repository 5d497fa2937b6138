import Dispatch

/// Follows feed files and directories of `*.jsonl` files, handing every new
/// complete line to a sink, across appends, rotation and truncation, without
/// ever delivering a line twice.
///
/// Not thread-safe: it is confined to one queue at a time (the poller's queue
/// while `start` runs, the caller's otherwise); hence `@unchecked Sendable`,
/// so that it can be handed to that queue.
// @unchecked Sendable: one queue at a time polls it (`start`'s queue, checked in debug builds while started).
public final class FeedTailer: @unchecked Sendable {
    /// Size of the one read buffer, reused for every pread of every file:
    /// small enough to stay in the core's L2 cache between the copy in and
    /// the parse (4 MiB was measurably slower), large enough that syscalls
    /// cost nothing (about a thousand for a year of feeds).
    static let bufferBytes = 256 << 10

    public let paths: [String]
    /// Roots whose absence is no problem (the journal before its first action).
    private var quietRoots: Set<Int>
    public let maxLineBytes: Int
    private var files: [TailedFile.Identity: TailedFile] = [:]
    private let buffer: UnsafeMutableRawBufferPointer
    private var totalLines = 0
    private var totalBytes: Int64 = 0
    private var lastLineMillis: Int64?
    private var timer: DispatchSourceTimer?
    /// `start`'s queue while started: where polls must run. It guards the
    /// files and the one read buffer, which must stay confined even if
    /// parsing the lines moves off that queue later.
    let confinement = QueueConfinement()

    /// Tests only: runs between a file's listing and its open, where a
    /// path can be swapped for something else (a FIFO).
    var beforeOpen: ((String) -> Void)?

    /// Problems seen on the last poll (missing/unreadable directory or file),
    /// naming the path and the errno text, for the one-shot commands
    /// (`check`, `stats`, loading a recording), which do not retry; cleared
    /// when fixed.
    public private(set) var feedProblems: [FeedProblem] = []
    /// The problems as one-shot commands print them ("PATH: reason").
    public var oneShotProblems: [String] { feedProblems.map(\.text) }
    /// The same problems worded for a caller that keeps polling ("— retrying
    /// every poll").
    public var problems: [String] { feedProblems.map { $0.text(.en, retrying: true) } }
    /// What the tailer waits for while it follows no file at all (a missing
    /// path, a folder with no feed yet); nil once a file is followed.
    public private(set) var waiting: FeedWait?

    public init(paths: [String], maxLineBytes: Int = FeedParser.maxLineBytes) {
        self.paths = paths
        self.maxLineBytes = maxLineBytes
        quietRoots = []
        buffer = .allocate(byteCount: Self.bufferBytes, alignment: 64)
    }

    /// Follows the feeds and the operator journal: a journal outside the
    /// watched folders is followed too, or a console restarted with
    /// `--journal` elsewhere would not show its own earlier actions (nor
    /// another console's). A journal not there yet is no problem: the first
    /// action creates it, and the next poll finds it.
    public convenience init(paths: [String], journal: String, maxLineBytes: Int = FeedParser.maxLineBytes) {
        self.init(paths: paths + [journal], maxLineBytes: maxLineBytes)
        quietRoots = [paths.count]
    }

    deinit {
        timer?.cancel()
        for file in files.values { file.close() }
        buffer.deallocate()
    }

    public var health: FeedHealth {
        FeedHealth(files: files.count, lines: totalLines, bytes: totalBytes, lastLineMillis: lastLineMillis)
    }

    /// Reads everything new in every file (sorted file order) and hands each
    /// complete line to `sink`. Synchronous.
    @discardableResult
    public func poll<S: LineSink>(into sink: inout S) -> PollReport {
        confinement.check()
        return pollFiles(into: &sink)
    }

    /// `poll`, then with `finish` `finish`, unchecked: for a reader thread
    /// the confined queue lends the tailer to while it waits for the lines
    /// (`ParallelIngest.read`, `ParallelCheck.read`).
    @discardableResult
    func pollLent<S: LineSink>(into sink: inout S, finish: Bool) -> PollReport {
        let report = pollFiles(into: &sink)
        if finish { finishFiles(into: &sink) }
        return report
    }

    private func pollFiles<S: LineSink>(into sink: inout S) -> PollReport {
        let started = Platform.monotonicNanos()
        var report = PollReport(lines: 0, bytes: 0, feedProblems: [])
        var failedRoots = Set<Int>()
        var missingRoots: [Int] = []
        let entries = discover(problems: &report.feedProblems, failedRoots: &failedRoots, missing: &missingRoots)
        let listed = Set(entries.map(\.identity))

        // Files no longer under any listed path (renamed away, or deleted) are
        // read to their end first, so the old file's tail comes before the new
        // file at that path; then let go. Files of a directory that failed to
        // list are only read on: they may be listed again once it is back.
        for file in files.values.sorted(by: { $0.path < $1.path }) where !listed.contains(file.identity) {
            read(file, into: &sink, report: &report)
            if failedRoots.contains(file.root) && file.path != paths[file.root] { continue }
            report.lines += file.flush(into: &sink)
            file.close()
            files[file.identity] = nil
            Log.feed.debug("let go of \(Log.shown(file.path)): no longer listed (renamed away or deleted), read to its end")
        }
        for entry in entries {
            if let file = files[entry.identity] {
                // Renamed (a.jsonl → a.jsonl.1, still a feed): followed on,
                // a partial last line held until a writer still holding the
                // file ends it, as for any feed.
                if file.path != entry.path {
                    Log.feed.debug("rotation recognised: \(Log.shown(file.path)) is now \(Log.shown(entry.path)), followed on")
                }
                file.path = entry.path
                file.root = entry.root
                file.rewindIfRewritten()
                read(file, into: &sink, report: &report)
            } else if let file = open(entry, problems: &report.feedProblems) {
                read(file, into: &sink, report: &report)
            }
        }

        feedProblems = report.feedProblems
        waiting = files.isEmpty ? FeedWait(paths: paths, missing: missingRoots, failed: failedRoots) : nil
        totalLines += report.lines
        totalBytes += report.bytes
        if report.lines > 0 { lastLineMillis = Platform.wallClockMillis() }
        Log.feed.log(level: report.lines > 0 ? .debug : .trace,
                     "poll: \(report.lines) lines, \(report.bytes) bytes from \(files.count) files in \(Log.milliseconds(since: started))")
        return report
    }

    /// Flush: delivers the held partial last line of every file as a final line
    /// (for one-shot commands like `stats`, so a file without a final newline
    /// still counts). Following on afterwards is possible, but the rest of such
    /// a line, should it arrive, is skipped.
    public func finish<S: LineSink>(into sink: inout S) {
        confinement.check()
        finishFiles(into: &sink)
    }

    private func finishFiles<S: LineSink>(into sink: inout S) {
        var lines = 0
        for file in files.values.sorted(by: { $0.path < $1.path }) {
            lines += file.flush(into: &sink)
        }
        totalLines += lines
        if lines > 0 { lastLineMillis = Platform.wallClockMillis() }
    }

    /// Hands over every followed file's descriptor with its identity and
    /// how many of its bytes were read, and forgets the files (closing them
    /// is the caller's business): a loaded recording reads its lines back
    /// from the very files read here, whatever their names become.
    func takeDescriptors() -> [(device: UInt64, inode: UInt64, fd: Int32, bytesRead: Int64)] {
        confinement.check()
        defer { files = [:] }
        return files.values.map { ($0.identity.device, $0.identity.inode, $0.fd, $0.offset) }
    }

    // MARK: - Finding the files

    private struct Entry {
        /// As shown and put in positions.
        var path: String
        /// The bytes naming the file, when not `path`'s UTF-8.
        var rawPath: [UInt8]?
        var root: Int
        var identity: TailedFile.Identity
    }

    /// The files to follow now, in order: configured paths in the order given,
    /// each directory's feeds (`*.jsonl` and rotated copies, see
    /// `FeedFileNames`) in reading order, each file once.
    private func discover(problems: inout [FeedProblem], failedRoots: inout Set<Int>, missing: inout [Int]) -> [Entry] {
        var entries: [Entry] = []
        var seen = Set<TailedFile.Identity>()
        func add(_ path: Platform.FeedPath, _ root: Int, _ info: Platform.FileInfo) {
            let id = TailedFile.Identity(info)
            if seen.insert(id).inserted {
                entries.append(Entry(path: path.text, rawPath: path.bytes, root: root, identity: id))
            }
        }
        for (root, path) in paths.enumerated() {
            guard let info = Platform.stat(path: path) else {
                if Platform.errnoIsMissing && quietRoots.contains(root) { continue }
                if Platform.errnoIsMissing { missing.append(root) }
                problems.append(FeedProblem(path: path, reason: Platform.errnoLabel))
                failedRoots.insert(root)
                continue
            }
            if info.isRegular {
                add(Platform.FeedPath(path), root, info)
            } else if info.isDirectory {
                guard let files = Platform.listDirectoryPaths(path) else {
                    problems.append(FeedProblem(path: path, reason: Platform.errnoLabel))
                    failedRoots.insert(root)
                    continue
                }
                // A name that is not UTF-8 is shown with U+FFFD but opened by its bytes.
                // Feeds and their rotated copies, oldest first (FeedFileNames).
                for file in FeedFileNames.readingOrder(files, name: { Self.lastComponent($0.text) }) {
                    // Gone since the listing: skipped. Not a plain file (a FIFO,
                    // a device, a directory named x.jsonl): named, never opened.
                    if let owner = Platform.refusedLinkOwner(file, in: path), owner >= 0 {
                        problems.append(FeedProblem(path: file.text, reason: Label(
                            "拒绝读取：uid \(owner) 的符号链接，既不属于本账户也不属于目录所有者",
                            "not read: a symbolic link of uid \(owner), neither this account's nor the folder owner's")))
                        continue
                    }
                    guard let fileInfo = Platform.stat(file) else { continue }
                    if fileInfo.isRegular {
                        add(file, root, fileInfo)
                    } else if let kind = Platform.fileKind(file), kind != .regular {
                        problems.append(FeedProblem(path: file.text, reason: Platform.FeedOpenError.notRegular(kind).label))
                    }
                }
            } else {
                let kind = Platform.fileKind(path: path).map { " (\($0.article))" } ?? ""
                problems.append(FeedProblem(path: path, reason: Label("既不是普通文件也不是目录" + kind,
                                                                      "not a regular file or directory" + kind)))
                failedRoots.insert(root)
            }
        }
        return entries
    }

    static func lastComponent(_ path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// Opens a newly found file without blocking (`Platform.openFeed`: a
    /// path swapped for a FIFO between the listing and the open is refused,
    /// not waited on). Its identity is taken from the open descriptor, so a
    /// file replaced between the stat and the open is still read whole.
    private func open(_ entry: Entry, problems: inout [FeedProblem]) -> TailedFile? {
        beforeOpen?(entry.path)
        let fd: Int32, status: Platform.FeedFileStatus
        switch Platform.openFeed(Platform.FeedPath(entry.path, bytes: entry.rawPath)) {
        case .success(let opened): (fd, status) = opened
        case .failure(let error):
            problems.append(FeedProblem(path: entry.path, reason: error.label))
            return nil
        }
        // Found in a folder: the name must still lead to this file, and not
        // through someone else's symlink (see openedThroughAllowedName).
        if entry.path != paths[entry.root],
           let why = Platform.openedThroughAllowedName(fd, Platform.FeedPath(entry.path, bytes: entry.rawPath), in: paths[entry.root]) {
            Platform.close(fd)
            problems.append(FeedProblem(path: entry.path, reason: Label(why, why)))
            return nil
        }
        guard files[TailedFile.Identity(status.info)] == nil else {
            Platform.close(fd)   // already followed under its identity: seen on the next poll
            return nil
        }
        let file = TailedFile(path: entry.path, root: entry.root, fd: fd, status: status, maxLineBytes: maxLineBytes)
        files[file.identity] = file
        Log.feed.debug("discovered feed file \(Log.shown(entry.path)) (\(status.info.size) bytes), reading from its start")
        return file
    }

    private func read<S: LineSink>(_ file: TailedFile, into sink: inout S, report: inout PollReport) {
        let counts = file.readNew(using: buffer, into: &sink)
        report.lines += counts.lines
        report.bytes += counts.bytes
        if let error = counts.error { report.feedProblems.append(FeedProblem(path: file.path, reason: Label(error, error))) }
    }

}

// MARK: - Polling on a timer

extension FeedTailer {
    /// Polls on `queue` every `interval` from a DispatchSourceTimer (with
    /// leeway, so the process sleeps between polls and wake-ups can coalesce),
    /// calling `onPoll` with the tailer each time; `onPoll` does the actual
    /// `poll(into:)`, as only it knows the sink. From then on the tailer
    /// belongs to `queue`: use it only from there until `stop()`.
    public func start(interval: DispatchTimeInterval = .milliseconds(500), queue: DispatchQueue,
                      onPoll: @escaping (FeedTailer) -> Void) {
        stop()
        confinement.confine(to: queue)
        let handler = UncheckedHandler(onPoll)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval, leeway: Self.leeway(for: interval))
        timer.setEventHandler { [weak self] in
            if let self { handler.call(self) }
        }
        timer.resume()
        self.timer = timer
    }

    /// Stops the timer; a poll already running on the queue completes.
    /// The tailer is the caller's again (polls are no longer checked).
    public func stop() {
        timer?.cancel()
        timer = nil
        confinement.confine(to: nil)
    }

    /// A tenth of the interval, at least 1 ms.
    static func leeway(for interval: DispatchTimeInterval) -> DispatchTimeInterval {
        let nanos: Int
        switch interval {
        case .seconds(let s): nanos = s * 1_000_000_000
        case .milliseconds(let ms): nanos = ms * 1_000_000
        case .microseconds(let us): nanos = us * 1_000
        case .nanoseconds(let ns): nanos = ns
        default: return .milliseconds(50)
        }
        return .nanoseconds(max(nanos / 10, 1_000_000))
    }
}

/// Carries the non-Sendable `onPoll` into the timer's handler.
// @unchecked Sendable: the closure only ever runs on the timer's queue, one call at a time.
private struct UncheckedHandler: @unchecked Sendable {
    let call: (FeedTailer) -> Void
    init(_ call: @escaping (FeedTailer) -> Void) { self.call = call }
}
