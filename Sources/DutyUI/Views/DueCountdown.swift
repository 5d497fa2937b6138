import DutyCore

/// A task's due time as the officer reads it: the local time and how long is
/// left (`剩 2h10m`) or how late it is (`超期 3h20m`) against the store's
/// now; a task no longer owed (done, returned) shows its due time only.
public enum DueCountdown {
    /// "12-04 13:30 · 剩 2h10m" / "12-04 13:30 · 2h10m left".
    public static func text(due: Millis, status: TaskStatus, now: Millis, _ lang: Language) -> String {
        let time = DisplayFormat.dayClock(due)
        guard let left = countdown(due: due, status: status, now: now, lang) else { return time }
        return time + " · " + left
    }

    /// "剩 2h10m" or "超期 3h20m"; nil when the task is no longer owed.
    public static func countdown(due: Millis, status: TaskStatus, now: Millis, _ lang: Language) -> String? {
        guard status != .done, status != .returned else { return nil }
        let key = due >= now ? "due_left" : "due_over"
        return ConsoleLabels.of("ui", key).text(lang).replacingAll("{d}", with: span(abs(due - now)))
    }

    /// "45s", "12m", "2h10m", "3d4h": two units at most.
    public static func span(_ ms: Millis) -> String {
        let s = max(0, ms / TimeSpan.second)
        if s < 60 { return "\(s)s" }
        let m = s / 60
        if m < 60 { return "\(m)m" }
        let h = m / 60
        if h < 24 { return "\(h)h" + (m % 60 < 10 ? "0" : "") + "\(m % 60)m" }
        return "\(h / 24)d\(h % 24)h"
    }
}
