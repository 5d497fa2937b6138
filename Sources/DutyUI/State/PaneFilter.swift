import DutyCore

/// A pane's filter as the operator types it: free words, state words
/// (`overdue`/`超期`, `returned`/`退回`, `unacked`/`未确认`, `open`/`待处置`),
/// plus `town:`, `domain:`, `p:1`, `status:` terms. Every term must match
/// (AND); free words match as substrings of the item's texts and of its
/// status as shown (in either language), status by wire name or label.
public struct PaneFilter: Equatable, Sendable {
    public var text: String
    var town: [String] = []
    var domain: [String] = []
    var priority: [UInt8] = []
    var status: [String] = []
    var states: [StateWord] = []
    var words: [String] = []

    /// A state an item is in now, as the header counts it: `overdue` is the
    /// header's 超期 (`Aggregates.overdueTasks`), `unacked` its 未确认.
    enum StateWord: CaseIterable, Sendable {
        case overdue, returned, unacked, open

        /// The words that name it, in both languages.
        var words: [String] {
            switch self {
            case .overdue: ["overdue", "超期"]
            case .returned: ["returned", "退回"]
            case .unacked: ["unacked", "未确认"]
            case .open: ["open", "待处置"]
            }
        }

        init?(word: String) {
            guard let s = Self.allCases.first(where: { $0.words.contains(word) }) else { return nil }
            self = s
        }

        func holds(_ s: CompactSnapshot, now: Millis) -> Bool {
            switch (self, s.kind) {
            case (.overdue, .task): s.taskStatus.isOpen && s.task.due < now
            case (.returned, .task): s.taskStatus == .returned
            case (.unacked, .alert), (.open, .alert): s.alertStatus == .open
            case (.open, .event): s.eventStatus == .open
            case (.open, .task): s.taskStatus.isOpen
            case (.open, .mediation): s.mediationStatus.isOpen
            default: false
            }
        }
    }

    public init(_ text: String) {
        self.text = text
        for term in text.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }) {
            let t = String(term)
            if let v = Self.value(t, "town:") { town.append(v) }
            else if let v = Self.value(t, "domain:") { domain.append(v) }
            else if let v = Self.value(t, "p:"), let p = UInt8(v), (1...4).contains(p) { priority.append(p) }
            else if let v = Self.value(t, "status:") { status.append(v.lowercased()) }
            else if let s = StateWord(word: t.lowercased()) { states.append(s) }
            else { words.append(t.lowercased()) }
        }
    }

    public var isEmpty: Bool {
        town.isEmpty && domain.isEmpty && priority.isEmpty && status.isEmpty && states.isEmpty && words.isEmpty
    }

    /// Whether the result depends on the clock (`overdue`), so a cached
    /// list of matches must be redone when `now` moves.
    var dependsOnTime: Bool { states.contains(.overdue) }

    private static func value(_ term: String, _ prefix: String) -> String? {
        term.hasPrefix(prefix) && term.count > prefix.count ? String(term.dropFirst(prefix.count)) : nil
    }

    /// Whether an item's current snapshot (and id) passes at `now`.
    public func matches(_ s: CompactSnapshot, id: String, texts: TextTable, now: Millis) -> Bool {
        if !priority.isEmpty && (s.kind != .event || !priority.contains(s.priority)) { return false }
        if !states.allSatisfy({ $0.holds(s, now: now) }) { return false }
        let label = s.statusLabel
        if !status.isEmpty {
            let wire = s.statusWire
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
            let hay = ([id, label.zh, label.en] + (s.searchedTexts + [s.by, s.note]).map { texts.text($0) })
                .joined(separator: "\u{1F}").lowercased()
            if !words.allSatisfy({ hay.contains($0) }) { return false }
        }
        return true
    }
}
