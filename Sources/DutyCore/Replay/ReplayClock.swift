/// The clock of a replay: recording time that runs at a chosen speed from an
/// anchor, pauses, and jumps when the trainer seeks. Pure arithmetic on the
/// wall clock the caller passes, so it is testable and the same at any speed.
public struct ReplayClock: Sendable, Equatable {
    /// The speeds `+`/`-` step through; nil is "max" (as fast as ingest goes).
    public static let speeds: [Int?] = [1, 10, 60, 600, nil]

    public let start: Millis
    public let end: Millis
    public private(set) var speedIndex: Int
    public private(set) var paused: Bool
    /// Recording time at the anchor, and the wall time of the anchor.
    private var anchorTime: Millis
    private var anchorWall: Millis

    public init(start: Millis, end: Millis, speed: Int?, paused: Bool, wall: Millis) {
        self.start = start
        self.end = max(start, end)
        speedIndex = Self.speeds.firstIndex(of: speed) ?? 2
        self.paused = paused
        anchorTime = start
        anchorWall = wall
    }

    /// Speed now; nil for max.
    public var speed: Int? { Self.speeds[speedIndex] }

    /// Recording time at a wall instant, clamped to the recording's span.
    public func now(wall: Millis) -> Millis {
        guard !paused else { return anchorTime }
        guard let speed else { return end }
        return min(end, max(start, anchorTime + (wall - anchorWall) * Millis(speed)))
    }

    /// True once the clock has reached the end of the recording.
    public func finished(wall: Millis) -> Bool { now(wall: wall) >= end }

    /// Share of the span played, 0…1, for the progress bar.
    public func progress(wall: Millis) -> Double {
        end == start ? 1 : Double(now(wall: wall) - start) / Double(end - start)
    }

    public mutating func togglePause(wall: Millis) { reanchor(wall); paused.toggle() }

    /// Steps the speed up (+1) or down (-1) through `speeds`.
    public mutating func step(_ delta: Int, wall: Millis) {
        reanchor(wall)
        speedIndex = max(0, min(Self.speeds.count - 1, speedIndex + delta))
    }

    /// Moves recording time by `delta` (negative: back), or to an instant.
    public mutating func seek(by delta: Millis, wall: Millis) { seek(to: now(wall: wall) + delta, wall: wall) }

    public mutating func seek(to t: Millis, wall: Millis) {
        anchorTime = min(end, max(start, t))
        anchorWall = wall
    }

    private mutating func reanchor(_ wall: Millis) {
        anchorTime = now(wall: wall)
        anchorWall = wall
    }
}
