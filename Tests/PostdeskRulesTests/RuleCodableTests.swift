import Foundation
import PostdeskRules
import Testing

/// The Codable shape reads like the YAML of ARCHITECTURE §4; JSON stands in for YAML here (Yams' coders use the
/// same Codable conformances, and PostdeskRules does not depend on Yams).
@Suite struct RuleCodableTests {
    /// The ARCHITECTURE §4 example, in JSON with the same keys, plus every other word of the vocabulary.
    static let document = #"""
        {"rules": [
          {"name": "Billing mail goes to the billing team",
           "on": ["ticket.created"],
           "if": {"any": [
             {"subject": {"contains_any": ["invoice", "счёт", "оплата"]}},
             {"text": {"contains_any": ["invoice", "счёт", "оплата"]}}]},
           "then": [
             {"set_team": "billing"},
             {"assign": {"strategy": "round_robin"}},
             {"notify": {"to": "assignee", "template": "ticket_assigned"}}],
           "stop": true},
          {"name": "Everything else",
           "on": ["ticket.created", "message.customer", "message.operator", "message.note", "ticket.status",
                  "ticket.assignee", "ticket.team", "ticket.priority", "ticket.tags", "sla.warning", "sla.breach",
                  {"ticket.idle": "48h"}, {"schedule": "morning"}],
           "if": {"all": [
             {"not": {"has_tag": "vip"}},
             {"team": "support"},
             {"status": {"in": ["new", "open"]}},
             {"customer_domain": {"equals": "example.ru"}},
             {"customer": {"matches": "^ivan@"}},
             {"mailbox": {"is_set": true}},
             {"within_business_hours": false}]},
           "then": [
             {"set_priority": "high"}, {"set_status": "open"}, {"add_tags": ["a"]}, {"remove_tags": ["b"]},
             {"assign": {"to": "agent1@example.test"}}, {"assign": {"strategy": "least_open"}},
             {"notify": {"to": "team", "template": "t1"}}, {"notify": {"to": "boss@example.test", "template": "t2"}},
             {"reply": {"template": "ack"}}, {"add_note": {"text": "routed"}},
             "stop"]}
        ]}
        """#

    @Test("the YAML-shaped document decodes to the rules it reads as")
    func decodes() throws {
        let set = try JSONDecoder().decode(RuleSet.self, from: Data(Self.document.utf8))
        #expect(set.rules.count == 2)
        #expect(
            set.rules[0]
                == Rule(
                    name: "Billing mail goes to the billing team", on: [.ticketCreated],
                    if: .any([
                        .field(.subject, .containsAny(["invoice", "счёт", "оплата"])),
                        .field(.text, .containsAny(["invoice", "счёт", "оплата"])),
                    ]),
                    then: [.setTeam("billing"), .assign(.roundRobin), .notify(.assignee, template: "ticket_assigned")],
                    stop: true))
        #expect(set.rules[1].events.last == .schedule("morning"))
        #expect(set.rules[1].events.dropLast().last == .ticketIdle(RuleDuration(seconds: 48 * 3600)!))
        #expect(set.rules[1].actions.last == .stop)
        #expect(set.rules[1].stop == false)
        #expect(RuleCheck.problems(in: set).isEmpty)
    }

    @Test("encoding and decoding again gives the same rules, and the same JSON")
    func roundTrip() throws {
        let set = try JSONDecoder().decode(RuleSet.self, from: Data(Self.document.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(set)
        let again = try JSONDecoder().decode(RuleSet.self, from: json)
        #expect(again == set)
        #expect(try encoder.encode(again) == json)
        // The encoded words are the YAML words, e.g. `on` and `if`, not Swift's names
        let text = String(decoding: json, as: UTF8.self)
        for word in [
            #""on":["ticket.created"]"#, #""if":{"any""#, #""then":["#, #""stop":true"#, #""stop""#,
            #"{"ticket.idle":"2d"}"#, #""contains_any""#,
        ] {
            #expect(text.contains(word), "\(word) in \(text)")
        }
    }

    @Test(
        "what does not decode says what is wrong",
        arguments: [
            (#"{"name": "x", "on": ["ticket.opened"], "then": []}"#, "unknown event"),
            (
                #"{"name": "x", "on": [], "if": {"subject": {"contains_any": ["a"]}, "text": "b"}, "then": []}"#,
                "exactly one key"
            ),
            (#"{"name": "x", "on": [], "if": {"subjekt": "a"}, "then": []}"#, "unknown condition"),
            (#"{"name": "x", "on": [], "if": {"subject": {"like": "a"}}, "then": []}"#, "unknown test"),
            (#"{"name": "x", "on": [], "then": [{"set_tem": "a"}]}"#, "unknown action"),
            (#"{"name": "x", "on": [], "then": ["halt"]}"#, "only stop stands alone"),
            (#"{"name": "x", "on": [], "then": [{"assign": {"strategy": "random"}}]}"#, "unknown strategy"),
            (#"{"name": "x", "on": [], "then": [{"assign": {}}]}"#, "either {to: ADDRESS}"),
            (#"{"name": "x", "on": [{"ticket.idle": "2 days"}], "then": []}"#, "not a duration"),
            (#"{"name": "x", "on": [{"ticket.idle": "0h"}], "then": []}"#, "not a duration"),
            (#"{"name": "x", "on": [], "then": [{"set_priority": "critical"}]}"#, "critical"),
        ])
    func refuses(json: String, reason: String) {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Rule.self, from: Data(json.utf8))
        }
        #expect(error.map { "\($0)".contains(reason) } == true, "\(String(describing: error))")
    }

    @Test("conditions nested past the limit are refused while decoding, before anything recurses on them")
    func nesting() throws {
        func nested(_ depth: Int) -> String {
            #"{"name": "x", "on": ["ticket.created"], "if": "# + String(repeating: #"{"not": "#, count: depth)
                + #"{"has_tag": "a"}"# + String(repeating: "}", count: depth) + "}"
        }
        #expect(throws: Never.self) { try JSONDecoder().decode(Rule.self, from: Data(nested(60).utf8)) }
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Rule.self, from: Data(nested(200).utf8))
        }
        #expect("\(String(describing: error))".contains("nest deeper"))
    }

    @Test(
        "durations read and print in the largest whole unit",
        arguments: [
            ("90s", 90, "90s"), ("120s", 120, "2m"), ("30m", 1800, "30m"), ("48h", 172_800, "2d"),
            ("2d", 172_800, "2d"),
        ])
    func durations(text: String, seconds: Int64, printed: String) {
        #expect(RuleDuration(text)?.seconds == seconds)
        #expect(RuleDuration(text)?.description == printed)
    }

    @Test(
        "durations refuse what is not digits and a unit",
        arguments: [
            "", "h", "-1h", "+1h", "1.5h", "1w", "0s",
            "99999999999d", "1 h",
        ])
    func badDurations(text: String) {
        #expect(RuleDuration(text) == nil)
    }

    @Test("every event has one spelling, and it reads back")
    func eventSpellings() throws {
        let events: [RuleEvent] = [
            .ticketCreated, .customerMessage, .operatorMessage, .internalNote, .statusChanged, .assigneeChanged,
            .assigneeAway,
            .teamChanged, .priorityChanged, .tagsChanged, .slaWarning, .slaBreach, .ticketIdle(RuleDuration("3h")!),
            .schedule("daily"),
        ]
        #expect(Set(events.map(\.yamlName)).count == events.count)
        let json = try JSONEncoder().encode(events)
        #expect(try JSONDecoder().decode([RuleEvent].self, from: json) == events)
    }
}
