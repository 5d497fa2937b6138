#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file the console would write was refused or could not be opened:
/// the path, and either what is wrong with what the path names (a symlink,
/// not a regular file, an owner outside the sharing model) or the errno.
public struct SafeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// The errno, or 0 when the file was refused for what it is.
    public var code: Int32
    /// "it is a symbolic link", "not a regular file (a FIFO)", …, or strerror.
    public var reason: String
    /// True when the path was refused (symlink, type, links, owner), false
    /// when the system call failed.
    public var refused: Bool

    public var description: String {
        // The reason first: a status line cut at the screen's width still says why.
        refused ? "refused, \(reason): \(path)" : "\(path): \(reason)"
    }
}

/// Files in a folder other accounts can write to (the shared feed folder):
/// every file the console creates or writes is opened without following a
/// symlink in its last component (O_NOFOLLOW), created only where nothing is
/// (O_EXCL), and checked for what it is once open (fstat of the descriptor,
/// so nothing can be swapped in between). Opens never block (O_NONBLOCK: a
/// FIFO planted at the path is refused instead of waiting for a writer).
extension Platform {
    /// What to do with a file that is already there.
    public enum ExistingFile: Sendable {
        /// Use it (appending, or reading and writing).
        case use
        /// Refuse: the caller wants a file nobody else made.
        case refuse
    }

    /// Opens `path` for `access` (O_RDONLY, O_WRONLY or O_RDWR, plus O_APPEND
    /// if wanted), creating it with `mode` (before the umask) when missing
    /// and `create` is true. Returns the descriptor and whether it was created.
    /// Refuses a symlink, anything but a regular file, and a file with more
    /// than one name (a hard link to someone's file).
    public static func openSafely(_ path: String, access: Int32, create: Bool, mode: mode_t = 0o660,
                                  existing: ExistingFile = .use) -> Result<(fd: Int32, created: Bool), SafeFileError> {
        for _ in 0..<8 {
            if existing == .use {
                let fd = open(path, access | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
                if fd >= 0 {
                    if let problem = checkOpened(fd, path) { Glibc.close(fd); return .failure(problem) }
                    return .success((fd, false))
                }
                let e = errno
                if e != ENOENT || !create { return .failure(openError(path, e)) }
            }
            let fd = open(path, access | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode)
            if fd >= 0 {
                if let problem = checkOpened(fd, path) { Glibc.close(fd); return .failure(problem) }
                return .success((fd, true))
            }
            let e = errno
            if e == EEXIST && existing == .use { continue }  // made by someone else meanwhile: open theirs
            return .failure(openError(path, e))
        }
        return .failure(SafeFileError(path: path, code: EAGAIN, reason: "keeps being created and removed", refused: true))
    }

    /// Whether the file `fd` (opened from `path`) may be trusted as a shared
    /// file of this center: owned by this account, or by the center's group
    /// in a setgid folder of that group (see the README's sharing model).
    public static func checkSharing(_ fd: Int32, _ path: String) -> SafeFileError? {
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else { return openError(path, errno) }
        if st.st_uid == geteuid() { return nil }
        var dir = Glibc.stat()
        let folder = directory(of: path)
        let folderOK = folder.withCString { fstatat(AT_FDCWD, $0, &dir, 0) } == 0
        let groupOK = processGroups().contains(st.st_gid)
        if groupOK && folderOK && dir.st_gid == st.st_gid && (dir.st_mode & S_ISGID) != 0 { return nil }
        var why = "owned by uid \(st.st_uid) and group \(st.st_gid)"
        if !groupOK { why += ", a group this account is not in" }
        else if !folderOK { why += "; its folder \(folder): \(errorText(errno))" }
        else if dir.st_gid != st.st_gid { why += ", not the folder's group \(dir.st_gid)" }
        else { why += " in a folder without the setgid bit" }
        return SafeFileError(path: path, code: 0, reason: why + " (outside the sharing model)", refused: true)
    }

    /// The folder part of a path ("." for a bare name, "/" for a top-level one).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Writes `bytes` to a new file at a temporary name in `path`'s folder
    /// (O_EXCL), syncs it, renames it over `path` and syncs the folder: the
    /// file at `path` is then either the old one or the whole new one, and a
    /// symlink planted at `path` is replaced, never followed.
    public static func replaceAtomically(_ path: String, with bytes: [UInt8], mode: mode_t = 0o660) -> SafeFileError? {
        var temp = ""
        var fd: Int32 = -1
        for attempt in 0..<16 {
            temp = path + ".tmp-\(getpid())-\(wallClockMillis() % 1_000_000)-\(attempt)"
            switch openSafely(temp, access: O_WRONLY, create: true, mode: mode, existing: .refuse) {
            case .success(let opened): fd = opened.fd
            case .failure(let e) where e.code == EEXIST: continue
            case .failure(let e): return e
            }
            break
        }
        guard fd >= 0 else { return SafeFileError(path: temp, code: EEXIST, reason: errorText(EEXIST), refused: false) }
        let ok = bytes.withUnsafeBytes { writeAll(fd, $0) } && dataSync(fd)
        let code = errno
        Glibc.close(fd)
        guard ok else { unlink(temp); return SafeFileError(path: temp, code: code, reason: errorText(code), refused: false) }
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            return SafeFileError(path: path, code: e, reason: errorText(e), refused: false)
        }
        syncDirectory(of: path)
        return nil
    }

    /// fsync of `path`'s folder, so that a name just created or renamed there
    /// is durable too. Best effort.
    public static func syncDirectory(of path: String) {
        guard let dfd = openRead(directory(of: path)) else { return }
        _ = fullSync(dfd)
        Glibc.close(dfd)
    }

    /// lstat: whether `path` itself (not what it points to) is a symlink.
    public static func isSymlink(_ path: String) -> Bool {
        var st = Glibc.stat()
        return fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// Identity of what `path` itself names (a symlink is not followed), or nil.
    public static func identity(ofName path: String) -> (device: UInt64, inode: UInt64)? {
        var st = Glibc.stat()
        guard fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    /// Access modes for `openSafely`.
    public static let readOnly: Int32 = O_RDONLY
    public static let writeOnly: Int32 = O_WRONLY
    public static let writeAppend: Int32 = O_WRONLY | O_APPEND
    public static let readWriteAppend: Int32 = O_RDWR | O_APPEND

    public static let errnoExists: Int32 = EEXIST
    public static let errnoNoEntry: Int32 = ENOENT
    /// What a symlink refused as one is reported with (as O_NOFOLLOW does).
    public static let errnoLoop: Int32 = ELOOP

    // MARK: - Helpers

    private static func checkOpened(_ fd: Int32, _ path: String) -> SafeFileError? {
        var st = Glibc.stat()
        guard fstat(fd, &st) == 0 else { return openError(path, errno) }
        let kind = FileKind(mode: st.st_mode)
        guard kind == .regular else {
            return SafeFileError(path: path, code: 0, reason: FeedOpenError.notRegular(kind).reason, refused: true)
        }
        guard st.st_nlink <= 1 else {
            return SafeFileError(path: path, code: 0, reason: "it has \(st.st_nlink) names (a hard link)", refused: true)
        }
        // Back to blocking I/O for a regular file (O_NONBLOCK was only for the open).
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return nil
    }

    private static func openError(_ path: String, _ code: Int32) -> SafeFileError {
        if code == ELOOP { return SafeFileError(path: path, code: code, reason: "it is a symbolic link", refused: true) }
        if code == EISDIR { return SafeFileError(path: path, code: code, reason: "not a regular file (a directory)", refused: true) }
        if code == ENXIO { return SafeFileError(path: path, code: code, reason: "not a regular file (a FIFO or socket)", refused: true) }
        return SafeFileError(path: path, code: code, reason: errorText(code), refused: false)
    }

    private static func processGroups() -> [gid_t] {
        let n = getgroups(0, nil)
        var groups = [gid_t](repeating: 0, count: Int(max(n, 0)))
        if n > 0 { _ = getgroups(n, &groups) }
        return groups + [getegid()]
    }
}

extension Platform {
    /// A folder the console writes into, made (mode before the umask) when
    /// missing: nil when `path` is a real directory now, else why not — a
    /// symlink (never followed: a planted link cannot send the console's
    /// files elsewhere), a file, or the mkdir's errno.
    public static func ensureDirectory(_ path: String, mode: mode_t = 0o775) -> SafeFileError? {
        if mkdir(path, mode) != 0, errno != EEXIST {
            return SafeFileError(path: path, code: errno, reason: errnoText, refused: false)
        }
        var st = Glibc.stat()
        guard fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
            return SafeFileError(path: path, code: errno, reason: errnoText, refused: false)
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return nil
        case S_IFLNK: return SafeFileError(path: path, code: ELOOP, reason: "it is a symbolic link", refused: true)
        default: return SafeFileError(path: path, code: ENOTDIR, reason: "not a directory", refused: true)
        }
    }
}
