import Foundation

/// What someone typed into a search box, cut into terms at whitespace and bounded.
///
/// Parsed, not validated (STYLE habit 16): a term keeps only its own characters, never syntax. The store quotes
/// each term as a phrase, so `"`, `*`, `NEAR(`, `-`, `:` or `AND` in the input are words to find, never operators.
/// A chunk with no letter or digit is dropped (it could match nothing). `ё` is folded to `е`, as in the index,
/// because Russian writers use them interchangeably.
public struct SearchText: Hashable, Sendable {
    /// The terms, in order, each with at least one letter or digit, at most ``maximumTermLength`` characters.
    public let terms: [String]
    /// Whether the last term is matched as a prefix (someone still typing it): true unless the input ended with a
    /// space or the term is a single character (a one-letter prefix would read most of the index).
    public let lastTermIsPrefix: Bool

    /// At most this many terms are kept; a longer query is cut.
    public static let maximumTerms = 12
    /// A longer term is cut to this many characters.
    public static let maximumTermLength = 64

    public init(_ raw: String) {
        // Control characters separate terms too: a NUL inside a term ended FTS5's reading of the query (an error page).
        let chunks = raw.split(whereSeparator: { character in
            character.isWhitespace || character.isNewline
                || character.unicodeScalars.contains { $0.properties.generalCategory == .control }
        })
        .map { String($0.prefix(Self.maximumTermLength)) }
        .filter { $0.contains { $0.isLetter || $0.isNumber } }
        .prefix(Self.maximumTerms)
        terms = chunks.map(Self.fold)
        let last = raw.last
        let endsTerm = last.map {
            $0.isWhitespace || $0.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        lastTermIsPrefix = !(endsTerm ?? true) && (terms.last?.count ?? 0) >= 2
    }

    /// No term: no search at all.
    public var isEmpty: Bool { terms.isEmpty }

    /// `ё` → `е` (and `Ё` → `Е`), as the store's index does; case and other diacritics are the tokenizer's.
    public static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: "Ё", with: "Е")
    }
}
