/// Where `H` puts the handover: a new file beside the journal, in a folder
/// other accounts may write to, so it is never opened through a symlink and
/// never overwrites anything.
extension ShiftHandover {
    /// `handover-YYYY-MM-DDTHHMM.md` for the local time of `now`.
    public static func fileName(now: Millis, attempt: Int = 1) -> String {
        let stamp = String(Timestamp.format(now).prefix(16)).replacingAll(":", with: "")
        return "handover-" + stamp + (attempt > 1 ? "-\(attempt)" : "") + ".md"
    }

    /// Writes `text` to a new file (O_CREAT|O_EXCL|O_NOFOLLOW) named by
    /// `fileName` in `directory`; when a regular file already has that name
    /// (a second handover within the minute), the next of `-2` … `-9`. A
    /// symlink or anything else at the name is refused and left alone, so a
    /// planted link cannot make the console write into someone's file.
    /// Returns the path written.
    public static func save(_ text: String, directory: String, now: Millis) -> Result<String, SafeFileError> {
        var last: SafeFileError?
        for attempt in 1...9 {
            let path = directory + "/" + fileName(now: now, attempt: attempt)
            switch Platform.openSafely(path, access: Platform.writeOnly, create: true, mode: 0o644, existing: .refuse) {
            case .success(let opened):
                defer { Platform.close(opened.fd) }
                guard Array(text.utf8).withUnsafeBytes({ Platform.writeAll(opened.fd, $0) }) else {
                    return .failure(SafeFileError(path: path, code: Platform.errnoValue, reason: Platform.errnoText, refused: false))
                }
                return .success(path)
            case .failure(let e) where e.code == Platform.errnoExists:
                if Platform.isSymlink(path) {
                    return .failure(SafeFileError(path: path, code: e.code, reason: "it is a symbolic link", refused: true))
                }
                last = e
            case .failure(let e):
                return .failure(e)
            }
        }
        return .failure(last ?? SafeFileError(path: directory, code: 0, reason: "no free handover name", refused: true))
    }
}
