import DutyCore

/// Buffered stdout and unbuffered stderr for the non-interactive commands:
/// `check` may print a line per bad record, so stdout is written in blocks.
enum Output {
    // nonisolated(unsafe): only the non-interactive commands write here, from the main thread alone.
    nonisolated(unsafe) private static var buffer: [UInt8] = []

    /// Everything written goes through `Sanitize.lines`, whatever its
    /// source: a file name or a value quoted in a message can never drive
    /// the terminal (callers sanitise paths too; this is the last guard).
    static func line(_ s: String) {
        buffer.append(contentsOf: Sanitize.lines(s).utf8)
        buffer.append(0x0A)
        if buffer.count > 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        Platform.write(String(decoding: buffer, as: UTF8.self), to: 1)
        buffer.removeAll(keepingCapacity: true)
    }

    /// `dutydesk: message` on stderr, after what stdout has so far.
    static func error(_ s: String) {
        flush()
        Platform.write("dutydesk: " + Sanitize.lines(s) + "\n", to: 2)
    }
}
