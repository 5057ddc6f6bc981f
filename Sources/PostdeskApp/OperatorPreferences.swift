import Foundation
public import PostdeskCore
import PostdeskRules
import PostdeskWorkflow

/// `user away|back|hours|notify|quiet`: an operator's availability and notification preferences, checked before
/// they are stored, so what the store holds always reads (``OperatorSchedule``).
public enum OperatorPreferences {
    /// A change refused before anything was stored, with the sentence to show. Retrying the same change cannot help.
    public struct Refusal: Error, Sendable, Equatable {
        public var message: String
        public var isTransient: Bool { false }
    }

    /// One change to an operator's preferences.
    public enum Change: Sendable {
        /// Back from away. (Going away is ``markAway(_:workflow:in:)``: it hands tickets back.)
        case back
        /// The zone (nil keeps it) and the weekly hours (`.some(nil)` clears them: always on shift; nil keeps them).
        case hours(timeZone: String?, week: String??)
        /// Quiet hours (`nil` clears them) and optionally the zone.
        case quiet(String?, timeZone: String?)
        /// Opt out of (`off`) or back into (`on`) these templates; each must be one of `templates`.
        case notify(off: [String], on: [String], templates: Set<String>)
    }

    /// Applies `change` to the operator with `address` in one transaction.
    /// - Returns: the stored availability, or nil when no operator has the address.
    /// - Throws: ``Refusal`` when the change does not read (unknown zone or template, bad hours syntax).
    public static func apply(_ change: Change, to address: String, in store: any TicketStore) async throws
        -> OperatorAvailability?
    {
        try await store.write { tx in
            guard let account = try tx.operatorAccount(address: address) else { return nil }
            let updated = try changed(account.availability, by: change)
            _ = try tx.setAvailability(updated, of: account.id)
            return updated
        }
    }

    /// Marks the operator away and hands back their open tickets through the rules (``InboundWorkflow/markAway``).
    public static func markAway(_ address: String, workflow: InboundWorkflow, in store: any TicketStore) async throws
        -> AwayHandover?
    {
        try await store.write { tx in try workflow.markAway(operator: address, in: tx) }
    }

    /// `availability` after `change`, in canonical spelling; throws ``Refusal`` when it does not read.
    public static func changed(_ availability: OperatorAvailability, by change: Change) throws(Refusal)
        -> OperatorAvailability
    {
        var result = availability
        switch change {
        case .back:
            result.isAway = false
        case .hours(let zone, let week):
            if let zone { result.timeZone = zone }
            if let week {
                do {
                    result.week = try week.map { text throws(BusinessCalendarError) in
                        WeekSyntax.format(try WeekSyntax.parse(text))
                    }
                } catch { throw Refusal(message: "hours: \(error.message)") }
            }
        case .quiet(let text, let zone):
            if let zone { result.timeZone = zone }
            result.quietHours = text
        case .notify(let off, let on, let templates):
            for name in off + on where !templates.contains(name) {
                throw Refusal(
                    message: "no mail template named '\(name)'; known: \(templates.sorted().joined(separator: ", "))")
            }
            result.mutedTemplates = Set(result.mutedTemplates).union(off).subtracting(on).sorted()
        }
        // Only zones the system lists: an identifier is also a path under the zoneinfo directory.
        if let zone = result.timeZone, zone != "UTC", !TimeZone.knownTimeZoneIdentifiers.contains(zone) {
            throw Refusal(message: "unknown time zone \(zone); use an IANA name like Europe/Berlin")
        }
        do {
            let schedule = try OperatorSchedule(result)
            result.quietHours = schedule.quiet?.description
        } catch { throw Refusal(message: error.message) }
        return result
    }
}
