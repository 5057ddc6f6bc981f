/// The parts of a FETCH response the reader asks for: `UID` and the whole message `BODY[]` (RFC 9051 §7.5.2).
struct IMAPFetchData: Hashable, Sendable {
    /// The message sequence number.
    var sequence: Int
    var uid: UInt32?
    /// `BODY[]` (or `BINARY[]`, `RFC822`): the exact message bytes; `nil` when not in this response.
    var body: [UInt8]?
    /// `FLAGS`, as sent (e.g. `\Seen`); `nil` when not in this response.
    var flags: [String]?

    init(sequence: Int, uid: UInt32? = nil, body: [UInt8]? = nil, flags: [String]? = nil) {
        self.sequence = sequence
        self.uid = uid
        self.body = body
        self.flags = flags
    }

    /// Reads `(name value name value …)`; `nil` when the list is malformed.
    init?(sequence: Int, tokens: ArraySlice<IMAPToken>) {
        self.init(sequence: sequence)
        var rest = tokens
        guard rest.popFirst() == .open else { return nil }
        while let token = rest.popFirst() {
            if token == .close { return }
            guard case .atom(let rawName) = token else { return nil }
            let name = rawName.uppercased()
            guard let value = rest.popFirst() else { return nil }
            switch (name, value) {
            case ("UID", .atom(let text)):
                guard let uid = UInt32(text) else { return nil }
                self.uid = uid
            case ("BODY[]", _), ("BINARY[]", _), ("RFC822", _):
                switch value {
                case .literal(let bytes), .quoted(let bytes): body = bytes
                case .atom(let text) where text.uppercased() == "NIL": body = []
                default: return nil
                }
            case ("FLAGS", .open):
                var names: [String] = []
                while let flag = rest.popFirst(), flag != .close {
                    if case .atom(let text) = flag { names.append(text) }
                }
                flags = names
            case (_, .open):
                guard Self.skipList(&rest) else { return nil }
            default:
                break  // an attribute we did not ask for, with a one-token value
            }
        }
        return nil  // no closing parenthesis
    }

    private static func skipList(_ rest: inout ArraySlice<IMAPToken>) -> Bool {
        var depth = 1
        while let token = rest.popFirst() {
            if token == .open { depth += 1 }
            if token == .close { depth -= 1 }
            if depth == 0 { return true }
        }
        return false
    }
}
