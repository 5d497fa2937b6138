/// Lines copied out of the tailer's read buffer (which is reused for the
/// next read) together with where each came from, so that another thread can
/// parse them while the tailer reads on. Refused lines (too long) keep their
/// place among the others, so the store sees everything in file order.
/// Owned by one thread at a time: the reader fills it, a worker parses it,
/// the store's thread applies it; the pipeline's semaphores order the hand-overs.
// @unchecked Sendable: handed from thread to thread, never used by two at once (see `BatchPipeline`).
final class LineBatch: @unchecked Sendable {
    /// One entry: a line's bytes in `bytes`, or (`file` < 0) a refusal in `refusals`.
    struct Entry {
        var start: Int
        var count: Int
        /// Index into `files`; -1 − index into `refusals` for a refused line.
        var file: Int32
        var line: Int
        var offset: Int64
    }

    @exclusivity(unchecked) private(set) var bytes: UnsafeMutableRawPointer
    @exclusivity(unchecked) private(set) var capacity: Int
    @exclusivity(unchecked) private(set) var used = 0
    @exclusivity(unchecked) private(set) var entries: [Entry] = []
    @exclusivity(unchecked) private(set) var files: [String] = []
    @exclusivity(unchecked) private(set) var refusals: [QuarantinedLine] = []
    /// How many bytes make the batch full: a line that would pass it starts
    /// the next batch (a longer line goes alone, in a buffer grown for it).
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
        capacity = self.limit
        bytes = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { bytes.deallocate() }

    var isEmpty: Bool { entries.isEmpty }

    /// Whether `count` more bytes still belong in this batch.
    func fits(_ count: Int) -> Bool { entries.isEmpty || used + count <= limit }

    /// Copies a line in (call `fits` first).
    func append(_ line: UnsafeRawBufferPointer, at position: LinePosition) {
        if used + line.count > capacity { grow(to: used + line.count) }
        if line.count > 0 { (bytes + used).copyMemory(from: line.baseAddress!, byteCount: line.count) }
        entries.append(Entry(start: used, count: line.count, file: fileIndex(position.file),
                             line: position.line, offset: position.offset))
        used += line.count
    }

    /// Keeps a refused line's place.
    func append(refused q: QuarantinedLine) {
        entries.append(Entry(start: used, count: 0, file: -1 - Int32(refusals.count), line: q.line, offset: q.offset))
        refusals.append(q)
    }

    /// Empties the batch for reuse (the buffer is kept: no page faults the next time).
    func reset() {
        used = 0
        entries.removeAll(keepingCapacity: true)
        files.removeAll(keepingCapacity: true)
        refusals.removeAll(keepingCapacity: true)
        if capacity > limit {
            bytes.deallocate()
            capacity = limit
            bytes = .allocate(byteCount: capacity, alignment: 64)
        }
    }

    @inline(__always)
    func line(_ i: Int) -> UnsafeRawBufferPointer {
        let e = entries[i]
        return UnsafeRawBufferPointer(start: bytes + e.start, count: e.count)
    }

    /// The refusal at entry `i`, if it is one.
    @inline(__always)
    func refusal(_ i: Int) -> QuarantinedLine? {
        let f = entries[i].file
        return f < 0 ? refusals[Int(-1 - f)] : nil
    }

    func position(_ i: Int) -> LinePosition {
        let e = entries[i]
        return LinePosition(file: files[Int(e.file)], line: e.line, offset: e.offset)
    }

    /// Most batches come from one file: compare with the last name first
    /// (pointer-equal Strings compare in a few instructions).
    private func fileIndex(_ name: String) -> Int32 {
        if let last = files.last, last == name { return Int32(files.count - 1) }
        files.append(name)
        return Int32(files.count - 1)
    }

    private func grow(to need: Int) {
        let grown = UnsafeMutableRawPointer.allocate(byteCount: need, alignment: 64)
        if used > 0 { grown.copyMemory(from: bytes, byteCount: used) }
        bytes.deallocate()
        bytes = grown
        capacity = need
    }
}
