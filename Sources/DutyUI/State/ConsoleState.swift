import DutyCore

/// Everything the console shows besides the store: focus, selection, scroll,
/// filters, mode, theme and language. Changed only by `apply(_:)`, so every
/// key's effect is testable without a terminal; what the session must do
/// besides is `apply`'s returned `ConsoleEffect`, never a field here.
public struct ConsoleState: Sendable {
    public var focus: Pane = .events
    public var mode: ConsoleMode = .main
    /// Selected row per pane (row index within the filtered list).
    public var selection: [Int] = [0, 0, 0, 0, 0]
    /// First visible row per pane.
    public var scroll: [Int] = [0, 0, 0, 0, 0]
    /// The item selected per pane, so the selection follows it when rows
    /// arrive above it (nil: none chosen yet, the selection stays by row).
    public var anchors: [Int32?] = [nil, nil, nil, nil, nil]
    /// Applied filter per pane.
    public var filters: [PaneFilter?] = [nil, nil, nil, nil, nil]
    /// The filter being typed.
    public var filterDraft = ""
    /// Scroll position of the detail and help views.
    public var overlayScroll = 0
    public var language: Language = .zh
    /// The town this console is limited to (`watch --db --town`, or a
    /// town's role): named in the header, so a town's officer and anyone
    /// looking over a shoulder know the panes are not the district's.
    public var town: String?
    public var themeIndex = 0
    /// A one-line message for the operator (what happened, or why not).
    public var status: String?
    /// The list being chosen from, in `.choosing`.
    public var chooser: ActionChooser?
    /// The action awaiting y/n, in `.confirming`.
    public var pendingConfirmation: ActionRequest?
    /// True while replaying a recording (replay keys apply).
    public var replaying = false
    /// A document to read in `.document` mode: its title and lines.
    public var document: (title: String, lines: [String])?
    /// The line being asked for, in `.textInput`.
    public var textPrompt: TextPrompt?
    /// Between a paste's marks (`PasteBegin` … `PasteEnd`): keys are text.
    public var pasting = false
    /// The document being drafted, in `.composing`.
    public var noticeForm: NoticeForm?
    /// The dialog's draft while its issue is carried out: back in the
    /// dialog if the journal does not take it (`noticeNotIssued`).
    public var issuingNotice: NoticeForm?
    /// The alerts pane shows its documents tab (kept while focus is elsewhere).
    public var showsDocuments = false

    /// In `.list`: the selected row. In `.list` and `.detail`: the item the
    /// action keys act on (the list's selected row, the incident's selected
    /// linked item).
    public var listSelection = 0
    public var listTarget: ItemRef?
    /// Where an action started from a list or an incident returns when done.
    public var actionReturn: ConsoleMode?
    /// The list a detail was opened from: where `back` returns.
    public var listReturn: ItemList?
    /// The incident views entered before the one shown (oldest first), each
    /// with its selected linked row and scroll: `Esc` goes back one.
    public var detailStack: [DetailTarget] = []
    /// The linked row selected in the incident view shown.
    public var detailLink = 0
    /// The situation board's sort and selected town (kept while it is closed).
    public var board = BoardState()

    public init() {}

    /// The pane whose action keys apply: the focused one, or in a list the
    /// pane of the selected row's item.
    public var actionPane: Pane {
        switch mode {
        case .list, .detail: listTarget.map { PaneRows.pane(of: $0.kind) } ?? focus
        default: focus
        }
    }

    public func filter(_ pane: Pane) -> PaneFilter? { filters[pane.rawValue] }
}
