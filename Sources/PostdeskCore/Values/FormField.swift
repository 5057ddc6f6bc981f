/// One field of the ticket form the admin configured for the portal (`/tickets/new`).
public struct FormField: Hashable, Codable, Sendable {
    /// The form field's name in the POST body and in stored values: 1–64 of `a-z 0-9 _ -`, unique.
    public var name: String
    public var labelEN: String
    public var labelRU: String
    public var kind: FormFieldKind
    public var isRequired: Bool
    /// The allowed values of a `choice` field, in the order shown; empty for other kinds.
    public var choices: [String]
    /// Fields are shown by ascending position.
    public var position: Int

    public init(
        name: String, labelEN: String, labelRU: String, kind: FormFieldKind, isRequired: Bool,
        choices: [String] = [], position: Int
    ) {
        self.name = name
        self.labelEN = labelEN
        self.labelRU = labelRU
        self.kind = kind
        self.isRequired = isRequired
        self.choices = choices
        self.position = position
    }

    /// The label in `language` (`ru`, else English).
    public func label(in language: String) -> String {
        language.lowercased().hasPrefix("ru") && !labelRU.isEmpty ? labelRU : labelEN
    }
}

/// What a form field holds. Raw values are the SQL and admin-form spelling.
public enum FormFieldKind: String, Codable, Sendable, CaseIterable {
    case text, number, date, choice, checkbox, file
}

/// A submitted, validated value of one form field, kept on the ticket (shown above its first message).
public struct FormValue: Hashable, Codable, Sendable {
    public var name: String
    /// The field's English label when the ticket was opened: a later edit of the form leaves old tickets readable.
    public var label: String
    public var kind: FormFieldKind
    /// Canonical text: a number as written (`12.5`), a date `yyyy-MM-dd`, a choice as configured, a checkbox
    /// `yes`/`no`, a file's name (the file itself is an attachment of the first message).
    public var value: String

    public init(name: String, label: String, kind: FormFieldKind, value: String) {
        self.name = name
        self.label = label
        self.kind = kind
        self.value = value
    }
}
