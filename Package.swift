// swift-tools-version:6.1
import PackageDescription

/// Data flows one way: feed files → DutyCore (parse, tail, store) → DutyUI (cell grid)
/// → DutyTerminal (ncurses) ; the `dutydesk` executable only wires them together.
let package = Package(
    name: "dutydesk",
    products: [
        .executable(name: "dutydesk", targets: ["dutydesk"]),
        .executable(name: "dutydesk-bench", targets: ["dutydesk-bench"]),
        .library(name: "DutyCore", targets: ["DutyCore"]),
        .library(name: "DutyUI", targets: ["DutyUI"]),
        .library(name: "DutyDB", targets: ["DutyDB"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        /// Compiler built-ins the core uses and Swift cannot spell (a prefetch, a 16-byte vector test).
        .target(name: "CDutyPlatform"),
        /// Records, parsing, tailing, store, aggregates: no terminal code.
        .target(
            name: "DutyCore",
            dependencies: [
                "CDutyPlatform",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        /// Lays out and draws into an in-memory grid of cells; testable headlessly.
        .target(
            name: "DutyUI",
            dependencies: ["DutyCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        /// libncursesw, with a shim for what Swift cannot import (macros, C globals).
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        /// The thin backend: copies the cell grid to the screen, turns keys into commands.
        .target(name: "DutyTerminal", dependencies: ["CNcursesw", "DutyUI"]),
        /// The shared state in PostgreSQL (issue 15): schema, migrations, the record log.
        /// Only the executable links it; DutyCore and DutyUI never import it.
        .target(
            name: "DutyDB",
            dependencies: [
                "DutyCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dutydesk",
            dependencies: [
                "DutyCore", "DutyUI", "DutyTerminal", "DutyDB",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "dutydesk-bench", dependencies: ["DutyCore", "DutyUI", "DutyTerminal", "DutyDB"]),
        /// What several test targets share (temporary folders, fixtures, feed
        /// line builders, the seeded generators, the demo feed): no product
        /// depends on it.
        .target(name: "DutyTestSupport", dependencies: ["DutyCore"], path: "Tests/DutyTestSupport"),
        /// Opens pseudo-terminals for the terminal tests; only tests need a pty.
        .target(name: "CPtyHelper", path: "Tests/CPtyHelper", linkerSettings: [.linkedLibrary("util")]),
        .testTarget(name: "DutyCoreTests", dependencies: ["DutyCore", "DutyTestSupport"]),
        /// Against a throw-away PostgreSQL cluster the tests start themselves.
        .testTarget(name: "DutyDBTests", dependencies: ["DutyDB", "DutyCore", "DutyTestSupport"]),
        .testTarget(name: "DutyTerminalTests", dependencies: ["DutyTerminal", "CPtyHelper", "DutyTestSupport"]),
        /// Runs the built `dutydesk` binary end to end (the dependency makes
        /// `swift test` build it first).
        .testTarget(name: "DutyDeskCLITests", dependencies: ["dutydesk", "DutyCore", "DutyUI", "DutyTestSupport"]),
        /// Golden frames under __Frames__ are read through #filePath, not as resources.
        .testTarget(name: "DutyUITests", dependencies: ["DutyUI", "DutyCore", "DutyTestSupport"], exclude: ["__Frames__"]),
    ]
)
