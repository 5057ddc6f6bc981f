public import PostdeskRules

/// One finding of `rules check` in a rules file, placed like a compiler's: `12:7: error: …`.
public struct RuleDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the file.
    public var line: Int
    /// 1-based column (counted in Unicode scalars, as the YAML reader counts); nil when only the line is known.
    public var column: Int?
    public var severity: RuleProblem.Severity
    public var message: String

    public init(line: Int, column: Int?, severity: RuleProblem.Severity, message: String) {
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// `LINE:COL: error: message` (`LINE: …` without a column), to be prefixed with the file name.
    public var description: String {
        "\(line):" + (column.map { "\($0):" } ?? "") + " \(severity.rawValue): \(message)"
    }
}

/// A rules file that cannot be used: every finding, errors and warnings, in line order.
public struct RuleDocumentYAMLError: Error, Hashable, Sendable, CustomStringConvertible {
    public var diagnostics: [RuleDiagnostic]

    /// Never: the same file fails the same way until it is edited.
    public var isTransient: Bool { false }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
