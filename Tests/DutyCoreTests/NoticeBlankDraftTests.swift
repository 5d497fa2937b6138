@testable import DutyCore
import Testing

/// A document's number is never reused, so a draft that only looks filled
/// in (a title of spaces, a body of line breaks, an addressee of an
/// ideographic space: easy to pass to `dutydesk notice issue`) must be
/// refused before a number is taken, as an empty one is.
@Suite struct NoticeBlankDraftTests {
    @Test func blankTextAndAddresseesAreRefusedLikeEmptyOnes() {
        let store = Store(clock: .fixed(NoticeActionTests.now))
        var d = NoticeActionTests.draft()
        d.title = " 　"
        #expect(OperatorAction.issueNotice(d).refusal(in: store)?.code == .noNoticeText)
        d = NoticeActionTests.draft()
        d.body = "\n\n \n"
        #expect(OperatorAction.issueNotice(d).refusal(in: store)?.code == .noNoticeText)
        #expect(OperatorAction.issueNotice(NoticeActionTests.draft(to: ["　"])).refusal(in: store)?.code == .noAddressee)
        #expect(OperatorAction.issueNotice(NoticeActionTests.draft()).refusal(in: store) == nil)
    }
}
