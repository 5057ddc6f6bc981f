import Foundation

/// How many bytes the attachment store's files take: the sum of the regular files' sizes under its directory.
/// Walks the directory each time (a few milliseconds for thousands of files); a missing directory holds nothing.
enum BlobDiskUsage {
    static func bytes(under root: URL) -> Int64 {
        guard
            let walker = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey], options: [])
        else { return 0 }
        var total: Int64 = 0
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey]),
                values.isRegularFile == true
            else { continue }
            total += Int64(values.fileSize ?? 0)
        }
        return total
    }
}
