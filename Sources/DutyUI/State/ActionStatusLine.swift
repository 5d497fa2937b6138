import DutyCore

/// The status line an operator action leaves, worded from the core's typed
/// outcome: what was written, why it was refused (in the operator's
/// language), whose change it met, or that the journal is blocked. Here
/// rather than in the executable so that the wording is tested headlessly.
public enum ActionStatusLine {
    /// "转派 ✓ ZF-20261128-0008 → 锦屏派出所, E1 dispatched", "转派: 事件已转派…",
    /// "转派 ✗ E1 already dispatched by 王 at 12:00", "⚠ …: write failed: …".
    public static func text(_ outcome: JournaledAction.Outcome, of kind: ActionKind, _ language: Language) -> String {
        let label = kind.label.text(language)
        switch outcome {
        case .written(let records) where kind == .urge:
            // An urge leaves the task's status as it was: say what was done, not that status.
            return label + " ✓ " + records.map(\.id).joined(separator: ", ")
        case .written(let records):
            return label + " ✓ " + summary(records, language)
        case .refused(let refusal):
            return label + ": " + refusal.message.text(language)
        case .conflict(let refusal):
            return label + " ✗ " + refusal.message.text(language)
        case .failed(let failure), .blocked(let failure):
            return journalBlocked(failure, language)
        case .unavailable(let failure) where failure.step == .commitUnknown:
            // Neither ✓ nor ✗: the follower will show which, once back.
            return label + " ? " + failure.text(language)
        case .unavailable(let failure):
            // "转派 ✗ 数据库离线，操作未执行：…": refused now, nothing paused.
            return label + " ✗ " + failure.text(language)
        }
    }

    /// A journal that cannot be written: said at start and after a failed action.
    public static func journalBlocked(_ failure: JournalFailure, _ language: Language) -> String {
        "⚠ " + ConsoleLabels.of("ui", "journal_blocked").text(language) + ": " + failure.text(language)
    }

    /// Snoozes ended through the journal: "暂缓 ⏰ A1, A2"; nil when none.
    public static func reopened(_ alerts: [String], _ language: Language) -> String? {
        alerts.isEmpty ? nil : Labels.of("action", "snooze").text(language) + " ⏰ " + alerts.joined(separator: ", ")
    }

    /// Each record written: a new task as "id → unit", the rest as "id
    /// status" in the operator's language (with a task's outcome or reason),
    /// never the wire code.
    static func summary(_ records: [Record], _ language: Language) -> String {
        records.map { r -> String in
            let s = r.snapshot
            if case .task(let t) = s.body, t.status == .dispatched { return "\(r.id) → \(t.unit)" }
            // A document by its number, as the center writes it (奉综指督〔2026〕7号 已印发).
            if case .notice(let n) = s.body { return n.number + " " + s.statusLabel.text(language) }
            var text = r.id + " " + s.statusLabel.text(language)
            if case .task(let t) = s.body {
                let detail = t.outcome?.label.text(language)
                    ?? (t.status == .returned ? t.reason.map { Labels.of("reason", $0).text(language) } : nil)
                if let detail { text += language == .zh ? "（" + detail + "）" : " (" + detail + ")" }
            }
            return text
        }.joined(separator: ", ")
    }
}
