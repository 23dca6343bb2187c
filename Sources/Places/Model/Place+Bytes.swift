import MapGeometry

/// A place in a snapshot: every field, in declaration order. A field added to ``Place`` must be
/// added here and `PlaceSnapshot.format` raised (`PlaceSnapshotTests` fails until it is).
extension Place {
    func write(to writer: inout ByteWriter) {
        writer.write(id)
        writer.write(siret)
        writer.write(name)
        writer.write(address)
        writer.write(addressComplement)
        writer.write(postalCode)
        writer.write(commune)
        writer.write(inseeCode)
        writer.write(coordinate != nil)
        if let coordinate {
            writer.write(coordinate.latitude)
            writer.write(coordinate.longitude)
        }
        writer.write(isApproximate)
        writer.write(typology)
        writer.write(phone)
        writer.write(emails)
        writer.write(websites)
        writer.write(hours)
        writer.write(services)
        writer.write(publics)
        writer.write(accessModes)
        writer.write(labels)
        writer.write(specificSupport)
        writer.write(accesLibreURL)
        writer.write(updated)
        writer.write(fees)
        writer.write(supportModes)
        writer.write(itinerance)
        writer.write(appointmentURL)
        writer.write(summary)
        writer.write(presentation)
        writer.write(publisher)
        writer.write(parentOrganisation)
        writer.write(trainingLabels)
        writer.write(otherLabels)
        writer.writeCount(sources.count)
        for source in sources {
            writer.write(source.file)
            writer.write(source.row)
            writer.write(source.format)
        }
    }

    init(from reader: inout ByteReader) throws {
        id = try reader.readString()
        siret = try reader.readOptionalString()
        name = try reader.readString()
        address = try reader.readString()
        addressComplement = try reader.readOptionalString()
        postalCode = try reader.readString()
        commune = try reader.readString()
        inseeCode = try reader.readOptionalString()
        coordinate = try reader.readBool() ? GeoCoordinate(latitude: try reader.readDouble(), longitude: try reader.readDouble()) : nil
        isApproximate = try reader.readBool()
        typology = try reader.readStrings()
        phone = try reader.readOptionalString()
        emails = try reader.readStrings()
        websites = try reader.readStrings()
        hours = try reader.readOptionalString()
        services = try reader.readStrings()
        publics = try reader.readStrings()
        accessModes = try reader.readStrings()
        labels = try reader.readStrings()
        specificSupport = try reader.readStrings()
        accesLibreURL = try reader.readOptionalString()
        updated = try reader.readOptionalString()
        fees = try reader.readStrings()
        supportModes = try reader.readStrings()
        itinerance = try reader.readStrings()
        appointmentURL = try reader.readOptionalString()
        summary = try reader.readOptionalString()
        presentation = try reader.readOptionalString()
        publisher = try reader.readOptionalString()
        parentOrganisation = try reader.readOptionalString()
        trainingLabels = try reader.readStrings()
        otherLabels = try reader.readStrings()
        var sources: [PlaceSource] = []
        for _ in 0..<(try reader.readCount()) {
            sources.append(PlaceSource(file: try reader.readString(), row: try reader.readInt(), format: try reader.readString()))
        }
        self.sources = sources
    }
}
