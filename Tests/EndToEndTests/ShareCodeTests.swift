import Foundation
import Places
import Testing

/// The two codes of a place's card, read back from rendered cards by a real decoder (zbarimg
/// from Debian's zbar-tools), equal the place's own fields.
@Suite struct ShareCodeTests {
    /// A place as `places --json` gives it.
    struct Place {
        var id, name, address, postalCode, commune: String
        var complement, phone, hours: String?
        var hoursValid: Bool
        var latitude, longitude: Double

        init?(_ json: [String: Any]) {
            guard let id = json["id"] as? String, let name = json["nom"] as? String, let address = json["adresse"] as? String,
                  let postalCode = json["code_postal"] as? String, let commune = json["commune"] as? String,
                  let latitude = json["latitude"] as? Double, let longitude = json["longitude"] as? Double else { return nil }
            (self.id, self.name, self.address, self.postalCode, self.commune) = (id, name, address, postalCode, commune)
            (self.latitude, self.longitude) = (latitude, longitude)
            complement = json["complement_adresse"] as? String
            phone = json["telephone"] as? String
            hours = json["horaires"] as? String
            hoursValid = json["horaires_valides"] as? Bool ?? false
        }

        var link: String {
            let lat = String(format: "%.5f", latitude), lon = String(format: "%.5f", longitude)
            return "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=18/\(lat)/\(lon)"
        }
    }

    /// At least 20 places of the bundled data, chosen for what could break: accents, apostrophes,
    /// commas and semicolons (vCard escaping), long names (folding), no phone, unknown hours.
    static let places: [Place] = {
        guard let result = try? InclusionMapBinary.run(["places", "--state-dir", InclusionMapBinary.sharedStateDirectory, "--json"]),
              let all = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [[String: Any]] else { return [] }
        let places = all.compactMap(Place.init).sorted { $0.id < $1.id }
        var chosen: [Place] = []
        func take(_ n: Int, _ wanted: (Place) -> Bool) {
            for place in places.filter(wanted).filter({ place in !chosen.contains { $0.id == place.id } }).prefix(n) {
                chosen.append(place)
            }
        }
        take(4) { $0.name.unicodeScalars.contains { $0.value > 127 } }
        take(3) { $0.name.contains("'") || $0.name.contains("’") }
        take(3) { ($0.name + $0.address).contains(",") || ($0.name + $0.address).contains(";") }
        take(3) { $0.name.utf8.count > 50 }
        take(2) { $0.name == $0.name.uppercased() && $0.name.count > 8 }
        take(4) { $0.phone == nil }
        take(4) { $0.hours == nil }
        take(4) { $0.hoursValid && $0.phone != nil }
        return chosen
    }()

    static let days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// The QR codes zbarimg finds in an image, each symbol's text whole: a vCard (from its
    /// BEGIN to its END line), and one line for each other code. Its raw output, in a UTF-8
    /// locale, is the only one that honours the codes' UTF-8 declaration (its XML gives bytes).
    func decodedCodes(_ png: String) throws -> [String] {
        let result = try InclusionMapBinary.run(["-q", "--raw", "-Sdisable", "-Sqrcode.enable", png],
                                                environment: ["LC_ALL": "C.UTF-8"], executable: "/usr/bin/zbarimg")
        if result.status != 0 { Issue.record("zbarimg: \(result.status) \(result.stderr.prefix(300))") }
        var codes: [String] = [], card: String?
        // "\r\n" is one Character to Swift: the lines are split on both.
        for line in result.stdout.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init) {
            if line.hasPrefix("BEGIN:VCARD") { card = "" }
            if card != nil {
                card! += line + "\r\n"
                if line.hasPrefix("END:VCARD") { codes.append(card!); card = nil }
            } else if !line.isEmpty {
                codes.append(line)
            }
        }
        return codes
    }

    /// A vCard's properties: lines unfolded, values unescaped (components split on unescaped `;`).
    func properties(_ card: String) -> [String: [String]] {
        let unfolded = card.replacingOccurrences(of: "\r\n ", with: "")
        var result: [String: [String]] = [:]
        for line in unfolded.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]).split(separator: ";")[0]
            var components: [String] = [], current = "", escaped = false
            for c in line[line.index(after: colon)...] {
                if escaped {
                    current.append(c == "n" ? "\n" : c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == ";" && name != "GEO" {
                    components.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            }
            components.append(current)
            result[String(name)] = components
        }
        return result
    }

    @Test func enoughPlacesOfEachKind() {
        #expect(Self.places.count >= 20)
        #expect(Self.places.contains { $0.name.contains("'") || $0.name.contains("’") })
        #expect(Self.places.contains { $0.phone == nil } && Self.places.contains { $0.hours == nil })
    }

    @Test(arguments: ShareCodeTests.places.map(\.id))
    func theCardsCodesHoldThePlace(_ id: String) throws {
        let place = try #require(Self.places.first { $0.id == id })
        let folder = try InclusionMapBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("card.png").path
        let render = try InclusionMapBinary.run(["render", "--state-dir", InclusionMapBinary.sharedStateDirectory, "--place", id,
                                                 "--at", "2026-11-30T10:00:00", "--out", png])
        try #require(render.status == 0, "\(render.stderr)")
        let codes = try decodedCodes(png)
        #expect(codes.count == 2, "\(id): \(codes)")
        #expect(codes.contains(place.link), "\(id): the directions code")
        let card = try #require(codes.first { $0.hasPrefix("BEGIN:VCARD") }, "\(id): no contact code")
        let fields = properties(card)
        #expect(fields["VERSION"] == ["3.0"])
        // The name as people write it ("ESCALE" → "Escale"), as on the card.
        let name = PlaceWording.readableName(place.name)
        #expect(fields["FN"] == [name] && fields["ORG"] == [name], "\(id): \(fields["FN"] ?? [])")
        let street = [place.address, place.complement].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        #expect(fields["ADR"] == ["", "", street, place.commune, "", place.postalCode, "France"], "\(id): \(fields["ADR"] ?? [])")
        #expect(fields["TEL"] == place.phone.map { [$0] }, "\(id)")
        #expect(fields["URL"] == [place.link])
        let geo = try #require(fields["GEO"]?.first?.split(separator: ";").compactMap { Double($0) })
        #expect(geo.count == 2 && abs(geo[0] - place.latitude) < 1e-5 && abs(geo[1] - place.longitude) < 1e-5)
        let note = try #require(fields["NOTE"]?.first)
        if place.hours == nil {
            #expect(note == "Horaires non communiqués")
        } else if place.hoursValid {
            let lines = note.split(separator: "\n").map(String.init)
            #expect(lines.first == "Horaires" && lines.count == 8, "\(id): \(note)")
            for (line, day) in zip(lines.dropFirst(), Self.days) { #expect(line.hasPrefix(day + " : "), "\(line)") }
        } else {
            #expect(note == "Horaires : " + (place.hours ?? ""))
        }
    }

    /// Turned for the far side of a table, or in Arabic, whose interface is shown reflected: the
    /// codes still read (a reflected QR code is not one).
    @Test(arguments: [["--panel-facing", "top"], ["--language", "ar"]])
    func aTurnedOrReflectedCardsCodesReadTheSame(_ options: [String]) throws {
        let place = try #require(Self.places.first { $0.name.contains("'") || $0.name.contains("’") })
        let folder = try InclusionMapBinary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("card.png").path
        let render = try InclusionMapBinary.run(["render", "--state-dir", InclusionMapBinary.sharedStateDirectory, "--place", place.id,
                                                 "--at", "2026-11-30T10:00:00", "--out", png] + options)
        try #require(render.status == 0, "\(render.stderr)")
        let codes = try decodedCodes(png)
        #expect(codes.contains(place.link))
        #expect(codes.contains { properties($0)["FN"] == [PlaceWording.readableName(place.name)] })
    }
}
