import Foundation

/// A fresh folder under the system temporary directory, one per test, so
/// tests that write files never see each other's (or a previous run's).
/// Removed by `remove()`, usually in a `defer`.
public struct TempFolder: Sendable {
    public let url: URL
    public var path: String { url.path }

    /// Makes `dutydesk-test-LABEL-XXXXXXXX`; the label (by default the
    /// calling function's name, letters and digits only) says whose it is
    /// when one is left behind, and "test" keeps it from ever looking like
    /// the console's own `dutydesk-demo-…` scratch folders.
    public init(_ label: String = #function) throws {
        url = Self.url(label)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    public func remove() { Self.remove(url) }

    public static func remove(_ url: URL) { try? FileManager.default.removeItem(at: url) }

    /// A folder made as `init` does, for tests that hold a URL and remove it
    /// themselves; a folder that cannot be made shows up as the test's first
    /// failing write, as it always has.
    public static func make(_ label: String = #function) -> URL {
        let url = url(label)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A folder holding `files` (name → text) for the duration of `body`.
    public static func with(_ files: [String: String], label: String = #function,
                            _ body: (String) throws -> Void) rethrows {
        let dir = make(label)
        defer { remove(dir) }
        for (name, text) in files {
            try? text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try body(dir.path)
    }

    private static func url(_ label: String) -> URL {
        let safe = label.filter { $0.isLetter || $0.isNumber }
        return FileManager.default.temporaryDirectory
            .appendingPathComponent("dutydesk-test-\(safe)-\(UUID().uuidString.prefix(8))")
    }
}
