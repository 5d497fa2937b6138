/// The file the tailer is handing lines from, by identity rather than by
/// name: a rotation renames a file and puts a new one at the old name, and
/// the tailer may still be reading the old file's tail under the old name.
/// A sink that remembers how far each file was read (`push`) must key that
/// on this, never on the name it is told with each line.
public struct LineOrigin: Sendable, Equatable {
    /// The name the file was last found under (the one in `LinePosition`).
    public var path: String
    public var device: UInt64
    public var inode: UInt64
    /// The file's first bytes as read (up to 64): tells a reused inode from the same file.
    public var head: [UInt8]

    public init(path: String, device: UInt64, inode: UInt64, head: [UInt8]) {
        self.path = path; self.device = device; self.inode = inode; self.head = head
    }
}
