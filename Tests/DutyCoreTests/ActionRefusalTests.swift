import Testing
@testable import DutyCore

/// Refusal codes are an enum whose every case has its message in the label
/// table, in both languages: no code can reach the operator as a raw key.
@Suite struct ActionRefusalTests {
    @Test func everyCodeHasItsLabelInBothLanguages() throws {
        for code in ActionRefusal.Code.allCases {
            let label = try #require(Labels.table[code.labelKey], "no label \(code.labelKey)")
            #expect(!label.zh.isEmpty && !label.en.isEmpty, "\(code.labelKey)")
            #expect(label.zh != code.rawValue && label.en != code.rawValue, "\(code.labelKey)")
            let refusal = ActionRefusal(code, Label("甲", "A"))
            #expect(refusal.code == code && !refusal.message.zh.contains("{s}") && !refusal.message.en.contains("{s}"))
        }
    }

    /// Every refusal label in the table is a code's: none is left orphaned
    /// by a renamed case.
    @Test func everyRefusalLabelIsACode() {
        let keys = Labels.table.keys.filter { $0.hasPrefix("refusal.") }
        #expect(Set(keys) == Set(ActionRefusal.Code.allCases.map(\.labelKey)))
    }

    @Test func theDetailFillsTheTemplateInEachLanguage() {
        let refusal = ActionRefusal(.tasksNotDone, Label("2", "2"))
        #expect(refusal.message == Label("仍有2项任务未办结，不能结案", "2 task(s) not done yet: cannot close"))
        #expect(refusal.description == "仍有2项任务未办结，不能结案 / 2 task(s) not done yet: cannot close")
    }
}
