import DutyCore
@testable import DutyUI
import Testing

/// The form fields' editor: Chinese text as whole characters, Backspace
/// taking back one character as shown, rows wrapped by display width with
/// no wide character split, a paste with line breaks, and the cursor moving
/// between rows by column.
@Suite struct TextEditorTests {
    init() { _ = UITest.locale }

    @Test func typingChineseAndBackspaceTakeWholeCharacters() {
        var e = TextEditor("", multiline: true)
        e.insert("请于")
        e.insert("三日内")
        #expect(e.text == "请于三日内" && e.cursor == 5)
        e.backspace()
        #expect(e.text == "请于三日")
        // A base letter with a combining accent, and a flag: one character each.
        e.insert("e\u{301}")
        e.insert("🇨🇳")
        #expect(e.characters.count == 6)
        e.backspace()
        e.backspace()
        #expect(e.text == "请于三日")
        e.moveLeft(); e.moveLeft()
        e.insert("，")
        #expect(e.text == "请于，三日" && e.cursor == 3)
        e.deleteForward()
        #expect(e.text == "请于，日")
        e.backspace(); e.backspace(); e.backspace(); e.backspace()
        #expect(e.text == "日" && e.cursor == 0)
    }

    @Test func rowsWrapByDisplayWidthAndNeverSplitAWideCharacter() {
        // Width 8 leaves 7 columns of text: three Chinese characters (6), then the next row.
        let e = TextEditor("一二三四五六七", multiline: true)
        let rows = e.rows(width: 8)
        #expect(rows.map { e.text(of: $0) } == ["一二三", "四五六", "七"])
        // Mixed: "ab" (2) + "一二" (4) = 6, "三" would make 8 > 7.
        let mixed = TextEditor("ab一二三cd", multiline: true)
        #expect(mixed.rows(width: 8).map { mixed.text(of: $0) } == ["ab一二", "三cd"])
        for row in mixed.rows(width: 8) {
            #expect(DisplayWidth.of(mixed.text(of: row)) <= 7)
        }
    }

    @Test func aPasteKeepsItsLineBreaksInTheBodyAndNotInOneLine() {
        var body = TextEditor("", multiline: true)
        // A terminal sends Enter as "\r"; pasted text from elsewhere may carry "\r\n".
        body.insert("第一段\r第二段\r\n第三段\n")
        #expect(body.text == "第一段\n第二段\n第三段\n")
        #expect(body.rows(width: 40).map { body.text(of: $0) } == ["第一段", "第二段", "第三段", ""])
        #expect(body.cursorPlace(width: 40) == (row: 3, column: 0))
        var title = TextEditor("")
        title.insert("关于\r占道经营")
        #expect(title.text == "关于 占道经营")
    }

    @Test func theLimitDropsWhatIsBeyondIt() {
        var e = TextEditor("", limit: 4)
        e.insert("一二三四五六")
        #expect(e.text == "一二三四")
    }

    @Test func upAndDownKeepTheColumnAndStopOutsideWideCharacters() {
        // Rows at width 8 (7 columns of text): "abcdefg" / "一二三" / "四xy".
        var e = TextEditor("abcdefg一二三四xy", multiline: true)
        #expect(e.rows(width: 8).map { e.text(of: $0) } == ["abcdefg", "一二三", "四xy"])
        #expect(e.cursorPlace(width: 8) == (row: 2, column: 4))
        let up1 = e.moveVertically(-1, width: 8)
        #expect(up1 && e.cursorPlace(width: 8) == (row: 1, column: 4))   // after 二
        let up2 = e.moveVertically(-1, width: 8)
        #expect(up2 && e.cursorPlace(width: 8) == (row: 0, column: 4))
        e.moveRight()
        #expect(e.cursorPlace(width: 8) == (row: 0, column: 5))
        let down = e.moveVertically(1, width: 8)
        #expect(down && e.cursorPlace(width: 8) == (row: 1, column: 4))   // column 5 is inside 三: before it
        let beyond = e.moveVertically(-5, width: 8)
        #expect(!beyond && e.cursorPlace(width: 8) == (row: 1, column: 4))
        e.moveToRowEdge(end: false, width: 8)
        #expect(e.cursorPlace(width: 8) == (row: 1, column: 0))
        e.moveToRowEdge(end: true, width: 8)
        #expect(e.cursorPlace(width: 8) == (row: 1, column: 4))   // on 三, the wrapped row's last character
        let last = e.moveVertically(1, width: 8)
        e.moveToRowEdge(end: true, width: 8)
        #expect(last && e.cursorPlace(width: 8) == (row: 2, column: 4))   // after the text's last character
    }

    @Test func theCursorAfterALineBreakStandsOnTheNextRow() {
        var e = TextEditor("一\n", multiline: true)
        #expect(e.cursorPlace(width: 10) == (row: 1, column: 0))
        e.moveLeft()
        #expect(e.cursorPlace(width: 10) == (row: 0, column: 2))
        e.newline()
        #expect(e.text == "一\n\n")
        var line = TextEditor("x")
        line.newline()
        #expect(line.text == "x")
    }
}

extension TextEditorTests {
    @Test func aClosingMarkNeverStartsARow() {
        // "一二三" fills 6 of 7 columns; "。" (2) would start the next row: "三" goes down with it.
        let e = TextEditor("一二三。四", multiline: true)
        #expect(e.rows(width: 8).map { e.text(of: $0) } == ["一二", "三。四"])
        var typed = TextEditor("", multiline: true)
        typed.insert("一二三。")
        #expect(typed.cursorPlace(width: 8) == (row: 1, column: 4))
    }
}
