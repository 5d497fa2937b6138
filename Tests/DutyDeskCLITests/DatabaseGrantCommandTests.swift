import DutyTestSupport
import Foundation
import Testing

/// `dutydesk db grant`, run as an administrator would: the role made or
/// updated, its password read from a file and never shown, a wrong town named
/// with the 12 right ones, and `db status` listing who is what.
@Suite struct DatabaseGrantCommandTests {
    @Test func grantTwiceThenStatusListsTheRoles() throws {
        let pg = try ThrowawayPostgres.cluster()
        let url = try PushCommandTests.initialised(pg)
        let suffix = String(url.suffix(8))
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let secret = "Grant-Pw-\(suffix)"
        let file = dir.appendingPathComponent("pw")
        try (secret + "\n").write(to: file, atomically: true, encoding: .utf8)
        let town = "xk_cli_\(suffix)", district = "dc_cli_\(suffix)"
        let first = try CLIRunner.run(["db", "grant", town, "--town", "溪口镇", "--password-file", file.path, "--db", url])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "role \(town): town 溪口镇 (created, password set)\n")
        let again = try CLIRunner.run(["db", "grant", town, "--town", "溪口镇", "--db", url])
        #expect(again.stdout == "role \(town): town 溪口镇 (updated, password unchanged)\n", "\(again.stderr)")
        let dc = try CLIRunner.run(["db", "grant", district, "--district", "--password-file", file.path, "--db", url])
        #expect(dc.status == 0, "\(dc.stderr)")
        let status = try CLIRunner.run(["db", "status", "--db", url])
        #expect(status.stdoutLines.contains("role \(town): town 溪口镇"), "\(status.stdout)")
        #expect(status.stdoutLines.contains("role \(district): district"), "\(status.stdout)")
        // The town's own view: its records, the district's tables closed to it.
        let townURL = pg.url(database: URL(string: url)!.lastPathComponent, user: town, password: secret)
        let own = try CLIRunner.run(["db", "status", "--db", townURL])
        #expect(own.status == 0, "\(own.stderr)")
        #expect(own.stdoutLines.contains("quarantine (no access)") && own.stdoutLines.last == "role \(town): town 溪口镇", "\(own.stdout)")
        for r in [first, again, dc, status, own] {
            #expect(!(r.stdout + r.stderr).contains(secret))
        }
    }

    @Test func anUnknownTownIsNamedWithTheTwelve() throws {
        let r = try CLIRunner.run(["db", "grant", "somebody", "--town", "溪口", "--db", "postgres://u:p@127.0.0.1:1/x"])
        #expect(r.status == 64)
        #expect(r.stderr.contains(#"unknown town "溪口""#), "\(r.stderr)")
        for town in ["锦屏街道", "岳林街道", "江口街道", "西坞街道", "萧王庙街道", "方桥街道", "尚田街道", "莼湖街道", "溪口镇", "裘村镇", "大堰镇", "松岙镇"] {
            #expect(r.stderr.contains(town))
        }
        let neither = try CLIRunner.run(["db", "grant", "somebody", "--db", "postgres://u:p@127.0.0.1:1/x"])
        #expect(neither.status == 64 && neither.stderr.contains("give --town TOWN or --district"), "\(neither.stderr)")
        let both = try CLIRunner.run(["db", "grant", "somebody", "--town", "溪口镇", "--district", "--db", "postgres://u:p@127.0.0.1:1/x"])
        #expect(both.status == 64 && both.stderr.contains("not both"), "\(both.stderr)")
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        let empty = dir.appendingPathComponent("pw")
        try "\n".write(to: empty, atomically: true, encoding: .utf8)
        let blank = try CLIRunner.run(["db", "grant", "somebody", "--district", "--password-file", empty.path, "--db", "postgres://u:p@127.0.0.1:1/x"])
        #expect(blank.status == 2 && blank.stderr.contains("the password file is empty"), "\(blank.stderr)")
    }
}
