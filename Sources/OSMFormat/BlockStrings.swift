import Foundation

/// A block's string table, with the strings that matter picked out once: most tags of most
/// objects are skipped by comparing an index, not text.
struct BlockStrings {
    private let table: [Data]
    private let interesting: [Bool]

    init(_ table: [Data], interesting keys: Set<String>) {
        self.table = table
        let wanted = Set(keys.map { Data($0.utf8) })
        interesting = table.map { wanted.contains($0) }
    }

    func isInteresting(_ index: UInt32) -> Bool { Int(index) < interesting.count && interesting[Int(index)] }

    subscript(index: UInt32) -> String {
        Int(index) < table.count ? String(decoding: table[Int(index)], as: UTF8.self) : ""
    }
}
