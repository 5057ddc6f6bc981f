/// A kind of work time entries count against (`consulting`), with its hourly prices over time.
public struct WorkType: Hashable, Codable, Sendable {
    public var name: String
    /// Every dated price, oldest `from` first; a currency's price on a day is its latest `from` not after that day.
    public var prices: [WorkTypePrice]

    public init(name: String, prices: [WorkTypePrice]) {
        self.name = name
        self.prices = prices
    }

    /// The hourly price in `currency` on `day` (`yyyy-MM-dd`); nil when none was in force.
    public func price(in currency: String, on day: String) -> Money? {
        prices.filter { $0.amount.currency == currency && $0.from <= day }.max { $0.from < $1.from }?.amount
    }
}

/// An hourly price in force from a day on (inclusive).
public struct WorkTypePrice: Hashable, Codable, Sendable {
    public var amount: Money
    /// `yyyy-MM-dd`.
    public var from: String

    public init(amount: Money, from: String) {
        self.amount = amount
        self.from = from
    }
}

/// An amount of money in minor units (cents, kopecks): never a float.
public struct Money: Hashable, Codable, Sendable {
    public var minorUnits: Int64
    /// ISO 4217, three uppercase letters.
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Digits after the decimal point in `currency` (ISO 4217): 0 for JPY and a few others, 3 for the dinars, else 2.
    public static func minorDigits(of currency: String) -> Int {
        switch currency {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF",
            "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// Reads `12`, `12.5`, `12.50` (decimal text; a comma also separates) or `1250m` (minor units) in `currency`.
    /// Nil for anything else: a sign, an exponent, more decimals than the currency has, a value past 10^15.
    public init?(parsing text: String, currency: String) {
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return nil }
        let digits = Self.minorDigits(of: currency)
        var whole = Substring(text)
        var scale = digits
        if whole.hasSuffix("m") {
            whole = whole.dropLast()
            scale = 0
            guard !whole.isEmpty, !whole.contains(where: { $0 == "." || $0 == "," }) else { return nil }
        }
        let parts = whole.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
        }
        guard (1...2).contains(parts.count), let integral = parts.first, (1...15).contains(integral.count),
            integral.allSatisfy({ $0.isASCII && $0.isNumber }), let units = Int64(integral)
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= scale, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || !fraction.isEmpty
        else { return nil }
        fraction += String(repeating: "0", count: scale - fraction.count)
        var minor = units
        for _ in 0..<scale { minor *= 10 }
        self.init(minorUnits: minor + (Int64(fraction) ?? 0), currency: currency)
    }

    /// `3000.00`: the amount as decimal text with the currency's digits, as reports print it.
    public var decimalText: String {
        let digits = Self.minorDigits(of: currency)
        guard digits > 0 else { return "\(minorUnits)" }
        var divisor: Int64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        let fraction = String(magnitude % UInt64(divisor))
        return
            "\(sign)\(magnitude / UInt64(divisor)).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }
}
