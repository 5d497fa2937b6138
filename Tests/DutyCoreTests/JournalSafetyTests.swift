import DutyTestSupport
import Foundation
import Testing
@testable import DutyCore

/// Issue 10, the journal's side: a torn tail is terminated in place (readers
/// that read into it lose nothing), a renamed journal is followed by name,
/// and no file the console writes can be redirected through a symlink.
@Suite struct JournalSafetyTests {
    typealias J = OperatorJournalTests

    static let ts = "2026-11-28T09:00:00+08:00"

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// A file outside the shared folder that must never change, and its bytes.
    static func privateFile(_ dir: URL, _ name: String = "private.txt") throws -> (path: String, bytes: [UInt8]) {
        let outside = dir.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let path = outside.appendingPathComponent(name).path
        try write("the officer's own notes\n", to: path)
        chmod(path, 0o600)
        return (path, J.bytes(path))
    }

    /// The shared feed folder: writable by all, no sticky bit (with it the
    /// kernel's protected_symlinks would stop the attack by itself).
    static func sharedFolder(_ dir: URL) throws -> String {
        let shared = dir.appendingPathComponent("feeds").path
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o777)
        return shared
    }

    /// Another account's symlink `name` in the shared folder, at a private file.
    static func plantedLink(_ dir: URL, _ name: String) throws -> (link: String, target: (path: String, bytes: [UInt8])) {
        let link = try sharedFolder(dir) + "/" + name
        let target = try privateFile(dir)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        return (link, target)
    }

    // MARK: - Item 1: a torn tail is terminated, never cut

    /// A journal ends in a torn line; the real tailer (as console B's feed or
    /// `stats --follow`) and a second journal instance have read up to it or
    /// into it; console A appends. Both readers get A's records, and the torn
    /// bytes are one bad line for both, at the same place.
    @Test func tornTailIsTerminatedSoReadersLoseNothing() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let first = Line.event("E1", Self.ts) + "\n"
        let torn = #"{"kind":"task","id":"ZF-9","ts":"2026-11-"#
        try Self.write(first + torn, to: path)

        let tailer = FeedTailer(paths: [path])
        #expect(TailSink.poll(tailer).texts == [Line.event("E1", Self.ts)])  // the torn bytes are held
        let other = OperatorJournal(path: path, console: "b")
        #expect(try other.poll().get().records.map(\.id) == ["E1"])

        let writer = OperatorJournal(path: path, console: "a")
        let result = writer.append(J.dispatch("E1", task: "ZF-20261128-0001", by: "李"), expecting: J.stillOpen("E1"))
        #expect(result.isWritten)
        #expect(result.badLines.map(\.offset) == [Int64(first.utf8.count)])

        let after = TailSink.poll(tailer)
        #expect(after.texts.first == torn)
        #expect(after.numbers == [2, 3, 4])
        let ids = after.texts.dropFirst().compactMap { try? TestSupport.parse($0).get().id }
        #expect(ids == ["ZF-20261128-0001", "E1"])

        let polled = try other.poll().get()
        #expect(polled.records.map(\.id) == ["ZF-20261128-0001", "E1"])
        #expect(polled.badLines.map(\.offset) == [Int64(first.utf8.count)])

        // Nothing anyone may have read was rewritten, and no side file.
        #expect(J.text(path).hasPrefix(first + torn + "\n"))
        #expect(!FileManager.default.fileExists(atPath: path + ".torn"))
    }

    /// Torn bytes that are a whole record missing only its newline become that
    /// record for everybody: the writer's check sees it, and so do readers.
    @Test func tornTailThatIsAWholeRecordCountsForEveryone() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let first = Line.event("E1", Self.ts) + "\n"
        let last = Line.event("E2", "2026-11-28T10:00:00+08:00", status: "cancelled")
        try Self.write(first + last, to: path)
        let tailer = FeedTailer(paths: [path])
        #expect(TailSink.poll(tailer).texts == [Line.event("E1", Self.ts)])

        let writer = OperatorJournal(path: path, console: "a")
        let refused = writer.append(J.dispatch("E2", task: "ZF-20261128-0001", by: "李"), expecting: J.stillOpen("E2"))
        #expect(refused.outcome == .refused(JournalRefusal("already cancelled at 10:00")))
        #expect(refused.read.map(\.id) == ["E1", "E2"])
        #expect(refused.badLines.isEmpty)
        #expect(J.text(path) == first + last + "\n")
        #expect(TailSink.poll(tailer).texts == [last])
    }

    // MARK: - Item 3: a renamed journal is followed by name

    /// `mv journal journal.1` while console A holds it open: console C starts
    /// a fresh journal and dispatches E1; A's next append goes to the file the
    /// path names now, reads it from its start, and is refused, instead of
    /// dispatching E1 a second time into the renamed, unwatched file.
    @Test func renamedJournalIsReopenedBeforeAppending() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let a = OperatorJournal(path: path, console: "a")
        #expect(a.append(J.dispatch("E0", task: "T0", by: "李"), expecting: J.stillOpen("E0")).isWritten)
        #expect(rename(path, path + ".1") == 0)
        let rotated = J.bytes(path + ".1")

        let c = OperatorJournal(path: path, console: "c")
        #expect(c.append(J.dispatch("E1", task: "T1", by: "王"), expecting: J.stillOpen("E1")).isWritten)
        let r = a.append(J.dispatch("E1", task: "T2", by: "李"), expecting: J.stillOpen("E1"))
        #expect(r.outcome == .refused(JournalRefusal("already dispatched by 王 at 10:42")))
        #expect(r.read.map(\.id) == ["T1", "E1"])

        #expect(a.append(J.dispatch("E2", task: "T3", by: "李"), expecting: J.stillOpen("E2")).isWritten)
        #expect(J.bytes(path + ".1") == rotated)
        #expect(J.lines(path).count == 4)
        #expect(try c.poll().get().records.map(\.id) == ["T3", "E2"])
    }

    /// The journal deleted under a console: the next append creates it anew
    /// rather than writing into the unlinked file nobody can read.
    @Test func deletedJournalIsCreatedAgain() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let path = dir.appendingPathComponent("journal.jsonl").path
        let a = OperatorJournal(path: path, console: "a")
        #expect(a.append(J.dispatch("E0", task: "T0", by: "李"), expecting: { _ in nil }).isWritten)
        #expect(unlink(path) == 0)
        #expect(a.append(J.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil }).isWritten)
        #expect(J.lines(path).count == 2)
    }

    // MARK: - Item 10: no writing through symlinks, only sane journals

    @Test func journalThatIsASymlinkIsRefused() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try Self.sharedFolder(dir)
        let target = try Self.privateFile(dir)
        let missing = dir.appendingPathComponent("home/not-yet.txt").path
        for (name, to) in [("operator-journal.jsonl", target.path), ("dangling.jsonl", missing)] {
            let path = shared + "/" + name
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: to)
            let journal = OperatorJournal(path: path, console: "c1")
            let r = journal.append(J.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil })
            guard case .failed(let why) = r.outcome else { Issue.record("not refused: \(r.outcome)"); continue }
            #expect(why.message.contains(path))
            #expect(why.message.contains("symbolic link"))
            #expect(journal.blocked == why)
            if case .failure = journal.poll() {} else { Issue.record("poll read through a symlink") }
        }
        #expect(J.bytes(target.path) == target.bytes)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// At start, an existing journal that cannot be used is reported (and
    /// blocks) before any action; a missing one is not created by the check.
    @Test func preflightReportsAnUnusableJournalAndCreatesNothing() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try Self.sharedFolder(dir)
        let target = try Self.privateFile(dir)
        let missing = OperatorJournal(path: shared + "/operator-journal.jsonl", console: "c1")
        #expect(missing.preflight() == nil)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        let link = shared + "/linked.jsonl"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target.path)
        let linked = OperatorJournal(path: link, console: "c1")
        let failure = try #require(linked.preflight())
        #expect(failure.message.contains(link) && failure.message.contains("symbolic link"))
        #expect(linked.blocked == failure)
        #expect(J.bytes(target.path) == target.bytes)
    }

    @Test func journalThatIsNotARegularFileIsRefusedWithoutBlocking() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let fifo = dir.appendingPathComponent("fifo.jsonl").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let folder = dir.appendingPathComponent("folder.jsonl").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for path in [fifo, folder] {
            let r = OperatorJournal(path: path, console: "c1").append(J.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil })
            guard case .failed(let why) = r.outcome else { Issue.record("not refused: \(r.outcome)"); continue }
            #expect(why.message.contains(path))
            #expect(why.message.contains("not a regular file"))
        }
    }

    @Test func recordingThroughASymlinkIsRefused() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let (link, target) = try Self.plantedLink(dir, "recording.jsonl")
        for truncate in [false, true] {
            do {
                let w = try RecordingWriter(path: link, truncate: truncate)
                w.append(J.dispatch("E1", task: "T1", by: "李")[0])
                try w.close()
                Issue.record("a recording was written through a symlink (truncate: \(truncate))")
            } catch let error as RecordingError {
                #expect(error.description.contains("symbolic link"))
            }
        }
        #expect(J.bytes(target.path) == target.bytes)
    }

    /// `generate` (and the demo's generated day) never writes through a
    /// symlink either; a regular file is still overwritten whole.
    @Test func generatedFeedThroughASymlinkIsRefused() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let (link, target) = try Self.plantedLink(dir, "generated.jsonl")
        #expect(throws: (any Error).self) { try FeedGenerator.write(seed: 1, start: OperatorActionTests.now, records: 5, to: link) }
        #expect(J.bytes(target.path) == target.bytes)
        let plain = try Self.sharedFolder(dir) + "/plain.jsonl"
        try Self.write(String(repeating: "x", count: 100_000), to: plain)
        try FeedGenerator.write(seed: 1, start: OperatorActionTests.now, records: 5, to: plain)
        #expect(J.lines(plain).count == 5)
    }

    /// 交接班 beside the journal: a planted `handover-<minute>-<operator>.md` symlink is
    /// refused and its target left alone; a regular file of that name (an
    /// earlier handover in the same minute) is kept, the new one takes `-2`.
    @Test func handoverNeverWritesThroughASymlinkOrOverAFile() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try Self.sharedFolder(dir)
        let target = try Self.privateFile(dir)
        let now = OperatorActionTests.now
        let name = ShiftHandover.fileName(now: now, operatorName: "值班员甲")
        #expect(name == "handover-20261128-1200-值班员甲.md")
        try FileManager.default.createSymbolicLink(atPath: shared + "/" + name, withDestinationPath: target.path)
        switch ShiftHandover.save("# handover\n", directory: shared, now: now, operatorName: "值班员甲") {
        case .success(let saved): Issue.record("written to \(saved.path)")
        case .failure(let e):
            #expect(e.path == shared + "/" + name)
            #expect(e.description.contains("symbolic link"))
        }
        #expect(J.bytes(target.path) == target.bytes)

        #expect(unlink(shared + "/" + name) == 0)
        try Self.write("earlier\n", to: shared + "/" + name)
        let saved = try ShiftHandover.save("# handover\n", directory: shared, now: now, operatorName: "值班员甲").get()
        #expect(saved.path == shared + "/" + ShiftHandover.fileName(now: now, operatorName: "值班员甲", attempt: 2))
        #expect(saved.name == "handover-20261128-1200-值班员甲-2.md")
        #expect(J.text(saved.path) == "# handover\n")
        #expect(J.text(shared + "/" + name) == "earlier\n")
    }

    // MARK: - Item 10: the sharing model (needs root to hand files to other ids)

    static var isRoot: Bool { geteuid() == 0 }

    /// A journal owned by another account is refused unless its group is one
    /// of ours, it is the folder's group, and the folder is setgid.
    @Test(.enabled(if: isRoot, "chown needs root"))
    func journalOwnedOutsideTheSharingModelIsRefused() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try Self.sharedFolder(dir)
        let path = shared + "/operator-journal.jsonl"
        try Self.write(Line.event("E1", Self.ts) + "\n", to: path)
        let stranger: uid_t = 54_321
        let ourGroup = getegid()
        #expect(chown(shared, 0, ourGroup) == 0)

        func attempt() -> JournalResult.Outcome {
            OperatorJournal(path: path, console: "c1").append(J.dispatch("E1", task: "T1", by: "李"), expecting: { _ in nil }).outcome
        }
        // Someone else's file, a group we are not in.
        #expect(chown(path, stranger, stranger) == 0)
        let before = J.bytes(path)
        guard case .failed(let why) = attempt() else { Issue.record("accepted a stranger's journal"); return }
        #expect(why.message.contains(path) && why.message.contains("outside the sharing model"))
        // Our group, but the folder is not setgid.
        #expect(chown(path, stranger, ourGroup) == 0)
        chmod(shared, 0o770)
        guard case .failed(let why2) = attempt() else { Issue.record("accepted without a setgid folder"); return }
        #expect(why2.message.contains("setgid"))
        #expect(J.bytes(path) == before)
        // The center's group in its setgid folder: accepted.
        chmod(shared, 0o2770)
        let accepted = attempt()
        guard case .written = accepted else { Issue.record("refused the center's journal: \(accepted)"); return }
    }

    /// `watch --record FILE` onto an existing file another account owns (and
    /// left writable) is refused like such a journal; before, the records
    /// were appended to the stranger's file (found by the adversarial re-test).
    @Test(.enabled(if: isRoot, "chown needs root"))
    func recordingOwnedOutsideTheSharingModelIsRefused() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try Self.sharedFolder(dir)
        let path = shared + "/recording.jsonl"
        try Self.write("", to: path)
        #expect(chown(path, 54_321, 54_321) == 0 && chmod(path, 0o666) == 0)
        do {
            let w = try RecordingWriter(path: path)
            w.append(J.dispatch("E1", task: "T1", by: "李")[0])
            try w.close()
            Issue.record("appended to a stranger's recording")
        } catch let error as RecordingError {
            #expect(error.description.contains("outside the sharing model"))
        }
        #expect(J.bytes(path).isEmpty)
        // Our own existing recording is appended to as before.
        #expect(chown(path, geteuid(), getegid()) == 0)
        let w = try RecordingWriter(path: path)
        w.append(J.dispatch("E1", task: "T1", by: "李")[0])
        try w.close()
        #expect(!J.bytes(path).isEmpty)
    }

    /// A new journal and its id state file are created 0660 (before the
    /// umask), in the folder's group when the folder is setgid.
    @Test func journalIsCreatedForTheGroup() throws {
        let dir = TempFolder.make(); defer { TempFolder.remove(dir) }
        let shared = try Self.sharedFolder(dir)
        chmod(shared, 0o2770)
        let path = shared + "/operator-journal.jsonl"
        let old = umask(0o002); defer { umask(old) }
        let journal = OperatorJournal(path: path, console: "c1")
        let r = journal.append { view in
            .success([J.record(Line.task(view.nextTaskID(now: OperatorActionTests.now), "2026-11-28T10:42:00+08:00",
                                         due: "2026-11-28T14:42:00+08:00"), by: "李")])
        }
        #expect(r.isWritten)
        for file in [path, journal.idStatePath] {
            var st = stat()
            #expect(lstat(file, &st) == 0)
            #expect(st.st_mode & 0o7777 == 0o660)
        }
    }
}
