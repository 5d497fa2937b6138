import Foundation
import DutyTestSupport
import Testing

/// The golden-frame helper itself: a missing frame is recorded and reported
/// (never a silent pass), a match passes, a change is a mismatch naming the
/// line, and record mode rewrites.
@Suite struct GoldenFrameTests {
    @Test func recordMatchMismatchRerecord() throws {
        let dir = try TempFolder("frames").url
        defer { TempFolder.remove(dir) }

        let first = GoldenFrame.check("a$\nb$\n", named: "s", in: dir, record: false)
        guard case .recorded(let path) = first else { Issue.record("not recorded: \(first)"); return }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a$\nb$\n")

        #expect(GoldenFrame.check("a$\nb$\n", named: "s", in: dir, record: false) == .matched)

        guard case .mismatch(let message) = GoldenFrame.check("a$\nc$\n", named: "s", in: dir, record: false) else {
            Issue.record("change not detected"); return
        }
        #expect(message.contains("differs at line 2"))
        #expect(message.contains("expected: b$") && message.contains("actual:   c$"))
        #expect(message.contains("DUTYDESK_RECORD_FRAMES=1"))

        #expect(GoldenFrame.check("a$\nc$\n", named: "s", in: dir, record: true) == .recorded(path: path))
        #expect(GoldenFrame.check("a$\nc$\n", named: "s", in: dir, record: false) == .matched)
    }

    @Test func everyGoldenFrameIsUsed() throws {
        // A golden frame no test writes any more would be dead weight.
        let names = try FileManager.default.contentsOfDirectory(atPath: GoldenFrame.directory.path)
            .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
        let source = try FileManager.default.contentsOfDirectory(atPath: GoldenFrame.directory.deletingLastPathComponent().path)
            .filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: GoldenFrame.directory.deletingLastPathComponent().appendingPathComponent($0), encoding: .utf8) }
            .joined()
        for name in names { #expect(source.contains("named: \"\(name)\""), "\(name).txt is not used by any test") }
    }
}
