extension Unicode.Scalar {
    /// C0 controls (CR, LF and tab among them), DEL, C1 controls, and the Unicode line and paragraph separators:
    /// what may never stand in a one-line value, since some reader somewhere would take it for a line break.
    var isControlOrLineBreak: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value) || self == "\u{2028}" || self == "\u{2029}"
    }

    /// Invisible format characters (zero-width space and joiners, the byte-order mark, bidi overrides) and non-ASCII
    /// spaces: they make one address look like another, so no address may hold them.
    var isInvisibleOrSpace: Bool {
        value >= 0x80 && (properties.generalCategory == .format || properties.isWhitespace)
    }
}

extension String {
    /// The text with every ``Unicode/Scalar/isControlOrLineBreak`` character turned into a space: what a one-line
    /// value (a name, a subject) may hold, so that it can never start a new header line wherever it is copied to.
    var withoutControls: String {
        guard unicodeScalars.contains(where: \.isControlOrLineBreak) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars { scalars.append(scalar.isControlOrLineBreak ? " " : scalar) }
        return String(scalars)
    }
}
