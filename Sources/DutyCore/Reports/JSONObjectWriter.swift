/// A minimal writer for flat or nested JSON objects with keys in the order
/// written (the report's keys are fixed, so no general encoder is needed).
struct JSONObjectWriter {
    private var out = "{"
    private var first = true

    private mutating func key(_ k: String) {
        if !first { out += "," }
        first = false
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

    func finish() -> String { out + "}" }
}
