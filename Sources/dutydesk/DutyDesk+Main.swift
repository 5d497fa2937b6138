import ArgumentParser
import DutyCore
#if canImport(Glibc)
import Glibc
#endif

extension DutyDesk {
    /// ArgumentParser's own `main` (parse, run, report the error and exit
    /// with its code), except that its messages go through `Sanitize.lines`:
    /// they quote arguments, and an argument can be a file name a shell
    /// glob expanded (`dutydesk check feeds/*` in a shared folder holding
    /// `--x<ESC>]0;PWNED<BEL>` prints "Unknown option '--x…'").
    /// A wrong first word gets the list of subcommands (`topLevelUsageError`).
    /// Crash reports are set up before anything else (see `CrashReports`).
    static func main() {
        CrashReports.configure()
        Platform.raiseOpenFileLimit()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `dutydesk help frob`: ArgumentParser would print the top help and
        // succeed; a mistyped name is an error with the list, as `dutydesk frob` is.
        if arguments.count >= 2, arguments[0] == "help", !subcommandNames.contains(arguments[1]) {
            Platform.write(Sanitize.lines("Error: unknown subcommand '\(arguments[1])'\n\n" + subcommandList) + "\n", to: 2)
            Glibc.exit(ExitCode.validationFailure.rawValue)
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let text = topLevelUsageError(arguments, error) ?? fullMessage(for: error)
            if !text.isEmpty {
                Output.flush()
                Platform.write(Sanitize.lines(text) + "\n", to: code == .success ? 1 : 2)
            }
            Glibc.exit(code.rawValue)
        }
    }
}
