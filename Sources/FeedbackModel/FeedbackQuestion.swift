/// One question of the visitor's form, keyed by its Acceslibre field name wherever one exists
/// (`../shared/data/accessibility/schema.json`), so that answers can be compared with, and fed back
/// to, the national accessibility base.
public struct FeedbackQuestion: Sendable, Equatable, Identifiable {
    public enum Group: String, Sendable {
        case accessibility, information, satisfaction
    }

    /// The answer key (`entree_plain_pied`, `satisfaction`…).
    public var id: String
    public var group: Group
    /// Values accepted.
    public var values: [AnswerValue]
    /// The values the visitor's form offers, in the order it shows them.
    public var offered: [AnswerValue]
    /// A question asked only after another one got a given answer (steps after "no step-free entrance").
    public var askedWhen: (key: String, value: AnswerValue)?

    init(id: String, group: Group, values: [AnswerValue], offered: [AnswerValue]? = nil, askedWhen: (key: String, value: AnswerValue)? = nil) {
        self.id = id
        self.group = group
        self.values = values
        self.offered = offered ?? values
        self.askedWhen = askedWhen
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.id == b.id && a.group == b.group && a.values == b.values && a.offered == b.offered
            && a.askedWhen?.key == b.askedWhen?.key && a.askedWhen?.value == b.askedWhen?.value
    }

    static let yesNo: [AnswerValue] = [.oui, .non, .neSaitPas]

    /// Whether the visitor has been to the place: the form's first question, which decides the
    /// others (someone who has not been can only say whether what is shown looks right).
    public static let visited = FeedbackQuestion(id: "lieu_visite", group: .information, values: [.oui, .non])

    /// Every question, in the order of the whole form.
    public static let all: [FeedbackQuestion] = [
        visited,
        .init(id: "entree_plain_pied", group: .accessibility, values: yesNo),
        .init(id: "entree_marches_rampe", group: .accessibility, values: [.aucune, .fixe, .amovible, .neSaitPas],
              offered: [.fixe, .amovible, .aucune, .neSaitPas], askedWhen: ("entree_plain_pied", .non)),
        .init(id: "accueil_cheminement_plain_pied", group: .accessibility, values: yesNo),
        .init(id: "sanitaires_adaptes", group: .accessibility, values: yesNo),
        .init(id: "accueil_personnels", group: .accessibility, values: [.formes, .nonFormes, .aucun, .neSaitPas],
              offered: [.formes, .nonFormes, .neSaitPas]),
        .init(id: "accueil_equipements_malentendants_presence", group: .accessibility, values: yesNo),
        .init(id: "entree_reperage", group: .accessibility, values: yesNo),
        .init(id: "infos_correctes", group: .information, values: yesNo),
        .init(id: "horaires_correctes", group: .information, values: yesNo),
        .init(id: "lieu_ouvert", group: .information, values: yesNo),
        .init(id: "satisfaction", group: .satisfaction,
              values: [.satisfaction1, .satisfaction2, .satisfaction3, .satisfaction4, .satisfaction5]),
    ]

    public static func named(_ key: String) -> FeedbackQuestion? { all.first { $0.id == key } }
}
