/// A workflow step that cannot go on. Retrying the same input will not help.
public struct WorkflowError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case notFound, invalid }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// A row the step relied on is gone.
        public static let notFound = Code(.notFound)
        /// The input breaks a rule of the domain.
        public static let invalid = Code(.invalid)
        public var description: String { "\(value)" }
    }

    public var code: Code
    public var message: String
    public var isTransient: Bool { false }

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
