#if canImport(Glibc)
import Glibc
#endif

/// How a crash is reported. Swift's backtracer, left to its defaults, asks on
/// the terminal ("Press space to interact…") for 30 s whenever stdin and
/// stdout are terminals, and then writes its report to stdout: a crashed
/// console would sit frozen, then print over the screen. A console must give
/// the terminal back at once (see `SignalRouter`) and report on stderr, below
/// the restored screen.
///
/// The runtime reads `SWIFT_BACKTRACE` once, as the process starts, so the
/// setting is made by re-executing the program once with it in the
/// environment: the same pid, the same arguments, a few milliseconds. Only
/// when both stdin and stdout are terminals (otherwise the backtracer is not
/// interactive and already writes to stderr), and never when the user set
/// `SWIFT_BACKTRACE`.
enum CrashReports {
    static let setting = "interactive=no,output-to=stderr"

    static func configure() {
        guard getenv("SWIFT_BACKTRACE") == nil else { return }
        guard setenv("SWIFT_BACKTRACE", setting, 1) == 0 else { return }
        guard isatty(0) != 0, isatty(1) != 0 else { return }
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        // exec failed (no /proc): carry on with the runtime's defaults.
    }
}
