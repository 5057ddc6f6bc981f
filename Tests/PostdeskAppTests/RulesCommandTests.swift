import Foundation
import Testing

/// `postdesk rules check FILE`: a compiler's report on a rules file, and its exit status (0 clean or warnings only,
/// 1 errors, 2 unreadable).
@Suite("postdesk rules check", .serialized)
struct RulesCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-rules-\(UUID().uuidString)")

    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MailTemplates").path

    func check(_ text: String?, extra: [String] = []) throws -> CommandLineTests.Run {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("rules.yaml").path
        if let text { try text.write(toFile: file, atomically: true, encoding: .utf8) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CrashRecoveryTests.binary)
        process.arguments = ["rules", "check", file] + extra
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("POSTDESK_") }
        environment["POSTDESK_TEMPLATES_DIR"] = Self.templates
        environment["POSTDESK_DATA_DIR"] = directory.appendingPathComponent("var").path
        process.environment = environment
        process.currentDirectoryURL = directory
        let (out, err) = (Pipe(), Pipe())
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandLineTests.Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("the example file checks clean: exit 0, a summary, nothing on stderr")
    func exampleIsClean() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = URL(fileURLWithPath: Self.templates).deletingLastPathComponent()
            .appendingPathComponent("deploy/rules.example.yaml")
        let run = try check(try String(contentsOf: example, encoding: .utf8))
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty && run.stdout.contains("rules, 2 calendars, 3 sla policies; 0 warnings"), "\(run)")
    }

    @Test("warnings alone exit 0; an error exits 1; every finding is printed FILE:LINE:COL: severity: message")
    func errorsAndWarnings() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("rules.yaml").path
        // Given a file with only a warning
        let warning = "rules:\n  - name: A\n    on: [ticket.created]\n    if: {subject: {in: []}}\n"
        let warned = try check(warning)
        #expect(warned.status == 0, "\(warned)")
        #expect(warned.stderr.hasPrefix("\(file):4:20: warning: rule \"A\": subject: an empty list"), "\(warned)")

        // When a rule names a template that does not exist and a later one has no events
        let broken = """
            rules:
              - name: A
                on: [ticket.created]
                then:
                  - notify: {to: assignee, template: nope}
              - name: B
                on: []

            """
        let failed = try check(broken)
        // Then both errors are printed with their places, and the exit status is 1
        #expect(failed.status == 1, "\(failed)")
        let lines = failed.stderr.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "\(file):5:32: error: rule \"A\": no template named \"nope\"",
                "\(file):7:5: error: rule \"B\": the rule listens to no event (on: is empty), so it never runs",
            ], "\(failed)")
        #expect(failed.stdout.contains("2 errors, 0 warnings"))

        // And --templates overrides the configured directory
        let elsewhere = directory.appendingPathComponent("templates/nope")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try "x".write(to: elsewhere.appendingPathComponent("en.text.mustache"), atomically: true, encoding: .utf8)
        let withTemplates = try check(
            broken, extra: ["--templates", directory.appendingPathComponent("templates").path])
        #expect(withTemplates.stderr.split(separator: "\n").count == 1, "\(withTemplates)")
    }

    @Test("bad YAML is an error at its line: exit 1")
    func badYAML() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try check("rules:\n  - name: A\n    on: [ticket.created\n")
        #expect(run.status == 1 && run.stderr.contains("rules.yaml:4:"), "\(run)")
    }

    @Test("a file that cannot be read exits 2", arguments: ["missing", "not utf-8"])
    func unreadable(kind: String) throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        if kind == "missing" {
            let run = try check(nil)
            #expect(run.status == 2 && run.stderr.contains("cannot read"), "\(run)")
        } else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data([0x72, 0x75, 0xFF, 0xFE]).write(to: directory.appendingPathComponent("bytes.yaml"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CrashRecoveryTests.binary)
            process.arguments = ["rules", "check", directory.appendingPathComponent("bytes.yaml").path]
            process.environment = ["POSTDESK_TEMPLATES_DIR": Self.templates]
            process.standardError = Pipe()
            process.standardOutput = Pipe()
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
        }
    }

    @Test("a templates directory that cannot be read exits 2")
    func unreadableTemplates() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try check("rules: []\n", extra: ["--templates", "/nonexistent/templates"])
        #expect(run.status == 2 && run.stderr.contains("templates"), "\(run)")
    }
}
