/// A label shown to the operator, in both languages the console speaks.
public struct Label: Sendable, Equatable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) { self.zh = zh; self.en = en }
    public func text(_ language: Language) -> String { language == .zh ? zh : en }

    /// `group.key` in `table`; an unknown key shows its own name in both
    /// languages rather than nothing (e.g. a new alert rule from upstream).
    public static func lookup(_ table: [String: Label], _ group: String, _ key: String) -> Label {
        table[group + "." + key] ?? Label(key, key)
    }
}

public enum Language: String, Sendable, CaseIterable { case zh, en }
