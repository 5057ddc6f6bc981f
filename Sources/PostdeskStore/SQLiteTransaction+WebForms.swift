import Foundation
import GRDB
import PostdeskCore

/// The portal's ticket form and work types (``WebFormQueries``, ``WebFormTransaction``).
extension SQLiteTransaction {
    func formFields() throws -> [FormField] {
        try Row.fetchAll(try cached("SELECT * FROM form_field ORDER BY position, id")).map { row in
            FormField(
                name: row["name"], labelEN: row["label_en"], labelRU: row["label_ru"],
                kind: try Self.decode(row["kind"]),
                isRequired: row["required"],
                choices: try JSONDecoder().decode([String].self, from: Data((row["choices"] as String).utf8)),
                position: row["position"])
        }
    }

    func setFormFields(_ fields: [FormField]) throws {
        try cached("DELETE FROM form_field").execute()
        for field in fields {
            try cached(
                """
                INSERT INTO form_field (name, label_en, label_ru, kind, required, choices, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            ).execute(arguments: [
                field.name, field.labelEN, field.labelRU, field.kind.rawValue, field.isRequired,
                String(decoding: try JSONEncoder().encode(field.choices), as: UTF8.self), field.position,
            ])
        }
    }

    func formValues(of ticket: TicketID) throws -> [FormValue] {
        try Row.fetchAll(
            try cached("SELECT * FROM ticket_form_value WHERE ticket_id = ? ORDER BY id"), arguments: [ticket.rawValue]
        ).map { row in
            FormValue(name: row["name"], label: row["label"], kind: try Self.decode(row["kind"]), value: row["value"])
        }
    }

    func append(_ values: [FormValue], to ticket: TicketID) throws {
        for value in values {
            try cached("INSERT INTO ticket_form_value (ticket_id, name, label, kind, value) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [ticket.rawValue, value.name, value.label, value.kind.rawValue, value.value])
        }
    }

    func workTypes() throws -> [WorkType] {
        try workTypes(where: "1", [])
    }

    func workType(named name: String) throws -> WorkType? {
        try workTypes(where: "w.name = ?", [name]).first
    }

    private func workTypes(where condition: String, _ arguments: StatementArguments) throws -> [WorkType] {
        let rows = try Row.fetchAll(
            try cached(
                """
                SELECT w.name, p.currency, p.amount_minor, p.valid_from FROM work_type w
                LEFT JOIN work_type_price p ON p.work_type_id = w.id
                WHERE \(condition) ORDER BY w.name COLLATE NOCASE, p.valid_from, p.currency
                """),
            arguments: arguments)
        var types: [WorkType] = []
        for row in rows {
            let name: String = row["name"]
            if types.last?.name != name { types.append(WorkType(name: name, prices: [])) }
            if let currency: String = row["currency"] {
                types[types.count - 1].prices.append(
                    WorkTypePrice(
                        amount: Money(minorUnits: row["amount_minor"], currency: currency), from: row["valid_from"]))
            }
        }
        return types
    }

    func addWorkTypePrice(name: String, price: WorkTypePrice, at date: Date) throws -> WorkType {
        try cached("INSERT OR IGNORE INTO work_type (name, created_at) VALUES (?, ?)").execute(arguments: [name, date])
        let existing = try workType(named: name)
        if existing?.prices.contains(where: { $0.amount.currency == price.amount.currency && $0.from == price.from })
            == true
        {
            throw StoreError(
                code: .conflict,
                message: "work type '\(existing?.name ?? name)' already has a \(price.amount.currency) price from "
                    + price.from)
        }
        try cached(
            """
            INSERT INTO work_type_price (work_type_id, currency, amount_minor, valid_from)
            VALUES ((SELECT id FROM work_type WHERE name = ?), ?, ?, ?)
            """
        ).execute(arguments: [name, price.amount.currency, price.amount.minorUnits, price.from])
        return try workType(named: name) ?? WorkType(name: name, prices: [price])
    }
}
