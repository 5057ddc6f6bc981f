import Foundation
import PostdeskCore
import PostdeskRules
import Testing

/// A pass is stored compactly and explained later from the rule set it ran with (issue 9 point 6: "every
/// evaluation is recorded compactly enough that explain works on a ticket months old").
@Suite struct EvaluationRecordTests {
    static func rules() throws -> PreparedRuleSet {
        try prepared([
            Rule(
                name: "Urgent", on: [.ticketCreated], if: .field(.subject, .containsAny(["urgent", "срочно"])),
                then: [.setPriority(.high)]),
            Rule(
                name: "Billing", on: [.ticketCreated, .customerMessage],
                if: .any([
                    .field(.mailbox, .equals("billing")),
                    .all([.not(.hasTag("spam")), .field(.text, .containsAny(["invoice", "счёт", "оплата"]))]),
                ]),
                then: [.setTeam("billing"), .addTags(["billing", "money"]), .stop, .setTeam("never")]),
            Rule(name: "Sales", on: [.ticketCreated], then: [.setTeam("sales"), .removeTags(["money"])]),
            Rule(
                name: "Hours", on: [.customerMessage], if: .withinBusinessHours(false),
                then: [.reply(template: "after_hours")]),
            Rule(name: "Notes", on: [.internalNote], then: [.addTags(["noted"])]),
        ])
    }

    static let passes: [(RuleEvent, RuleSnapshot, Int)] = [
        (.ticketCreated, snapshot(subject: "СРОЧНО", text: "оплата не прошла"), 0),
        (.ticketCreated, snapshot(subject: "Hello", text: "nothing"), 0),
        (.customerMessage, snapshot(tags: ["spam"], text: "invoice", withinBusinessHours: false), 1),
        (.customerMessage, snapshot(withinBusinessHours: nil), 2),
        (.internalNote, snapshot(), 0),
        (.ticketCreated, snapshot(), 5),
    ]

    @Test("a stored evaluation decodes to the same value and explains the same", arguments: 0..<passes.count)
    func roundTrip(pass: Int) throws {
        // Given a pass
        let rules = try Self.rules()
        let (event, facts, depth) = Self.passes[pass]
        let evaluation = RuleEngine.evaluate(event: event, snapshot: facts, rules: rules, depth: depth)
        // When it is stored and read back
        let stored = try JSONEncoder().encode(evaluation)
        let read = try JSONDecoder().decode(Evaluation.self, from: stored)
        // Then it is the same value, with the same explanation, and it holds no text of the mail
        #expect(read == evaluation)
        #expect(try read.explanationLines(in: rules) == evaluation.explanationLines(in: rules))
        let json = String(decoding: stored, as: UTF8.self)
        #expect(!json.contains("оплата не прошла") && !json.lowercased().contains("срочно"))
        #expect(stored.count < 400, "\(json)")
    }

    @Test("the record keeps indexes; the explanation spells out the rule's path and word")
    func compactForm() throws {
        // Given a new ticket whose text says оплата
        let rules = try Self.rules()
        let evaluation = RuleEngine.evaluate(
            event: .ticketCreated, snapshot: snapshot(subject: "Hello", text: "Оплата не прошла"), rules: rules)
        // Then the record names rules by position and nodes by pre-order index: in rule 2's `if:` node 0 is the
        // `any`, 1 the mailbox test, 2 the `all` (which held, so it decided), 3 the `not`, 4 the tag, 5 the words
        #expect(
            evaluation.decisions == [
                RuleDecision(rule: 0, matched: false, node: 0, value: nil),
                RuleDecision(rule: 1, matched: true, node: 2, value: nil),
            ])
        let traces = try evaluation.explanation(in: rules)
        #expect(traces[1].decidedBy == ConditionDecision(path: "any[1].all", value: nil, result: true))
        #expect(traces[1].actions.map(\.ran) == [true, true, true, false])
        #expect(traces[2].outcome == .skippedAfterStop(RuleReference(index: 1, name: "Billing")))
        // And a word that decided is stored as its position in the rule's list
        let hours = RuleEngine.evaluate(
            event: .customerMessage, snapshot: snapshot(mailbox: "billing", withinBusinessHours: false), rules: rules)
        #expect(hours.decisions.first == RuleDecision(rule: 1, matched: true, node: 1, value: 0))
        #expect(
            try hours.explanation(in: rules)[1].decidedBy?.description == #"any[0].mailbox.equals "billing" is true"#)
    }

    @Test("200 rules that mostly do not listen store in a few hundred bytes")
    func manyRules() throws {
        // Given 200 rules, a tenth of which listen to new tickets
        let rules = try prepared(
            (0..<200).map { index in
                Rule(
                    name: "rule \(index)", on: [index % 10 == 0 ? .ticketCreated : .slaBreach],
                    if: .any([.field(.subject, .containsAny(["word\(index)", "слово"])), .hasTag("t\(index)")]),
                    then: [.addTags(["t"])])
            })
        // When a new ticket is evaluated
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(), rules: rules)
        // Then the record lists the 20 that listened, and is small
        #expect(evaluation.decisions.count == 20)
        let stored = try JSONEncoder().encode(evaluation)
        #expect(stored.count < 300)
        #expect(try evaluation.explanation(in: rules).filter(\.listened).count == 20)
    }

    @Test("each action's effect keeps its own bytes, while equal notifications still count once")
    func effectsKeepTheirBytes() throws {
        // Given a rule that never matches and two that do, whose team and template are the same text in other
        // Unicode forms ("é" as one scalar and as "e" + U+0301)
        let rules = try PreparedRuleSet(
            RuleSet(rules: [
                Rule(
                    name: "never", on: [.ticketCreated], if: .field(.subject, .equals("zzz")),
                    then: [.setTeam("Caf\u{E9}")]),
                Rule(
                    name: "composed", on: [.ticketCreated],
                    then: [.setTeam("Cafe\u{301}"), .notify(.team, template: "caf\u{E9}")]),
                Rule(name: "decomposed", on: [.ticketCreated], then: [.notify(.team, template: "cafe\u{301}")]),
            ]))
        // When a new ticket is evaluated
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(), rules: rules)
        // Then the team is the matched rule's own bytes, and the second notification is a duplicate of the first
        guard case .setTeam(let team) = evaluation.effects.first else {
            Issue.record("no team in \(evaluation.effects)")
            return
        }
        #expect(Array(team.unicodeScalars) == Array("Cafe\u{301}".unicodeScalars))
        #expect(evaluation.effects.count == 2)
        guard case .notify(_, let template) = evaluation.effects.last else {
            Issue.record("no notification in \(evaluation.effects)")
            return
        }
        #expect(Array(template.unicodeScalars) == Array("caf\u{E9}".unicodeScalars))
    }

    @Test("an evaluation is not explained with a rule set it did not run with")
    func otherRuleSet() throws {
        // Given a pass with one set, and the set edited afterwards (one word changed)
        let before = try prepared([
            Rule(name: "A", on: [.ticketCreated], if: .hasTag("vip"), then: [.setTeam("vip")])
        ])
        let after = try prepared([
            Rule(name: "A", on: [.ticketCreated], if: .hasTag("gold"), then: [.setTeam("vip")])
        ])
        let evaluation = RuleEngine.evaluate(event: .ticketCreated, snapshot: snapshot(tags: ["vip"]), rules: before)
        // Then the fingerprints differ, and explaining with the edited set is refused rather than wrong
        #expect(before.fingerprint != after.fingerprint)
        #expect(evaluation.ruleSetFingerprint == before.fingerprint)
        #expect(throws: ExplanationError.self) { try evaluation.explanation(in: after) }
        #expect(try evaluation.explanation(in: before)[0].outcome == .matched)
        // And the same rules prepared again are the same set
        #expect(try Self.rules().fingerprint == Self.rules().fingerprint)
    }

    @Test(
        "a damaged record is refused when read, not misread",
        arguments: [
            "1+0 0-0", "-1+0", "1+x", "1+0.", "1+.0", "1*0", "99999999999+0", "1 +0", "1+0  2+0", " 1+0", "1+0.1.2",
            "1+-2", "+0", "١+0",
        ])
    func damagedRecord(rules text: String) throws {
        let json = #"{"event":"ticket.created","rules":"\#(text)","set":"0"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Evaluation.self, from: Data(json.utf8)) }
    }

    @Test(
        "a well-formed record that does not fit the set is refused when explained",
        arguments: ["7+0", "1+9", "1+2.5", "0+0.7", "1-0 1+0"])
    func recordDoesNotFit(rules text: String) throws {
        // Given a record with the right fingerprint but positions the set does not have
        let rules = try Self.rules()
        let json = #"{"event":"ticket.created","rules":"\#(text)","set":"\#(rules.fingerprint)"}"#
        guard let evaluation = try? JSONDecoder().decode(Evaluation.self, from: Data(json.utf8)) else {
            return  // refused when read: as good
        }
        // Then explaining it throws instead of citing the wrong rule or word
        #expect(throws: ExplanationError.self) { try evaluation.explanation(in: rules) }
    }
}
