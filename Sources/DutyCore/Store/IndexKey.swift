/// The sort key of an item's entry in each of the aggregates' indexes, from
/// its current state and first report time. The aggregates file entries under
/// these keys and a pane finds an item's row by rebuilding its key, so the
/// two must agree: hence one function per key, used by both.
public enum IndexKey {
    /// Events and open mediation cases: by first report time.
    @inline(__always)
    public static func byFirstReport(_ firstTs: Millis) -> Int64 { firstTs }

    /// Open and returned tasks: by due time.
    @inline(__always)
    public static func task(_ s: CompactSnapshot) -> Int64 { s.task.due }

    /// Active alerts: by level (the code, in the top bits, so critical sorts
    /// above every lower level whatever its time), then first report time.
    @inline(__always)
    public static func alert(_ s: CompactSnapshot, firstTs: Millis) -> Int64 { Int64(s.code) << 48 | firstTs }
}
