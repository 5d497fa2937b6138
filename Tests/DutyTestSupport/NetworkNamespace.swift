import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A network namespace of a test's own (`ip netns`), joined to the host by a
/// veth pair: a console inside it reaches the host only through
/// `hostAddress`, as a town's center reaches the district's server over its
/// own network. Removed by `remove()` (call it in a `defer`), and by a
/// watchdog shell if the test process dies first. Needs root.
public final class NetworkNamespace: Sendable {
    public let name: String
    /// The host's end of the veth pair: what a server listens on for this namespace.
    public let hostAddress: String
    /// The namespace's end.
    public let address: String
    let hostLink: String

    /// Whether namespaces can be made here: root, with `ip` (iproute2).
    public static var canCreate: Bool { geteuid() == 0 && ip != nil }

    static let ip: String? = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// A free /24 in 198.18.0.0/15 (the range set aside for test networks),
    /// one this host has no address or route in.
    public static func freeSubnet() throws -> String {
        let taken = ((try? run(["-4", "addr"])) ?? "") + ((try? run(["-4", "route"])) ?? "")
        let start = Int(getpid() % 200)
        for i in 0..<200 {
            let candidate = "198.18.\(10 + (start + i) % 200)"
            if !taken.contains(candidate + ".") { return candidate }
        }
        throw ThrowawayPostgresError("no free /24 in 198.18.0.0/15 for the test namespaces")
    }

    /// Makes namespace `name` with a veth pair: `hostAddress`/30 on the host's
    /// end (named `link` + `h`), `address`/30 inside (`link` + `n`), both up,
    /// and the namespace's loopback up. A leftover of the same name goes first.
    public init(name: String, link: String, hostAddress: String, address: String) throws {
        guard Self.ip != nil else { throw ThrowawayPostgresError("no `ip` command: apt-get install iproute2") }
        self.name = name; self.hostAddress = hostAddress; self.address = address
        hostLink = link + "h"
        let inner = link + "n"
        _ = try? Self.run(["netns", "del", name])
        _ = try? Self.run(["link", "del", hostLink])
        ChildProcess.detach("/bin/sh", ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(Self.ip!) netns del \(name) 2>/dev/null; \(Self.ip!) link del \(hostLink) 2>/dev/null"])
        do {
            try Self.run(["netns", "add", name])
            try Self.run(["link", "add", hostLink, "type", "veth", "peer", "name", inner])
            try Self.run(["link", "set", inner, "netns", name])
            try Self.run(["addr", "add", hostAddress + "/30", "dev", hostLink])
            try Self.run(["link", "set", hostLink, "up"])
            try Self.run(["-n", name, "addr", "add", address + "/30", "dev", inner])
            try Self.run(["-n", name, "link", "set", inner, "up"])
            try Self.run(["-n", name, "link", "set", "lo", "up"])
        } catch {
            remove()
            throw error
        }
    }

    /// Runs `tool` inside the namespace (`ip netns exec`) to its end, with
    /// `environment` added to this process's, stdout and stderr apart.
    public func run(_ tool: String, _ args: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.ip!)
        process.arguments = ["netns", "exec", name, tool] + args
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let dir = TempFolder.make("netns-run")
        defer { TempFolder.remove(dir) }
        let out = dir.appendingPathComponent("stdout"), err = dir.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// Deletes the namespace (and so the veth pair); safe to call twice.
    public func remove() {
        _ = try? Self.run(["netns", "del", name])
        _ = try? Self.run(["link", "del", hostLink])
    }

    /// Whether the namespace exists (for the test of the cleanup itself).
    public var exists: Bool { ((try? Self.run(["netns", "list"])) ?? "").split(separator: "\n").contains { $0.split(separator: " ").first.map(String.init) == name } }

    @discardableResult
    static func run(_ args: [String]) throws -> String {
        guard let ip else { throw ThrowawayPostgresError("no `ip` command: apt-get install iproute2") }
        return try ThrowawayPostgres.run(ip, args)
    }
}
