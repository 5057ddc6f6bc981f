import Foundation
import GRDB
import PostdeskCore

/// The words a search's prefix stands for, read from the vocabularies of both indexes (``FTS5Query``).
///
/// Each vocabulary (`fts5vocab`, 'instance', v19) is read by skip-scan: the first word at or above the prefix, then
/// the first at or above that word followed by `\u{1}` (the next possible word in byte order), each a seek of about a
/// millisecond. `term > word` would read every instance of the word first (41 ms for "refund"), and a 'row'
/// vocabulary reads a word's whole doclist to count it.
extension SQLiteTransaction {
    /// The MATCH expression for `search`, its prefix replaced by the words it stands for when it stands for few.
    func ftsMatch(_ search: SearchText) throws -> String {
        FTS5Query.expression(search, expansion: try expansion(of: search))
    }

    /// `.words` (sorted, possibly none: the prefix matches nothing) or `.prefix` when the term cannot be expanded
    /// or stands for more than ``FTS5Query/maximumExpansion`` words.
    private func expansion(of search: SearchText) throws -> FTS5Query.Expansion {
        guard let prefix = FTS5Query.expandablePrefix(search) else { return .prefix }
        var words = Set<String>()
        for vocabulary in ["ticket_fts_terms", "message_fts_terms"] {
            guard try collect(prefix, from: vocabulary, into: &words) else { return .prefix }
        }
        // None: nothing matches. The prefix query says so as cheaply (no doclist to merge).
        return words.isEmpty ? .prefix : .words(words.sorted())
    }

    /// Adds the words of `vocabulary` that start with `prefix` to `words`; false once there are more than the cap.
    private func collect(_ prefix: String, from vocabulary: String, into words: inout Set<String>) throws -> Bool {
        let next = try cached("SELECT term FROM \(vocabulary) WHERE term >= ? AND term < ? LIMIT 1")
        let bound = FTS5Query.upperBound(prefix)
        var from = prefix
        while let word = try String.fetchOne(next, arguments: [from, bound]) {
            // Bytes, not characters: a word may go on with a combining mark that Swift would fold into the
            // prefix's last character. A word outside the prefix would mean a wrong bound: keep the prefix query.
            guard word.utf8.starts(with: prefix.utf8) else { return false }
            words.insert(word)
            guard words.count <= FTS5Query.maximumExpansion else { return false }
            from = word + "\u{1}"
        }
        return true
    }
}
