import ArgumentParser
import DutyCore

/// `dutydesk notice issue|reply|close|withdraw`: the center's documents
/// (两单一报) from the command line, through the same commit protocol as the
/// console (`ActionDesk`): the number is taken under the journal's lock, the
/// record made durable, then the Markdown copy written beside the journal.
/// Wiring only: every decision and refusal is the core's.
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Issue a document (风险提示单, 督办单, 通报) through the journal, or record its reply, close or withdraw it.",
        subcommands: [Issue.self, Reply.self, Close.self, Withdraw.self]
    )

    /// 印发: prints the number, the id and the copy's path, one a line.
    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue",
            abstract: "Issue a document: numbered next in its series under the journal's lock, its Markdown copy in notices/."
        )

        @OptionGroup var options: NoticeOptions

        @Argument(help: "Feed files or folders read first (the items the document names; upstream documents' numbers).")
        var feeds: [String] = []

        @Option(help: "risk_notice (风险提示单), supervision (执法督办单) or bulletin (通报).")
        var type: NoticeType

        @Option(help: "An addressee (主送): a unit or a town; repeat for more.")
        var to: [String] = []

        @Option(help: "The title.")
        var title: String

        @Option(help: "The body.")
        var body: String

        @Option(help: "An item concerned, kind:id (e.g. task:ZF-20261204-0003); repeat for more.")
        var ref: [String] = []

        @Option(help: "Reply deadline (RFC 3339), or none. Default: 风险提示单 5 and 督办单 3 calendar days after the day of issue at 18:00; 通报 none.")
        var due: DueArgument?

        func run() throws {
            let desk = try options.desk(feeds: feeds)
            let draft = OperatorActions.NoticeDraft(
                type: type, title: title, to: to, refs: ref, body: body,
                due: due.map(\.millis) ?? OperatorActions.NoticeDraft.defaultDue(type, issuedAt: desk.store.now))
            let performed = desk.performReporting(.issueNotice(draft))
            _ = try options.written(performed.outcome, Labels.of("action", "issue_notice"))
            guard let copy = performed.copy else { return }
            Output.line(copy.number)
            Output.line(copy.id)
            switch copy.result {
            case .success(let path):
                Output.line(Sanitize.path(path))
                Output.flush()
            case .failure(let error):
                // The journal holds the document: it is issued; only its copy is missing.
                Output.error(options.lang == .zh
                    ? "\(copy.number) 已印发并记入日志，但副本 \(Sanitize.path(error.path)) 未写入：\(copy.failure(.zh) ?? "")"
                    : "\(copy.number) is issued and journaled, but its copy was not written: \(error)")
                throw ExitCode(2)
            }
        }
    }

    /// 登记回复: the addressee's reply, as recorded by the officer.
    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reply", abstract: "Record a document's reply (only while issued).")

        @OptionGroup var options: NoticeOptions

        @Argument(help: "The document's id (e.g. DOC-2026-S0007).")
        var id: String

        @Argument(help: "Feed files or folders read first (a document issued upstream).")
        var feeds: [String] = []

        @Option(help: "The reply's text.")
        var reply: String

        @Option(help: "Who replied (the addressee's officer).")
        var by: String

        func run() throws {
            try options.act(.replyNotice(notice: id, reply: reply, repliedBy: by), Labels.of("action", "reply_notice"), feeds: feeds)
        }
    }

    /// 办结: an issued or replied document closed.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a document (issued or replied).")

        @OptionGroup var options: NoticeOptions

        @Argument(help: "The document's id.")
        var id: String

        @Argument(help: "Feed files or folders read first.")
        var feeds: [String] = []

        func run() throws {
            try options.act(.closeNotice(notice: id), Labels.of("action", "close_notice"), feeds: feeds)
        }
    }

    /// 撤回 with a reason; the number stays taken.
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "withdraw", abstract: "Withdraw a document (issued or replied) with a reason; its number is never reused.")

        @OptionGroup var options: NoticeOptions

        @Argument(help: "The document's id.")
        var id: String

        @Argument(help: "Feed files or folders read first.")
        var feeds: [String] = []

        @Option(help: "Why it is withdrawn.")
        var reason: String

        func run() throws {
            try options.act(.withdrawNotice(notice: id, reason: reason), Labels.of("action", "withdraw_notice"), feeds: feeds)
        }
    }
}
