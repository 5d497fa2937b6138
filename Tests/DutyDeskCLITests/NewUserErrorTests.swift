import DutyTestSupport
import Foundation
import Testing

/// Issue 12, point 8: errors a new user understands — a wrong word lists the
/// subcommands, an empty folder is not "clean", a one-shot command promises
/// no retry, and `--help` shows defaults as one would type them.
@Suite(.serialized) struct NewUserErrorTests {
    static let subcommands = ["demo", "watch", "replay", "check", "stats", "generate", "record"]

    @Test(arguments: [["frob"], ["--frob"], ["--speed", "60", "frob"]])
    func aWrongFirstWordListsTheSubcommands(_ arguments: [String]) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 64, "\(r.stderr)")
        let word = arguments.last!
        #expect(r.stderr.contains("'\(word)'"), "\(r.stderr)")
        for name in Self.subcommands {
            #expect(r.stderr.contains("\n  \(name) "), "\(name) missing from:\n\(r.stderr)")
        }
        // Not the demo's own usage, which names none of the other subcommands.
        #expect(!r.stderr.contains("dutydesk demo [--speed"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func anUnknownSubcommandIsCalledOne() throws {
        let r = try CLIRunner.run(["frob"])
        #expect(r.stderr.hasPrefix("Error: unknown subcommand 'frob'\n"), "\(r.stderr)")
    }

    @Test func helpOnAnUnknownSubcommandIsAnErrorWithTheList() throws {
        let r = try CLIRunner.run(["help", "frob"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("Error: unknown subcommand 'frob'\n"), "\(r.stderr)")
        #expect(r.stderr.contains("SUBCOMMANDS:") && r.stderr.contains("watch"))
        // A known one still gets its help, and succeeds.
        let ok = try CLIRunner.run(["help", "check"])
        #expect(ok.status == 0 && ok.stdout.contains("USAGE: dutydesk check"), "\(ok.stdout)")
    }

    @Test func aBadValueOfTheDemoKeepsItsOwnMessage() throws {
        let r = try CLIRunner.run(["--speed", "7"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--speed must be 1, 10, 60 or 600"), "\(r.stderr)")
    }

    @Test func aWrongOptionOfASubcommandKeepsThatSubcommandsUsage() throws {
        let r = try CLIRunner.run(["check", "--frob", "x.jsonl"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Unknown option '--frob'"), "\(r.stderr)")
        #expect(r.stderr.contains("dutydesk check"), "\(r.stderr)")
    }

    @Test func checkOnAFolderWithNoFeedSaysSoAndExitsTwo() throws {
        let dir = TempFolder.make()
        defer { TempFolder.remove(dir) }
        try "not a feed\n".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["check", dir.path])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("dutydesk: \(dir.path): no feed file (*.jsonl) in this folder: nothing to check"), "\(r.stderr)")
    }

    @Test func oneShotStatsOnAMissingPathPromisesNoRetry() throws {
        let r = try CLIRunner.run(["stats", "/nonexistent/feeds"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("dutydesk: /nonexistent/feeds: No such file or directory\n"), "\(r.stderr)")
        #expect(!r.stderr.contains("retry"), "\(r.stderr)")
    }

    @Test func generateHelpShowsItsDefaultStartAsTyped() throws {
        let r = try CLIRunner.run(["generate", "--help"])
        #expect(r.status == 0)
        // The help wraps at its width: the value may start a line of its own.
        #expect(r.stdout.contains("2026-11-28T00:00:00+08:00)"), "\(r.stdout)")
        #expect(!r.stdout.contains("TimeArgument"), "\(r.stdout)")
    }
}
