import Foundation
import Testing
@testable import DutyUI

/// Golden frames: rendered frames as text, kept in `__Frames__/NAME.txt`
/// beside this file. A missing golden frame, or any while
/// `DUTYDESK_RECORD_FRAMES=1`, is (re)written and the test *fails* saying
/// so: CI can never pass on a frame nobody looked at. ("Snapshot" is the
/// core's word for a record's state; these are frames.)
enum GoldenFrame {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Frames__")

    static var recordRequested: Bool {
        ProcessInfo.processInfo.environment["DUTYDESK_RECORD_FRAMES"] == "1"
    }

    enum Outcome: Equatable {
        case matched
        case recorded(path: String)
        case mismatch(String)
    }

    /// Compares `text` with the file `name`.txt in `directory`, recording it
    /// when missing or when `record` is set. Pure apart from the file.
    static func check(_ text: String, named name: String, in directory: URL = directory,
                      record: Bool = recordRequested) -> Outcome {
        let url = directory.appendingPathComponent(name + ".txt")
        let existing = try? String(contentsOf: url, encoding: .utf8)
        if record || existing == nil {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try text.write(to: url, atomically: true, encoding: .utf8) } catch {
                return .mismatch("could not write golden frame \(url.path): \(error)")
            }
            return .recorded(path: url.path)
        }
        guard let existing, existing != text else { return .matched }
        return .mismatch(difference(expected: existing, actual: text, name: name))
    }

    /// The first differing line, both versions, and how to re-record.
    static func difference(expected: String, actual: String, name: String) -> String {
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        var i = 0
        while i < min(e.count, a.count) && e[i] == a[i] { i += 1 }
        let exp = i < e.count ? e[i] : "<end>", act = i < a.count ? a[i] : "<end>"
        return """
        golden frame \(name) differs at line \(i + 1):
          expected: \(exp)
          actual:   \(act)
        actual frame:
        \(actual)
        (run with DUTYDESK_RECORD_FRAMES=1 to re-record after checking the change)
        """
    }
}

/// Asserts that `text` matches the golden frame `name`.
func assertFrame(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    switch GoldenFrame.check(text, named: name) {
    case .matched:
        break
    case .recorded(let path):
        Issue.record("recorded golden frame \(name) at \(path); check it and run the tests again", sourceLocation: sourceLocation)
    case .mismatch(let message):
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// A grid's text with each row ended by "$" (as `cat -A` does), so trailing
/// spaces survive editors and the width of every row shows in the file.
func frameText(_ grid: CellGrid) -> String {
    grid.lines.map { $0 + "$\n" }.joined()
}

/// A grid's rows, each ended by "\n": the text a test searches for what is
/// on screen.
func screenText(_ grid: CellGrid) -> String {
    grid.text
}

/// The attribute map of a grid under a theme: one hex digit per column
/// (1 bold, 2 dim, 4 reverse, 8 underline, summed), "." for none.
func attributeText(_ grid: CellGrid, theme: Theme) -> String {
    grid.styleLines { cell in
        let a = theme.resolve(cell.style).attributes.rawValue
        return a == 0 ? "." : Character(String(a, radix: 16))
    }.map { $0 + "$\n" }.joined()
}

/// Test setup shared by every suite: a UTF-8 LC_CTYPE, as the console sets up.
enum UITest {
    static let locale: DisplayWidth.LocaleStatus = DisplayWidth.ensureUTF8Locale()
}
