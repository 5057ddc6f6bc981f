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
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o700) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw error("cannot create \(path)") }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw StoreError(code: .fileSystem, message: "cannot create \(parent): \(error)")
        }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw error("cannot create \(path)") }
    }

    /// Writes `bytes` to a new file at `path` with mode 0600, synced before it gets its name, so a crash leaves
    /// either the whole file or none. An existing file at `path` is replaced.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw error("cannot create \(temporary)") }
        var closed = false
        defer {
            if !closed { close(fd) }
            unlink(temporary)
        }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw error("cannot write \(temporary)") }
            written += count
        }
        guard fsync(fd) == 0 else { throw error("cannot sync \(temporary)") }
        closed = true
        guard close(fd) == 0 else { throw error("cannot close \(temporary)") }
        guard rename(temporary, path) == 0 else { throw error("cannot rename \(temporary) to \(path)") }
    }

    private static func error(_ what: String) -> StoreError {
        StoreError(code: .fileSystem, message: "\(what): \(String(cString: strerror(errno)))")
    }
}
