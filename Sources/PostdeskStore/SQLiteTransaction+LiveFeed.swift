import Foundation
import GRDB
import PostdeskCore

/// The reads the console's live feed and ticket page need beyond a ticket's own rows (``TicketReads``).
extension SQLiteTransaction {
    func lastEventID() throws -> Int64 {
        try Int64.fetchOne(try cached("SELECT max(id) FROM event")) ?? 0
    }

    func events(after id: Int64, limit: Int) throws -> [LoggedTicketEvent] {
        try Row.fetchAll(
            try cached("SELECT * FROM event WHERE id > ? ORDER BY id LIMIT ?"), arguments: [id, max(0, limit)]
        ).map {
            LoggedTicketEvent(
                id: $0["id"],
                event: TicketEvent(
                    ticketID: TicketID($0["ticket_id"]), kind: $0["kind"], at: $0["at"], detail: $0["detail"]))
        }
    }

    func tickets(ofCustomerAddress address: String, limit: Int) throws -> [Ticket] {
        // `customer.address` is NOCASE and unique; the subquery keeps the (customer_id, updated_at) index usable.
        try Int64.fetchAll(
            try cached(
                """
                SELECT id FROM ticket WHERE customer_id = (SELECT id FROM customer WHERE address = ?)
                ORDER BY updated_at DESC, id DESC LIMIT ?
                """),
            arguments: [address, max(0, limit)]
        ).compactMap { try ticket(id: TicketID($0)) }
    }
}
