/// Why a recording could not be written: the path and the errno text.
public struct RecordingError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String
    public var description: String { "cannot write \(Sanitize.path(path)): \(reason)" }
}

/// An append-only recording file: what `watch --record FILE` writes (every
/// good record ingested, and the console's own actions) and what `record`
/// writes. Lines are collected in one buffer and written in blocks, because
/// a live feed brings thousands of small lines a second and a write(2) per
/// line would cost more than ingesting them. The file is opened O_APPEND, so
/// an existing recording is continued, never overwritten (unless `truncate`).
///
/// A failed write never throws from `append` (the console must keep running):
/// the first failure is kept in `failure`, further lines are dropped, and
/// `flush()` throws it. Not thread-safe: used from the console's queue.
public final class RecordingWriter {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    /// Bytes buffered before a write.
    static let blockBytes = 1 << 16
    /// The first write error, if any; nothing is written after it.
    public private(set) var failure: RecordingError?

    /// Opens `path` for appending (created if missing, 0644 before the
    /// umask), or empties it first when `truncate`. Never through a symlink,
    /// and only a regular file with one name (`Platform.openSafely`): a link
    /// planted in a shared folder cannot redirect the recording, and an
    /// existing file is used only when the sharing model allows it
    /// (`Platform.checkSharing`).
    public init(path: String, truncate: Bool = false) throws {
        self.path = path
        let fd: Int32
        switch Platform.openSafely(path, access: Platform.writeAppend, create: true, mode: 0o644) {
        case .failure(let e): throw RecordingError(path: path, reason: e.refused ? "refused: " + e.reason : e.reason)
        case .success(let opened):
            // An existing file must be ours or the center's (the journal's
            // sharing model): appending to a file another account owns and
            // left writable would hand it our records to edit.
            if !opened.created, let e = Platform.checkSharing(opened.fd, path) {
                Platform.close(opened.fd)
                throw RecordingError(path: path, reason: "refused: " + e.reason)
            }
            fd = opened.fd
        }
        if truncate && !Platform.truncateFile(fd, to: 0) {
            let reason = Platform.errnoText
            Platform.close(fd)
            throw RecordingError(path: path, reason: reason)
        }
        self.fd = fd
        buffer.reserveCapacity(Self.blockBytes + 4096)
    }

    deinit {
        if fd >= 0 {
            _ = try? flush()
            Platform.close(fd)
        }
    }

    /// Appends one feed line (without its newline) and "\n".
    public func append(line: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        if buffer.count >= Self.blockBytes { _ = try? flush() }
    }

    /// Appends a record built in code (an operator action), in the feed format.
    public func append(_ record: Record) {
        RecordWriter.append(record, to: &buffer, newline: true)
        if buffer.count >= Self.blockBytes { _ = try? flush() }
    }

    /// Writes what is buffered. Throws the first write failure (then and after).
    public func flush() throws {
        if let failure { buffer.removeAll(keepingCapacity: true); throw failure }
        guard !buffer.isEmpty else { return }
        guard fd >= 0 else { throw RecordingError(path: path, reason: "closed") }
        let ok = buffer.withUnsafeBytes { Platform.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
        if !ok {
            let error = RecordingError(path: path, reason: Platform.errnoText)
            failure = error
            throw error
        }
    }

    /// Flushes and closes; appends after this are dropped and the next flush throws.
    public func close() throws {
        guard fd >= 0 else { return }
        defer { Platform.close(fd); fd = -1 }
        try flush()
    }
}
