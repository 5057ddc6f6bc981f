import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore
import PostdeskWeb

#if canImport(Glibc)
    import Glibc
#endif

extension UserCommand {
    /// `postdesk user password EMAIL`: the new password from stdin (one line, for scripts), or typed at a prompt
    /// without echo when stdin is a terminal (ARCHITECTURE §4).
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the web sign-in password of an operator, admin or customer account.",
            discussion: """
                Reads the password from stdin (the first line), or prompts twice when stdin is a terminal. It needs \
                at least \(PasswordPolicy.minimumCharacters) characters and at most \(PasswordPolicy.maximumBytes) \
                UTF-8 bytes (bcrypt reads no more). Every session of the account ends.
                """)
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The account's address.") var address: String

        func run() async throws {
            let password = try readPassword()
            if let problem = PasswordPolicy.problem(with: password) { throw usage("the password needs \(problem)") }
            let postdesk = try Postdesk(config: try options.load())
            let accounts = AccountService(store: postdesk.store, settings: postdesk.accountSettings, now: { Date() })
            guard try await accounts.setPassword(email: address, password: password) else {
                throw usage("no account has the address '\(address)'")
            }
            print("password of \(address) set")
        }

        func readPassword() throws -> String {
            guard isatty(0) == 1 else {
                guard let line = readLine(strippingNewline: true) else { throw usage("no password on stdin") }
                return line
            }
            guard let first = getpass("New password: ").map({ String(cString: $0) }),
                let second = getpass("Again: ").map({ String(cString: $0) })
            else { throw usage("no password typed") }
            guard first == second else { throw usage("the two passwords differ") }
            return first
        }
    }

    /// `postdesk user invite EMAIL [--name N]`: a customer account, and a mail (through the outbox) with the portal
    /// address, the login and a set-password link.
    struct Invite: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Invite a customer to the portal: creates the account and mails a set-password link.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "The customer's address.") var address: String
        @Option(help: "The customer's name.") var name: String?
        @Option(help: "The language of the mail (en or ru).") var language: String = "en"

        func run() async throws {
            guard let email = EmailAddress(address) else { throw usage("'\(address)' is not a mail address") }
            if let name, name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                throw usage("--name must not contain control characters")
            }
            guard UILanguage(rawValue: language) != nil else { throw usage("--language must be en or ru") }
            let postdesk = try Postdesk(config: try options.load())
            let accounts = AccountService(store: postdesk.store, settings: postdesk.accountSettings, now: { Date() })
            try await storeErrorsExit {
                try await accounts.invite(email: email, name: name, invitedBy: nil, language: language)
            }
            print("invitation to \(email.rawValue) queued in the outbox")
        }
    }
}
