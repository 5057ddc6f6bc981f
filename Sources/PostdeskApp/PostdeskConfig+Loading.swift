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
            try config.apply(try flatten(yaml: text, source: path), source: path)
        } else if file != nil {
            throw ConfigError(message: "\(path): no such file")
        }
        var fromEnvironment: [String: String] = [:]
        for key in keys.map(\.key) + ["poll_interval"] {
            if let value = environment[variable(for: key)] { fromEnvironment[key] = value }
        }
        try config.apply(fromEnvironment, source: "environment")
        return config
    }

    static func flatten(yaml text: String, source: String) throws(ConfigError) -> [String: String] {
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw ConfigError(message: "\(source): not valid YAML: \(error)")
        }
        var flat: [String: String] = [:]
        func walk(_ value: Any?, prefix: String) throws(ConfigError) {
            switch value {
            case nil:
                return
            case let map as [String: Any]:
                for (key, child) in map { try walk(child, prefix: prefix.isEmpty ? key : "\(prefix).\(key)") }
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
