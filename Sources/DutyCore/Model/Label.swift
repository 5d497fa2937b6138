/// A label shown to the operator, in both languages the console speaks.
public struct Label: Sendable, Equatable {
    public let zh: String
    public let en: String
    public init(_ zh: String, _ en: String) { self.zh = zh; self.en = en }
    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

public enum Language: String, Sendable, CaseIterable { case zh, en }
