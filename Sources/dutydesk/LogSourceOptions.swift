import ArgumentParser

/// `--db URL [--town NAME]` of the commands that read feeds or, instead,
/// the shared database's log (`stats`, `alerts`, `report`). Unlike
/// `DatabaseOptions`, `$DUTYDESK_DB` is not read: these commands read files
/// unless told otherwise. The URL stays a plain string, never quoted back.
struct LogSourceOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "Read the shared database's record log instead of files (postgres://USER:PASSWORD@HOST:PORT/DATABASE).", valueName: "url"))
    var db: String?

    @Option(help: "With --db: only the records about this town (one of the 12 towns, e.g. 溪口镇).")
    var town: String?
}
