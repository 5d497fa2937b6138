import DutyTestSupport
import Foundation
import Testing

/// `check` and `stats` over what a shared feed folder may hold besides feed
/// files: FIFOs, directories named like feeds, devices (issue 10, item 8),
/// and file names made to drive a terminal (item 9).
@Suite struct FeedFileTests {
    /// ESC ] 0 ; PWNED BEL: sets the terminal's title when printed raw.
    static let hostileName = "a\u{1B}]0;PWNED\u{07}.jsonl"
    static let good = Line.event("E1", "2026-11-28T09:00:00+08:00")

    // MARK: Item 8

    @Test func checkOnAFifoExitsPromptlyNamingIt() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let fifo = dir.appendingPathComponent("x.jsonl").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try DeadlineRun.run(["check", fifo], fifo: fifo)
        #expect(!r.timedOut, "check blocked on a FIFO")
        #expect(r.status == 2)
        #expect(r.stderrText.contains("\(fifo): not a regular file (a FIFO)"), "\(r.stderrText)")
    }

    @Test func checkOnAFolderHoldingAFifoAndADirectoryReadsTheRestAndNamesThem() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        try (Self.good + "\n").write(to: dir.appendingPathComponent("a.jsonl"), atomically: false, encoding: .utf8)
        let fifo = dir.appendingPathComponent("p.jsonl").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("d.jsonl"), withIntermediateDirectories: false)
        let r = try DeadlineRun.run(["check", dir.path], fifo: fifo)
        #expect(!r.timedOut, "check blocked on a FIFO")
        #expect(r.status == 2)
        #expect(r.stdoutText.contains("1 file, 1 lines: 1 good, 0 bad"), "\(r.stdoutText)")
        #expect(r.stderrText.contains("\(fifo): not a regular file (a FIFO)\n"), "\(r.stderrText)")
        #expect(r.stderrText.contains("\(dir.path)/d.jsonl: not a regular file (a directory)\n"), "\(r.stderrText)")
        #expect(!r.stderrText.contains("retrying"))   // a one-shot check retries nothing

        let stats = try DeadlineRun.run(["stats", dir.path], fifo: fifo)
        #expect(!stats.timedOut, "stats blocked on a FIFO")
        #expect(stats.status == 2)
        #expect(try CLIRunner.json(stats.stdoutText).number("records") == 1)
        #expect(stats.stderrText.contains("\(fifo): not a regular file (a FIFO)"))
    }

    @Test func checkOnACharacterDeviceAndAFileNextToItGoesOn() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let file = dir.appendingPathComponent("a.jsonl")
        try (Self.good + "\n").write(to: file, atomically: false, encoding: .utf8)
        let r = try DeadlineRun.run(["check", "/dev/null", file.path], fifo: nil)
        #expect(!r.timedOut)
        #expect(r.status == 2)
        #expect(r.stderrText.contains("/dev/null: not a regular file (a character device)"), "\(r.stderrText)")
        #expect(r.stdoutText.contains("2 files, 1 lines: 1 good, 0 bad"), "\(r.stdoutText)")
    }

    // MARK: Item 9

    @Test func hostileFileNamesNeverReachTheTerminalRaw() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        // A feed with one bad line (check prints FILE:LINE), a FIFO (a
        // problem on stderr), both with names that would drive a terminal,
        // and a name that is not UTF-8 at all.
        try (Self.good + "\n{\"kind\":1}\n").write(to: dir.appendingPathComponent(Self.hostileName),
                                                  atomically: false, encoding: .utf8)
        let fifo = dir.appendingPathComponent("p\u{1B}[2J\u{9B}31m.jsonl").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let raw = Array(dir.path.utf8) + Array("/b\u{1B}[0m".utf8) + [0xFF, 0xFE] + Array(".jsonl".utf8)
        let fd = raw.withUnsafeBytes { buf -> Int32 in
            var path = Array(buf) + [0]
            return path.withUnsafeMutableBytes { open($0.baseAddress!.assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        if fd >= 0 { close(fd) }

        for arguments in [["check", dir.path], ["stats", dir.path],
                          ["check", dir.appendingPathComponent(Self.hostileName).path, fifo]] {
            let r = try DeadlineRun.run(arguments, fifo: fifo)
            #expect(!r.timedOut)
            for (name, bytes) in [("stdout", r.stdout), ("stderr", r.stderr)] {
                #expect(DeadlineRun.terminalControls(in: bytes).isEmpty,
                        "\(arguments[0]) \(name): \(DeadlineRun.terminalControls(in: bytes)) in \(String(decoding: bytes, as: UTF8.self).debugDescription)")
                #expect(String(validating: bytes, as: UTF8.self) != nil, "\(name) is not UTF-8")
            }
            #expect((r.stdoutText + r.stderrText).contains("a␛]0;PWNED␇.jsonl") || arguments[0] == "stats")
        }
        let check = try DeadlineRun.run(["check", dir.path], fifo: fifo)
        #expect(check.stdoutText.contains("/a␛]0;PWNED␇.jsonl:2: "), "\(check.stdoutText)")
        #expect(check.stderrText.contains("/p␛[2J\u{FFFD}31m.jsonl: not a regular file (a FIFO)"), "\(check.stderrText)")
    }

    /// `dutydesk check feeds/*` in a folder holding a file named like an
    /// option: ArgumentParser's message quotes it, sanitised.
    @Test func argumentErrorsQuoteHostileNamesWithReplacements() throws {
        let r = try DeadlineRun.run(["check", "--x\u{1B}]0;PWNED\u{07}.jsonl", "a.jsonl"], fifo: nil)
        #expect(r.status == 64)
        #expect(DeadlineRun.terminalControls(in: r.stdout + r.stderr).isEmpty, "\(r.stderrText.debugDescription)")
        #expect(r.stderrText.contains("--x␛]0;PWNED␇.jsonl"), "\(r.stderrText)")
        let help = try DeadlineRun.run(["check", "--help"], fifo: nil)
        #expect(help.status == 0 && help.stdoutText.contains("USAGE: dutydesk check"), "\(help.stdoutText)")
    }

    /// A feed whose name is not UTF-8 is read (opened by its bytes) and
    /// shown with U+FFFD: nothing lost, output still UTF-8.
    @Test func aFeedWhoseNameIsNotUTF8IsReadAndShownWithReplacements() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let raw = Array(dir.path.utf8) + Array("/b".utf8) + [0xFF] + Array(".jsonl".utf8)
        let fd = (raw + [0]).withUnsafeBufferPointer {
            $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT, 0o644) }
        }
        #expect(fd >= 0)
        let content = Array((Self.good + "\n{\"kind\":1}\n").utf8)
        #expect(content.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == content.count)
        close(fd)
        let stats = try DeadlineRun.run(["stats", dir.path], fifo: nil)
        #expect(try CLIRunner.json(stats.stdoutText).number("records") == 1)
        #expect(try CLIRunner.json(stats.stdoutText).number("quarantined") == 1)
        let check = try DeadlineRun.run(["check", dir.path], fifo: nil)
        #expect(check.status == 1)
        #expect(String(validating: check.stdout, as: UTF8.self) != nil)
        #expect(check.stdoutText.contains("/b\u{FFFD}.jsonl:2: "), "\(check.stdoutText)")
    }
}

/// Runs the built binary with a deadline (a command that blocks on a FIFO
/// must fail the test, not hang it), keeping its output as bytes.
enum DeadlineRun {
    struct Result {
        var status: Int32
        var timedOut: Bool
        var stdout: [UInt8]
        var stderr: [UInt8]
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// `fifo`: opened for writing after a timeout, so a process stuck in
    /// open(2) on it can finish.
    static func run(_ arguments: [String], fifo: String?, seconds: Double = 10) throws -> Result {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        let dir = TempFolder.make("deadline")
        defer { TempFolder.remove(dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        var timedOut = false
        if exited.wait(timeout: .now() + seconds) == .timedOut {
            timedOut = true
            if let fifo {
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 { close(fd) }
            }
            process.terminate()
            if exited.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL); exited.wait() }
        }
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus, timedOut: timedOut,
                      stdout: Array(try Data(contentsOf: outURL)), stderr: Array(try Data(contentsOf: errURL)))
    }

    /// Bytes a terminal acts on, as "0xNN at I": C0 controls but "\n", DEL,
    /// and C1 controls (U+0080–U+009F, UTF-8 C2 80–C2 9F).
    static func terminalControls(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for (i, b) in bytes.enumerated() {
            if (b < 0x20 && b != 0x0A) || b == 0x7F
                || (b == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])) {
                found.append(String(format: "0x%02X at %d", b, i))
            }
        }
        return found
    }
}
