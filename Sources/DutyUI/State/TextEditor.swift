/// Text being typed into a field of a form, with a cursor: one line (an
/// addressee, a title, a date) or many (a document's body).
///
/// Chinese arrives from the input method as whole characters, and a paste
/// as one key per character with Enter for each line break: so the editor
/// works in `Character`s (grapheme clusters) throughout — Backspace takes
/// back one character as shown, never half of a wide one or a combining
/// mark without its base — and lays the text out in rows by display width
/// (`DisplayWidth`, the `wcwidth` ncurses draws with), never splitting a
/// wide character across rows. A value type: the reducer changes it, the
/// view draws it, and both are tested without a terminal.
public struct TextEditor: Equatable, Sendable {
    /// The text, one element per character as shown.
    public private(set) var characters: [Character]
    /// Where the next character goes: 0…characters.count.
    public private(set) var cursor: Int
    /// Takes line breaks (a body) or turns them into spaces (a one-line field).
    public let multiline: Bool
    /// Most characters taken; what is typed or pasted beyond is dropped.
    public let limit: Int

    public init(_ text: String = "", multiline: Bool = false, limit: Int = 4000) {
        self.multiline = multiline
        self.limit = limit
        var chars: [Character] = []
        for ch in text where chars.count < limit { chars.append(Self.accepted(ch, multiline: multiline)) }
        characters = chars
        cursor = chars.count
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    /// A line break for a body, a space for a one-line field; "\r\n" and "\r"
    /// are one break (a terminal's Enter is "\r").
    static func accepted(_ ch: Character, multiline: Bool) -> Character {
        guard ch == "\n" || ch == "\r" || ch == "\r\n" else { return ch }
        return multiline ? "\n" : " "
    }

    // MARK: - Editing

    /// Inserts typed or pasted text at the cursor, up to the limit.
    public mutating func insert(_ s: String) {
        for ch in s where characters.count < limit {
            let c = Self.accepted(ch, multiline: multiline)
            // The terminal hands over one code point per key: a combining
            // mark, a joiner and what it joins come after their base, and
            // belong to its character as shown.
            if cursor > 0, let joined = Self.joined(characters[cursor - 1], c) {
                characters[cursor - 1] = joined
                continue
            }
            characters.insert(c, at: cursor)
            cursor += 1
        }
    }

    /// `a` and `b` as one character, when they make one (é from e and U+0301).
    static func joined(_ a: Character, _ b: Character) -> Character? {
        let s = String(a) + String(b)
        return s.count == 1 ? s.first : nil
    }

    /// Enter in a body: a line break at the cursor.
    public mutating func newline() { if multiline { insert("\n") } }

    /// Backspace: the character before the cursor, whole.
    public mutating func backspace() {
        guard cursor > 0 else { return }
        cursor -= 1
        characters.remove(at: cursor)
    }

    /// Delete: the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }

    /// Replaces the whole text (a prefilled value changed by the form), cursor at the end.
    public mutating func replace(with text: String) {
        self = TextEditor(text, multiline: multiline, limit: limit)
    }

    // MARK: - Rows by display width

    /// One row as drawn: characters `start..<end` (a line break ending a row
    /// is not in it), and whether the row ends at a line break.
    public struct Row: Equatable, Sendable {
        public var start: Int
        public var end: Int
        public var hardBreak: Bool
    }

    /// The rows at a width of `width` columns. The last column is left free
    /// so the cursor after a full row still has a cell of the row to stand in.
    public func rows(width: Int) -> [Row] {
        let room = max(2, width - 1)
        var rows: [Row] = []
        var start = 0, used = 0, i = 0
        while i < characters.count {
            let ch = characters[i]
            if ch == "\n" {
                rows.append(Row(start: start, end: i, hardBreak: true))
                i += 1; start = i; used = 0
                continue
            }
            let w = max(0, DisplayWidth.of(ch))
            if used + w > room && i > start {
                // A closing mark (，。、）…) never starts a row: the character
                // before it goes down with it, as Chinese typesetting does.
                var at = i
                if Self.noRowStart.contains(ch) && i - 1 > start { at = i - 1 }
                rows.append(Row(start: start, end: at, hardBreak: false))
                start = at
                used = at < i ? max(0, DisplayWidth.of(characters[at])) : 0
            }
            used += w
            i += 1
        }
        rows.append(Row(start: start, end: characters.count, hardBreak: false))
        return rows
    }

    /// Marks that may not begin a row (避头点: the closing ones).
    static let noRowStart: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "】", "…",
                                             ",", ".", ";", ":", "?", "!", ")"]

    /// The cursor's row and column (in display columns) at a width.
    public func cursorPlace(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        let r = row(of: cursor, in: rows)
        return (r, columns(rows[r].start, cursor))
    }

    /// The row a position belongs to: at a soft wrap the next row's start,
    /// at a line break the end of its own row.
    func row(of position: Int, in rows: [Row]) -> Int {
        for (r, row) in rows.enumerated() where position >= row.start {
            if position < row.end || (position == row.end && (row.hardBreak || r == rows.count - 1)) { return r }
        }
        return rows.count - 1
    }

    /// Display columns of characters `from..<to`.
    func columns(_ from: Int, _ to: Int) -> Int {
        var w = 0
        for i in from..<max(from, to) { w += max(0, DisplayWidth.of(characters[i])) }
        return w
    }

    /// The text of a row as drawn.
    public func text(of row: Row) -> String { String(characters[row.start..<row.end]) }

    /// Up or down one row, keeping the column (as near as the row allows,
    /// never inside a wide character). Returns false at the first or last
    /// row, where the form moves to the field above or below instead.
    @discardableResult
    public mutating func moveVertically(_ delta: Int, width: Int) -> Bool {
        let rows = rows(width: width)
        let r = row(of: cursor, in: rows)
        let target = r + delta
        guard rows.indices.contains(target) else { return false }
        let column = columns(rows[r].start, cursor)
        let row = rows[target]
        // A wrapped row's end is the next row's start: stop on its last character.
        let end = row.hardBreak || target == rows.count - 1 ? row.end : max(row.start, row.end - 1)
        var pos = row.start, w = 0
        while pos < end {
            let cw = max(0, DisplayWidth.of(characters[pos]))
            if w + cw > column { break }
            w += cw
            pos += 1
        }
        cursor = pos
        return true
    }

    /// Home and End: the start or end of the cursor's row.
    public mutating func moveToRowEdge(end: Bool, width: Int) {
        let rows = rows(width: width)
        let r = row(of: cursor, in: rows)
        let row = rows[r]
        // A wrapped row's end is the next row's start: stop on its last character.
        let last = row.hardBreak || r == rows.count - 1 ? row.end : max(row.start, row.end - 1)
        cursor = end ? last : row.start
    }
}
