import DutyCore

/// A pane's filter as the operator types it: free words plus `town:`,
/// `domain:`, `p:1`, `status:` terms. Every term must match (AND); text
/// terms match as substrings of the item's texts, status by wire name or label.
public struct PaneFilter: Equatable, Sendable {
    public var text: String
    var town: [String] = []
    var domain: [String] = []
    var priority: [UInt8] = []
    var status: [String] = []
    var words: [String] = []

    public init(_ text: String) {
        self.text = text
        for term in text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) {
            let t = String(term)
            if let v = Self.value(t, "town:") { town.append(v) }
            else if let v = Self.value(t, "domain:") { domain.append(v) }
            else if let v = Self.value(t, "p:"), let p = UInt8(v), (1...4).contains(p) { priority.append(p) }
            else if let v = Self.value(t, "status:") { status.append(v.lowercased()) }
            else { words.append(t.lowercased()) }
        }
    }

    public var isEmpty: Bool { town.isEmpty && domain.isEmpty && priority.isEmpty && status.isEmpty && words.isEmpty }

    private static func value(_ term: String, _ prefix: String) -> String? {
        term.hasPrefix(prefix) && term.count > prefix.count ? String(term.dropFirst(prefix.count)) : nil
    }

    /// Whether an item's current snapshot (and id) passes.
    public func matches(_ s: CompactSnapshot, id: String, texts: TextTable) -> Bool {
        if !priority.isEmpty && (s.kind != .event || !priority.contains(s.priority)) { return false }
        if !status.isEmpty {
            let wire = s.statusWire
            let label = Labels.of(s.kind.wire == "mediation" ? "mediation.status" : s.kind.wire + ".status", wire)
            if !status.contains(where: { wire.hasPrefix($0) || label.zh.contains($0) || label.en.lowercased().hasPrefix($0) }) {
                return false
            }
        }
        let townSym = s.town
        if !town.isEmpty {
            let t = texts.text(townSym)
            if !town.contains(where: { t.contains($0) }) { return false }
        }
        if !domain.isEmpty {
            guard s.kind == .event else { return false }
            let d = texts.text(s.event.domain)
            if !domain.contains(where: { d.contains($0) }) { return false }
        }
        if !words.isEmpty {
            let hay = ([id] + (s.searchedTexts + [s.by, s.note]).map { texts.text($0) })
                .joined(separator: "\u{1F}").lowercased()
            if !words.allSatisfy({ hay.contains($0) }) { return false }
        }
        return true
    }
}
