import Foundation
import PostdeskCore
import PostdeskWorkflow

/// The admin forms' fields read into values, or the sentence naming the first bad one. Pure: every value posted is
/// hostile, and nothing past here checks it again.
enum AdminInput {
    /// `user add`'s checks on the "add an operator" form: a mail address, a name without control characters
    /// (it goes into From display names), the role operator or admin, teams as a comma-separated list.
    static func newUser(_ form: [String: String], strings a: AdminStrings) -> Result<NewUser, AdminRefusal> {
        guard let role = Role(rawValue: form["role"] ?? ""), role == .operator || role == .admin else {
            return .failure(AdminRefusal(a.errRole))
        }
        guard let address = EmailAddress((form["email"] ?? "").trimmingCharacters(in: .whitespaces)) else {
            return .failure(AdminRefusal(a.errEmail))
        }
        let rawName = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !hasControl(rawName), rawName.count <= 200 else { return .failure(AdminRefusal(a.errName)) }
        return .success(
            NewUser(
                role: role, address: address, name: rawName.isEmpty ? nil : rawName, teams: list(form["teams"])))
    }

    /// A field of the ticket form, checked on save: the name syntax (`[a-z0-9_-]{1,64}`), both labels, a known
    /// type, choices exactly for a choice field, a whole-number position.
    static func formField(_ form: [String: String], strings a: AdminStrings) -> Result<FormField, AdminRefusal> {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard isFieldName(name) else { return .failure(AdminRefusal(a.errFieldName)) }
        let labelEN = (form["label_en"] ?? "").trimmingCharacters(in: .whitespaces)
        let labelRU = (form["label_ru"] ?? "").trimmingCharacters(in: .whitespaces)
        for label in [labelEN, labelRU] where label.isEmpty || label.count > 200 || hasControl(label) {
            return .failure(AdminRefusal(a.errLabel))
        }
        guard let kind = FormFieldKind(rawValue: form["kind"] ?? "") else { return .failure(AdminRefusal(a.errKind)) }
        let choices = list(form["choices"])
        if kind == .choice, choices.isEmpty { return .failure(AdminRefusal(a.errChoices)) }
        if kind != .choice, !choices.isEmpty { return .failure(AdminRefusal(a.errChoicesOther)) }
        if choices.contains(where: { $0.count > 200 || hasControl($0) }) || choices.count > 100 {
            return .failure(AdminRefusal(a.errChoices))
        }
        let positionText = (form["position"] ?? "").trimmingCharacters(in: .whitespaces)
        guard let position = positionText.isEmpty ? 0 : Int(positionText), abs(position) <= 1_000_000 else {
            return .failure(AdminRefusal(a.errPosition))
        }
        return .success(
            FormField(
                name: name, labelEN: labelEN, labelRU: labelRU, kind: kind, isRequired: form["required"] == "on",
                choices: choices, position: position))
    }

    /// The form with `field` added, or replacing the field of the same name; by position, then name.
    static func fields(_ fields: [FormField], with field: FormField) -> [FormField] {
        (fields.filter { $0.name != field.name } + [field]).sorted { ($0.position, $0.name) < ($1.position, $1.name) }
    }

    /// A work type price as `worktype add` reads it: name, amount in the currency, first day (today when empty).
    static func workTypePrice(_ form: [String: String], today: String, strings a: AdminStrings)
        -> Result<(name: String, price: WorkTypePrice), AdminRefusal>
    {
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard (1...64).contains(name.count), !hasControl(name) else {
            return .failure(AdminRefusal(a.errWorkTypeName))
        }
        let currency = (form["currency"] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard
            let amount = Money(parsing: (form["price"] ?? "").trimmingCharacters(in: .whitespaces), currency: currency)
        else { return .failure(AdminRefusal(a.errPrice)) }
        let fromText = (form["from"] ?? "").trimmingCharacters(in: .whitespaces)
        let day: String
        if fromText.isEmpty {
            day = today
        } else {
            guard let parsed = TicketFormValidation.date(fromText) else { return .failure(AdminRefusal(a.errDate)) }
            day = parsed
        }
        return .success((name, WorkTypePrice(amount: amount, from: day)))
    }

    /// `a, b ,c` → `[a, b, c]`: trimmed, empty items dropped, at most 100.
    static func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }.prefix(100).map { $0 }
    }

    /// 1–64 of `a-z 0-9 _ -` (``FormField/name``'s contract).
    static func isFieldName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: "-")
            }
    }

    /// Control, format (zero-width, bidi) and line-separator characters: none belongs in a one-line value.
    static func hasControl(_ text: String) -> Bool {
        text.unicodeScalars.contains {
            let category = $0.properties.generalCategory
            return category == .control || category == .format || category == .lineSeparator
                || category == .paragraphSeparator
        }
    }
}
