/// Where the issue dialog's parts go in the space between header and
/// footer: one pure function of that space, used by the view to draw and by
/// the reducer to move the cursor between rows of the body as drawn.
///
///     ┏━ 印发文书 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
///     ┃ 类型     ‹ 执法督办单 ›   ←/→ 或空格切换            ┃
///     ┃ 主送     综合行政执法队                             ┃
///     ┃ 标题     关于ZF-…的执法督办单                       ┃
///     ┃ 涉及     task:ZF-20261203-0004                      ┃
///     ┃ 正文     (the body, several rows)                   ┃
///     ┃ 回复期限 2026-12-07 18:00                           ┃
///     ┃ 文号     印发时按序分配，预计 奉综指督〔2026〕8号    ┃
///     ┃ (what to mend, or "issue?")                         ┃
///     ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛
public struct NoticeFormLayout: Equatable, Sendable {
    public let box: Rect
    public let inner: Rect
    /// Rows the body shows (it scrolls to keep the cursor in view).
    public let bodyRows: Int

    /// Columns before the fields: the longest label (回复期限, 8) and a gap.
    public static let labelWidth = 10
    /// Rows besides the body's: type, to, title, refs, due, number, message.
    static let fixedRows = 7
    /// The widest and the most body rows the box grows to.
    static let maxWidth = 100, maxBodyRows = 16

    /// The dialog over `body` (the space between header and footer); nil
    /// when there is no room for it (the console is then too small anyway).
    public init?(body: Rect) {
        let width = min(body.width - 2, Self.maxWidth)
        let height = min(body.height, Self.fixedRows + 2 + Self.maxBodyRows)
        guard width >= Self.labelWidth + 12, height >= Self.fixedRows + 3 else { return nil }
        box = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        inner = Rect(x: box.x + 1, y: box.y + 1, width: width - 2, height: height - 2)
        bodyRows = inner.height - Self.fixedRows
    }

    /// The dialog of a screen layout (between its header and footer).
    public init?(_ layout: ScreenLayout) {
        self.init(body: Rect(x: 0, y: layout.header.maxY, width: layout.header.width,
                             height: layout.footer.y - layout.header.maxY))
    }

    public var fieldX: Int { inner.x + 1 + Self.labelWidth }
    /// Columns a field's text has (one left free at the right edge).
    public var fieldWidth: Int { inner.maxX - fieldX - 1 }

    /// The row of a field's first line.
    public func y(_ field: NoticeForm.Field) -> Int {
        switch field {
        case .type: inner.y
        case .to: inner.y + 1
        case .title: inner.y + 2
        case .body: inner.y + 4
        case .due: inner.y + 4 + bodyRows
        }
    }

    public var refsY: Int { inner.y + 3 }
    public var numberY: Int { y(.due) + 1 }
    public var messageY: Int { y(.due) + 2 }
}
