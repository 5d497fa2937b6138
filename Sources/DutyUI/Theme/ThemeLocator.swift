import Foundation

/// Finds and loads themes, in this order:
/// 1. an explicit file (`--theme-file PATH`);
/// 2. `NAME.toml` in `$DUTYDESK_THEMES`;
/// 3. `NAME.toml` in the package's Themes/ folder, found beside the
///    executable (walking up from it, as `swift run` and an install under
///    `share/dutydesk/Themes` both allow) or from this source file's path;
/// 4. the theme compiled into the binary (`BuiltinThemes`).
///
/// A file found but broken is an error, not skipped: the user asked for it
/// and should hear why it failed. Only a theme found nowhere is `notFound`.
public struct ThemeLocator: Sendable {
    /// The `$DUTYDESK_THEMES` directory, when set.
    public var environmentDirectory: String?
    /// The package's Themes/ directory, when one was found.
    public var packageDirectory: String?

    public init(environmentDirectory: String?, packageDirectory: String?) {
        self.environmentDirectory = environmentDirectory
        self.packageDirectory = packageDirectory
    }

    /// The locator for this process: `$DUTYDESK_THEMES` and the package's
    /// Themes/ folder as found from the executable or the source path.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ThemeLocator {
        let env = environment["DUTYDESK_THEMES"].flatMap { $0.isEmpty ? nil : $0 }
        return ThemeLocator(environmentDirectory: env, packageDirectory: findPackageThemes())
    }

    /// The directories searched for `NAME.toml`, in order.
    public var directories: [String] { [environmentDirectory, packageDirectory].compactMap { $0 } }

    /// Loads a theme by explicit file, else by name (see the type's doc).
    public func load(name: String = "default", file: String? = nil) throws(ThemeError) -> Theme {
        if let file { return try Self.load(file: file) }
        guard Self.isPlainName(name) else {
            throw .notFound(name: name, searched: ["theme names are letters, digits, '-' and '_'; use --theme-file for a path"])
        }
        for dir in directories {
            let path = dir + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) { return try Self.load(file: path) }
        }
        if let builtin = BuiltinThemes.named(name) { return builtin }
        throw .notFound(name: name, searched: directories + ["built-in themes (\(BuiltinThemes.all.map(\.name).joined(separator: ", ")))"])
    }

    /// Every theme name available, the built-in ones first in their cycling
    /// order, then others found in the directories, sorted: what `t` cycles.
    public func availableNames() -> [String] {
        var names = BuiltinThemes.all.map(\.name)
        var extra = Set<String>()
        for dir in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for f in files where f.hasSuffix(".toml") {
                let n = String(f.dropLast(5))
                if !names.contains(n) && Self.isPlainName(n) { extra.insert(n) }
            }
        }
        names += extra.sorted()
        return names
    }

    /// Reads and parses one theme file.
    public static func load(file: String) throws(ThemeError) -> Theme {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw .unreadable(file: file, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: file, reason: "not UTF-8 text")
        }
        return try ThemeFile.parse(text, file: file)
    }

    /// True when `NO_COLOR` is set to a non-empty value (no-color.org): the
    /// console then uses the mono theme whatever else was asked.
    public static func noColorRequested(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// The package's Themes/ folder: searched upwards from the executable's
    /// directory (`.build/debug/dutydesk` → the package root; an install's
    /// `bin/` → `share/dutydesk/Themes`), then from this source file.
    public static func findPackageThemes(executable: String? = executablePath(),
                                         sourceFile: String = #filePath) -> String? {
        var starts: [URL] = []
        if let executable { starts.append(URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()) }
        // Sources/DutyUI/Theme/ThemeLocator.swift → Sources/, below the package root.
        starts.append(URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        for start in starts {
            var dir = start
            for _ in 0..<6 {
                for candidate in [dir.appendingPathComponent("Themes"),
                                  dir.appendingPathComponent("share/dutydesk/Themes")]
                where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("default.toml").path) {
                    return candidate.path
                }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// This process's executable, from /proc on Linux.
    public static func executablePath() -> String? {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).path }
    }

    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
