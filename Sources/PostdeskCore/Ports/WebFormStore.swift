import Foundation

/// Reads of the portal's ticket form and of work types.
public protocol WebFormQueries {
    /// The ticket form's fields by position.
    func formFields() throws -> [FormField]
    /// The form values a ticket was opened with, in the form's order.
    func formValues(of ticket: TicketID) throws -> [FormValue]
    /// Every work type by name, with its prices.
    func workTypes() throws -> [WorkType]
    /// The work type with this name, case-insensitive (its stored spelling).
    func workType(named name: String) throws -> WorkType?
}

/// Writes of the ticket form and work types, valid only inside ``TicketStore/write(_:)``.
public protocol WebFormTransaction: WebFormQueries {
    /// Replaces the whole form (the admin page saves it as one list).
    func setFormFields(_ fields: [FormField]) throws
    func append(_ values: [FormValue], to ticket: TicketID) throws
    /// Adds a price in force from `from` (`yyyy-MM-dd`) to the work type `name`, creating the type when it is new.
    /// A second price for the same type, currency and day is a `conflict`.
    func addWorkTypePrice(name: String, price: WorkTypePrice, at date: Date) throws -> WorkType
}
