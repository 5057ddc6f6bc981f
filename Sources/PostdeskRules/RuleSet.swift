/// The rules, in the order they run: `rules:` at the top of the YAML file. `rules import` replaces the whole set.
public struct RuleSet: Hashable, Sendable, Codable {
    public var rules: [Rule]

    public init(rules: [Rule]) {
        self.rules = rules
    }

    private enum CodingKeys: String, CodingKey {
        case rules
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // An empty file section (`rules:` with nothing under it) is an empty set, not an error.
        rules = try container.decodeIfPresent([Rule].self, forKey: .rules) ?? []
    }
}
