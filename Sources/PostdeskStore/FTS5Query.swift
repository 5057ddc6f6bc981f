import PostdeskCore

/// An FTS5 query from ``SearchText``: every term a quoted phrase (quotes doubled), all required, the last one a
/// prefix while it is being typed. No character of the input is ever FTS5 syntax.
///
/// A prefix term is slow in SQLite 3.40: FTS5 merges the whole doclist of every word with that prefix before it
/// returns a row, even under `ORDER BY rowid DESC LIMIT n` (31 ms for `"refund"*` on 300,000 messages). So the store
/// looks the prefix up in the indexes' vocabularies and, when it stands for a few words, the prefix becomes their
/// alternatives, `"a" AND ("refund" OR "refunds")`, which FTS5 reads lazily (0.5 ms). The `AND` is needed: 3.40's
/// grammar rejects a parenthesis after a phrase with only a space between (`"a" ("b" OR "c")`: syntax error).
/// Building the expression stays pure: the words come in as ``Expansion``.
enum FTS5Query {
    /// A prefix standing for more words than this is matched as a prefix (correct, slower): an OR of many phrases
    /// costs about as much as the merge, and finding the words costs a vocabulary seek each.
    static let maximumExpansion = 16

    /// What the last term is matched as.
    enum Expansion: Equatable, Sendable {
        /// The term as a prefix, `"term"*` (or the exact phrase, when the search does not end in a prefix).
        case prefix
        /// The words of the indexes that start with the term, 1 to ``FTS5Query/maximumExpansion`` of them.
        case words([String])
    }

    /// The MATCH expression. `.words` with no word or too many is read as `.prefix`.
    static func expression(_ search: SearchText, expansion: Expansion = .prefix) -> String {
        search.terms.enumerated().map { index, term in
            guard search.lastTermIsPrefix && index == search.terms.count - 1 else { return phrase(term) }
            guard case .words(let words) = expansion, !words.isEmpty, words.count <= maximumExpansion else {
                return phrase(term) + "*"
            }
            guard words.count > 1 else { return phrase(words[0]) }
            return (index > 0 ? "AND " : "") + "(" + words.map(phrase).joined(separator: " OR ") + ")"
        }.joined(separator: " ")
    }

    private static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The last term, when it is a prefix, exactly as the start of one word of the index (`unicode61
    /// remove_diacritics 2`): only for terms of ASCII letters and digits or basic Cyrillic letters (`а`–`я`, `А`–`Я`;
    /// `ё` is already folded), lowercased. Any other character may split the term into several words (punctuation)
    /// or be folded in a way not reproduced here (other diacritics, other scripts): nil, and the prefix stays a
    /// prefix. `й` stays `й` in the index (checked on its vocabulary), and so it does here.
    static func expandablePrefix(_ search: SearchText) -> String? {
        guard search.lastTermIsPrefix, let term = search.terms.last, !term.isEmpty else { return nil }
        var folded = String.UnicodeScalarView()
        for scalar in term.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x61...0x7A, 0x430...0x44F: folded.append(scalar)
            case 0x41...0x5A, 0x410...0x42F: folded.append(Unicode.Scalar(scalar.value + 0x20)!)
            default: return nil
            }
        }
        return String(folded)
    }

    /// A string above every string that starts with `prefix` (one of ``expandablePrefix(_:)``) and below every other
    /// string above `prefix`: its last character incremented. UTF-8 sorts as code points do, so SQLite's byte
    /// comparison agrees; the last character is an ASCII letter or digit or `а`–`я`, whose successor is a character.
    static func upperBound(_ prefix: String) -> String {
        var scalars = Array(prefix.unicodeScalars)
        guard let last = scalars.popLast(), let next = Unicode.Scalar(last.value + 1) else {
            return prefix + "\u{10FFFF}"
        }
        var bound = String.UnicodeScalarView(scalars)
        bound.append(next)
        return String(bound)
    }
}
