import Foundation
import PostdeskCore

/// The mails one change sends, gathered over every rule pass it causes: one per recipient, with every reason.
///
/// Operators are keyed by id, anyone else by address (ASCII case folded); the first template asked for a recipient
/// is the one used, later rules only add reasons.
struct NotificationPlan {
    struct OperatorEntry {
        var account: OperatorAccount
        var template: String
        var reasons: [String]
        /// Every template asked for this operator, the first (``template``) first: an opt-out or quiet hours may
        /// rule out the first and let another go.
        var templates: [String]
    }

    struct AddressEntry {
        var person: Person
        var template: String
        var reasons: [String]
        /// The ticket's customer (gets their reply token), or another address (gets none).
        var isCustomer: Bool
    }

    private(set) var operators: [OperatorEntry] = []
    private(set) var others: [AddressEntry] = []

    mutating func add(_ account: OperatorAccount, template: String, reason: String) {
        if let index = operators.firstIndex(where: { $0.account.id == account.id }) {
            if !operators[index].reasons.contains(reason) { operators[index].reasons.append(reason) }
            if !operators[index].templates.contains(template) { operators[index].templates.append(template) }
        } else {
            operators.append(
                OperatorEntry(account: account, template: template, reasons: [reason], templates: [template]))
        }
    }

    mutating func add(_ person: Person, isCustomer: Bool, template: String, reason: String) {
        let key = person.address.lowercased()
        if let index = others.firstIndex(where: { $0.person.address.lowercased() == key }) {
            if !others[index].reasons.contains(reason) { others[index].reasons.append(reason) }
        } else {
            others.append(AddressEntry(person: person, template: template, reasons: [reason], isCustomer: isCustomer))
        }
    }

    var isEmpty: Bool { operators.isEmpty && others.isEmpty }
}
