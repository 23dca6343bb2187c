import Foundation

/// Maps a long list on every core, in contiguous chunks, keeping the order: start-up decodes and
/// folds every place, and the second core would otherwise wait for the first.
public enum ChunkedMap {
    /// Below this many items a chunk costs more to hand over than it saves.
    static let smallestChunk = 512

    /// `items.map(transform)`, in chunks run at the same time. When several chunks throw, the
    /// error of the earliest one is thrown, as a plain map would.
    public static func map<Element, Result>(_ items: [Element], cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                            _ transform: (Element) throws -> Result) throws -> [Result] {
        let chunks = min(max(1, cores), items.count / smallestChunk)
        guard chunks > 1 else { return try items.map(transform) }
        var errors = [(any Error)?](repeating: nil, count: chunks)
        // Each chunk initialises its own range of the result in place (no copy to join them).
        var made = [Int](repeating: 0, count: chunks)
        let results = try withoutActuallyEscaping(transform) { transform in
            try items.withUnsafeBufferPointer { source in
                try errors.withUnsafeMutableBufferPointer { errors in
                    try made.withUnsafeMutableBufferPointer { made in
                        try [Result](unsafeUninitializedCapacity: source.count) { results, count in
                            // Each chunk writes only its own slots.
                            nonisolated(unsafe) let (source, results, errors, made, transform) = (source, results, errors, made, transform)
                            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                let range = (source.count * chunk / chunks)..<(source.count * (chunk + 1) / chunks)
                                do {
                                    for i in range {
                                        (results.baseAddress! + i).initialize(to: try transform(source[i]))
                                        made[chunk] += 1
                                    }
                                } catch {
                                    errors[chunk] = error
                                }
                            }
                            if let first = errors.lazy.compactMap({ $0 }).first {
                                for chunk in 0..<chunks {
                                    let start = source.count * chunk / chunks
                                    (results.baseAddress! + start).deinitialize(count: made[chunk])
                                }
                                throw first
                            }
                            count = source.count
                        }
                    }
                }
            }
        }
        return results
    }

    /// The same for a transform that cannot fail.
    public static func map<Element, Result>(_ items: [Element], cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                            _ transform: (Element) -> Result) -> [Result] {
        // The closure throws nothing, so neither can the chunks.
        try! map(items, cores: cores, { (item: Element) throws -> Result in transform(item) })
    }

    /// `items.map(transform)` for a few items of unequal weight (a zoom level's clusters): each
    /// item is a task of its own, taken by whichever core is free.
    public static func mapEach<Element, Result>(_ items: [Element], _ transform: (Element) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        var results = [Result?](repeating: nil, count: items.count)
        withoutActuallyEscaping(transform) { transform in
            items.withUnsafeBufferPointer { source in
                results.withUnsafeMutableBufferPointer { results in
                    // Each item writes only its own slot.
                    nonisolated(unsafe) let (source, results, transform) = (source, results, transform)
                    DispatchQueue.concurrentPerform(iterations: source.count) { i in results[i] = transform(source[i]) }
                }
            }
        }
        return results.map { $0! }
    }
}
