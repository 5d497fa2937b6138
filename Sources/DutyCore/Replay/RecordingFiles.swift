import Dispatch

/// The files a recording was loaded from, kept open: a replay reads each
/// line back from its file (pread by offset, in blocks, see
/// `RecordingReader`) when it feeds it, instead of holding every line's
/// bytes in memory (2.76 GB for ten million records).
///
/// Why descriptors, not names: a file renamed, deleted, or replaced by a new
/// file at its name is still the one read through its descriptor, so its
/// lines are still the bytes loaded. What a descriptor cannot guard against
/// is a change of the file itself, so before every read its size and mtime
/// (one fstat) are compared with those at load:
/// - the same: read;
/// - larger, its first and last bytes loaded unchanged: appended to (a
///   recording still being written), the loaded lines are read;
/// - anything else (truncated, written over): the file is refused from then
///   on: none of its lines is fed again, and `problems` says so, once.
/// Each line read must also still sit between newlines (or the file's start
/// and loaded end) where it was loaded, which catches most rewrites between
/// two fstats too. Copying the files instead would cost the memory this saves.
///
/// Thread-safe: the console feeds on its queue while checkpoints are built
/// on another; each reads through a `RecordingReader` of its own (pread has
/// no shared file position), and refusals sit behind a lock.
// @unchecked Sendable: `files` is written only by `hold` (never while a replay reads); refusals sit behind `lock`.
final class RecordingFiles: @unchecked Sendable {
    /// One loaded file, as it was when loaded.
    struct File {
        let path: String
        let fd: Int32
        /// Bytes loaded: the tailer read this far.
        let size: Int64
        let modifiedNanos: Int64
        /// The first and last loaded bytes (up to `fingerprintBytes` each).
        let head: [UInt8]
        let tail: [UInt8]
        /// The file's bytes held in memory (`hold`): read from here, not the file.
        var bytes: [UInt8]?
    }

    static let fingerprintBytes = 64

    private(set) var files: [File] = []
    private let lock = DispatchQueue(label: "dutydesk.replay.files")
    private var refused: Set<Int> = []
    private var problemTexts: [String] = []

    init() {}

    deinit {
        for file in files where file.fd >= 0 { Platform.close(file.fd) }
    }

    /// Adds a file (its descriptor now owned here) read up to `size`; returns its number.
    func add(path: String, fd: Int32, size: Int64) -> Int {
        let status = Platform.feedStatus(fd: fd)
        let head = Self.bytes(fd, at: 0, count: Int(min(size, Int64(Self.fingerprintBytes))))
        let back = min(size, Int64(Self.fingerprintBytes))
        let tail = Self.bytes(fd, at: size - back, count: Int(back))
        files.append(File(path: path, fd: fd, size: size, modifiedNanos: status?.modifiedNanos ?? 0,
                          head: head ?? [], tail: tail ?? []))
        // Size, mtime and the end bytes are taken now, after the tailer's
        // read: a change in between becomes the reference, and only the
        // newline check of each line read back can catch it.
        if status == nil || head == nil || tail == nil { refuse(files.count - 1, "cannot be read: " + Platform.errnoText) }
        return files.count - 1
    }

    /// Adds a file no kept record lies in: closed, never read (held as no
    /// bytes, so no check refuses it); returns its number.
    func addClosed(path: String) -> Int {
        files.append(File(path: path, fd: -1, size: 0, modifiedNanos: 0, head: [], tail: [], bytes: []))
        return files.count - 1
    }

    /// Reads file `number` whole into memory, checked as for any read, so
    /// that the file itself can be overwritten (`record -o` naming one of its
    /// inputs). Not while a replay reads. False if it could not.
    func hold(_ number: Int) -> Bool {
        guard files[number].bytes == nil else { return true }
        guard check(number) else { return false }
        let file = files[number]
        guard let all = Self.bytes(file.fd, at: 0, count: Int(file.size)), check(number) else {
            refuse(number, "cannot be read: " + Platform.errnoText)
            return false
        }
        files[number].bytes = all
        return true
    }

    /// Lines that could not be read back, one message per file.
    var problems: [String] { lock.sync { problemTexts } }

    func isRefused(_ number: Int) -> Bool { lock.sync { refused.contains(number) } }

    /// Refuses file `number` from now on, saying `why` once.
    func refuse(_ number: Int, _ why: String) {
        let path = files[number].path
        let fresh = lock.sync { refused.insert(number).inserted }
        guard fresh else { return }
        let text = "\(Sanitize.path(path)): \(why); its records are no longer played"
        Log.feed.warning("\(Log.shown(text))")
        lock.sync { problemTexts.append(text) }
    }

    /// Checks every file now (one fstat each, see `check`): false when one
    /// is refused, a change that no read has met yet included.
    func allReadable() -> Bool {
        var all = true
        for n in files.indices where !check(n) { all = false }
        return all
    }

    /// True when file `number` may still be read: held in memory, or
    /// unchanged since loading but for appends (see the type's comment).
    func check(_ number: Int) -> Bool {
        let file = files[number]
        if file.bytes != nil { return true }
        if isRefused(number) { return false }
        guard let now = Platform.feedStatus(fd: file.fd) else {
            refuse(number, "cannot be read: " + Platform.errnoText)
            return false
        }
        if now.info.size == file.size && now.modifiedNanos == file.modifiedNanos { return true }
        if now.info.size < file.size {
            refuse(number, "truncated since the recording was loaded (\(file.size) bytes loaded, \(now.info.size) now)")
            return false
        }
        if now.info.size == file.size {
            refuse(number, "written over since the recording was loaded")
            return false
        }
        let back = Int64(file.tail.count)
        guard Self.bytes(file.fd, at: 0, count: file.head.count) == file.head,
              Self.bytes(file.fd, at: file.size - back, count: file.tail.count) == file.tail
        else {
            refuse(number, "rewritten since the recording was loaded")
            return false
        }
        return true
    }

    /// `count` bytes at `offset`, or nil if they could not all be read.
    private static func bytes(_ fd: Int32, at offset: Int64, count: Int) -> [UInt8]? {
        guard count > 0 else { return [] }
        var out = [UInt8](repeating: 0, count: count)
        let n = out.withUnsafeMutableBytes { Platform.read(fd, into: $0.baseAddress!, count: count, at: offset) }
        return n == count ? out : nil
    }
}
