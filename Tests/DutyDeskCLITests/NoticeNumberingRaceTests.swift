import DutyTestSupport
import Foundation
import Testing

/// Issue 13's "no gap, no reuse" with two real processes: two shells, started
/// together, each run `dutydesk notice issue` 20 times in a loop into one
/// journal. Every invocation is a fresh process that reads the journal and
/// builds its document before the lock (so each one's preview number races
/// the other's), then takes the number again under the journal's lock: only
/// that makes the 40 numbers 1…40, each once.
@Suite(.serialized) struct NoticeNumberingRaceTests {
    static let perProcess = 20

    /// `sh -c` running the loop; stdout and stderr to files in `folder`.
    static func loop(_ name: String, journal: String, folder: TempFolder) throws -> Process {
        let script = """
            i=0
            while [ $i -lt \(perProcess) ]; do
              i=$((i + 1))
              "$DUTYDESK" notice issue --journal "$JOURNAL" --type supervision --operator "\(name)" \
                --to 锦屏街道综合行政执法中队 --title "\(name) 第$i份督办单" --body "请立即组织处置。" || exit 1
            done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["DUTYDESK"] = CLIRunner.executable.path
        env["JOURNAL"] = journal
        env["DUTYDESK_NOW"] = "2026-12-04T10:00:00+08:00"
        process.environment = env
        FileManager.default.createFile(atPath: folder.file(name + ".out"), contents: nil)
        FileManager.default.createFile(atPath: folder.file(name + ".err"), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file(name + ".out")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file(name + ".err")))
        process.standardInput = FileHandle.nullDevice
        return process
    }

    @Test func twoProcessesIssuingAtOnceNumberOneToFortyOnce() throws {
        let folder = try TempFolder("race")
        defer { folder.remove() }
        let journal = folder.file("operator-journal.jsonl")
        let a = try Self.loop("甲", journal: journal, folder: folder)
        let b = try Self.loop("乙", journal: journal, folder: folder)
        try a.run()
        try b.run()
        a.waitUntilExit()
        b.waitUntilExit()
        let errors = try String(contentsOfFile: folder.file("甲.err"), encoding: .utf8)
            + String(contentsOfFile: folder.file("乙.err"), encoding: .utf8)
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0, "\(errors)")

        let total = 2 * Self.perProcess
        let lines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try CLIRunner.json(String($0)) }
        #expect(records.count == total)
        #expect(records.allSatisfy { $0["kind"] as? String == "notice" && $0["status"] as? String == "issued" })
        let numbers = records.compactMap { $0["number"] as? String }
        let expected = (1...total).map { "奉综指督〔2026〕\($0)号" }
        #expect(numbers.sorted() == expected.sorted(), "gap or reuse: \(numbers)")
        // In the journal's order, too: each took the next under the lock.
        #expect(numbers == expected)
        let ids = Set(records.compactMap { $0["id"] as? String })
        #expect(ids.count == total)
        // Both processes really issued (each its 20), interleaved in the journal.
        let by = records.compactMap { $0["by"] as? String }
        #expect(by.filter { $0 == "甲" }.count == Self.perProcess && by.filter { $0 == "乙" }.count == Self.perProcess)
        let turns = zip(by, by.dropFirst()).filter { $0 != $1 }.count
        #expect(turns >= 2, "the two loops did not overlap: \(by)")
        // One Markdown copy per document, each of its own number.
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder.file("notices"))
        #expect(Set(copies) == Set(ids.map { $0 + ".md" }))
        for record in records {
            let id = try #require(record["id"] as? String), number = try #require(record["number"] as? String)
            let copy = try String(contentsOfFile: folder.file("notices/\(id).md"), encoding: .utf8)
            #expect(copy.contains("\n" + number + "\n"), "\(id)")
        }
        // What each process printed: its number, id and copy, 20 times.
        let out = try String(contentsOfFile: folder.file("甲.out"), encoding: .utf8)
            + String(contentsOfFile: folder.file("乙.out"), encoding: .utf8)
        #expect(out.split(separator: "\n").count == 3 * total)
    }
}
