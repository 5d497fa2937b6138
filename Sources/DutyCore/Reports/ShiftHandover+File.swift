/// Where the handover goes: a new file beside the journal, in a folder other
/// accounts may write to, so it is never opened through a symlink and never
/// overwrites anything.
extension ShiftHandover {
    /// `handover-20261204-0800-值班员甲.md`: the local minute of `now` and who
    /// handed over (`operatorTag`), so a folder lists the handovers in order
    /// and each says whose it is; `-2` … `-9` for more in the same minute.
    public static func fileName(now: Millis, operatorName: String, attempt: Int = 1) -> String {
        "handover-" + stem(now: now, operatorName: operatorName, attempt: attempt) + ".md"
    }

    /// Writes `text` to a new file (O_CREAT|O_EXCL|O_NOFOLLOW) named by
    /// `fileName` in `directory`; when a regular file already has that name
    /// (a second handover within the minute), the next of `-2` … `-9`. A
    /// symlink or anything else at the name is refused and left alone, so a
    /// planted link cannot make the console write into someone's file.
    /// The file is synced before the journal's record names it.
    /// Returns the path written and its name.
    public static func save(_ text: String, directory: String, now: Millis,
                            operatorName: String) -> Result<(path: String, name: String), SafeFileError> {
        var last: SafeFileError?
        for attempt in 1...9 {
            let name = fileName(now: now, operatorName: operatorName, attempt: attempt)
            let path = directory + "/" + name
            switch Platform.openSafely(path, access: Platform.writeOnly, create: true, mode: 0o644, existing: .refuse) {
            case .success(let opened):
                defer { Platform.close(opened.fd) }
                guard Array(text.utf8).withUnsafeBytes({ Platform.writeAll(opened.fd, $0) }), Platform.dataSync(opened.fd) else {
                    return .failure(SafeFileError(path: path, code: Platform.errnoValue, reason: Platform.errnoText, refused: false))
                }
                return .success((path, name))
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
