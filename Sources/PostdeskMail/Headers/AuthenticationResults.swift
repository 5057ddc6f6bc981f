/// One `Authentication-Results` field (RFC 8601): which server checked the mail (its authserv-id) and what each
/// method (SPF, DKIM, DMARC, …) found.
///
/// Anyone can write this field into a mail, so only the receiving server's own field says anything:
/// ``verdicts(fieldValues:authservID:)`` reads the topmost field carrying the configured authserv-id and nothing else
/// (RFC 8601 §5: fields below it may have come with the mail).
public struct AuthenticationResults: Sendable, Hashable {
    /// A method's result keyword (RFC 8601 §2.7, registry of §6.3), with the raw values of Core's `AuthVerdict`.
    public enum Result: String, Sendable, Hashable, CaseIterable {
        case pass, fail, softfail, neutral, none, temperror, permerror, policy

        /// The keyword, lowercased; `hardfail` (RFC 5451's SPF spelling, still written by old milters) is `fail`.
        init?(keyword: String) {
            let keyword = keyword.lowercased()
            if keyword == "hardfail" {
                self = .fail
            } else {
                self.init(rawValue: keyword)
            }
        }
    }

    /// One `ptype.property=value` item (RFC 8601 §2.3), such as `header.from=example.com`.
    public struct Property: Sendable, Hashable {
        /// `smtp`, `header`, `body` or `policy`, lowercased.
        public var type: String
        /// `mailfrom`, `from`, `d`, `i`, …, lowercased.
        public var name: String
        /// The value as written (quotes removed).
        public var value: String
    }

    /// One `method=result` item with its reason and properties (RFC 8601 §2.2 `resinfo`).
    public struct MethodResult: Sendable, Hashable {
        /// `spf`, `dkim`, `dmarc`, `arc`, `iprev`, …, lowercased, without a `/version`.
        public var method: String
        /// The result keyword as written, lowercased.
        public var keyword: String
        /// `reason=` when present.
        public var reason: String?
        public var properties: [Property]

        /// The result, nil for a keyword not in ``Result``.
        public var result: Result? { Result(keyword: keyword) }
    }

    /// The authserv-id naming the server that did the checks; empty when the field has none (Exchange Online writes
    /// its fields so, against the grammar), and such a field can never be the configured server's.
    public var authservID: String
    /// The optional version after the authserv-id (RFC 8601 §2.2), nil when absent.
    public var version: Int?
    /// The results in order; empty for `none` (no method was applied).
    public var results: [MethodResult]

    /// The most results read from one field; a real one holds a handful.
    static let maxResults = 64
    /// The longest field value read, in bytes.
    static let maxLength = 16 * 1024

    /// Parses one unfolded field value; nil when it has no authserv-id and no result either. Malformed results are
    /// skipped up to the next `;`, never guessed at.
    /// - Parameter fieldValue: the value after `Authentication-Results:`.
    public init?(fieldValue: String) {
        var scanner = AuthenticationResultsScanner(Array(fieldValue.utf8.prefix(Self.maxLength)))
        scanner.skipCFWS()
        // Exchange Online starts with `spf=…` and no authserv-id: read that as the first result.
        var id = ""
        if let first = scanner.peekToken(), !scanner.isFollowedByEquals(first) {
            id = first.text
            scanner.position = first.end
            scanner.skipCFWS()
            if let next = scanner.peekToken(), !next.quoted, !next.text.isEmpty,
                next.text.utf8.allSatisfy(ASCII.isDigit), next.text.utf8.count < 10
            {
                version = Int(next.text)
                scanner.position = next.end
            }
        }
        authservID = id
        results = []
        var expectSeparator = !id.isEmpty
        while !scanner.atEnd, results.count < Self.maxResults {
            scanner.skipCFWS()
            if scanner.atEnd { break }
            if expectSeparator {
                guard scanner.consume(ASCII.semicolon) else {
                    scanner.skipToSemicolon()  // junk between results: the next `;` starts the next one
                    continue
                }
                scanner.skipCFWS()
            }
            expectSeparator = true
            if let result = scanner.methodResult() { results.append(result) } else { scanner.skipToSemicolon() }
        }
        if id.isEmpty, results.isEmpty { return nil }
    }

    /// The DMARC, DKIM and SPF results of the receiving server's own field: the topmost of `fieldValues` whose
    /// authserv-id equals `authservID` (case-insensitive, RFC 8601 §2.5); every other field is ignored, since the
    /// sender can write any (§5, §7.2).
    ///
    /// DMARC and SPF are the first result of their method. DKIM is `pass` when any signature passed, `fail` when
    /// every one failed, and else the first other result (a mail may carry several signatures, RFC 6376 §4.2).
    /// - Parameters:
    ///   - fieldValues: the `Authentication-Results` values, topmost (most recent) first.
    ///   - authservID: the authserv-id the mailbox's own server writes; an empty one matches nothing.
    /// - Returns: nil for each method the field does not report (or reports with an unknown keyword).
    public static func verdicts(fieldValues: [String], authservID: String)
        -> (dmarc: Result?, dkim: Result?, spf: Result?)
    {
        let wanted = authservID.trimmingCharacters(" \t").lowercased()
        guard !wanted.isEmpty,
            let own = fieldValues.lazy.compactMap(AuthenticationResults.init(fieldValue:))
                .first(where: { $0.authservID.lowercased() == wanted })
        else { return (nil, nil, nil) }
        func first(_ method: String) -> Result? {
            own.results.first { $0.method == method && $0.result != nil }?.result
        }
        let dkim = own.results.filter { $0.method == "dkim" }.compactMap(\.result)
        let dkimVerdict: Result? =
            if dkim.contains(.pass) {
                .pass
            } else if !dkim.isEmpty, dkim.allSatisfy({ $0 == .fail }) {
                .fail
            } else {
                dkim.first { $0 != .fail }
            }
        return (first("dmarc"), dkimVerdict, first("spf"))
    }
}
