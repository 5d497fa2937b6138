import DutyCore
import Testing
@testable import DutyUI

/// Issue 12, point 9: `H` asks in the footer who takes over, then a note,
/// and only then hands the handover, with both answers, to the session.
@Suite struct HandoverPromptTests {
    init() { _ = UITest.locale }   // a UTF-8 LC_CTYPE before any width is measured, whatever runs first

    static func type(_ text: String, into rig: ConsoleRig) {
        for ch in text { rig.press(ch == " " ? "Space" : String(ch)) }
    }

    @Test func hAsksWhoTakesOverThenANoteThenPerformsTheHandover() throws {
        let rig = ConsoleRig(themeCount: 4)
        #expect(rig.press("H") == nil)
        #expect(rig.state.mode == .textInput && rig.state.textPrompt?.field == .successor)
        // Keys of the panes are text here: q does not quit, L does not switch language.
        Self.type("乙q", into: rig)
        #expect(rig.state.textPrompt?.text == "乙q" && rig.state.language == .zh)
        #expect(rig.press("Backspace") == nil)
        #expect(rig.state.textPrompt?.text == "乙")
        #expect(rig.press("Enter") == nil)
        #expect(rig.state.textPrompt?.field == .note && rig.state.textPrompt?.text == "")
        Self.type("夜间 注意锦屏", into: rig)
        let request = try #require(ConsoleRig.performed(rig.press("Enter")))
        #expect(request == ActionRequest(kind: .handover, choice: .handover(successor: "乙", note: "夜间 注意锦屏")))
        #expect(rig.state.mode == .main && rig.state.textPrompt == nil)
    }

    /// Who takes over is required (Enter on nothing stays and says so); the
    /// note may be empty; Esc gives up at either question with no effect.
    @Test func aSuccessorIsRequiredTheNoteIsNotAndEscCancels() throws {
        let rig = ConsoleRig(themeCount: 4)
        rig.press("H")
        Self.type("  ", into: rig)
        #expect(rig.press("Enter") == nil)
        #expect(rig.state.textPrompt?.field == .successor && rig.state.status == "请输入接班人")
        #expect(rig.press("Esc") == nil)
        #expect(rig.state.mode == .main && rig.state.textPrompt == nil)

        rig.press("H")
        Self.type("值班员乙", into: rig)
        rig.press("Enter")
        let request = try #require(ConsoleRig.performed(rig.press("Enter")))
        #expect(request.choice == .handover(successor: "值班员乙", note: ""))

        rig.press("H")
        Self.type("丙", into: rig)
        rig.press("Enter")
        #expect(rig.press("Esc") == nil)
        #expect(rig.state.mode == .main && rig.state.textPrompt == nil)
    }

    /// Backspace takes back a whole character as shown: a flag or a letter
    /// with its accent is one.
    @Test func backspaceErasesOneCharacterAsShown() {
        var prompt = TextPrompt()
        prompt.type("甲🇨🇳e\u{301}")
        prompt.erase()
        #expect(prompt.text == "甲🇨🇳")
        prompt.erase()
        #expect(prompt.text == "甲")
    }

    /// The prompt in the footer at 80×24, both questions' first.
    @Test func thePromptAt80x24() {
        let rig = ConsoleRig(themeCount: 4)
        rig.press("H")
        Self.type("值班员乙", into: rig)
        let grid = ConsoleFrameTests.render(rig.store, rig.state, 80, 24)
        #expect(screenText(grid).contains("交接班 · 接班人: 值班员乙▏"))
        assertFrame(frameText(grid), named: "handover-prompt-80x24")
        rig.state.language = .en
        rig.press("Enter")
        #expect(screenText(ConsoleFrameTests.render(rig.store, rig.state, 80, 24)).contains("Note (may be empty): ▏"))
    }
}
