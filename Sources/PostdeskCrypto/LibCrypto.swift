/// What happens when libcrypto itself fails.
///
/// The calls here fail only when OpenSSL cannot allocate memory or cannot load its default provider: a broken
/// installation, not a bad input (no input reaches them that could make them fail). No caller could do anything
/// useful with such an error, and a wrong digest or MAC must never be returned, so the process stops with a message
/// that names the call.
enum LibCrypto {
    static func check(_ condition: Bool, _ call: StaticString) {
        if !condition { fail(call) }
    }

    static func fail(_ call: StaticString) -> Never {
        fatalError("libcrypto: \(call) failed; is OpenSSL 3 (libssl3) installed with its default provider?")
    }
}
