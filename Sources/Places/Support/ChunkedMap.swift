import Foundation

/// Maps a long list on every core, in contiguous chunks, keeping the order: start-up decodes and
/// folds every place, and the second core would otherwise wait for the first. Inlinable, so that
/// calls from other modules are specialised for their types. Items are passed to `transform` by
/// value: a caller mapping large values (places) maps their indices instead.
public enum ChunkedMap {
    /// Below this many items a chunk costs more to hand over than it saves.
    @usableFromInline static let smallestChunk = 512

    /// `items.map(transform)`, in chunks run at the same time. When several chunks throw, the
    /// error of the earliest one is thrown, as a plain map would.
    @inlinable
    public static func map<Element, Result>(_ items: [Element], cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                            _ transform: (Element) throws -> Result) throws -> [Result] {
        let chunks = min(max(1, cores), items.count / smallestChunk)
        guard chunks > 1 else { return try items.map(transform) }
        // Each chunk initialises its own range of the result in place (no copy to join them) and
        // says how far it got, and why it stopped short.
        var outcomes = [(made: Int, error: (any Error)?)](repeating: (0, nil), count: chunks)
        let results = try withoutActuallyEscaping(transform) { transform in
            try outcomes.withUnsafeMutableBufferPointer { outcomes in
                try [Result](unsafeUninitializedCapacity: items.count) { results, count in
                    // Each chunk writes only its own slots.
                    nonisolated(unsafe) let (items, results, outcomes, transform) = (items, results, outcomes, transform)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        do {
                            for i in Self.range(chunk, of: chunks, count: items.count) {
                                (results.baseAddress! + i).initialize(to: try transform(items[i]))
                                outcomes[chunk].made += 1
                            }
                        } catch {
                            outcomes[chunk].error = error
                        }
                    }
                    if let first = outcomes.lazy.compactMap(\.error).first {
                        for chunk in 0..<chunks {
                            (results.baseAddress! + Self.range(chunk, of: chunks, count: items.count).lowerBound).deinitialize(count: outcomes[chunk].made)
                        }
                        throw first
                    }
                    count = items.count
                }
            }
        }
        return results
    }

    /// The items of chunk `chunk` of `chunks`.
    @usableFromInline
    static func range(_ chunk: Int, of chunks: Int, count: Int) -> Range<Int> {
        (count * chunk / chunks)..<(count * (chunk + 1) / chunks)
    }

    /// The same for a transform that cannot fail.
    @inlinable
    public static func map<Element, Result>(_ items: [Element], cores: Int = ProcessInfo.processInfo.activeProcessorCount,
                                            _ transform: (Element) -> Result) -> [Result] {
        // The closure throws nothing, so neither can the chunks.
        try! map(items, cores: cores, { (item: Element) throws -> Result in transform(item) })
    }

    /// `items.map(transform)` for a few items of unequal weight (a zoom level's clusters): each
    /// item is a task of its own, taken by whichever core is free.
    @inlinable
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

    /// `(first(), second())`, each on a core of its own.
    @inlinable
    public static func both<First, Second>(_ first: () -> First, _ second: () -> Second) -> (First, Second) {
        var firstResult: First?, secondResult: Second?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                withUnsafeMutablePointer(to: &firstResult) { firstSlot in
                    withUnsafeMutablePointer(to: &secondResult) { secondSlot in
                        // Each writes only its own slot.
                        nonisolated(unsafe) let (first, second, firstSlot, secondSlot) = (first, second, firstSlot, secondSlot)
                        DispatchQueue.concurrentPerform(iterations: 2) { part in
                            if part == 0 { firstSlot.pointee = first() } else { secondSlot.pointee = second() }
                        }
                    }
                }
            }
        }
        return (firstResult!, secondResult!)
    }
}
