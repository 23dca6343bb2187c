import Foundation

/// Maps a long list on every core, in contiguous chunks, keeping the order: start-up decodes and
/// folds every place, and the second core would otherwise wait for the first.
enum ChunkedMap {
    /// Below this many items a chunk costs more to hand over than it saves.
    static let smallestChunk = 512

    /// `items.map(transform)`, in chunks run at the same time. When several chunks throw, the
    /// error of the earliest one is thrown, as a plain map would.
    static func map<Element, Result>(_ items: [Element], cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                     _ transform: (Element) throws -> Result) throws -> [Result] {
        let chunks = min(max(1, cores), items.count / smallestChunk)
        guard chunks > 1 else { return try items.map(transform) }
        var results = [[Result]](repeating: [], count: chunks)
        var errors = [(any Error)?](repeating: nil, count: chunks)
        try withoutActuallyEscaping(transform) { transform in
            try items.withUnsafeBufferPointer { source in
                try results.withUnsafeMutableBufferPointer { results in
                    try errors.withUnsafeMutableBufferPointer { errors in
                        // Each chunk writes only its own slot.
                        nonisolated(unsafe) let (source, results, errors, transform) = (source, results, errors, transform)
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let range = (source.count * chunk / chunks)..<(source.count * (chunk + 1) / chunks)
                            do { results[chunk] = try source[range].map(transform) } catch { errors[chunk] = error }
                        }
                        if let first = errors.lazy.compactMap({ $0 }).first { throw first }
                    }
                }
            }
        }
        return Array(results.joined())
    }

    /// The same for a transform that cannot fail.
    static func map<Element, Result>(_ items: [Element], cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                     _ transform: (Element) -> Result) -> [Result] {
        // The closure throws nothing, so neither can the chunks.
        try! map(items, cores: cores, { (item: Element) throws -> Result in transform(item) })
    }
}
