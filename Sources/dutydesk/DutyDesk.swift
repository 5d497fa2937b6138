import ArgumentParser

@main
struct DutyDesk: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dutydesk")
    func run() throws {}
}
