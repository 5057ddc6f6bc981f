/// Why a portal or console action was refused. Nothing was written; retrying the same input will not help.
public struct WebActionError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable {
            case notFound, notYourTicket, outsideTeam, accountDisabled, invalid, refused, tooManyFiles, fileTooLarge
            case formInvalid, quotaExceeded, uploadLimit
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        /// No such ticket, operator or work type (the web answers 404).
        public static let notFound = Code(.notFound)
        /// A customer asked for someone else's ticket (answered like ``notFound``, so numbers leak nothing).
        public static let notYourTicket = Code(.notYourTicket)
        /// An operator outside the ticket's team, while `console.operators_see_all_teams` is false.
        public static let outsideTeam = Code(.outsideTeam)
        /// The acting account is disabled.
        public static let accountDisabled = Code(.accountDisabled)
        /// A value is not acceptable (an empty reply, a bad date, a status that cannot be set).
        public static let invalid = Code(.invalid)
        /// The checks the mail commands run refused it (an unknown team, a disabled assignee); see ``reasons``.
        public static let refused = Code(.refused)
        /// More files than mail may carry.
        public static let tooManyFiles = Code(.tooManyFiles)
        /// The files are larger than mail may be.
        public static let fileTooLarge = Code(.fileTooLarge)
        /// The ticket form has errors; see ``fieldErrors``.
        public static let formInvalid = Code(.formInvalid)
        /// The attachment store is at its quota (`attachments.quota_mb`): new web uploads wait until an admin frees
        /// space or raises it. Inbound mail is never refused for it.
        public static let quotaExceeded = Code(.quotaExceeded)
        /// The customer sent more files or bytes within the hour than ``UploadAllowance`` allows; later works.
        public static let uploadLimit = Code(.uploadLimit)
        public var description: String { "\(value)" }
    }

    public var code: Code
    public var message: String
    /// The refused commands, each with its reason (``Code/refused``).
    public var reasons: [String]
    /// One error per form field (``Code/formInvalid``).
    public var fieldErrors: [FormFieldError]
    public var isTransient: Bool { false }

    public init(code: Code, message: String, reasons: [String] = [], fieldErrors: [FormFieldError] = []) {
        self.code = code
        self.message = message
        self.reasons = reasons
        self.fieldErrors = fieldErrors
    }

    public var description: String { "\(code): \(message)" }
}
