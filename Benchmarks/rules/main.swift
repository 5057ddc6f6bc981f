import CSQLite
import Foundation
import PostdeskCore
import PostdeskRules

// Rules harness: Benchmarks/rules/run [EVENTS] [RULES] builds it (build.sh) and runs it.
//   /tmp/rules-bench [EVENTS] [RULES]   evaluation events/s (best of 3), bytes per stored evaluation, and plain
//                                       SQLite inserts/s (one small row per event, 1,000 per transaction)
//   --explain                           also prints the explanation of the first few events
//   --evaluate-only                     runs the three evaluation passes and nothing else (for `perf record`)
// The rules and events are generated from a fixed seed, so two runs (and two versions of the engine) see the same
// work; the checksum line says whether they also decided the same.

/// SplitMix64: a small, fixed-seed generator, so every run builds the same rules and events.
struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

let arguments = CommandLine.arguments.filter { !$0.hasPrefix("--") }
let explain = CommandLine.arguments.contains("--explain")
let eventCount = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let ruleCount = arguments.count > 2 ? Int(arguments[2]) ?? 200 : 200
var random = Generator(state: 20_261_201)

// MARK: Vocabulary

let wordLists: [[String]] = [
    ["invoice", "счёт", "оплата", "payment", "квитанция", "receipt"],
    ["urgent", "срочно", "asap", "немедленно", "critical", "авария"],
    ["error", "ошибка", "не работает", "crash", "timeout", "пароль", "password"],
    ["price", "цена", "тариф", "quote", "скидка", "discount"],
    ["договор", "contract", "претензия", "lawyer", "gdpr"],
    ["refund", "возврат", "вернуть деньги", "chargeback"],
    ["delivery", "доставка", "курьер", "tracking", "посылка"],
    ["unsubscribe", "отписаться", "newsletter", "рассылка"],
]
let teams = ["support", "billing", "sales", "tech", "legal", "vip", "delivery"]
let mailboxes = ["support", "sales", "billing", "info", "partners"]
let domains = [
    "example.ru", "example.com", "yandex.ru", "mail.ru", "acme.test", "bigcorp.com", "gmail.com", "partner.org",
    "shop.ru", "bank.ru",
]
let tagPool = ["vip", "spam", "followup", "escalated", "ru", "en", "newsletter", "b2b", "trial", "churn-risk"]
let patterns = [
    "inv-[0-9]+", "заказ №?[0-9]{5,}", "order #[0-9]+", "ticket[- ]?[0-9]{3,}", "^re:", "(?-i)URGENT",
    "\\bsla\\b", "[0-9]{16}",
]
let templates = ["ticket_assigned", "ticket_created", "customer_replied", "sla_warning", "ack", "escalation"]

let subjects = [
    "Вопрос по счёту за март", "Invoice INV-20417 overdue", "Не работает вход в личный кабинет",
    "Срочно: авария на складе",
    "Re: заказ № 1234567", "Price for 50 licenses", "Договор на 2027 год", "Password reset does not arrive",
    "Hello", "Доставка задерживается", "URGENT: production down", "Re: Re: ticket 4711", "Возврат денег",
    "Quote request", "Привет", "Question about your SLA", "Оплата не прошла", "Tracking number?", "Спасибо!",
    "Unsubscribe me", "Скидка для партнёров", "Error 500 on checkout", "Order #88231 missing item", "Счет на оплату",
]
let paragraphs = [
    "Добрый день! Подскажите, пожалуйста, когда будет выставлен счёт за услуги. Бухгалтерия ждёт документы до пятницы.",
    "Hi team, we were charged twice for the same invoice last month. Could you please look into it and refund one?",
    "Здравствуйте. После обновления приложение выдаёт ошибку при входе, пароль точно правильный. Что делать?",
    "Thanks for the quick answer, everything works now. Have a nice weekend!",
    "Мы хотели бы обсудить условия договора и возможную скидку при оплате за год вперёд.",
    "The courier did not arrive, and the tracking page has shown the same status for three days.",
    "Прошу вернуть деньги за заказ № 5553211, товар пришёл повреждённым. Фото прилагаю.",
    "Our legal department asks for a signed copy of the contract and your GDPR data processing terms.",
    "Это автоматическое уведомление. Пожалуйста, не отвечайте на это письмо.",
    "Can you send me a quote for 50 seats? We are currently on the trial plan.",
    "Спасибо, вопрос решён. Можно закрывать заявку.",
    "Card 4111111111111111 was declined at checkout, error 500 again, please check the payment gateway.",
]

func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
func words(_ count: Int) -> [String] {
    let list = pick(wordLists)
    return Array(list.shuffled(using: &random).prefix(count))
}

// MARK: 200 rules

/// One rule of a realistic mix: mostly routing on new tickets and customer mail, some on the other events.
func makeRule(_ index: Int) -> Rule {
    let name = "rule \(index)"
    switch index % 12 {
    case 0:  // routing by words in subject or text
        let list = words(4)
        return Rule(
            name: name, on: [.ticketCreated],
            if: .any([.field(.subject, .containsAny(list)), .field(.text, .containsAny(list))]),
            then: [.setTeam(pick(teams))])
    case 1:  // urgent words raise the priority unless already high
        return Rule(
            name: name, on: [.ticketCreated, .customerMessage],
            if: .all([
                .not(.field(.priority, .isIn(["high", "urgent"]))), .field(.subject, .containsAny(words(3))),
            ]),
            then: [.setPriority(.high), .addTags(["escalated"])])
    case 2:  // customers of some domains are VIP
        return Rule(
            name: name, on: [.ticketCreated],
            if: .field(.customerDomain, .isIn(Array(domains.shuffled(using: &random).prefix(3)))),
            then: [.addTags(["vip"]), .setPriority(.high)])
    case 3:  // mailbox routing
        return Rule(
            name: name, on: [.ticketCreated], if: .field(.mailbox, .equals(pick(mailboxes))),
            then: [.setTeam(pick(teams)), .assign(.roundRobin)])
    case 4:  // VIP customer wrote: tell the team
        return Rule(
            name: name, on: [.customerMessage],
            if: .all([.hasTag("vip"), .not(.field(.team, .equals(pick(teams))))]),
            then: [.notify(.team, template: pick(templates))])
    case 5 where index % 24 == 5:  // reference numbers by pattern: a few rules (one in 24)
        return Rule(
            name: name, on: [.ticketCreated, .customerMessage],
            if: .any([.field(.subject, .matches(pick(patterns))), .field(.text, .matches(pick(patterns)))]),
            then: [.addTags([pick(tagPool)])])
    case 5:  // customers of some domains writing about some words
        return Rule(
            name: name, on: [.customerMessage],
            if: .all([
                .field(.customerDomain, .isIn(Array(domains.shuffled(using: &random).prefix(2)))),
                .field(.text, .containsAny(words(3))),
            ]),
            then: [.addTags([pick(tagPool)]), .notify(.team, template: pick(templates))])
    case 6:  // operator replies to pending tickets
        return Rule(
            name: name, on: [.operatorMessage],
            if: .all([.field(.status, .equals("pending")), .field(.team, .equals(pick(teams)))]),
            then: [.notify(.watchers, template: pick(templates))])
    case 7:  // status changes
        return Rule(
            name: name, on: [.statusChanged, .assigneeChanged],
            if: .any([.field(.status, .isIn(["solved", "closed"])), .not(.field(.assignee, .isSet(true)))]),
            then: [.notify(.customer, template: pick(templates))])
    case 8:  // SLA
        return Rule(
            name: name, on: [chance(50) ? .slaWarning : .slaBreach],
            if: .any([.field(.priority, .equals(pick(["high", "urgent"]))), .hasTag(pick(tagPool))]),
            then: [.notify(.team, template: "sla_warning"), .addTags(["sla"])])
    case 9:  // team changes and notes
        return Rule(
            name: name, on: [.teamChanged, .internalNote],
            if: .any([.field(.team, .equals(pick(teams))), .field(.text, .containsAny(["@escalate", "эскалация"]))]),
            then: [.assign(.leastOpen)])
    case 10:  // customer replies to a ticket of some team, in or out of hours
        return Rule(
            name: name, on: [.customerMessage],
            if: .all([
                .field(.team, .isIn(Array(teams.shuffled(using: &random).prefix(2)))),
                .withinBusinessHours(chance(50)), .not(.hasTag("spam")),
            ]),
            then: [.notify(.assignee, template: "customer_replied"), .setStatus(.open)])
    default:  // idle, schedules, tag and priority changes, and spam that stops the pass
        if index % 48 == 11 {
            return Rule(
                name: name, on: [.ticketCreated, .customerMessage],
                if: .all([.hasTag("spam"), .field(.subject, .containsAny(["unsubscribe", "рассылка"]))]),
                then: [.setStatus(.closed)], stop: true)
        }
        let event: RuleEvent = pick([
            .ticketIdle(RuleDuration("48h")!), .schedule("morning"), .tagsChanged, .priorityChanged,
        ])
        return Rule(
            name: name, on: [event],
            if: .all([.field(.status, .equals("pending")), .not(.hasTag(pick(tagPool)))]),
            then: [.setStatus(.solved), .reply(template: "ack")])
    }
}

let ruleSet = RuleSet(rules: (0..<ruleCount).map(makeRule))
let prepared: PreparedRuleSet
do {
    prepared = try PreparedRuleSet(ruleSet)
} catch {
    print("the generated rules do not prepare: \(error)")
    exit(1)
}

// MARK: 100,000 events

let eventMix: [(RuleEvent, Int)] = [
    (.ticketCreated, 30), (.customerMessage, 30), (.operatorMessage, 20), (.internalNote, 5), (.statusChanged, 5),
    (.assigneeChanged, 3), (.teamChanged, 2), (.priorityChanged, 1), (.tagsChanged, 1), (.slaWarning, 1),
    (.ticketIdle(RuleDuration("48h")!), 1), (.slaBreach, 1),
]
let eventWheel = eventMix.flatMap { Array(repeating: $0.0, count: $0.1) }
let customers = (0..<500).map { "customer\($0)@\(domains[$0 % domains.count])" }.compactMap(EmailAddress.init)
let texts = (0..<200).map { _ in
    (0..<Int.random(in: 1...6, using: &random)).map { _ in pick(paragraphs) }.joined(separator: "\n\n")
}
let now = Date(timeIntervalSince1970: 1_796_000_000)

let events: [(RuleEvent, RuleSnapshot)] = (0..<eventCount).map { _ in
    let event = pick(eventWheel)
    let tags = tagPool.filter { _ in chance(12) }
    let hasText = [.ticketCreated, .customerMessage, .operatorMessage, .internalNote].contains(event)
    let snapshot = RuleSnapshot(
        status: pick(TicketStatus.allCases), priority: pick(TicketPriority.allCases),
        team: chance(80) ? pick(teams) : nil, tags: tags,
        assignee: chance(70) ? "op\(Int.random(in: 0..<20, using: &random))@desk.test" : nil,
        mailbox: chance(90) ? pick(mailboxes) : nil, subject: pick(subjects), text: hasText ? pick(texts) : nil,
        customer: pick(customers), withinBusinessHours: chance(90) ? chance(60) : nil, now: now)
    return (event, snapshot)
}

// MARK: Evaluation

func evaluateAll() -> (seconds: Double, effects: Int) {
    var effects = 0
    let clock = ContinuousClock()
    let start = clock.now
    for (event, snapshot) in events {
        effects &+= RuleEngine.evaluate(event: event, snapshot: snapshot, rules: prepared).effects.count
    }
    let elapsed = clock.now - start
    return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, effects)
}

// --evaluate-only: the evaluation passes alone, for a profiler.
if CommandLine.arguments.contains("--evaluate-only") {
    for _ in 0..<3 { print(evaluateAll()) }
    exit(0)
}

// Best of three passes: on a shared machine the slower passes measure the neighbours.
var best = Double.infinity
var effectCount = 0
for _ in 0..<3 {
    let pass = evaluateAll()
    best = min(best, pass.seconds)
    effectCount = pass.effects
}
let evaluationRate = Double(eventCount) / best

// What one stored evaluation costs, over a sample of the events, in the encoded form the store keeps.
let encoder = JSONEncoder()
let sample = events.prefix(5_000)
var encodedBytes = 0
for (event, snapshot) in sample {
    let evaluation = RuleEngine.evaluate(event: event, snapshot: snapshot, rules: prepared)
    encodedBytes += (try? encoder.encode(evaluation).count) ?? 0
}
// Explaining is done later and rarely (`rules explain`), from the stored form: read it back and spell it out.
let stored = sample.prefix(1_000).compactMap { event, snapshot in
    try? encoder.encode(RuleEngine.evaluate(event: event, snapshot: snapshot, rules: prepared))
}
let explainClock = ContinuousClock()
let explainStart = explainClock.now
var explainedLines = 0
for data in stored {
    guard let read = try? JSONDecoder().decode(Evaluation.self, from: data),
        let lines = try? read.explanationLines(in: prepared)
    else { continue }
    explainedLines += lines.count
}
let explainElapsed = explainClock.now - explainStart
let explainSeconds =
    Double(explainElapsed.components.seconds) + Double(explainElapsed.components.attoseconds) / 1e18
if explain {
    for (event, snapshot) in events.prefix(3) {
        let evaluation = RuleEngine.evaluate(event: event, snapshot: snapshot, rules: prepared)
        print(String(data: (try? encoder.encode(evaluation)) ?? Data(), encoding: .utf8) ?? "")
        let lines = (try? evaluation.explanationLines(in: prepared)) ?? ["(does not explain)"]
        print(lines.filter { !$0.contains("does not listen") }.joined(separator: "\n"))
    }
}

// MARK: SQLite, for scale

/// Inserts one small row per event (ticket, event, time), 1,000 rows per transaction, into a fresh WAL file with
/// `synchronous = NORMAL`, as the store opens it. Returns the seconds taken.
func sqliteInserts() -> Double {
    let path = NSTemporaryDirectory() + "postdesk-rules-bench-\(getpid()).sqlite"
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
    var db: OpaquePointer?
    guard sqlite3_open(path, &db) == SQLITE_OK else { return .infinity }
    defer { sqlite3_close(db) }
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", nil, nil, nil)
    sqlite3_exec(
        db, "CREATE TABLE rule_event (id INTEGER PRIMARY KEY, ticket INTEGER NOT NULL, event TEXT NOT NULL, at REAL)",
        nil, nil, nil)
    var statement: OpaquePointer?
    sqlite3_prepare_v2(db, "INSERT INTO rule_event (ticket, event, at) VALUES (?, ?, ?)", -1, &statement, nil)
    defer { sqlite3_finalize(statement) }
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    let clock = ContinuousClock()
    let start = clock.now
    for (offset, (event, snapshot)) in events.enumerated() {
        if offset % 1_000 == 0 { sqlite3_exec(db, "BEGIN", nil, nil, nil) }
        sqlite3_bind_int64(statement, 1, Int64(offset / 3))
        sqlite3_bind_text(statement, 2, event.yamlName, -1, transient)
        sqlite3_bind_double(statement, 3, snapshot.now.timeIntervalSince1970)
        guard sqlite3_step(statement) == SQLITE_DONE else { return .infinity }
        sqlite3_reset(statement)
        if offset % 1_000 == 999 || offset == events.count - 1 { sqlite3_exec(db, "COMMIT", nil, nil, nil) }
    }
    let elapsed = clock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

let sqliteBest = (0..<3).map { _ in sqliteInserts() }.min() ?? .infinity
let sqliteRate = Double(eventCount) / sqliteBest

let listening = events.prefix(10_000).map { event, _ in ruleSet.rules.filter { $0.events.contains(event) }.count }
print(
    "rules: \(ruleCount), events: \(eventCount), rules listening per event: \(listening.reduce(0, +) / max(listening.count, 1)) on average"
)
print(String(format: "evaluation:      %.3f s (best of 3): %.0f events/s (target: over 100,000)", best, evaluationRate))
print(
    String(
        format: "stored evaluation: %.0f bytes on average (JSON, %d events sampled)",
        Double(encodedBytes) / Double(max(sample.count, 1)), sample.count))
print(
    String(
        format: "explain from the stored form: %.0f evaluations/s (decode, then %d lines for %d evaluations)",
        Double(stored.count) / explainSeconds, explainedLines, stored.count))
print(
    String(
        format: "sqlite inserts:  %.3f s (best of 3): %.0f rows/s (one small row per event, 1,000 per transaction)",
        sqliteBest, sqliteRate))
print(String(format: "evaluation / sqlite insert rate: %.1fx", evaluationRate / sqliteRate))
print("checksum: \(effectCount) effects")
