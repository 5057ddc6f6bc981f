/// The `[#N]` tag in subjects of our mail, so a human (and a mail client) can see which ticket it is.
public enum SubjectTag {
    /// The ticket number of the first `[#N]` in `subject`, if any.
    public static func number(in subject: String) -> Int64? {
        var rest = Substring(subject)
        while let open = rest.range(of: "[#") {
            let digits = rest[open.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let after = rest.index(open.upperBound, offsetBy: digits.count)
            if !digits.isEmpty, after < rest.endIndex, rest[after] == "]", let n = Int64(digits), n > 0 {
                return n
            }
            rest = rest[open.upperBound...]
        }
        return nil
    }

    /// `subject` with `[#N]` added once, after any `Re:` the client will add.
    public static func tagged(_ subject: String, number: Int64) -> String {
        if self.number(in: subject) == number { return subject }
        return "[#\(number)] \(subject)"
    }
}
