import Foundation
import GRDB
import PostdeskCore
import PostdeskCrypto

extension Seeder {
    /// Tickets `first…last` with their portal link, participant, messages, a creation event and, for most finished
    /// tickets, a time entry. Old tickets are mostly closed, recent ones open, like a working helpdesk.
    mutating func tickets(from first: Int, through last: Int) throws {
        let insertTicket = try db.cachedStatement(
            sql: """
                INSERT INTO ticket (id, subject, status, priority, team, customer_id, assignee_id, tags, created_at,
                                    updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let insertLink = try db.cachedStatement(
            sql: """
                INSERT INTO portal_link (token_sha256, ticket_id, recipient_address, created_at) VALUES (?, ?, ?, ?)
                """)
        let insertParticipant = try db.cachedStatement(
            sql: """
                INSERT INTO participant (ticket_id, address, name, state, added_by, created_at)
                VALUES (?, ?, ?, 'confirmed', 'ticket.created', ?)
                """)
        let insertMessage = try db.cachedStatement(
            sql: """
                INSERT INTO message (ticket_id, author_kind, author_name, author_address, internal, via, text, reply,
                                     created_at)
                VALUES (?, ?, ?, ?, ?, 'mail', ?, ?, ?)
                """)
        let insertEvent = try db.cachedStatement(
            sql: "INSERT INTO event (ticket_id, kind, at, detail) VALUES (?, 'ticket.created', ?, 'seeded')")
        let insertTime = try db.cachedStatement(
            sql: """
                INSERT INTO time_entry (ticket_id, operator_id, minutes, work_type, date, via, created_at)
                VALUES (?, ?, ?, ?, ?, 'portal', ?)
                """)
        let start = plan.now.addingTimeInterval(-Self.span)
        let step = Self.span / Double(plan.tickets)
        var system = SystemRandomNumberGenerator()
        for index in first...last {
            let id = Int64(index)
            let customer = random.below(plan.customers) + 1
            let russian = Self.isRussian(customer: customer)
            let language: SeedText.Language = russian ? .russian : .english
            let customerName = Self.personName(customer, russian: russian)
            let customerAddress = "c\(customer)@seed.test"
            // Whole seconds and whole minutes: equal timestamps happen, as they do when mail arrives in bursts.
            let created = Date(timeIntervalSince1970: (start.timeIntervalSince1970 + Double(index) * step).rounded())
            let age = plan.now.timeIntervalSince(created)
            let lifetime = Double(random.below(Int(min(max(age, 1), 20 * 86_400))))
            // Down to the minute, never before creation, so never after `now` either.
            let minute = ((created.timeIntervalSince1970 + lifetime) / 60).rounded(.down) * 60
            let updated = Date(timeIntervalSince1970: max(minute, created.timeIntervalSince1970))
            let status: TicketStatus =
                age > 30 * 86_400
                ? random.weighted([(.closed, 75), (.solved, 20), (.pending, 3), (.open, 2)])
                : random.weighted([(.new, 20), (.open, 35), (.pending, 25), (.solved, 15), (.closed, 5)])
            let priority: TicketPriority = random.weighted([(.low, 10), (.normal, 65), (.high, 20), (.urgent, 5)])
            let team = random.chance(90) ? random.below(plan.teams) : nil
            let pool = team.map { teamMembers[$0] } ?? operators.map(\.id)
            let unassigned = status == .new ? random.chance(60) : random.chance(5)
            let assignee = unassigned || pool.isEmpty ? nil : random.pick(pool)
            let tags = (0..<random.below(3)).map { _ in random.pick(Self.tags) }
            let tagsJSON = "[" + Set(tags).sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
            let topic = SeedText.topic(language, &random)
            let number = 100_000 + random.below(900_000)
            let subject = SeedText.fill(random.pick(topic.subject), number: number, language, &random)

            try insertTicket.execute(arguments: [
                id, subject, status.rawValue, priority.rawValue, team.map { "t\($0 + 1)" }, customer, assignee,
                tagsJSON, created, updated,
            ])
            let token = (0..<4).map { _ in String(system.next() as UInt32, radix: 16) }.joined()
            try insertLink.execute(arguments: [SHA256.hex(Array(token.utf8)), id, customerAddress, created])
            try insertParticipant.execute(arguments: [id, customerAddress, customerName, created])
            try insertEvent.execute(arguments: [id, created])

            let operatorName = assignee.flatMap { operatorNames[$0] } ?? operators.first?.name ?? "Support"
            let (hello, signature) = SeedText.greeting(language, operator: operatorName)
            let count = plan.messagesPerTicket
            for position in 0..<count {
                let at = created.addingTimeInterval(lifetime * Double(position) / Double(max(count - 1, 1)))
                let fromCustomer = position % 2 == 0
                let note = !fromCustomer && position == 3 && random.chance(10)
                let body = SeedText.fill(
                    random.pick(fromCustomer ? topic.customer : topic.reply), number: number, language, &random)
                let text = fromCustomer ? "\(hello)\n\(body)\n\(customerName)" : "\(hello)\n\(body)\n\(signature)"
                try insertMessage.execute(arguments: [
                    id, fromCustomer ? "customer" : "operator", fromCustomer ? customerName : operatorName,
                    fromCustomer ? customerAddress : assignee.flatMap { operatorAddresses[$0] }, note, text, body, at,
                ])
                messages += 1
            }
            if let assignee, status == .solved || status == .closed, random.chance(60) {
                let day = String(
                    ISO8601DateFormatter.string(from: updated, timeZone: .gmt, formatOptions: .withFullDate))
                try insertTime.execute(arguments: [
                    id, assignee, random.pick([5, 10, 15, 30, 45, 60, 90, 120]), random.pick(Self.workTypes), day,
                    updated,
                ])
                timeEntries += 1
            }
        }
    }
}
