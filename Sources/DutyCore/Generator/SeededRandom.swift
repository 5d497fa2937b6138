/// xoshiro256** seeded through SplitMix64: fast, and the same numbers on every
/// run (unlike `SystemRandomNumberGenerator`, and the stdlib's `random(in:)`
/// whose algorithm may change between Swift releases).
struct SeededRandom {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * unit() }
    mutating func chance(_ p: Double) -> Bool { unit() < p }
    /// Uniform in 0..<n (multiply-shift; the bias is far below what matters here).
    mutating func below(_ n: Int) -> Int { Int(truncatingIfNeeded: ((next() >> 32) &* UInt64(n)) >> 32) }
    mutating func element<T>(_ a: [T]) -> T { a[below(a.count)] }
    /// An index into a cumulative table.
    mutating func pick(_ cumulative: [Double]) -> Int {
        let u = unit()
        return cumulative.firstIndex { u < $0 } ?? cumulative.count - 1
    }

    // The transcendental functions are libm's (through `Platform`): the output's
    // bytes depend on their exact results. Square roots are exact in IEEE 754,
    // so the stdlib's `squareRoot()` gives the same bits as libm's sqrt.

    mutating func exponential(_ mean: Double) -> Double { -mean * Platform.log(1 - unit()) }
    /// Box–Muller; the log's draw is taken before the cosine's.
    mutating func normal() -> Double {
        (-2 * Platform.log(1 - unit())).squareRoot() * Platform.cos(2 * Double.pi * unit())
    }
    /// Log-normal by its median, clamped to [low, high]: durations with a long tail.
    mutating func lognormal(_ median: Double, _ sigma: Double, _ low: Double, _ high: Double) -> Double {
        min(high, max(low, median * Platform.exp(sigma * normal())))
    }
    /// Knuth's method for small means, a rounded normal beyond.
    mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int((mean + mean.squareRoot() * normal()).rounded())) }
        let limit = Platform.exp(-mean)
        var k = 0, p = unit()
        while p > limit { k += 1; p *= unit() }
        return k
    }
}
