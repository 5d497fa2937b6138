/// Document numbers of the center's notices, one series per type per
/// calendar year (local time): `奉综指提〔2026〕8号` (风险提示单),
/// `奉综指督〔2026〕7号` (督办单), `奉综指通〔2026〕第12期` (通报). The next number
/// is the highest of its series among every notice the store holds + 1:
/// upstream notices join the sequence, and under the ledger's lock (where
/// `JournaledAction` builds the records, from a store that has read every
/// line other consoles appended, taking the number from the ledger's view:
/// `JournalView.nextNoticeNumber`) two consoles never take the same number
/// and never leave a gap.
public enum NoticeNumbering {
    /// The issuing office's stem of each type's number.
    public static func stem(_ type: NoticeType) -> String {
        switch type {
        case .riskNotice: "奉综指提"
        case .supervision: "奉综指督"
        case .bulletin: "奉综指通"
        }
    }

    /// The number as written on the document.
    public static func format(_ type: NoticeType, year: Int, _ n: Int) -> String {
        let head = stem(type) + "〔\(year)〕"
        return type == .bulletin ? head + "第\(n)期" : head + "\(n)号"
    }

    /// Type, year and number of a document number in the district's form; nil otherwise.
    public static func parse(_ number: String) -> (type: NoticeType, year: Int, n: Int)? {
        guard let type = NoticeType.allCases.first(where: { number.hasPrefix(stem($0) + "〔") }) else { return nil }
        var rest = Substring(number.dropFirst(stem(type).count + 1))
        guard let close = rest.firstIndex(of: "〕"), let year = Int(rest[..<close]), (1000...9999).contains(year) else { return nil }
        rest = rest[rest.index(after: close)...]
        if type == .bulletin {
            guard rest.hasPrefix("第"), rest.hasSuffix("期") else { return nil }
            rest = rest.dropFirst().dropLast()
        } else {
            guard rest.hasSuffix("号") else { return nil }
            rest = rest.dropLast()
        }
        guard !rest.isEmpty, rest.count <= 6, rest.allSatisfy(\.isASCII), let n = Int(rest), n > 0 else { return nil }
        return (type, year, n)
    }

    /// The local calendar year of `t`.
    public static func year(_ t: Millis) -> Int { LocalTime.civil(t).year }

    /// The highest number of the series among the store's notices (0 when
    /// none). Scans every notice's current number: a few dozen a year.
    public static func highest(_ type: NoticeType, year: Int, in store: Store) -> Int {
        var highest = 0
        for i in 0..<store.count(.notice) {
            let s = store.current(.notice, Int32(i))
            guard let p = parse(store.text(s.notice.number)), p.type == type, p.year == year else { continue }
            highest = max(highest, p.n)
        }
        return highest
    }

    /// The next number of the series of the year of `now`, and an unused id
    /// for its document (`DOC-2026-S0007`; R, S, B by type).
    public static func next(_ type: NoticeType, now: Millis, in store: Store) -> (number: String, id: String) {
        let y = year(now)
        return document(type, year: y, highest(type, year: y, in: store) + 1, in: store)
    }

    /// Number `n` of the series as written, and an id for its document the
    /// store does not hold yet (`DOC-2026-S0007`, else `…-2`, `…-3`).
    public static func document(_ type: NoticeType, year y: Int, _ n: Int, in store: Store) -> (number: String, id: String) {
        let letter = ["R", "S", "B"][Int(type.rawValue)]
        let base = "DOC-\(y)-" + letter + Timestamp.pad(n, 4)
        var id = base
        var k = 2
        while store.index(.notice, id: id) != nil { id = base + "-\(k)"; k += 1 }
        return (format(type, year: y, n), id)
    }
}
