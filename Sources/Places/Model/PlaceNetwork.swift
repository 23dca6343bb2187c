import TextFolding

/// The network a place belongs to, told from its labels, typology and source files: the kiosk
/// gives each its colour and pictogram, so that the map reads at a glance. Worked out once per
/// place, with its other facts (see ``PlaceDirectory/network(_:)``), and kept in the snapshot.
public enum PlaceNetwork: UInt8, Sendable, CaseIterable {
    case franceServices
    case conseillerNumerique
    case aidantsConnect
    case other

    public init(_ place: Place) {
        // Case is ignored: sources write "France Services", "FRANCE SERVICES", "CNFS", "cnfs".
        func label(_ test: (String) -> Bool) -> Bool { place.labels.contains(where: test) || place.typology.contains(where: test) }
        func label(containing part: String) -> Bool { label { TextFolding.contains($0, lowercaseASCII: part) } }
        func file(containing part: String) -> Bool { place.sources.contains { TextFolding.contains($0.file, lowercaseASCII: part) } }
        if label(containing: "france services") || file(containing: "france-services") {
            self = .franceServices
        } else if file(containing: "conseillers-numeriques") || label({ TextFolding.equals($0, lowercaseASCII: "cnfs") })
                    || label(containing: "conseiller") {
            self = .conseillerNumerique
        } else if label(containing: "aidants connect") || file(containing: "aidants-connect") {
            self = .aidantsConnect
        } else {
            self = .other
        }
    }
}
