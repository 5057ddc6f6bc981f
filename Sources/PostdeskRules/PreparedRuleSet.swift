import Foundation
import PostdeskCore

/// A ``RuleSet`` checked and made ready to run: patterns compiled, words folded, addresses parsed, once.
///
/// Prepare a set when it is imported or loaded and evaluate it many times; evaluation compiles nothing.
public struct PreparedRuleSet: Sendable {
    /// The set as written.
    public let ruleSet: RuleSet
    /// Problems that do not stop the set from running (``RuleProblem/Severity/warning``).
    public let warnings: [RuleProblem]
    /// Identifies the set by its content (a 64-bit FNV-1a hash of its JSON form, keys sorted, in hex): an
    /// ``Evaluation`` records it, so that it is explained with the set it ran with.
    public let fingerprint: String
    let rules: [PreparedRule]
    /// Every rule's condition, in one program (a rule names its root).
    let program: ConditionProgram
    /// Every distinct effect of the rules' actions, numbered.
    let effectTable: EffectTable
    /// What a pass reads of each rule, by index, as plain values: the rules themselves stay out of its way.
    let entries: [RuleEntry]
    /// The effects of every rule's actions up to its first `stop`, rule after rule (``RuleEntry`` names a range).
    let ruleEffects: [RuleEffect]
    /// The counts and word automata a pass needs.
    let tables: PassTables
    /// The rules that listen to each event, by index, in order: a pass runs only these.
    private let listenersByEvent: [RuleEvent: [Int]]

    /// Checks `ruleSet` with ``RuleCheck`` and prepares it.
    /// - Parameters:
    ///   - ruleSet: the rules, in order.
    ///   - templates: the template names that exist; nil skips that check.
    /// - Throws: ``RuleSetError`` with every error-severity problem; retrying the same set cannot help.
    public init(_ ruleSet: RuleSet, templates: Set<String>? = nil) throws(RuleSetError) {
        let problems = RuleCheck.problems(in: ruleSet, templates: templates)
        let errors = problems.filter { $0.severity == .error }
        guard errors.isEmpty else { throw RuleSetError(problems: errors) }
        var rules: [PreparedRule] = []
        rules.reserveCapacity(ruleSet.rules.count)
        var ids = PreparationIDs()
        var program = ConditionProgram()
        var effectTable = EffectTable()
        var entries: [RuleEntry] = []
        var ruleEffects: [RuleEffect] = []
        for (index, rule) in ruleSet.rules.enumerated() {
            do throws(RulePattern.Problem) {
                let prepared = try PreparedRule(
                    rule, index: index, ids: &ids, program: &program, effects: &effectTable)
                let start = Int32(ruleEffects.count)
                for (position, action) in prepared.actions.prefix(prepared.stopAction ?? prepared.actions.count)
                    .enumerated()
                {
                    guard let number = action.number, let effect = action.effect else { continue }
                    ruleEffects.append(
                        RuleEffect(effect: number, action: Int32(position), group: effect.conflictGroup))
                }
                entries.append(
                    RuleEntry(
                        root: prepared.condition?.root ?? -1, effectStart: start, effectEnd: Int32(ruleEffects.count),
                        stops: prepared.stop || prepared.stopAction != nil))
                rules.append(prepared)
            } catch {
                // RuleCheck compiled the same patterns, so this is unreachable unless the two disagree.
                let pattern = rule.condition.map { "\($0)" } ?? ""
                throw RuleSetError(problems: [
                    RuleProblem(
                        ruleIndex: index, ruleName: rule.name, severity: .error,
                        kind: .invalidPattern(pattern: pattern, reason: error.message))
                ])
            }
        }
        self.ruleSet = ruleSet
        self.rules = rules
        self.program = program
        self.effectTable = effectTable
        self.entries = entries
        self.ruleEffects = ruleEffects
        tables = PassTables(ids)
        warnings = problems
        var listeners: [RuleEvent: [Int]] = [:]
        for (index, rule) in ruleSet.rules.enumerated() {
            for event in Set(rule.events) { listeners[event, default: []].append(index) }
        }
        listenersByEvent = listeners
        fingerprint = Self.fingerprint(of: ruleSet)
    }

    /// The indexes of the rules that listen to `event`, in order.
    func listeners(of event: RuleEvent) -> [Int] {
        listenersByEvent[event] ?? []
    }

    static func fingerprint(of ruleSet: RuleSet) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain values cannot fail; the description is a stand-in that still tells sets apart.
        let bytes = (try? encoder.encode(ruleSet)).map { [UInt8]($0) } ?? Array(String(describing: ruleSet).utf8)
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// A rule set that cannot run: its error-severity problems, each naming the rule.
public struct RuleSetError: Error, Hashable, Sendable, CustomStringConvertible {
    public var problems: [RuleProblem]

    /// Never: the same rules fail the same way until they are edited.
    public var isTransient: Bool { false }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// What a pass reads of one rule: where its condition and effects are, and whether it ends the pass.
struct RuleEntry: Sendable {
    /// The condition's root in the set's ``ConditionProgram``; -1 for a rule without `if:`.
    var root: Int32
    /// The rule's range of ``PreparedRuleSet/ruleEffects``.
    var effectStart: Int32
    var effectEnd: Int32
    /// `stop: true`, or a `stop` action.
    var stops: Bool
}

/// One rule made ready to run, for explanations: its condition's place in the set's program and its actions with
/// their effects. A class, so that the set holds one reference per rule instead of copying its parts.
final class PreparedRule: Sendable {
    let reference: RuleReference
    let events: [RuleEvent]
    /// The condition's root and node count in the set's ``ConditionProgram``.
    let condition: (root: Int32, nodeCount: Int32)?
    /// Each action with its effect and the effect's number in the set's ``EffectTable``; nil for `stop`.
    let actions: [(action: RuleAction, effect: Effect?, number: Int32?)]
    /// The position of the first `stop` action: the actions from there on never run.
    let stopAction: Int?
    let stop: Bool

    /// Prepares `rule`, whose addresses ``RuleCheck`` has already accepted, adding its condition to `program` and
    /// its effects to `effects`.
    init(
        _ rule: Rule, index: Int, ids: inout PreparationIDs, program: inout ConditionProgram,
        effects: inout EffectTable
    ) throws(RulePattern.Problem) {
        reference = RuleReference(index: index, name: rule.name)
        events = rule.events
        if let condition = rule.condition {
            let root = try program.add(condition, ids: &ids)
            self.condition = (root, program.nodeCount - root)
        } else {
            self.condition = nil
        }
        actions = rule.actions.map { action in
            let effect = Self.effect(of: action)
            return (action, effect, effect.map { effects.number(of: $0) })
        }
        stopAction = rule.actions.firstIndex(of: .stop)
        stop = rule.stop
    }

    /// The effect of `action`; nil for `stop` (and for an address RuleCheck would have refused).
    static func effect(of action: RuleAction) -> Effect? {
        switch action {
        case .setTeam(let team): .setTeam(team)
        case .setPriority(let priority): .setPriority(priority)
        case .setStatus(let status): .setStatus(status)
        case .addTags(let tags): .addTags(tags)
        case .removeTags(let tags): .removeTags(tags)
        case .assign(.address(let address)): EmailAddress(address).map { .assign(.to($0)) }
        case .assign(.roundRobin): .assign(.roundRobin)
        case .assign(.leastOpen): .assign(.leastOpen)
        case .notify(let recipient, let template):
            switch recipient {
            case .assignee: .notify(.assignee, template: template)
            case .team: .notify(.team, template: template)
            case .watchers: .notify(.watchers, template: template)
            case .customer: .notify(.customer, template: template)
            case .address(let address): EmailAddress(address).map { .notify(.address($0), template: template) }
            }
        case .reply(let template): .reply(template: template)
        case .addNote(let text): .addNote(text: text)
        case .stop: nil
        }
    }
}

/// Numbers for the patterns and words of a set, the same for the same text in every rule, so that a pass looks for
/// each at most once per field (``SnapshotFacts``).
struct PreparationIDs {
    var patterns: [String: Int] = [:]
    var words: [[UInt8]: Int] = [:]
    /// The ids of the `contains_any` words, by the field they are looked for in (``RuleField/slot``).
    var containedWords: [Int: Set<Int>] = [:]

    mutating func pattern(_ source: String) -> Int {
        if let id = patterns[source] { return id }
        patterns[source] = patterns.count
        return patterns.count - 1
    }

    mutating func word(_ folded: [UInt8]) -> Int {
        if let id = words[folded] { return id }
        words[folded] = words.count
        return words.count - 1
    }

    /// Notes that word `id` is looked for in `field` by `contains_any`.
    mutating func contained(_ id: Int, in field: RuleField) {
        containedWords[field.slot, default: []].insert(id)
    }
}

/// What a pass of a prepared set (or SLA chooser) looks things up with, built once: how many words and patterns
/// there are, and per field the automaton of its `contains_any` words.
final class PassTables: Sendable {
    let wordCount: Int
    let patternCount: Int
    /// By ``RuleField/slot``; nil where the field has no `contains_any` words (or too many for one automaton).
    let automata: [WordAutomaton?]

    init(_ ids: PreparationIDs) {
        wordCount = ids.words.count
        patternCount = ids.patterns.count
        let bytesByID = Dictionary(uniqueKeysWithValues: ids.words.map { ($0.value, $0.key) })
        automata = (0..<RuleField.slotCount).map { slot in
            guard let contained = ids.containedWords[slot] else { return nil }
            return WordAutomaton(contained.sorted().map { (bytesByID[$0] ?? [], $0) })
        }
    }
}
