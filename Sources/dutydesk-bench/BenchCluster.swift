import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL cluster for the bench, made the way the tests'
/// `ThrowawayPostgres` makes theirs (Debian's server binaries, `initdb`
/// into a temporary folder, a private port on 127.0.0.1, `fsync=off`, as
/// `postgres` when run as root), reduced to what the bench needs; removed
/// by `remove()`.
struct BenchCluster {
    let bin: String
    let folder: String
    let port: Int
    let user = "dutybench"
    let password = "bench"

    var url: String { "postgres://\(user):\(password)@127.0.0.1:\(port)/postgres" }

    static func start() throws -> BenchCluster {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        guard let bin = versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }).map({ "\(root)/\($0)/bin" })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }) else {
            throw BenchError("no PostgreSQL server under /usr/lib/postgresql/*/bin: apt-get install postgresql")
        }
        let folder = NSTemporaryDirectory() + "dutydesk-bench-pg-\(getpid())"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let cluster = BenchCluster(bin: bin, folder: folder, port: 20_000 + Int(getpid()) % 20_000)
        try "bench\n".write(toFile: folder + "/pwfile", atomically: true, encoding: .utf8)
        if geteuid() == 0 { try shell("chown -R postgres:postgres '\(folder)'") }
        try cluster.server("initdb -D '\(folder)/data' -U \(cluster.user) --pwfile='\(folder)/pwfile' --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync")
        try cluster.server("pg_ctl -D '\(folder)/data' -w -t 60 -l '\(folder)/server.log' -o '-p \(cluster.port) -c listen_addresses=127.0.0.1 -c unix_socket_directories=\(folder) -c fsync=off' start")
        return cluster
    }

    func remove() {
        try? server("pg_ctl -D '\(folder)/data' -m immediate stop")
        try? Self.shell("rm -rf '\(folder)'")
    }

    /// A server program of `bin`, as `postgres` when root, from `/`.
    private func server(_ command: String) throws {
        let line = "cd / && '\(bin)'/\(command) >>'\(folder)/bench.log' 2>&1"
        try Self.shell(geteuid() == 0 ? "runuser -u postgres -- /bin/sh -c \"\(line.replacingOccurrences(of: "\"", with: "\\\""))\"" : line)
    }

    /// `/bin/sh -c command`, waited on with waitpid (Foundation's Process
    /// can miss the end of `pg_ctl start`, whose child daemonises).
    static func shell(_ command: String) throws {
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { word in word.withCString { strdup($0) } } + [nil]
        defer { for p in argv { free(p) } }
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { throw BenchError("cannot run /bin/sh") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw BenchError("failed (\(status)): \(command)") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
}
