/// One followed file: its open descriptor, its identity and how far it has been
/// read. The descriptor stays open between polls so that a file renamed away
/// by rotation, or deleted, can still be read to its end before it is let go
/// (and so that its inode cannot be reused by a re-created file meanwhile).
final class TailedFile {
    /// Device + inode: survives a rename, changes when a path is re-created.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: Platform.FileInfo) { device = info.device; inode = info.inode }
    }

    /// What one read handed over; `error` is the errno text if a read failed.
    struct Counts {
        var lines = 0
        var bytes: Int64 = 0
        var error: String?
    }

    /// Leading bytes remembered to notice a file truncated and regrown past
    /// the old offset between two polls (same inode, size no smaller).
    static let fingerprintBytes = 64
    /// Bytes remembered before the read offset to notice a file rewritten in
    /// place between two polls with its first bytes kept: any rewrite that
    /// moves or changes the lines near where reading stopped changes them.
    static let tailBytes = 4096

    /// The name put in positions: the path the file was last found under.
    var path: String
    /// Index of the configured path (directory or file) it was found through.
    var root: Int
    let fd: Int32
    let identity: Identity
    private let maxLineBytes: Int

    /// Next byte to read.
    private(set) var offset: Int64 = 0
    /// 1-based number and byte offset of the line being read (or held).
    private var lineNumber = 1
    private var lineStart: Int64 = 0
    /// The unterminated line so far, copied out of the shared buffer; never
    /// more than maxLineBytes + 1 bytes (the 1 for a final "\r").
    private var carry: [UInt8] = []
    /// Skipping to the next newline: the line was refused as too long, or was
    /// already delivered by `flush`.
    private var discarding = false
    private var fingerprint: [UInt8] = []
    /// The last bytes read, up to `tailBytes`, ending at `offset`.
    private var tail: [UInt8] = []
    /// The file as last looked at (fstat before reading), for noticing a
    /// write that did not grow it; nil until the first look.
    private var seen: Platform.FeedFileStatus?
    /// Set when the last look found the file written to (mtime moved) but no
    /// larger: a rewrite in place, or an append caught half way.
    private var quietWrite: Platform.FeedFileStatus?
    /// The first bytes as read (up to `PrefixHash.limit`), to compare with
    /// the file whenever it was written to.
    private var readHash = PrefixHash()
    /// The file was written to since `readHash` was last checked.
    private var writtenSinceVerify = false
    /// When it was last checked (monotonic ns; 0: never).
    private var lastVerify: UInt64 = 0
    static let verifyInterval: UInt64 = 2_000_000_000

    init(path: String, root: Int, fd: Int32, status: Platform.FeedFileStatus, maxLineBytes: Int) {
        self.path = path; self.root = root; self.fd = fd; self.identity = Identity(status.info)
        self.maxLineBytes = maxLineBytes
        seen = status
    }

    func close() { Platform.close(fd) }

    /// This file by identity, for the sink (once per chunk, never per line).
    var origin: LineOrigin {
        LineOrigin(path: path, device: identity.device, inode: identity.inode, head: fingerprint)
    }

    /// Starts over from the first byte when the file was truncated or
    /// rewritten in place, that is when any byte already read may have
    /// changed: it is shorter than what was read (copytruncate); or it is no
    /// larger than when last looked at yet was written to since (its mtime
    /// moved: an append always grows a file, so that was a write over old
    /// bytes), and still no larger at the next look; or its first bytes differ from those seen, compared over the
    /// length known then (truncated and regrown); or the last bytes read
    /// before `offset` (up to `tailBytes`) differ (rewritten and regrown past
    /// the old end, keeping the first bytes). Costs one fstat and two small
    /// preads from the page cache per poll, whatever the file's size. The
    /// held partial line went with the old content: dropped. Returns true if
    /// it rewound.
    @discardableResult
    func rewindIfRewritten() -> Bool {
        guard let status = Platform.feedStatus(fd: fd) else { return false }
        let before = seen
        seen = status
        guard offset > 0 else { return false }
        var rewritten = status.info.size < offset
        // Why, for the log (a person debugging a feed wants to know which).
        var why = "truncated"
        if !rewritten, let before {
            // The kernel moves mtime before it grows the file, so an append
            // under way can look like a write that did not grow it: only a
            // file still no larger at the next look was written over.
            if let suspect = quietWrite, status.info.size <= suspect.info.size {
                rewritten = true
                why = "written to without growing"
            }
            let quiet = status.info.size <= before.info.size && status.modifiedNanos != before.modifiedNanos
            quietWrite = quiet && !rewritten ? status : nil
        }
        if !rewritten {
            rewritten = !headUnchanged() || !tailUnchanged()
            why = "its first bytes, or those before where reading stopped, changed"
        }
        // Written to since the last look: are the bytes read still those?
        // (Whole for files read up to PrefixHash.limit: a line changed in the
        // middle while the file also grew is noticed too.)
        // At most every `verifyInterval`: a late check still catches the
        // change (the hash is of the bytes as read), and a feed appended to at
        // every poll costs one re-read every two seconds, not one a poll.
        if let before, status.modifiedNanos != before.modifiedNanos { writtenSinceVerify = true }
        if !rewritten && writtenSinceVerify {
            let now = Platform.monotonicNanos()
            if lastVerify == 0 || now &- lastVerify >= Self.verifyInterval {
                lastVerify = now
                writtenSinceVerify = false
                rewritten = !prefixUnchanged()
                why = "the bytes read no longer hash the same"
            }
        }
        if rewritten {
            Log.feed.debug("\(Log.shown(path)) truncated or rewritten in place (\(why); size \(status.info.size), \(offset) read): read again from the start")
            quietWrite = nil
            readHash = PrefixHash()
            offset = 0; lineNumber = 1; lineStart = 0
            carry.removeAll(keepingCapacity: false); discarding = false
            fingerprint = []; tail.removeAll(keepingCapacity: true)
        }
        return rewritten
    }

    /// The file's first bytes still match the fingerprint (which grows up to
    /// `fingerprintBytes` as the file does).
    private func headUnchanged() -> Bool {
        withUnsafeTemporaryAllocation(byteCount: Self.fingerprintBytes, alignment: 1) { head in
            let n = Platform.read(fd, into: head.baseAddress!, count: head.count, at: 0)
            guard n >= 0 else { return true }   // a read error is reported by the read that follows
            let now = UnsafeRawBufferPointer(start: head.baseAddress, count: n)
            let known = fingerprint.count
            if n < known { return false }
            if !fingerprint.withUnsafeBytes({ Platform.equal($0, UnsafeRawBufferPointer(rebasing: now[0..<known])) }) {
                return false
            }
            if n > known { fingerprint = Array(now) }
            return true
        }
    }

    /// The first `readHash.length` bytes of the file hash as they did when read.
    private func prefixUnchanged() -> Bool {
        let count = Int(readHash.length)
        guard count > 0 else { return true }
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 16) { now in
            let n = Platform.read(fd, into: now.baseAddress!, count: count, at: 0)
            guard n >= 0 else { return true }   // a read error is reported by the read that follows
            guard n == count else { return false }
            var again = PrefixHash()
            again.feed(UnsafeRawBufferPointer(now))
            return again == readHash
        }
    }

    /// The bytes just before `offset` are still those read there.
    private func tailUnchanged() -> Bool {
        let count = tail.count
        guard count > 0 else { return true }
        return withUnsafeTemporaryAllocation(byteCount: count, alignment: 16) { now in
            let n = Platform.read(fd, into: now.baseAddress!, count: count, at: offset - Int64(count))
            guard n >= 0 else { return true }
            return n == count && tail.withUnsafeBytes { Platform.equal($0, UnsafeRawBufferPointer(now)) }
        }
    }

    /// Keeps the last `tailBytes` bytes read, ending at `offset`: called with
    /// each chunk, so once per 256 KiB read, never per line.
    private func remember(_ chunk: UnsafeRawBufferPointer) {
        let window = Self.tailBytes
        if chunk.count >= window {
            tail.removeAll(keepingCapacity: true)
            tail.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[(chunk.count - window)...]))
        } else {
            let drop = tail.count + chunk.count - window
            if drop > 0 { tail.removeFirst(drop) }
            tail.append(contentsOf: chunk)
        }
    }

    /// Reads from `offset` to the end of the file in buffer-sized preads and
    /// hands every complete line to `sink`; the unterminated rest is held.
    func readNew<S: LineSink>(using buffer: UnsafeMutableRawBufferPointer, into sink: inout S) -> Counts {
        var counts = Counts()
        let base = buffer.baseAddress!
        while true {
            let n = Platform.read(fd, into: base, count: buffer.count, at: offset)
            if n < 0 { counts.error = Platform.errnoText; break }
            if n == 0 { break }
            if offset == 0 {
                fingerprint = Array(UnsafeRawBufferPointer(start: base, count: min(n, Self.fingerprintBytes)))
            }
            let chunk = UnsafeRawBufferPointer(start: base, count: n)
            sink.reading(origin)
            counts.lines += scan(chunk, into: &sink)
            remember(chunk)
            if readHash.length < PrefixHash.limit { readHash.feed(chunk) }
            counts.bytes += Int64(n)
            if n < buffer.count { break }   // Platform.read fills the buffer unless at end of file
        }
        return counts
    }

    /// Delivers the held partial line as a final line (end of a one-shot read,
    /// or a file about to be let go). Should the rest of that line arrive
    /// later, it is skipped: the line was delivered once already.
    func flush<S: LineSink>(into sink: inout S) -> Int {
        guard !carry.isEmpty else { return 0 }
        sink.reading(origin)
        let position = LinePosition(file: path, line: lineNumber, offset: lineStart)
        carry.withUnsafeBytes { deliver($0, at: position, into: &sink) }
        carry.removeAll(keepingCapacity: true)
        discarding = true
        return 1
    }

    // MARK: - The hot path

    /// Splits one chunk at its newlines. Only the first line of a chunk can
    /// continue something held from before; every later one lies wholly in the
    /// chunk and goes to the sink straight from the buffer, with the state
    /// kept in locals so the loop is memchr plus a call.
    private func scan<S: LineSink>(_ chunk: UnsafeRawBufferPointer, into sink: inout S) -> Int {
        let base = chunk.baseAddress!, n = chunk.count
        let chunkStart = offset
        offset = chunkStart + Int64(n)
        var handed = 0
        var pos = 0
        if discarding || !carry.isEmpty {
            guard let end = Platform.find(0x0A, in: base, count: n) else {
                return hold(chunk, into: &sink)
            }
            let head = UnsafeRawBufferPointer(start: base, count: end)
            if discarding {
                discarding = false
            } else {
                handed += 1
                let position = LinePosition(file: path, line: lineNumber, offset: lineStart)
                if carry.count + end > maxLineBytes + 1 {
                    sink.refused(tooLong(position))
                } else {
                    carry.append(contentsOf: head)
                    carry.withUnsafeBytes { deliver($0, at: position, into: &sink) }
                }
                carry.removeAll(keepingCapacity: true)
            }
            pos = end + 1
            lineNumber += 1
            lineStart = chunkStart + Int64(pos)
        }
        // One position for the chunk, updated per line: building one per
        // line would retain and release the file name every line.
        var position = LinePosition(file: path, line: lineNumber, offset: 0)
        while pos < n, let length = Platform.find(0x0A, in: base + pos, count: n - pos) {
            position.offset = chunkStart + Int64(pos)
            deliver(UnsafeRawBufferPointer(start: base + pos, count: length), at: position, into: &sink)
            handed += 1
            position.line += 1
            pos += length + 1
        }
        lineNumber = position.line
        lineStart = chunkStart + Int64(pos)
        if pos < n { handed += hold(UnsafeRawBufferPointer(rebasing: chunk[pos...]), into: &sink) }
        return handed
    }

    /// Keeps the unterminated end of a chunk; refuses the line as soon as it
    /// is known to be too long, rather than buffering it without bound.
    private func hold<S: LineSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout S) -> Int {
        if discarding { return 0 }
        if carry.count + bytes.count > maxLineBytes + 1 {
            sink.refused(tooLong(LinePosition(file: path, line: lineNumber, offset: lineStart)))
            carry.removeAll(keepingCapacity: true)
            discarding = true
            return 1
        }
        carry.append(contentsOf: bytes)
        return 0
    }

    @inline(__always)
    private func deliver<S: LineSink>(_ bytes: UnsafeRawBufferPointer, at position: LinePosition, into sink: inout S) {
        var count = bytes.count
        if count > 0 && bytes[count - 1] == 0x0D { count -= 1 }
        if count > maxLineBytes {
            sink.refused(tooLong(position))
        } else {
            sink.line(UnsafeRawBufferPointer(start: bytes.baseAddress, count: count), at: position)
        }
    }

    private func tooLong(_ position: LinePosition) -> QuarantinedLine {
        let limit = maxLineBytes % (1 << 20) == 0 ? "\(maxLineBytes >> 20) MiB" : "\(maxLineBytes) bytes"
        return QuarantinedLine(file: position.file, line: position.line, offset: position.offset,
                               error: FeedError(.tooLong, "line too long (over \(limit))"))
    }
}
