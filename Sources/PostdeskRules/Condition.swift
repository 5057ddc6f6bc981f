/// When a rule applies: a tree of tests on the ``RuleSnapshot``, combined with `all`, `any` and `not`.
///
/// In YAML each node is a one-key mapping, and a rule's `if:` holds one node:
/// ```yaml
/// if:
///   any:
///     - subject: {contains_any: [invoice, счёт]}
///     - customer_domain: {in: [example.ru, example.com]}
///     - not: {has_tag: vip}
///     - within_business_hours: false
/// ```
/// `team: billing` is short for `team: {equals: billing}`. `all: []` always holds and `any: []` never does.
public indirect enum Condition: Hashable, Sendable {
    /// Holds when every child holds (and for no children).
    case all([Condition])
    /// Holds when some child holds (never for no children).
    case any([Condition])
    /// Holds when the child does not.
    case not(Condition)
    /// A test on one field of the snapshot, e.g. `subject: {contains_any: [invoice]}`.
    case field(RuleField, FieldTest)
    /// `within_business_hours: true|false`: compares with the snapshot's ``RuleSnapshot/withinBusinessHours``; when
    /// the caller gave no answer (nil) the test is false both ways, so neither an in-hours nor an out-of-hours rule
    /// fires on a guess.
    case withinBusinessHours(Bool)
    /// `has_tag: vip`: the ticket has this tag (compared like ``FieldTest/equals(_:)``).
    case hasTag(String)
}

extension Condition: Codable {
    /// How deep in a rules file a condition may sit, counted in keys and list positions from the top (`not` adds
    /// one, each `any`/`all` item two): far beyond any readable rule, and far short of the stack that decoding and
    /// evaluating recurse on.
    public static let maxNesting = 100

    public init(from decoder: any Decoder) throws {
        guard decoder.codingPath.count <= Self.maxNesting else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: Array(decoder.codingPath.prefix(3)),
                    debugDescription: "conditions nest deeper than \(Self.maxNesting) levels"))
        }
        let container = try decoder.container(keyedBy: RuleCodingKey.self)
        let key = try container.onlyKey(what: "condition")
        switch key.stringValue {
        case "all": self = .all(try container.decode([Condition].self, forKey: key))
        case "any": self = .any(try container.decode([Condition].self, forKey: key))
        case "not": self = .not(try container.decode(Condition.self, forKey: key))
        case "within_business_hours": self = .withinBusinessHours(try container.decode(Bool.self, forKey: key))
        case "has_tag": self = .hasTag(try container.decode(String.self, forKey: key))
        default:
            guard let field = RuleField(rawValue: key.stringValue) else {
                let known =
                    ["all", "any", "not", "within_business_hours", "has_tag"] + RuleField.allCases.map(\.rawValue)
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "unknown condition \(key.stringValue.debugDescription); known: "
                        + known.joined(separator: ", "))
            }
            if let value = try? container.decode(String.self, forKey: key) {
                self = .field(field, .equals(value))
            } else {
                self = .field(field, try container.decode(FieldTest.self, forKey: key))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleCodingKey.self)
        switch self {
        case .all(let children): try container.encode(children, forKey: RuleCodingKey("all"))
        case .any(let children): try container.encode(children, forKey: RuleCodingKey("any"))
        case .not(let child): try container.encode(child, forKey: RuleCodingKey("not"))
        case .field(let field, let test): try container.encode(test, forKey: RuleCodingKey(field.rawValue))
        case .withinBusinessHours(let wanted):
            try container.encode(wanted, forKey: RuleCodingKey("within_business_hours"))
        case .hasTag(let tag): try container.encode(tag, forKey: RuleCodingKey("has_tag"))
        }
    }
}
