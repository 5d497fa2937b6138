import Foundation

/// A symbolic link planted where the console will write a file (a
/// document's copy, say), pointing at a file of someone else's holding
/// `content`: what a test of "never written through a symlink" sets up, and
/// then checks is untouched. Remove the link's target with `remove()`.
public struct PlantedLink {
    /// The link's path (`folder/relative`).
    public let path: String
    /// What it points to, in a folder of its own.
    public let target: String
    public static let content = "not yours\n"
    private let elsewhere: TempFolder

    /// Plants `relative` inside `folder` (its parent folder created first).
    public init(in folder: TempFolder, at relative: String) throws {
        elsewhere = try TempFolder("elsewhere")
        target = elsewhere.file("precious.txt")
        try Self.content.write(toFile: target, atomically: true, encoding: .utf8)
        path = folder.file(relative)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }

    /// Whether the target still holds only what was planted.
    public var targetUntouched: Bool { (try? String(contentsOfFile: target, encoding: .utf8)) == Self.content }

    public func remove() { elsewhere.remove() }
}
