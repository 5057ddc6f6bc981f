import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore

/// `postdesk rules <sub>`: the rules file (ARCHITECTURE §4, `deploy/rules.example.yaml`).
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Routing, notification and SLA rules as YAML.",
        subcommands: [Check.self, Import.self, Export.self, Explain.self])

    /// `postdesk rules import FILE`: checks the file like `check`, then makes it the rule set in force, as a whole.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the rules and SLA policies in force with a rules file (checked first).",
            discussion: "Exits 1, importing nothing, when `rules check` would report an error.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The rules file, or - for standard input.") var file: String

        func run() async throws {
            guard let text = readRulesFile(file) else { throw ExitCode(2) }
            let config = try options.load()
            let names = try MailTemplateNames.list(in: config.templatesDir)
            let store = try options.existingDatabase(.readWrite)
            do {
                let version = try await RulesFile.importText(text, templates: names, into: store, at: Date())
                print("imported \(file == "-" ? "<stdin>" : file) as rule set version \(version)")
            } catch let error as RuleDocumentYAMLError {
                for diagnostic in error.diagnostics { printError("\(file):\(diagnostic)") }
                printError("postdesk: nothing imported")
                throw ExitCode(1)
            }
        }
    }

    /// `postdesk rules export`: the rules in force as YAML (the shipped defaults when nothing was imported).
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the rules and SLA policies in force as YAML; import reads it back unchanged.")
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            let current = try await RulesFile.current(in: store)
            print(try RuleDocumentYAML.export(current.document), terminator: "")
        }
    }

    /// `postdesk rules explain N`: why each rule did or did not act on ticket N, and what each action did.
    struct Explain: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "For every event on ticket N: each rule in order, matched or not, why, and what it did.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The ticket number.") var number: Int64

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            guard let lines = try await RulesFile.explain(TicketNumber(number), in: store) else {
                printError("postdesk: no ticket #\(number)")
                throw ExitCode(1)
            }
            lines.forEach { print($0) }
        }
    }

    /// `postdesk rules check FILE [--templates DIR]`: validates without importing, like a compiler.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rules file without importing it.",
            discussion: """
                Prints FILE:LINE:COL: error: … and warning: … lines on standard error and a summary on standard \
                output. Exits 0 when the file has at most warnings, 1 when it has an error (rules import would \
                refuse it), 2 when the file or the templates cannot be read.
                """)

        @OptionGroup var options: ConfigOptions
        @Argument(help: "The rules file, or - for standard input.") var file: String
        @Option(help: "Mail templates directory that notify and reply may name (default: templates_dir of the config).")
        var templates: String?

        func run() async throws {
            guard let text = readRulesFile(file) else { throw ExitCode(2) }
            let templateNames = try templateNames()
            let checked = RuleDocumentYAML.check(text, templates: templateNames)
            let label = file == "-" ? "<stdin>" : file
            for diagnostic in checked.diagnostics { printError("\(label):\(diagnostic)") }
            let errors = checked.diagnostics.count { $0.severity == .error }
            let warnings = checked.diagnostics.count - errors
            if let document = checked.document, errors == 0 {
                print(
                    "\(label): \(document.rules.rules.count) rules, \(document.calendars.count) calendars, "
                        + "\(document.sla.count) sla policies; \(warnings) warnings")
            } else {
                print("\(label): \(errors) errors, \(warnings) warnings")
                throw ExitCode(1)
            }
        }

        /// The templates rules may name: `--templates`, else the configured directory.
        private func templateNames() throws -> Set<String> {
            let directory: String
            if let templates {
                directory = templates
            } else {
                do {
                    directory = try options.load().templatesDir
                } catch {
                    printError("postdesk: cannot read the configuration for templates_dir: \(error)")
                    throw ExitCode(2)
                }
            }
            do {
                return try MailTemplateNames.list(in: directory)
            } catch {
                printError("postdesk: cannot read templates directory \(directory): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
    }
}

/// The text of a rules file (or standard input for `-`), at most ``RuleDocumentYAML/maxBytes`` of UTF-8; nil, with
/// the reason on standard error, when it cannot be read.
private func readRulesFile(_ file: String) -> String? {
    let handle: FileHandle?
    if file == "-" {
        handle = FileHandle.standardInput
    } else {
        handle = FileHandle(forReadingAtPath: file)
    }
    guard let handle else {
        printError("postdesk: cannot read \(file)")
        return nil
    }
    defer { if file != "-" { try? handle.close() } }
    let data: Data
    do {
        data = try handle.read(upToCount: RuleDocumentYAML.maxBytes + 1) ?? Data()
    } catch {
        printError("postdesk: cannot read \(file): \(error.localizedDescription)")
        return nil
    }
    guard data.count <= RuleDocumentYAML.maxBytes else {
        printError(
            "postdesk: \(file) is larger than \(RuleDocumentYAML.maxBytes) bytes; a rules file is a few kilobytes")
        return nil
    }
    guard let text = String(data: data, encoding: .utf8) else {
        printError("postdesk: \(file) is not UTF-8 text")
        return nil
    }
    return text
}
