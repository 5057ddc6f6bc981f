import Foundation
import Yams

extension PostdeskConfig {
    /// Reads `file` (when it exists, or when it was named explicitly) and then the `POSTDESK_*` variables.
    /// - Parameters:
    ///   - file: the YAML file; `nil` means `postdesk.yaml` in the working directory, if present.
    ///   - environment: usually `ProcessInfo.processInfo.environment`.
    public static func load(file: String?, environment: [String: String]) throws(ConfigError) -> PostdeskConfig {
        var config = PostdeskConfig()
        let path = file ?? "postdesk.yaml"
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigError(message: "\(path): cannot read: \(error)")
            }
            let (flat, list) = try read(yaml: text, source: path)
            try config.apply(flat, source: path)
            if let list {
                try config.applyMailboxes(list, flatKeys: Array(flat.keys), source: path)
            }
        } else if file != nil {
            throw ConfigError(message: "\(path): no such file")
        }
        var fromEnvironment: [String: String] = [:]
        for key in keys.map(\.key) + numberKeys.map(\.key) + flagKeys.map(\.key) + listKeys.map(\.key) {
            if let value = environment[variable(for: key)] { fromEnvironment[key] = value }
        }
        if !config.mailboxes.isEmpty, fromEnvironment["support.address"] != nil {
            throw ConfigError(
                message: "environment: POSTDESK_SUPPORT_ADDRESS is the one-mailbox shorthand, but \(path) has a "
                    + "mailboxes: list; set each address there (POSTDESK_IMAP_* and POSTDESK_SMTP_* still override "
                    + "the first mailbox's logins)")
        }
        try config.apply(fromEnvironment, source: "environment")
        return config
    }

    /// The keys of the one-mailbox shorthand, which a file with a `mailboxes:` list may not set.
    static let shorthandKeys: Set<String> = [
        "support.address", "imap.url", "imap.user", "imap.password", "smtp.url", "smtp.user", "smtp.password",
    ]

    /// Takes the `mailboxes:` list of a file.
    mutating func applyMailboxes(_ list: Any, flatKeys: [String], source: String) throws(ConfigError) {
        let clash = flatKeys.filter { Self.shorthandKeys.contains($0) }.sorted()
        guard clash.isEmpty else {
            throw ConfigError(
                message: "\(source): \(clash.joined(separator: ", ")) belong to the one-mailbox shorthand; with a "
                    + "mailboxes: list, set them in the list's entries (imap: {url, user, password}, …)")
        }
        guard let entries = list as? [Any] else {
            throw ConfigError(message: "\(source): mailboxes must be a list of mailboxes (- name: support …)")
        }
        guard !entries.isEmpty else {
            throw ConfigError(message: "\(source): mailboxes is empty; list at least one mailbox, or remove the key")
        }
        var parsed: [MailboxConfig] = []
        for (index, entry) in entries.enumerated() {
            parsed.append(try MailboxConfig.parse(entry, label: "\(source): mailboxes[\(index)]"))
        }
        mailboxes = parsed
    }

    /// The file's settings, flattened to dotted keys, and its `mailboxes:` list (the one key that holds a list).
    static func read(yaml text: String, source: String) throws(ConfigError) -> (flat: [String: String], list: Any?) {
        var node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw ConfigError(message: "\(source): not valid YAML: \(error)")
        }
        var list: Any?
        if var map = node as? [String: Any] {
            list = map.removeValue(forKey: "mailboxes")
            if list is NSNull { list = nil }
            node = map
        }
        return (try flatten(node, source: source), list)
    }

    static func flatten(_ node: Any?, source: String) throws(ConfigError) -> [String: String] {
        var flat: [String: String] = [:]
        func walk(_ value: Any?, prefix: String) throws(ConfigError) {
            switch value {
            case nil:
                return
            case let map as [String: Any]:
                for (key, child) in map { try walk(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
            case let list as [Any] where PostdeskConfig.listKeys.contains(where: { $0.key == prefix }):
                // A comma inside an entry would split it into two: such an entry is no address anyway.
                flat[prefix] = list.map { "\($0)" }.joined(separator: ",")
            case let list as [Any]:
                throw ConfigError(message: "\(source): \(prefix) must be a single value, not a list of \(list.count)")
            case let value?:
                flat[prefix] = "\(value)"
            }
        }
        try walk(node, prefix: "")
        return flat
    }
}
