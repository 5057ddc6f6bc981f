import ArgumentParser
import Foundation
import PostdeskMail

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail", abstract: "Work with single messages.", subcommands: [Parse.self])

    struct Parse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Parse one RFC 5322 message and print what Postdesk reads from it.")

        @Argument(help: "The message file, or - for standard input.")
        var file: String

        @Flag(help: "Print the JSON object of ARCHITECTURE §4 (the default and only format).")
        var json = false

        func run() async throws {
            let raw = try readInput(file)
            do {
                let parsed = try MailParser().parse(raw)
                FileHandle.standardOutput.write(parsed.jsonData())
                print()
            } catch {
                printError("postdesk: \(file): \(error)")
                throw ExitCode(65)  // EX_DATAERR
            }
        }
    }
}

/// The bytes of `file`, or of standard input for `-`.
func readInput(_ file: String) throws -> [UInt8] {
    if file == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    guard let data = FileManager.default.contents(atPath: file) else {
        printError("postdesk: cannot read \(file)")
        throw ExitCode(66)  // EX_NOINPUT
    }
    return [UInt8](data)
}
