import Foundation

/// The stored form: `{"event":"ticket.created","rules":"0-0 3+2.1","set":"…"}` plus `depth`, `effects` and `halt`
/// when they say something. `rules` spells each ``RuleDecision`` as `RULE(+|-)NODE[.VALUE]`: `3+2.1` is rule
/// index 3, matched, decided by node 2's value 1. A pass with 200 rules stores in about a hundred bytes.
extension Evaluation: Codable {
    private enum CodingKeys: String, CodingKey {
        case event, depth, effects, halt
        case decisions = "rules"
        case ruleSetFingerprint = "set"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        event = try container.decode(RuleEvent.self, forKey: .event)
        depth = try container.decodeIfPresent(Int.self, forKey: .depth) ?? 0
        effects = try container.decodeIfPresent([Effect].self, forKey: .effects) ?? []
        halt = try container.decodeIfPresent(Halt.self, forKey: .halt)
        ruleSetFingerprint = try container.decode(String.self, forKey: .ruleSetFingerprint)
        let text = try container.decode(String.self, forKey: .decisions)
        guard let decisions = RuleDecision.list(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .decisions, in: container,
                debugDescription: "not a list of RULE(+|-)NODE[.VALUE] in increasing rule order")
        }
        self.decisions = decisions
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event, forKey: .event)
        if depth != 0 { try container.encode(depth, forKey: .depth) }
        if !effects.isEmpty { try container.encode(effects, forKey: .effects) }
        try container.encodeIfPresent(halt, forKey: .halt)
        try container.encode(decisions.map(\.token).joined(separator: " "), forKey: .decisions)
        try container.encode(ruleSetFingerprint, forKey: .ruleSetFingerprint)
    }
}

extension RuleDecision {
    /// `3+2.1`: rule 3, matched, node 2, value 1.
    var token: String {
        "\(rule)\(matched ? "+" : "-")\(node)" + (value.map { ".\($0)" } ?? "")
    }

    /// The decisions spelled by `text` (tokens separated by one space); nil unless every token is well formed and
    /// the rules increase.
    static func list(_ text: String) -> [RuleDecision]? {
        var decisions: [RuleDecision] = []
        for token in text.split(separator: " ", omittingEmptySubsequences: false) where !text.isEmpty {
            guard let sign = token.firstIndex(where: { $0 == "+" || $0 == "-" }),
                let rule = natural(token[..<sign]), decisions.last.map({ $0.rule < rule }) ?? true
            else { return nil }
            let rest = token[token.index(after: sign)...].split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(rest.count), let node = natural(rest[0]) else { return nil }
            var value: Int? = nil
            if rest.count == 2 {
                guard let parsed = natural(rest[1]) else { return nil }
                value = parsed
            }
            decisions.append(RuleDecision(rule: rule, matched: token[sign] == "+", node: node, value: value))
        }
        return decisions
    }

    /// A non-negative decimal of at most 9 digits: no sign, no spaces, nothing a hostile row could overflow with.
    private static func natural(_ digits: Substring) -> Int? {
        guard (1...9).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int(digits)
    }
}
