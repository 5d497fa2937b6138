import DutyCore

/// The issue dialog (`N`): a document being drafted, field by field, until
/// the officer issues it. Starts from `NoticeDraft.prefilled` (the row's
/// unit or town, a title naming the item, the item as concerned, the type's
/// default reply deadline); changing the type re-fills the title and the
/// deadline unless the officer has changed them. Nothing is issued from
/// here: `draft` gives the core's draft, or the first field to mend.
public struct NoticeForm: Equatable, Sendable {
    /// The fields, in the order Tab visits them.
    public enum Field: Int, CaseIterable, Sendable {
        case type, to, title, body, due
    }

    /// A field to mend before issuing, and why (a `ui.*` label key).
    public struct Problem: Equatable, Sendable, Error {
        public var field: Field
        public var labelKey: String
    }

    /// Where the cursor starts: the body, what the officer always types (the
    /// rest is prefilled); `S-Tab` reaches the title, addressees and type.
    public var field: Field = .body
    public private(set) var type: NoticeType
    /// 主送: addressees separated by 、 (or a comma or semicolon).
    public var to: TextEditor
    public var title: TextEditor
    public var body = TextEditor("", multiline: true, limit: 4000)
    /// 回复期限: `2026-12-09 18:00`, or empty when no reply is asked.
    public var due: TextEditor
    /// The items concerned (`task:ZF-…`), from the row the dialog opened on.
    public private(set) var refs: [String]
    /// The item the dialog opened on, for filling in again when the type changes.
    public let about: ItemRef?
    /// Enter pressed with nothing to mend: the form asks "issue?" before issuing.
    public var confirming = false
    /// Esc pressed once over typed text: a second Esc throws the draft away.
    public var discardArmed = false
    /// What the form last said was wrong (a `ui.*` label key), shown in it.
    public var problem: Problem?
    private var filledTitle: String
    private var filledDue: String
    /// The addressees as prefilled, to tell those typed by hand.
    private var filledTo: String

    /// The body's first row shown: moved only as far as keeps the cursor in
    /// view, so moving up a long body does not scroll it under the cursor.
    public private(set) var bodyTop = 0

    /// Keeps the body's cursor inside `rows` rows of `width` columns.
    public mutating func scrollBody(rows: Int, width: Int) {
        let row = body.cursorPlace(width: width).row
        if row < bodyTop { bodyTop = row }
        if row >= bodyTop + rows { bodyTop = row - rows + 1 }
        bodyTop = max(0, min(bodyTop, body.rows(width: width).count - 1))
    }

    /// Longest values taken (a body is a page or two).
    public static let lineLimit = 200

    /// A form of `type` about an item (nil: a blank one, e.g. a 通报 about no row).
    public init(_ type: NoticeType, about: ItemRef?, store: Store, now: Millis) {
        self.type = type
        self.about = about
        let draft = Self.prefill(type, about, store, now)
        to = TextEditor(draft.to.joined(separator: "、"), limit: Self.lineLimit)
        title = TextEditor(draft.title, limit: Self.lineLimit)
        due = TextEditor(Self.format(draft.due), limit: 40)
        refs = draft.refs
        filledTitle = draft.title
        filledDue = Self.format(draft.due)
        filledTo = to.text
    }

    static func prefill(_ type: NoticeType, _ about: ItemRef?, _ store: Store, _ now: Millis) -> OperatorActions.NoticeDraft {
        guard let about else {
            return OperatorActions.NoticeDraft(type: type, title: "", to: [], body: "",
                                               due: OperatorActions.NoticeDraft.defaultDue(type, issuedAt: now))
        }
        return OperatorActions.NoticeDraft.prefilled(type, about: about.kind, about.item, in: store, now: now)
    }

    /// The next (or previous) type; the title and deadline follow it unless changed by hand.
    public mutating func cycleType(_ delta: Int, store: Store, now: Millis) {
        let all = NoticeType.allCases
        let i = all.firstIndex(of: type) ?? 0
        type = all[(i + delta + all.count) % all.count]
        let draft = Self.prefill(type, about, store, now)
        if title.text == filledTitle { title.replace(with: draft.title) }
        if due.text == filledDue { due.replace(with: Self.format(draft.due)) }
        filledTitle = draft.title
        filledDue = Self.format(draft.due)
        confirming = false
    }

    /// The editor of a text field (nil for the type).
    public func editor(_ f: Field) -> TextEditor? {
        switch f {
        case .type: nil
        case .to: to
        case .title: title
        case .body: body
        case .due: due
        }
    }

    /// Changes the focused field's editor (nothing on the type).
    public mutating func edit(_ change: (inout TextEditor) -> Void) {
        switch field {
        case .type: return
        case .to: change(&to)
        case .title: change(&title)
        case .body: change(&body)
        case .due: change(&due)
        }
        confirming = false
        discardArmed = false
        problem = nil
    }

    /// Whether the officer typed anything the prefill did not (Esc asks twice then).
    public var hasTypedText: Bool {
        !body.isEmpty || title.text != filledTitle || due.text != filledDue || to.text != filledTo
    }

    /// The addressees as typed, split at 、 , ， ; ；, without blanks or repeats.
    public var addressees: [String] {
        var out: [String] = []
        for part in to.text.split(whereSeparator: { "、,，;；".contains($0) }) {
            let name = Self.trimmed(String(part))
            if !name.isEmpty && !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// The core's draft, or the first field to mend.
    public func draft(now: Millis) -> Result<OperatorActions.NoticeDraft, Problem> {
        if addressees.isEmpty { return .failure(Problem(field: .to, labelKey: "form_need_to")) }
        let title = Self.trimmed(self.title.text)
        if title.isEmpty { return .failure(Problem(field: .title, labelKey: "form_need_title")) }
        let body = Self.trimmedBody(self.body.text)
        if body.isEmpty { return .failure(Problem(field: .body, labelKey: "form_need_body")) }
        let dueText = Self.trimmed(due.text)
        var dueAt: Millis?
        if !dueText.isEmpty {
            guard let t = Self.parse(dueText) else { return .failure(Problem(field: .due, labelKey: "form_bad_due")) }
            guard t > now else { return .failure(Problem(field: .due, labelKey: "form_past_due")) }
            dueAt = t
        }
        return .success(OperatorActions.NoticeDraft(type: type, title: title, to: addressees, refs: refs,
                                                    body: body, due: dueAt))
    }

    // MARK: - The deadline as typed

    /// `2026-12-09 18:00` in local time; "" for none.
    public static func format(_ t: Millis?) -> String {
        guard let t else { return "" }
        return LocalTime.date(t) + " " + LocalTime.clock(t)
    }

    /// `YYYY-MM-DD HH:MM` or `YYYY-MM-DD` (then 18:00, as the defaults), local time.
    public static func parse(_ s: String) -> Millis? {
        let parts = s.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, let y = date[0], let m = date[1], let d = date[2],
              parts[0].count == 10, (2000...2999).contains(y) else { return nil }
        var hour = OperatorActions.NoticeDraft.replyHour, minute = 0
        if parts.count == 2 {
            let hm = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard hm.count == 2, let h = hm[0], let mi = hm[1], (0...23).contains(h), (0...59).contains(mi) else { return nil }
            hour = h; minute = mi
        }
        let t = Timestamp.millis(year: y, month: m, day: d, hour: hour, minute: minute)
        // A date that does not exist (02-30) comes back as another day: refused.
        let c = LocalTime.civil(t)
        guard c.year == y, c.month == m, c.day == d else { return nil }
        return t
    }

    /// A body without the blank lines before it and the white space after
    /// it; the first paragraph keeps its indent (　　, as every other does).
    static func trimmedBody(_ s: String) -> String {
        var lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        return String(lines.joined(separator: "\n").reversed().drop(while: \.isWhitespace).reversed())
    }

    static func trimmed(_ s: String) -> String {
        String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
