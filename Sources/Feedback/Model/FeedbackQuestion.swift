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
    /// Values accepted, in the order a form shows them.
    public var values: [String]
    /// A question asked only after another one got a given answer (steps after "no step-free entrance").
    public var askedWhen: (key: String, value: String)?

    public static func == (a: Self, b: Self) -> Bool {
        a.id == b.id && a.group == b.group && a.values == b.values
            && a.askedWhen?.key == b.askedWhen?.key && a.askedWhen?.value == b.askedWhen?.value
    }

    static let yesNo = ["oui", "non", "ne_sait_pas"]

    /// The form's questions, in order.
    public static let all: [FeedbackQuestion] = [
        .init(id: "entree_plain_pied", group: .accessibility, values: yesNo),
        .init(id: "entree_marches_rampe", group: .accessibility, values: ["aucune", "fixe", "amovible", "ne_sait_pas"],
              askedWhen: ("entree_plain_pied", "non")),
        .init(id: "accueil_cheminement_plain_pied", group: .accessibility, values: yesNo),
        .init(id: "sanitaires_adaptes", group: .accessibility, values: yesNo),
        .init(id: "accueil_personnels", group: .accessibility, values: ["formés", "non-formés", "aucun", "ne_sait_pas"]),
        .init(id: "accueil_equipements_malentendants_presence", group: .accessibility, values: yesNo),
        .init(id: "entree_reperage", group: .accessibility, values: yesNo),
        .init(id: "infos_correctes", group: .information, values: yesNo),
        .init(id: "horaires_correctes", group: .information, values: yesNo),
        .init(id: "lieu_ouvert", group: .information, values: yesNo),
        .init(id: "satisfaction", group: .satisfaction, values: ["1", "2", "3", "4", "5"]),
    ]

    public static func named(_ key: String) -> FeedbackQuestion? { all.first { $0.id == key } }
}
