/// One `<option>` of a page's `<select>`: what it sends, what it shows, and whether it is the current choice.
struct SelectOption: Encodable {
    var value: String
    var label: String
    var selected: Bool
}
