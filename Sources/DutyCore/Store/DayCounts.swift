/// Counters per local day, `width` of them a day (one per status or tier).
///
/// Why not a dictionary of arrays: every event snapshot bumps one of these,
/// and hashing a day then copying-on-write a small array cost more than the
/// rest of the aggregates together. Days within 20 years either side of the
/// first day counted sit in one flat array; a day beyond that (a stray
/// timestamp far in the past or future) goes to a dictionary, so one bad
/// year cannot make the array huge.
public struct DayCounts: Sendable {
    public let width: Int
    private static let span: Int64 = 7_305   // 20 years of days, either side
    private var base: Int64?
    private var flat: [Int] = []
    private var outliers: [Int64: [Int]] = [:]

    public init(width: Int) { self.width = width }

    /// The counters of one day (zeros when nothing was counted).
    public subscript(day: Int64) -> [Int] {
        if let base, day >= base, day < base + 2 * Self.span {
            let row = Int(day - base) * width
            return row + width <= flat.count ? Array(flat[row..<(row + width)]) : Array(repeating: 0, count: width)
        }
        return outliers[day] ?? Array(repeating: 0, count: width)
    }

    /// Adds `delta` to counter `slot` of `day`.
    @inline(__always)
    public mutating func add(day: Int64, slot: Int, _ delta: Int = 1) {
        precondition(slot >= 0 && slot < width, "slot out of range")
        let b: Int64
        if let base { b = base } else { b = day - Self.span; base = b }
        guard day >= b, day < b + 2 * Self.span else {
            outliers[day, default: Array(repeating: 0, count: width)][slot] += delta
            return
        }
        let i = Int(day - b) * width + slot
        if i >= flat.count {
            // Grow by whole days, at least a year at a time.
            let days = max(Int(day - b) + 1, flat.count / width + 366)
            flat.append(contentsOf: repeatElement(0, count: min(days, Int(2 * Self.span)) * width - flat.count))
        }
        flat[i] += delta
    }
}
