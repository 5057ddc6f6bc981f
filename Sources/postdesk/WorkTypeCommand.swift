import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore
import PostdeskWorkflow

/// `postdesk worktype add|list`: kinds of work with hourly prices (ARCHITECTURE §4, Time and money).
struct WorkTypeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worktype", abstract: "Work types and their hourly prices.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a work type with its price per hour, or a later dated price to an existing one.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "1–64 characters, no line breaks; unique regardless of case.") var name: String
        @Option(help: "The price per hour: decimal text (1500, 1500.50) or minor units with an m (150050m).")
        var price: String
        @Option(help: "ISO 4217 currency code (RUB, EUR).") var currency: String
        @Option(help: "The first day the price applies (yyyy-MM-dd, inclusive); today (UTC) when left out.")
        var from: String?

        func run() async throws {
            let name = name.trimmingCharacters(in: .whitespaces)
            guard (1...64).contains(name.count),
                !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { throw usage("a work type name has 1–64 characters and no control characters") }
            guard let amount = Money(parsing: price, currency: currency) else {
                throw usage(
                    "'\(price)' is not a price in \(currency): decimal text with at most "
                        + "\(Money.minorDigits(of: currency)) decimals, or minor units like 150050m, "
                        + "and a currency of three capital letters")
            }
            let day = try from.map { text in
                guard let day = TicketFormValidation.date(text) else { throw usage("--from must read yyyy-MM-dd") }
                return day
            }
            let postdesk = try Postdesk(config: try options.load())
            let now = Date()
            let start = day ?? now.formatted(Date.ISO8601FormatStyle().year().month().day())
            let type = try await storeErrorsExit {
                try await postdesk.store.write { tx in
                    try tx.addWorkTypePrice(name: name, price: WorkTypePrice(amount: amount, from: start), at: now)
                }
            }
            print("work type \(type.name): \(amount.decimalText) \(amount.currency) per hour from \(start)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Work types by name, with their dated prices.")
        @OptionGroup var options: ConfigOptions

        func run() async throws {
            let store = try options.existingDatabase(.readOnly)
            for type in try await store.read({ q in try q.workTypes() }) {
                let prices = type.prices.map { "\($0.amount.decimalText) \($0.amount.currency) from \($0.from)" }
                print("\(type.name)\t\(prices.joined(separator: ", "))")
            }
        }
    }
}
