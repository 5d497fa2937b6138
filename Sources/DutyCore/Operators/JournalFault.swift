/// A fault the next append meets instead of the real system call, one shot:
/// the disk cannot be made full or flaky on demand in a unit test, and the
/// recovery paths (truncate back, block) are the part that must be right.
enum JournalFault: Equatable, Sendable {
    /// write() puts only the first `bytes` bytes on disk and returns that count.
    case shortWrite(bytes: Int)
    /// write() fails with this errno (e.g. ENOSPC) after putting `bytes` bytes
    /// on disk first, as a full disk can.
    case writeError(errno: Int32, bytes: Int)
    /// The whole batch is written, then fdatasync fails with this errno (EIO).
    case syncError(errno: Int32)
}
