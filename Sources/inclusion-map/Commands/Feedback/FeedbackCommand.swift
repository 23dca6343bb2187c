import ArgumentParser
import Feedback
import Foundation
import Places

/// `inclusion-map feedback add|list|export`: queue answers exactly as the form does, and look at the queue.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Queue, list and export visitors' feedback.",
        subcommands: [Add.self, List.self, Export.self, Release.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Queue one answer, exactly as the form would.",
            discussion: "Questions and their values:\n" + FeedbackQuestion.all.map { "  \($0.id): \($0.values.map(\.rawValue).joined(separator: ", "))" }
                .joined(separator: "\n"))

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "The place's id (see `inclusion-map places`).")
        var place: String?

        @Option(name: .long, help: "An answer as KEY=VALUE (repeatable), e.g. entree_plain_pied=oui.")
        var answer: [String] = []

        @Option(name: .long, help: "An optional comment (at most 280 characters).")
        var comment: String?

        @Option(name: .long, help: "Report a missing place by its name (with --lat and --lon) instead of answering about one.")
        var missing: String?

        @Option(name: .long, parsing: .unconditional, help: "With --missing: latitude.")
        var lat: Double?

        @Option(name: .long, parsing: .unconditional, help: "With --missing: longitude.")
        var lon: Double?

        func validate() throws {
            if missing == nil && place == nil { throw ValidationError("give --place ID (an answer about a place) or --missing NAME --lat --lon") }
            if missing != nil && (lat == nil || lon == nil) { throw ValidationError("--missing needs --lat and --lon") }
            if missing != nil && place != nil { throw ValidationError("--missing and --place go separately") }
        }

        func run() throws {
            let logger = common.logger("inclusion-map.feedback")
            let (configuration, stateDirectory) = try common.configurationAndState()
            let item: FeedbackItem
            do {
                if let missing, let lat, let lon {
                    item = try .missingPlace(.init(nom: missing, latitude: lat, longitude: lon), kioskID: configuration.kioskID,
                                             appVersion: InclusionMap.version, at: Date())
                } else {
                    let place = place!
                    let store = try KioskData.placeStore(configuration: configuration, stateDirectory: stateDirectory, logger: logger)
                    guard try store.place(id: place) != nil else {
                        throw CommandFailure(description: "--place \(place): no such place here (see `inclusion-map places --search …`)")
                    }
                    item = try .review(of: place, answers: try FeedbackAnswers(pairs: answer, comment: comment),
                                       kioskID: configuration.kioskID, appVersion: InclusionMap.version, at: Date())
                }
            } catch let error as FeedbackError {
                throw CommandFailure(description: error.description)
            }
            let outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
            do { try outbox.enqueue(item) } catch let error as FeedbackError {
                throw CommandFailure(description: error.description)
            } catch {
                // Nothing was queued, and what was queued before is untouched.
                throw CommandFailure(description: "the answer was not queued: feedback outbox \(StorageFault.classify(error, path: KioskData.outboxPath(stateDirectory)))")
            }
            print(item.id.uuidString.lowercased())
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List queued answers (oldest first).")

        @OptionGroup var common: CommonOptions

        @Flag(name: .long, help: "Only those not yet delivered (quarantined ones included).")
        var pending = false

        @Flag(name: .long, help: "JSON array.")
        var json = false

        func run() throws {
            let (configuration, stateDirectory) = try common.configurationAndState()
            let outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
            var entries = try outbox.entries()
            if pending { entries.removeAll { $0.deliveredAt != nil } }
            let rows = entries.map(FeedbackRow.init)
            if json { return try CLIJSON.print(rows) }
            for row in rows {
                let about = row.place ?? row.lieu_manquant?.nom ?? "—"
                print("\(row.created_at)  \(row.status.padding(toLength: 11, withPad: " ", startingAt: 0)) \(row.kind.padding(toLength: 13, withPad: " ", startingAt: 0)) \(about)  \(row.answers.count) answers\(row.comment == nil ? "" : " + comment")  \(row.id)\(row.last_error.map { "  (\($0))" } ?? "")")
            }
            print("\(rows.count) answers")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export every answer as CSV (for sites without a lab database).")

        @OptionGroup var common: CommonOptions

        @Flag(name: .long, help: "CSV (the only format).")
        var csv = false

        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
        var output: String?

        func validate() throws {
            if !csv { throw ValidationError("say the format: --csv") }
        }

        func run() throws {
            let (configuration, stateDirectory) = try common.configurationAndState()
            let outbox = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory)
            let text = FeedbackCSV.make(try outbox.entries())
            if let output {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(text, terminator: "")
            }
        }
    }

    struct Release: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "release-quarantine",
            abstract: "Put quarantined answers back in the queue (once the lab accepts them again).")

        @OptionGroup var common: CommonOptions

        func run() throws {
            let (configuration, stateDirectory) = try common.configurationAndState()
            let released = try KioskData.outbox(configuration: configuration, stateDirectory: stateDirectory).releaseQuarantine(now: Date())
            print("\(released) answers back in the queue")
        }
    }
}

/// One queued answer as `feedback list --json` prints it.
struct FeedbackRow: Encodable {
    var id: String
    var created_at: String
    var kiosk: String
    var place: String?
    var kind: String
    var answers: [String: String]
    var comment: String?
    var lieu_manquant: FeedbackItem.MissingPlace?
    /// pending, quarantined or delivered.
    var status: String
    var attempts: Int
    var last_error: String?
    var delivered_at: String?

    init(_ entry: Outbox.Entry) {
        let iso = ISO8601DateFormatter()
        id = entry.item.id.uuidString.lowercased()
        created_at = iso.string(from: entry.item.createdAt)
        kiosk = entry.item.kioskID
        place = entry.item.placeID
        kind = entry.item.kind.rawValue
        answers = entry.item.payload.answers
        comment = entry.item.payload.comment
        lieu_manquant = entry.item.payload.lieuManquant
        status = entry.deliveredAt != nil ? "delivered" : (entry.quarantinedAt != nil ? "quarantined" : "pending")
        attempts = entry.attempts
        last_error = entry.lastError
        delivered_at = entry.deliveredAt.map(iso.string(from:))
    }
}

/// The CSV export: one row per answer, one column per question (RFC 4180 quoting).
enum FeedbackCSV {
    static func make(_ entries: [Outbox.Entry]) -> String {
        let questions = FeedbackQuestion.all.map(\.id)
        var lines = [(["id", "created_at", "kiosk", "place", "kind"] + questions
            + ["comment", "lieu_manquant_nom", "lieu_manquant_latitude", "lieu_manquant_longitude", "status", "delivered_at"])
            .joined(separator: ",")]
        for entry in entries {
            let row = FeedbackRow(entry)
            var fields = [row.id, row.created_at, row.kiosk, row.place ?? "", row.kind]
            fields += questions.map { row.answers[$0] ?? "" }
            fields += [row.comment ?? "", row.lieu_manquant?.nom ?? "", row.lieu_manquant.map { "\($0.latitude)" } ?? "",
                       row.lieu_manquant.map { "\($0.longitude)" } ?? "", row.status, row.delivered_at ?? ""]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
