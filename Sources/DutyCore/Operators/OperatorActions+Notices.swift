/// The center's documents (两单一报): issue, record the reply, close, withdraw.
/// The same contract as the other actions (full snapshots by the operator at
/// now, or a refusal naming the state). A new document's number is previewed
/// from the store (`NoticeNumbering.next`): `JournaledAction` builds the
/// records again under the ledger's lock, after reading what other
/// consoles appended, with the number from the ledger's view
/// (`ActionNumbers`), so that is where the number is really allocated.
extension OperatorActions {
    /// What the officer fills in to issue a document.
    public struct NoticeDraft: Equatable, Sendable {
        public var type: NoticeType
        public var title: String
        public var to: [String]
        public var refs: [String]
        public var body: String
        /// The reply deadline; nil when no reply is asked (a 通报, usually).
        public var due: Millis?

        public init(type: NoticeType, title: String, to: [String], refs: [String] = [], body: String, due: Millis?) {
            self.type = type; self.title = title; self.to = to; self.refs = refs; self.body = body; self.due = due
        }
    }

    /// 印发: a new `issued` notice numbered next in its series.
    /// `number`: the number and id allocated under the ledger's lock
    /// (`ActionNumbers.notice`); without it, the store's next (a preview).
    public static func issueNotice(_ store: Store, _ draft: NoticeDraft, _ ctx: ActionContext,
                                   number allocated: (number: String, id: String)? = nil) -> ActionResult {
        if let refused = draftRefusal(draft) { return .failure(refused) }
        let (number, id) = allocated ?? NoticeNumbering.next(draft.type, now: ctx.now, in: store)
        let body = NoticeBody(type: draft.type, number: number, title: draft.title, to: draft.to, refs: draft.refs,
                              body: draft.body, due: draft.due, status: .issued)
        return .success([record(id, .notice(body), ctx)])
    }

    /// 回复: the addressee's reply as recorded by the officer; only an `issued` notice.
    public static func replyNotice(_ store: Store, notice id: String, reply: String, repliedBy: String,
                                   _ ctx: ActionContext) -> ActionResult {
        guard var n = notice(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = replyRefusal(n) { return .failure(refused) }
        guard !reply.isEmpty, !repliedBy.isEmpty else { return .failure(ActionRefusal(.noReply)) }
        n.status = .replied
        n.reply = reply
        n.repliedBy = repliedBy
        return .success([record(id, .notice(n), ctx)])
    }

    /// 办结: an `issued` or `replied` notice `closed`.
    public static func closeNotice(_ store: Store, notice id: String, _ ctx: ActionContext) -> ActionResult {
        guard var n = notice(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = finishRefusal(n) { return .failure(refused) }
        n.status = .closed
        return .success([record(id, .notice(n), ctx)])
    }

    /// 撤回 with a reason (the note): an `issued` or `replied` notice `withdrawn`.
    /// Its number stays taken: numbers are never reused.
    public static func withdrawNotice(_ store: Store, notice id: String, reason: String, _ ctx: ActionContext) -> ActionResult {
        guard var n = notice(store, id) else { return .failure(ActionRefusal(.notFound)) }
        if let refused = finishRefusal(n) { return .failure(refused) }
        guard !reason.isEmpty else { return .failure(ActionRefusal(.noReason)) }
        n.status = .withdrawn
        return .success([record(id, .notice(n), ctx, note: reason)])
    }

    // MARK: - Guards

    static func draftRefusal(_ d: NoticeDraft) -> ActionRefusal? {
        // Blank is empty: a number is never reused, so none goes to a document of spaces.
        func blank(_ s: String) -> Bool { s.allSatisfy(\.isWhitespace) }
        if blank(d.title) || blank(d.body) { return ActionRefusal(.noNoticeText) }
        if d.to.isEmpty || d.to.contains(where: blank) { return ActionRefusal(.noAddressee) }
        if let bad = d.refs.first(where: { !FeedParser.isItemRef($0) }) { return ActionRefusal(.badRef, Label(bad, bad)) }
        return nil
    }

    static func replyRefusal(_ n: NoticeBody) -> ActionRefusal? {
        n.status == .issued ? nil : ActionRefusal(.noticeNotIssued, n.status.label)
    }

    static func finishRefusal(_ n: NoticeBody) -> ActionRefusal? {
        n.status == .issued || n.status == .replied ? nil : ActionRefusal(.noticeFinished, n.status.label)
    }

    static func notice(_ store: Store, _ id: String) -> NoticeBody? {
        guard let i = store.index(.notice, id: id),
              case .notice(let n) = store.current(.notice, i).snapshot(store.texts).body else { return nil }
        return n
    }
}
