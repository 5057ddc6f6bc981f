import Foundation

/// A view value as a page template reads it: text, a flag, a list, or an object of named values. Absent values are
/// `nil` (an optional that was empty): a lookup that finds nothing climbs to the enclosing object.
///
/// Views are turned into this once per render (``TemplateValueEncoder``), so the renderer never reflects or casts:
/// a lookup is a dictionary read.
enum TemplateValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// The value of any view: an `Encodable` value as it encodes, a `[String: Any]` dictionary (the admin pages
    /// build theirs) key by key, text and flags as they are, an empty optional as nil, a number as its decimal text,
    /// and a value of any other struct, class or enum as nothing.
    static func of(_ value: Any) -> TemplateValue? {
        switch value {
        case let value as TemplateValue: return value
        case let text as String: return .text(text)
        case let flag as Bool: return .flag(flag)
        case let dictionary as [String: Any]: return .object(dictionary.compactMapValues(of))
        case let array as [Any]: return .list(array.compactMap(of))
        case let encodable as any Encodable: return TemplateValueEncoder.encode(encodable)
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .optional { return mirror.children.first.flatMap { of($0.value) } }
            // A struct, class or enum that is not `Encodable` renders as nothing: its description could show fields
            // the page never meant to (an account's addresses). A mistake the tests catch here.
            if [.struct, .class, .enum].contains(mirror.displayStyle) {
                assertionFailure("\(type(of: value)) is not Encodable")
                return nil
            }
            return .text(String(describing: value))
        }
    }

    /// The named child of an object; nothing for any other value.
    subscript(name: String) -> TemplateValue? {
        if case .object(let children) = self { return children[name] }
        return nil
    }
}
