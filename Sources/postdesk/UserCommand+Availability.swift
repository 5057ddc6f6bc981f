import ArgumentParser
import Foundation
import PostdeskApp
import PostdeskCore

/// `user away|back|hours|notify|quiet`: when an operator works and what they hear of (issue 9 points 2 and 3).
extension UserCommand {
    struct Away: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark an operator away: no new tickets, no notifications but assignments.",
            discussion: """
                Each of the operator's new, open and pending tickets becomes a ticket.assignee_away event for the \
                rules; the shipped rule assigns it round-robin within its team. A ticket no rule reassigns goes back \
                to its team unassigned. Prints one line per ticket.
                """)
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the operator's addresses.") var address: String

        func run() async throws {
            let postdesk = try Postdesk(config: try options.load())
            guard
                let handover = try await OperatorPreferences.markAway(
                    address, workflow: postdesk.workflow(), in: postdesk.store)
            else { throw noOperator(address) }
            print("\(handover.account.primaryAddress) is away; \(handover.tickets.count) open tickets handed back")
            for ticket in handover.tickets {
                print("#\(ticket.number.rawValue)\t\(ticket.assignee ?? "unassigned")")
            }
        }
    }

    struct Back: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark an operator back: assignable and notified again (tickets handed back stay where they are).")
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the operator's addresses.") var address: String

        func run() async throws {
            try await UserCommand.change(.back, address: address, options: options)
            print("\(address) is back")
        }
    }

    struct Hours: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an operator's working hours in their own time zone; rules assign only within them.",
            discussion: """
                --week lists days and local hours: clauses separated by ';', each days then intervals, e.g. \
                "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00". Days are mon tue wed thu fri sat sun, a range \
                (mon-fri, fri-mon) or a list (sat,sun). An interval stays within one day (a night shift is \
                "mon-fri 22:00-24:00; tue-sat 00:00-06:00"). Days not named are off. --always removes the hours: \
                the operator is on shift at all times (the default). The time zone also applies to quiet hours.
                """)
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the operator's addresses.") var address: String
        @Option(help: "An IANA time zone, e.g. Europe/Berlin (UTC until set).") var timeZone: String?
        @Option(help: "Weekly hours, e.g. \"mon-fri 09:00-17:00\".") var week: String?
        @Flag(help: "No working hours: always on shift.") var always = false

        func run() async throws {
            if week != nil && always { throw usage("--week and --always exclude each other") }
            if week == nil && !always && timeZone == nil { throw usage("give --week, --always or --time-zone") }
            let weekChange: String?? = always ? .some(nil) : week.map { .some($0) }
            let stored = try await UserCommand.change(
                .hours(timeZone: timeZone, week: weekChange), address: address, options: options)
            print("\(address) works \(stored.week ?? "always") (\(stored.timeZone ?? "UTC"))")
        }
    }

    struct Notify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Opt an operator out of (or back into) notification templates.",
            discussion: """
                TEMPLATE is a directory name under the mail templates (operator_new_ticket, operator_assigned, \
                operator_customer_reply, operator_activity, …). An opted-out mail is not sent; the ticket's events \
                (and rules explain) say so.
                """)
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the operator's addresses.") var address: String
        @Option(parsing: .upToNextOption, help: "Templates to stop getting.") var off: [String] = []
        @Option(parsing: .upToNextOption, help: "Templates to get again.") var on: [String] = []

        func run() async throws {
            if off.isEmpty && on.isEmpty { throw usage("give --off TEMPLATE… or --on TEMPLATE…") }
            let config = try options.load()
            let templates: Set<String>
            do { templates = try MailTemplateNames.list(in: config.templatesDir) } catch {
                throw usage("cannot read templates directory \(config.templatesDir): \(error.localizedDescription)")
            }
            let stored = try await UserCommand.change(
                .notify(off: off, on: on, templates: templates), address: address, options: options)
            let muted = stored.mutedTemplates.isEmpty ? "nothing" : stored.mutedTemplates.joined(separator: ", ")
            print("\(address) opted out of \(muted)")
        }
    }

    struct Quiet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set an operator's quiet hours (no notifications but assignments), or off.",
            discussion: """
                HOURS is HH:MM-HH:MM on the operator's own clock and may cross midnight (22:00-07:00). A notification \
                falling in them is not sent (not delayed); the ticket's events say so. Assignment mail \
                (operator_assigned) still goes.
                """)
        @OptionGroup var options: ConfigOptions
        @Argument(help: "Any of the operator's addresses.") var address: String
        @Argument(help: "HH:MM-HH:MM, or off.") var hours: String
        @Option(help: "An IANA time zone, e.g. Europe/Berlin (UTC until set).") var timeZone: String?

        func run() async throws {
            let text = hours == "off" ? nil : hours
            let stored = try await UserCommand.change(
                .quiet(text, timeZone: timeZone), address: address, options: options)
            print("\(address) quiet hours \(stored.quietHours ?? "off") (\(stored.timeZone ?? "UTC"))")
        }
    }

    /// Stores one change; a refusal or an unknown operator prints a sentence and exits 1.
    @discardableResult
    static func change(_ change: OperatorPreferences.Change, address: String, options: ConfigOptions) async throws
        -> OperatorAvailability
    {
        let postdesk = try Postdesk(config: try options.load())
        do {
            guard let stored = try await OperatorPreferences.apply(change, to: address, in: postdesk.store) else {
                throw noOperator(address)
            }
            return stored
        } catch let refusal as OperatorPreferences.Refusal {
            throw usage(refusal.message)
        }
    }
}

private func noOperator(_ address: String) -> ExitCode {
    usage("no operator has the address \(address)")
}
