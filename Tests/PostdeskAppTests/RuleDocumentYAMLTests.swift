import Foundation
import PostdeskApp
import PostdeskRules
import Testing

/// The repository's root, for `deploy/` and `MailTemplates/`.
private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// `rules check` / `rules import` read a rules file and point at the bad line (issue 9, point 6).
@Suite struct RuleDocumentYAMLTests {
    /// One finding as `LINE:COL: severity` (or `LINE: severity`), the part a test pins down.
    func places(_ text: String, templates: Set<String>? = nil) -> [String] {
        RuleDocumentYAML.check(text, templates: templates).diagnostics.map { diagnostic in
            "\(diagnostic.line):" + (diagnostic.column.map { "\($0):" } ?? "") + " \(diagnostic.severity.rawValue)"
        }
    }

    static let good = """
        rules:
          - name: Billing
            on: [ticket.created]
            if:
              any:
                - subject: {contains_any: [invoice, счёт]}
            then:
              - set_team: billing

        """

    @Test(
        "each kind of mistake is reported at its line and column",
        arguments: [
            // YAML syntax: an unclosed flow list
            ("rules:\n  - name: A\n    on: [ticket.created\n    then: []\n", "4:9: error", "not valid YAML"),
            // the same key twice in one mapping
            ("rules:\n  - name: A\n    name: B\n    on: [ticket.created]\n", "2:5: error", "\"name\""),
            // an unknown event word, at the word
            (
                "rules:\n  - name: A\n    on: [ticket.created, ticket.opened]\n", "3:26: error",
                "unknown event \"ticket.opened\""
            ),
            // an unknown action word, at the action
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    then:\n      - set_tema: billing\n", "5:9: error",
                "unknown action \"set_tema\""
            ),
            // an unknown test word, at the key
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    if:\n      subject: {contain: [x]}\n",
                "5:17: error", "unknown test \"contain\""
            ),
            // a misspelt rule key, at the key
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    iff: {has_tag: x}\n", "4:5: error",
                "unknown key \"iff\""
            ),
            // a missing key, at the rule that lacks it
            ("rules:\n  - name: A\n    then: []\n", "2:5: error", "missing key \"on\""),
            // a wrong shape: a word where a list belongs
            ("rules:\n  - name: A\n    on: ticket.created\n", "3:5: error", "expected a list"),
            // a bad regex, at the matches: of the test
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    if:\n      any:\n        - text: {has_tag: x}\n",
                "6:18: error", "unknown test"
            ),
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    if:\n      all:\n        - has_tag: x\n        - subject: {matches: \"(a\"}\n",
                "7:21: error", "matches: \"(a\""
            ),
            // an unknown calendar, at calendar:
            (
                "calendars:\n  - name: office\n    time_zone: UTC\nsla:\n  - name: std\n    calendar: ofice\n    targets: {resolution: 8h}\n",
                "6:5: error", "no calendar named \"ofice\""
            ),
            // a bad calendar value, at the interval
            (
                "calendars:\n  - name: office\n    time_zone: UTC\n    week:\n      monday: [\"09:00-25:00\"]\n",
                "5:16: error", "HH:MM"
            ),
            // a bad duration, at the target
            ("sla:\n  - name: std\n    targets:\n      resolution: 2d\n", "4:7: error", "4h, 1h30m"),
            // an empty name and a duplicate rule, at their names
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n  - name: A\n    on: [ticket.created]\n", "4:5: error",
                "already used by rule 1"
            ),
        ])
    func placesMistakes(text: String, place: String, message: String) {
        // When the file is checked
        let checked = RuleDocumentYAML.check(text)
        // Then the first finding is at the expected line and column and says what is wrong
        let first = checked.diagnostics.first
        #expect(places(text).first == place, "\(checked.diagnostics)")
        #expect(first?.message.contains(message) == true, "\(String(describing: first))")
        #expect(checked.hasErrors)
    }

    @Test("an unknown template is an error at the template's name; without a template list it is not checked")
    func unknownTemplate() {
        let text = """
            rules:
              - name: A
                on: [ticket.created]
                then:
                  - set_team: billing
                  - notify: {to: assignee, template: ticket_asigned}

            """
        #expect(places(text, templates: ["operator_assigned"]) == ["6:32: error"])
        #expect(places(text).isEmpty)
    }

    @Test("warnings do not stop load; errors do, with every finding")
    func loadRefusesErrorsOnly() throws {
        // Given a file whose only problem is a warning (an empty word list)
        let warning = "rules:\n  - name: A\n    on: [ticket.created]\n    if: {subject: {contains_any: []}}\n"
        // Then it loads, and check still shows the warning
        #expect(try RuleDocumentYAML.load(warning).rules.rules.count == 1)
        #expect(places(warning) == ["4:20: warning"])
        // And a file with an error throws every diagnostic
        #expect {
            try RuleDocumentYAML.load("rules:\n  - name: A\n    on: []\n")
        } throws: { error in
            (error as? RuleDocumentYAMLError)?.diagnostics.map(\.description) == [
                "3:5: error: rule \"A\": the rule listens to no event (on: is empty), so it never runs"
            ]
        }
    }

    @Test("an empty file is an empty document")
    func emptyFile() throws {
        #expect(try RuleDocumentYAML.load("") == RuleDocument(rules: RuleSet(rules: [])))
        #expect(try RuleDocumentYAML.load("# nothing yet\n") == RuleDocument(rules: RuleSet(rules: [])))
    }

    @Test("hostile files are refused quickly: an alias bomb, deep nesting, a huge file")
    func hostile() {
        // An alias bomb: nine levels of ten references each
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            bomb +=
                "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        #expect(RuleDocumentYAML.check(bomb).diagnostics.first?.message.contains("expands to more than") == true)
        let deep = "rules: " + String(repeating: "[", count: 100_000)
        #expect(places(deep) == ["1:72: error"])
        let huge = "rules: []\n" + String(repeating: "#", count: RuleDocumentYAML.maxBytes)
        #expect(RuleDocumentYAML.check(huge).diagnostics.first?.message.contains("larger than") == true)
    }

    @Test("deploy/rules.example.yaml loads with no error and no warning against the shipped templates")
    func exampleFileIsClean() throws {
        let text = try String(
            contentsOf: repository.appendingPathComponent("deploy/rules.example.yaml"), encoding: .utf8)
        let templates = try MailTemplateNames.list(in: repository.appendingPathComponent("MailTemplates").path)
        #expect(templates.contains("operator_assigned"))
        let checked = RuleDocumentYAML.check(text, templates: templates)
        #expect(checked.diagnostics.isEmpty, "\(checked.diagnostics)")
        let document = try #require(checked.document)
        // And its first rule is ARCHITECTURE §4's example
        let billing = try #require(document.rules.rules.first)
        #expect(billing.actions.contains(.assign(.roundRobin)) && billing.stop)
        #expect(document.calendars.count == 2 && document.sla.count == 3)
    }
}

/// `rules export`: readable YAML that reads back to the same document.
@Suite struct RuleDocumentExportTests {
    @Test("the example file and the shipped defaults round-trip, and exporting again gives the same text")
    func roundTrips() throws {
        let example = try RuleDocumentYAML.load(
            try String(contentsOf: repository.appendingPathComponent("deploy/rules.example.yaml"), encoding: .utf8))
        for document in [example, RuleDocument(rules: .shippedDefaults)] {
            // When a document is exported and read back
            let text = try RuleDocumentYAML.export(document)
            let again = try RuleDocumentYAML.load(text)
            // Then it is the same document, and its export the same text
            #expect(again == document, "\(text)")
            #expect(try RuleDocumentYAML.export(again) == text)
        }
    }

    @Test("export writes keys in the reading order, short lists in flow style, and Cyrillic as it is")
    func readable() throws {
        let rule = Rule(
            name: "Счета — в бухгалтерию", on: [.ticketCreated],
            if: .any([.field(.subject, .containsAny(["invoice", "счёт", "оплата"]))]),
            then: [.setTeam("billing"), .assign(.roundRobin), .notify(.assignee, template: "operator_assigned")],
            stop: true)
        let text = try RuleDocumentYAML.export(RuleDocument(rules: RuleSet(rules: [rule])))
        #expect(
            text == """
                rules:
                - name: Счета — в бухгалтерию
                  on: [ticket.created]
                  if:
                    any:
                    - subject: {contains_any: [invoice, счёт, оплата]}
                  then:
                  - set_team: billing
                  - assign: {strategy: round_robin}
                  - notify: {to: assignee, template: operator_assigned}
                  stop: true

                """)
    }

    @Test(
        "texts that look like other YAML values stay texts",
        arguments: [
            "true", "80", "null", "~", "a: b", "- x", "#hash", "  padded ", "line\nbreak", "'quoted'", "", "2026-12-25",
            "*star", "&amp", "{x}", "[y]", "yes",
        ])
    func trickyTexts(text: String) throws {
        let rule = Rule(
            name: text.isEmpty ? "empty" : text, on: [.ticketCreated, .schedule(text)],
            if: .field(.subject, .isIn([text])), then: [.addNote(text: text), .addTags([text])])
        let document = RuleDocument(rules: RuleSet(rules: [rule]))
        let exported = try RuleDocumentYAML.export(document)
        #expect(RuleDocumentYAML.check(exported).document == document, "\(exported)")
    }

    @Test("calendars and SLA policies round-trip with weekdays Monday first")
    func calendarsAndPolicies() throws {
        let interval = try BusinessCalendarInterval(parsing: "09:00-17:00")
        let calendar = try BusinessCalendar(
            timeZone: "Europe/Berlin", week: [.sunday: [interval], .monday: [interval], .wednesday: [interval]],
            holidays: [try BusinessCalendarDate(parsing: "2026-12-25")])
        let document = RuleDocument(
            rules: RuleSet(rules: []), calendars: [NamedBusinessCalendar(name: "office", calendar: calendar)],
            sla: [
                SLAPolicyEntry(
                    policy: try SLAPolicy(
                        name: "urgent", targets: [.resolution: .hours(8), .firstResponse: .hours(1, minutes: 30)],
                        warnAtPercent: 75),
                    if: .field(.priority, .equals("urgent")), calendar: "office"),
                SLAPolicyEntry(
                    policy: try SLAPolicy(name: "std", targets: [.nextResponse: .hours(4)], warnAtPercent: nil)),
            ])
        let text = try RuleDocumentYAML.export(document)
        #expect(try RuleDocumentYAML.load(text) == document, "\(text)")
        let monday = try #require(text.range(of: "monday"))
        let sunday = try #require(text.range(of: "sunday"))
        #expect(monday.lowerBound < sunday.lowerBound)
        #expect(text.contains("targets: {first_response: 1h30m, resolution: 8h}"), "\(text)")
    }
}

/// What `rules check` says is in the file's words, not Swift's.
@Suite struct RuleDiagnosticWordingTests {
    @Test(
        "unknown words are named with the words that are known",
        arguments: [
            (
                "sla:\n  - name: A\n    targets: {firstresponse: 1h}\n",
                "3:15: error: unknown target \"firstresponse\"; known: first_response, next_response, resolution"
            ),
            (
                "calendars:\n  - name: c\n    time_zone: UTC\n    week: {mondey: [\"09:00-10:00\"]}\n",
                "4:12: error: unknown weekday \"mondey\"; known: monday, tuesday, wednesday, thursday, friday, saturday, sunday"
            ),
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    then:\n      - set_priority: hihg\n",
                "5:9: error: unknown priority \"hihg\"; known: low, normal, high, urgent"
            ),
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    then:\n      - set_status: done\n",
                "5:9: error: unknown status \"done\"; known: new, open, pending, solved, closed"
            ),
            (
                "rules:\n  - name: A\n    on: [ticket.created]\n    then:\n      - notify: assignee\n",
                "5:9: error: expected a mapping (key: value) here"
            ),
            ("rules: {name: x}\n", "1:1: error: expected a list here"),
        ])
    func wording(text: String, expected: String) {
        #expect(RuleDocumentYAML.check(text).diagnostics.map(\.description) == [expected])
    }
}
