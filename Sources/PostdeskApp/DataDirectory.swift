import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The data directory holds the database, attachment blobs and the secret: only Postdesk's user may enter it.
enum DataDirectory {
    /// Creates `path` with mode 0700 when it does not exist yet. An existing directory is left as the admin set it.
    static func prepare(_ path: String) throws(ConfigError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw ConfigError(message: "data_dir \(path) is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ConfigError(message: "data_dir \(path) cannot be created: \(error)")
        }
        // The umask cannot add permissions, but attributes may not reach the last component on every platform.
        guard chmod(path, 0o700) == 0 else {
            throw ConfigError(message: "data_dir \(path): cannot set mode 0700 (\(String(cString: strerror(errno))))")
        }
    }
}
