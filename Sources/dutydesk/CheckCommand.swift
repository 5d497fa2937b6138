import ArgumentParser
import DutyCore

/// `dutydesk check FILE...`: validates feeds without keeping anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate feed files: print FILE:LINE: reason for each bad line.",
        discussion: "Exit status: 0 when every line is good, 1 when any line is bad, 2 when a file cannot be read."
    )

    @Argument(help: "Feed files (or directories of *.jsonl).")
    var files: [String]

    func run() throws {
        DutyDesk.bootstrapLogging
        var unreadable = 0
        var sink = CheckSink()
        for file in files {
            guard let info = Platform.stat(path: file), let fd = Platform.openRead(file) else {
                Output.error("\(file): \(Platform.errnoText)")
                unreadable += 1
                continue
            }
            Platform.close(fd)
            if !info.isRegular && !info.isDirectory {
                Output.error("\(file): not a regular file")
                unreadable += 1
                continue
            }
            let tailer = FeedTailer(paths: [file])
            tailer.poll(into: &sink)
            tailer.finish(into: &sink)
            for problem in tailer.problems { Output.error(problem); unreadable += 1 }
        }
        let summary = "\(files.count) file\(files.count == 1 ? "" : "s"), \(sink.lines) lines: "
            + "\(sink.lines - sink.bad) good, \(sink.bad) bad"
        Output.line(summary)
        Output.flush()
        if unreadable > 0 { throw ExitCode(2) }
        if sink.bad > 0 { throw ExitCode(1) }
    }
}

/// Parses each line and prints the refused ones as they come.
struct CheckSink: LineSink {
    var parser = FeedParser.validating()
    var lines = 0
    var bad = 0

    mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        lines += 1
        if case .failure(let e) = parser.parseCompact(bytes) {
            bad += 1
            Output.line("\(position.file):\(position.line): \(e.message)")
        }
    }

    mutating func refused(_ line: QuarantinedLine) {
        lines += 1
        bad += 1
        Output.line(line.description)
    }
}
