import ArgumentParser

extension DutyDesk {
    /// The message for a wrong word at the top level, or nil to leave the
    /// error to ArgumentParser. `demo` is the default subcommand, so
    /// `dutydesk frob` or `dutydesk --frob` would be reported as a bad
    /// argument of the demo, with the demo's usage: a new user who mistyped
    /// `watch` learns nothing from that. Here they get the word and the list
    /// of subcommands instead. A wrong word after a subcommand's name keeps
    /// that subcommand's own usage, which is the helpful one there.
    static func topLevelUsageError(_ arguments: [String], _ error: Error) -> String? {
        guard let first = arguments.first, !subcommandNames.contains(first),
              exitCode(for: error) == .validationFailure else { return nil }
        let headline: String
        if !first.hasPrefix("-") {
            // The demo takes no positional argument: a bare first word can only be a subcommand.
            headline = "unknown subcommand '\(first)'"
        } else {
            // Only an unknown option or a stray word: a bad value (`--speed 7`)
            // keeps its own message, which says what the value must be.
            let message = self.message(for: error)
            guard message.hasPrefix("Unknown option") || message.hasPrefix("Unexpected argument") else { return nil }
            headline = message.prefix(1).lowercased() + message.dropFirst()
        }
        return "Error: \(headline)\n\n" + subcommandList
    }

    /// The names a first argument may be (ArgumentParser's `help` included).
    static var subcommandNames: Set<String> {
        Set(configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"])
    }

    /// Usage and one line per subcommand, from the same configuration `--help` uses.
    static var subcommandList: String {
        let commands = configuration.subcommands.map { ($0.configuration.commandName ?? "", $0.configuration.abstract) }
        let width = commands.map(\.0.count).max() ?? 0
        var lines = ["USAGE: dutydesk <subcommand> [options]   (no subcommand: demo)", "", "SUBCOMMANDS:"]
        for (name, abstract) in commands {
            lines.append("  " + name + String(repeating: " ", count: width - name.count + 2) + abstract)
        }
        lines += ["", "See 'dutydesk <subcommand> --help' for its options."]
        return lines.joined(separator: "\n")
    }
}
