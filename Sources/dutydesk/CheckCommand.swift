import ArgumentParser
import DutyCore

/// `dutydesk check FILE...`: validates feeds without keeping anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate feed files: print FILE:LINE: reason for each bad line.",
        discussion: "Exit status: 0 when every line is good, 1 when any line is bad, 2 when a file cannot be read or a folder holds no feed file."
    )

    @Argument(help: "Feed files (or directories of *.jsonl).")
    var files: [String]

    @Option(help: "Threads that parse (default: the cores available; 1: one thread).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 || threads > Platform.maxThreads { throw ValidationError("--threads must be between 1 and \(Platform.maxThreads)") }
    }

    func run() throws {
        DutyDesk.bootstrapLogging()
        var unreadable = 0
        let check = ParallelCheck(threads: threads ?? ParallelIngest.cores) { Output.line($0.description) }
        for file in files {
            // A directory is listed by the tailer; anything else must open,
            // without blocking, as a regular file (a FIFO would otherwise
            // wait for a writer for ever).
            if Platform.fileKind(path: file) != .directory {
                switch Platform.openFeed(file) {
                case .success(let opened): Platform.close(opened.fd)
                case .failure(let error):
                    Output.error("\(Sanitize.path(file)): \(error.reason)")
                    unreadable += 1
                    continue
                }
            }
            let tailer = FeedTailer(paths: [file])
            check.read(tailer)
            for problem in tailer.oneShotProblems { Output.error(problem); unreadable += 1 }
            // A folder with nothing to check is a mistake (a wrong folder, a
            // feed not delivered yet): "0 lines, 0 bad" would pass it as clean.
            if tailer.oneShotProblems.isEmpty, tailer.waiting != nil {
                Output.error("\(Sanitize.path(file)): no feed file (*.jsonl) in this folder: nothing to check")
                unreadable += 1
            }
        }
        let summary = "\(files.count) file\(files.count == 1 ? "" : "s"), \(check.lines) lines: "
            + "\(check.lines - check.bad) good, \(check.bad) bad"
        Output.line(summary)
        Output.flush()
        if unreadable > 0 { throw ExitCode(2) }
        if check.bad > 0 { throw ExitCode(1) }
    }
}
