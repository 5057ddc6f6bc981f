import Foundation
import GRDB
import PostdeskCore
import PostdeskCrypto

extension SQLiteStore {
    /// Fills an empty database with synthetic tickets (``SeedPlan``), for benchmarks and demos.
    ///
    /// Rows are written directly in large transactions through prepared statements, not through the workflow: no
    /// rule runs and no mail is queued, and a million tickets take minutes. The search index follows through its
    /// triggers as on every other write.
    /// - Parameters:
    ///   - plan: how much to make.
    ///   - progress: called after each committed batch with the number of tickets written so far.
    /// - Throws: ``StoreError`` `.conflict` when the database already holds tickets, people, teams or mail.
    public func seed(_ plan: SeedPlan, progress: @Sendable (Int) -> Void = { _ in }) throws -> SeedSummary {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            var seeder = Seeder(db: db, plan: plan)
            return try seeder.run(progress: progress)
        }
    }
}

/// The seed's state while it writes.
struct Seeder {
    let db: Database
    let plan: SeedPlan
    var random = SeedRandom(state: 20_261_201)
    /// Operator ids by team index, and every operator's id and name.
    var teamMembers: [[Int64]] = []
    var operators: [(id: Int64, name: String)] = []
    var operatorNames: [Int64: String] = [:]
    var operatorAddresses: [Int64: String] = [:]
    var messages = 0
    var timeEntries = 0

    init(db: Database, plan: SeedPlan) {
        self.db = db
        self.plan = plan
    }

    static let batch = 10_000
    static let tags = ["vip", "followup", "escalated", "b2b", "trial", "refund", "bug", "billing"]
    static let workTypes = ["support", "consulting", "development"]

    mutating func run(progress: (Int) -> Void) throws -> SeedSummary {
        try db.inTransaction(.immediate) {
            let used =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT COUNT(*) FROM ticket) + (SELECT COUNT(*) FROM customer)
                             + (SELECT COUNT(*) FROM operator) + (SELECT COUNT(*) FROM team) + (SELECT COUNT(*) FROM inbound)
                        """) ?? 0
            guard used == 0 else {
                throw StoreError(
                    code: .conflict, message: "dev seed fills only an empty database; this one already has data")
            }
            try people()
            return .commit
        }
        var written = 0
        while written < plan.tickets {
            let end = min(written + Self.batch, plan.tickets)
            try db.inTransaction {
                try tickets(from: written + 1, through: end)
                return .commit
            }
            written = end
            progress(written)
        }
        return SeedSummary(
            tickets: plan.tickets, messages: messages, customers: plan.customers, operators: plan.operators,
            teams: plan.teams, timeEntries: timeEntries, customer: "c1@seed.test", operator: "op1@seed.test")
    }

    /// Teams `t1`…, operators `op<i>@seed.test` (each in one team, every fifth in two), customers `c<i>@seed.test`
    /// with accounts.
    mutating func people() throws {
        let tx = SQLiteTransaction(db: db)
        let start = plan.now.addingTimeInterval(-Self.span - 86_400)
        for team in 1...plan.teams { _ = try tx.addTeam(name: "t\(team)", at: start) }
        teamMembers = Array(repeating: [], count: plan.teams)
        for index in 1...plan.operators {
            let team = (index - 1) % plan.teams
            var teams = ["t\(team + 1)"]
            if index % 5 == 0 { teams.append("t\((team + 1) % plan.teams + 1)") }
            let name = Self.personName(index, russian: index % 2 == 0)
            guard let address = EmailAddress("op\(index)@seed.test") else { continue }
            let role: Role = index == 1 ? .admin : .operator
            guard
                case .operator(let account) = try tx.addUser(
                    NewUser(role: role, address: address, name: name, teams: teams), at: start)
            else { continue }
            operators.append((account.id.rawValue, name))
            operatorNames[account.id.rawValue] = name
            operatorAddresses[account.id.rawValue] = address.rawValue
            for team in teams { teamMembers[Int(team.dropFirst())! - 1].append(account.id.rawValue) }
        }
        let insert = try db.makeStatement(
            sql: "INSERT INTO customer (address, name, created_at, account_created_at) VALUES (?, ?, ?, ?)")
        for index in 1...plan.customers {
            try insert.execute(arguments: [
                "c\(index)@seed.test", Self.personName(index, russian: Self.isRussian(customer: index)), start, start,
            ])
        }
        // One hash for everyone: bcrypt per person would take hours for a million customers.
        for (table, column) in [("operator", "operator_id"), ("customer", "customer_id")] {
            try db.execute(
                sql: "INSERT INTO password (\(column), hash, updated_at) SELECT id, ?, ? FROM \(table)",
                arguments: [plan.passwordHash, start])
        }
    }

    /// Two years of tickets, oldest first.
    static let span: TimeInterval = 730 * 86_400

    static func isRussian(customer: Int) -> Bool { customer % 5 < 2 }

    /// A deterministic name for person `index`: the same customer always has the same name.
    static func personName(_ index: Int, russian: Bool) -> String {
        let first = russian ? SeedText.firstNamesRussian : SeedText.firstNamesEnglish
        let last = russian ? SeedText.lastNamesRussian : SeedText.lastNamesEnglish
        return "\(first[index % first.count]) \(last[(index / first.count) % last.count])"
    }
}
