import FeedbackModel

/// The visitor's feedback form about one place, step by step: the accessibility questions (the
/// ramp one only after "no step-free entrance"), whether the information shown is right, a
/// five-face satisfaction scale, an optional comment, then "Envoyer". Every step can be skipped.
public struct FeedbackForm: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        case question(FeedbackQuestion)
        case comment
        case review
    }

    public let placeID: String
    public let placeIndex: Int
    public private(set) var answers = FeedbackAnswers()
    public var comment = ""
    public private(set) var position = 0

    public init(placeID: String, placeIndex: Int) {
        self.placeID = placeID
        self.placeIndex = placeIndex
    }

    /// The steps as they stand (a question appears once its condition is met).
    public var steps: [Step] {
        FeedbackQuestion.all.filter { q in
            guard let condition = q.askedWhen else { return true }
            return answers.value(of: condition.key) == condition.value
        }.map(Step.question) + [.comment, .review]
    }

    public var step: Step { steps[min(position, steps.count - 1)] }
    public var stepNumber: Int { min(position, steps.count - 1) + 1 }

    /// Records an answer to the current question and moves on.
    public mutating func answer(_ value: AnswerValue) {
        guard case .question(let q) = step else { return }
        try? answers.set(q.id, value)
        // A conditional question whose condition no longer holds loses its answer.
        for other in FeedbackQuestion.all where other.askedWhen?.key == q.id && other.askedWhen?.value != value {
            answers.remove(other.id)
        }
        position += 1
    }

    public mutating func skip() {
        if case .question(let q) = step { answers.remove(q.id) }
        position = min(position + 1, steps.count - 1)
    }

    public mutating func back() { position = max(0, position - 1) }

    /// What goes in the outbox.
    public func finalAnswers() -> FeedbackAnswers {
        var final = answers
        try? final.setComment(String(comment.prefix(FeedbackAnswers.maxCommentLength)))
        return final
    }

    /// The answer chosen for a question, if any.
    public func chosen(_ question: FeedbackQuestion) -> AnswerValue? { answers.value(of: question.id) }
}
