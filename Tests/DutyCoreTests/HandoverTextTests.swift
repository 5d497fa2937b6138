import DutyTestSupport
import Testing
@testable import DutyCore

/// Issue 10, item 9: the handover is text for people and terminals; ids and
/// names from feeds appear in it as on screen, never as escape sequences.
@Suite struct HandoverTextTests {
    @Test func feedTextInTheHandoverShowsItsReplacements() {
        // JSON escapes in the id and title: the control characters arrive decoded.
        let line = Line.event(#"E\u001b]0;PWNED\u0007"#, "2026-11-28T09:00:00+08:00", priority: "1",
                              title: #"t\u001b[2J\n- forged line\u009b"#)
        let now = Timestamp.millis(year: 2026, month: 11, day: 28, hour: 16)
        // Typed in the console too: who takes over and the note.
        let parties = ShiftHandover.Parties(handedBy: "甲", takenBy: "乙\u{1b}[2J", note: "注意\n- forged\u{9b}")
        let md = ShiftHandover.markdown(store: TestSupport.store([line]), now: now, parties: parties)
        #expect(md.contains("\n- E␛]0;PWNED␇ · P1 · 锦屏街道 · t␛[2J␊- forged line\u{FFFD} · 11-28 09:00\n"), "\(md)")
        #expect(md.contains("接班人: 乙␛[2J\n") && md.contains("\n注意␊- forged\u{FFFD}\n"))
        #expect(!md.contains("\n- forged\n"))
        #expect(!md.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(!md.contains("\n- forged line"))
    }
}
