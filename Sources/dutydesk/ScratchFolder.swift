import DutyCore
import Foundation

/// The temporary folder of a demo or a replay: its generated day and its
/// scratch journal (and a handover written during it). Made with `mkdtemp`
/// (mode 0700, a fresh name, so nobody else can have planted anything in
/// it) under `$TMPDIR` or `/tmp`, and removed when the console exits, unless
/// the operator asked to keep it (`--keep-scratch`), in which case its path
/// is said on stderr once the terminal is restored. A crash leaves it behind
/// (a signal handler cannot walk a folder safely); its name says what it is.
final class ScratchFolder {
    let path: String
    let keep: Bool
    private var finished = false

    private init(path: String, keep: Bool) {
        self.path = path
        self.keep = keep
    }

    /// A new folder, or an error naming where it could not be made.
    static func create(keep: Bool) throws -> ScratchFolder {
        var base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        if base.isEmpty { base = "/tmp" }
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        var template = Array("\(base)/dutydesk-demo-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ScratchError(message: "cannot make a scratch folder in \(base): \(Platform.errnoText)")
        }
        return ScratchFolder(path: String(cString: made), keep: keep)
    }

    /// Removes the folder, or says where it was kept. Once; call after the
    /// terminal is restored, so the message is readable.
    func finish() {
        guard !finished else { return }
        finished = true
        if keep {
            Output.error("scratch folder kept: \(path)")
            return
        }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            Output.error("could not remove the scratch folder \(path): \(error.localizedDescription)")
        }
    }

    struct ScratchError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

#if canImport(Glibc)
import Glibc
#endif
