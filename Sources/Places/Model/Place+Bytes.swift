import MapGeometry

/// A place in a snapshot: every field, in declaration order, its texts and lists of texts as
/// numbers in the snapshot's ``SnapshotTable``. A field added to ``Place`` must be added here and
/// `PlaceSnapshot.format` raised (`PlaceSnapshotTests` fails until it is).
extension Place {
    func write(to writer: inout ByteWriter, table: inout SnapshotTable.Builder) {
        table.write(id, to: &writer)
        table.write(siret, to: &writer)
        table.write(name, to: &writer)
        table.write(address, to: &writer)
        table.write(addressComplement, to: &writer)
        table.write(postalCode, to: &writer)
        table.write(commune, to: &writer)
        table.write(inseeCode, to: &writer)
        writer.write(coordinate != nil)
        if let coordinate {
            writer.write(coordinate.latitude)
            writer.write(coordinate.longitude)
        }
        writer.write(isApproximate)
        table.write(typology, to: &writer)
        table.write(phone, to: &writer)
        table.write(emails, to: &writer)
        table.write(websites, to: &writer)
        table.write(hours, to: &writer)
        table.write(services, to: &writer)
        table.write(publics, to: &writer)
        table.write(accessModes, to: &writer)
        table.write(labels, to: &writer)
        table.write(specificSupport, to: &writer)
        table.write(accesLibreURL, to: &writer)
        table.write(updated, to: &writer)
        table.write(fees, to: &writer)
        table.write(supportModes, to: &writer)
        table.write(itinerance, to: &writer)
        table.write(appointmentURL, to: &writer)
        table.write(summary, to: &writer)
        table.write(presentation, to: &writer)
        table.write(publisher, to: &writer)
        table.write(parentOrganisation, to: &writer)
        table.write(trainingLabels, to: &writer)
        table.write(otherLabels, to: &writer)
        writer.writeCount(sources.count)
        for source in sources {
            table.write(source.file, to: &writer)
            writer.write(source.row)
            table.write(source.format, to: &writer)
        }
    }

    init(from reader: inout ByteReader, table: SnapshotTable) throws {
        id = try table.string(&reader)
        siret = try table.optionalString(&reader)
        name = try table.string(&reader)
        address = try table.string(&reader)
        addressComplement = try table.optionalString(&reader)
        postalCode = try table.string(&reader)
        commune = try table.string(&reader)
        inseeCode = try table.optionalString(&reader)
        coordinate = try reader.readBool() ? GeoCoordinate(latitude: try reader.readDouble(), longitude: try reader.readDouble()) : nil
        isApproximate = try reader.readBool()
        typology = try table.list(&reader)
        phone = try table.optionalString(&reader)
        emails = try table.list(&reader)
        websites = try table.list(&reader)
        hours = try table.optionalString(&reader)
        services = try table.list(&reader)
        publics = try table.list(&reader)
        accessModes = try table.list(&reader)
        labels = try table.list(&reader)
        specificSupport = try table.list(&reader)
        accesLibreURL = try table.optionalString(&reader)
        updated = try table.optionalString(&reader)
        fees = try table.list(&reader)
        supportModes = try table.list(&reader)
        itinerance = try table.list(&reader)
        appointmentURL = try table.optionalString(&reader)
        summary = try table.optionalString(&reader)
        presentation = try table.optionalString(&reader)
        publisher = try table.optionalString(&reader)
        parentOrganisation = try table.optionalString(&reader)
        trainingLabels = try table.list(&reader)
        otherLabels = try table.list(&reader)
        var sources: [PlaceSource] = []
        for _ in 0..<(try reader.readCount()) {
            sources.append(PlaceSource(file: try table.string(&reader), row: try reader.readInt(), format: try table.string(&reader)))
        }
        self.sources = sources
    }
}
