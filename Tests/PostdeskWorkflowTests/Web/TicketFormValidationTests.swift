import PostdeskCore
import PostdeskWorkflow
import Testing

/// The portal's ticket form: every submitted value is checked against the admin's fields, purely.
@Suite struct TicketFormValidationTests {
    static let fields = [
        FormField(name: "name", labelEN: "Name", labelRU: "Имя", kind: .text, isRequired: true, position: 1),
        FormField(name: "count", labelEN: "Count", labelRU: "Сколько", kind: .number, isRequired: false, position: 2),
        FormField(name: "day", labelEN: "Day", labelRU: "День", kind: .date, isRequired: false, position: 3),
        FormField(
            name: "kind", labelEN: "Kind", labelRU: "Вид", kind: .choice, isRequired: false, choices: ["A", "B"],
            position: 4),
        FormField(name: "agree", labelEN: "Agree", labelRU: "Согласен", kind: .checkbox, isRequired: true, position: 5),
        FormField(name: "file", labelEN: "File", labelRU: "Файл", kind: .file, isRequired: false, position: 6),
    ]

    static func submit(_ values: [String: String]) -> Result<ValidTicketForm, FormRejection> {
        TicketFormValidation.validate(
            PortalTicketSubmission(subject: "S", text: "T", values: values.merging(["agree": "on"]) { a, _ in a }),
            against: fields)
    }

    @Test(
        "one error per bad field",
        arguments: [
            (["name": ""], FormFieldError(field: "name", problem: .missing)),
            (["name": " \r\n\t "], FormFieldError(field: "name", problem: .missing)),
            (["name": "x", "count": "12abc"], FormFieldError(field: "count", problem: .notANumber)),
            (["name": "x", "count": "1e5"], FormFieldError(field: "count", problem: .notANumber)),
            (["name": "x", "count": "nan"], FormFieldError(field: "count", problem: .notANumber)),
            (["name": "x", "day": "2023-02-29"], FormFieldError(field: "day", problem: .notADate)),
            (["name": "x", "day": "29.02.2024"], FormFieldError(field: "day", problem: .notADate)),
            (["name": "x", "kind": "a"], FormFieldError(field: "kind", problem: .unknownChoice)),
            (
                ["name": "x", "kind": "A'; DROP TABLE ticket;--"],
                FormFieldError(field: "kind", problem: .unknownChoice)
            ),
            (["name": "x", "agree": "maybe"], FormFieldError(field: "agree", problem: .notACheckbox)),
            (["name": "x", "agree": "off"], FormFieldError(field: "agree", problem: .missing)),
            (["name": "x", "is_admin": "1"], FormFieldError(field: "is_admin", problem: .unknownField)),
            (
                ["name": String(repeating: "x", count: 4001)],
                FormFieldError(field: "name", problem: .tooLong(limit: 4000))
            ),
        ])
    func errors(_ values: [String: String], expected: FormFieldError) {
        #expect(Self.submit(values) == .failure(FormRejection([expected])))
    }

    @Test(
        "good values become canonical text; hostile text stays text",
        arguments: [
            ("name", "<script>alert(1)</script>", "<script>alert(1)</script>"),
            ("name", "Ivan\r\nBcc: x@evil.test", "Ivan  Bcc: x@evil.test"),
            ("name", "{{#partial}}{{/partial}}", "{{#partial}}{{/partial}}"),
            ("count", "-3,50", "-3.50"),
            ("day", "2024-02-29", "2024-02-29"),
            ("kind", " B ", "B"),
        ])
    func values(_ field: String, _ submitted: String, _ kept: String) throws {
        var values = ["name": "x"]
        values[field] = submitted
        let form = try Self.submit(values).get()
        #expect(form.values.first { $0.name == field }?.value == kept)
    }

    @Test("a form with every field left empty but the required ones: the optional ones are simply absent")
    func optional() throws {
        let form = try Self.submit(["name": "Ivan"]).get()
        #expect(form.values.map(\.name) == ["name", "agree"])
        #expect(form.values.map(\.value) == ["Ivan", "yes"])
    }

    @Test("subject and text are required, and the subject is one line")
    func fixed() {
        let result = TicketFormValidation.validate(
            PortalTicketSubmission(subject: " ", text: "\n", values: ["name": "x", "agree": "on"]), against: Self.fields
        )
        #expect(
            result
                == .failure(
                    FormRejection([
                        FormFieldError(field: "subject", problem: .missing),
                        FormFieldError(field: "text", problem: .missing),
                    ])))
    }
}
