import Foundation
import GRDB
import PostdeskCore
import Testing

@testable import PostdeskStore

/// A prefix being typed is looked up in the indexes' vocabularies and matched as the words it stands for (issue 10
/// point 6: FTS5 in SQLite 3.40 merges every word's doclist for a prefix term before returning a row). The words
/// must find exactly what the prefix found, in subjects, customers and messages, whatever the script.
@Suite struct PrefixSearchTests {
    static let refund = "Refund requested"
    static let money = "Money back"
    static let vozvrat = "Возврат денег"
    static let yogurt = "Печать"
    static let mixed = "Mixed Refundвозврат"

    /// Five tickets whose words start alike, across subject, customer (name and address) and messages; the last two
    /// hold 20 words starting with "pa" and 16 starting with "qa".
    static func helpdesk() async throws -> TemporaryStore {
        let db = try TemporaryStore()
        try await db.store.write { tx in
            let a = try tx.seedTicket(customer: "anna@shop.test", subject: refund)
            _ = try tx.append(Fixture.customerMessage(ticket: a.id, text: "Please refund order 12345"))
            let desk = try tx.upsertCustomer(Person(name: "Refunds Desk", address: "desk@shop.test"), at: Fixture.now)
            let b = try tx.createTicket(
                subject: money, customer: desk, priority: .normal, portalToken: "p-desk", at: Fixture.now)
            _ = try tx.append(Fixture.customerMessage(ticket: b.id, text: "It was refunded twice"))
            let c = try tx.seedTicket(customer: "petrov@example.ru", subject: vozvrat)
            _ = try tx.append(Fixture.customerMessage(ticket: c.id, text: "Возвратили не всё, пожалуйста проверьте"))
            let d = try tx.seedTicket(customer: "olga@example.ru", subject: yogurt)
            let many = (1...20).map { "pa\($0)" }.joined(separator: " ")
            let sixteen = (1...16).map { "qa\($0)" }.joined(separator: " ")
            _ = try tx.append(
                Fixture.customerMessage(ticket: d.id, text: "Йогурт и café; order 12399 with \(many) \(sixteen)"))
            _ = try tx.seedTicket(customer: "mix@example.test", subject: mixed)
        }
        return db
    }

    /// The subjects a queue search shows, in number order and in the default order (newest change first).
    static func search(_ text: String, in db: TemporaryStore) async throws -> (byNumber: [String], recent: [String]) {
        try await db.store.read { q in
            (
                try q.queue(
                    TicketQueue(view: .all, sort: QueueSort(.number, descending: false), search: SearchText(text))
                )
                .rows.map(\.subject),
                try q.queue(TicketQueue(view: .all, search: SearchText(text))).rows.map(\.subject)
            )
        }
    }

    /// What the plain prefix query (the one before v19) finds, in number order, and how the store matches `text`.
    static func reference(_ text: String, in db: TemporaryStore) async throws -> (subjects: [String], match: String) {
        try await db.store.pool.read { db in
            let search = SearchText(text)
            let plain = FTS5Query.expression(search)
            let subjects = try String.fetchAll(
                db,
                sql: """
                    SELECT subject FROM ticket WHERE id IN (
                        SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?1
                        UNION SELECT rowid >> 32 FROM message_fts WHERE message_fts MATCH ?1)
                    ORDER BY id
                    """, arguments: [plain])
            return (subjects, try SQLiteTransaction(db: db).ftsMatch(search))
        }
    }

    @Test(
        "a prefix finds the tickets of every word it starts, as the prefix query did, expanded when it safely can",
        arguments: [
            // (typed, expected subjects in number order, whether the prefix is expanded into words)
            ("ref", [refund, money, mixed], true), ("Refund", [refund, money, mixed], true),
            ("REFUNDE", [money], true), ("refunds ", [money], false), ("возвр", [vozvrat], true),
            ("ВОЗВРАТ", [vozvrat], true), ("пожалуй", [vozvrat], true), ("йог", [yogurt], true),
            ("ЙОГУ", [yogurt], true), ("1234", [refund], true), ("123", [refund, yogurt], true),
            ("order 123", [refund, yogurt], true), ("please ref", [refund], true), ("refundвоз", [mixed], true),
            ("mixed refundв", [mixed], true), ("pa", [yogurt], false), ("qa", [yogurt], true),
            ("caf", [yogurt], true), ("café", [yogurt], false), ("order-123", [refund, yogurt], false),
            ("desk@sho", [money], false), ("zzz", [], false), ("refund\"s", [], false),
            ("re\"", [refund, money, mixed], false),
            ("ёлк", [], false), ("r", [], false),
        ])
    func sameAsPrefix(typed: String, subjects: [String], expanded: Bool) async throws {
        // Given the helpdesk
        let db = try await Self.helpdesk()
        // When the text is searched in number order and in the default order
        let found = try await Self.search(typed, in: db)
        let reference = try await Self.reference(typed, in: db)
        // Then both show the expected tickets, which the plain prefix query finds too
        #expect(found.byNumber == subjects, "\(typed)")
        #expect(Set(found.recent) == Set(subjects), "\(typed)")
        #expect(reference.subjects == subjects, "\(typed)")
        // And the prefix was matched as its words exactly when it could be
        // (a word of the index never holds `*`: only a prefix query ends with one)
        #expect(reference.match.hasSuffix("*") == (SearchText(typed).lastTermIsPrefix && !expanded), "\(typed)")
    }

    @Test("the words come from both indexes: a customer's name and a message's text")
    func unionOfIndexes() async throws {
        let db = try await Self.helpdesk()
        let match = try await Self.reference("refund", in: db).match
        #expect(match == #"("refund" OR "refunded" OR "refunds" OR "refundвозврат")"#)
    }

    @Test("a word written after the first search is found by the next one: the vocabularies read the live index")
    func vocabularyFollowsWrites() async throws {
        // Given the helpdesk, searched once
        let db = try await Self.helpdesk()
        #expect(try await Self.search("refundab", in: db).byNumber == [])
        // When a message brings a new word with that prefix
        try await db.store.write { tx in
            let ticket = try #require(try tx.ticket(number: TicketNumber(4)))
            _ = try tx.append(Fixture.customerMessage(ticket: ticket.id, text: "Is it refundable?"))
        }
        // Then the prefix finds it
        #expect(try await Self.search("refundab", in: db).byNumber == [Self.yogurt])
        #expect(try await Self.search("refund", in: db).byNumber == [Self.refund, Self.money, Self.yogurt, Self.mixed])
    }
}

/// The expression is built from the search and the words, without the database.
@Suite struct FTS5QueryTests {
    @Test(
        "only a term that is surely the start of one word, folded as the index folds it, is expanded",
        arguments: [
            ("Refund", "refund"), ("ab12", "ab12"), ("ВОЗВРАТ", "возврат"), ("Йогу", "йогу"), ("ёлк", "елк"),
            ("refundВоз", "refundвоз"), ("order 12", "12"), ("café", nil), ("inv-2", nil), ("a\"b", nil),
            ("refund ", nil), ("x", nil), ("Ǆe", nil), ("straß", nil), ("ѐa", nil), ("ab\u{301}", nil),
            ("ⅻab", nil), ("ａｂ", nil),
        ] as [(String, String?)])
    func expandable(typed: String, prefix: String?) {
        #expect(FTS5Query.expandablePrefix(SearchText(typed)) == prefix, "\(typed)")
    }

    @Test(
        "the upper bound is above every string with the prefix and below every other string above the prefix",
        arguments: ["re", "az", "a9", "дя", "я", "refundвоз", "zz"])
    func upperBound(prefix: String) {
        let bound = FTS5Query.upperBound(prefix)
        let samples = [
            prefix, prefix + "\u{1}", prefix + "z", prefix + "\u{10FFFF}", prefix + "яя", prefix + "\u{10FFFF}x",
            String(prefix.dropLast()), String(prefix.dropLast()) + "\u{10FFFF}", bound, bound + "a", "", "\u{10FFFF}",
            String(prefix.dropLast()) + "{", String(prefix.dropLast()) + "ѐ",
        ]
        for sample in samples {
            // SQLite compares text as bytes
            let inRange =
                !sample.utf8.lexicographicallyPrecedes(prefix.utf8) && sample.utf8.lexicographicallyPrecedes(bound.utf8)
            #expect(inRange == sample.utf8.starts(with: prefix.utf8), "\(prefix) \(sample.unicodeScalars.map(\.value))")
        }
    }

    @Test("the last term becomes its words; other terms, a finished term and too many words stay as they were")
    func expression() {
        let search = SearchText("a \"b re")
        #expect(FTS5Query.expression(search) == #""a" """b" "re"*"#)
        #expect(FTS5Query.expression(search, expansion: .words(["re"])) == #""a" """b" "re""#)
        #expect(
            FTS5Query.expression(search, expansion: .words(["read", "reset"])) == #""a" """b" AND ("read" OR "reset")"#)
        #expect(
            FTS5Query.expression(SearchText("Re"), expansion: .words(["read", "reset"])) == #"("read" OR "reset")"#)
        #expect(FTS5Query.expression(search, expansion: .words([])) == #""a" """b" "re"*"#)
        let many = (1...17).map { "re\($0)" }
        #expect(FTS5Query.expression(search, expansion: .words(many)) == #""a" """b" "re"*"#)
        let sixteen = many.prefix(16).map { "\"\($0)\"" }.joined(separator: " OR ")
        #expect(
            FTS5Query.expression(search, expansion: .words(Array(many.prefix(16)))) == #""a" """b" AND ("# + sixteen
                + ")")
        let finished = SearchText("a re ")
        #expect(FTS5Query.expression(finished, expansion: .words(["read"])) == #""a" "re""#)
    }
}
