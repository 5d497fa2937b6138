import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster of the tests' own: `initdb` into a temporary folder,
/// started on a private port (TCP on 127.0.0.1, and a socket in the folder),
/// stopped and removed when the test process ends. Nothing is set up by
/// hand: the server binaries are found under `/usr/lib/postgresql/*/bin`
/// (Debian's `postgresql`, not on PATH). PostgreSQL refuses to run as root,
/// so as root every server command runs as the `postgres` system user
/// (`runuser -u postgres --`) in a folder that user owns.
///
/// One cluster per test process, started on first use and shared; a test
/// makes its own database (`makeDatabase`) for isolation.
public final class ThrowawayPostgres: Sendable {
    /// The cluster of this test process, started once; the error when it could not start.
    public static let shared: Result<ThrowawayPostgres, ThrowawayPostgresError> = Result { try ThrowawayPostgres() }
        .mapError { $0 as? ThrowawayPostgresError ?? ThrowawayPostgresError(String(describing: $0)) }

    /// The cluster, or a thrown error that fails the calling test (never a skip).
    public static func cluster() throws -> ThrowawayPostgres { try shared.get() }

    /// A cluster of the caller's own, for a test that stops and starts the
    /// server (`stop()`, `start()`), which would break the tests sharing
    /// `shared`. Removed when the process ends, like the shared one.
    public static func own() throws -> ThrowawayPostgres { try ThrowawayPostgres() }

    public let bin: String
    public let folder: String
    public let port: Int
    /// The superuser made by `initdb`; it logs in by password over TCP.
    public let user = "dutytest"
    public let password: String
    var dataDir: String { folder + "/data" }
    /// The addresses it listens on (`listen_addresses`), kept for `start()`.
    let listen: String
    public var socketDir: String { folder }

    /// A cluster of its own that also listens on `addresses` and lets
    /// `clients` (CIDRs) log in by password over TCP: for a test whose
    /// consoles reach the server from network namespaces. The caller stops it.
    public static func dedicated(alsoListeningOn addresses: [String], clients: [String]) throws -> ThrowawayPostgres {
        try ThrowawayPostgres(alsoListeningOn: addresses, clients: clients)
    }

    private init(alsoListeningOn addresses: [String] = [], clients: [String] = []) throws {
        guard let bin = Self.serverBin() else {
            throw ThrowawayPostgresError("no PostgreSQL server under /usr/lib/postgresql/*/bin: apt-get install postgresql")
        }
        self.bin = bin
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("dutydesk-test-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        folder = base
        password = "pw-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16)
        let pwfile = base + "/pwfile"
        try (password + "\n").write(toFile: pwfile, atomically: true, encoding: .utf8)
        if Self.isRoot {
            // initdb and postgres run as `postgres`, who must own the folder.
            _ = try Self.run("/bin/chown", ["-R", "postgres:postgres", base])
        }
        try Self.server(bin + "/initdb", ["-D", base + "/data", "-U", user, "--pwfile=" + pwfile, "--auth-local=trust",
                                          "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        try? FileManager.default.removeItem(atPath: pwfile)
        if !clients.isEmpty {
            let hba = try FileHandle(forWritingTo: URL(fileURLWithPath: base + "/data/pg_hba.conf"))
            try hba.seekToEnd()
            try hba.write(contentsOf: Data(clients.map { "host all all \($0) scram-sha-256\n" }.joined().utf8))
            try hba.close()
        }
        let listen = (["127.0.0.1"] + addresses).joined(separator: ",")
        self.listen = listen
        var started: Int?
        var lastError = ""
        for _ in 0..<5 {
            let candidate = Self.freePort()
            do {
                try Self.server(bin + "/pg_ctl", Self.startArguments(folder: base, port: candidate, listen: listen))
                started = candidate
                break
            } catch {
                lastError = "\(error)"
            }
        }
        guard let started else {
            let log = (try? String(contentsOfFile: base + "/server.log", encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(atPath: base)
            throw ThrowawayPostgresError("pg_ctl start failed: \(lastError)\n\(log)")
        }
        port = started
        Self.armCleanup(bin: bin, folder: base)
    }

    static func startArguments(folder: String, port: Int, listen: String) -> [String] {
        ["-D", folder + "/data", "-w", "-t", "60", "-l", folder + "/server.log",
         "-o", "-p \(port) -c listen_addresses=\(listen) -c unix_socket_directories=\(folder) -c fsync=off -c max_connections=100",
         "start"]
    }

    /// Stops the server (`pg_ctl stop -m fast`: sessions are ended, as when
    /// a database server is shut down under its clients).
    public func stop() throws {
        try Self.server(bin + "/pg_ctl", ["-D", dataDir, "-w", "-t", "60", "-m", "fast", "stop"])
    }

    /// Starts the stopped server again, on the same port.
    public func start() throws {
        try Self.server(bin + "/pg_ctl", Self.startArguments(folder: folder, port: port, listen: listen))
    }

    /// `postgres://USER:PASSWORD@127.0.0.1:PORT/DB`
    public func url(database: String, user: String? = nil, password: String? = nil) -> String {
        "postgres://\(user ?? self.user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)"
    }

    /// A new, empty database with a unique name (`dutytest_LABEL_xxxxxxxx`).
    public func makeDatabase(_ label: String = #function) throws -> String {
        let safe = label.lowercased().filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.prefix(30)
        let name = "dutytest_\(safe)_\(UUID().uuidString.prefix(8).lowercased())"
        try psql("postgres", "CREATE DATABASE \(name)")
        return name
    }

    /// Runs SQL through `psql` over the folder's socket as the superuser;
    /// returns its unaligned, tuples-only output (`-At`), trimmed.
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        let out = try Self.run(bin + "/psql", ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-h", socketDir, "-p", "\(port)",
                                               "-U", user, "-d", database, "-c", sql])
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Processes

    static var isRoot: Bool { geteuid() == 0 }

    /// A server command, as `postgres` when we are root.
    @discardableResult
    static func server(_ tool: String, _ args: [String]) throws -> String {
        // In `/`: the postgres user may not read the folder the tests run in.
        let inRoot = ["/bin/sh", "-c", #"cd / && exec "$0" "$@""#, tool] + args
        return isRoot ? try run("/usr/sbin/runuser", ["-u", "postgres", "--"] + inRoot) : try run(inRoot[0], Array(inRoot.dropFirst()))
    }

    /// Runs a program to its end; throws with its output when it fails.
    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> String {
        let result = ChildProcess.run(tool, args)
        guard result.status == 0 else {
            throw ThrowawayPostgresError("\((tool as NSString).lastPathComponent) exited \(result.status): \(result.output)")
        }
        return result.output
    }

    /// The newest installed server's bin folder.
    static func serverBin() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "\(root)/\($0)/bin" }
            .first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }

    /// A port the kernel just handed out, so free a moment ago.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        return ok ? Int(UInt16(bigEndian: addr.sin_port)) : Int.random(in: 20_000..<40_000)
    }

    /// Stops the server of a dedicated cluster and keeps its data (`pg_ctl
    /// stop -m fast`: sessions are ended, as when a database server is shut
    /// down under its clients); `startServer()` brings it back on its port.
    public func stopServer() throws {
        try Self.server(bin + "/pg_ctl", ["-D", dataDir, "-w", "-t", "60", "-m", "fast", "stop"])
    }

    public func startServer() throws {
        try Self.server(bin + "/pg_ctl", ["-D", dataDir, "-w", "-t", "60", "-l", folder + "/server.log", "-o",
                                          "-p \(port) -c listen_addresses=\(listen) -c unix_socket_directories=\(folder) -c fsync=off -c max_connections=100",
                                          "start"])
    }

    /// Stops and removes a dedicated cluster now (the shared one goes at exit).
    public func remove() {
        guard let command = Self.cleanupCommands.withLock({ $0.removeValue(forKey: folder) }) else { return }
        _ = try? Self.run("/bin/sh", ["-c", command])
    }

    /// Stops and removes the cluster when this process ends: at `exit` (every
    /// normal end, failed tests included), and, for a crash or a kill, a
    /// watchdog shell that waits for this process to go.
    static func armCleanup(bin: String, folder: String) {
        let stop = "\(isRoot ? "runuser -u postgres -- " : "")'\(bin)/pg_ctl' -D '\(folder)/data' -m immediate stop >/dev/null 2>&1; rm -rf '\(folder)'"
        cleanupCommands.withLock { $0[folder] = stop }
        if atexitArmed.withLock({ armed in defer { armed = true }; return !armed }) {
            atexit {
                for command in ThrowawayPostgres.cleanupCommands.withLock({ Array($0.values) }) {
                    _ = try? ThrowawayPostgres.run("/bin/sh", ["-c", command])
                }
            }
        }
        ChildProcess.detach("/bin/sh", ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; [ -d '\(folder)' ] && { \(stop); }"])
    }

    /// Each live cluster's folder → the shell command that stops and removes it.
    static let cleanupCommands = Mutex<[String: String]>([:])
    static let atexitArmed = Mutex(false)
}

/// Why the throw-away cluster could not start or a command failed.
public struct ThrowawayPostgresError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ text: String) { description = text }
}
