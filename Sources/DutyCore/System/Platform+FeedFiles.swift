#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Opening feed files without ever blocking (added for the tailer)

extension Platform {
    /// What a path or a descriptor names, for refusing anything that is not
    /// a plain file with a message a person understands.
    public enum FileKind: Sendable, Equatable {
        case regular, directory, fifo, characterDevice, blockDevice, socket, symbolicLink, other

        init(mode: mode_t) {
            switch mode & S_IFMT {
            case S_IFREG: self = .regular
            case S_IFDIR: self = .directory
            case S_IFIFO: self = .fifo
            case S_IFCHR: self = .characterDevice
            case S_IFBLK: self = .blockDevice
            case S_IFSOCK: self = .socket
            case S_IFLNK: self = .symbolicLink
            default: self = .other
            }
        }

        /// "a FIFO", "a directory", … for "not a regular file (a FIFO)".
        public var article: String {
            switch self {
            case .regular: "a regular file"
            case .directory: "a directory"
            case .fifo: "a FIFO"
            case .characterDevice: "a character device"
            case .blockDevice: "a block device"
            case .socket: "a socket"
            case .symbolicLink: "a symbolic link"
            case .other: "not a file"
            }
        }
    }

    /// An open feed's identity, size, type and modification times, from
    /// one fstat of its descriptor.
    public struct FeedFileStatus: Equatable, Sendable {
        public var info: FileInfo
        public var kind: FileKind
        /// st_mtim in nanoseconds since the epoch: changes with every write.
        public var modifiedNanos: Int64
    }

    public static func feedStatus(fd: Int32) -> FeedFileStatus? {
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return feedStatus(st)
    }

    /// Kind of what a path names (following symlinks, as a feed may be a
    /// link), or nil with errno set.
    public static func fileKind(path: String) -> FileKind? { fileKind(FeedPath(path)) }

    private static func feedStatus(_ st: Glibc.stat) -> FeedFileStatus {
        FeedFileStatus(
            info: info(st),
            kind: FileKind(mode: st.st_mode),
            modifiedNanos: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec))
    }

    /// Why a feed could not be opened for reading.
    public enum FeedOpenError: Error, Equatable, Sendable {
        /// open(2) or fstat(2) failed: the errno.
        case system(Int32)
        /// It opened, but is not a regular file (a FIFO, a device, a directory …).
        case notRegular(FileKind)

        /// The text after "PATH: ".
        public var reason: String {
            switch self {
            case .system(let code): errorText(code)
            case .notRegular(let kind): "not a regular file (\(kind.article))"
            }
        }

        /// The reason in both languages (Chinese from the label table).
        public var label: Label {
            switch self {
            case .system(let code): errorLabel(code)
            case .notRegular(let kind): Label("不是普通文件（\(kind.article)）", reason)
            }
        }
    }

    /// Opens a feed for reading so that nothing can block: O_NONBLOCK (a
    /// FIFO opens at once instead of waiting for a writer, and a device
    /// never waits), O_NOCTTY (a terminal never becomes ours), O_CLOEXEC;
    /// then fstat of the descriptor itself, and anything that is not a
    /// regular file is closed and refused. What was checked is what is
    /// read, whatever the path names by now.
    public static func openFeed(_ path: String) -> Result<(fd: Int32, status: FeedFileStatus), FeedOpenError> {
        openFeed(FeedPath(path))
    }

    /// fstat of a descriptor just opened (or -1 with errno set): kept if a
    /// regular file, closed and refused otherwise.
    static func checkFeed(_ fd: Int32) -> Result<(fd: Int32, status: FeedFileStatus), FeedOpenError> {
        guard fd >= 0 else { return .failure(.system(errno)) }
        guard let status = feedStatus(fd: fd) else {
            let code = errno
            close(fd)
            return .failure(.system(code))
        }
        guard status.kind == .regular else {
            close(fd)
            return .failure(.notRegular(status.kind))
        }
        return .success((fd, status))
    }
}

// MARK: - Names that are not UTF-8

extension Platform {
    /// A path as shown (`text`, with U+FFFD for bytes that are not UTF-8)
    /// and, when the two differ, as the bytes that name the file. A file
    /// whose name is not UTF-8 is still read, under its raw name.
    public struct FeedPath: Hashable, Sendable {
        public var text: String
        /// The path's bytes, only when they are not `text`'s UTF-8.
        public var bytes: [UInt8]?

        public init(_ text: String, bytes: [UInt8]? = nil) {
            self.text = text
            self.bytes = bytes.flatMap { String(validating: $0, as: UTF8.self) == nil ? $0 : nil }
        }

        func withCString<R>(_ body: (UnsafePointer<CChar>) -> R) -> R {
            guard let bytes else { return text.withCString(body) }
            return (bytes + [0]).withUnsafeBufferPointer {
                $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
            }
        }
    }

    /// Names in a directory, raw bytes kept for those that are not UTF-8
    /// (no "." or ".."), or nil with errno set.
    public static func listDirectoryPaths(_ directory: String) -> [FeedPath]? {
        guard let dir = opendir(directory) else { return nil }
        defer { closedir(dir) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var paths: [FeedPath] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: 256) { p in
                    Array(UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            paths.append(FeedPath(prefix + String(decoding: name, as: UTF8.self), bytes: Array(prefix.utf8) + name))
        }
        return paths
    }

    /// stat(2) following symlinks, as `stat(path:)`; nil with errno set.
    public static func stat(_ path: FeedPath) -> FileInfo? {
        var st = Glibc.stat()
        guard path.withCString({ fstatat(AT_FDCWD, $0, &st, 0) }) == 0 else { return nil }
        return feedStatus(st).info
    }

    public static func fileKind(_ path: FeedPath) -> FileKind? {
        var st = Glibc.stat()
        guard path.withCString({ fstatat(AT_FDCWD, $0, &st, 0) }) == 0 else { return nil }
        return FileKind(mode: st.st_mode)
    }

    /// Whether a symlink found in `directory` may be followed: when it
    /// belongs to this account or to the folder's owner, as the kernel's
    /// `protected_symlinks` rule has it for sticky folders. In a folder others
    /// can write, a link another account planted (`x.jsonl -> ~/private`)
    /// would otherwise have the officer's own files read as feeds. nil when
    /// `path` is not a symlink (nothing to decide), else the owner's uid
    /// when it is refused, or -1 when it may be followed.
    public static func refusedLinkOwner(_ path: FeedPath, in directory: String) -> Int64? {
        var link = Glibc.stat()
        guard path.withCString({ fstatat(AT_FDCWD, $0, &link, AT_SYMLINK_NOFOLLOW) }) == 0,
              (link.st_mode & S_IFMT) == S_IFLNK else { return nil }
        return linkOwnerAllowed(link.st_uid, in: directory) ? -1 : Int64(link.st_uid)
    }

    private static func linkOwnerAllowed(_ uid: uid_t, in directory: String) -> Bool {
        if uid == geteuid() { return true }
        var dir = Glibc.stat()
        return directory.withCString({ fstatat(AT_FDCWD, $0, &dir, 0) }) == 0 && dir.st_uid == uid
    }

    /// After a file of `directory` was opened as `fd`: nil when what the path
    /// names now is still what was opened and no foreign symlink led there,
    /// else why it is not read. The check before the open is not enough: a
    /// name swapped between a plain file and a planted link
    /// (`renameat2(RENAME_EXCHANGE)`) can pass it and then be opened through
    /// the link. One lstat decides: a plain file must be the file held; a
    /// link must be allowed (`refusedLinkOwner`) and lead to the file held.
    public static func openedThroughAllowedName(_ fd: Int32, _ path: FeedPath, in directory: String) -> String? {
        var name = Glibc.stat(), held = Glibc.stat()
        guard fstat(fd, &held) == 0,
              path.withCString({ fstatat(AT_FDCWD, $0, &name, AT_SYMLINK_NOFOLLOW) }) == 0 else {
            return "not read: it changed while it was opened"
        }
        if (name.st_mode & S_IFMT) == S_IFLNK {
            guard linkOwnerAllowed(name.st_uid, in: directory) else {
                return "not read: a symbolic link of uid \(name.st_uid), neither this account's nor the folder owner's"
            }
            guard path.withCString({ fstatat(AT_FDCWD, $0, &name, 0) }) == 0 else {
                return "not read: it changed while it was opened"
            }
        }
        return name.st_dev == held.st_dev && name.st_ino == held.st_ino ? nil : "not read: it changed while it was opened"
    }

    /// `openFeed` of a path that may not be UTF-8.
    public static func openFeed(_ path: FeedPath) -> Result<(fd: Int32, status: FeedFileStatus), FeedOpenError> {
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        return checkFeed(fd)
    }
}
