/// Character references of HTML (WHATWG HTML §13.5): numeric ones and the named entities mail actually uses.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "shy": "\u{00AD}",
        "copy": "©", "reg": "®", "trade": "™", "hellip": "…", "mdash": "—", "ndash": "–", "lsquo": "‘", "rsquo": "’",
        "sbquo": "‚", "ldquo": "“", "rdquo": "”", "bdquo": "„", "laquo": "«", "raquo": "»", "lsaquo": "‹",
        "rsaquo": "›", "bull": "•", "middot": "·", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "sect": "§",
        "para": "¶", "deg": "°", "plusmn": "±", "times": "×", "divide": "÷", "frac12": "½", "frac14": "¼",
        "frac34": "¾", "sup1": "¹", "sup2": "²", "sup3": "³", "micro": "µ", "iexcl": "¡", "iquest": "¿",
        "ordf": "ª", "ordm": "º", "not": "¬", "macr": "¯", "acute": "´", "cedil": "¸", "uml": "¨", "curren": "¤",
        "brvbar": "¦", "dagger": "†", "Dagger": "‡", "permil": "‰", "prime": "′", "Prime": "″", "larr": "←",
        "rarr": "→", "uarr": "↑", "darr": "↓", "harr": "↔", "hearts": "♥", "zwnj": "\u{200C}", "zwj": "\u{200D}",
        "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        "Agrave": "À", "Aacute": "Á", "Acirc": "Â", "Atilde": "Ã", "Auml": "Ä", "Aring": "Å", "AElig": "Æ",
        "Ccedil": "Ç", "Egrave": "È", "Eacute": "É", "Ecirc": "Ê", "Euml": "Ë", "Igrave": "Ì", "Iacute": "Í",
        "Icirc": "Î", "Iuml": "Ï", "ETH": "Ð", "Ntilde": "Ñ", "Ograve": "Ò", "Oacute": "Ó", "Ocirc": "Ô",
        "Otilde": "Õ", "Ouml": "Ö", "Oslash": "Ø", "Ugrave": "Ù", "Uacute": "Ú", "Ucirc": "Û", "Uuml": "Ü",
        "Yacute": "Ý", "THORN": "Þ", "szlig": "ß", "agrave": "à", "aacute": "á", "acirc": "â", "atilde": "ã",
        "auml": "ä", "aring": "å", "aelig": "æ", "ccedil": "ç", "egrave": "è", "eacute": "é", "ecirc": "ê",
        "euml": "ë", "igrave": "ì", "iacute": "í", "icirc": "î", "iuml": "ï", "eth": "ð", "ntilde": "ñ",
        "ograve": "ò", "oacute": "ó", "ocirc": "ô", "otilde": "õ", "ouml": "ö", "oslash": "ø", "ugrave": "ù",
        "uacute": "ú", "ucirc": "û", "uuml": "ü", "yacute": "ý", "thorn": "þ", "yuml": "ÿ", "OElig": "Œ",
        "oelig": "œ", "Scaron": "Š", "scaron": "š", "Yuml": "Ÿ", "fnof": "ƒ", "circ": "ˆ", "tilde": "˜",
        "Alpha": "Α", "Beta": "Β", "Gamma": "Γ", "Delta": "Δ", "alpha": "α", "beta": "β", "gamma": "γ",
        "delta": "δ", "pi": "π", "sigma": "σ", "omega": "ω", "infin": "∞", "ne": "≠", "le": "≤", "ge": "≥",
        "minus": "−", "check": "✓", "star": "☆",
    ]

    /// Decodes the reference starting at `start` (just after `&`); returns the text and the index after it.
    static func decode(_ bytes: [UInt8], at start: Int) -> (String, Int)? {
        var index = start
        let limit = min(bytes.count, start + 32)
        if index < limit, bytes[index] == ASCII.hash {
            index += 1
            var radix = 10
            if index < limit, bytes[index] | 0x20 == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            let digitsStart = index
            while index < limit, let digit = ASCII.hexValue(bytes[index]), radix == 16 || digit < 10 {
                value = min(value &* UInt32(radix) &+ UInt32(digit), 0x110000)
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < bytes.count, bytes[index] == ASCII.semicolon { index += 1 }
            let scalar = Unicode.Scalar(windows1252Fix(value)) ?? "\u{FFFD}"
            return (value == 0 ? "\u{FFFD}" : String(Character(scalar)), index)
        }
        while index < limit, ASCII.isAlpha(bytes[index]) || ASCII.isDigit(bytes[index]) { index += 1 }
        guard index > start else { return nil }
        let name = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let text = named[name] ?? all[name] ?? named[name.lowercased()] else { return nil }
        if index < bytes.count, bytes[index] == ASCII.semicolon { index += 1 }
        return (text, index)
    }

    /// Numeric references 0x80–0x9F mean windows-1252 characters (WHATWG HTML §13.2.5.80).
    private static func windows1252Fix(_ value: UInt32) -> UInt32 {
        guard value >= 0x80, value <= 0x9F else { return value }
        return Windows1252.decode([UInt8(value)]).unicodeScalars.first?.value ?? value
    }
}
