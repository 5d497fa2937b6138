import Foundation
import Testing

/// The real `dutydesk` in a tmux pane of its own, with what a test needs to
/// see from outside: its pid (the shell `exec`s it, so the pid it wrote is
/// the console's), its stderr, its exit status, and the terminal's modes
/// (`stty -a`) just after it ended.
struct ConsoleRun {
    let dir: URL
    let tmux = TmuxConsoleTests.Tmux()
    private var pidFile: String { dir.appendingPathComponent("pid").path }
    private var exitFile: String { dir.appendingPathComponent("exit").path }
    private var sttyFile: String { dir.appendingPathComponent("stty").path }
    private var errFile: String { dir.appendingPathComponent("stderr").path }

    /// Starts `dutydesk ARGS` (words joined by spaces: no quoting needed in
    /// them) with `environment` (e.g. `TMPDIR=…`), in a WIDTH×HEIGHT pane.
    init(_ args: String, environment: String = "", in dir: URL, width: Int = 120, height: Int = 40) throws {
        self.dir = dir
        let command = "\(environment) TERM=xterm-256color sh -c 'echo $$ > \(pidFile); exec \(CLIRunner.executable.path) \(args)' 2> '\(errFile)'; "
            + "echo EXIT=$? > '\(exitFile).tmp'; stty -a > '\(sttyFile)'; mv '\(exitFile).tmp' '\(exitFile)'; sleep 30"
        try tmux.run(["new-session", "-d", "-s", tmux.session, "-x", "\(width)", "-y", "\(height)", command])
    }

    var pid: Int32? {
        Int32((try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
    }

    /// `EXIT=N` once the console has ended (a hang detector of `seconds`,
    /// not a timing), else a line saying it did not.
    func exitStatus(within seconds: Double = 20) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while !FileManager.default.fileExists(atPath: exitFile) && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return ((try? String(contentsOfFile: exitFile, encoding: .utf8)) ?? "no exit within \(Int(seconds)) s")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var stderr: String { (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? "" }

    /// A fresh `tmp` folder in `dir`, to be a console's TMPDIR: its scratch
    /// folder then lands there, where the test alone looks, never in the
    /// shared temporary directory other runs (and other tests) use.
    static func ownTmp(in dir: URL) throws -> URL {
        let tmp = dir.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return tmp
    }
    var terminalModes: String { (try? String(contentsOfFile: sttyFile, encoding: .utf8)) ?? "" }
}
