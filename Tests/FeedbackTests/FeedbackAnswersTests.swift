import Foundation
import Testing
@testable import Feedback

@Suite struct FeedbackAnswersTests {
    @Test func acceslibreKeysAndValues() throws {
        let answers = try FeedbackAnswers(pairs: ["entree_plain_pied=non", "entree_marches_rampe=amovible", "accueil_personnels=formes",
                                                  "satisfaction=5", "lieu_ouvert=NE_SAIT_PAS"], comment: "  Très bien  ")
        #expect(answers.values == ["entree_plain_pied": "non", "entree_marches_rampe": "amovible", "accueil_personnels": "formés",
                                   "satisfaction": "5", "lieu_ouvert": "ne_sait_pas"])
        #expect(answers.comment == "Très bien")
    }

    @Test func unknownKeysAndValuesListTheValidOnes() {
        do {
            _ = try FeedbackAnswers(pairs: ["entree=oui"])
            Issue.record("accepted an unknown key")
        } catch {
            #expect("\(error)".contains("unknown question \"entree\"") && "\(error)".contains("entree_plain_pied"))
        }
        do {
            _ = try FeedbackAnswers(pairs: ["satisfaction=6"])
            Issue.record("accepted satisfaction 6")
        } catch {
            #expect("\(error)".contains("1, 2, 3, 4, 5"))
        }
        #expect(throws: FeedbackError.self) { try FeedbackAnswers(pairs: ["entree_plain_pied"]) }
        #expect(throws: FeedbackError.self) { try FeedbackAnswers(pairs: [], comment: String(repeating: "é", count: 281)) }
        #expect((try? FeedbackAnswers(pairs: [], comment: String(repeating: "é", count: 280))) != nil)
    }

    /// Against the Acceslibre schema itself (a copy in Fixtures/, MIT licence beside it): every
    /// accessibility question is one of its fields, and every value it offers is the field's own
    /// enumeration (or a yes/no for a boolean field), plus "ne_sait_pas".
    @Test func everyQuestionMapsToAnAcceslibreFieldOrIsOurs() throws {
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/acceslibre-schema.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schema)) as? [String: Any])
        let list = try #require(json["fields"] as? [[String: Any]])
        let fields = Dictionary(list.compactMap { f in (f["name"] as? String).map { ($0, f) } }, uniquingKeysWith: { a, _ in a })
        #expect(fields.count > 50)
        for question in FeedbackQuestion.all where question.group == .accessibility {
            let field = try #require(fields[question.id], "\(question.id) is not an Acceslibre field")
            let values = Set(question.values.map(\.rawValue)).subtracting(["ne_sait_pas"])
            if let allowed = (field["constraints"] as? [String: Any])?["enum"] as? [String] {
                #expect(values.isSubset(of: allowed), "\(question.id): \(values) not in \(allowed)")
            } else {
                #expect(field["type"] as? String == "boolean" && values == ["oui", "non"], "\(question.id)")
            }
        }
    }

    @Test func itemsNeedSomethingToSay() throws {
        #expect(throws: FeedbackError.self) {
            try FeedbackItem.review(of: "p", answers: FeedbackAnswers(), kioskID: "k", appVersion: "1", at: Date())
        }
        #expect(throws: FeedbackError.self) {
            try FeedbackItem.missingPlace(.init(nom: "  ", latitude: 50, longitude: 3), kioskID: "k", appVersion: "1", at: Date())
        }
        #expect(throws: FeedbackError.self) {
            try FeedbackItem.missingPlace(.init(nom: "X", latitude: 95, longitude: 3), kioskID: "k", appVersion: "1", at: Date())
        }
    }

    @Test func retryBackoffGrowsWithJitterWithinBounds() {
        let policy = RetryPolicy(minimum: 5, maximum: 900)
        for attempts in 1...20 {
            let low = policy.delay(afterAttempts: attempts, unit: 0), high = policy.delay(afterAttempts: attempts, unit: 0.999)
            let ceiling = min(900, 5 * pow(2, Double(attempts - 1)))
            #expect(low >= 2.5 && low <= high && high <= ceiling && high >= ceiling * 0.99)
        }
        #expect(policy.delay(afterAttempts: 1, unit: 0.5) < policy.delay(afterAttempts: 4, unit: 0.5))
        #expect(policy.delay(afterAttempts: 50, unit: 0.999) <= 900)
    }

    @Test func sqlScriptsSplitOutsideQuotesAndBodies() {
        let statements = SQLScript.statements("""
            -- a comment; with a semicolon
            CREATE TABLE t (a text DEFAULT 'x;y');
            DO $$ BEGIN PERFORM 1; END $$;
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $fn$ SELECT 1; $fn$;
            /* block; comment */ SELECT $1::int;
            """)
        #expect(statements.count == 4)
        #expect(statements[0] == "CREATE TABLE t (a text DEFAULT 'x;y')")
        #expect(statements[1] == "DO $$ BEGIN PERFORM 1; END $$")
        #expect(statements[2].hasSuffix("$fn$ SELECT 1; $fn$"))
        #expect(statements[3] == "SELECT $1::int")
    }
}
