/// `dutydesk report --out FILE`: a report goes to a new file only. A report
/// is often written into a shared folder, so the file is created with
/// O_CREAT|O_EXCL|O_NOFOLLOW (`Platform.openSafely`, as the handover file):
/// a symlink planted at the name is refused and what it points to left
/// alone, and an existing file — perhaps last week's report — is never
/// overwritten.
extension PeriodReport {
    public static func save(_ text: String, to path: String) -> SafeFileError? {
        switch Platform.openSafely(path, access: Platform.writeOnly, create: true, mode: 0o644, existing: .refuse) {
        case .success(let opened):
            defer { Platform.close(opened.fd) }
            guard Array(text.utf8).withUnsafeBytes({ Platform.writeAll(opened.fd, $0) }), Platform.dataSync(opened.fd) else {
                return SafeFileError(path: path, code: Platform.errnoValue, reason: Platform.errnoText, refused: false)
            }
            return nil
        case .failure(let e) where e.code == Platform.errnoExists:
            let reason = Platform.isSymlink(path) ? "it is a symbolic link" : "a file of that name exists (never overwritten; remove it or choose another name)"
            return SafeFileError(path: path, code: e.code, reason: reason, refused: true)
        case .failure(let e):
            return e
        }
    }
}
