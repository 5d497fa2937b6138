import Dispatch
import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Keeps every line and refusal it is handed, with positions.
struct TailSink: LineSink {
    var lines: [(text: String, position: LinePosition)] = []
    var refusals: [QuarantinedLine] = []

    mutating func line(_ bytes: UnsafeRawBufferPointer, at position: LinePosition) {
        lines.append((String(decoding: bytes, as: UTF8.self), position))
    }

    mutating func refused(_ line: QuarantinedLine) { refusals.append(line) }

    var texts: [String] { lines.map(\.text) }
    var numbers: [Int] { lines.map(\.position.line) }
    var offsets: [Int64] { lines.map(\.position.offset) }

    /// Polls once and returns only what that poll delivered.
    static func poll(_ tailer: FeedTailer) -> TailSink {
        var sink = TailSink()
        tailer.poll(into: &sink)
        return sink
    }
}

/// Writes with plain POSIX calls so appends, truncation and renames are exactly
/// what a feed writer or logrotate would do.
enum TailDisk {
    static func append(_ text: String, to path: String) { append(Array(text.utf8), to: path) }

    static func append(_ bytes: [UInt8], to path: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        precondition(fd >= 0, "open \(path)")
        bytes.withUnsafeBytes { buf in
            var done = 0
            while done < buf.count { done += write(fd, buf.baseAddress! + done, buf.count - done) }
        }
        close(fd)
    }

    static func truncate(_ path: String) { precondition(Foundation.truncate(path, 0) == 0) }
    static func rename(_ from: String, _ to: String) { precondition(Foundation.rename(from, to) == 0) }
    static func unlink(_ path: String) { precondition(Foundation.unlink(path) == 0) }

    /// pwrite over existing bytes: a rewrite in place, the size unchanged.
    static func overwrite(_ bytes: [UInt8], in path: String, at offset: Int) {
        let fd = open(path, O_WRONLY)
        precondition(fd >= 0, "open \(path)")
        precondition(bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(offset)) } == bytes.count)
        close(fd)
    }

    /// Moves the file's mtime on by whole seconds.
    static func setModified(_ path: String, secondsLater: Int) {
        var st = stat()
        precondition(stat(path, &st) == 0)
        var times = [st.st_atim, st.st_mtim]
        times[1].tv_sec += secondsLater
        precondition(utimensat(AT_FDCWD, path, times, 0) == 0)
    }
}

/// Runs what might block (an open of a FIFO) on a thread of its own, with a
/// deadline: a generous one, as a hang detector, not a timing assertion.
enum NonBlocking {
    static func run<T>(seconds: Double = 10, _ body: @escaping () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let call = UncheckedCall { box.value = body(); done.signal() }
        Thread.detachNewThread { call.run() }
        return done.wait(timeout: .now() + seconds) == .success ? box.value : nil
    }

    /// Lets a reader stuck in open(2) on `fifo` go (a writer appears), after a failure.
    static func release(fifo: String) {
        let fd = open(fifo, O_WRONLY | O_NONBLOCK)
        if fd >= 0 { close(fd) }
    }

    private final class ResultBox<T>: @unchecked Sendable { var value: T? }
    private struct UncheckedCall: @unchecked Sendable { let run: () -> Void }
}

@Suite struct TailerTests {
    @Test func appendedLinesArriveOnceWithPositions() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("a\nbb\n", to: file)
        let tailer = FeedTailer(paths: [file])
        let first = TailSink.poll(tailer)
        #expect(first.texts == ["a", "bb"])
        #expect(first.numbers == [1, 2])
        #expect(first.offsets == [0, 2])
        #expect(first.lines[0].position.file == file)
        TailDisk.append("ccc\n", to: file)
        let second = TailSink.poll(tailer)
        #expect(second.texts == ["ccc"])
        #expect(second.numbers == [3])
        #expect(second.offsets == [5])
        #expect(TailSink.poll(tailer).lines.isEmpty)
        let health = tailer.health
        #expect(health.files == 1 && health.lines == 3 && health.bytes == 9)
        #expect(health.lastLineMillis != nil)
    }

    @Test func partialLineIsHeldThenDeliveredOnce() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("one\ntw", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == ["one"])
        TailDisk.append("o\nthr", to: file)
        let second = TailSink.poll(tailer)
        #expect(second.texts == ["two"])
        #expect(second.numbers == [2] && second.offsets == [4])
        #expect(TailSink.poll(tailer).lines.isEmpty)
        TailDisk.append("ee\n", to: file)
        let third = TailSink.poll(tailer)
        #expect(third.texts == ["three"])
        #expect(third.numbers == [3] && third.offsets == [8])
    }

    @Test func crlfLosesTheCarriageReturn() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("a\r\nbc\r", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == ["a"])
        TailDisk.append("\n\r\n", to: file)   // the "\r" was held with the partial line
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["bc", ""])
        #expect(sink.offsets == [3, 7])
    }

    @Test func renameRotationDrainsTheOldFileFirst() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("1\n2\n", to: file)
        let tailer = FeedTailer(paths: [dir.path])
        #expect(TailSink.poll(tailer).texts == ["1", "2"])
        TailDisk.append("3\n4", to: file)           // the writer's last words, after our poll
        TailDisk.rename(file, file + ".1")
        TailDisk.append("new1\nnew2\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["3", "new1", "new2"])
        #expect(sink.numbers == [3, 1, 2])
        #expect(sink.offsets == [4, 0, 5])
        #expect(sink.lines.first?.position.file == file + ".1")   // where those bytes are now
        #expect(tailer.health.files == 2)           // the rotated copy is a feed of the folder too
        // The writer, still holding the rotated file, ends its line: one
        // line, whole (flushing "4" at the rename lost its rest before).
        TailDisk.append("5\n", to: file + ".1")
        let rest = TailSink.poll(tailer)
        #expect(rest.texts == ["45"] && rest.numbers == [4] && rest.offsets == [6])
    }

    @Test func renameToAnotherFollowedNameContinues() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        TailDisk.append("1\n2\n", to: dir.file("b.jsonl"))
        let tailer = FeedTailer(paths: [dir.path])
        #expect(TailSink.poll(tailer).texts == ["1", "2"])
        TailDisk.rename(dir.file("b.jsonl"), dir.file("a-old.jsonl"))
        TailDisk.append("3\n", to: dir.file("a-old.jsonl"))
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["3"])
        #expect(sink.numbers == [3])
        #expect(sink.lines.first?.position.file == dir.file("a-old.jsonl"))
    }

    @Test func copytruncateRestartsFromLineOne() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("1\n2\n3\npart", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == ["1", "2", "3"])
        TailDisk.truncate(file)
        TailDisk.append("x\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["x"])
        #expect(sink.numbers == [1] && sink.offsets == [0])
    }

    @Test func deleteAndRecreate() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("1\n2\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == ["1", "2"])
        TailDisk.append("3\n", to: file)
        TailDisk.unlink(file)
        let gone = TailSink.poll(tailer)
        #expect(gone.texts == ["3"])
        #expect(tailer.problems.count == 1)
        #expect(tailer.problems.first?.contains("No such file or directory") == true)
        #expect(tailer.health.files == 0)
        TailDisk.append("y\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["y"])
        #expect(sink.numbers == [1] && sink.offsets == [0])
        #expect(tailer.problems.isEmpty)
    }

    @Test func deleteAndRecreateWithinOnePoll() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("1\n", to: file)
        let tailer = FeedTailer(paths: [dir.path])
        #expect(TailSink.poll(tailer).texts == ["1"])
        TailDisk.append("2\n", to: file)
        TailDisk.unlink(file)
        TailDisk.append("fresh\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["2", "fresh"])
        #expect(sink.numbers == [2, 1])
    }

    @Test func truncateAndRegrowPastOldOffsetIsNoticedByFingerprint() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("aaaa\nbbbb\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == ["aaaa", "bbbb"])
        TailDisk.truncate(file)
        TailDisk.append("cccc\ndddd\neeee\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["cccc", "dddd", "eeee"])
        #expect(sink.numbers == [1, 2, 3] && sink.offsets == [0, 5, 10])
    }

    // MARK: Rewritten in place (issue 10, item 2)

    /// 70 bytes: longer than the 64-byte fingerprint, so a rewrite can keep it.
    static let head = String(repeating: "h", count: 70)

    @Test func rewriteKeepingTheFirstBytesAndRegrowingIsReadFromTheStart() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("\(Self.head)\nold-1\nold-2\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == [Self.head, "old-1", "old-2"])
        TailDisk.truncate(file)   // truncated and rewritten, larger, between two polls
        TailDisk.append("\(Self.head)\nnew-line-1\nnew-2\nnew-3\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == [Self.head, "new-line-1", "new-2", "new-3"])
        #expect(sink.numbers == [1, 2, 3, 4] && sink.offsets == [0, 71, 82, 88])
        #expect(sink.refusals.isEmpty)
        TailDisk.append("next\n", to: file)   // and then followed as usual
        let after = TailSink.poll(tailer)
        #expect(after.texts == ["next"] && after.numbers == [5])
    }

    @Test func sameSizeRewriteAfterTheFirstBytesIsReadFromTheStart() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("\(Self.head)\nabc\ndef\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == [Self.head, "abc", "def"])
        TailDisk.truncate(file)
        TailDisk.append("\(Self.head)\nxyz\nuvw\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == [Self.head, "xyz", "uvw"])
        #expect(sink.numbers == [1, 2, 3])
        #expect(TailSink.poll(tailer).lines.isEmpty)   // noticed once, not on every poll
    }

    @Test func rewriteOfTheHeldPartialLineIsNotGluedToTheOldBytes() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("\(Self.head)\npart", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == [Self.head])
        TailDisk.truncate(file)
        TailDisk.append("\(Self.head)\nother\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == [Self.head, "other"])
        #expect(sink.numbers == [1, 2])
    }

    /// A same-size rewrite that changes only bytes far from both the first
    /// 64 and the last 4 KiB read: only the modification time tells.
    @Test func sameSizeRewriteOfTheMiddleIsNoticedByItsModificationTime() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        let lines = (0..<200).map { String(format: "line-%03d-", $0) + String(repeating: "x", count: 90) }
        TailDisk.append(lines.joined(separator: "\n") + "\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).lines.count == 200)
        var changed = lines
        changed[50] = String(format: "line-%03d-", 50) + String(repeating: "y", count: 90)
        TailDisk.overwrite(Array(changed[50].utf8), in: file, at: 50 * 100)
        TailDisk.setModified(file, secondsLater: 2)   // what a write did, without a clock's coarse tick
        // The bytes read no longer hash as they did: read again at once.
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == changed)
        #expect(sink.numbers == Array(1...200))
        #expect(TailSink.poll(tailer).lines.isEmpty)
    }

    /// The adversarial re-test's case: line 10,000 of 20,000 changed in
    /// place (same length) and one line appended, between two polls. The
    /// first bytes, the size and the bytes before the old end all say
    /// "appended"; the hash of the bytes read says otherwise, and the file is
    /// read again, the changed line included. Before, it was never ingested.
    @Test func aChangeInTheMiddleWhileTheFileGrowsIsNoticed() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        let lines = (0..<20_000).map { String(format: "line-%05d-", $0) + String(repeating: "x", count: 88) }
        TailDisk.append(lines.joined(separator: "\n") + "\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).lines.count == 20_000)
        var changed = lines
        changed[10_000] = String(format: "line-%05d-", 10_000) + String(repeating: "y", count: 88)
        TailDisk.overwrite(Array(changed[10_000].utf8), in: file, at: 10_000 * 100)
        TailDisk.append("line-20000\n", to: file)
        TailDisk.setModified(file, secondsLater: 2)   // what the writes did, without a clock's coarse tick
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == changed + ["line-20000"])
        #expect(sink.numbers.first == 1)
    }

    /// In a folder others can write, a symlink another account planted
    /// (`evil.jsonl -> the officer's private file`) is not followed: the
    /// private file is never read as a feed (the adversarial re-test saw it
    /// counted as "2 files, 1 quarantined"). Links of this account, or of the
    /// folder's owner, are followed as before.
    @Test(.enabled(if: geteuid() == 0, "lchown needs root"))
    func aSymlinkPlantedByAnotherAccountIsNotFollowed() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let feeds = dir.file("feeds")
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: false)
        chmod(feeds, 0o777)
        #expect(chown(feeds, 54_320, 54_320) == 0)        // the folder belongs to someone else too
        let secret = dir.file("private.txt"), other = dir.file("ours.jsonl")
        TailDisk.append("secret\n", to: secret)
        TailDisk.append("ours\n", to: other)
        #expect(symlink(secret, feeds + "/evil.jsonl") == 0)
        #expect(lchown(feeds + "/evil.jsonl", 54_321, 54_321) == 0)
        #expect(symlink(other, feeds + "/mine.jsonl") == 0)   // made by this account
        let tailer = FeedTailer(paths: [feeds])
        var sink = TailSink()
        let report = tailer.poll(into: &sink)
        #expect(sink.texts == ["ours"])
        #expect(report.problems.contains { $0.contains("evil.jsonl") && $0.contains("symbolic link of uid 54321") })
        // The folder's owner may link feeds in.
        #expect(lchown(feeds + "/evil.jsonl", 54_320, 54_320) == 0)
        #expect(TailSink.poll(tailer).texts == ["secret"])
    }

    /// The second re-test's race: the name is a plain file of the attacker's
    /// when the folder is listed, and their symlink to the officer's private
    /// file when it is opened. What was opened is checked against what the
    /// name is after the open: refused, the private file never read.
    @Test(.enabled(if: geteuid() == 0, "lchown needs root"))
    func aNameSwappedForAPlantedSymlinkBeforeTheOpenIsNotRead() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let feeds = dir.file("feeds")
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: false)
        chmod(feeds, 0o777)
        let secret = dir.file("private.txt"), evil = feeds + "/evil.jsonl"
        TailDisk.append("secret\n", to: secret)
        TailDisk.append("", to: evil)
        #expect(chown(evil, 54_321, 54_321) == 0)
        let tailer = FeedTailer(paths: [feeds])
        tailer.beforeOpen = { path in
            guard path == evil else { return }
            unlink(evil)
            _ = symlink(secret, evil)
            _ = lchown(evil, 54_321, 54_321)
        }
        var sink = TailSink()
        let report = tailer.poll(into: &sink)
        #expect(sink.texts.isEmpty)
        #expect(report.problems.contains { $0.contains("evil.jsonl") && $0.contains("not read") })
    }

    /// The kernel moves mtime before it grows the file: a poll between the
    /// two sees a write that did not (yet) grow it. The next poll sees the
    /// growth, and nothing is read twice.
    @Test func anAppendCaughtHalfWayIsNotARewrite() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("\(Self.head)\n1\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).texts == [Self.head, "1"])
        TailDisk.setModified(file, secondsLater: 2)   // the write has begun: mtime moved, size not yet
        #expect(TailSink.poll(tailer).lines.isEmpty)
        TailDisk.append("2\n", to: file)              // and ends
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["2"] && sink.numbers == [3])
    }

    /// The issue's figure: 20,000 lines, rewritten with one early line a
    /// byte longer and one more line (the first 64 bytes kept), in one poll.
    @Test func rewriteOfTwentyThousandLinesLosesNone() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        let old = (0..<20_000).map { #"{"n":\#($0),"pad":"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"}"# }
        TailDisk.append(old.joined(separator: "\n") + "\n", to: file)
        let tailer = FeedTailer(paths: [file])
        #expect(TailSink.poll(tailer).lines.count == 20_000)
        var new = old
        new[10] = #"{"n":10,"pad":"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz!"}"#
        new.append(#"{"n":20000}"#)
        TailDisk.truncate(file)
        TailDisk.append(new.joined(separator: "\n") + "\n", to: file)
        let sink = TailSink.poll(tailer)
        #expect(sink.lines.count == 20_001)
        #expect(sink.texts == new)
        #expect(sink.refusals.isEmpty)
    }

    @Test func appendsAndAChmodAreNotARewrite() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("\(Self.head)\n", to: file)
        let tailer = FeedTailer(paths: [file])
        var all = TailSink()
        tailer.poll(into: &all)
        for i in 0..<50 {
            TailDisk.append("line-\(i)\n", to: file)
            if i % 10 == 0 { precondition(chmod(file, i % 20 == 0 ? 0o600 : 0o644) == 0) }   // ctime only
            tailer.poll(into: &all)
            tailer.poll(into: &all)
        }
        #expect(all.texts == [Self.head] + (0..<50).map { "line-\($0)" })
        #expect(all.numbers == Array(1...51))
    }

    // MARK: FIFOs and other non-regular files (issue 10, item 8)

    @Test func aFifoOrADirectoryNamedJsonlInAFolderIsNamedAndNeverOpened() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        TailDisk.append("a1\n", to: dir.file("a.jsonl"))
        precondition(mkfifo(dir.file("p.jsonl"), 0o644) == 0)
        try FileManager.default.createDirectory(atPath: dir.file("d.jsonl"), withIntermediateDirectories: false)
        let tailer = FeedTailer(paths: [dir.path])
        let result = NonBlocking.run { TailSink.poll(tailer) }
        guard let sink = result else {
            NonBlocking.release(fifo: dir.file("p.jsonl"))
            Issue.record("poll blocked on a FIFO"); return
        }
        #expect(sink.texts == ["a1"])
        #expect(tailer.problems == [
            "\(dir.file("d.jsonl")): not a regular file (a directory) — retrying every poll",
            "\(dir.file("p.jsonl")): not a regular file (a FIFO) — retrying every poll",
        ])
        #expect(tailer.health.files == 1)
    }

    @Test func aFifoGivenAsAFeedIsRefusedWithoutBlocking() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let fifo = dir.file("p.jsonl")
        precondition(mkfifo(fifo, 0o644) == 0)
        let tailer = FeedTailer(paths: [fifo])
        guard NonBlocking.run({ TailSink.poll(tailer) }) != nil else {
            NonBlocking.release(fifo: fifo)
            Issue.record("poll blocked on a FIFO"); return
        }
        #expect(tailer.problems == ["\(fifo): not a regular file or directory (a FIFO) — retrying every poll"])
    }

    /// The race of the issue: the path is a plain file when listed and a
    /// FIFO (with no writer) when opened. A blocking open would wait for a
    /// writer for ever, and with it the console's queue.
    @Test func aFileSwappedForAFifoBetweenListingAndOpenIsRefusedWithoutBlocking() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("1\n", to: file)
        TailDisk.append("b1\n", to: dir.file("b.jsonl"))
        let tailer = FeedTailer(paths: [dir.path])
        tailer.beforeOpen = { path in
            guard path == file else { return }
            TailDisk.unlink(path)
            precondition(mkfifo(path, 0o644) == 0)
        }
        guard let sink = NonBlocking.run({ TailSink.poll(tailer) }) else {
            NonBlocking.release(fifo: file)
            Issue.record("poll blocked on a FIFO swapped in before the open"); return
        }
        #expect(sink.texts == ["b1"])   // the other files are still read
        #expect(tailer.problems == ["\(file): not a regular file (a FIFO) — retrying every poll"])
        #expect(tailer.health.files == 1)
    }

    @Test func directoryPicksUpNewFilesInNameOrder() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        TailDisk.append("b1\n", to: dir.file("b.jsonl"))
        TailDisk.append("ignored\n", to: dir.file("notes.txt"))
        let tailer = FeedTailer(paths: [dir.path])
        #expect(TailSink.poll(tailer).texts == ["b1"])
        TailDisk.append("c1\n", to: dir.file("c.jsonl"))
        TailDisk.append("a1\na2\n", to: dir.file("a.jsonl"))
        TailDisk.append("b2\n", to: dir.file("b.jsonl"))
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["a1", "a2", "b2", "c1"])
        #expect(sink.numbers == [1, 2, 2, 1])
        #expect(sink.lines.map(\.position.file) == ["a", "a", "b", "c"].map { dir.file($0 + ".jsonl") })
        #expect(tailer.health.files == 3)
    }

    @Test func missingDirectoryIsAProblemUntilCreated() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let feeds = dir.file("feeds/")
        let tailer = FeedTailer(paths: [feeds])
        var sink = TailSink()
        let report = tailer.poll(into: &sink)
        #expect(report.problems == ["\(feeds): No such file or directory — retrying every poll"])
        #expect(tailer.problems == report.problems)
        #expect(TailSink.poll(tailer).lines.isEmpty)   // retried, still missing
        #expect(tailer.problems.count == 1)
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: false)
        TailDisk.append("hello\n", to: feeds + "x.jsonl")
        #expect(TailSink.poll(tailer).texts == ["hello"])
        #expect(tailer.problems.isEmpty)
    }

    @Test func directoryMovedAwayAndBackIsNotReadAgain() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let feeds = dir.file("feeds"), away = dir.file("away")
        try FileManager.default.createDirectory(atPath: feeds, withIntermediateDirectories: false)
        TailDisk.append("1\n", to: feeds + "/a.jsonl")
        let tailer = FeedTailer(paths: [feeds])
        #expect(TailSink.poll(tailer).texts == ["1"])
        TailDisk.rename(feeds, away)
        TailDisk.append("2\n", to: away + "/a.jsonl")
        #expect(TailSink.poll(tailer).texts == ["2"])   // still open: read on
        #expect(tailer.problems.count == 1)
        TailDisk.rename(away, feeds)
        TailDisk.append("3\n", to: feeds + "/a.jsonl")
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["3"] && sink.numbers == [3])
        #expect(tailer.problems.isEmpty)
    }

    @Test func overlongLineIsRefusedAndLaterLinesKeepTheirPlace() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        let long = FeedParser.maxLineBytes + FeedParser.maxLineBytes / 2
        TailDisk.append("first\n", to: file)
        TailDisk.append([UInt8](repeating: 0x78, count: long) + Array("\nafter\n".utf8), to: file)
        let tailer = FeedTailer(paths: [file])
        let sink = TailSink.poll(tailer)
        #expect(sink.texts == ["first", "after"])
        #expect(sink.numbers == [1, 3])
        #expect(sink.offsets == [0, Int64(6 + long + 1)])
        #expect(sink.refusals.map(\.line) == [2])
        #expect(sink.refusals.first?.offset == 6)
        #expect(sink.refusals.first?.error.errorClass == .tooLong)
        #expect(sink.refusals.first?.error.message == "line too long (over 1 MiB)")
    }

    @Test func overlongLineArrivingInPiecesIsRefusedOnce() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        let piece = [UInt8](repeating: 0x79, count: 700 * 1024)
        TailDisk.append(Array("ok\n".utf8) + piece, to: file)
        let tailer = FeedTailer(paths: [file])
        var sink = TailSink()
        tailer.poll(into: &sink)
        #expect(sink.texts == ["ok"] && sink.refusals.isEmpty)
        for _ in 0..<3 {
            TailDisk.append(piece, to: file)
            tailer.poll(into: &sink)
        }
        #expect(sink.refusals.map(\.line) == [2] && sink.refusals.first?.offset == 3)
        TailDisk.append("\nnext\n", to: file)
        tailer.poll(into: &sink)
        #expect(sink.texts == ["ok", "next"])
        #expect(sink.numbers == [1, 3])
        #expect(sink.offsets == [0, Int64(3 + 4 * piece.count + 1)])
        #expect(sink.refusals.count == 1)
    }

    @Test func lineAcrossTheBufferBoundaryIsIntact() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("big.jsonl")
        let count = FeedTailer.bufferBytes / 1000 * 2 + 7    // ~8 MiB: crosses two boundaries
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 1000)
        for i in 0..<count { bytes += Self.line(i) + [0x0A] }
        TailDisk.append(bytes, to: file)
        let tailer = FeedTailer(paths: [file])
        let sink = TailSink.poll(tailer)
        #expect(sink.lines.count == count)
        #expect(sink.texts == (0..<count).map { String(decoding: Self.line($0), as: UTF8.self) })
        #expect(sink.offsets == (0..<count).map { Int64($0 * 1000) })
        #expect(sink.numbers == Array(1...count))
    }

    /// 999 bytes, numbered, so a line split wrongly cannot match another.
    static func line(_ i: Int) -> [UInt8] {
        let head = Array("{\"n\":\(i),\"pad\":\"".utf8)
        return head + [UInt8](repeating: UInt8(0x61 + i % 26), count: 999 - head.count - 2) + Array("\"}".utf8)
    }

    @Test func finishDeliversTheUnterminatedLastLineOnce() throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("a\nlast\r", to: file)
        let tailer = FeedTailer(paths: [file])
        var sink = TailSink()
        tailer.poll(into: &sink)
        #expect(sink.texts == ["a"])
        tailer.finish(into: &sink)
        #expect(sink.texts == ["a", "last"])
        #expect(sink.lines.last?.position == LinePosition(file: file, line: 2, offset: 2))
        tailer.finish(into: &sink)
        TailDisk.append("ing\nnext\n", to: file)     // the rest of the flushed line is not a new line
        tailer.poll(into: &sink)
        #expect(sink.texts == ["a", "last", "next"])
        #expect(sink.numbers == [1, 2, 3])
    }

    @Test func timerDeliversAppendedLines() async throws {
        let dir = try TempFolder(); defer { dir.remove() }
        let file = dir.file("a.jsonl")
        TailDisk.append("1\n", to: file)
        let shared = TailSharedSink()
        let tailer = FeedTailer(paths: [dir.path])
        tailer.start(interval: .milliseconds(20), queue: DispatchQueue(label: "tailer-test")) { t in
            shared.poll(t)
        }
        defer { tailer.stop() }
        #expect(await shared.wait(for: 1))
        TailDisk.append("2\n3\n", to: file)
        #expect(await shared.wait(for: 3))
        #expect(shared.texts == ["1", "2", "3"])
    }
}

/// A sink shared between the timer's queue and the test.
final class TailSharedSink: @unchecked Sendable {
    private let lock = NSLock()
    private var sink = TailSink()

    func poll(_ tailer: FeedTailer) { lock.withLock { _ = tailer.poll(into: &sink) } }
    var texts: [String] { lock.withLock { sink.texts } }

    /// Waits, in short steps, up to 10 s for `count` lines. Looks once more
    /// after the deadline: when other tests hold every thread of the test
    /// pool (two on this machine), this task may only wake after it, while
    /// the timer, on its own queue, has long delivered the lines.
    func wait(for count: Int) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if texts.count >= count { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return texts.count >= count
    }
}
