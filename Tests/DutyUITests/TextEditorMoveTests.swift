import DutyCore
@testable import DutyUI
import Testing

/// The editor as keys really reach it: Up and Down onto a wrapped row that
/// is narrower than the column kept, and a combining mark or a joined emoji
/// arriving one scalar per key (the terminal reads one code point at a time).
@Suite struct TextEditorMoveTests {
    init() { _ = UITest.locale }

    /// An editor of `text` with its cursor at `position`.
    static func editor(_ text: String, at position: Int) -> TextEditor {
        var e = TextEditor(text, multiline: true)
        while e.cursor > position { e.moveLeft() }
        return e
    }

    /// `moveVertically`, out of `#expect` (which takes no mutation).
    static func move(_ e: inout TextEditor, _ delta: Int, width: Int) -> Bool {
        e.moveVertically(delta, width: width)
    }

    @Test func upFromTheEndOfAFullLastRowGoesToTheRowAbove() {
        // Width 5 leaves 4 columns: "abcd" wraps softly, "efgh" is the last row.
        var e = Self.editor("abcdefgh", at: 8)
        #expect(e.cursorPlace(width: 5).row == 1)
        #expect(Self.move(&e, -1, width: 5))
        #expect(e.cursorPlace(width: 5).row == 0)
        #expect(e.cursor == 3)   // on the row's last character: its end is the next row's start
    }

    @Test func downOntoANarrowerWrappedRowStaysOnIt() {
        // "abcd" ends at a line break (4 columns); "efgh" wraps, "ijkl" follows.
        var e = Self.editor("abcd\nefghijkl", at: 4)
        #expect(e.cursorPlace(width: 5).row == 0)
        #expect(Self.move(&e, 1, width: 5))
        #expect(e.cursorPlace(width: 5).row == 1)
        #expect(Self.move(&e, 1, width: 5))
        #expect(e.cursorPlace(width: 5).row == 2)
    }

    @Test func upFromTheEndOfALineOntoAFullChineseRowGoesUp() {
        // Width 8 leaves 7 columns: "一二三" (6) wraps before 四, "四五六" ends at a
        // line break, "abcdefg" (7) is the last row.
        var e = Self.editor("一二三四五六\nabcdefg", at: 14)
        #expect(e.rows(width: 8).map { e.text(of: $0) } == ["一二三", "四五六", "abcdefg"])
        #expect(Self.move(&e, -1, width: 8))
        #expect(e.cursorPlace(width: 8).row == 1)
        #expect(Self.move(&e, -1, width: 8))
        #expect(e.cursorPlace(width: 8).row == 0)
        #expect(!Self.move(&e, -1, width: 8))
    }

    @Test func aCombiningMarkTypedAfterItsBaseIsOneCharacterWithIt() {
        var e = TextEditor("", multiline: true)
        for key in ["e", "\u{301}"] { e.insert(key) }   // é typed as e + combining acute, two keys
        #expect(e.characters.count == 1 && e.text == "e\u{301}")
        e.backspace()
        #expect(e.text.isEmpty && e.cursor == 0)
        // A joined family emoji, one scalar per key: one character as shown.
        for scalar in "👨‍👩‍👧".unicodeScalars { e.insert(String(scalar)) }
        #expect(e.characters.count == 1)
        e.backspace()
        #expect(e.isEmpty)
    }

    @Test func aMarkAfterALineBreakStaysApartFromIt() {
        var e = TextEditor("", multiline: true)
        e.insert("a"); e.newline(); e.insert("\u{301}")
        #expect(e.characters.count == 3 && e.rows(width: 10).count == 2)
    }
}
