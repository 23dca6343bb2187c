import FeedbackModel
import Foundation
import Places
import TextFolding

/// The visitor's feedback form about one place, step by step. First "have you been there?"; then
/// a few questions chosen for the place (what its data lacks first), the ramp one only after "no
/// step-free entrance" and numbered with it; "more questions?" for the rest; an optional comment;
/// then "Envoyer", which is also offered on every question once something is answered. Every
/// question can be skipped, and cancelling what was answered asks once.
public struct FeedbackForm: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case visited
        case question(FeedbackQuestion)
        /// "Encore des questions ?" after the first few.
        case more
        case comment
        case review
    }

    /// How many questions a visitor who has been there is asked before "more questions?".
    public static let firstQuestions = 5

    public let placeID: String
    public let placeIndex: Int
    /// The questions for someone who has been there, in the order asked (follow-ups excluded).
    public let questionsAfterVisit: [FeedbackQuestion]
    /// The questions for someone who has not: whether what the kiosk shows looks right.
    public let questionsWithoutVisit: [FeedbackQuestion]
    public private(set) var answers = FeedbackAnswers()
    public var comment = ""
    public private(set) var position = 0
    /// The visitor asked for the questions after the first few.
    public private(set) var wantsMore = false
    /// "Annuler" was touched with answers given: the form asks whether to drop them.
    public var confirmingCancel = false

    public init(place: Place, placeIndex: Int) {
        self.placeID = place.id
        self.placeIndex = placeIndex
        questionsAfterVisit = Self.questionsAfterVisit(for: place)
        questionsWithoutVisit = ["infos_correctes", place.hours == nil ? nil : "horaires_correctes"].compactMap { $0.flatMap(FeedbackQuestion.named) }
    }

    /// The questions for a visitor who has been there, most useful first: the address when the
    /// place is only known by its commune, the entrance when no Acceslibre record describes it,
    /// the hours when some are shown, a support the place claims, then satisfaction and the rest.
    static func questionsAfterVisit(for place: Place) -> [FeedbackQuestion] {
        var order: [String] = []
        if place.isApproximate { order.append("infos_correctes") }
        if place.accesLibreURL == nil { order.append("entree_plain_pied") }
        if place.hours != nil { order.append("horaires_correctes") }
        let claimsHearingSupport = place.specificSupport.contains { TextFolding.fold($0).contains("surd") || TextFolding.fold($0).contains("malentend") }
        if claimsHearingSupport { order.append("accueil_equipements_malentendants_presence") }
        order += ["satisfaction", "entree_plain_pied", "accueil_cheminement_plain_pied", "sanitaires_adaptes", "accueil_personnels",
                  "accueil_equipements_malentendants_presence", "entree_reperage", "infos_correctes", "lieu_ouvert"]
        if place.hours != nil { order.append("horaires_correctes") }
        var seen = Set<String>()
        return order.filter { seen.insert($0).inserted }.compactMap(FeedbackQuestion.named)
    }

    /// The steps as they stand: the questions follow the visitor's first answer, a follow-up
    /// appears once its condition is met, "more questions?" until the visitor says yes.
    public var steps: [Step] {
        var steps: [Step] = [.visited]
        let visited = answers.value(of: FeedbackQuestion.visited.id)
        let asked: [FeedbackQuestion]
        if visited == .non {
            asked = questionsWithoutVisit
        } else {
            asked = wantsMore ? questionsAfterVisit : Array(questionsAfterVisit.prefix(Self.firstQuestions))
        }
        for question in asked {
            steps.append(.question(question))
            for followUp in FeedbackQuestion.all where followUp.askedWhen?.key == question.id && answers.value(of: question.id) == followUp.askedWhen?.value {
                steps.append(.question(followUp))
            }
        }
        if visited != .non && !wantsMore && questionsAfterVisit.count > Self.firstQuestions { steps.append(.more) }
        return steps + [.comment, .review]
    }

    public var step: Step { steps[min(position, steps.count - 1)] }

    /// "Question 2 sur 5": the current question's number and how many there are, a follow-up
    /// counted with the question it follows, so the count never jumps; nil off the questions.
    public var counter: (number: Int, of: Int)? {
        let steps = self.steps
        guard case .question = step else { return nil }
        var number = 0, total = 0
        for (i, step) in steps.enumerated() {
            guard case .question(let q) = step, q.askedWhen == nil else { continue }
            total += 1
            if i <= position { number = total }
        }
        return (number, total)
    }

    /// Records an answer to the current step and moves on ("yes" to more questions opens them
    /// where "more questions?" stood).
    public mutating func answer(_ value: AnswerValue) {
        confirmingCancel = false
        switch step {
        case .visited, .question:
            let question: FeedbackQuestion
            if case .question(let q) = step { question = q } else { question = FeedbackQuestion.visited }
            try? answers.set(question.id, value)
            // A conditional question whose condition no longer holds loses its answer.
            for other in FeedbackQuestion.all where other.askedWhen?.key == question.id && other.askedWhen?.value != value {
                answers.remove(other.id)
            }
            position += 1
        case .more:
            if value == .oui { wantsMore = true } else { position += 1 }
        case .comment, .review:
            break
        }
    }

    public mutating func skip() {
        confirmingCancel = false
        if case .question(let q) = step { answers.remove(q.id) }
        position = min(position + 1, steps.count - 1)
    }

    public mutating func back() {
        confirmingCancel = false
        position = max(0, position - 1)
    }

    /// What goes in the outbox: the answers to the questions the form now asks (a visitor who
    /// went back and changed "have you been there?" keeps only what fits it) and the comment.
    public func finalAnswers() -> FeedbackAnswers {
        var asked: Set<String> = [FeedbackQuestion.visited.id]
        for case .question(let q) in steps { asked.insert(q.id) }
        var final = FeedbackAnswers()
        for (key, value) in answers.values where asked.contains(key) { try? final.set(key, value) }
        try? final.setComment(String(comment.prefix(FeedbackAnswers.maxCommentLength)))
        return final
    }

    /// How many things the visitor said, beyond whether they have been there: what makes the
    /// form worth sending.
    public var saidCount: Int {
        let final = finalAnswers()
        return final.values.keys.filter { $0 != FeedbackQuestion.visited.id }.count + (final.comment == nil ? 0 : 1)
    }

    /// The answer chosen for a question, if any.
    public func chosen(_ question: FeedbackQuestion) -> AnswerValue? { answers.value(of: question.id) }
}
