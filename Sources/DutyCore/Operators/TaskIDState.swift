/// The id state file `<journal>.ids`: one line per date, `ZF-YYYYMMDD- N`
/// (the highest number issued that day), after a comment line. The newest
/// `keptDays` dates are kept.
enum TaskIDState {
    static let keptDays = 400
    static let header = "# dutydesk task ids: the highest NNNN issued per date (ZF-YYYYMMDD-NNNN); do not edit\n"

    static func parse(_ bytes: [UInt8]) -> [String: Int] {
        var out: [String: Int] = [:]
        for line in bytes.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            let parts = line.split(separator: UInt8(ascii: " "))
            guard parts.count == 2, let n = TaskNumbering.number(parts[1]) else { continue }
            let prefix = String(decoding: parts[0], as: UTF8.self)
            guard prefix.hasPrefix(TaskNumbering.prefix) else { continue }
            out[prefix] = max(out[prefix] ?? 0, n)
        }
        return out
    }

    static func format(_ counters: [String: Int]) -> [UInt8] {
        var text = header
        for p in counters.keys.sorted().suffix(keptDays) { text += p + " \(counters[p]!)\n" }
        return Array(text.utf8)
    }
}
