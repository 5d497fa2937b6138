/// One thread's reading of a recording's lines back from their files, for
/// one feed, rebuild or write: lines are fed in time order, and a file's lines
/// in time order mostly lie one after the other, so each file read on gets a
/// window of up to 1 MiB filled by one pread, and the lines that follow are
/// served from it: a syscall per block, never one per line. A line that is
/// not where the file was being read (a late record, filed far from its
/// neighbours in time) is read alone, leaving the window in place for the
/// lines around it. A block is never read past the last line wanted, so a
/// console feeding a few records a tick reads a few lines' bytes.
///
/// Each line is checked where it was loaded (`RecordingFiles`): a file found
/// changed is refused, and its lines are no longer handed over.
final class RecordingReader {
    /// The largest window, in bytes.
    static let blockBytes = 1 << 20
    /// All windows together stay under this (more files, smaller windows).
    static let windowBudget = 64 << 20
    /// The smallest window.
    static let minBlockBytes = 64 << 10
    /// A line starting up to this far past where its file was read last is
    /// read on (the window moves there), not alone.
    static let gapBytes: Int64 = 64 << 10
    /// Windows kept at once: one per file this reading reads, between 16
    /// and 1,024; more files interleaved than this take turns. Why per
    /// file: with a fixed 16, 32 files interleaved in time evicted a window
    /// at every line, and each line cost a refill of up to a block (a
    /// recording of 64,000 records took 7.3 s from 32 files, 0.3 s from 8).
    let maxWindows: Int
    /// This reading's block: `blockBytes`, less when many files share the budget.
    let blockLimit: Int
    /// Reads made (fills and lines read alone), for tests.
    private(set) var reads = 0

    private struct Window {
        var buffer: UnsafeMutableRawBufferPointer
        var file = -1
        var start: Int64 = 0
        var count = 0
        var used = 0
    }

    private let files: RecordingFiles
    private var windows: [Window] = []
    /// Per file: its window's index (-1: none), where the last line read
    /// ended, how far this reading wants it, its descriptor and loaded size.
    private var windowOf: [Int32]
    private var lastEnd: [Int64]
    private var wanted: [Int64]
    private let fds: [Int32]
    private let sizes: [Int64]
    private let held: [Bool]
    private var scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 16)
    private var uses = 0

    /// A reader for `entries` (those about to be read, in order).
    init(files: RecordingFiles, entries: ArraySlice<Recording.Entry>) {
        self.files = files
        let count = files.files.count
        fds = files.files.map(\.fd)
        sizes = files.files.map(\.size)
        held = files.files.map { $0.bytes != nil }
        windowOf = Array(repeating: -1, count: count)
        lastEnd = Array(repeating: -1, count: count)
        wanted = Array(repeating: 0, count: count)
        for e in entries { wanted[e.file] = max(wanted[e.file], e.offset + Int64(e.length)) }
        maxWindows = min(1024, max(16, wanted.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }))
        blockLimit = max(Self.minBlockBytes, min(Self.blockBytes, Self.windowBudget / maxWindows))
    }

    deinit {
        for w in windows { w.buffer.deallocate() }
        scratch.deallocate()
    }

    /// Hands the line of `entry` to `body`, read back and checked; nil (and
    /// `body` not called) when its file is refused.
    func withLine<T>(_ entry: Recording.Entry, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        let f = entry.file, offset = entry.offset, end = offset + Int64(entry.length)
        if held[f] {
            return try files.files[f].bytes!.withUnsafeBytes { all in
                try body(UnsafeRawBufferPointer(rebasing: all[Int(offset)..<Int(end)]))
            }
        }
        // With the byte before (a newline) and after (a newline or CR), if any.
        let lo = offset > 0 ? offset - 1 : 0, hi = min(end + 1, sizes[f])
        let base: UnsafeRawPointer, at: Int64
        let w = Int(windowOf[f])
        if w >= 0, lo >= windows[w].start, hi <= windows[w].start + Int64(windows[w].count) {
            base = UnsafeRawPointer(windows[w].buffer.baseAddress!)
            at = windows[w].start
        } else if hi - lo <= Int64(blockLimit), readingOn(f, w, lo) {
            guard let filled = fill(f, from: lo, through: hi) else { return nil }
            base = UnsafeRawPointer(windows[filled].buffer.baseAddress!)
            at = lo
        } else {
            guard readAlone(f, from: lo, through: hi) else { return nil }
            base = UnsafeRawPointer(scratch.baseAddress!)
            at = lo
        }
        lastEnd[f] = end
        let line = base + Int(offset - at)
        if (offset > 0 && line.load(fromByteOffset: -1, as: UInt8.self) != 0x0A)
            || (end < sizes[f] && !Self.endsLine(line.load(fromByteOffset: Int(entry.length), as: UInt8.self))) {
            files.refuse(f, "the bytes at offset \(offset) are no longer the line loaded there")
            return nil
        }
        return try body(UnsafeRawBufferPointer(start: line, count: Int(entry.length)))
    }

    @inline(__always)
    private static func endsLine(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

    /// The line at `lo` continues the reading of file `f`: it has no window
    /// yet, or the line lies just past its window or its last line.
    private func readingOn(_ f: Int, _ w: Int, _ lo: Int64) -> Bool {
        guard w >= 0 else { return true }
        let windowEnd = windows[w].start + Int64(windows[w].count)
        return (lo >= windows[w].start && lo <= windowEnd + Self.gapBytes)
            || (lo >= lastEnd[f] && lo <= lastEnd[f] + Self.gapBytes)
    }

    /// Fills a window of file `f` from `lo`, up to a block but not past the
    /// last line wanted; returns its index, or nil if the file is refused.
    private func fill(_ f: Int, from lo: Int64, through hi: Int64) -> Int? {
        guard files.check(f) else { return nil }
        let want = max(hi, min(wanted[f] + 1, sizes[f]))
        let count = Int(min(Int64(blockLimit), want - lo))
        reads += 1
        let w = window(for: f, capacity: count)
        let n = Platform.read(fds[f], into: windows[w].buffer.baseAddress!, count: count, at: lo)
        guard n >= Int(hi - lo) else {
            files.refuse(f, n < 0 ? "cannot be read: " + Platform.errnoText : "shorter than when the recording was loaded")
            windows[w].count = 0
            return nil
        }
        windows[w].start = lo
        windows[w].count = n
        return w
    }

    /// Reads [lo, hi) of file `f` into the scratch buffer; false if refused.
    private func readAlone(_ f: Int, from lo: Int64, through hi: Int64) -> Bool {
        guard files.check(f) else { return false }
        let count = Int(hi - lo)
        reads += 1
        if scratch.count < count {
            scratch.deallocate()
            scratch = .allocate(byteCount: count, alignment: 16)
        }
        let n = Platform.read(fds[f], into: scratch.baseAddress!, count: count, at: lo)
        guard n == count else {
            files.refuse(f, n < 0 ? "cannot be read: " + Platform.errnoText : "shorter than when the recording was loaded")
            return false
        }
        return true
    }

    /// The window of file `f`, at least `capacity` bytes: its own, a new one,
    /// or the one least recently used, taken from its file.
    private func window(for f: Int, capacity: Int) -> Int {
        uses += 1
        var w = Int(windowOf[f])
        if w < 0 {
            if windows.count < maxWindows {
                windows.append(Window(buffer: .allocate(byteCount: max(capacity, 4096), alignment: 16)))
                w = windows.count - 1
            } else {
                w = windows.indices.min { windows[$0].used < windows[$1].used }!
                windowOf[windows[w].file] = -1
            }
            windows[w].file = f
            windowOf[f] = Int32(w)
        }
        if windows[w].buffer.count < capacity {
            windows[w].buffer.deallocate()
            windows[w].buffer = .allocate(byteCount: min(blockLimit, max(capacity, 2 * windows[w].buffer.count)), alignment: 16)
        }
        windows[w].used = uses
        return w
    }
}
