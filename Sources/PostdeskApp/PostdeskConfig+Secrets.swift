import Foundation
import PostdeskCrypto

extension PostdeskConfig {
    /// When the previous secret stops verifying: the instant after `secret_previous_until`, or nil when unset.
    ///
    /// A date alone (`2027-01-31`) counts through the end of that day in UTC, as the report dates do; a full
    /// ISO 8601 time (`2027-01-31T12:00:00Z`) is taken as it is.
    public func previousSecretExpiry() throws(ConfigError) -> Date? {
        guard let text = secretPreviousUntil?.trimmingCharacters(in: .whitespaces) else { return nil }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if text.count == 10, let start = day.date(from: text) {
            return start.addingTimeInterval(86_400)
        }
        let time = ISO8601DateFormatter()
        if let instant = time.date(from: text) { return instant }
        time.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let instant = time.date(from: text) { return instant }
        throw ConfigError(
            message: "secret_previous_until must be a date like 2027-01-31 or a time like 2027-01-31T12:00:00Z, "
                + "not '\(text)'")
    }

    /// What is wrong with `secret`, `secret_previous` and `secret_previous_until`.
    func secretProblems() -> [String] {
        var problems: [String] = []
        if let secret, secret.utf8.count < KeyRing.minimumSecretLength {
            problems.append(
                "secret (POSTDESK_SECRET) has \(secret.utf8.count) bytes; at least \(KeyRing.minimumSecretLength) "
                    + "are required (e.g. `openssl rand -base64 48`)")
        }
        if secretPrevious != nil, secretPreviousUntil == nil {
            problems.append(
                "secret_previous (POSTDESK_SECRET_PREVIOUS) needs secret_previous_until: the date until which "
                    + "tokens signed with it are accepted")
        }
        do {
            _ = try previousSecretExpiry()
        } catch {
            problems.append(error.message)
        }
        return problems
    }
}
