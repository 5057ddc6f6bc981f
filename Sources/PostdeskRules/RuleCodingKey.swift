/// A coding key spelled by the data: the YAML words of conditions and actions (`any`, `contains_any`, `set_team`)
/// are keys of one-key mappings, so they are read as dynamic keys rather than a fixed `CodingKeys` enum.
struct RuleCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension KeyedDecodingContainer where Key == RuleCodingKey {
    /// The single key of a one-key mapping (`{set_team: billing}`); a mapping with none or several is refused with
    /// its keys named, because a YAML author who wrote two tests in one entry meant `all:` or made a typo.
    func onlyKey(what: String) throws -> RuleCodingKey {
        guard allKeys.count == 1, let key = allKeys.first else {
            let keys = allKeys.map(\.stringValue).sorted().joined(separator: ", ")
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath,
                    debugDescription: "a \(what) is a mapping with exactly one key, found [\(keys)]"))
        }
        return key
    }
}
