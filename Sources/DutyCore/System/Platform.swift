#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CDutyPlatform

/// Every libc call of the core goes through here, so the rest of the code
/// stays portable and the system surface is visible in one file.
public enum Platform {
    /// memcmp of `count` bytes.
    @inline(__always)
    public static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
        memcmp(a, b, count) == 0
    }

    /// Byte-wise equality of two buffers.
    @inline(__always)
    public static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        if a.count == 0 { return true }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
    }

    /// The cores this process may run on (at least 1): its CPU affinity,
    /// else the cores online. How many threads a parallel load uses by default.
    public static var cores: Int {
        let allowed = Int(dd_affinity_cpus())
        return max(1, allowed > 0 ? allowed : Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Raises the soft limit of open files to the hard one. Why: a tailer
    /// and a replay keep every feed file of a folder open (so a file renamed
    /// or replaced is still read through what was opened), and the common
    /// soft limit of 1,024 would fail a folder of a thousand files, and the
    /// console's journal after it, while the hard limit is far above.
    public static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// The most threads a load may be asked for: each costs a parser's
    /// tables and batches in flight, so `--threads 100000` must not mean
    /// gigabytes.
    public static let maxThreads = 256

    /// Starts loading the cache line at `p` without waiting for it.
    @inline(__always)
    public static func prefetch(_ p: UnsafeRawPointer) { dd_prefetch(p) }

    /// Masks of p[0..<16]: '"'/'\\'/control (bits 0–15), non-ASCII (16–31),
    /// three-byte leads E1–EC/EE–EF (32–47), continuations (48–63). Reads 16 bytes.
    @inline(__always)
    public static func stringMasks16(_ p: UnsafeRawPointer) -> UInt64 { UInt64(dd_string_masks16(p)) }

    /// Where a string body at `block + skip` ends (its closing quote, from
    /// the body's start) when it ends within the 32 bytes at `block` with only
    /// ASCII and whole three-byte characters before it; -1 otherwise.
    /// Reads the 32 bytes at `block`; `skip` is below 32.
    @inline(__always)
    public static func shortStringEnd32(_ block: UnsafeRawPointer, skip: Int) -> Int {
        Int(dd_short_string_end32(block, UInt32(truncatingIfNeeded: skip)))
    }

    /// Maps in the whole pages of a fresh allocation in one call
    /// (`MADV_POPULATE_WRITE`, Linux 5.14) instead of one page fault per
    /// 4 KiB as it is first written: a store page of 1 MiB costs about a
    /// quarter less that way here. Only a hint: where it is not supported
    /// the pages fault in as usual.
    public static func prefault(_ p: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        let page = 4096
        let start = (Int(bitPattern: p) + page - 1) & ~(page - 1)
        let end = (Int(bitPattern: p) + byteCount) & ~(page - 1)
        guard end > start, let at = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(at, end - start, madvPopulateWrite)
        #endif
    }

    /// `MADV_POPULATE_WRITE` (Linux 5.14), which Glibc's headers before 2.35 do not name.
    private static let madvPopulateWrite: Int32 = 23

    /// The index of the first `byte` in p[0..<count], via libc's vectorised memchr.
    @inline(__always)
    public static func find(_ byte: UInt8, in p: UnsafeRawPointer, count: Int) -> Int? {
        guard count > 0, let hit = memchr(p, Int32(byte), count) else { return nil }
        return UnsafeRawPointer(hit) - p
    }

    public static var errnoText: String { String(cString: strerror(errno)) }
    public static var errnoValue: Int32 { errno }
    /// The last call failed because the path (or a folder on it) does not exist.
    public static var errnoIsMissing: Bool { errno == ENOENT || errno == ENOTDIR }

    /// Identity and size of an open file or a path.
    public struct FileInfo: Equatable, Sendable {
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        public var isDirectory: Bool
        public var isRegular: Bool
    }

    public static func stat(path: String) -> FileInfo? {
        var st = Glibc.stat()
        guard lstatOrStat(path, &st) == 0 else { return nil }
        return info(st)
    }

    public static func stat(fd: Int32) -> FileInfo? {
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return info(st)
    }

    /// `stat` follows symlinks, as a feed named by a link should be read through it.
    private static func lstatOrStat(_ path: String, _ st: inout Glibc.stat) -> Int32 {
        path.withCString { fstatat(AT_FDCWD, $0, &st, 0) }
    }

    static func info(_ st: Glibc.stat) -> FileInfo {
        FileInfo(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                 isDirectory: (st.st_mode & S_IFMT) == S_IFDIR, isRegular: (st.st_mode & S_IFMT) == S_IFREG)
    }

    /// Opens for reading; nil with errno set on failure.
    public static func openRead(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        return fd >= 0 ? fd : nil
    }

    public static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    /// pread until `count` bytes or end of file; returns bytes read or -1.
    public static func read(_ fd: Int32, into p: UnsafeMutableRawPointer, count: Int, at offset: Int64) -> Int {
        var done = 0
        while done < count {
            let r = pread(fd, p + done, count - done, off_t(offset) + off_t(done))
            if r < 0 { if errno == EINTR { continue }; return done > 0 ? done : -1 }
            if r == 0 { break }
            done += r
        }
        return done
    }

    /// Names in a directory (no "." or ".."), or nil with errno set.
    public static func listDirectory(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Wall clock in milliseconds since the epoch.
    public static func wallClockMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }

    /// Monotonic nanoseconds, for measuring.
    public static func monotonicNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Peak resident set size of this process in bytes (VmHWM).
    public static func peakRSSBytes() -> Int64 {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int64(usage.ru_maxrss) * 1024
    }

    /// Writes a whole string to a file descriptor (stdout/stderr).
    public static func write(_ s: String, to fd: Int32) {
        var s = s
        s.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let r = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if r < 0 { if errno == EINTR { continue }; return }
                off += r
            }
        }
    }
}

// MARK: - Writing files, and libm (added for the feed generator)

extension Platform {
    /// write(2) until all of `bytes` is written, retrying on EINTR; false with
    /// errno set on failure.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var done = 0
        while done < bytes.count {
            let r = libcWrite(fd, bytes.baseAddress! + done, bytes.count - done)
            if r < 0 {
                if errno == EINTR { continue }
                return false
            }
            done += r
        }
        return true
    }

    /// libm's log, exp and cos. The generator's output depends on their exact
    /// bits, so these call the C library rather than any other approximation.
    @inline(__always) public static func log(_ x: Double) -> Double { libmLog(x) }
    @inline(__always) public static func exp(_ x: Double) -> Double { libmExp(x) }
    @inline(__always) public static func cos(_ x: Double) -> Double { libmCos(x) }
}

// At file scope, where the C names are not shadowed by Platform's own members.
@inline(__always) private func libcWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int { write(fd, p, n) }
@inline(__always) private func libmLog(_ x: Double) -> Double { log(x) }
@inline(__always) private func libmExp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func libmCos(_ x: Double) -> Double { cos(x) }

// MARK: - The operator journal (added for OperatorJournal): locked, durable appends

extension Platform {
    /// flock(2) on the whole file, blocking, retrying on EINTR. Locks belong to
    /// the open file description, so two opens exclude each other even in one
    /// process. false with errno set on failure.
    public static func lockFile(_ fd: Int32, exclusive: Bool) -> Bool {
        while flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    public static func unlockFile(_ fd: Int32) { _ = flock(fd, LOCK_UN) }

    /// One write(2) call (retried only on EINTR): returns the bytes written, or
    /// -1 with errno set. A short count is the caller's to handle.
    public static func writeOnce(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        guard bytes.count > 0 else { return 0 }
        while true {
            let r = libcWrite(fd, bytes.baseAddress!, bytes.count)
            if r < 0 && errno == EINTR { continue }
            return r
        }
    }

    /// fdatasync(2); false with errno set on failure.
    public static func dataSync(_ fd: Int32) -> Bool {
        while fdatasync(fd) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// fsync(2), for a directory after a file was created in it (fdatasync of
    /// the file alone does not make its name durable); false with errno set.
    public static func fullSync(_ fd: Int32) -> Bool {
        while fsync(fd) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// ftruncate(2); false with errno set on failure.
    public static func truncateFile(_ fd: Int32, to length: Int64) -> Bool {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// strerror of a given code (not the current errno).
    public static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// An errno in both languages: Chinese from the label table ("errno.N"),
    /// English from strerror; strerror in both when the table lacks it.
    public static func errorLabel(_ code: Int32) -> Label {
        let en = errorText(code)
        return Label(Labels.table["errno.\(code)"]?.zh ?? en, en)
    }

    /// The current errno in both languages.
    public static var errnoLabel: Label { errorLabel(errno) }

    /// The errno values the journal reports by name and tests inject.
    public static let errnoNoSpace: Int32 = ENOSPC
    public static let errnoIO: Int32 = EIO
    public static let errnoReadOnly: Int32 = EROFS
}
