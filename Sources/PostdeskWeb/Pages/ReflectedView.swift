import Mustache

/// A page's view value as Mustache reads it: its stored properties read by reflection once, into a table.
///
/// Mustache looks up a struct's `{{name}}` with `Mirror(reflecting:).children.filter`, which reflects every
/// property of the value (demangling each one's type) on every lookup: a queue page of 50 rows spent about 80 % of its
/// time there (issue 10 point 6). Wrapped, each value is reflected at most once per render, and a lookup is a
/// dictionary read. What renders is the same: an absent optional is no value (the lookup goes on up the context
/// stack, a section is skipped), a variable prints `String(describing:)` of the wrapped value, and a section over a
/// wrapped value pushes it as the context.
///
/// Not `Sendable`: made for one render and read only by it.
final class ReflectedView: MustacheParent, MustacheCustomRenderable {
    let value: Any
    private let mirror: Mirror
    /// The stored properties by name (the first of a name, as `Mirror` lookups find it), read on first use.
    private var properties: [String: Any]?
    /// Properties already wrapped, so that a value looked up twice is reflected once.
    private var wrapped: [String: Any] = [:]

    private init(_ value: Any, mirror: Mirror) {
        self.value = value
        self.mirror = mirror
    }

    /// `value` ready for Mustache: a struct or class with properties wrapped, an array with each element wrapped,
    /// an optional unwrapped (nil when empty), and anything else (text, numbers, Booleans, dictionaries, enums,
    /// Mustache's own kinds) as it is.
    static func wrap(_ value: Any) -> Any? {
        switch value {
        case is String, is Substring, is Bool, is Int, is Int64, is Double, is [String]: return value
        case is ReflectedView, is any MustacheParent, is any MustacheCustomRenderable,
            is any MustacheCustomRepresentation, is MustacheLambda, is MustacheTemplate:
            return value
        case let array as [Any]: return array.map { wrap($0) as Any }
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { wrap($0.value) }
        case .struct, .class:
            return mirror.children.isEmpty ? value : ReflectedView(value, mirror: mirror)
        default:
            return value
        }
    }

    func child(named name: String) -> Any? {
        if let done = wrapped[name] { return done }
        if properties == nil {
            var table: [String: Any] = [:]
            for case (let label?, let property) in mirror.children where table[label] == nil {
                table[label] = property
            }
            properties = table
        }
        guard let property = properties?[name], let child = Self.wrap(property) else { return nil }
        wrapped[name] = child
        return child
    }

    var renderText: String { String(describing: value) }

    var isNull: Bool { false }
}
