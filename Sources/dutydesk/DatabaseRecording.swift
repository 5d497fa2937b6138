import ArgumentParser
import DutyCore
import DutyDB
import Foundation

/// `dutydesk record --db URL --from T --to T --out FILE`: the records of a
/// period (by ts, both ends included, as `record` cuts files) and the
/// duplicates and conflicts met among them, in the log's seq order, as a
/// recording `dutydesk replay` plays. The file is made new (`O_EXCL`, never
/// through a symlink, never over a file, as `report --out`); if the log
/// cannot be read to the end, the partial file is removed, not left to be
/// replayed as if whole.
enum DatabaseRecording {
    static func write(_ url: DatabaseURL, from: TimeArgument?, to: TimeArgument?, out: String) throws {
        let fd: Int32
        switch Platform.openSafely(out, access: Platform.writeOnly, create: true, mode: 0o644, existing: .refuse) {
        case .success(let opened): fd = opened.fd
        case .failure(let e):
            let reason = e.code == Platform.errnoExists
                ? (Platform.isSymlink(out) ? "it is a symbolic link" : "a file of that name exists (never overwritten; remove it or choose another name)")
                : e.reason
            Output.error("recording not written: cannot write \(Sanitize.path(out)): \(reason)")
            throw ExitCode(2)
        }
        let count: Int
        do {
            count = try DatabaseCommand.blocking {
                try await DatabaseSession.with(url) { session in
                    try await RecordLog.period(from: from?.millis, to: to?.millis, session) { block in
                        guard block.withUnsafeBytes({ Platform.writeAll(fd, $0) }) else {
                            throw WriteFailure(reason: Platform.errnoText)
                        }
                    }
                }
            }
            guard Platform.dataSync(fd) else { throw WriteFailure(reason: Platform.errnoText) }
            Platform.close(fd)
        } catch {
            Platform.close(fd)
            try? FileManager.default.removeItem(atPath: out)
            if let error = error as? WriteFailure { Output.error("cannot write \(Sanitize.path(out)): \(error.reason)") }
            Output.error("nothing written to \(Sanitize.path(out))")
            throw ExitCode(2)
        }
        var summary = "\(count) record(s) written to \(Sanitize.path(out))"
        if let from, let to { summary += " (\(from.text) … \(to.text))" }
        Output.error(summary + " from \(url.redacted)")
    }
}

/// A write to the recording that failed: errno's text.
struct WriteFailure: Error { let reason: String }
