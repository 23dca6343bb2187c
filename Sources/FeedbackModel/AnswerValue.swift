/// A value an answer can take, spelt as the lab stores it (Acceslibre's vocabulary where the
/// question is one of its fields).
public enum AnswerValue: String, Sendable, CaseIterable, Codable, Hashable {
    case oui, non
    case neSaitPas = "ne_sait_pas"
    /// The ramp at a stepped entrance.
    case fixe, amovible, aucune
    /// Staff trained to welcome people with a disability.
    case formes = "formés"
    case nonFormes = "non-formés"
    case aucun
    /// The five faces of the satisfaction scale, worst to best.
    case satisfaction1 = "1", satisfaction2 = "2", satisfaction3 = "3", satisfaction4 = "4", satisfaction5 = "5"

    /// The level of a satisfaction face, 1…5; nil for other values.
    public var satisfactionLevel: Int? { Int(rawValue) }
}
