import Foundation
import PostdeskApp
import PostdeskCore
import Testing

/// ARCHITECTURE §4: other tools read these shapes. Keys may be added, never renamed or dropped.
@Suite("tickets list/show --json shapes")
struct TicketJSONTests {
    static let ticket = Ticket(
        id: TicketID(12), number: TicketNumber(12), subject: "Printer", status: .open, priority: .normal, team: nil,
        customer: Person(name: "Иван", address: "ivan@example.ru"), assignee: nil, tags: [],
        createdAt: Date(timeIntervalSince1970: 1_700_000_000), updatedAt: Date(timeIntervalSince1970: 1_700_000_060),
        messageCount: 1
    )

    @Test("a list entry has exactly the contract's keys, nulls included")
    func listEntry() throws {
        let json = try TicketJSON.jsonString(TicketJSON(Self.ticket))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "number", "subject", "status", "customer", "assignee", "team", "priority", "tags", "created_at",
                "updated_at", "message_count", "mailbox",
            ])
        #expect(object["assignee"] is NSNull && object["mailbox"] is NSNull)
        #expect(object["created_at"] as? String == "2023-11-14T22:13:20Z")
    }

    @Test("show adds messages with author kind, internal flag, via, and events")
    func show() throws {
        let message = TicketMessage(
            ticketID: TicketID(12), authorKind: .customer, author: Self.ticket.customer, isInternal: false, via: .mail,
            text: "Hello", html: nil, reply: "Hello", messageIDHeader: "a@b", inboundID: nil,
            attachments: [
                AttachmentRef(
                    filename: "a.pdf", contentType: "application/pdf", size: 3, sha256: "ab",
                    contentID: nil, isInline: false)
            ],
            createdAt: Self.ticket.createdAt
        )
        let event = TicketEvent(ticketID: TicketID(12), kind: "ticket.created", at: Self.ticket.createdAt, detail: "x")
        let participants = [
            Participant(
                person: Self.ticket.customer, state: .confirmed, addedBy: "ticket.created",
                createdAt: Self.ticket.createdAt),
            Participant(
                person: Person(name: nil, address: "petr@example.ru"), state: .pending, addedBy: "mail",
                createdAt: Self.ticket.updatedAt),
        ]
        let json = try TicketJSON.jsonString(
            TicketJSON(Self.ticket, messages: [message], events: [event], participants: participants))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let messages = try #require(object["messages"] as? [[String: Any]])
        #expect(
            Set(messages[0].keys) == [
                "author", "internal", "via", "text", "reply", "created_at", "attachments", "from_new_participant",
            ])
        #expect(messages[0]["from_new_participant"] as? Bool == false)
        let listed = try #require(object["participants"] as? [[String: Any]])
        #expect(Set(listed[1].keys) == ["name", "address", "state", "added_by", "created_at"])
        #expect(listed.map { $0["state"] as? String } == ["confirmed", "pending"])
        #expect(listed[1]["name"] is NSNull && listed[1]["address"] as? String == "petr@example.ru")
        #expect((messages[0]["author"] as? [String: Any])?["kind"] as? String == "customer")
        let attachment = try #require((messages[0]["attachments"] as? [[String: Any]])?.first)
        #expect(Set(attachment.keys) == ["filename", "content_type", "size", "sha256"])
        #expect((object["events"] as? [[String: Any]])?.first?["kind"] as? String == "ticket.created")
    }

    @Test("a ticket names its mailbox and assignee; show lists time entries by the operator's address")
    func mailboxAssigneeAndTime() throws {
        // Given a ticket of the sales mailbox, assigned to Anna, with half an hour logged
        var ticket = Self.ticket
        ticket.mailbox = "sales"
        ticket.assigneeID = OperatorID(3)
        ticket.assignee = Person(name: "Anna", address: "anna@example.test")
        let entry = TimeEntry(
            ticketID: ticket.id, operatorID: OperatorID(3), minutes: 30, workType: nil, date: "2023-11-14", via: .mail,
            createdAt: ticket.createdAt)

        // When it is shown as JSON
        let json = try TicketJSON.jsonString(
            TicketJSON(
                ticket, messages: [], events: [], participants: [],
                timeEntries: [TicketJSON.TimeEntryJSON(entry, operatorAddress: "anna@example.test")]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

        // Then the mailbox, the assignee and the time entry are there, nulls included
        #expect(object["mailbox"] as? String == "sales")
        #expect((object["assignee"] as? [String: Any])?["address"] as? String == "anna@example.test")
        let entries = try #require(object["time_entries"] as? [[String: Any]])
        #expect(Set(entries[0].keys) == ["operator", "minutes", "work_type", "date"])
        #expect(entries[0]["operator"] as? String == "anna@example.test" && entries[0]["minutes"] as? Int == 30)
        #expect(entries[0]["work_type"] is NSNull && entries[0]["date"] as? String == "2023-11-14")
        // And a list entry has no time entries key
        #expect(try !TicketJSON.jsonString(TicketJSON(ticket)).contains("time_entries"))
    }

    @Test("show adds \"sla\": the policy, each due time in UTC or null, and the breached targets")
    func sla() throws {
        // Given a ticket whose first response breached, with resolution due and no next response awaited
        let sla = TicketSLA(
            policy: "urgent", firstResponseDue: Date(timeIntervalSince1970: 1_700_003_600), nextResponseDue: nil,
            resolutionDue: Date(timeIntervalSince1970: 1_700_057_600), breached: ["first_response"],
            warned: ["resolution"])

        // When it is shown as JSON
        let json = try TicketJSON.jsonString(TicketJSON(Self.ticket, messages: [], events: [], sla: .some(sla)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

        // Then "sla" has exactly the contract's keys, ISO-8601 Z dates and null for what is not measured
        let shown = try #require(object["sla"] as? [String: Any])
        #expect(Set(shown.keys) == ["policy", "first_response_due", "next_response_due", "resolution_due", "breached"])
        #expect(shown["policy"] as? String == "urgent")
        #expect(shown["first_response_due"] as? String == "2023-11-14T23:13:20Z")
        #expect(shown["next_response_due"] is NSNull)
        #expect(shown["resolution_due"] as? String == "2023-11-15T14:13:20Z")
        #expect(shown["breached"] as? [String] == ["first_response"])

        // And a ticket without a policy shows "sla": null, while a list entry has no "sla" key at all
        let none = try TicketJSON.jsonString(TicketJSON(Self.ticket, messages: [], events: [], sla: .some(nil)))
        let noneObject = try #require(try JSONSerialization.jsonObject(with: Data(none.utf8)) as? [String: Any])
        #expect(noneObject.keys.contains("sla") && noneObject["sla"] is NSNull)
        #expect(try !TicketJSON.jsonString(TicketJSON(Self.ticket)).contains("\"sla\""))
    }

    @Test("show adds \"customer_suppressed\": until when and why automatic mail to the customer is held back")
    func customerSuppressed() throws {
        let held = AddressSuppression(
            address: "ivan@example.ru", reason: "mail <a@b> bounced permanently (5.1.1)",
            until: Date(timeIntervalSince1970: 1_700_003_600))
        let json = try TicketJSON.jsonString(
            TicketJSON(Self.ticket, messages: [], events: [], suppression: .some(held)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let shown = try #require(object["customer_suppressed"] as? [String: Any])
        #expect(Set(shown.keys) == ["until", "reason"])
        #expect(shown["until"] as? String == "2023-11-14T23:13:20Z")
        let none = try TicketJSON.jsonString(TicketJSON(Self.ticket, messages: [], events: [], suppression: .some(nil)))
        #expect(none.contains("\"customer_suppressed\" : null") || none.contains("\"customer_suppressed\":null"))
        #expect(try !TicketJSON.jsonString(TicketJSON(Self.ticket)).contains("customer_suppressed"))
    }

    @Test("show adds \"form\": the portal form's values by field name, {} for a mailed ticket")
    func formValues() throws {
        // Given a ticket opened through the portal form with a number, a date and a checkbox
        let values = [
            FormValue(name: "order", label: "Order number", kind: .number, value: "12.5"),
            FormValue(name: "since", label: "Since", kind: .date, value: "2026-11-30"),
            FormValue(name: "urgent", label: "Urgent", kind: .checkbox, value: "yes"),
        ]

        // When it is shown as JSON
        let json = try TicketJSON.jsonString(TicketJSON(Self.ticket, messages: [], events: [], form: values))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

        // Then "form" holds each value with its label and kind, keyed by the field's name
        let form = try #require(object["form"] as? [String: [String: String]])
        #expect(Set(form.keys) == ["order", "since", "urgent"])
        #expect(form["order"] == ["label": "Order number", "kind": "number", "value": "12.5"])
        #expect(form["urgent"]?["value"] == "yes")

        // And a mailed ticket shows an empty object, while a list entry has no "form" key at all
        let mailed = try TicketJSON.jsonString(TicketJSON(Self.ticket, messages: [], events: [], form: []))
        let mailedObject = try #require(try JSONSerialization.jsonObject(with: Data(mailed.utf8)) as? [String: Any])
        #expect((mailedObject["form"] as? [String: Any])?.isEmpty == true)
        #expect(try !TicketJSON.jsonString(TicketJSON(Self.ticket)).contains("\"form\""))
    }
}
