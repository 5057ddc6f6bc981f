import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// Operators, teams, customer accounts, watchers and time entries (issue 8 §1).
@Suite struct PeopleStoreTests {
    static func address(_ text: String) -> EmailAddress { EmailAddress(text)! }

    static func anna(teams: [String] = [], also: [String] = ["anna.k@example.test"]) -> NewUser {
        NewUser(
            role: .operator, address: address("anna@example.test"), name: "Anna", teams: teams,
            also: also.map(address))
    }

    /// The code of the `StoreError` that `work` throws; nil when it throws none.
    static func storeErrorCode(_ work: () async throws -> Void) async -> StoreError.Code? {
        do {
            try await work()
            return nil
        } catch let error as StoreError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test("an operator with several addresses and teams is found by any address, whatever its case")
    func operatorWithAddressesAndTeams() async throws {
        // Given two teams
        let db = try TemporaryStore()
        try await db.store.write { tx in
            _ = try tx.addTeam(name: "tier2", at: Fixture.now)
            _ = try tx.addTeam(name: "Billing", at: Fixture.now)
        }

        // When Anna is added with a second address, in both teams (named in another case, one twice)
        let added = try await db.store.write { tx in
            try tx.addUser(Self.anna(teams: ["tier2", "billing", "TIER2"]), at: Fixture.now)
        }

        // Then she has both addresses, the primary first, and the teams in their stored spelling, sorted
        guard case .operator(let anna) = added else { Issue.record("not an operator: \(added)"); return }
        #expect(anna.addresses == ["anna@example.test", "anna.k@example.test"])
        #expect(anna.teams == ["Billing", "tier2"])
        #expect(anna.role == .operator && anna.name == "Anna" && !anna.isDisabled && anna.createdAt == Fixture.now)

        // And any of her addresses, in any case, finds her; a stranger's finds nobody
        let found = try await db.store.read { q in
            try ["ANNA@example.test", "Anna.K@Example.Test", "bob@example.test"].map {
                try q.operatorAccount(address: $0)
            }
        }
        #expect(found == [anna, anna, nil])
        let byID = try await db.store.read { q in try q.operatorAccount(id: anna.id) }
        #expect(byID == anna)
    }

    @Test("operators and admins are listed by primary address; disabled ones only when asked")
    func listOperators() async throws {
        // Given an operator, an admin, and a disabled operator
        let db = try TemporaryStore()
        try await db.store.write { tx in
            _ = try tx.addUser(Self.anna(), at: Fixture.now)
            _ = try tx.addUser(
                NewUser(role: .admin, address: Self.address("boss@example.test"), name: nil), at: Fixture.now)
            _ = try tx.addUser(
                NewUser(role: .operator, address: Self.address("Carl@example.test"), name: "Carl"), at: Fixture.now)
            #expect(try tx.setUserDisabled(address: "carl@EXAMPLE.test", disabled: true))
        }

        // When they are listed
        let (enabled, all) = try await db.store.read { q in
            (try q.operatorAccounts(includeDisabled: false), try q.operatorAccounts(includeDisabled: true))
        }

        // Then the disabled one shows only in the full list, and roles are kept
        #expect(enabled.map(\.primaryAddress) == ["anna@example.test", "boss@example.test"])
        #expect(all.map(\.primaryAddress) == ["anna@example.test", "boss@example.test", "Carl@example.test"])
        #expect(all.map(\.role) == [.operator, .admin, .operator])
        #expect(all.map(\.isDisabled) == [false, false, true])
    }

    @Test(
        "user add refuses an address that is already an operator's and an unknown team, and leaves nothing behind",
        arguments: [
            (
                NewUser(role: .operator, address: EmailAddress("ANNA@example.test")!, name: nil),
                StoreError.Code.conflict
            ),
            (
                NewUser(
                    role: .admin, address: EmailAddress("new@example.test")!, name: nil,
                    also: [EmailAddress("anna.k@EXAMPLE.test")!]), .conflict
            ),
            (
                NewUser(role: .operator, address: EmailAddress("new@example.test")!, name: nil, teams: ["nosuch"]),
                .notFound
            ),
        ])
    func refusedUsers(user: NewUser, code: StoreError.Code) async throws {
        // Given Anna, an operator with two addresses
        let db = try TemporaryStore()
        try await db.store.write { tx in _ = try tx.addUser(Self.anna(), at: Fixture.now) }

        // When another user is added with one of her addresses, or into a team that does not exist
        let thrown = await Self.storeErrorCode {
            _ = try await db.store.write { tx in try tx.addUser(user, at: Fixture.now) }
        }

        // Then it is refused with the matching code, and no row of the new user remains
        #expect(thrown == code)
        let operators = try await db.store.read { q in try q.operatorAccounts(includeDisabled: true) }
        #expect(operators.map(\.primaryAddress) == ["anna@example.test"])
        #expect(try await db.store.read { q in try q.operatorAccount(address: "new@example.test") } == nil)
    }

    @Test("an unknown team's name is in the message")
    func unknownTeamIsNamed() async throws {
        let db = try TemporaryStore()
        do {
            _ = try await db.store.write { tx in try tx.addUser(Self.anna(teams: ["night-shift"]), at: Fixture.now) }
            Issue.record("an unknown team was accepted")
        } catch let error as StoreError {
            #expect(error.code == .notFound && error.message.contains("night-shift"), "\(error)")
        }
    }

    @Test("the same address given twice (primary and --also, any case) is stored once")
    func duplicateAddressesInOneUser() async throws {
        let db = try TemporaryStore()
        let added = try await db.store.write { tx in
            try tx.addUser(
                Self.anna(also: ["ANNA@example.test", "a2@example.test", "A2@example.test"]), at: Fixture.now)
        }
        guard case .operator(let anna) = added else { Issue.record("not an operator"); return }
        #expect(anna.addresses == ["anna@example.test", "a2@example.test"])
    }

    @Test("an operator may also be a customer: the same address writes in as one and works as the other")
    func operatorIsAlsoCustomer() async throws {
        // Given Anna once mailed in as a customer and has a ticket
        let db = try TemporaryStore()
        let ticket = try await db.store.write { tx in try tx.seedTicket(customer: "anna@example.test") }

        // When she becomes an operator, and gets a customer account too
        let (added, account) = try await db.store.write { tx in
            (
                try tx.addUser(Self.anna(also: []), at: Fixture.now),
                try tx.addUser(
                    NewUser(role: .customer, address: Self.address("anna@example.test"), name: nil), at: Fixture.now)
            )
        }

        // Then both exist, and her ticket is still hers as a customer
        guard case .operator = added, case .customer(let customer) = account else {
            Issue.record("\(added) \(account)")
            return
        }
        #expect(customer.person.address == "anna@example.test")
        let reread = try await db.store.read { q in try q.ticket(id: ticket.id) }
        #expect(reread?.customer.address == "anna@example.test")
    }

    @Test("a customer account is given to someone who mailed before or to a new address; only accounts are listed")
    func customerAccounts() async throws {
        // Given Ivan, who mailed in (no account), and Olga, who never wrote
        let db = try TemporaryStore()
        let ticket = try await db.store.write { tx in try tx.seedTicket(customer: "ivan@example.ru") }
        _ = try await db.store.write { tx in try tx.seedTicket(customer: "stranger@example.ru") }
        let later = Fixture.now.addingTimeInterval(60)

        // When both get accounts, Ivan with a name typed by the admin
        let (ivan, olga) = try await db.store.write { tx in
            (
                try tx.addUser(
                    NewUser(role: .customer, address: Self.address("IVAN@example.ru"), name: "Ivan Petrov"), at: later),
                try tx.addUser(NewUser(role: .customer, address: Self.address("olga@example.ru"), name: nil), at: later)
            )
        }

        // Then Ivan keeps his customer row (his ticket is his account's), with the new name
        guard case .customer(let ivanAccount) = ivan, case .customer(let olgaAccount) = olga else {
            Issue.record("\(ivan) \(olga)")
            return
        }
        #expect(ivanAccount.person == Person(name: "Ivan Petrov", address: "ivan@example.ru"))
        #expect(ivanAccount.createdAt == later && !ivanAccount.isDisabled)
        let reread = try await db.store.read { q in try q.ticket(id: ticket.id) }
        #expect(reread?.customer == ivanAccount.person)
        // And only the two accounts are listed, by address; the stranger who only mailed is not
        let listed = try await db.store.read { q in try q.customerAccounts() }
        #expect(listed == [ivanAccount, olgaAccount])

        // And a second account for the same address is a conflict
        let again = await Self.storeErrorCode {
            _ = try await db.store.write { tx in
                try tx.addUser(NewUser(role: .customer, address: Self.address("Ivan@Example.ru"), name: nil), at: later)
            }
        }
        #expect(again == .conflict)
    }

    @Test(
        "disable and enable work by any address of an operator, and for customer accounts; others are not found",
        arguments: [
            ("anna.k@EXAMPLE.test", true), ("olga@example.ru", true), ("ivan@example.ru", false),
            ("nobody@example.test", false),
        ])
    func disableAndEnable(address: String, exists: Bool) async throws {
        // Given Anna (operator), Olga (customer account) and Ivan (who only mailed in)
        let db = try TemporaryStore()
        try await db.store.write { tx in
            _ = try tx.addUser(Self.anna(), at: Fixture.now)
            _ = try tx.addUser(
                NewUser(role: .customer, address: Self.address("olga@example.ru"), name: nil), at: Fixture.now)
            _ = try tx.seedTicket(customer: "ivan@example.ru")
        }

        // When the address is disabled, Then it is found only when it is an account's
        #expect(try await db.store.write { tx in try tx.setUserDisabled(address: address, disabled: true) } == exists)
        let disabled = try await db.store.read { q in
            let operatorDisabled = try q.operatorAccount(address: address)?.isDisabled ?? false
            let customerDisabled = try q.customerAccounts().contains {
                $0.person.address == address.lowercased() && $0.isDisabled
            }
            return operatorDisabled || customerDisabled
        }
        #expect(disabled == exists)

        // When it is enabled again, Then no account is disabled any more
        #expect(try await db.store.write { tx in try tx.setUserDisabled(address: address, disabled: false) } == exists)
        let anyDisabled = try await db.store.read { q in
            let operators = try q.operatorAccounts(includeDisabled: true)
            let customers = try q.customerAccounts()
            return operators.contains(where: \.isDisabled) || customers.contains(where: \.isDisabled)
        }
        #expect(!anyDisabled)
    }

    @Test("team names are unique regardless of case; a team is found by any case under its stored spelling")
    func teams() async throws {
        // Given the team Billing
        let db = try TemporaryStore()
        let billing = try await db.store.write { tx in try tx.addTeam(name: "Billing", at: Fixture.now) }
        _ = try await db.store.write { tx in try tx.addTeam(name: "alpha", at: Fixture.now) }

        // When billing is added again in another case, Then it is a conflict
        let again = await Self.storeErrorCode {
            _ = try await db.store.write { tx in try tx.addTeam(name: "BILLING", at: Fixture.now) }
        }
        #expect(again == .conflict)

        // And lookups ignore case; the list is sorted by name
        let (found, missing, all) = try await db.store.read { q in
            (try q.team(named: "billing"), try q.team(named: "tier2"), try q.teams())
        }
        #expect(found == billing && found?.name == "Billing" && missing == nil)
        #expect(all.map(\.name) == ["alpha", "Billing"])
    }

    @Test("watchers are added once each, in the order they came")
    func watchers() async throws {
        // Given a ticket and two operators
        let db = try TemporaryStore()
        let (ticket, anna, boss) = try await db.store.write { tx in
            let ticket = try tx.seedTicket()
            guard case .operator(let anna) = try tx.addUser(Self.anna(), at: Fixture.now),
                case .operator(let boss) = try tx.addUser(
                    NewUser(role: .admin, address: Self.address("boss@example.test"), name: nil), at: Fixture.now)
            else { throw StoreError(code: .notFound, message: "no operator") }
            return (ticket, anna.id, boss.id)
        }

        // When Boss watches, then Anna, then Boss again
        try await db.store.write { tx in
            try tx.addWatcher(boss, to: ticket.id, at: Fixture.now)
            try tx.addWatcher(anna, to: ticket.id, at: Fixture.now.addingTimeInterval(1))
            try tx.addWatcher(boss, to: ticket.id, at: Fixture.now.addingTimeInterval(2))
        }

        // Then each is a watcher once, Boss first; another ticket has none
        let (watchers, other) = try await db.store.read { q in
            (try q.watchers(of: ticket.id), try q.watchers(of: TicketID(ticket.id.rawValue + 1)))
        }
        #expect(watchers == [boss, anna])
        #expect(other.isEmpty)
    }

    @Test("time entries round trip in order; the schema refuses zero or negative minutes")
    func timeEntries() async throws {
        // Given a ticket and Anna
        let db = try TemporaryStore()
        let (ticket, anna) = try await db.store.write { tx in
            let ticket = try tx.seedTicket()
            guard case .operator(let anna) = try tx.addUser(Self.anna(), at: Fixture.now) else {
                throw StoreError(code: .notFound, message: "no operator")
            }
            return (ticket, anna.id)
        }
        let entries = [
            TimeEntry(
                ticketID: ticket.id, operatorID: anna, minutes: 30, workType: "consulting", date: "2023-11-14",
                via: .mail, createdAt: Fixture.now),
            TimeEntry(
                ticketID: ticket.id, operatorID: anna, minutes: 90, workType: nil, date: "2023-11-15", via: .portal,
                createdAt: Fixture.now.addingTimeInterval(86_400)),
        ]

        // When both are logged
        try await db.store.write { tx in try entries.forEach(tx.append) }

        // Then they read back as written
        #expect(try await db.store.read { q in try q.timeEntries(of: ticket.id) } == entries)

        // And zero or negative minutes never reach the table
        for minutes in [0, -5] {
            var bad = entries[0]
            bad.minutes = minutes
            let entry = bad
            await #expect(throws: (any Error).self) {
                try await db.store.write { tx -> Void in try tx.append(entry) }
            }
        }
        #expect(try await db.store.read { q in try q.timeEntries(of: ticket.id) }.count == 2)
    }

    @Test("a ticket keeps its team and mailbox; the assignee is saved by id and read with name and primary address")
    func assigneeRoundTrip() async throws {
        // Given Anna in billing, and a ticket of the sales mailbox for billing
        let db = try TemporaryStore()
        let (ticket, anna) = try await db.store.write { tx in
            _ = try tx.addTeam(name: "billing", at: Fixture.now)
            guard case .operator(let anna) = try tx.addUser(Self.anna(teams: ["billing"]), at: Fixture.now) else {
                throw StoreError(code: .notFound, message: "no operator")
            }
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Fixture.now)
            let ticket = try tx.createTicket(
                NewTicket(
                    subject: "Invoice", customer: customer, priority: .high, team: "billing", mailbox: "sales",
                    portalToken: "portal-1", createdAt: Fixture.now))
            return (ticket, anna)
        }
        #expect(ticket.team == "billing" && ticket.mailbox == "sales" && ticket.priority == .high)
        #expect(ticket.assigneeID == nil && ticket.assignee == nil)

        // When it is assigned to Anna by id (the display value left stale on purpose)
        var assigned = ticket
        assigned.assigneeID = anna.id
        assigned.assignee = Person(name: "stale", address: "stale@example.test")
        try await db.store.write { [assigned] tx in try tx.update(assigned) }

        // Then it reads back with her id, name and primary address, by number and in the list
        let (byNumber, listed) = try await db.store.read { q in
            (try q.ticket(number: ticket.number), try q.tickets(limit: 10).first)
        }
        #expect(byNumber?.assigneeID == anna.id && listed?.assigneeID == anna.id)
        #expect(byNumber?.assignee == Person(name: "Anna", address: "anna@example.test"))
        #expect(byNumber?.mailbox == "sales" && byNumber?.team == "billing")

        // When it is unassigned, Then nobody is the assignee
        var unassigned = try #require(byNumber)
        unassigned.assigneeID = nil
        try await db.store.write { [unassigned] tx in try tx.update(unassigned) }
        let cleared = try await db.store.read { q in try q.ticket(id: ticket.id) }
        #expect(cleared?.assigneeID == nil && cleared?.assignee == nil)

        // And a ticket made the old way has no team and no mailbox
        let old = try await db.store.write { tx in try tx.seedTicket(customer: "olga@example.ru") }
        #expect(old.team == nil && old.mailbox == nil)
    }

    @Test(
        "an outbound mail keeps its mailbox, From display name and reply token subject",
        arguments: [
            (nil, nil, ReplyTokenSubject.recipient), ("sales", "Anna Petrova", .operator(OperatorID(7))),
            ("support", nil, ReplyTokenSubject.none),
        ] as [(String?, String?, ReplyTokenSubject)])
    func outboxColumns(mailbox: String?, fromName: String?, replyToken: ReplyTokenSubject) async throws {
        // Given a queued mail with these values
        let db = try TemporaryStore()
        let ticket = try await db.store.write { tx in try tx.seedTicket() }
        var item = Fixture.outbox(ticket: ticket.id, messageID: "m1@x")
        item.mailbox = mailbox
        item.fromName = fromName
        item.replyToken = replyToken
        _ = try await db.store.write { [item] tx in try tx.enqueue(item) }

        // When it is read back and claimed for sending
        let listed = try await db.store.read { q in try q.outbox(ticket: ticket.id) }
        let claimed = try await db.store.write { tx in try tx.claimOutbox(now: Fixture.now, limit: 10) }

        // Then every read carries the same values
        for read in [listed, claimed] {
            #expect(read.count == 1)
            #expect(read.first?.item.mailbox == mailbox)
            #expect(read.first?.item.fromName == fromName)
            #expect(read.first?.item.replyToken == replyToken)
        }
    }

    @Test("availability: present and always on shift by default, stored whole, read with the account")
    func availability() async throws {
        // Given Anna as added, and the tickets assigned to her
        let db = try TemporaryStore()
        let added = try await db.store.write { tx in try tx.addUser(Self.anna(), at: Fixture.now) }
        guard case .operator(let anna) = added else {
            Issue.record("not an operator")
            return
        }
        #expect(anna.availability == OperatorAvailability())

        // When her availability is set
        let wanted = OperatorAvailability(
            isAway: true, timeZone: "Europe/Berlin", week: "mon-fri 09:00-17:00", quietHours: "22:00-07:00",
            mutedTemplates: ["operator_activity", "operator_new_ticket"])
        let stored = try await db.store.write { tx in try tx.setAvailability(wanted, of: anna.id) }
        let missing = try await db.store.write { tx in try tx.setAvailability(wanted, of: OperatorID(999)) }

        // Then every lookup reads it back; an unknown operator is reported, not created
        #expect(stored && !missing)
        let read = try await db.store.read { q in
            (
                try q.operatorAccount(id: anna.id), try q.operatorAccount(address: "ANNA.K@example.test"),
                try q.operatorAccounts(includeDisabled: false)
            )
        }
        #expect(read.0?.availability == wanted && read.1?.availability == wanted)
        #expect(read.2.map(\.availability) == [wanted])
        // And she holds no open tickets yet
        #expect(try await db.store.read { q in try q.openTickets(assignedTo: anna.id) }.isEmpty)
    }

    @Test("an OperatorAccount encoded before availability existed decodes as present and always on shift")
    func oldAccountJSON() throws {
        let json = """
            {"id":{"rawValue":1},"name":null,"role":"operator","addresses":["a@example.test"],"teams":[],"isDisabled":false,
             "createdAt":0}
            """
        let account = try JSONDecoder().decode(OperatorAccount.self, from: Data(json.utf8))
        #expect(account.availability == OperatorAvailability())
    }
}
