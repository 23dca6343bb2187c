import Foundation
import MapGeometry

/// Reads place files of any supported format, telling the format from the content (not the file
/// name): the national standard as CSV, JSON or GeoJSON (v0.1 or v1.x), the France Services CSV and
/// the Aidants Connect CSV. A file that cannot be read at all throws ``PlaceFileError``; rows that
/// cannot be used are skipped and reported as ``ImportProblem``s.
///
/// ```swift
/// let importer = PlaceImporter(townHalls: try AidantsConnectReader.townHalls(populationCSV: csv))
/// let batch = try importer.read(fileAt: url)      // places, problems, format
/// ```
public struct PlaceImporter: Sendable {
    /// Town-hall positions by INSEE code, to place rows that have no coordinates (Aidants Connect).
    public var townHalls: [String: GeoCoordinate]

    public init(townHalls: [String: GeoCoordinate] = [:]) {
        self.townHalls = townHalls
    }

    /// What a file holds, told from its first bytes and header.
    public enum Format: String, Sendable, Codable {
        case nationalStandard = "national standard"
        case franceServices = "France Services CSV"
        case aidantsConnect = "Aidants Connect CSV"
    }

    public static func detectFormat(_ data: Data) -> Format {
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        let firstLine = head.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if firstLine.contains("id_fs") && firstLine.contains("lib_fs") { return .franceServices }
        if firstLine.contains("City Insee Code") { return .aidantsConnect }
        return .nationalStandard
    }

    public func read(fileAt url: URL) throws -> NationalStandardReader.Result {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NationalStandardReader.FileError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try read(data: data, file: url.lastPathComponent)
    }

    /// Several files, each by its name: the batches an import stores. The first file that cannot
    /// be read at all stops it, so that an import is all or nothing.
    public func read(filesAt urls: [URL]) throws -> [(file: String, result: NationalStandardReader.Result)] {
        try urls.map { (file: $0.lastPathComponent, result: try read(fileAt: $0)) }
    }

    public func read(data: Data, file: String) throws -> NationalStandardReader.Result {
        guard !data.isEmpty else { throw NationalStandardReader.FileError(file: file, reason: "is empty") }
        guard String(data: data, encoding: .utf8) != nil else {
            throw NationalStandardReader.FileError(file: file, reason: "is not UTF-8 text (a binary or corrupted file?)")
        }
        switch Self.detectFormat(data) {
        case .franceServices: return try FranceServicesReader.read(data: data, file: file)
        case .aidantsConnect:
            guard !townHalls.isEmpty else {
                throw NationalStandardReader.FileError(file: file, reason: "is an Aidants Connect export, which has no coordinates; give the town-hall positions (--town-halls FILE)")
            }
            return try AidantsConnectReader.read(data: data, file: file, townHalls: townHalls)
        case .nationalStandard: return try NationalStandardReader.read(data: data, file: file)
        }
    }
}
