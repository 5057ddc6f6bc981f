/// A team name as `team add` accepts it: 1–64 ASCII letters, digits, `-`, `_` and `.`. Such a name is one word in a
/// `#team billing` command line, a YAML value and a log field, and needs no quoting anywhere.
public struct TeamName: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    /// Nil when `text` is empty, longer than 64 characters, or holds anything but the characters above.
    public init?(_ text: String) {
        guard (1...64).contains(text.utf8.count),
            text.utf8.allSatisfy({ byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default: false
                }
            })
        else { return nil }
        rawValue = text
    }

    public var description: String { rawValue }
}
