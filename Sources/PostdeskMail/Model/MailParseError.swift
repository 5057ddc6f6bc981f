/// Why a message could not be read at all. Everything repairable becomes a warning in ``ParsedMail/warnings``.
public struct MailParseError: Error, Sendable, CustomStringConvertible, Hashable {
    /// What went wrong, as a closed but extensible set (a struct over a private enum).
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case tooLarge, notAMessage, empty
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The raw message exceeds ``MailLimits/maxBytes``.
        public static let tooLarge = Code(.tooLarge)
        /// The bytes do not look like an RFC 5322 message (no header field at all, or binary junk).
        public static let notAMessage = Code(.notAMessage)
        /// The input was empty.
        public static let empty = Code(.empty)

        public var description: String {
            switch value {
            case .tooLarge: "tooLarge"
            case .notAMessage: "notAMessage"
            case .empty: "empty"
            }
        }
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation without message content.
    public var message: String
    /// Whether parsing again can help (never, for a parser: the bytes will not change).
    public var isTransient: Bool { false }

    /// Creates an error.
    /// - Parameters:
    ///   - code: the kind of failure.
    ///   - message: an explanation that carries no message content.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "MailParseError.\(code): \(message)" }
}
