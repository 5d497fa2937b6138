import DutyCore

/// How a console says that a handover happened, on this console or another
/// (its record arrives through the journal like any feed line): the status
/// line reads `交接班 08:00 甲 → 乙` when such a record first arrives. A
/// console started later says the latest handover of the last 12 hours once,
/// when it has read the journal; older ones are history, in the files.
enum HandoverNotice {
    static let recent: Millis = 12 * TimeSpan.hour

    /// The status line for the newest handover among the alerts that arrived
    /// since `alertsSeen` (then moved past them), if any is recent.
    static func fresh(in store: Store, alertsSeen: inout Int, language: Language = .zh) -> String? {
        defer { alertsSeen = store.count(.alert) }
        guard store.count(.alert) > alertsSeen,
              let notice = ShiftHandover.latestNotice(in: store, alertsFrom: alertsSeen),
              store.now - notice.ts <= recent else { return nil }
        return notice.text(language)
    }
}
