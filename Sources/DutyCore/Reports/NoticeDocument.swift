/// The Markdown copy of a 文书 (风险提示单, 执法督办单, 通报) in the center's
/// official layout: type, number, title, 主送, the body, the items concerned
/// as a table, the reply deadline, then 奉化区综合指挥中心 and the date of issue.
/// A pure function of the record and the store's current state of the items
/// it names (no wall clock, no dictionary order), so a fixed input gives the
/// same bytes. Texts from records are shown as on screen (␛ …): the file can
/// be printed on a terminal and a newline in a title cannot add lines.
public enum NoticeDocument {
    /// Who issues every document.
    public static let issuer = "奉化区综合指挥中心"

    public static func markdown(id: String, _ snapshot: Snapshot, store: Store) -> String? {
        guard case .notice(let n) = snapshot.body else { return nil }
        func v(_ s: String) -> String { Sanitize.isClean(s) ? s : Sanitize.visible(s) }
        func cell(_ s: String) -> String { v(s).replacingAll("|", with: "｜") }
        var md = "# " + n.type.label.zh + "\n\n"
        md += v(n.number) + "\n\n"
        md += "## " + v(n.title) + "\n\n"
        md += "**主送：** " + n.to.map(v).joined(separator: "、") + "\n\n"
        for line in n.body.split(separator: "\n", omittingEmptySubsequences: false) {
            md += v(String(line)) + "\n"
        }
        md += "\n"
        if !n.refs.isEmpty {
            md += "### 涉及事项\n\n| 类别 | 编号 | 当前状态 |\n|---|---|---|\n"
            for ref in n.refs {
                md += "| " + row(ref, store).map(cell).joined(separator: " | ") + " |\n"
            }
            md += "\n"
        }
        if let due = n.due {
            md += "**回复期限：** " + longDate(due, n.dueOffsetMinutes) + " " + LocalTime.clock(due, offsetMinutes: n.dueOffsetMinutes) + " 前\n\n"
        } else {
            md += "**回复期限：** 无需回复\n\n"
        }
        md += issuer + "\n" + longDate(snapshot.ts, snapshot.offsetMinutes) + "\n"
        md += "\n<!-- \(v(id)) -->\n"
        return md
    }

    /// One row of the items table: kind, id, current status (`未接入` when the
    /// feeds never carried the item).
    static func row(_ ref: String, _ store: Store) -> [String] {
        guard let colon = ref.firstIndex(of: ":"), let kind = Kind(wire: String(ref[..<colon])) else {
            return ["", ref, ""]
        }
        let id = String(ref[ref.index(after: colon)...])
        guard let i = store.index(kind, id: id) else { return [kind.label.zh, id, "未接入"] }
        let s = store.current(kind, i)
        return [kind.label.zh, id, s.statusLabel.zh]
    }

    /// "2026年12月4日" in the record's own offset.
    static func longDate(_ t: Millis, _ offsetMinutes: Int16) -> String {
        let c = LocalTime.civil(t, offsetMinutes: offsetMinutes)
        return "\(c.year)年\(c.month)月\(c.day)日"
    }

    /// `notices/DOC-2026-S0008.md`: the id when it is a plain name (letters,
    /// digits, `-`, `_`), else `notice-<hash>` — an id from a feed never
    /// names a path.
    public static func fileName(id: String) -> String {
        let plain = !id.isEmpty && id.utf8.count <= 64
            && id.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
        return (plain ? id : "notice-" + FNV1a.hex(id)) + ".md"
    }

    /// Writes the copy into `notices/` in `directory` (made when missing, never
    /// through a symlink), as a new file (O_EXCL, O_NOFOLLOW), synced. A copy
    /// already there is left as it is: a document is issued once; a symlink
    /// at the copy's name is refused as one and what it points to untouched.
    public static func save(_ text: String, id: String, directory: String) -> Result<String, SafeFileError> {
        let folder = directory + "/notices"
        if let problem = Platform.ensureDirectory(folder) { return .failure(problem) }
        let path = folder + "/" + fileName(id: id)
        switch Platform.openSafely(path, access: Platform.writeOnly, create: true, mode: 0o644, existing: .refuse) {
        case .success(let opened):
            defer { Platform.close(opened.fd) }
            guard Array(text.utf8).withUnsafeBytes({ Platform.writeAll(opened.fd, $0) }), Platform.dataSync(opened.fd) else {
                return .failure(SafeFileError(path: path, code: Platform.errnoValue, reason: Platform.errnoText, refused: false))
            }
            return .success(path)
        case .failure(let e) where e.code == Platform.errnoExists && Platform.isSymlink(path):
            // O_EXCL met a planted link (not followed): say what it is, not just "File exists".
            return .failure(SafeFileError(path: path, code: Platform.errnoLoop, reason: "it is a symbolic link", refused: true))
        case .failure(let e):
            return .failure(e)
        }
    }
}
