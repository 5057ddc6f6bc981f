import Foundation
import PostdeskApp
import PostdeskRules
import Testing

/// `schedules:` in a rules file: the named times `{schedule: NAME}` events fire at (issue 9, point 1).
@Suite struct RuleScheduleYAMLTests {
    func findings(_ text: String) -> [String] {
        RuleDocumentYAML.check(text).diagnostics.map { diagnostic in
            "\(diagnostic.line):" + (diagnostic.column.map { "\($0):" } ?? "") + " \(diagnostic.severity.rawValue): "
                + diagnostic.message
        }
    }

    static let morning = """
        rules:
          - name: Morning reminder
            on: [{schedule: morning}]
            then:
              - notify: {to: team, template: operator_new_ticket}
        schedules:
          - name: morning
            at: "09:00"
            time_zone: Europe/Berlin
            weekdays: [friday, monday]

        """

    @Test("a schedule reads its time, zone and weekdays, and round-trips with weekdays Monday first")
    func roundTrip() throws {
        // Given a file with a schedule
        let document = try RuleDocumentYAML.load(Self.morning)

        // Then the schedule is 09:00 Berlin on Mondays and Fridays
        let schedule = try #require(document.schedules.first)
        #expect(schedule.name == "morning" && schedule.secondsOfDay == 9 * 3600)
        #expect(schedule.timeZone.identifier == "Europe/Berlin" && schedule.weekdays == [.monday, .friday])

        // And export writes it back readably, and reading that gives the same document
        let text = try RuleDocumentYAML.export(document)
        #expect(try RuleDocumentYAML.load(text) == document, "\(text)")
        #expect(text.contains("schedules:\n- name: morning\n  at: 09:00\n  time_zone: Europe/Berlin\n"), "\(text)")
        #expect(text.contains("weekdays: [monday, friday]"), "\(text)")
    }

    @Test(
        "a time reads the same quoted or not, and exports to text that reads back to it (never a sexagesimal number)",
        arguments: ["00:00", "09:00", "10:30", "23:59"])
    func times(time: String) throws {
        let quoted = Self.morning.replacingOccurrences(of: "09:00", with: time)
        let plain = quoted.replacingOccurrences(of: "\"\(time)\"", with: time)
        let document = try RuleDocumentYAML.load(quoted)
        #expect(try RuleDocumentYAML.load(plain) == document)
        #expect(document.schedules.first?.timeText == time)
        #expect(try RuleDocumentYAML.load(try RuleDocumentYAML.export(document)) == document)
    }

    @Test(
        "mistakes in schedules are reported at their line",
        arguments: [
            // a rule listening to a schedule that is not declared, at that event in on:
            (
                "rules:\n  - name: R\n    on: [ticket.created, {schedule: mornin}]\n", "3:27: error: ",
                "no schedule named \"mornin\" in schedules:"
            ),
            // a bad time
            ("schedules:\n  - name: m\n    at: \"9am\"\n    time_zone: UTC\n", "3:5: error: ", "HH:MM"),
            ("schedules:\n  - name: m\n    at: \"24:00\"\n    time_zone: UTC\n", "3:5: error: ", "HH:MM"),
            // an unknown zone
            ("schedules:\n  - name: m\n    at: \"09:00\"\n    time_zone: Europe/Berln\n", "4:5: error: ", "Berln"),
            // an unknown key
            (
                "schedules:\n  - name: m\n    at: \"09:00\"\n    time_zone: UTC\n    every: day\n", "5:5: error: ",
                "unknown key \"every\""
            ),
            // no weekday at all
            (
                "schedules:\n  - name: m\n    at: \"09:00\"\n    time_zone: UTC\n    weekdays: []\n", "5:5: error: ",
                "never fires"
            ),
            // two schedules with one name
            (
                "schedules:\n  - name: m\n    at: \"09:00\"\n    time_zone: UTC\n  - name: m\n    at: \"10:00\"\n    time_zone: UTC\n",
                "5:5: error: ", "the name is already used by schedule 1"
            ),
        ])
    func mistakes(text: String, place: String, message: String) {
        let found = findings(text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix(place) == true, "\(found)")
        #expect(found.first?.contains(message) == true, "\(found)")
    }

    @Test("a declared schedule no rule listens to is fine, and so is a rule listening to a declared one")
    func declared() {
        #expect(findings(Self.morning).isEmpty)
        #expect(findings("schedules:\n  - name: m\n    at: \"09:00\"\n    time_zone: UTC\n").isEmpty)
    }
}
