import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores: the array is cut into one contiguous slice per core, each slice is
    /// mapped in its own child task, and the results come back in the original order.
    ///
    /// For pure, CPU-bound work (parsing, hashing); with one element or one core it maps inline.
    func concurrentMap<T: Sendable>(
        cores: Int = ProcessInfo.processInfo.activeProcessorCount,
        _ transform: @escaping @Sendable (Element) throws -> T
    ) async throws -> [T] {
        let slices = Swift.min(Swift.max(cores, 1), count)
        guard slices > 1 else { return try map(transform) }
        let size = (count + slices - 1) / slices
        return try await withThrowingTaskGroup(of: (Int, [T]).self) { group in
            for start in stride(from: 0, to: count, by: size) {
                let slice = Array(self[start..<Swift.min(start + size, count)])
                group.addTask { (start, try slice.map(transform)) }
            }
            var parts: [(Int, [T])] = []
            for try await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
