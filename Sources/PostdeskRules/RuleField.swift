/// A field of the ``RuleSnapshot`` a condition tests, by its YAML key (`subject: {contains_any: [...]}`).
public enum RuleField: String, Hashable, Sendable, Codable, CaseIterable {
    case subject
    /// The text of the message that caused the event.
    case text
    case status
    case priority
    case team
    /// Every tag: a test holds when it holds for any one tag.
    case tags
    /// The assignee's address.
    case assignee
    /// The mailbox's name.
    case mailbox
    /// The customer's address.
    case customer
    /// The customer's address's domain, lowercased (`example.ru`).
    case customerDomain = "customer_domain"

    /// The field's values in `snapshot`: none when it is unset, several for ``tags``.
    func values(in snapshot: RuleSnapshot) -> FieldValues {
        switch self {
        case .subject: .one(snapshot.subject)
        case .text: snapshot.text.map(FieldValues.one) ?? .absent
        case .status: .one(snapshot.status.rawValue)
        case .priority: .one(snapshot.priority.rawValue)
        case .team: snapshot.team.map(FieldValues.one) ?? .absent
        case .tags: .many(snapshot.tags)
        case .assignee: snapshot.assignee.map(FieldValues.one) ?? .absent
        case .mailbox: snapshot.mailbox.map(FieldValues.one) ?? .absent
        case .customer: snapshot.customer.map { FieldValues.one($0.rawValue) } ?? .absent
        case .customerDomain: snapshot.customerDomain.map(FieldValues.one) ?? .absent
        }
    }
}

extension RuleField {
    /// The value of a field that holds at most one (every field but ``tags``, which gives nil).
    func singleValue(in snapshot: RuleSnapshot) -> String? {
        switch self {
        case .subject: snapshot.subject
        case .text: snapshot.text
        case .status: snapshot.status.rawValue
        case .priority: snapshot.priority.rawValue
        case .team: snapshot.team
        case .tags: nil
        case .assignee: snapshot.assignee
        case .mailbox: snapshot.mailbox
        case .customer: snapshot.customer?.rawValue
        case .customerDomain: snapshot.customerDomain
        }
    }
}

/// A field's values without copying an array for the common single value.
enum FieldValues {
    case absent
    case one(String)
    case many([String])

    /// Whether `test` holds for at least one value.
    func contains(where test: (String) -> Bool) -> Bool {
        switch self {
        case .absent: false
        case .one(let value): test(value)
        case .many(let values): values.contains(where: test)
        }
    }

    var isEmpty: Bool {
        switch self {
        case .absent: true
        case .one: false
        case .many(let values): values.isEmpty
        }
    }
}
