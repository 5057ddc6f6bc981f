import PostdeskCore
import PostdeskRules
import Testing

/// Every leaf test and combinator, on the snapshot fields rules read (issue 9 point 1).
@Suite struct ConditionTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var condition: Condition
        var snapshot: RuleSnapshot
        var holds: Bool
        var description: String { name }
    }

    static let cases: [Case] = [
        // contains_any: case- and script-insensitive, ё and е one letter.
        Case(
            name: "СЧЁТ matches счёт", condition: .field(.subject, .containsAny(["счёт"])),
            snapshot: snapshot(subject: "ВАШ СЧЁТ №12"), holds: true),
        Case(
            name: "Счет matches счёт", condition: .field(.subject, .containsAny(["счёт"])),
            snapshot: snapshot(subject: "Счет на оплату"), holds: true),
        Case(
            name: "счёт matches a rule word written СЧЕТ", condition: .field(.text, .containsAny(["СЧЕТ"])),
            snapshot: snapshot(text: "пришлите счёт"), holds: true),
        Case(
            name: "decomposed ё (е + U+0308) matches", condition: .field(.subject, .containsAny(["счёт"])),
            snapshot: snapshot(subject: "сче\u{0308}т"), holds: true),
        Case(
            name: "Invoice matches INVOICE", condition: .field(.subject, .containsAny(["INVOICE"])),
            snapshot: snapshot(subject: "Invoice 42"), holds: true),
        Case(
            name: "full-width letters fold", condition: .field(.subject, .containsAny(["inv"])),
            snapshot: snapshot(subject: "ＩＮＶ-1"), holds: true),
        Case(
            name: "й is not и", condition: .field(.subject, .containsAny(["мой"])),
            snapshot: snapshot(subject: "мои вопросы"), holds: false),
        Case(
            name: "no word found", condition: .field(.subject, .containsAny(["invoice", "оплата"])),
            snapshot: snapshot(subject: "Password reset"), holds: false),
        Case(
            name: "an empty list never holds", condition: .field(.subject, .containsAny([])),
            snapshot: snapshot(subject: "anything"), holds: false),
        Case(
            name: "no message text: contains_any on text is false", condition: .field(.text, .containsAny(["a"])),
            snapshot: snapshot(text: nil), holds: false),
        // equals and in: folded whole-value comparison.
        Case(
            name: "equals ignores case", condition: .field(.team, .equals("Billing")),
            snapshot: snapshot(team: "billing"), holds: true),
        Case(
            name: "equals is not contains", condition: .field(.team, .equals("bill")),
            snapshot: snapshot(team: "billing"), holds: false),
        Case(
            name: "equals on an unset field", condition: .field(.team, .equals("")), snapshot: snapshot(team: nil),
            holds: false),
        Case(
            name: "status equals", condition: .field(.status, .equals("pending")),
            snapshot: snapshot(status: .pending), holds: true),
        Case(
            name: "priority in a list", condition: .field(.priority, .isIn(["high", "urgent"])),
            snapshot: snapshot(priority: .urgent), holds: true),
        Case(
            name: "priority not in a list", condition: .field(.priority, .isIn(["high", "urgent"])),
            snapshot: snapshot(priority: .low), holds: false),
        // customer address and domain, mailbox.
        Case(
            name: "customer address", condition: .field(.customer, .equals("IVAN@example.ru")),
            snapshot: snapshot(customer: "ivan@example.ru"), holds: true),
        Case(
            name: "customer domain in a list",
            condition: .field(.customerDomain, .isIn(["example.com", "example.ru"])),
            snapshot: snapshot(customer: "ivan@EXAMPLE.RU"), holds: true),
        Case(
            name: "customer domain is not a suffix match", condition: .field(.customerDomain, .equals("example.ru")),
            snapshot: snapshot(customer: "ivan@evil-example.ru"), holds: false),
        Case(
            name: "no customer", condition: .field(.customerDomain, .isIn(["example.ru"])),
            snapshot: snapshot(customer: nil), holds: false),
        Case(
            name: "mailbox", condition: .field(.mailbox, .equals("sales")), snapshot: snapshot(mailbox: "sales"),
            holds: true),
        // matches: a bounded, case-insensitive regex.
        Case(
            name: "regex found", condition: .field(.subject, .matches("inv-[0-9]{4,}")),
            snapshot: snapshot(subject: "Re: INV-20231"), holds: true),
        Case(
            name: "regex not found", condition: .field(.subject, .matches("^inv-[0-9]{4,}$")),
            snapshot: snapshot(subject: "Re: INV-20231"), holds: false),
        Case(
            name: "regex case-sensitive on request", condition: .field(.subject, .matches("(?-i)inv")),
            snapshot: snapshot(subject: "INV"), holds: false),
        Case(
            name: "regex on Cyrillic", condition: .field(.subject, .matches("сч[её]т")),
            snapshot: snapshot(subject: "СЧЕТ"), holds: true),
        Case(
            name: "regex reads only the head of a long value", condition: .field(.text, .matches("needle")),
            snapshot: snapshot(text: String(repeating: "x", count: 2_048) + "needle"), holds: false),
        Case(
            name: "a megabyte body is cut, its head still read", condition: .field(.text, .matches("ne+dle\\d")),
            snapshot: snapshot(text: "needle7 " + String(repeating: "ё🙂", count: 300_000)), holds: true),
        Case(
            name: "astral characters count two units each, as ICU counts them",
            condition: .field(.text, .matches("needle")),
            snapshot: snapshot(text: String(repeating: "🙂", count: 1_024) + "needle"), holds: false),
        // is_set, tags, business hours.
        Case(
            name: "assignee is set", condition: .field(.assignee, .isSet(true)),
            snapshot: snapshot(assignee: "agent1@example.test"), holds: true),
        Case(
            name: "assignee is not set", condition: .field(.assignee, .isSet(false)),
            snapshot: snapshot(assignee: nil), holds: true),
        Case(name: "has tag", condition: .hasTag("VIP"), snapshot: snapshot(tags: ["new", "vip"]), holds: true),
        Case(name: "has no such tag", condition: .hasTag("vip"), snapshot: snapshot(tags: ["vipx"]), holds: false),
        Case(
            name: "a tag contains", condition: .field(.tags, .containsAny(["urg"])),
            snapshot: snapshot(tags: ["x", "urgent"]), holds: true),
        Case(
            name: "within business hours", condition: .withinBusinessHours(true),
            snapshot: snapshot(withinBusinessHours: true), holds: true),
        Case(
            name: "outside business hours", condition: .withinBusinessHours(false),
            snapshot: snapshot(withinBusinessHours: true), holds: false),
        Case(
            name: "business hours unknown: in-hours test false", condition: .withinBusinessHours(true),
            snapshot: snapshot(withinBusinessHours: nil), holds: false),
        Case(
            name: "business hours unknown: out-of-hours test false", condition: .withinBusinessHours(false),
            snapshot: snapshot(withinBusinessHours: nil), holds: false),
        // all / any / not.
        Case(name: "all of nothing holds", condition: .all([]), snapshot: snapshot(), holds: true),
        Case(name: "any of nothing does not", condition: .any([]), snapshot: snapshot(), holds: false),
        Case(
            name: "all needs every child",
            condition: .all([.field(.mailbox, .equals("support")), .field(.team, .equals("billing"))]),
            snapshot: snapshot(team: "sales"), holds: false),
        Case(
            name: "any needs one child",
            condition: .any([.field(.team, .equals("billing")), .field(.mailbox, .equals("support"))]),
            snapshot: snapshot(team: "sales"), holds: true),
        Case(name: "not", condition: .not(.hasTag("vip")), snapshot: snapshot(tags: []), holds: true),
    ]

    @Test("each condition kind", arguments: cases)
    func condition(_ example: Case) throws {
        // Given the condition in a one-rule set, When the rule runs on the snapshot, Then it matches or not.
        #expect(try holds(example.condition, on: example.snapshot) == example.holds)
    }

    @Test("a huge message is folded only up to the limit, and words in its head still match")
    func hugeText() throws {
        // Given 2 MB of Cyrillic text with one word at its start and another past the fold limit
        let text = "счёт " + String(repeating: "я", count: 1_000_000) + " оплата"
        // Then the head matches and the tail is not read
        #expect(try holds(.field(.text, .containsAny(["СЧЕТ"])), on: snapshot(text: text)))
        #expect(try !holds(.field(.text, .containsAny(["оплата"])), on: snapshot(text: text)))
    }
}

/// The fold has a fast path for ASCII and basic Cyrillic; it must agree with the Foundation path letter by letter,
/// or a rule word and a mail could fold differently.
@Suite struct TextFoldAgreementTests {
    @Test("each ASCII and basic Cyrillic letter folds the same with or without another script beside it")
    func agreement() throws {
        // Given every scalar of the fast path, as a rule word (fast path) and in a subject with an emoji (Foundation)
        let scalars = (0x20..<0x7F).compactMap(Unicode.Scalar.init) + (0x400...0x45F).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let word = String(Character(scalar))
            // Then the word is found in its own text, and its other case is found too
            #expect(try holds(.field(.subject, .containsAny([word])), on: snapshot(subject: "😀" + word)), "\(word)")
            #expect(
                try holds(.field(.subject, .containsAny([word.uppercased()])), on: snapshot(subject: "😀" + word)),
                "\(word)")
            #expect(
                try holds(.field(.subject, .containsAny([word])), on: snapshot(subject: "😀" + word.uppercased())),
                "\(word)")
        }
    }
}

/// The fold's fast path (ASCII, basic Cyrillic, common punctuation) must agree with Foundation's, or a rule word
/// and a mail would fold differently whenever only one of them holds a character outside it.
@Suite struct FoldFastPathTests {
    static let punctuation: [Unicode.Scalar] =
        (0xA0...0xBF).filter { ![0xAA, 0xB5, 0xBA].contains($0) }.compactMap(Unicode.Scalar.init)
        + (0x2010...0x2027).compactMap(Unicode.Scalar.init) + (0x2030...0x205E).compactMap(Unicode.Scalar.init)
        + [0x20AC, 0x20BD, 0x2116, 0x2122].compactMap(Unicode.Scalar.init)

    @Test("each caseless punctuation mark folds as Foundation folds it", arguments: punctuation)
    func punctuationAgrees(mark: Unicode.Scalar) throws {
        // Given a rule word with the mark (folded on the fast path) and a mail that also has an é (folded by
        // Foundation), and the other way round
        let word = "Счёт" + String(mark) + "X"
        #expect(try holds(.field(.subject, .containsAny([word])), on: snapshot(subject: "é счет\(mark)x")))
        #expect(try holds(.field(.subject, .containsAny([word + "é"])), on: snapshot(subject: "СЧЕТ\(mark)XÉ")))
    }

    @Test(
        "characters next to the fast path's ranges still fold",
        arguments: [
            ("Ѐ", "ѐ"), ("Я", "я"), ("Џ", "џ"), ("Ѡ", "ѡ"), ("Ѣ", "ѣ"), ("@", "@"), ("[", "["), ("Z", "z"),
            ("µ", "μ"), ("ª", "ª"), ("À", "à"),
        ])
    func neighbours(upper: String, lower: String) throws {
        #expect(try holds(.field(.subject, .containsAny([lower])), on: snapshot(subject: "x" + upper + "y")))
        #expect(try holds(.field(.subject, .containsAny([upper])), on: snapshot(subject: "x" + lower + "y")))
    }
}

/// `contains_any` looks for all of a field's words in one scan (an Aho–Corasick automaton); the answers must be those
/// of looking for each word on its own.
@Suite struct WordScanTests {
    /// Words that overlap, nest and share prefixes and suffixes, in both scripts, and one that folds to nothing.
    static let words = [
        "he", "she", "his", "hers", "her", "ушел", "шел", "шла", "ел", "сч", "счёт", "счет", "ёт", "a", "aa", "aaa",
        "invoice", "voice", "ice", "",
    ]

    @Test("each word is found exactly where a search for it alone finds it", arguments: 0..<40)
    func sameAsOneByOne(seed: Int) throws {
        // Given a text made of word pieces and noise, and every word of the list
        var generator = SeededGenerator(seed: UInt64(seed))
        let pieces = Self.words + ["x", " ", "Ё", "SHE", "Ушёл", "h", "е", "\n"]
        let text = (0..<Int.random(in: 0...12, using: &generator))
            .map { _ in pieces.randomElement(using: &generator)! }.joined()
        // Then each word's rule holds exactly when its folded form occurs in the folded text
        func fold(_ value: String) -> String { value.lowercased().replacingOccurrences(of: "ё", with: "е") }
        for word in Self.words where !word.isEmpty {
            let rule = Condition.field(.text, .containsAny([word]))
            let alone = fold(text).contains(fold(word))
            #expect(try holds(rule, on: snapshot(text: text)) == alone, "\(word) in \(text)")
            // and the same inside a set that looks for every word at once
            let all = Condition.all([.field(.text, .containsAny(Self.words.filter { !$0.isEmpty })), rule])
            #expect(try holds(all, on: snapshot(text: text)) == alone, "\(word) in \(text)")
        }
    }

    @Test("a field with hundreds of words (a table too large for 16-bit entries) answers as one-by-one search")
    func manyWords() throws {
        // Given 600 distinct words of 6–10 letters from both scripts: thousands of states times dozens of byte classes
        var generator = SeededGenerator(seed: 7)
        let letters = Array("abcdefghijklmnopqrstuvwxyzабвгдежзийклмнопрстуфхцчшщыэюя")
        var words = Set<String>()
        while words.count < 600 {
            words.insert(
                String(
                    (0..<Int.random(in: 6...10, using: &generator)).map { _ in letters.randomElement(using: &generator)!
                    }))
        }
        let list = words.sorted()
        // And a text holding every third word, upper-cased, among noise
        let text = list.enumerated().filter { $0.offset % 3 == 0 }.map { $0.element.uppercased() }
            .joined(separator: " шум ")
        // Then, inside a set that looks for all 600, each word is found exactly when it occurs
        for (offset, word) in list.enumerated() where offset % 7 == 0 {
            let rule = Condition.all([.field(.text, .containsAny(list)), .field(.text, .containsAny([word]))])
            let alone = text.lowercased().contains(word)
            #expect(try holds(rule, on: snapshot(text: text)) == alone, "\(word)")
        }
    }

    @Test("a word that folds to nothing is found in any value, even an empty one, and in no absent field")
    func emptyWord() throws {
        #expect(try holds(.field(.text, .containsAny(["", "zzz"])), on: snapshot(text: "")))
        #expect(try !holds(.field(.text, .containsAny(["", "zzz"])), on: snapshot(text: nil)))
    }
}

/// SplitMix64, so each case's text is the same every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
