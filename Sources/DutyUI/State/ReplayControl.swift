import DutyCore

/// A replay control for the session's clock, like a video's.
public enum ReplayControl: Equatable, Sendable {
    /// Pause or resume.
    case pause
    /// One speed step faster (positive) or slower.
    case speed(Int)
    /// Seek by milliseconds (negative: back).
    case seek(Millis)
    /// Back to the recording's start.
    case restart
}
