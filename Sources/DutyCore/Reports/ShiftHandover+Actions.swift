/// The shift's actions: the journal's records by the outgoing operator in the
/// window, each worded as the action it was (转派, 退回, 办结, 确认 …), never as
/// a wire code. An action writes one to three records (a dispatch: the task
/// and its event's `dispatched`); the records another one implies are not
/// listed again, so there is one line per action.
extension ShiftHandover {
    /// Every good record of the journal at `path`, in file order. The file is
    /// opened without following a symlink (it is in a shared folder); a
    /// journal not there yet is an empty one. Bad lines are skipped (`check`
    /// names them). Only the file the path names: a journal rotated away
    /// (`….jsonl.1`) mid-shift is not read.
    public static func readJournal(path: String) -> Result<[Record], SafeFileError> {
        let fd: Int32
        switch Platform.openSafely(path, access: Platform.readOnly, create: false) {
        case .success(let opened): fd = opened.fd
        case .failure(let e) where e.code == Platform.errnoNoEntry: return .success([])
        case .failure(let e): return .failure(e)
        }
        defer { Platform.close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Platform.read(fd, into: $0.baseAddress!, count: $0.count, at: Int64(bytes.count)) }
            if n < 0 {
                return .failure(SafeFileError(path: path, code: Platform.errnoValue, reason: Platform.errnoText, refused: false))
            }
            bytes.append(contentsOf: chunk[0..<n])
            if n < chunk.count { break }
        }
        var parser = FeedParser()
        var records: [Record] = []
        for line in bytes.split(separator: UInt8(ascii: "\n")) {
            if case .success(let r) = parser.parseRecord(String(decoding: line, as: UTF8.self)) { records.append(r) }
        }
        return .success(records)
    }

    /// The records of `records` that are `by`'s actions in [from, to], one
    /// per action, ordered by time (file order within a millisecond).
    public static func journalActions(_ records: [Record], by name: String, from: Millis, to: Millis) -> [Record] {
        let mine = records.enumerated().filter { _, r in
            r.snapshot.by == name && r.snapshot.ts >= from && r.snapshot.ts <= to && !impliedByAnother(r)
        }
        return mine.sorted { a, b in
            a.element.snapshot.exactTs != b.element.snapshot.exactTs
                ? a.element.snapshot.exactTs < b.element.snapshot.exactTs : a.offset < b.offset
        }.map(\.element)
    }

    /// Records an action writes beside its main one: a dispatched event (its
    /// new task says it), an event reopened by a return (the returned task
    /// says it), a case accepted at the next tier (its escalation says it).
    static func impliedByAnother(_ r: Record) -> Bool {
        switch r.snapshot.body {
        case .event(let e): e.status == .dispatched || e.status == .open
        case .mediation(let m): m.status == .accepted && r.snapshot.note == nil
        case .task, .alert, .notice: false
        }
    }

    /// "- 12-04 09:30 · ZF-20261204-0003 · 退回：属地不符".
    static func actionLine(_ r: Record, _ w: Writer) -> String {
        "- " + LocalTime.dayClock(r.snapshot.ts) + " · " + w.v(r.id) + " · " + actionWords(r, w)
    }

    /// What a record did, in the operator's language.
    static func actionWords(_ r: Record, _ w: Writer) -> String {
        func act(_ key: String) -> String { Labels.of("action", key).text(w.language) }
        let colon = w.language == .zh ? "：" : ": "
        let note = r.snapshot.note.map { w.v($0) }
        switch r.snapshot.body {
        case .event(let e):
            switch e.status {
            case .cancelled: return act("cancel") + (note.map { colon + $0 } ?? "")
            case .closed: return act("close")
            default: return Labels.of("kind", "event").text(w.language) + " · " + e.status.label.text(w.language)
            }
        case .task(let t):
            if r.snapshot.note == "催办" { return act("urge") }
            switch t.status {
            case .dispatched where r.snapshot.note == nil: return act("dispatch") + " → " + w.v(t.unit) + (t.event.map { " · " + w.L("handover.event") + " " + w.v($0) } ?? "")
            case .returned: return act("return") + (t.reason.map { colon + Labels.of("reason", w.v($0)).text(w.language) } ?? "")
            case .done: return act("done") + (t.outcome.map { colon + $0.label.text(w.language) } ?? "")
            default: return Labels.of("kind", "task").text(w.language) + " · " + t.status.label.text(w.language)
            }
        case .mediation(let m):
            switch m.status {
            case .escalated:
                let next = MediationTier(rawValue: m.tier.rawValue + 1).map { " → " + $0.label.text(w.language) } ?? ""
                return act("escalate") + colon + m.tier.label.text(w.language) + next
            case .referred: return act("refer")
            default: return Labels.of("kind", "mediation").text(w.language) + " · " + m.status.label.text(w.language)
            }
        case .alert(let a):
            if a.type == recordType { return act("handover") + (note.map { colon + $0 } ?? "") }
            let what = Labels.of("alert.type", w.v(a.type)).text(w.language)
            switch a.status {
            case .acked:
                if let end = OperatorActions.snoozeEnd(of: r.snapshot) {
                    return w.L("handover.snoozed").replacingAll("{s}", with: LocalTime.clock(end)) + " · " + what
                }
                return act("acknowledge") + " · " + what
            case .resolved: return act("resolve") + " · " + what
            case .open:
                if r.snapshot.note == "snooze ended" { return w.L("handover.snooze_ended") + " · " + what }
                return w.L("handover.issued") + " · " + what
            }
        case .notice(let n):
            return n.type.label.text(w.language) + " " + w.v(n.number) + " · " + n.status.label.text(w.language)
                + (note.map { colon + $0 } ?? "")
        }
    }
}
