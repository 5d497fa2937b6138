import Foundation

/// Files kept in the repository for tests, found from this file's path
/// (they sit outside every target, so they are not resources).
public enum Fixtures {
    /// The package root: this file is `Tests/DutyTestSupport/Fixtures.swift`.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The JSONTestSuite cases as records (`Tests/Fixtures/conformance`).
    public static let conformance = packageRoot.appendingPathComponent("Tests/Fixtures/conformance")
}
