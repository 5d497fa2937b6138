import DutyCore

/// What the session must carry out after a command, returned by
/// `ConsoleReducer.apply` (as an Elm update returns a command): the reducer
/// decides, the session — which owns the journal, the clock and the
/// terminal — performs. The state stays a plain value with no outbox.
public enum ConsoleEffect: Equatable, Sendable {
    /// An operator action, journaled by the session.
    case perform(ActionRequest)
    /// A replay control, applied to the session's clock.
    case replay(ReplayControl)
    /// After a failed journal write: try writing again.
    case retryJournal
    /// Restore the terminal and exit.
    case quit
}
