/// A minimal writer for flat or nested JSON objects with keys in the order
/// written (the report's keys are fixed, so no general encoder is needed).
struct JSONObjectWriter {
    private var out = "{"
    private var first = true

    private mutating func key(_ k: String) {
        if !first { out += "," }
        first = false
        if k.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            // A key taken from a record (a return reason): escaped like a value.
            var bytes: [UInt8] = []
            RecordWriter.string(k, &bytes)
            out += String(decoding: bytes, as: UTF8.self) + ":"
            return
        }
        out += "\"" + k + "\":"
    }

    mutating func number(_ k: String, _ v: Int) { key(k); out += String(v) }

    mutating func string(_ k: String, _ v: String?) {
        key(k)
        if let v {
            var bytes: [UInt8] = []
            RecordWriter.string(v, &bytes)
            out += String(decoding: bytes, as: UTF8.self)
        } else {
            out += "null"
        }
    }

    mutating func object(_ k: String, _ body: (inout JSONObjectWriter) -> Void) {
        key(k)
        var inner = JSONObjectWriter()
        body(&inner)
        out += inner.finish()
    }

    mutating func counts<E: WireEnum>(_ k: String, _: E.Type, _ values: [Int]) {
        object(k) { w in for e in E.allCases { w.number(e.wire, values[Int(e.rawValue)]) } }
    }

    /// A rate (a fraction of 4 decimals at most, `PeriodReport.rate`) as its
    /// shortest decimal (`0.6667`, `0.5`, `1`), or null.
    mutating func rate(_ k: String, _ v: Double?) {
        key(k)
        out += v.map(Self.decimal) ?? "null"
    }

    /// An array of objects, each written by `body` from one element.
    mutating func array<T>(_ k: String, _ elements: [T], _ body: (inout JSONObjectWriter, T) -> Void) {
        key(k)
        out += "["
        for (n, e) in elements.enumerated() {
            if n > 0 { out += "," }
            var inner = JSONObjectWriter()
            body(&inner, e)
            out += inner.finish()
        }
        out += "]"
    }

    /// `0.6667`, `0.5`, `1`: a value of at most 4 decimals without trailing zeros.
    static func decimal(_ v: Double) -> String {
        let bp = Int((v * 10_000).rounded())
        let whole = String(bp / 10_000)
        var frac = String(bp % 10_000)
        guard frac != "0" else { return whole }
        frac = String(repeating: "0", count: 4 - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return whole + "." + frac
    }

    func finish() -> String { out + "}" }
}
