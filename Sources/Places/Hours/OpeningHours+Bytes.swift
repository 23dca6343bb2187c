/// Parsed hours in a snapshot's table: the rules as parsed, so that a start reads them instead of
/// parsing, once for every place open at the same hours.
extension OpeningHours {
    func write(to writer: inout ByteWriter, table: inout SnapshotTable.Builder) {
        table.write(text, to: &writer)
        writer.writeCount(rules.count)
        for rule in rules {
            writer.write(Self.kindCodes.firstIndex(of: rule.kind).map(UInt8.init) ?? 0)
            writer.writeCount(rule.months.reduce(0) { $0 | 1 << $1 })
            writer.writeCount(rule.weekdays.reduce(0) { $0 | 1 << $1 })
            writer.write(rule.holidays)
            writer.write(rule.open)
            writer.writeCount(rule.spans.count)
            for span in rule.spans {
                writer.writeCount(span.lowerBound)
                writer.writeCount(span.upperBound)
            }
        }
    }

    init(from reader: inout ByteReader, strings: [String]) throws {
        let text = try SnapshotTable.entry(strings, &reader)
        var rules: [Rule] = []
        for _ in 0..<(try reader.readCount()) {
            let code = Int(try reader.readByte())
            guard code < Self.kindCodes.count else { throw ByteReader.Damaged(offset: reader.offset - 1, reason: "rule kind \(code)") }
            let months = try reader.readCount(), weekdays = try reader.readCount()
            let holidays = try reader.readBool(), open = try reader.readBool()
            var spans: [ClosedRange<Int>] = []
            for _ in 0..<(try reader.readCount()) {
                let start = try reader.readCount(), end = try reader.readCount()
                guard start <= end else { throw ByteReader.Damaged(offset: reader.offset, reason: "a span ending before it starts") }
                spans.append(start...end)
            }
            rules.append(Rule(kind: Self.kindCodes[code], months: Set((1...12).filter { months & 1 << $0 != 0 }),
                              weekdays: Set((1...7).filter { weekdays & 1 << $0 != 0 }), holidays: holidays, spans: spans, open: open))
        }
        self.init(text: text, rules: rules)
    }

    private static let kindCodes: [Rule.Kind] = [.normal, .additional, .fallback]
}
