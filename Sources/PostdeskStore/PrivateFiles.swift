import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// write(2), which ``PrivateFiles/write(_:to:)`` would otherwise shadow.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
    #else
        Darwin.write(fd, buffer, count)
    #endif
}

/// rename(2), which ``PrivateFiles/rename(_:to:)`` would otherwise shadow.
private func systemRename(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Glibc)
        Glibc.rename(source, destination)
    #else
        Darwin.rename(source, destination)
    #endif
}

/// Files only Postdesk's user may read: the database and the attachment blobs hold every mail we received.
///
/// Modes are given at creation (`open(…, 0600)`, `mkdir(…, 0700)`) rather than by changing the process umask,
/// which would reach every other thread's files too.
enum PrivateFiles {
    /// Creates the database file with mode 0600 if it is missing, and takes any permission for others off an
    /// existing one and its `-wal`/`-shm` files (left 0644 by versions before this check).
    static func prepareDatabase(at path: String) throws {
        // In-memory and URI databases have no file of ours to look after.
        guard !path.isEmpty, !path.hasPrefix(":"), !path.hasPrefix("file:") else { return }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error("cannot open \(path)") }
        close(fd)
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            guard stat(file, &status) == 0 else { continue }
            let mode = status.st_mode & 0o777
            if mode & 0o007 != 0, chmod(file, mode & 0o770) != 0 { throw error("cannot restrict \(file)") }
        }
    }

    /// Creates `path` with mode 0700 unless it exists; missing parents are created as the umask says.
    /// - Returns: whether `path` was created now (its parent's entry then needs syncing).
    @discardableResult
    static func makeDirectory(_ path: String) throws -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        if errno == EEXIST { return false }
        guard errno == ENOENT else { throw error("cannot create \(path)") }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError(code: .fileSystem, message: "cannot create \(parent): \(error)")
        }
        if mkdir(path, 0o700) == 0 { return true }
        guard errno == EEXIST else { throw error("cannot create \(path)") }
        return false
    }

    /// Writes `bytes` to a new file at `path` with mode 0600, not synced (``sync(_:)`` does that, for a whole batch
    /// at once). A file left half written by a failure is removed.
    /// - Returns: false, writing nothing, when the directory of `path` does not exist.
    static func create(_ bytes: [UInt8], at path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0, errno == ENOENT { return false }
        guard fd >= 0 else { throw error("cannot create \(path)") }
        var done = false
        defer { if !done { unlink(path) } }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                close(fd)
                throw error("cannot write \(path)")
            }
            written += count
        }
        guard close(fd) == 0 else { throw error("cannot close \(path)") }
        done = true
        return true
    }

    /// fsync(2) of a file or a directory: its bytes, or its entries, are on the disk when this returns.
    static func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error("cannot open \(path) to sync it") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw error("cannot sync \(path)") }
    }

    /// rename(2): atomic, replacing whatever `destination` held.
    static func rename(_ source: String, to destination: String) throws {
        guard systemRename(source, destination) == 0 else {
            throw error("cannot rename \(source) to \(destination)")
        }
    }

    private static func error(_ what: String) -> StoreError {
        StoreError(code: .fileSystem, message: "\(what): \(String(cString: strerror(errno)))")
    }
}
