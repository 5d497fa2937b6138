import Foundation
import Testing

/// The snapshot helper itself: a missing snapshot is recorded and reported
/// (never a silent pass), a match passes, a change is a mismatch naming the
/// line, and record mode rewrites.
@Suite struct SnapshotSupportTests {
    @Test func recordMatchMismatchRerecord() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("dutydesk-snapshots-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }

        let first = Snapshot.check("a$\nb$\n", named: "s", in: dir, record: false)
        guard case .recorded(let path) = first else { Issue.record("not recorded: \(first)"); return }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a$\nb$\n")

        #expect(Snapshot.check("a$\nb$\n", named: "s", in: dir, record: false) == .matched)

        guard case .mismatch(let message) = Snapshot.check("a$\nc$\n", named: "s", in: dir, record: false) else {
            Issue.record("change not detected"); return
        }
        #expect(message.contains("differs at line 2"))
        #expect(message.contains("expected: b$") && message.contains("actual:   c$"))
        #expect(message.contains("DUTYDESK_RECORD_SNAPSHOTS=1"))

        #expect(Snapshot.check("a$\nc$\n", named: "s", in: dir, record: true) == .recorded(path: path))
        #expect(Snapshot.check("a$\nc$\n", named: "s", in: dir, record: false) == .matched)
    }

    @Test func everyStoredSnapshotIsUsed() throws {
        // A snapshot file no test writes any more would be dead weight.
        let names = try FileManager.default.contentsOfDirectory(atPath: Snapshot.directory.path)
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
        let source = try FileManager.default.contentsOfDirectory(atPath: Snapshot.directory.deletingLastPathComponent().path)
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: Snapshot.directory.deletingLastPathComponent().appendingPathComponent($0), encoding: .utf8) }
            .joined()
        for name in names { #expect(source.contains("named: \"\(name)\""), "\(name).txt is not used by any test") }
    }
}
