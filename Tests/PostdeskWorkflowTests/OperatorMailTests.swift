import Foundation
import PostdeskCore
import PostdeskWorkflow
import Testing

/// Issue 8: operators work from their mail client. Proof of identity, replies relayed to the customer side only,
/// internal notes, commands, and who hears of what.
@Suite struct OperatorMailTests {
    let h: WorkflowHarness
    let one = TicketNumber(1)
    let support = MailboxProfile(
        name: "support", address: EmailAddress("support@example.test")!, displayName: "Support",
        defaultTeam: "support")
    var anna: OperatorAccount
    var boris: OperatorAccount
    var sales: OperatorAccount

    /// Given operators Anna and Boris in team support, Sergei in team sales, and ticket #1 from Ivan in support@.
    init() async throws {
        h = try WorkflowHarness()
        anna = try await h.addOperator("anna@example.test", name: "Anna", teams: ["support"], also: ["a@home.test"])
        boris = try await h.addOperator("boris@example.test", name: "Boris", teams: ["support"])
        sales = try await h.addOperator("sergei@example.test", name: "Sergei", teams: ["sales"])
        _ = try await h.apply(mail(messageID: "c1@example.ru", mailbox: support))
        h.world.advance(by: 60)
    }

    /// Anna's answer to a notification about #1: her token, from her address.
    func fromAnna(_ text: String, address: String = "anna@example.test", id: String = "a1@example.test")
        -> InboundMessage
    {
        mail(
            from: address, name: "Anna", subject: "Re: [#1] Printer on fire", text: text, messageID: id,
            hints: ThreadHints(operatorToken: OperatorTokenClaim(ticket: one, operatorID: anna.id)), mailbox: support)
    }

    @Test("a new ticket notifies its mailbox's team, not other teams")
    func newTicketNotifiesTeam() async throws {
        let ticket = try #require(try await h.ticket(one))
        #expect(ticket.team == "support" && ticket.mailbox == "support")
        let notified = try await h.outbox(one, template: "operator_new_ticket")
        #expect(Set(notified.map(\.item.recipient.address)) == ["anna@example.test", "boris@example.test"])
        for item in notified {
            // Each is signed for that operator, and carries the conversation, never the customer's portal link.
            guard case .operator(let id) = item.item.replyToken else {
                Issue.record("no operator token")
                continue
            }
            #expect(id == (item.item.recipient.address == "anna@example.test" ? anna.id : boris.id))
            let model = try h.model(item)
            #expect(model.portalToken == nil && model.conversation?.first?.text == "It is burning.")
            #expect(item.item.mailbox == "support")
        }
    }

    @Test("with no team, every enabled operator hears of a new ticket; a disabled one hears nothing")
    func newTicketWithoutTeam() async throws {
        try await h.addOperator("gone@example.test", teams: ["support"], disabled: true)
        _ = try await h.apply(mail(from: "olga@example.ru", messageID: "o1@example.ru"))
        let notified = try await h.outbox(TicketNumber(2), template: "operator_new_ticket")
        #expect(
            Set(notified.map(\.item.recipient.address))
                == ["anna@example.test", "boris@example.test", "sergei@example.test"])
    }

    @Test("an operator's reply is relayed to the confirmed participants only, in the customer's thread")
    func replyIsRelayed() async throws {
        // Given a pending stranger on the ticket
        _ = try await h.apply(
            mail(
                from: "mallory@evil.test", messageID: "m1@evil.test",
                hints: ThreadHints(referencedMessageIDs: ["c1@example.ru"]), mailbox: support))

        // When Anna answers from her second address
        let outcome = try await h.apply(fromAnna("Please restart it.", address: "A@home.test"))

        // Then one copy goes to Ivan, from the mailbox with Anna's name, threaded under his mail
        #expect(outcome == .followUp(one))
        let relays = try await h.outbox(one, template: "operator_reply")
        #expect(relays.map(\.item.recipient.address) == ["ivan@example.ru"])
        let relay = try #require(relays.first)
        #expect(relay.item.fromName == "Anna" && relay.item.replyToken == .recipient)
        #expect(relay.item.inReplyTo == "c1@example.ru" && relay.item.references == ["c1@example.ru"])
        #expect(try h.model(relay).body == "Please restart it." && relay.item.isAutomatic == false)
        // And the ticket waits for the customer; the message is Anna's
        #expect(try await h.ticket(one)?.status == .pending)
        let last = try #require(try await h.messages(one).last)
        #expect(last.authorKind == .operator && last.author?.address == "anna@example.test" && !last.isInternal)
        // And Boris, who follows nothing yet, is not told; Anna is never told of her own reply
        #expect(try await h.outbox(one, template: "operator_activity").isEmpty)
    }

    @Test("#internal makes a note: nothing reaches the customer, watchers are told")
    func internalNote() async throws {
        _ = try await h.apply(fromAnna("Looks like the fuser.", id: "a0@example.test"))
        let before = try await h.outbox(one, template: "operator_reply").count
        // Boris writes a note; Anna follows the ticket since her reply
        let note = mail(
            from: "boris@example.test", subject: "Re: [#1]", text: "#internal\n\nCheck the warranty first.",
            messageID: "b1@example.test",
            hints: ThreadHints(operatorToken: OperatorTokenClaim(ticket: one, operatorID: boris.id)), mailbox: support)
        #expect(try await h.apply(note) == .followUp(one))
        #expect(try await h.outbox(one, template: "operator_reply").count == before)
        let last = try #require(try await h.messages(one).last)
        #expect(last.isInternal && last.reply == "Check the warranty first.")
        let told = try await h.outbox(one, template: "operator_activity")
        #expect(told.map(\.item.recipient.address) == ["anna@example.test"])
        #expect(try h.model(#require(told.first)).conversation?.first?.isInternal == true)
    }

    @Test("commands change the ticket, one event each, and relay nothing")
    func commands() async throws {
        let outcome = try await h.apply(
            fromAnna("#status solved\n#assign boris\n#priority high\n#tag VIP\n#time 1h30m consulting\n"))
        #expect(outcome == .followUp(one))
        let ticket = try #require(try await h.ticket(one))
        #expect(ticket.status == .solved && ticket.assigneeID == boris.id && ticket.priority == .high)
        #expect(ticket.tags == ["vip"])
        let kinds = try await h.events(one).map(\.kind)
        for kind in ["status.changed", "assignee.changed", "priority.changed", "tags.changed", "time.logged"] {
            #expect(kinds.contains(kind), "\(kind)")
        }
        let entry = try #require(try await h.timeEntries(one).first)
        #expect(entry.minutes == 90 && entry.workType == "consulting" && entry.operatorID == anna.id)
        #expect(try await h.outbox(one, template: "operator_reply").isEmpty)
        // Boris hears he was assigned
        #expect(
            try await h.outbox(one, template: "operator_assigned").map(\.item.recipient.address) == [
                "boris@example.test"
            ])
    }

    @Test("a bad command applies nothing and mails the operator which line and why")
    func refusedCommand() async throws {
        let outcome = try await h.apply(fromAnna("#status done\n#team nosuch\nHello Ivan"))
        guard case .ignored(let reason, _) = outcome else {
            Issue.record("not refused: \(outcome)")
            return
        }
        #expect(reason.contains("line 1") && reason.contains("line 2"))
        #expect(try await h.ticket(one)?.status == .new)
        #expect(try await h.outbox(one, template: "operator_reply").isEmpty)
        let refusal = try #require(try await h.outbox(one, template: "command_refused").first)
        #expect(refusal.item.recipient.address == "anna@example.test")
        #expect(try h.model(refusal).refusals?.map(\.line) == ["line 1: #status done", "line 2: #team nosuch"])
    }

    @Test(
        "no proof, no operator: each forgery is quarantined with its reason",
        arguments: [
            ("From the operator's address without a token", "anna@example.test", false, SenderEvidence(), "without"),
            ("an operator token from another address", "mallory@evil.test", true, SenderEvidence(), "not one of"),
            (
                "an operator token whose From fails DMARC", "anna@example.test", true, SenderEvidence(dmarc: .fail),
                "DMARC"
            ),
            (
                "an operator token whose envelope sender, checked by the server, is someone else", "anna@example.test",
                true, SenderEvidence(envelopeDiffersFromFrom: true), "envelope sender"
            ),
            (
                "an operator token on a mail whose From is not one plain mailbox", "anna@example.test", true,
                SenderEvidence(ambiguousFrom: "it has 2 From fields"), "2 From fields"
            ),
        ])
    func forgeries(_ name: String, from: String, withToken: Bool, evidence: SenderEvidence, says: String) async throws {
        let forged = mail(
            from: from, subject: "Re: [#1]", text: "Refund approved, send your card number.", messageID: "f@x.test",
            hints: ThreadHints(
                operatorToken: withToken ? OperatorTokenClaim(ticket: one, operatorID: anna.id) : nil,
                subjectTag: one), mailbox: support, evidence: evidence)
        let outcome = try await h.apply(forged)
        guard case .quarantined(let reason) = outcome else {
            Issue.record("\(name): \(outcome)")
            return
        }
        #expect(reason.contains(says), "\(reason)")
        #expect(try await h.messages(one).count == 1)
        #expect(try await h.outbox(one, template: "operator_reply").isEmpty)
    }

    @Test("a forged From on a customer's token is quarantined when the server says so")
    func forgedCustomerToken() async throws {
        let forged = mail(
            messageID: "f2@x.test", hints: ThreadHints(verifiedToken: one), mailbox: support,
            evidence: SenderEvidence(dmarc: .fail))
        guard case .quarantined = try await h.apply(forged) else {
            Issue.record("accepted")
            return
        }
    }

    @Test("a disabled operator can post nothing")
    func disabledOperator() async throws {
        try await h.store.write { tx in _ = try tx.setUserDisabled(address: "anna@example.test", disabled: true) }
        guard case .quarantined(let reason) = try await h.apply(fromAnna("hi")) else {
            Issue.record("accepted")
            return
        }
        #expect(reason.contains("disabled"))
    }

    @Test("a forward with a proven From opens a ticket that is the customer's")
    func forward() async throws {
        let forward = mail(
            from: "anna@example.test", subject: "Fwd: Invoice wrong", text: "#priority high\nCustomer called too.",
            messageID: "fw1@example.test", mailbox: support, evidence: SenderEvidence(dmarc: .pass),
            forwarded: ForwardedMail(
                from: Person(name: "Olga", address: "olga@example.ru"), subject: "Invoice wrong",
                text: "The invoice is wrong."))
        #expect(try await h.apply(forward) == .created(TicketNumber(2)))
        let ticket = try #require(try await h.ticket(TicketNumber(2)))
        #expect(ticket.customer.address == "olga@example.ru" && ticket.subject == "Invoice wrong")
        #expect(ticket.priority == .high)
        let messages = try await h.messages(TicketNumber(2))
        #expect(messages.first?.authorKind == .customer && messages.first?.text == "The invoice is wrong.")
        #expect(messages.last?.isInternal == true && messages.last?.reply == "Customer called too.")
        let ack = try #require(try await h.outbox(TicketNumber(2), template: "ticket_created").first)
        #expect(ack.item.recipient.address == "olga@example.ru")
        // Boris hears of the new ticket; Anna, who opened it, does not
        #expect(
            try await h.outbox(TicketNumber(2), template: "operator_new_ticket").map(\.item.recipient.address)
                == ["boris@example.test"])
    }

    @Test("the same forward without proof is quarantined")
    func unprovenForward() async throws {
        let forward = mail(
            from: "anna@example.test", subject: "Fwd: x", messageID: "fw2@example.test", mailbox: support,
            forwarded: ForwardedMail(from: Person(name: nil, address: "olga@example.ru"), subject: "x", text: "y"))
        guard case .quarantined = try await h.apply(forward) else {
            Issue.record("accepted")
            return
        }
        #expect(try await h.ticketCount() == 1)
    }

    @Test("#requester opens a ticket for the customer and sends them the operator's words with their link")
    func requester() async throws {
        let new = mail(
            from: "anna@example.test", subject: "Your order", text: "#requester olga@example.ru\nYour order shipped.",
            messageID: "rq@example.test", mailbox: support, evidence: SenderEvidence(trustedEnvelopeSender: true))
        #expect(try await h.apply(new) == .created(TicketNumber(2)))
        let relay = try #require(try await h.outbox(TicketNumber(2), template: "operator_reply").first)
        #expect(relay.item.recipient.address == "olga@example.ru")
        #expect(try h.model(relay).body == "Your order shipped." && h.model(relay).portalToken != nil)
        #expect(try await h.ticket(TicketNumber(2))?.status == .pending)
        #expect(try await h.outbox(TicketNumber(2), template: "ticket_created").isEmpty)
    }

    @Test("a customer's reply notifies the assignee, or the team while unassigned")
    func customerReplyNotifies() async throws {
        let reply = mail(messageID: "c2@example.ru", hints: ThreadHints(verifiedToken: one), mailbox: support)
        _ = try await h.apply(reply)
        #expect(
            Set(try await h.outbox(one, template: "operator_customer_reply").map(\.item.recipient.address))
                == ["anna@example.test", "boris@example.test"])
        _ = try await h.apply(fromAnna("#assign me"))
        _ = try await h.apply(
            mail(messageID: "c3@example.ru", hints: ThreadHints(verifiedToken: one), mailbox: support))
        let after = try await h.outbox(one, template: "operator_customer_reply").map(\.item.recipient.address)
        #expect(after.suffix(1) == ["anna@example.test"] && after.count == 3)
    }

    @Test("a participant who replies to an operator's token address stays the customer side")
    func participantRepliesToOperatorToken() async throws {
        let reply = mail(
            messageID: "c2@example.ru",
            hints: ThreadHints(
                operatorToken: OperatorTokenClaim(ticket: one, operatorID: anna.id),
                referencedMessageIDs: ["c1@example.ru"]),
            mailbox: support)
        #expect(try await h.apply(reply) == .followUp(one))
        #expect(try await h.messages(one).last?.authorKind == .customer)
    }

    @Test("a mail of commands with a file (a signature logo) relays nothing and stores no message")
    func commandsWithAFile() async throws {
        var commands = fromAnna("#status solved")
        commands.text = "#status solved\n\nOn Tue, Support wrote:\n> [INTERNAL NOTE] secret"
        commands.attachments = [
            AttachmentRef(
                filename: "logo.png", contentType: "image/png", size: 10, sha256: String(repeating: "a", count: 64),
                contentID: "logo@x", isInline: true)
        ]
        #expect(try await h.apply(commands) == .followUp(one))
        #expect(try await h.outbox(one, template: "operator_reply").isEmpty)
        #expect(try await h.messages(one).count == 1)
        #expect(try await h.ticket(one)?.status == .solved)
    }

    @Test("an operator's message keeps only what they typed, never the quoted notification")
    func storesTypedTextOnly() async throws {
        var reply = fromAnna("Restart it.")
        reply.text = "Restart it.\n\nOn Tue, Support wrote:\n> [INTERNAL NOTE] secret"
        _ = try await h.apply(reply)
        let last = try #require(try await h.messages(one).last)
        #expect(last.text == "Restart it." && last.reply == "Restart it.")
    }

    @Test("a From spelled with other ASCII case is the operator's; a look-alike is not")
    func addressCase() async throws {
        #expect(anna.owns("ANNA@Example.TEST"))
        #expect(!anna.owns("anna@example.test."))
        #expect(!anna.owns("аnna@example.test"))  // Cyrillic а
    }

    @Test(
        "a reply carrying the notification's console link or an operator reply address is refused, not relayed",
        arguments: [
            "Done.\nOpen it: https://help.example.test/console/tickets/1?k=3-1764590400-abcdefghijklmnopqrstuvwxyz234",
            "Done.\nReply-To: support+o1-3-abcdefghijklmnopqrstuvw@example.test",
        ])
    func notificationLeakRefused(text: String) async throws {
        // When Anna's client quotes the notification without a separator the reply extractor knows
        let outcome = try await h.apply(fromAnna(text))

        // Then nothing reaches the customer, and Anna is told which line and why
        guard case .ignored = outcome else { Issue.record("relayed: \(outcome)"); return }
        #expect(try await h.outbox(one, template: "operator_reply").isEmpty)
        let refusal = try #require(try await h.outbox(one, template: "command_refused").first)
        #expect(refusal.item.recipient.address == "anna@example.test")
        #expect(try h.model(refusal).refusals?.first?.reason.contains("part of a notification") == true)
    }

    @Test("an internal note may quote the notification's link: it reaches no customer")
    func noteMayCarryLink() async throws {
        let note = fromAnna("#internal\nSee https://help.example.test/console/tickets/1?k=3-1764590400-abc")
        #expect(try await h.apply(note) == .followUp(one))
        #expect(try await h.messages(one).last?.isInternal == true)
    }

    @Test("attached mails (an \"attach original\" reply) are not relayed to the customer; files are")
    func attachedMailsDropped() async throws {
        var reply = fromAnna("See the manual.")
        reply.attachments = [
            AttachmentRef(
                filename: "notification.eml", contentType: "message/rfc822", size: 10,
                sha256: String(repeating: "b", count: 64), contentID: nil, isInline: false),
            AttachmentRef(
                filename: "manual.pdf", contentType: "application/pdf", size: 10,
                sha256: String(repeating: "c", count: 64), contentID: nil, isInline: false),
        ]
        _ = try await h.apply(reply)
        let relay = try #require(try await h.outbox(one, template: "operator_reply").first)
        #expect(try h.model(relay).attachments?.map(\.filename) == ["manual.pdf"])
    }

    @Test("an operator's out-of-office answering a notification is not relayed and changes nothing")
    func operatorAutoReplyIgnored() async throws {
        var away = fromAnna("I am on holiday until Monday. Call +49 170 0000000.")
        away.automatic = AutomaticMail(kind: .outOfOffice, reason: "Auto-Submitted: auto-replied")
        guard case .ignored = try await h.apply(away) else {
            Issue.record("applied")
            return
        }
        #expect(try await h.outbox(one, template: "operator_reply").isEmpty)
        #expect(try await h.messages(one).count == 1)
    }
}
