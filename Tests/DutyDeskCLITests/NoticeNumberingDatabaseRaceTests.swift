import DutyTestSupport
import Foundation
import Testing

/// `NoticeNumberingRaceTests` over the shared database: two shells, started
/// together, each run `dutydesk notice issue --db URL` 20 times as its own
/// database role. Each invocation loads the log and previews its number,
/// then takes it from the database's counter inside its transaction: the
/// 40 numbers are 1…40, each once, in commit order.
@Suite(.serialized) struct NoticeNumberingDatabaseRaceTests {
    static let perProcess = 20
    static let password = "notice-pw-4711"

    /// A login role allowed to write the log of `db`; its URL.
    static func role(_ name: String, _ pg: ThrowawayPostgres, _ db: String) throws -> String {
        try pg.psql(db, """
            DO $$ BEGIN CREATE ROLE "\(name)" LOGIN PASSWORD '\(password)';
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
            GRANT ALL ON ALL TABLES IN SCHEMA public TO "\(name)";
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "\(name)";
            GRANT dutydesk_district TO "\(name)";
            """)
        return pg.url(database: db, user: name.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed)!, password: password)
    }

    static func loop(_ name: String, url: String, folder: TempFolder) throws -> Process {
        let script = """
            i=0
            while [ $i -lt \(perProcess) ]; do
              i=$((i + 1))
              "$DUTYDESK" notice issue --db "$URL" --documents "$DOCS" --type supervision \
                --to 锦屏街道综合行政执法中队 --title "\(name) 第$i份督办单" --body "请立即组织处置。" || exit 1
            done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env["DUTYDESK"] = CLIRunner.executable.path
        env["URL"] = url
        env["DOCS"] = folder.path
        env["DUTYDESK_NOW"] = "2026-12-04T10:00:00+08:00"
        process.environment = env
        FileManager.default.createFile(atPath: folder.file(name + ".out"), contents: nil)
        FileManager.default.createFile(atPath: folder.file(name + ".err"), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file(name + ".out")))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: folder.file(name + ".err")))
        process.standardInput = FileHandle.nullDevice
        return process
    }

    @Test func twoProcessesIssuingThroughTheDatabaseNumberOneToFortyOnce() throws {
        let pg = try ThrowawayPostgres.cluster()
        let db = try pg.makeDatabase()
        let initialised = try CLIRunner.run(["db", "init", "--db", pg.url(database: db)])
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let folder = try TempFolder("dbrace")
        defer { folder.remove() }
        let a = try Self.loop("甲", url: try Self.role("甲", pg, db), folder: folder)
        let b = try Self.loop("乙", url: try Self.role("乙", pg, db), folder: folder)
        try a.run()
        try b.run()
        a.waitUntilExit()
        b.waitUntilExit()
        let errors = try String(contentsOfFile: folder.file("甲.err"), encoding: .utf8)
            + String(contentsOfFile: folder.file("乙.err"), encoding: .utf8)
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0, "\(errors)")

        let total = 2 * Self.perProcess
        let lines = try pg.psql(db, "SELECT line FROM records WHERE kind = 'notice' ORDER BY seq").split(separator: "\n")
        let records = try lines.map { try CLIRunner.json(String($0)) }
        #expect(records.count == total)
        let numbers = records.compactMap { $0["number"] as? String }
        let expected = (1...total).map { "奉综指督〔2026〕\($0)号" }
        // Each once, no gap, and in commit order: each took the next under the lock.
        #expect(numbers == expected, "\(numbers)")
        #expect(Set(records.compactMap { $0["id"] as? String }).count == total)
        // The operator is the database role, and both processes really issued, interleaved.
        let by = records.compactMap { $0["by"] as? String }
        #expect(by.filter { $0 == "甲" }.count == Self.perProcess && by.filter { $0 == "乙" }.count == Self.perProcess)
        #expect(zip(by, by.dropFirst()).filter { $0 != $1 }.count >= 2, "the two loops did not overlap: \(by)")
        #expect(try pg.psql(db, "SELECT value FROM counters WHERE name = 'notice:奉综指督〔2026〕'") == "\(total)")
        // One Markdown copy per document in --documents' notices/.
        let copies = try FileManager.default.contentsOfDirectory(atPath: folder.file("notices"))
        #expect(copies.count == total)
        let out = try String(contentsOfFile: folder.file("甲.out"), encoding: .utf8)
            + String(contentsOfFile: folder.file("乙.out"), encoding: .utf8)
        #expect(out.split(separator: "\n").count == 3 * total)
    }

    @Test func anUnreachableDatabaseIsNamedAndNothingIsIssued() throws {
        let folder = try TempFolder("dboff")
        defer { folder.remove() }
        let r = try CLIRunner.run(["notice", "issue", "--db", "postgres://duty:Sekrit-97@127.0.0.1:1/x", "--documents", folder.path,
                                   "--type", "bulletin", "--to", "溪口镇", "--title", "通报", "--body", "正文"],
                                  environment: ["DUTYDESK_NOW": "2026-12-04T10:00:00+08:00"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("数据库离线，操作未执行"), "\(r.stderr)")
        #expect(!(r.stdout + r.stderr).contains("Sekrit-97"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("notices")))
    }
}
