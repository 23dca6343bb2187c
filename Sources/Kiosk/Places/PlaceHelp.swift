import Places

/// What a visitor asks first about a place, from the standard's fields, as the card says it:
/// whether it is free, how help is given, how to get in, whether it moves.
enum PlaceHelp {
    static func facts(_ place: Place) -> [StringCatalog.Key] {
        var facts: [StringCatalog.Key] = []
        let fees: [(String, StringCatalog.Key)] = [("Gratuit", .cardFeeFree), ("Gratuit sous condition", .cardFeeConditions), ("Payant", .cardFeePaid)]
        facts += fees.filter { place.fees.contains($0.0) }.map(\.1)
        let support: [(String, StringCatalog.Key)] = [("Accompagnement individuel", .cardSupportIndividual), ("Dans un atelier collectif", .cardSupportWorkshop),
                                                       ("En autonomie", .cardSupportAutonomy), ("À distance", .cardSupportDistance)]
        facts += support.filter { place.supportModes.contains($0.0) }.map(\.1)
        let access: [(String, StringCatalog.Key)] = [("Se présenter", .cardAccessWalkIn), ("Téléphoner", .cardAccessPhone), ("Contacter par mail", .cardAccessMail),
                                                      ("Prendre un RDV en ligne", .cardAccessOnline), ("Ce lieu n'accueille pas de public", .cardAccessNone)]
        facts += access.filter { place.accessModes.contains($0.0) }.map(\.1)
        if place.appointmentURL != nil, !facts.contains(.cardAccessOnline) { facts.append(.cardAccessOnline) }
        if place.itinerance.contains("Itinérant") { facts.append(.cardItinerant) }
        return facts
    }
}
