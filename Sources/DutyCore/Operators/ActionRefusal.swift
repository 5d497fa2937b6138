/// Why an action does not apply to the item's current state. `code` is the
/// label key without its "refusal." prefix, stable for tests and the UI; the
/// message comes from the one label table in both languages.
public struct ActionRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let message: Label

    /// A refusal from the label `refusal.<code>`, with `{s}` replaced by
    /// `detail` in each language (e.g. the item's status label).
    public init(_ code: String, _ detail: Label? = nil) {
        self.code = code
        let template = Labels.table["refusal." + code] ?? Label(code, code)
        if let d = detail {
            message = Label(template.zh.replacingAll("{s}", with: d.zh), template.en.replacingAll("{s}", with: d.en))
        } else {
            message = template
        }
    }

    /// "中文 / English", for the status line and logs.
    public var description: String { message.zh + " / " + message.en }
}
