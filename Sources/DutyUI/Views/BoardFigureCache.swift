import DutyCore

/// The situation board's figures, kept between frames: recomputed only when
/// the store changed (records, or the clock moved on by a second) and then
/// at most once per `minimumInterval` of wall time, so a live console at a
/// million records pays the computation about once a second and each frame
/// only draws. The session owns one; a view or reducer made without one
/// (tests) computes on every change.
public final class BoardFigureCache {
    private struct Key: Equatable { var store: ObjectIdentifier; var records: Int; var second: Millis }
    private var cached: (key: Key, figures: BoardFigures, wall: Millis)?
    private let minimumInterval: Millis
    private let wall: () -> Millis
    /// How many times the figures were computed (for tests and the bench).
    public private(set) var computations = 0

    /// `minimumInterval`: least wall time between two computations while
    /// the store keeps changing; `wall`: the wall clock in milliseconds.
    public init(minimumInterval: Millis = 0, wall: @escaping () -> Millis = { 0 }) {
        self.minimumInterval = minimumInterval
        self.wall = wall
    }

    /// The figures for the store as it is now (or as it was at most
    /// `minimumInterval` ago).
    public func figures(_ store: Store) -> BoardFigures {
        let now = store.now
        let key = Key(store: ObjectIdentifier(store), records: store.records, second: now / TimeSpan.second)
        if let c = cached {
            if c.key == key { return c.figures }
            if c.key.store == key.store, minimumInterval > 0, wall() - c.wall < minimumInterval { return c.figures }
        }
        let figures = BoardFigures.compute(store, now: now)
        computations += 1
        cached = (key, figures, minimumInterval > 0 ? wall() : 0)
        return figures
    }

    /// Forgets the figures (the store was replaced by a seek).
    public func reset() { cached = nil }
}
