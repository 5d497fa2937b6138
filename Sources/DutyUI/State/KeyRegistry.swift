import DutyCore

/// The one table of keys (as k9s does it): it drives dispatch, the footer
/// and the help screen, so what the footer says is always what the keys do.
public enum KeyRegistry {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: ["Tab"], command: .focusNext, modes: [.main], labelKey: "next_pane", inFooter: true),
        KeyBinding(keys: ["S-Tab"], command: .focusPrevious, modes: [.main], labelKey: "prev_pane", inFooter: false),
        KeyBinding(keys: ["1"], command: .focus(.events), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["2"], command: .focus(.tasks), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["3"], command: .focus(.mediation), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["4"], command: .focus(.alerts), modes: [.main], labelKey: "focus_pane", inFooter: false),
        KeyBinding(keys: ["j", "Down"], command: .moveDown, modes: [.main, .detail, .help, .list], labelKey: "down", inFooter: false),
        KeyBinding(keys: ["k", "Up"], command: .moveUp, modes: [.main, .detail, .help, .list], labelKey: "up", inFooter: false),
        KeyBinding(keys: ["PgDn", "C-f"], command: .pageDown, modes: [.main, .detail, .help, .list], labelKey: "page_down", inFooter: false),
        KeyBinding(keys: ["PgUp", "C-b"], command: .pageUp, modes: [.main, .detail, .help, .list], labelKey: "page_up", inFooter: false),
        KeyBinding(keys: ["g", "Home"], command: .top, modes: [.main, .detail, .help, .list], labelKey: "top", inFooter: false),
        KeyBinding(keys: ["G", "End"], command: .bottom, modes: [.main, .detail, .help, .list], labelKey: "bottom", inFooter: false),
        KeyBinding(keys: ["Enter"], command: .open, modes: [.main, .list], labelKey: "open", inFooter: true),
        KeyBinding(keys: ["!"], command: .openList(.needsAction), modes: [.main, .list], labelKey: "needs_action", inFooter: true),
        KeyBinding(keys: ["/"], command: .startFilter, modes: [.main], labelKey: "filter", inFooter: true),
        KeyBinding(keys: ["Esc"], command: .clearFilter, modes: [.main], labelKey: "clear_filter", inFooter: false),
        KeyBinding(keys: ["Esc", "q"], command: .back, modes: [.detail, .help, .list], labelKey: "back", inFooter: true),
        KeyBinding(keys: ["Enter"], command: .filterCommit, modes: [.filterInput], labelKey: "filter", inFooter: true),
        KeyBinding(keys: ["Esc"], command: .clearFilter, modes: [.filterInput], labelKey: "clear_filter", inFooter: true),
        KeyBinding(keys: ["Backspace"], command: .filterBackspace, modes: [.filterInput], labelKey: "clear_filter", inFooter: false),
        KeyBinding(keys: ["?", "F1"], command: .help, modes: [.main, .detail, .list], labelKey: "help", inFooter: true),
        KeyBinding(keys: ["t"], command: .cycleTheme, modes: [.main, .detail, .help, .list], labelKey: "theme", inFooter: false),
        KeyBinding(keys: ["L"], command: .toggleLanguage, modes: [.main, .detail, .help, .list], labelKey: "language", inFooter: true),
        KeyBinding(keys: ["q"], command: .quit, modes: [.main], labelKey: "quit", inFooter: true),
        // Operator actions, on the selected row of the focused pane: all in the
        // footer (first, while the width lasts) when the row's state allows them.
        KeyBinding(keys: ["d"], command: .action(.dispatch), modes: [.main, .list, .detail], labelKey: "dispatch", inFooter: true, panes: [.events]),
        KeyBinding(keys: ["c"], command: .action(.cancelEvent), modes: [.main, .list, .detail], labelKey: "cancel_event", inFooter: true, panes: [.events]),
        KeyBinding(keys: ["x"], command: .action(.closeEvent), modes: [.main, .list, .detail], labelKey: "close_event", inFooter: true, panes: [.events]),
        KeyBinding(keys: ["r"], command: .action(.returnTask), modes: [.main, .list, .detail], labelKey: "return_task", inFooter: true, panes: [.tasks]),
        KeyBinding(keys: ["u"], command: .action(.urge), modes: [.main, .list, .detail], labelKey: "urge", inFooter: true, panes: [.tasks]),
        KeyBinding(keys: ["D"], command: .action(.done), modes: [.main, .list, .detail], labelKey: "done", inFooter: true, panes: [.tasks]),
        KeyBinding(keys: ["e"], command: .action(.escalate), modes: [.main, .list, .detail], labelKey: "escalate", inFooter: true, panes: [.mediation]),
        KeyBinding(keys: ["R"], command: .action(.refer), modes: [.main, .list, .detail], labelKey: "refer", inFooter: true, panes: [.mediation]),
        KeyBinding(keys: ["a"], command: .action(.acknowledge), modes: [.main, .list, .detail], labelKey: "acknowledge", inFooter: true, panes: [.alerts]),
        KeyBinding(keys: ["A"], command: .action(.acknowledgeAll), modes: [.main], labelKey: "acknowledge_all", inFooter: true, panes: [.alerts]),
        KeyBinding(keys: ["z"], command: .action(.snooze), modes: [.main, .list, .detail], labelKey: "snooze", inFooter: true, panes: [.alerts]),
        KeyBinding(keys: ["x"], command: .action(.resolve), modes: [.main, .list, .detail], labelKey: "resolve", inFooter: true, panes: [.alerts]),
        // Lists across panes: what needs action now, and what each header figure counts.
        KeyBinding(keys: ["F2"], command: .openList(.figure(.intake)), modes: [.main, .list], labelKey: "list_intake", inFooter: true,
                   footerKeys: "F2–F9", footerLabelKey: "figure_lists"),
        KeyBinding(keys: ["F3"], command: .openList(.figure(.dispatched)), modes: [.main, .list], labelKey: "list_dispatched", inFooter: false),
        KeyBinding(keys: ["F4"], command: .openList(.figure(.closed)), modes: [.main, .list], labelKey: "list_closed", inFooter: false),
        KeyBinding(keys: ["F5"], command: .openList(.figure(.overdue)), modes: [.main, .list], labelKey: "list_overdue", inFooter: false),
        KeyBinding(keys: ["F6"], command: .openList(.figure(.unacked)), modes: [.main, .list], labelKey: "list_unacked", inFooter: false),
        KeyBinding(keys: ["F7"], command: .openList(.figure(.badLines)), modes: [.main, .list], labelKey: "list_bad_lines", inFooter: false),
        KeyBinding(keys: ["H"], command: .action(.handover), modes: [.main], labelKey: "handover", inFooter: false),
        KeyBinding(keys: ["C-r"], command: .retryJournal, modes: [.main], labelKey: "retry_journal", inFooter: false),
        KeyBinding(keys: ["F8"], command: .openList(.figure(.awaitingReply)), modes: [.main, .list], labelKey: "list_awaiting_reply", inFooter: false),
        KeyBinding(keys: ["F9"], command: .openList(.figure(.overdueReplies)), modes: [.main, .list], labelKey: "list_overdue_replies", inFooter: false),
        KeyBinding(keys: ["x"], command: .action(.closeNotice), modes: [.main, .list, .detail], labelKey: "close_notice", inFooter: true, panes: [.documents]),
        KeyBinding(keys: ["p"], command: .action(.replyNotice), modes: [.main, .list, .detail], labelKey: "reply_notice", inFooter: true, panes: [.documents]),
        KeyBinding(keys: ["W"], command: .action(.withdrawNotice), modes: [.main, .list, .detail], labelKey: "withdraw_notice", inFooter: true, panes: [.documents]),
        KeyBinding(keys: ["N"], command: .action(.issueNotice), modes: [.main, .list, .detail], labelKey: "issue_notice", inFooter: true),
        KeyBinding(keys: ["w"], command: .switchTab, modes: [.main], labelKey: "switch_tab", inFooter: true, panes: [.alerts, .documents]),
        // Replay, like a video.
        KeyBinding(keys: ["Space"], command: .replayPause, modes: [.main], labelKey: "replay_pause", inFooter: true, replayOnly: true),
        KeyBinding(keys: ["+", "="], command: .replaySpeed(1), modes: [.main], labelKey: "replay_faster", inFooter: true, replayOnly: true),
        KeyBinding(keys: ["-"], command: .replaySpeed(-1), modes: [.main], labelKey: "replay_slower", inFooter: false, replayOnly: true),
        KeyBinding(keys: [">"], command: .replaySeek(10 * TimeSpan.minute), modes: [.main], labelKey: "replay_forward", inFooter: true, replayOnly: true),
        KeyBinding(keys: ["<"], command: .replaySeek(-10 * TimeSpan.minute), modes: [.main], labelKey: "replay_back", inFooter: true, replayOnly: true),
        KeyBinding(keys: ["]"], command: .replaySeek(TimeSpan.hour), modes: [.main], labelKey: "replay_hour_forward", inFooter: false, replayOnly: true),
        KeyBinding(keys: ["["], command: .replaySeek(-TimeSpan.hour), modes: [.main], labelKey: "replay_hour_back", inFooter: false, replayOnly: true),
        KeyBinding(keys: ["0"], command: .replayRestart, modes: [.main], labelKey: "replay_restart", inFooter: false, replayOnly: true),
        // Choosing and confirming.
        KeyBinding(keys: ["j", "Down"], command: .choose(1), modes: [.choosing], labelKey: "down", inFooter: true),
        KeyBinding(keys: ["k", "Up"], command: .choose(-1), modes: [.choosing], labelKey: "up", inFooter: true),
        KeyBinding(keys: ["Tab"], command: .cycleOption, modes: [.choosing], labelKey: "task_type", inFooter: true),
        KeyBinding(keys: ["Enter"], command: .confirm, modes: [.choosing], labelKey: "confirm", inFooter: true),
        KeyBinding(keys: ["Esc", "q"], command: .cancel, modes: [.choosing, .confirming], labelKey: "cancel", inFooter: true),
        KeyBinding(keys: ["y", "Enter"], command: .confirm, modes: [.confirming], labelKey: "confirm", inFooter: true),
        KeyBinding(keys: ["n"], command: .cancel, modes: [.confirming], labelKey: "cancel", inFooter: false),
        // A line asked for (who takes over, the handover's note): every other printable key is text.
        KeyBinding(keys: ["Enter"], command: .promptCommit, modes: [.textInput], labelKey: "confirm", inFooter: true),
        KeyBinding(keys: ["Esc"], command: .promptCancel, modes: [.textInput], labelKey: "cancel", inFooter: true),
        KeyBinding(keys: ["Backspace"], command: .promptBackspace, modes: [.textInput], labelKey: "prompt_erase", inFooter: false),
        // The issue dialog: fields by Tab; Enter is a line break in the body and issues elsewhere.
        KeyBinding(keys: ["Tab"], command: .formField(1), modes: [.composing], labelKey: "next_field", inFooter: true),
        KeyBinding(keys: ["S-Tab"], command: .formField(-1), modes: [.composing], labelKey: "prev_field", inFooter: false),
        KeyBinding(keys: ["F10"], command: .formIssue, modes: [.composing], labelKey: "issue_now", inFooter: true),
        KeyBinding(keys: ["Enter"], command: .formEnter, modes: [.composing], labelKey: "form_enter", inFooter: true),
        KeyBinding(keys: ["Esc"], command: .formCancel, modes: [.composing], labelKey: "cancel", inFooter: true),
        KeyBinding(keys: ["Backspace"], command: .formBackspace, modes: [.composing], labelKey: "prompt_erase", inFooter: false),
        KeyBinding(keys: ["Del"], command: .formDelete, modes: [.composing], labelKey: "erase_forward", inFooter: false),
        KeyBinding(keys: ["Left"], command: .formMove(.left), modes: [.composing], labelKey: "form_left", inFooter: false),
        KeyBinding(keys: ["Right"], command: .formMove(.right), modes: [.composing], labelKey: "form_right", inFooter: false),
        KeyBinding(keys: ["Up"], command: .formMove(.up), modes: [.composing], labelKey: "up", inFooter: false),
        KeyBinding(keys: ["Down"], command: .formMove(.down), modes: [.composing], labelKey: "down", inFooter: false),
        KeyBinding(keys: ["Home"], command: .formMove(.home), modes: [.composing], labelKey: "line_start", inFooter: false),
        KeyBinding(keys: ["End"], command: .formMove(.end), modes: [.composing], labelKey: "line_end", inFooter: false),
        KeyBinding(keys: ["C-r"], command: .retryJournal, modes: [.composing], labelKey: "retry_journal", inFooter: false),
        // The incident view: enter the selected linked item; back one level.
        KeyBinding(keys: ["Enter"], command: .open, modes: [.detail], labelKey: "enter_linked", inFooter: true),
        KeyBinding(keys: ["Backspace"], command: .back, modes: [.detail, .help], labelKey: "back", inFooter: false),
        // The situation board (issue 14): `o` shows it and goes back; in it the towns are rows.
        KeyBinding(keys: ["o"], command: .toggleBoard, modes: [.main, .board], labelKey: "board", inFooter: true, footerEarly: true),
        KeyBinding(keys: ["Enter"], command: .open, modes: [.board], labelKey: "board_town", inFooter: true),
        KeyBinding(keys: ["s"], command: .boardSortNext, modes: [.board], labelKey: "board_sort", inFooter: true),
        KeyBinding(keys: ["S"], command: .boardSortFlip, modes: [.board], labelKey: "board_flip", inFooter: true),
        KeyBinding(keys: ["j", "Down"], command: .moveDown, modes: [.board], labelKey: "down", inFooter: false),
        KeyBinding(keys: ["k", "Up"], command: .moveUp, modes: [.board], labelKey: "up", inFooter: false),
        KeyBinding(keys: ["PgDn", "C-f"], command: .pageDown, modes: [.board], labelKey: "page_down", inFooter: false),
        KeyBinding(keys: ["PgUp", "C-b"], command: .pageUp, modes: [.board], labelKey: "page_up", inFooter: false),
        KeyBinding(keys: ["g", "Home"], command: .top, modes: [.board], labelKey: "top", inFooter: false),
        KeyBinding(keys: ["G", "End"], command: .bottom, modes: [.board], labelKey: "bottom", inFooter: false),
        KeyBinding(keys: ["Esc", "q"], command: .back, modes: [.board], labelKey: "back", inFooter: false),
        KeyBinding(keys: ["?", "F1"], command: .help, modes: [.board], labelKey: "help", inFooter: true),
        KeyBinding(keys: ["t"], command: .cycleTheme, modes: [.board], labelKey: "theme", inFooter: false),
        KeyBinding(keys: ["L"], command: .toggleLanguage, modes: [.board], labelKey: "language", inFooter: true),
    ]

    /// The command a key means in a mode; in filter input every printable key
    /// not bound there is text. During a paste (`pasting`), keys are text
    /// where text is typed — a line break a new line in a document's body, a
    /// space in a one-line field — and nothing anywhere else: a pasted `q`
    /// never quits, a pasted Enter never issues or confirms.
    public static func command(forKey key: String, in mode: ConsoleMode, focus: Pane? = nil, replay: Bool = false,
                               pasting: Bool = false) -> Command? {
        let scope = ModeScope(mode)
        if key == "PasteBegin" { return .pasting(true) }
        if key == "PasteEnd" { return .pasting(false) }
        if pasting { return pasted(key, scope) }
        if let b = bindings.first(where: {
            $0.modes.contains(scope) && $0.keys.contains(key) && ($0.panes.isEmpty || focus.map($0.panes.contains) == true)
                && (replay || !$0.replayOnly)
        }) { return b.command }
        if scope == .filterInput, key == "Space" { return .filterInput(" ") }
        if scope == .filterInput, isText(key) { return .filterInput(key) }
        if scope == .textInput, key == "Space" { return .promptInput(" ") }
        if scope == .textInput, isText(key) { return .promptInput(key) }
        if scope == .composing, key == "Space" { return .formInput(" ") }
        if scope == .composing, isText(key) { return .formInput(key) }
        return nil
    }

    /// Bindings to list in the footer for a mode, in table order, one per
    /// command; `allows` drops those that do not apply now (an action the
    /// selected row's state refuses, Tab in a chooser without a cycle).
    public static func footer(for mode: ConsoleMode, focus: Pane? = nil, replay: Bool = false,
                              allows: (Command) -> Bool = { _ in true }) -> [KeyBinding] {
        let scope = ModeScope(mode)
        let usable = bindings.filter {
            $0.modes.contains(scope) && $0.inFooter && (replay || !$0.replayOnly) && allows($0.command)
        }
        // Replay controls, then the focused pane's own actions: what the operator came for.
        let controls = usable.filter { $0.replayOnly }
        let own = usable.filter { !$0.replayOnly && !$0.panes.isEmpty && focus.map($0.panes.contains) == true }
        var general = usable.filter { !$0.replayOnly && $0.panes.isEmpty && !$0.footerEarly }
        let early = usable.filter { !$0.replayOnly && $0.panes.isEmpty && $0.footerEarly }
        general.insert(contentsOf: early, at: general.firstIndex { $0.command == .help }.map { $0 + 1 } ?? general.count)
        return controls + own + general
    }

    /// Every binding of a mode, for the help screen.
    public static func help(for scope: ModeScope) -> [KeyBinding] {
        bindings.filter { $0.modes.contains(scope) }
    }

    /// A key inside a paste: text in the scopes that take text, else nothing.
    static func pasted(_ key: String, _ scope: ModeScope) -> Command? {
        let text: String
        switch key {
        case "Enter": text = scope == .composing ? "\n" : " "
        case "Tab", "Space": text = " "
        default:
            guard isText(key) else { return nil }
            text = key
        }
        switch scope {
        case .composing: return .formInput(text)
        case .textInput: return .promptInput(text)
        case .filterInput: return .filterInput(text)
        default: return nil
        }
    }

    /// A key name that stands for text typed (one printable character).
    static func isText(_ key: String) -> Bool {
        guard key.count == 1, let scalar = key.unicodeScalars.first else { return false }
        return scalar.value >= 0x20 && scalar.value != 0x7F
    }

    /// "j/Down" as shown to the operator.
    public static func display(_ b: KeyBinding) -> String { b.keys.joined(separator: "/") }

    /// A binding as the footer names it: a group of keys as one entry.
    public static func footerDisplay(_ b: KeyBinding) -> (keys: String, label: Label) {
        (b.footerKeys ?? display(b), b.footerLabelKey.map { ConsoleLabels.of("key", $0) } ?? b.label)
    }
}
