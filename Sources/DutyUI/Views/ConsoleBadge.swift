import DutyCore

/// How the console is fed: shown as a badge, and it sets the clock's meaning.
public enum ConsoleBadge: Equatable, Sendable {
    case live
    /// The demo's generated day on its clock; `paused` while Space holds it.
    case demo(speed: Int, paused: Bool = false)
    /// A replay: its speed (nil: max), state, how far through, and the
    /// scratch journal where its actions go.
    case replay(ReplayStatus)
    /// A console over the shared database that lost it: how long ago (wall
    /// clock, seconds). It shows the last state it had; online it is `.live`.
    case databaseOffline(seconds: Int)
}

extension ConsoleBadge {
    /// "数据库离线 · 3分12秒" / "database offline · 3m12s".
    static func offlineText(seconds: Int, _ language: Language) -> String {
        let s = max(0, seconds), zh = language == .zh
        let since: String
        if s < 60 {
            since = zh ? "\(s)秒" : "\(s)s"
        } else if s < 3600 {
            since = zh ? "\(s / 60)分\(s % 60)秒" : "\(s / 60)m\(s % 60)s"
        } else {
            since = zh ? "\(s / 3600)小时\(s % 3600 / 60)分" : "\(s / 3600)h\(s % 3600 / 60)m"
        }
        return ConsoleLabels.of("ui", "db_offline").text(language) + " · " + since
    }
}

public struct ReplayStatus: Equatable, Sendable {
    public var speed: Int?
    public var paused: Bool
    public var finished: Bool
    public var progress: Double
    public var journal: String
    public init(speed: Int?, paused: Bool, finished: Bool, progress: Double, journal: String) {
        self.speed = speed; self.paused = paused; self.finished = finished; self.progress = progress; self.journal = journal
    }
}
