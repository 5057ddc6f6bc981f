import Foundation

/// Where the next page of a keyset-paginated list starts: the sort key and the number of the last row shown.
///
/// Opaque outside the store: the web puts ``token`` in the `page=` link and reads it back with ``init(token:)``,
/// which refuses anything the store did not make (a hostile or stale URL then shows the first page).
public struct QueueCursor: Hashable, Sendable {
    /// Which order it belongs to: a cursor of one order never continues another.
    public var sort: QueueSort
    /// The last row's sort key as the store compares it (its own encoding).
    public var key: String
    /// The last row's ticket id.
    public var ticket: TicketID

    /// The longest token ``init(token:)`` reads.
    public static let maximumTokenLength = 200

    public init(sort: QueueSort, key: String, ticket: TicketID) {
        self.sort = sort
        self.key = key
        self.ticket = ticket
    }

    /// The URL-safe text form: `<key name>.<a|d>.<ticket id>.<base64url sort key>`.
    public var token: String {
        let key = Data(key.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "\(sort.key.rawValue).\(sort.descending ? "d" : "a").\(ticket.rawValue).\(key)"
    }

    /// Reads a ``token``; nil for anything else.
    public init?(token: String) {
        guard token.utf8.count <= Self.maximumTokenLength else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, let key = QueueSort.Key(rawValue: String(parts[0])),
            parts[1] == "d" || parts[1] == "a", let id = Int64(parts[2]), id > 0,
            parts[3].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { return nil }
        var base64 = parts[3].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            return nil
        }
        self.init(sort: QueueSort(key, descending: parts[1] == "d"), key: text, ticket: TicketID(id))
    }
}
