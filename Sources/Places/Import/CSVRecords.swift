import CSV
import Foundation

/// A CSV export read row by row, by column name: refused whole, naming the file, when it is not
/// CSV or lacks a required column. Shared by the readers of the non-standard exports.
struct CSVRecords {
    private let reader: CSVReader
    /// 1-based number of the current data row.
    private(set) var row = 0

    init(data: Data, file: String, required: [String], kind: String) throws {
        do {
            reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true)
        } catch {
            throw NationalStandardReader.FileError(file: file, reason: "is not readable CSV (\(error))")
        }
        let header = reader.headerRow ?? []
        let missing = required.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw NationalStandardReader.FileError(file: file, reason: "missing columns \(missing.joined(separator: ", ")): not \(kind)")
        }
    }

    /// Moves to the next row; false at the end.
    mutating func next() -> Bool {
        guard reader.next() != nil else { return false }
        row += 1
        return true
    }

    /// The current row's value in a column, trimmed; nil when empty or absent.
    func value(_ column: String) -> String? {
        let v = reader[column]?.trimmed
        return v?.isEmpty == false ? v : nil
    }
}
