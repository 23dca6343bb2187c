import Foundation

/// One visitor's report, as queued and delivered. Its UUID is made when the report is created and
/// never changes: that is what makes delivery idempotent.
public struct FeedbackItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Answers about a place (accessibility, information, satisfaction, comment).
        case avis
        /// A place the map does not show: a name and a position.
        case lieuManquant = "lieu_manquant"
    }

    /// A place the visitor says is missing.
    public struct MissingPlace: Sendable, Equatable, Codable {
        public var nom: String
        public var latitude: Double
        public var longitude: Double
        public init(nom: String, latitude: Double, longitude: Double) {
            (self.nom, self.latitude, self.longitude) = (nom, latitude, longitude)
        }
    }

    /// The JSON the lab receives in `answers` (and `comment` beside it).
    public struct Payload: Sendable, Equatable, Codable {
        public var answers: [String: String]
        public var comment: String?
        public var lieuManquant: MissingPlace?

        public init(answers: [String: String], comment: String?, lieuManquant: MissingPlace? = nil) {
            self.answers = answers
            self.comment = comment
            self.lieuManquant = lieuManquant
        }

        enum CodingKeys: String, CodingKey {
            case answers, comment
            case lieuManquant = "lieu_manquant"
        }
    }

    /// The payload's layout version; the lab keeps it beside each row.
    public static let schemaVersion = 1

    public var id: UUID
    public var createdAt: Date
    public var kioskID: String
    public var placeID: String?
    public var kind: Kind
    public var payload: Payload
    public var schemaVersion: Int
    public var appVersion: String

    public init(id: UUID = UUID(), createdAt: Date, kioskID: String, placeID: String?, kind: Kind,
                payload: Payload, schemaVersion: Int = FeedbackItem.schemaVersion, appVersion: String) {
        self.id = id
        self.createdAt = createdAt
        self.kioskID = kioskID
        self.placeID = placeID
        self.kind = kind
        self.payload = payload
        self.schemaVersion = schemaVersion
        self.appVersion = appVersion
    }

    /// Answers about a place.
    public static func review(of placeID: String, answers: FeedbackAnswers, kioskID: String, appVersion: String,
                              at date: Date, id: UUID = UUID()) throws -> FeedbackItem {
        guard !answers.isEmpty else { throw FeedbackError.invalidAnswer("no answer given: nothing to send") }
        return FeedbackItem(id: id, createdAt: date, kioskID: kioskID, placeID: placeID, kind: .avis,
                            payload: Payload(answers: answers.values, comment: answers.comment), appVersion: appVersion)
    }

    /// "Signaler un lieu manquant".
    public static func missingPlace(_ place: MissingPlace, kioskID: String, appVersion: String, at date: Date,
                                    id: UUID = UUID()) throws -> FeedbackItem {
        let name = place.nom.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 120 else {
            throw FeedbackError.invalidAnswer("missing place: a name of 1 to 120 characters is needed")
        }
        guard (-90...90).contains(place.latitude), (-180...180).contains(place.longitude) else {
            throw FeedbackError.invalidAnswer("missing place: latitude/longitude out of range")
        }
        var place = place
        place.nom = name
        return FeedbackItem(id: id, createdAt: date, kioskID: kioskID, placeID: nil, kind: .lieuManquant,
                            payload: Payload(answers: [:], comment: nil, lieuManquant: place), appVersion: appVersion)
    }
}

public enum FeedbackError: Error, CustomStringConvertible, Equatable {
    case invalidAnswer(String)
    /// The outbox reached its configured bound; nothing queued was dropped.
    case outboxFull(rows: Int, bytes: Int)
    case lab(String)

    public var description: String {
        switch self {
        case .invalidAnswer(let reason): return reason
        case .outboxFull(let rows, let bytes):
            return "the feedback queue is full (\(rows) answers, \(bytes) bytes waiting): no more answers can be taken until they are delivered"
        case .lab(let reason): return reason
        }
    }
}
