import Foundation
import PostdeskCore
import PostdeskRules
import Testing

/// A whole rules file as a value: rules, calendars and SLA policies (issue 9, point 6), decoded from JSON here
/// because the pure target reads no YAML; the YAML spellings are the same keys.
@Suite struct RuleDocumentTests {
    func decode(_ json: String) throws -> RuleDocument {
        try JSONDecoder().decode(RuleDocument.self, from: Data(json.utf8))
    }

    func policy(_ name: String, _ targets: [SLATarget: SLADuration] = [:]) throws -> SLAPolicy {
        try SLAPolicy(name: name, targets: targets.isEmpty ? [.firstResponse: .hours(1)] : targets)
    }

    @Test("every section may be missing; an empty document has no rules, calendars or policies")
    func emptyDocument() throws {
        #expect(try decode("{}") == RuleDocument(rules: RuleSet(rules: [])))
        #expect(try decode(#"{"rules": null}"#).rules.rules.isEmpty)
    }

    @Test(
        "unknown keys are refused with the key named, so a misspelt if: cannot make a rule match everything",
        arguments: [
            (#"{"rule": []}"#, "rule"),
            (#"{"rules": [{"name": "A", "on": ["ticket.created"], "iff": {"has_tag": "x"}, "then": []}]}"#, "iff"),
            (#"{"calendars": [{"name": "c", "time_zone": "UTC", "weeks": {}}]}"#, "weeks"),
            (#"{"sla": [{"name": "p", "order": 1, "targets": {"resolution": "1h"}}]}"#, "order"),
        ])
    func unknownKeys(json: String, key: String) throws {
        // When a file has a key the format does not know
        // Then decoding fails at that key, naming it
        #expect {
            try decode(json)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.last?.stringValue == key
                && context.debugDescription.contains(key.debugDescription)
        }
    }

    @Test("a policy's order is its place in sla:, whatever the code or the file said")
    func orderIsListOrder() throws {
        // Given policies built with arbitrary orders
        var late = try policy("late")
        late.order = 99
        let document = RuleDocument(
            rules: RuleSet(rules: []), sla: [SLAPolicyEntry(policy: late), SLAPolicyEntry(policy: try policy("b"))])
        // Then their order is their position
        #expect(document.sla.map(\.policy.order) == [0, 1])
        // And decoding gives the same
        let json =
            #"{"sla": [{"name": "a", "targets": {"resolution": "1h"}}, {"name": "b", "targets": {"resolution": "1h"}}]}"#
        #expect(try decode(json).sla.map(\.policy.order) == [0, 1])
    }

    @Test("a calendar entry is its name beside the calendar's own keys")
    func namedCalendar() throws {
        let document = try decode(
            #"{"calendars": [{"name": "office", "time_zone": "Europe/Berlin", "week": {"monday": ["09:00-17:00"]}, "holidays": ["2026-12-25"]}]}"#
        )
        let calendar = try #require(document.calendars.first)
        #expect(calendar.name == "office")
        #expect(calendar.calendar.timeZone.identifier == "Europe/Berlin")
        #expect(calendar.calendar.week[.monday]?.first?.description == "09:00-17:00")
        #expect(calendar.calendar.holidays.map(\.description) == ["2026-12-25"])
    }
}

/// `rules check` beyond one rule: calendars and SLA policies, and where each rule problem is in the file.
@Suite struct RuleDocumentCheckTests {
    let office: NamedBusinessCalendar

    init() throws {
        let hour = try BusinessCalendarInterval(start: 0, end: 3600)
        office = NamedBusinessCalendar(
            name: "office", calendar: try BusinessCalendar(timeZone: "UTC", week: [.monday: [hour]]))
    }

    func entry(_ name: String, if condition: Condition? = nil, calendar: String? = nil, targets: Bool = true) throws
        -> SLAPolicyEntry
    {
        SLAPolicyEntry(
            policy: try SLAPolicy(name: name, targets: targets ? [.resolution: .hours(8)] : [:]), if: condition,
            calendar: calendar)
    }

    @Test("a clean document has no problems")
    func clean() throws {
        let document = RuleDocument(
            rules: .shippedDefaults, calendars: [office],
            sla: [try entry("urgent", if: .field(.priority, .equals("urgent")), calendar: "office"), try entry("all")])
        #expect(RuleDocumentCheck.problems(in: document).isEmpty)
    }

    @Test("calendar and policy problems are reported where they are")
    func sectionProblems() throws {
        // Given two calendars of one name, a policy naming a calendar that does not exist, one without targets,
        // one with a bad pattern, one with an empty word list, and one after a policy that always applies
        let document = RuleDocument(
            rules: RuleSet(rules: []), calendars: [office, office],
            sla: [
                try entry("a", if: .hasTag("x"), calendar: "ofice"),
                try entry("b", if: .hasTag("y"), targets: false),
                try entry("c", if: .any([.field(.subject, .matches("(a"))])),
                try entry("a", if: .not(.field(.team, .isIn([])))),
                try entry("catch all"),
                try entry("never"),
            ])
        // When it is checked
        let problems = RuleDocumentCheck.problems(in: document)
        // Then each problem names its place
        let found = problems.map { "\($0.path.pathDescription) \($0.severity.rawValue)" }
        #expect(
            found == [
                "calendars[1].name error", "sla[3].name error", "sla[0].calendar error", "sla[1].name error",
                "sla[2].if.any[0].subject.matches error", "sla[3].if.not.team.in warning", "sla[5].name warning",
            ])
        #expect(problems[0].kind == .duplicateName(firstIndex: 0))
        #expect(problems[0].message == "the name is already used by calendar 1")
        #expect(problems[1].message == "the name is already used by sla policy 1")
        #expect(problems[2].kind == .unknownCalendar("ofice"))
        #expect(problems[3].kind == .noTargets)
        #expect(problems[6].kind == .unreachablePolicy(afterIndex: 4))
    }

    @Test(
        "each rule problem points at the part of the rule it is about",
        arguments: [
            (Rule(name: "", on: [.ticketCreated], then: []), "rules[0].name"),
            (Rule(name: "A", on: [], then: []), "rules[0].on"),
            (
                Rule(
                    name: "A", on: [.ticketCreated],
                    then: [.setTeam("x"), .notify(.team, template: "nope")]),
                "rules[0].then[1].notify.template"
            ),
            (
                Rule(name: "A", on: [.ticketCreated], then: [.reply(template: "nope")]),
                "rules[0].then[0].reply.template"
            ),
            (
                Rule(
                    name: "A", on: [.ticketCreated],
                    if: .all([.hasTag("x"), .not(.any([.field(.text, .matches("(a"))]))]), then: []),
                "rules[0].if.all[1].not.any[0].text.matches"
            ),
            (Rule(name: "A", on: [.ticketCreated], then: [.assign(.address(" "))]), "rules[0].then[0].assign.to"),
            (
                Rule(name: "A", on: [.ticketCreated], then: [.notify(.address("bad"), template: "operator_activity")]),
                "rules[0].then[0].notify.to"
            ),
            (
                Rule(name: "A", on: [.ticketCreated], if: .field(.subject, .containsAny([])), then: []),
                "rules[0].if.subject.contains_any"
            ),
            (Rule(name: "A", on: [.ticketCreated], then: [.stop, .setTeam("x")]), "rules[0].then[1]"),
        ])
    func rulePaths(rule: Rule, path: String) throws {
        let document = RuleDocument(rules: RuleSet(rules: [rule]))
        let problems = RuleDocumentCheck.problems(in: document, templates: ["operator_activity"])
        #expect(problems.map(\.path.pathDescription) == [path])
    }
}

/// Which SLA policy a ticket gets: the first `sla:` entry whose `if:` holds, tested exactly like a rule's `if:`.
@Suite struct SLAPolicyChooserTests {
    let document: RuleDocument

    init() throws {
        let office = NamedBusinessCalendar(
            name: "office", calendar: try BusinessCalendar(timeZone: "Europe/Berlin", week: [:]))
        func policy(_ name: String) throws -> SLAPolicy {
            try SLAPolicy(name: name, targets: [.firstResponse: .hours(1)])
        }
        document = RuleDocument(
            rules: RuleSet(rules: []), calendars: [office],
            sla: [
                SLAPolicyEntry(
                    policy: try policy("urgent"), if: .field(.priority, .isIn(["high", "urgent"])), calendar: "office"),
                SLAPolicyEntry(
                    policy: try policy("russian customers"), if: .field(.customerDomain, .equals("example.ru"))),
                SLAPolicyEntry(policy: try policy("billing"), if: .field(.team, .equals("BILLING"))),
                SLAPolicyEntry(policy: try policy("sales mailbox"), if: .field(.mailbox, .equals("sales"))),
            ])
    }

    @Test(
        "the first entry whose condition holds applies; none matching means no SLA",
        arguments: [
            (snapshot(priority: .urgent, customer: "ivan@example.ru"), "urgent"),
            (snapshot(customer: "ivan@EXAMPLE.RU"), "russian customers"),
            (snapshot(team: "billing", customer: "a@example.com"), "billing"),
            (snapshot(mailbox: "sales", customer: "a@example.com"), "sales mailbox"),
            (snapshot(customer: "a@example.com"), nil),
        ] as [(RuleSnapshot, String?)])
    func chooses(snapshot: RuleSnapshot, expected: String?) throws {
        let chooser = try SLAPolicyChooser(document)
        #expect(chooser.policy(for: snapshot)?.policy.name == expected)
    }

    @Test("the choice carries the named calendar; without calendar: there is none (every hour counts)")
    func calendars() throws {
        let chooser = try SLAPolicyChooser(document)
        let urgent = try #require(chooser.policy(for: snapshot(priority: .high)))
        #expect(urgent.index == 0 && urgent.calendarName == "office")
        #expect(urgent.calendar?.timeZone.identifier == "Europe/Berlin")
        let russian = try #require(chooser.policy(for: snapshot(customer: "a@example.ru")))
        #expect(russian.calendarName == nil && russian.calendar == nil)
    }

    @Test("a document whose policies name a missing calendar cannot choose")
    func refusesUnknownCalendar() throws {
        var broken = document
        broken.sla[0].calendar = "nowhere"
        #expect(throws: RuleDocumentError.self) { try SLAPolicyChooser(broken) }
    }
}
