/// How other consoles learn that a handover happened: one record in the
/// journal, which every console watching the folder ingests like any feed.
/// The feed format has four kinds and no new one is added for this: it is an
/// alert of type `handover`, level `info`, status `resolved` (so it is never
/// counted as unacknowledged nor shown in the alerts pane), id
/// `HO-<yyyyMMdd-HHmm>-<operator>` (the file's name without `handover-` and
/// `.md`), title `交接班：甲 → 乙`, note = the file's name, `by` = who handed over.
extension ShiftHandover {
    /// The alert type of the handover record (a rule-style name, which the
    /// parser accepts like any other).
    public static let recordType = "handover"
    static let titlePrefix = "交接班："
    static let arrow = " → "

    /// The operator as a file name and id part: the name itself when it is
    /// letters, digits, `-` and `_` only and short (24 bytes: 8 Chinese
    /// characters), else `u` and a hash of it (a `/`, a dot or a control
    /// character never reaches a file name).
    public static func operatorTag(_ name: String) -> String {
        let plain = !name.isEmpty && name.utf8.count <= 24
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return plain ? name : "u" + FNV1a.hex(name)
    }

    /// `yyyyMMdd-HHmm-<operator>` (`-N` for the N-th of that minute): what
    /// the file's name and the record's id share.
    static func stem(now: Millis, operatorName: String, attempt: Int) -> String {
        let c = LocalTime.civil(now)
        return LocalTime.compactDate(now) + "-" + LocalTime.two(c.hour) + LocalTime.two(c.minute) + "-"
            + operatorTag(operatorName) + (attempt > 1 ? "-\(attempt)" : "")
    }

    /// The record's id for the file `fileName` (`handover-…md` → `HO-…`).
    public static func recordID(fileName: String) -> String {
        "HO-" + String(fileName.dropFirst("handover-".count).dropLast(".md".count))
    }

    /// The journal record of a handover written to `fileName` at `now`.
    public static func record(now: Millis, parties: Parties, fileName: String) -> Record {
        let alert = AlertBody(level: .info, type: recordType,
                              title: titlePrefix + parties.handedBy + arrow + parties.takenBy, status: .resolved)
        return Record(id: recordID(fileName: fileName),
                      snapshot: Snapshot(ts: now, offsetMinutes: LocalTime.offsetMinutes, by: parties.handedBy,
                                         note: fileName, body: .alert(alert)))
    }

    /// A handover some console recorded, as another console tells its officer.
    public struct Notice: Equatable, Sendable {
        public var ts: Millis
        public var handedBy: String
        public var takenBy: String
        public var fileName: String?

        /// "交接班 08:00 甲 → 乙" / "handover 08:00 甲 → 乙" (names as on screen).
        public func text(_ language: Language) -> String {
            func v(_ s: String) -> String { Sanitize.isClean(s) ? s : Sanitize.visible(s) }
            let word = language == .zh ? "交接班" : "handover"
            return word + " " + LocalTime.clock(ts) + " " + v(handedBy) + arrow + v(takenBy)
        }
    }

    /// The handover the alert at `item` records, if it is one: who took over
    /// is read back from the title after `交接班：<by> → `.
    public static func notice(in store: Store, alert item: Int32) -> Notice? {
        let c = store.current(.alert, item)
        guard store.text(c.alert.type) == recordType else { return nil }
        let by = store.texts.optionalText(c.by) ?? ""
        let title = store.text(c.alert.title)
        let head = titlePrefix + by + arrow
        let taken = title.hasPrefix(head) ? String(title.dropFirst(head.count)) : title
        return Notice(ts: c.ts, handedBy: by, takenBy: taken, fileName: store.texts.optionalText(c.note))
    }

    /// When `operatorName`'s shift began: the latest handover to them (its
    /// record names them as who took over) in the `within` before `now`;
    /// nil when there is none (a shift begun without one).
    public static func shiftStart(in store: Store, operatorName: String, now: Millis,
                                  within: Millis = 24 * TimeSpan.hour) -> Millis? {
        var start: Millis?
        for i in 0..<Int32(store.count(.alert)) {
            guard let n = notice(in: store, alert: i), n.takenBy == operatorName,
                  n.ts <= now, now - n.ts <= within else { continue }
            start = max(start ?? n.ts, n.ts)
        }
        return start
    }

    /// The newest handover among the alerts numbered `from` and above (the
    /// store numbers items in the order they first arrive, so a caller that
    /// remembers `store.count(.alert)` looks only at what is new).
    public static func latestNotice(in store: Store, alertsFrom from: Int) -> Notice? {
        var best: Notice?
        for i in max(0, from)..<store.count(.alert) {
            if let n = notice(in: store, alert: Int32(i)), best.map({ n.ts >= $0.ts }) ?? true { best = n }
        }
        return best
    }
}
