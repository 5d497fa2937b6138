/// What a document starts from when the officer issues it from a row: the
/// addressee, title and items concerned taken from the item, the reply
/// deadline from one table. The issue dialog (and the ladder's proposals)
/// start here; the officer changes what they want before it is issued.
extension OperatorActions.NoticeDraft {
    /// Default reply deadlines per type, in calendar days after the day of
    /// issue, due at 18:00 local time (the district's practice counts
    /// working days — 风险提示单 5, 督办单 3 — and the console ships no holiday
    /// or 调休 calendar, so calendar days stand in; a 通报 asks no reply).
    public static let replyDays: [NoticeType: Int] = [.riskNotice: 5, .supervision: 3]
    /// The local hour a reply is due on its last day.
    public static let replyHour = 18

    /// The default reply deadline of a type issued at `now` (nil: no reply).
    public static func defaultDue(_ type: NoticeType, issuedAt now: Millis) -> Millis? {
        guard let days = replyDays[type] else { return nil }
        return LocalTime.at(hour: replyHour, minute: 0, onDayOf: now + Millis(days) * TimeSpan.day)
    }

    /// A draft of `type` about one item: addressed to a task's unit, an
    /// event's or a case's town, an alert's item's (through its ref); titled
    /// from the item; the item (and an alert's ref) as the items concerned.
    public static func prefilled(_ type: NoticeType, about kind: Kind, _ index: Int32, in store: Store,
                                 now: Millis) -> OperatorActions.NoticeDraft {
        let id = store.id(kind, index)
        let s = store.current(kind, index)
        var to: [String] = []
        var refs = [kind.wire + ":" + id]
        var subject = id
        switch kind {
        case .task:
            to = [store.text(s.task.unit)]
            subject = id + "（" + store.text(s.task.event) + "）"
        case .event:
            to = [store.text(s.event.town)]
            subject = id + " " + store.text(s.event.title)
        case .mediation:
            to = [store.text(s.mediation.town)]
            subject = id + " " + store.text(s.mediation.category)
        case .alert:
            let ref = store.texts.optionalText(s.alert.ref) ?? ""
            // A feed's ref is free text: only an item (kind:id) is named, or the draft could never be issued.
            if FeedParser.isItemRef(ref) { refs.append(ref) }
            if ref.hasPrefix("task:"), let t = store.index(.task, id: String(ref.dropFirst(5))) {
                to = [store.text(store.current(.task, t).task.unit)]
            } else if ref.hasPrefix("event:"), let e = store.index(.event, id: String(ref.dropFirst(6))) {
                to = [store.text(store.current(.event, e).event.town)]
            }
            subject = store.text(s.alert.title)
        case .notice:
            subject = store.text(s.notice.title)
        }
        let title = "关于" + subject + "的" + type.label.zh
        return OperatorActions.NoticeDraft(type: type, title: title, to: to.filter { !$0.isEmpty }, refs: refs,
                                           body: "", due: defaultDue(type, issuedAt: now))
    }
}
