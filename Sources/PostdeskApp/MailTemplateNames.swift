import Foundation

/// The names of the mail templates in a templates directory (`MailTemplates/`): what a rule's `notify` and `reply`
/// may name.
public enum MailTemplateNames {
    /// Every subdirectory of `directory` that holds at least one `<lang>.text.mustache`, by name.
    /// - Throws: the file system's error when `directory` cannot be listed.
    public static func list(in directory: String) throws -> Set<String> {
        let manager = FileManager.default
        var names: Set<String> = []
        for entry in try manager.contentsOfDirectory(atPath: directory) {
            let files = (try? manager.contentsOfDirectory(atPath: directory + "/" + entry)) ?? []
            if files.contains(where: { $0.hasSuffix(".text.mustache") }) { names.insert(entry) }
        }
        return names
    }
}
