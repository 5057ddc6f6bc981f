/// Turns an `Encodable` view into a ``TemplateValue``: keyed containers become objects, unkeyed ones lists, text and
/// Booleans stay what they are, numbers become their decimal text, and `nil` (an absent optional) is left out, so a
/// template's lookup climbs past it exactly as it does for a missing name.
///
/// The synthesized `encode(to:)` of a view calls straight into these containers, with no reflection and no casts:
/// this is what makes a page's values cheap to read (a `Mirror` per row cost a queue page a fifth of its time).
enum TemplateValueEncoder {
    static func encode(_ value: some Encodable) -> TemplateValue? {
        let slot = Slot()
        // The containers below never throw; a view's own `encode(to:)` that throws renders as nothing.
        do { try value.encode(to: Encoding(slot)) } catch { return nil }
        return slot.value
    }

    /// Where one value is being encoded: a leaf, or a container filled in place. Leaves inside containers are kept
    /// as values, not slots: one allocation per container, not per string.
    final class Slot {
        enum Entry {
            case value(TemplateValue)
            case slot(Slot)

            var value: TemplateValue? {
                switch self {
                case .value(let value): value
                case .slot(let slot): slot.value
                }
            }
        }

        enum Content {
            case empty
            case leaf(TemplateValue)
            case object([String: Entry])
            case list([Entry])
        }

        var content = Content.empty

        var value: TemplateValue? {
            switch content {
            case .empty: nil
            case .leaf(let value): value
            case .object(let entries): .object(entries.compactMapValues(\.value))
            case .list(let entries): .list(entries.compactMap(\.value))
            }
        }

        func set(_ value: TemplateValue) { content = .leaf(value) }

        func put(_ entry: Entry, at key: String) {
            guard case .object(var entries) = content else {
                content = .object([key: entry])
                return
            }
            content = .empty  // keeps `entries` uniquely referenced while it grows
            entries[key] = entry
            content = .object(entries)
        }

        func append(_ entry: Entry) {
            guard case .list(var entries) = content else {
                content = .list([entry])
                return
            }
            content = .empty
            entries.append(entry)
            content = .list(entries)
        }

        func child(_ key: String) -> Slot {
            let child = Slot()
            put(.slot(child), at: key)
            return child
        }

        func append() -> Slot {
            let element = Slot()
            append(.slot(element))
            return element
        }

        func makeObject() { if case .object = content {} else { content = .object([:]) } }
        func makeList() { if case .list = content {} else { content = .list([]) } }
    }

    struct Encoding: Encoder {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        init(_ slot: Slot) { self.slot = slot }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            slot.makeObject()
            return KeyedEncodingContainer(Keyed<Key>(slot: slot))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            slot.makeList()
            return Unkeyed(slot: slot)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) {}
        mutating func encode(_ value: Bool, forKey key: Key) { slot.put(.value(.flag(value)), at: key.stringValue) }
        mutating func encode(_ value: String, forKey key: Key) { slot.put(.value(.text(value)), at: key.stringValue) }
        mutating func encode(_ value: Int, forKey key: Key) {
            slot.put(.value(.text(String(value))), at: key.stringValue)
        }
        mutating func encode(_ value: Int64, forKey key: Key) {
            slot.put(.value(.text(String(value))), at: key.stringValue)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try value.encode(to: Encoding(slot.child(key.stringValue)))
        }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type, forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            Encoding(slot.child(key.stringValue)).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            Encoding(slot.child(key.stringValue)).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { Encoding(slot.child("super")) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { Encoding(slot.child(key.stringValue)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }
        var count: Int {
            if case .list(let elements) = slot.content { return elements.count }
            return 0
        }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { slot.append(.value(.flag(value))) }
        mutating func encode(_ value: String) { slot.append(.value(.text(value))) }
        mutating func encode(_ value: Int) { slot.append(.value(.text(String(value)))) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Encoding(slot.append())) }
        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type
        ) -> KeyedEncodingContainer<NestedKey> {
            Encoding(slot.append()).container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            Encoding(slot.append()).unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { Encoding(slot.append()) }
    }

    struct Single: SingleValueEncodingContainer {
        let slot: Slot
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() {}
        mutating func encode(_ value: Bool) { slot.set(.flag(value)) }
        mutating func encode(_ value: String) { slot.set(.text(value)) }
        mutating func encode(_ value: Double) { slot.set(.text(String(describing: value))) }
        mutating func encode(_ value: Float) { slot.set(.text(String(describing: value))) }
        mutating func encode(_ value: Int) { slot.set(.text(String(value))) }
        mutating func encode(_ value: Int8) { slot.set(.text(String(value))) }
        mutating func encode(_ value: Int16) { slot.set(.text(String(value))) }
        mutating func encode(_ value: Int32) { slot.set(.text(String(value))) }
        mutating func encode(_ value: Int64) { slot.set(.text(String(value))) }
        mutating func encode(_ value: UInt) { slot.set(.text(String(value))) }
        mutating func encode(_ value: UInt8) { slot.set(.text(String(value))) }
        mutating func encode(_ value: UInt16) { slot.set(.text(String(value))) }
        mutating func encode(_ value: UInt32) { slot.set(.text(String(value))) }
        mutating func encode(_ value: UInt64) { slot.set(.text(String(value))) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: Encoding(slot)) }
    }
}
