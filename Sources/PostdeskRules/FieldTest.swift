/// A test on one field's value, the inner mapping of `subject: {contains_any: [invoice, счёт]}`.
///
/// Text is compared folded (``TextFold``): case-, width- and `ё`/`е`-insensitive, so "СЧЁТ", "Счет" and "счёт" are
/// one word and "INVOICE" is "invoice". An unset field (no team, no assignee, no message text) passes no test but
/// `is_set: false`. On ``RuleField/tags`` a test holds when it holds for any one tag.
public enum FieldTest: Hashable, Sendable {
    /// `{equals: billing}`: the folded value is the folded text.
    case equals(String)
    /// `{contains_any: [invoice, счёт]}`: the folded value contains one of the folded needles. An empty list never
    /// holds (``RuleCheck`` warns about it).
    case containsAny([String])
    /// `{matches: "INV-[0-9]{4,}"}`: an ICU regular expression found anywhere in the value, case-insensitive unless
    /// the pattern says `(?-i)`. Bounded by ``RulePattern``'s limits: pattern and input length, no nested or
    /// alternated repetition, no backreferences.
    case matches(String)
    /// `{in: [billing, sales]}`: the folded value equals one of the folded items.
    case isIn([String])
    /// `{is_set: true}`: the field has a value (a team, an assignee, message text, at least one tag).
    case isSet(Bool)

    /// The YAML key of the test (`contains_any`), as used in explanation paths.
    public var yamlName: String {
        switch self {
        case .equals: "equals"
        case .containsAny: "contains_any"
        case .matches: "matches"
        case .isIn: "in"
        case .isSet: "is_set"
        }
    }
}

extension FieldTest: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RuleCodingKey.self)
        let key = try container.onlyKey(what: "field test")
        switch key.stringValue {
        case "equals": self = .equals(try container.decode(String.self, forKey: key))
        case "contains_any": self = .containsAny(try container.decode([String].self, forKey: key))
        case "matches": self = .matches(try container.decode(String.self, forKey: key))
        case "in": self = .isIn(try container.decode([String].self, forKey: key))
        case "is_set": self = .isSet(try container.decode(Bool.self, forKey: key))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown test \(key.stringValue.debugDescription); known: equals, contains_any, "
                    + "matches, in, is_set")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RuleCodingKey.self)
        let key = RuleCodingKey(yamlName)
        switch self {
        case .equals(let value), .matches(let value): try container.encode(value, forKey: key)
        case .containsAny(let values), .isIn(let values): try container.encode(values, forKey: key)
        case .isSet(let wanted): try container.encode(wanted, forKey: key)
        }
    }
}
