import Foundation
public import PostdeskCore

/// What is wrong with one submitted form field.
public struct FormFieldError: Sendable, Hashable {
    /// The field's name (`subject` and `text` for the two fixed fields).
    public var field: String
    public var problem: Problem

    public enum Problem: Error, Sendable, Hashable {
        case missing
        case tooLong(limit: Int)
        case notANumber
        case notADate
        case unknownChoice
        case notACheckbox
        /// A value was sent for a field the form does not have.
        case unknownField
    }

    public init(field: String, problem: Problem) {
        self.field = field
        self.problem = problem
    }
}

/// Every field's error of one submission.
public struct FormRejection: Error, Sendable, Hashable {
    public var errors: [FormFieldError]

    public init(_ errors: [FormFieldError]) {
        self.errors = errors
    }
}

/// A ticket opened on the portal, as submitted: two fixed fields and the admin's fields, still untrusted.
public struct PortalTicketSubmission: Sendable {
    public var subject: String
    public var text: String
    /// The admin's fields by name, as the form posted them (a checkbox posts a value only when ticked).
    public var values: [String: String]
    /// Files by the name of their `file` field.
    public var files: [String: Upload]
    /// More files sent with the message itself.
    public var attachments: [Upload]

    public init(
        subject: String, text: String, values: [String: String] = [:], files: [String: Upload] = [:],
        attachments: [Upload] = []
    ) {
        self.subject = subject
        self.text = text
        self.values = values
        self.files = files
        self.attachments = attachments
    }
}

/// A submission that passed ``TicketFormValidation``: every value canonical, every required field present.
public struct ValidTicketForm: Sendable, Hashable {
    public var subject: String
    public var text: String
    public var values: [FormValue]
}

/// Checks a portal submission against the admin's form. Pure: the same input always gives the same errors, one per
/// field, so the page can show each next to its field. Values stay text: nothing here is interpreted as markup.
public enum TicketFormValidation {
    /// Longest subject kept (characters).
    public static let subjectLimit = 250
    /// Longest message (characters), as much as the mail path converts to text.
    public static let textLimit = 100_000
    /// Longest value of a text field.
    public static let valueLimit = 4000

    /// - Parameters:
    ///   - submission: what the form posted.
    ///   - fields: the admin's form.
    /// - Returns: the canonical values in the form's order, or every field's error.
    public static func validate(_ submission: PortalTicketSubmission, against fields: [FormField])
        -> Result<ValidTicketForm, FormRejection>
    {
        var errors: [FormFieldError] = []
        let subject = oneLine(submission.subject)
        let text = submission.text.replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.isEmpty { errors.append(FormFieldError(field: "subject", problem: .missing)) }
        if subject.count > subjectLimit {
            errors.append(FormFieldError(field: "subject", problem: .tooLong(limit: subjectLimit)))
        }
        if text.isEmpty { errors.append(FormFieldError(field: "text", problem: .missing)) }
        if text.count > textLimit { errors.append(FormFieldError(field: "text", problem: .tooLong(limit: textLimit))) }

        var values: [FormValue] = []
        for field in fields.sorted(by: { $0.position < $1.position }) {
            switch value(of: field, in: submission) {
            case .success(let value?):
                values.append(FormValue(name: field.name, label: field.labelEN, kind: field.kind, value: value))
            case .success(nil):
                if field.isRequired { errors.append(FormFieldError(field: field.name, problem: .missing)) }
            case .failure(let problem):
                errors.append(FormFieldError(field: field.name, problem: problem))
            }
        }
        let known = Set(fields.map(\.name))
        for name in Set(submission.values.keys).union(submission.files.keys).subtracting(known).sorted() {
            errors.append(FormFieldError(field: String(name.prefix(64)), problem: .unknownField))
        }
        guard errors.isEmpty else { return .failure(FormRejection(errors)) }
        return .success(ValidTicketForm(subject: subject, text: text, values: values))
    }

    /// The canonical value of one field; nil when it was left empty.
    static func value(of field: FormField, in submission: PortalTicketSubmission)
        -> Result<String?, FormFieldError.Problem>
    {
        if field.kind == .file {
            guard let file = submission.files[field.name], !file.bytes.isEmpty else { return .success(nil) }
            return .success(Upload.safeFilename(file.filename))
        }
        let raw = oneLine(submission.values[field.name] ?? "")
        if field.kind == .checkbox {
            // An unticked box posts nothing: "no" is its answer, and required means it must be ticked.
            switch raw.lowercased() {
            case "", "off", "false", "0", "no": return .success(field.isRequired ? nil : "no")
            case "on", "true", "1", "yes": return .success("yes")
            default: return .failure(.notACheckbox)
            }
        }
        guard !raw.isEmpty else { return .success(nil) }
        switch field.kind {
        case .text:
            return raw.count > valueLimit ? .failure(.tooLong(limit: valueLimit)) : .success(raw)
        case .number:
            return number(raw).map { .success($0) } ?? .failure(.notANumber)
        case .date:
            return date(raw).map { .success($0) } ?? .failure(.notADate)
        case .choice:
            return field.choices.contains(raw) ? .success(raw) : .failure(.unknownChoice)
        case .checkbox, .file:
            return .success(raw)
        }
    }

    /// A decimal number as written: an optional minus, digits, an optional fraction (`.` or `,`). No exponents,
    /// no `nan`, at most 30 characters: it is shown, never computed with.
    static func number(_ text: String) -> String? {
        let canonical = text.replacingOccurrences(of: ",", with: ".")
        guard canonical.count <= 30,
            canonical.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil
        else { return nil }
        return canonical
    }

    /// `yyyy-MM-dd`, a real day of the Gregorian calendar between 1900 and 2999.
    public static func date(_ text: String) -> String? {
        guard let match = text.wholeMatch(of: /([0-9]{4})-([0-9]{2})-([0-9]{2})/),
            let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
            (1900...2999).contains(year), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days ? text : nil
    }

    /// One line of text: line breaks and other control characters become spaces, then it is trimmed.
    static func oneLine(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })
        ).trimmingCharacters(in: .whitespaces)
    }
}
