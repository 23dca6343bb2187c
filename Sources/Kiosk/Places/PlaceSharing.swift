import Foundation
import MapGeometry
import Places
import QRCodes

/// What a visitor takes along from a card, through their phone's camera: the way there and the
/// place as a contact.
enum PlaceSharing {
    /// A link any phone opens for directions: OpenStreetMap with a marker on the place.
    static func directionsURL(_ c: GeoCoordinate) -> String {
        let lat = String(format: "%.5f", c.latitude), lon = String(format: "%.5f", c.longitude)
        return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=18/\(lat)/\(lon)"
    }

    /// The place as a vCard: its name, address, phone when known, position, the week's hours in
    /// the visitor's words and the directions link.
    static func contact(_ place: Place, hours: String) -> String {
        var card = VCard()
        let name = PlaceWording.readableName(place.name)
        card.add("N", components: [name, "", "", "", ""])
        card.add("FN", text: name)
        card.add("ORG", components: [name])
        let street = [place.address, place.addressComplement].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        card.add("ADR;TYPE=WORK", components: ["", "", street, place.commune, "", place.postalCode, "France"])
        if let phone = place.phone, !phone.isEmpty { card.add("TEL;TYPE=WORK,VOICE", raw: phone) }
        if let c = place.coordinate {
            card.add("GEO", raw: String(format: "%.5f;%.5f", c.latitude, c.longitude))
        }
        card.add("NOTE", text: hours)
        if let c = place.coordinate { card.add("URL", raw: directionsURL(c)) }
        return card.text
    }

    /// A code of a card: what it is for, what it holds, its modules.
    struct Code {
        var label: StringCatalog.Key
        var text: String
        var code: QRCode
    }

    /// The codes of a card, most useful first: the way there (for a place with a position), the
    /// booking link, the contact, the Acceslibre page. A text too long to encode is left out.
    static func codes(_ place: Place, hours: String) -> [Code] {
        var codes: [Code] = []
        if let c = place.coordinate, let code = try? QRCode(encoding: directionsURL(c), correction: .medium) {
            codes.append(Code(label: .cardDirectionsCode, text: directionsURL(c), code: code))
        }
        // Booking online, when the place takes appointments by a link.
        if let link = place.appointmentURL, link.hasPrefix("http"), let code = try? QRCode(encoding: link, correction: .medium) {
            codes.append(Code(label: .cardAppointmentCode, text: link, code: code))
        }
        // The contact is long: the smallest code, read from a clean screen.
        let card = contact(place, hours: hours)
        if let code = try? QRCode(encoding: card, correction: .low) {
            codes.append(Code(label: .cardContactCode, text: card, code: code))
        }
        // The place's Acceslibre page: its accessibility in full.
        if let link = place.accesLibreURL, link.hasPrefix("http"), let code = try? QRCode(encoding: link, correction: .medium) {
            codes.append(Code(label: .cardAccesLibreCode, text: link, code: code))
        }
        return codes
    }
}
