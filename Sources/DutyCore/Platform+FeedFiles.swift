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
    public static func fileKind(path: String) -> FileKind? {
        var st = Glibc.stat()
        guard path.withCString({ fstatat(AT_FDCWD, $0, &st, 0) }) == 0 else { return nil }
        return FileKind(mode: st.st_mode)
    }

    private static func feedStatus(_ st: Glibc.stat) -> FeedFileStatus {
        FeedFileStatus(
            info: FileInfo(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                           isDirectory: (st.st_mode & S_IFMT) == S_IFDIR, isRegular: (st.st_mode & S_IFMT) == S_IFREG),
            kind: FileKind(mode: st.st_mode),
            modifiedNanos: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec))
    }

    /// Why a feed could not be opened for reading.
    public enum FeedOpenError: Error, Equatable, Sendable {
        /// open(2) or fstat(2) failed: the errno text.
        case system(String)
        /// It opened, but is not a regular file (a FIFO, a device, a directory …).
        case notRegular(FileKind)

        /// The text after "PATH: ".
        public var reason: String {
            switch self {
            case .system(let text): text
            case .notRegular(let kind): "not a regular file (\(kind.article))"
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
        let fd = path.withCString { open($0, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) }
        guard fd >= 0 else { return .failure(.system(errnoText)) }
        guard let status = feedStatus(fd: fd) else {
            let text = errnoText
            close(fd)
            return .failure(.system(text))
        }
        guard status.kind == .regular else {
            close(fd)
            return .failure(.notRegular(status.kind))
        }
        return .success((fd, status))
    }
}
