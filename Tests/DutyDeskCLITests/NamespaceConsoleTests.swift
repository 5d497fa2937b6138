import DutyTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End to end across networks: the district center and a town's center each
/// in a network namespace of their own (`ip netns`, a veth pair to the host),
/// reaching the server over TCP at the host's end of their pair, each logged
/// in as its own database role, running the built `dutydesk` there. Needs
/// root (as CI runs the tests); without it the suite is reported skipped, in
/// one line, and nothing else.
@Suite(.serialized, .enabled(if: geteuid() == 0, "needs root to make network namespaces (ip netns): run swift test as root to include it"))
struct NamespaceConsoleTests {
    /// One center: a namespace, the role it logs in as, and the URL that
    /// reaches the server from inside it.
    struct Site {
        let namespace: NetworkNamespace
        let url: String

        /// `dutydesk ARGS --db URL` inside the namespace.
        func dutydesk(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
            try namespace.run(CLIRunner.executable.path, args + ["--db", url])
        }
    }

    /// 3 events of 溪口镇 and a mediation there; 2 events and a task of 锦屏街道.
    static let feed = [
        Line.event("SJ-XK-1", "2026-11-28T09:00:00+08:00", town: "溪口镇", grid: "XK-01-01"),
        Line.event("SJ-XK-2", "2026-11-28T09:10:00+08:00", town: "溪口镇", grid: "XK-01-02"),
        Line.event("SJ-XK-2", "2026-11-28T09:40:00+08:00", status: "self_resolved", town: "溪口镇", grid: "XK-01-02"),
        Line.event("SJ-XK-3", "2026-11-28T09:20:00+08:00", town: "溪口镇", grid: "XK-02-01"),
        Line.mediation("TJ-XK-1", "2026-11-28T09:30:00+08:00", tier: "village", status: "resolved"),
        Line.event("E1", "2026-11-28T09:00:00+08:00"),
        Line.event("E2", "2026-11-28T09:05:00+08:00"),
        Line.task("T1", "2026-11-28T09:30:00+08:00", due: "2026-11-28T12:00:00+08:00"),
    ].joined(separator: "\n") + "\n"

    @Test func theDistrictAndATownSeeWhatTheirRolesMayFromTheirOwnNetworks() throws {
        #expect(NetworkNamespace.canCreate, "root, but no `ip` command: apt-get install iproute2 (.ci/run does)")
        let net = try NetworkNamespace.freeSubnet()
        let tag = "\(getpid())"
        let districtNS = try NetworkNamespace(name: "dd-district-\(tag)", link: "dd\(tag)d", hostAddress: net + ".1", address: net + ".2")
        defer { districtNS.remove() }
        let townNS = try NetworkNamespace(name: "dd-town-\(tag)", link: "dd\(tag)t", hostAddress: net + ".5", address: net + ".6")
        defer { townNS.remove() }
        let pg = try ThrowawayPostgres.dedicated(alsoListeningOn: [districtNS.hostAddress, townNS.hostAddress], clients: [net + ".0/29"])
        defer { pg.remove() }

        // The administrator, on the server's host.
        let db = try pg.makeDatabase()
        let admin = pg.url(database: db)
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        try Self.feed.write(to: dir.appendingPathComponent("feed.jsonl"), atomically: true, encoding: .utf8)
        let password = dir.appendingPathComponent("pw")
        try "ns-secret-\(tag)\n".write(to: password, atomically: true, encoding: .utf8)
        for args in [["db", "init"], ["push", dir.path], ["db", "grant", "dd_district_\(tag)", "--district", "--password-file", password.path],
                     ["db", "grant", "dd_xikou_\(tag)", "--town", "溪口镇", "--password-file", password.path]] {
            let r = try CLIRunner.run(args + ["--db", admin])
            try #require(r.status == 0, "\(args): \(r.stderr)")
        }

        func site(_ ns: NetworkNamespace, _ role: String) -> Site {
            Site(namespace: ns, url: "postgres://\(role):ns-secret-\(tag)@\(ns.hostAddress):\(pg.port)/\(db)")
        }
        let district = site(districtNS, "dd_district_\(tag)"), town = site(townNS, "dd_xikou_\(tag)")

        let districtStats = try district.dutydesk(["stats"])
        try #require(districtStats.status == 0, "\(districtStats.stderr)")
        let d = try CLIRunner.json(districtStats.stdout)
        #expect(d.number("events.total") == 5 && d.number("tasks.total") == 1 && d.number("mediation.total") == 1, "\(districtStats.stdout)")
        let townStats = try town.dutydesk(["stats"])
        try #require(townStats.status == 0, "\(townStats.stderr)")
        let t = try CLIRunner.json(townStats.stdout)
        #expect(t.number("events.total") == 3 && t.number("tasks.total") == 0 && t.number("mediation.total") == 1, "\(townStats.stdout)")
        #expect(t.number("events.by_status.self_resolved") == 1)

        let districtStatus = try district.dutydesk(["db", "status"])
        #expect(districtStatus.status == 0, "\(districtStatus.stderr)")
        #expect(districtStatus.stdout.contains("\nrecords 8\n") && districtStatus.stdout.contains("role dd_xikou_\(tag): town 溪口镇"), "\(districtStatus.stdout)")
        let townStatus = try town.dutydesk(["db", "status"])
        #expect(townStatus.status == 0, "\(townStatus.stderr)")
        #expect(townStatus.stdout.contains("\nrecords 5\n") && townStatus.stdout.contains("quarantine (no access)"), "\(townStatus.stdout)")

        // Acts across the two networks, each under its own role: the district
        // issues a 督办单 to 溪口镇's squad; the town sees it and records its reply;
        // the district sees the reply.
        let issued = try district.dutydesk(["notice", "issue", "--type", "supervision", "--to", "溪口镇综合行政执法中队",
                                            "--title", "关于网格事件的督办单", "--body", "请限期处置。", "--documents", dir.path])
        try #require(issued.status == 0, "\(issued.stderr)")
        let number = try pg.psql(db, "SELECT id FROM records WHERE kind = 'notice'")
        #expect(number.hasPrefix("DOC-") && number.contains("-S"), "\(number)")
        let townSees = try CLIRunner.json(try town.dutydesk(["stats"]).stdout)
        #expect(townSees.number("notices.total") == 1 && townSees.number("notices.by_status.issued") == 1)
        let replied = try town.dutydesk(["notice", "reply", number, "--reply", "已处置完毕", "--by", "溪口中队", "--documents", dir.path])
        #expect(replied.status == 0, "\(replied.stderr)")
        let districtSees = try CLIRunner.json(try district.dutydesk(["stats"]).stdout)
        #expect(districtSees.number("notices.by_status.replied") == 1, "\(districtSees)")
        #expect(try pg.psql(db, "SELECT string_agg(written_by, ',' ORDER BY seq) FROM records WHERE kind = 'notice'") ==
                "dd_district_\(tag),dd_xikou_\(tag)")

        // Writing is PostgreSQL's to refuse, whatever client the town uses.
        let other = Line.event("E9", "2026-11-28T10:00:00+08:00").replacingOccurrences(of: "'", with: "''")
        let refused = try townNS.run(pg.bin + "/psql", ["-X", "-At", town.url.replacingOccurrences(of: "postgres://", with: "postgresql://"),
                                                        "-c", "INSERT INTO records (kind, id, ts, ts_exact, line) VALUES ('event', 'E9', now(), 1, '\(other)')"])
        #expect(refused.status != 0 && refused.stderr.contains("violates row-level security policy"), "\(refused.stderr)")

        // The namespaces are networks of their own: the server's loopback
        // address is not reachable from inside one.
        let loopback = try townNS.run(CLIRunner.executable.path, ["db", "status", "--db", "postgres://dd_xikou_\(tag):x@127.0.0.1:\(pg.port)/\(db)"])
        #expect(loopback.status == 2 && loopback.stderr.contains("connecting to the database"), "\(loopback.stderr)")

        // And they go, with their veth pairs (the defers do it again, harmlessly, for a failed test).
        pg.remove()
        for ns in [districtNS, townNS] { ns.remove() }
        #expect(!districtNS.exists && !townNS.exists)
        #expect(!ChildProcess.run("/bin/sh", ["-c", "ip -o link show"]).output.contains("dd\(tag)"))
    }
}
