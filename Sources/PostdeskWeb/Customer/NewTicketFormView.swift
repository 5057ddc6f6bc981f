import PostdeskCore
import PostdeskWorkflow

/// The new-ticket form (`/tickets/new`): the fixed subject and message, the admin's typed fields in their order with
/// labels in the page's language, and more files. After a refused submission each field shows what was entered and
/// its own error. With no fields configured it is the sensible default: subject, message, files.
struct NewTicketFormView: Encodable {
    struct Option: Encodable {
        var value: String
        var selected: Bool
    }

    struct Field: Encodable {
        var name: String
        var label: String
        var required: Bool
        var value: String
        var error: String?
        var isCheckbox = false
        var checked = false
        var isTextarea = false
        var isInput = false
        var inputType = "text"
        var isNumber = false
        var isChoice = false
        var options: [Option] = []
        var isFile = false
        var multiple = false
    }

    var fields: [Field]
    var hasErrors: Bool
    /// A problem not tied to one field (the form changed, files too large).
    var problem: String?
    /// This page's own strings.
    var tc: CustomerStrings = .english

    /// The names the page itself posts besides the admin's fields.
    static let fixedNames: Set<String> = ["csrf", "subject", "text", "files"]

    /// - Parameters:
    ///   - fields: the admin's form.
    ///   - entered: what was posted (empty for a fresh form).
    ///   - errors: each field's problem after a refused submission.
    init(
        fields admin: [FormField], language: UILanguage, entered: [String: String] = [:],
        errors: [FormFieldError] = [], problem: String? = nil
    ) {
        let t = language.strings
        let tc = language.customer
        let byField = Dictionary(errors.map { ($0.field, tc.text(for: $0.problem)) }, uniquingKeysWith: { a, _ in a })
        var fields = [
            Field(
                name: "subject", label: tc.subject, required: true, value: entered["subject"] ?? "",
                error: byField["subject"], isInput: true)
        ]
        fields.append(
            Field(
                name: "text", label: tc.message, required: true, value: entered["text"] ?? "",
                error: byField["text"], isTextarea: true))
        for field in admin.sorted(by: { $0.position < $1.position }) {
            let value = entered[field.name] ?? ""
            var shown = Field(
                name: field.name, label: field.label(in: t.lang), required: field.isRequired, value: value,
                error: byField[field.name])
            switch field.kind {
            case .text: shown.isInput = true
            case .number:
                shown.isInput = true
                shown.isNumber = true
            case .date:
                shown.isInput = true
                shown.inputType = "date"
            case .choice:
                shown.isChoice = true
                shown.options = field.choices.map { Option(value: $0, selected: $0 == value) }
            case .checkbox:
                shown.isCheckbox = true
                shown.checked = ["on", "true", "1", "yes"].contains(value.lowercased())
            case .file:
                shown.isFile = true
            }
            fields.append(shown)
        }
        fields.append(
            Field(
                name: "files", label: tc.files, required: false, value: "", error: nil, isFile: true, multiple: true))
        self.fields = fields
        self.problem = problem
        hasErrors = !errors.isEmpty || problem != nil
    }

    /// The posted form as a submission: the fixed fields, the admin's values (every other text field but the
    /// token), the first file of each other file field, and the files sent with the message.
    static func submission(form: [String: String], files: [String: [Upload]]) -> PortalTicketSubmission {
        PortalTicketSubmission(
            subject: form["subject"] ?? "", text: form["text"] ?? "",
            values: form.filter { !fixedNames.contains($0.key) },
            files: files.filter { $0.key != "files" }.compactMapValues { $0.first { !$0.bytes.isEmpty } },
            attachments: files["files"] ?? [])
    }
}
