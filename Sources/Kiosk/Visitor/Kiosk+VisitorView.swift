import FeedbackModel
import Foundation
import MapGeometry
import MapScene
import Places
import QRCodes

/// Builds the ``VisitorView`` of the current state: the place card, "Près d'ici", search with its
/// keyboard, the feedback form, the missing-place report and the thanks.
extension Kiosk {
    /// The side panel (card, lists, search): right of the screen, from the top to the chips.
    var sidePanel: Rect {
        let gap = metrics.px(4), band = panelBand
        let width = min(viewport.width - 2 * gap, max(metrics.px(150), viewport.width * 0.34))
        return Rect(x: viewport.width - width - gap, y: band.top, width: width, height: band.bottom - band.top)
    }

    /// The heights panels keep to, laid out upright: clear of the chips and the bar; facing the
    /// top they are shown turned, so they keep clear of where the chips and bar turn to.
    var panelBand: (top: Double, bottom: Double) {
        let gap = metrics.px(4)
        return visitor.panelFacing == .top
            ? (viewport.height - layout.chipsTop + gap, viewport.height - gap)
            : (gap, layout.chipsTop - gap)
    }

    func makeVisitorView() -> VisitorView {
        var builder = VisitorViewBuilder(kiosk: self)
        builder.build()
        return builder.view
    }
}

struct VisitorViewBuilder {
    let kiosk: Kiosk
    var view = VisitorView()

    init(kiosk: Kiosk) { self.kiosk = kiosk }

    func mm(_ v: Double) -> Double { kiosk.metrics.px(v) }
    func text(_ key: StringCatalog.Key) -> String { kiosk.catalog.text(key, kiosk.language) }
    var ui: MapStyle.Interface { kiosk.map.style.ui }
    var markers: MapStyle.Markers { kiosk.map.style.markerStyle }
    var size: Double { kiosk.layout.textSize }
    var small: Double { max(12, (kiosk.layout.textSize * 0.9).rounded()) }
    var gap: Double { mm(4) }
    var places: PlaceDirectory { kiosk.placeLayer.directory }

    var sidePanel: Rect { kiosk.sidePanel }

    /// The panel's buttons with "Écouter" (or "Arrêter" while it reads) before the last one, when
    /// the kiosk can speak.
    func withListen(_ items: [(Control, String, VisitorView.ButtonStyle)]) -> [(Control, String, VisitorView.ButtonStyle)] {
        guard kiosk.speechAvailable, !items.isEmpty else { return items }
        var items = items
        items.insert((.listen(.panel), text(kiosk.speaking == .panel ? .listenStop : .listen), .secondary), at: items.count - 1)
        return items
    }

    /// Beside the title, when it shows (no coverage view, no panel turned over it): "Écouter",
    /// the other languages, and "Recommencer" once the visitor has changed anything.
    mutating func titleButtons() {
        guard kiosk.visitor.coverage == nil, kiosk.screen == .map, kiosk.visitor.panelFacing == .bottom || kiosk.panel == .none else { return }
        let title = kiosk.layout.titlePanel
        let height = max(mm(18), size * 2.2)
        var x = title.maxX + gap
        var items: [(Control, String)] = []
        if kiosk.speechAvailable { items.append((.listen(.title), text(kiosk.speaking == .title ? .listenStop : .listen))) }
        if kiosk.visitor.hasChangedAnything(defaultLanguage: kiosk.catalog.defaultLanguage) { items.append((.restart, text(.restart))) }
        // Every other language by its own name, one touch away, where the eye lands first.
        for code in kiosk.catalog.languages where code != kiosk.language {
            items.append((.setLanguage(code), kiosk.catalog.text(.languageName, code)))
        }
        let end = kiosk.panel == .none ? kiosk.viewport.width : kiosk.sidePanel.minX
        for (control, label) in items {
            let width = kiosk.measurer.measure(label, size: size, bold: true).width + height + mm(4)
            guard x + width < end - gap else { break }
            button(control, Rect(x: x, y: title.y, width: width, height: height), label)
            x += width + gap
        }
    }

    mutating func build() {
        if kiosk.screen == .placingKiosk {
            let width = min(kiosk.viewport.width - 2 * gap, mm(220))
            let panel = Rect(x: (kiosk.viewport.width - width) / 2, y: gap, width: width, height: size * 1.35 * 2 + max(mm(18), size * 2.2) + 3 * gap)
            view.panels.append(panel)
            paragraph(text(.staffPlaceKioskHint), x: panel.x + gap, y: panel.y + gap, width: width - 2 * gap, size: size, bold: true, maxLines: 2)
            buttonRow([(.closePanel, text(.formCancel), .secondary)], in: panel)
            return
        }
        if kiosk.panel == .none || kiosk.panel == .nearby || kiosk.selectedPlace != nil { titleButtons() }
        if let choice = kiosk.visitor.coverage, let model = kiosk.coverage {
            switch kiosk.panel {
            case .none, .details, .commune, .nearby: coverageView(choice, model: model)
            default: break
            }
        }
        switch kiosk.panel {
        case .none: break
        case .details(let i): details(i)
        case .commune(let i): communeCard(i)
        case .languages: languagePicker()
        case .nearby: nearby()
        case .placesHere(let members): placesHere(members)
        case .legend: legend()
        case .moreFilters: moreFilters()
        case .search: search(kiosk.visitor.search)
        case .feedback(let form): feedback(form)
        case .missingPlace(let report) where report.step == .name: missingPlaceName(report)
        case .missingPlace(let report): missingPlacePosition(report)
        case .sending: sending()
        case .thanks(let kind, _): thanks(kind)
        }
    }

    // MARK: pieces

    /// Adds wrapped text from `y`, returns the y under it.
    @discardableResult
    mutating func paragraph(_ s: String, x: Double, y: Double, width: Double, size: Double, bold: Bool = false,
                            color: RGBA? = nil, maxLines: Int = .max) -> Double {
        var y = y
        for line in TextWrapper.lines(s, width: width, size: size, bold: bold, measurer: kiosk.measurer, maxLines: maxLines) {
            view.texts.append(TextPrimitive(line, at: Point(x: x, y: y + size * 0.65), size: size, color: color.map { ui.readable($0) } ?? ui.panelText,
                                            alignment: .left, bold: bold))
            y += size * 1.35
        }
        return y
    }

    mutating func button(_ control: Control, _ rect: Rect, _ label: String, style: VisitorView.ButtonStyle = .secondary,
                         icon: VisitorView.Icon? = nil, selected: Bool = false) {
        view.buttons.append(.init(control: control, rect: rect, label: label, style: style, icon: icon, selected: selected))
    }

    /// Buttons side by side along the bottom of `panel`, equal widths; returns their top.
    @discardableResult
    mutating func buttonRow(_ items: [(Control, String, VisitorView.ButtonStyle)], in panel: Rect, height: Double? = nil) -> Double {
        let h = height ?? max(mm(18), size * 2.2)
        let width = (panel.width - Double(items.count + 1) * gap) / Double(items.count)
        let y = panel.maxY - gap - h
        for (i, item) in items.enumerated() {
            button(item.0, Rect(x: panel.x + gap + Double(i) * (width + gap), y: y, width: width, height: h), item.1, style: item.2)
        }
        return y
    }

    /// "Téléphone : …" in French (a space before the colon), "Phone: …" elsewhere.
    var colon: String { kiosk.language == "fr" ? " : " : ": " }

    func distanceText(_ metres: Double) -> String {
        if metres < 1000 { return "\(Int((metres / 10).rounded() * 10)) " + text(.unitMetre) }
        let km = metres / 1000
        let value = km < 10 ? String(format: "%.1f", km) : String(Int(km.rounded()))
        return (CoverageLegend.decimalComma(kiosk.language) ? value.replacingOccurrences(of: ".", with: ",") : value) + " " + text(.unitKilometre)
    }

    func timeText(minutes: Int) -> String {
        let h = (minutes / 60) % 24, m = minutes % 60
        if minutes == 1440 { return kiosk.language == "fr" ? "24h00" : "24:00" }
        return kiosk.language == "fr" ? "\(h)h\(String(format: "%02d", m))" : "\(h):\(String(format: "%02d", m))"
    }

    func dayName(_ weekday: Int) -> String {
        let keys: [StringCatalog.Key] = [.day1, .day2, .day3, .day4, .day5, .day6, .day7]
        return text(keys[(weekday - 1) % 7])
    }

    /// "Ouvert maintenant · ferme à 17h00", with its colour; nil when the hours are unknown.
    func openStatus(_ i: Int) -> (String, RGBA)? {
        let now = kiosk.wallTime
        guard let open = places.isOpen(i, at: now) else { return nil }
        var line = text(open ? .cardOpenNow : .cardClosedNow)
        if let change = places.nextChange(i, after: now) {
            line += " · " + kiosk.catalog.text(open ? .cardClosesAt : .cardOpensAt, kiosk.language, value: whenText(change, from: now))
        }
        return (line, open ? markers.open : markers.closed)
    }

    /// "à 14h00", "demain à 9h00", "lundi à 9h00" (Paris time).
    func whenText(_ date: Date, from now: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = OpeningHours.paris
        let c = calendar.dateComponents([.hour, .minute, .weekday], from: date)
        let time = timeText(minutes: (c.hour ?? 0) * 60 + (c.minute ?? 0))
        let at = text(.timeAt)
        if calendar.isDate(date, inSameDayAs: now) { return "\(at) \(time)" }
        if let tomorrow = calendar.date(byAdding: .day, value: 1, to: now), calendar.isDate(date, inSameDayAs: tomorrow) {
            return "\(text(.tomorrow)) \(at) \(time)"
        }
        return "\(dayName(((c.weekday ?? 1) + 5) % 7 + 1)) \(at) \(time)"
    }

    /// One big button per language, each named in itself, above the bar's language button.
    mutating func languagePicker() {
        let languages = kiosk.catalog.languages
        let buttonHeight = max(mm(18), size * 2.2)
        let widest = languages.map { kiosk.measurer.measure(kiosk.catalog.text(.languageName, $0), size: size * 1.15, bold: true).width }.max() ?? 0
        let width = min(kiosk.viewport.width - 2 * gap, max(mm(90), widest + mm(16)))
        let height = Double(languages.count) * (buttonHeight + mm(2)) + small * 1.6 + 2 * gap
        let anchor = kiosk.layout.controls[.language] ?? Rect(x: gap, y: kiosk.layout.bar.y, width: 0, height: 0)
        let panel = Rect(x: max(gap, min(anchor.x, kiosk.viewport.width - width - gap)), y: kiosk.layout.bar.y - gap - height,
                         width: width, height: height)
        view.panels.append(panel)
        var y = paragraph(text(.languageTitle), x: panel.x + gap, y: panel.y + gap, width: width - 2 * gap, size: small, bold: true, maxLines: 1)
        for code in languages {
            button(.setLanguage(code), Rect(x: panel.x + gap, y: y, width: width - 2 * gap, height: buttonHeight),
                   kiosk.catalog.text(.languageName, code), style: .secondary, selected: code == kiosk.language)
            y += buttonHeight + mm(2)
        }
    }

    // MARK: the place card

    mutating func details(_ i: Int) {
        guard places.places.indices.contains(i) else { return }
        let place = places.places[i]
        let panel = sidePanel
        view.panels.append(panel)
        let x = panel.x + gap, width = panel.width - 2 * gap
        let buttonsTop: Double
        // "Retour" to the list the card was opened from; "Fermer" to the map.
        var buttons: [(Control, String, VisitorView.ButtonStyle)] = [(.closePanel, text(.cardClose), .secondary)]
        if kiosk.visitor.cardOpenedFrom != nil { buttons.insert((.back, text(.formBack), .secondary), at: 0) }
        if kiosk.settings.feedback != nil { buttons.insert((.giveFeedback, text(.cardFeedback), .primary), at: 0) }
        buttonsTop = buttonRow(withListen(buttons), in: panel)
        let limit = shareCodes(of: place, index: i, in: panel, above: buttonsTop) - gap
        var y = panel.y + gap
        let category = kiosk.placeLayer.directory.network(i)
        y = paragraph(text(category.labelKey), x: x, y: y, width: width, size: small, bold: true, color: category.color(markers))
        y = paragraph(PlaceWording.readableName(place.name), x: x, y: y, width: width, size: size * 1.15, bold: true, maxLines: 3) + mm(1)
        // "CCAS : le service d'aide sociale de la mairie": what the name's acronyms mean.
        for (term, explanation) in kiosk.settings.placeGlossary.explanations(in: place.name, language: kiosk.language).prefix(2) {
            y = paragraph("\(term)\(colon)\(explanation)", x: x, y: y, width: width, size: small, maxLines: 2)
        }
        y = paragraph(place.address + (place.addressComplement.map { ", " + $0 } ?? ""), x: x, y: y, width: width, size: small, maxLines: 2)
        y = paragraph("\(place.postalCode) \(place.commune)", x: x, y: y, width: width, size: small)
        if place.isApproximate {
            y = paragraph(text(.cardApproximate), x: x, y: y, width: width, size: small, color: markers.closed)
        }
        // "Gratuit · Quelqu'un vous accompagne · Sans rendez-vous": what a visitor asks first.
        let facts = PlaceHelp.facts(place).map(text)
        if !facts.isEmpty {
            y = paragraph(facts.joined(separator: " · "), x: x, y: y + mm(1), width: width, size: small, bold: true, maxLines: 3)
        }
        if let summary = place.summary {
            y = paragraph(summary, x: x, y: y + mm(1), width: width, size: small, maxLines: 3)
        }
        y += mm(2)

        // Hours: open now or not, then the week in plain words; never the raw syntax unless it does not parse.
        if let (line, color) = openStatus(i) {
            view.dots.append(.init(center: Point(x: x + small * 0.4, y: y + size * 0.65), radius: small * 0.4, color: color))
            y = paragraph(line, x: x + small, y: y, width: width - small, size: size, bold: true, color: color)
            if let hours = places.hours(i) {
                let week = hours.week(from: kiosk.wallTime)
                for (n, day) in week.enumerated() where y + small * 1.35 < limit {
                    let name = n == 0 ? text(.today) : dayName(day.weekday)
                    y = paragraph("\(name)\(colon)\(spansText(day))", x: x + small, y: y, width: width - small, size: small, bold: n == 0, maxLines: 2)
                }
            }
        } else if let raw = place.hours {
            y = paragraph(text(.cardHoursCheck), x: x, y: y, width: width, size: size, bold: true, color: markers.closed)
            y = paragraph(raw, x: x, y: y, width: width, size: small, maxLines: 3)
        } else {
            y = paragraph(text(.cardHoursUnknown), x: x, y: y, width: width, size: size, bold: true)
        }
        y += mm(2)

        func section(_ title: StringCatalog.Key, _ values: [String], maxLines: Int) {
            guard !values.isEmpty, y + small * 2.7 < limit else { return }
            y = paragraph(text(title), x: x, y: y, width: width, size: small, bold: true)
            var lines = 0
            for value in values where lines < maxLines && y + small * 1.35 < limit {
                y = paragraph("• " + value, x: x, y: y, width: width, size: small, maxLines: 2)
                lines += 1
            }
            y += mm(1.5)
        }
        // The phone before the lists: with the hours, what a visitor most needs.
        if let phone = place.phone, y + small * 1.35 < limit {
            y = paragraph("\(text(.cardPhone))\(colon)\(PlaceWording.frenchPhone(phone))", x: x, y: y, width: width, size: size, bold: true) + mm(1.5)
        }
        section(.cardServices, place.services, maxLines: 4)
        section(.cardPublics, place.publics.map(standardValue), maxLines: 2)
        section(.cardAccessibility, place.specificSupport.isEmpty ? [text(.cardAccessibilityUnknown)] : place.specificSupport.map(standardValue), maxLines: 3)
        let sources = place.sources.map { sourceName($0.file, publisher: place.publisher) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var footer = "\(text(.cardSource))\(colon)\(sources.joined(separator: " ; "))"
        if let updated = place.updated {
            // Information over a year old is said gently to need checking.
            let old = (updated.firstMatch(of: /^\d{4}-\d{2}-\d{2}/).flatMap { Self.day.date(from: String($0.output)) })
                .map { kiosk.wallTime.timeIntervalSince($0) > 365 * 86_400 } ?? false
            footer = "\(text(.cardUpdated))\(colon)\(monthAndYear(updated) ?? updated)\(old ? " (\(text(.cardToCheck)))" : "") · " + footer
        }
        if y + small * 1.35 < limit { paragraph(footer, x: x, y: y, width: width, size: small * 0.9, maxLines: max(1, Int((limit - y) / (small * 1.2)))) }
    }

    /// Reads the standard's `date_maj` days.
    static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()

    /// "juin 2022" for "2022-06-16" (or a file name's "2022-12"); nil when there is no such date.
    func monthAndYear(_ date: String) -> String? {
        guard let match = date.firstMatch(of: /(\d{4})-(\d{2})/), let year = Int(match.1), let month = Int(match.2), (1...12).contains(month) else { return nil }
        let keys: [StringCatalog.Key] = [.month1, .month2, .month3, .month4, .month5, .month6, .month7, .month8, .month9, .month10, .month11, .month12]
        return "\(text(keys[month - 1])) \(year)"
    }

    /// A source as its publisher and date: "France Services (ANCT), décembre 2022"; the record's
    /// publisher, or the file's name, when the site has not said who publishes the file.
    func sourceName(_ file: String, publisher: String? = nil) -> String {
        // Unnamed by the site: the record's own publisher (the standard's `source`), else the file.
        guard let name = kiosk.settings.sourceNames.first(where: { file.hasPrefix($0.key) })?.value else { return publisher ?? file }
        return monthAndYear(file).map { "\(name), \($0)" } ?? name
    }

    /// A day's opening in words: "9h00–12h00, 14h00–17h00", or "fermé".
    func spansText(_ day: OpeningHours.Day) -> String {
        day.spans.isEmpty ? text(.cardClosedDay)
            : day.spans.map { "\(timeText(minutes: $0.lowerBound))–\(timeText(minutes: $0.upperBound))" }.joined(separator: text(.listComma))
    }

    /// The week's hours in words, Monday first, one day a line ("lundi : 9h00–12h00, 14h00–17h00"),
    /// under a title; the card's "not known" otherwise. What the contact code carries.
    func weekInWords(_ i: Int) -> String {
        guard let hours = places.hours(i) else {
            return places.places[i].hours.map { "\(text(.cardHoursTitle))\(colon)\($0)" } ?? text(.cardHoursUnknown)
        }
        let days = hours.week(from: kiosk.wallTime).sorted { $0.weekday < $1.weekday }.map { "\(dayName($0.weekday))\(colon)\(spansText($0))" }
        return ([text(.cardHoursTitle)] + days).joined(separator: "\n")
    }

    /// The two codes to take the place along ("Itinéraire", "Fiche"), at the bottom of the card
    /// above its buttons, each at least 30 mm wide, in whole pixels a module so that a camera
    /// reads them. Returns the top of what they take (the buttons' top when there is no room).
    mutating func shareCodes(of place: Place, index i: Int, in panel: Rect, above bottom: Double) -> Double {
        var shown = PlaceSharing.codes(place, hours: weekInWords(i))
        // A module at least 0.75 mm (and 2 pixels) wide; the code at least 30 mm.
        func side(_ shared: PlaceSharing.Code) -> Double {
            let modules = Double(shared.code.sizeWithQuietZone)
            let pixels = max(2, (mm(0.75)).rounded(.up), (mm(30) / modules).rounded(.up))
            return modules * pixels
        }
        // As many as fit side by side, the most useful first.
        while !shown.isEmpty, shown.map(side).reduce(0, +) + Double(shown.count - 1) * gap * 2 > panel.width - 2 * gap { shown.removeLast() }
        guard !shown.isEmpty else { return bottom }
        let sides = shown.map(side)
        let labelHeight = small * 1.35
        let height = labelHeight * 2 + (sides.max() ?? 0)
        guard height < (bottom - panel.y) / 2 else { return bottom }
        let top = bottom - gap - height
        paragraph(text(.cardCodesHint), x: panel.x + gap, y: top, width: panel.width - 2 * gap, size: small, maxLines: 1)
        var x = panel.x + gap
        for (shared, side) in zip(shown, sides) {
            view.texts.append(TextPrimitive(text(shared.label), at: Point(x: x + side / 2, y: top + labelHeight * 1.5), size: small,
                                            color: ui.panelText, bold: true))
            view.codes.append(.init(rect: Rect(x: x.rounded(), y: (top + labelHeight * 2).rounded(), width: side, height: side),
                                    code: shared.code, text: shared.text))
            x += side + gap * 2
        }
        return top
    }

    // MARK: "Près d'ici"

    mutating func placeRow(_ i: Int, in rect: Rect, distance: Double?) {
        button(.placeRow(i), rect, "", style: .row)
        let place = places.places[i]
        let x = rect.x + mm(3), width = rect.width - mm(6)
        let category = kiosk.placeLayer.directory.network(i)
        view.dots.append(.init(center: Point(x: x + small * 0.45, y: rect.y + rect.height * 0.3), radius: small * 0.45,
                               color: category.color(markers)))
        view.texts.append(TextPrimitive(TextWrapper.fit(PlaceWording.readableName(place.name), width: width - small * 1.3, size: size, bold: true, measurer: kiosk.measurer),
                                        at: Point(x: x + small * 1.3, y: rect.y + rect.height * 0.3), size: size, color: ui.panelText,
                                        alignment: .left, bold: true))
        // A place known only by its commune is never given in metres.
        var detail = place.isApproximate ? kiosk.catalog.text(.listApproximate, kiosk.language, values: ["commune": place.commune]) : place.commune
        if let distance, !place.isApproximate { detail = distanceText(distance) + " · " + detail }
        var color = ui.panelText
        if let open = places.isOpen(i, at: kiosk.wallTime) {
            detail += " · " + text(open ? .cardOpenNow : .cardClosedNow)
            color = open ? markers.open : markers.closed
        }
        view.texts.append(TextPrimitive(TextWrapper.fit(detail, width: width, size: small, measurer: kiosk.measurer),
                                        at: Point(x: x, y: rect.y + rect.height * 0.72), size: small, color: color, alignment: .left))
    }

    mutating func nearby() {
        let panel = sidePanel
        view.panels.append(panel)
        let x = panel.x + gap, width = panel.width - 2 * gap
        let closeTop = buttonRow(withListen([(.closePanel, text(.cardClose), .secondary)]), in: panel)
        var y = panel.y + gap
        y = paragraph(text(.nearbyTitle), x: x, y: y, width: width, size: size * 1.15, bold: true)
        y = paragraph(text(kiosk.nearbyOrigin == nil ? .nearbyFromKiosk : .nearbyFromPoint), x: x, y: y, width: width, size: small,
                      color: markers.here)
        y = paragraph(text(.nearbyHint), x: x, y: y, width: width, size: small) + mm(2)
        let rowHeight = max(mm(20), size * 2.6)
        let hits = kiosk.nearbyHits
        if hits.isEmpty { paragraph(text(.nearbyNone), x: x, y: y, width: width, size: size, bold: true) }
        for hit in hits where y + rowHeight <= closeTop - gap {
            placeRow(hit.index, in: Rect(x: x, y: y, width: width, height: rowHeight), distance: hit.distance)
            y += rowHeight + mm(1.5)
        }
    }

    /// "4 lieux à cet endroit": places no zoom separates, each a row.
    mutating func placesHere(_ members: [Int]) {
        let panel = sidePanel
        view.panels.append(panel)
        let x = panel.x + gap, width = panel.width - 2 * gap
        let closeTop = buttonRow(withListen([(.closePanel, text(.cardClose), .secondary)]), in: panel)
        var y = panel.y + gap
        y = paragraph(kiosk.catalog.text(.placesHereTitle, kiosk.language, n: members.count), x: x, y: y, width: width, size: size * 1.15, bold: true) + mm(2)
        // Rows closer together when there are many (a town hall may hold a dozen), never under 14 mm.
        let fitting = (closeTop - gap - y) / Double(max(1, members.count)) - mm(1.5)
        let rowHeight = max(mm(14), min(max(mm(20), size * 2.6), fitting))
        for i in members where y + rowHeight <= closeTop - gap {
            placeRow(i, in: Rect(x: x, y: y, width: width, height: rowHeight), distance: nil)
            y += rowHeight + mm(1.5)
        }
    }

    /// A value of the standard's lists ("Seniors", "Surdité") in the visitor's language; as the
    /// data write it when the catalog has no word for it.
    func standardValue(_ value: String) -> String { kiosk.catalog.text(raw: "standard.\(value)", kiosk.language) ?? value }

    /// The side panel with a title and "Fermer": where its content starts and stops.
    mutating func titledSidePanel(_ title: StringCatalog.Key) -> (x: Double, width: Double, top: Double, closeTop: Double) {
        let panel = sidePanel
        view.panels.append(panel)
        let x = panel.x + gap, width = panel.width - 2 * gap
        let closeTop = buttonRow(withListen([(.closePanel, text(.cardClose), .secondary)]), in: panel)
        return (x, width, paragraph(text(title), x: x, y: panel.y + gap, width: width, size: size * 1.15, bold: true) + mm(2), closeTop)
    }

    /// What the markers mean, each beside the marker as the map draws it, in plain words.
    mutating func legend() {
        let (x, width, top, closeTop) = titledSidePanel(.legendTitle)
        var y = top
        let radius = kiosk.markerRadius * 1.2
        let rows: [(VisitorView.LegendMarker.Kind, String?, StringCatalog.Key)] = [
            (.place(.franceServices), text(.categoryFranceServices), .legendFranceServices),
            (.place(.conseillerNumerique), text(.categoryConseiller), .legendConseiller),
            (.place(.aidantsConnect), text(.categoryAidantsConnect), .legendAidantsConnect),
            (.place(.other), text(.categoryOther), .legendOther),
            (.approximate(.aidantsConnect), nil, .legendApproximate),
            (.cluster, nil, .legendCluster),
        ]
        let textX = x + radius * 2 + mm(4), textWidth = width - radius * 2 - mm(4)
        for (kind, name, explanation) in rows where y + small * 2.7 < closeTop - gap {
            let top = y
            if let name { y = paragraph(name, x: textX, y: y, width: textWidth, size: small, bold: true) }
            y = paragraph(text(explanation), x: textX, y: y, width: textWidth, size: small, maxLines: 3)
            view.legendMarkers.append(.init(center: Point(x: x + radius + mm(1), y: top + max(radius + 2, (y - top) / 2)), radius: radius, kind: kind))
            y = max(y, top + 2 * radius + 4) + mm(3)
        }
    }

    /// "Plus de filtres": the publics and specific supports the data name, each a row to turn
    /// on and off (a place must name every one chosen).
    mutating func moreFilters() {
        let (x, width, top, closeTop) = titledSidePanel(.moreFilters)
        var y = top
        let rowHeight = max(mm(14), size * 2)
        let sections: [(StringCatalog.Key, [(Control, String, Bool)])] = [
            (.cardPublics, places.publicsPresent.map { (.publicFilter($0), standardValue($0), kiosk.visitor.publics.contains($0)) }),
            (.moreFiltersSupport, places.supportPresent.map { (.supportFilter($0), standardValue($0), kiosk.visitor.support.contains($0)) }),
        ]
        for (title, rows) in sections where !rows.isEmpty && y + small * 1.35 + rowHeight < closeTop - gap {
            y = paragraph(text(title), x: x, y: y, width: width, size: small, bold: true) + mm(1)
            for (control, label, on) in rows where y + rowHeight < closeTop - gap {
                button(control, Rect(x: x, y: y, width: width, height: rowHeight), (on ? "✓ " : "") + label, style: on ? .primary : .secondary,
                       selected: on)
                y += rowHeight + mm(1.5)
            }
            y += mm(2)
        }
    }

    // MARK: search and keyboard

    /// An AZERTY keyboard with the accented letters French needs, keys ≥ 12 mm, in `area`.
    mutating func keyboard(in area: Rect) -> Double {
        let rows: [[String]] = [
            ["a", "z", "e", "r", "t", "y", "u", "i", "o", "p"],
            ["q", "s", "d", "f", "g", "h", "j", "k", "l", "m"],
            ["w", "x", "c", "v", "b", "n", "'", "-"],
            ["é", "è", "à", "ç", "ù", "ê", "ô", "î"],
        ]
        let keyGap = mm(1.5)
        let key = min(mm(22), max(mm(12), (area.width - 10 * keyGap) / 11))
        let keyboardWidth = 11 * key + 10 * keyGap
        let left = area.x + max(0, (area.width - keyboardWidth) / 2)
        let top = area.maxY - 5 * key - 4 * keyGap
        // Names are typed in French: in a right-to-left interface, which is shown reflected, the
        // keys are laid out reflected so that they still read AZERTY.
        let reflected = kiosk.readsRightToLeft
        func at(_ r: Rect) -> Rect { reflected ? Rect(x: 2 * left + keyboardWidth - r.maxX, y: r.y, width: r.width, height: r.height) : r }
        for (r, row) in rows.enumerated() {
            for (c, letter) in row.enumerated() {
                button(.key(letter), at(Rect(x: left + Double(c) * (key + keyGap), y: top + Double(r) * (key + keyGap), width: key, height: key)),
                       letter, style: .key)
            }
        }
        let wide = 3 * key + 2 * keyGap
        button(.backspace, at(Rect(x: left + 8 * (key + keyGap), y: top + 2 * (key + keyGap), width: wide, height: key)), "⌫", style: .key)
        button(.clearText, at(Rect(x: left + 8 * (key + keyGap), y: top + 3 * (key + keyGap), width: wide, height: key)), text(.keyClear), style: .key)
        button(.key(" "), at(Rect(x: left + 2 * (key + keyGap), y: top + 4 * (key + keyGap), width: 7 * key + 6 * keyGap, height: key)),
               text(.keySpace), style: .key)
        return top
    }

    /// A text field: its box (drawn by the painter) and its text, the end shown when it is long.
    mutating func field(_ value: String, placeholder: String, in rect: Rect) {
        view.fields.append(rect)
        let shown = value.isEmpty ? placeholder : value + "▏"
        let fitted = TextWrapper.lines(shown, width: rect.width - 2 * mm(3), size: size, measurer: kiosk.measurer)
        let lines = Array(fitted.suffix(max(1, Int((rect.height - mm(2)) / (size * 1.35)))))
        for (n, line) in lines.enumerated() {
            view.texts.append(TextPrimitive(line, at: Point(x: rect.x + mm(3), y: rect.y + mm(1) + size * (0.65 + 1.35 * Double(n)) + max(0, (rect.height - Double(lines.count) * size * 1.35) / 2 - mm(1))),
                                            size: size, color: value.isEmpty ? ui.attributionText : ui.buttonText, alignment: .left, bold: !value.isEmpty))
        }
    }

    mutating func search(_ query: SearchQuery) {
        let panel = sidePanel
        view.panels.append(panel)
        let x = panel.x + gap, width = panel.width - 2 * gap
        var y = panel.y + gap
        y = paragraph(text(.searchTitle), x: x, y: y, width: width, size: size * 1.15, bold: true) + mm(1)
        let bottom: Double
        if kiosk.settings.feedback != nil {
            bottom = buttonRow(withListen([(.missingPlace, text(.searchMissing), .secondary), (.closePanel, text(.cardClose), .secondary)]), in: panel)
        } else {
            bottom = buttonRow(withListen([(.closePanel, text(.cardClose), .secondary)]), in: panel)
        }
        let rowHeight = max(mm(20), size * 2.6)
        if query.results.isEmpty && !query.text.trimmingCharacters(in: .whitespaces).isEmpty {
            paragraph(text(.searchNone), x: x, y: y, width: width, size: size, bold: true)
        } else if !query.results.isEmpty {
            // How many, said: "12 lieux sur 34, les plus proches d'abord" when not all fit.
            let room = max(1, Int((bottom - gap - y - small * 1.6) / (rowHeight + mm(1.5))))
            let shown = min(room, query.results.count)
            let line = shown < query.results.count
                ? kiosk.catalog.text(.searchSome, kiosk.language, values: ["shown": "\(shown)", "total": "\(query.results.count)"])
                : kiosk.catalog.text(.searchAll, kiosk.language, n: query.results.count)
            y = paragraph(line, x: x, y: y, width: width, size: small, bold: true)
        }
        for (n, i) in query.results.enumerated() where y + rowHeight <= bottom - gap {
            let distance = query.distances.indices.contains(n) && query.distances[n].isFinite ? query.distances[n] : nil
            placeRow(i, in: Rect(x: x, y: y, width: width, height: rowHeight), distance: distance)
            y += rowHeight + mm(1.5)
        }
        // The keyboard, left of the panel, above the chips, with what it writes just above its keys.
        let band = kiosk.panelBand
        let top = kiosk.visitor.panelFacing == .top ? band.top : kiosk.layout.titlePanel.maxY + gap
        let area = Rect(x: gap, y: top, width: panel.x - 2 * gap, height: band.bottom - top)
        let keysTop = keyboard(in: area)
        let keys = view.buttons.filter { $0.style == .key }.map(\.rect)
        if let minX = keys.map(\.minX).min(), let maxX = keys.map(\.maxX).max() {
            let fieldRect = Rect(x: minX, y: keysTop - mm(2) - size * 2.2, width: maxX - minX, height: size * 2.2)
            field(query.text, placeholder: text(.searchPlaceholder), in: fieldRect)
            view.panels.insert(Rect(x: minX - mm(2), y: fieldRect.y - mm(2), width: maxX - minX + mm(4), height: area.maxY - fieldRect.y + mm(4)), at: 0)
        }
    }

    // MARK: the feedback form

    /// A centred panel over a shade.
    mutating func modalPanel(width: Double, height: Double) -> Rect {
        view.modal = true
        let w = min(kiosk.viewport.width - 2 * gap, width), h = min(kiosk.viewport.height - 2 * gap, height)
        let panel = Rect(x: (kiosk.viewport.width - w) / 2, y: max(gap, (kiosk.viewport.height - h) / 2), width: w, height: h)
        view.panels.append(panel)
        return panel
    }

    mutating func feedback(_ form: FeedbackForm) {
        let placeName = places.places.indices.contains(form.placeIndex) ? PlaceWording.readableName(places.places[form.placeIndex].name) : ""
        let keyboardStep = form.step == .comment && !form.confirmingCancel
        let panel = modalPanel(width: mm(keyboardStep ? 300 : 330), height: keyboardStep ? kiosk.viewport.height : mm(175))
        let x = panel.x + gap, width = panel.width - 2 * gap
        var y = panel.y + gap
        var counterWidth = 0.0
        if let counter = form.counter, !form.confirmingCancel {
            let progress = kiosk.catalog.text(.formCounter, kiosk.language, values: ["n": "\(counter.number)", "total": "\(counter.of)"])
            counterWidth = kiosk.measurer.measure(progress, size: small, bold: true).width + gap
            view.texts.append(TextPrimitive(progress, at: Point(x: panel.maxX - gap, y: y + small * 0.65), size: small, color: ui.panelText,
                                            alignment: .right, bold: true))
        }
        y = paragraph(text(.formTitle) + colon + placeName, x: x, y: y, width: width - counterWidth, size: small, maxLines: 1) + mm(2)
        let send: [(Control, String, VisitorView.ButtonStyle)] = form.saidCount > 0 ? [(.send, text(.formSend), .primary)] : []

        if form.confirmingCancel {
            // "Annuler" with answers given: asked once, the answers kept unless confirmed.
            y = paragraph(text(.formCancelConfirm), x: x, y: y, width: width, size: kiosk.layout.titleSize, bold: true, maxLines: 2) + gap
            let bottom = buttonRow(withListen([(.back, text(.formBack), .secondary)]), in: panel)
            answerButtons([(.keepAnswering, text(.formCancelNo), .yes), (.closePanel, text(.formCancelYes), .no)], x: x, y: y, width: width,
                          height: min(bottom - gap - y, mm(80)))
            return
        }
        switch form.step {
        case .visited:
            y = paragraph(text(.questionVisited), x: x, y: y, width: width, size: kiosk.layout.titleSize, bold: true, maxLines: 3) + gap
            let bottom = buttonRow(withListen([(.back, text(.formBack), .secondary)]), in: panel)
            let chosen = form.chosen(FeedbackQuestion.visited)
            answerButtons([(.answer(.oui), text(.answerVisitedYes), .yes), (.answer(.non), text(.answerVisitedNo), .no)], x: x, y: y,
                          width: width, height: min(bottom - gap - y, mm(80)), selected: chosen.map { .answer($0) })
        case .question(let question):
            y = paragraph(kiosk.catalog.text(raw: "question.\(question.id)", kiosk.language) ?? question.id, x: x, y: y, width: width,
                          size: kiosk.layout.titleSize, bold: true, maxLines: 3) + gap
            let bottom = buttonRow(withListen([(.back, text(.formBack), .secondary), (.skip, text(.formSkip), .secondary)] + send
                                              + [(.closePanel, text(.formCancel), .secondary)]), in: panel)
            answerButtons(question.offered.map { (.answer($0), answerLabel($0), icon(for: $0)) }, x: x, y: y, width: width,
                          height: min(bottom - gap - y, mm(80)), selected: form.chosen(question).map { .answer($0) })
        case .more:
            let remaining = form.questionsAfterVisit.count - FeedbackForm.firstQuestions
            y = paragraph(kiosk.catalog.text(.formMore, kiosk.language, n: remaining), x: x, y: y, width: width,
                          size: kiosk.layout.titleSize, bold: true, maxLines: 3) + gap
            let bottom = buttonRow(withListen([(.back, text(.formBack), .secondary)] + send + [(.closePanel, text(.formCancel), .secondary)]), in: panel)
            answerButtons([(.answer(.oui), text(.formMoreYes), .yes), (.answer(.non), text(.formMoreNo), .no)], x: x, y: y, width: width,
                          height: min(bottom - gap - y, mm(80)))
        case .comment:
            y = paragraph(text(.formComment), x: x, y: y, width: width, size: size, bold: true) + mm(1)
            let fieldRect = Rect(x: x, y: y, width: width, height: size * 1.35 * 3 + mm(2))
            field(form.comment, placeholder: "", in: fieldRect)
            let count = "\(form.comment.count) / \(FeedbackAnswers.maxCommentLength)"
            view.texts.append(TextPrimitive(count, at: Point(x: fieldRect.maxX, y: fieldRect.maxY + small * 0.8), size: small,
                                            color: ui.panelText, alignment: .right))
            let bottom = buttonRow([(.back, text(.formBack), .secondary), (.skip, text(.formNext), .primary),
                                    (.closePanel, text(.formCancel), .secondary)], in: panel)
            _ = keyboard(in: Rect(x: x, y: fieldRect.maxY + small * 1.5, width: width, height: bottom - gap - fieldRect.maxY - small * 1.5))
        case .review:
            let count = form.saidCount
            // With nothing said there is nothing to send, and the way out says so.
            let message = count > 0 ? kiosk.catalog.text(.formReview, kiosk.language, n: count) : text(.formNothing)
            y = paragraph(message, x: x, y: y, width: width, size: kiosk.layout.titleSize * 0.9, bold: true, maxLines: 4)
            let items: [(Control, String, VisitorView.ButtonStyle)] = [(.back, text(.formBack), .secondary)] + send
                + [(.closePanel, text(count > 0 ? .formCancel : .formClose), .secondary)]
            buttonRow(items, in: panel, height: max(mm(24), size * 2.8))
        }
    }

    /// The big answer buttons of a step, side by side, each with its pictogram.
    mutating func answerButtons(_ choices: [(Control, String, VisitorView.Icon)], x: Double, y: Double, width: Double, height: Double,
                                selected: Control? = nil) {
        let w = (width - Double(choices.count - 1) * gap) / Double(choices.count)
        for (n, choice) in choices.enumerated() {
            let rect = Rect(x: x + Double(n) * (w + gap), y: y, width: w, height: height)
            button(choice.0, rect, choice.1, style: .answer, icon: choice.2, selected: selected == choice.0)
        }
    }

    func answerLabel(_ value: AnswerValue) -> String {
        switch value {
        case .formes: return text(.answerOui)
        case .nonFormes: return text(.answerNon)
        default: return kiosk.catalog.text(raw: "answer.\(value.rawValue)", kiosk.language) ?? value.rawValue
        }
    }

    func icon(for value: AnswerValue) -> VisitorView.Icon {
        switch value {
        case .oui, .formes: return .yes
        case .non, .nonFormes: return .no
        case .fixe: return .ramp
        case .amovible: return .portableRamp
        case .aucune: return .noRamp
        case .neSaitPas, .aucun: return .unknown
        case .satisfaction1, .satisfaction2, .satisfaction3, .satisfaction4, .satisfaction5: return .face(value.satisfactionLevel ?? 3)
        }
    }

    // MARK: a missing place

    mutating func missingPlaceName(_ report: MissingPlaceReport) {
        let panel = modalPanel(width: mm(300), height: kiosk.viewport.height)
        let x = panel.x + gap, width = panel.width - 2 * gap
        var y = panel.y + gap
        y = paragraph(text(.missingTitle), x: x, y: y, width: width, size: kiosk.layout.titleSize, bold: true) + mm(1)
        let fieldRect = Rect(x: x, y: y, width: width, height: size * 2.2)
        field(report.name, placeholder: text(.searchPlaceholder), in: fieldRect)
        var items: [(Control, String, VisitorView.ButtonStyle)] = [(.closePanel, text(.formCancel), .secondary)]
        if !report.name.trimmingCharacters(in: .whitespaces).isEmpty { items.append((.next, text(.formNext), .primary)) }
        let bottom = buttonRow(items, in: panel)
        _ = keyboard(in: Rect(x: x, y: fieldRect.maxY + gap, width: width, height: bottom - gap - fieldRect.maxY - gap))
    }

    mutating func missingPlacePosition(_ report: MissingPlaceReport) {
        let width = min(kiosk.viewport.width - 2 * gap, mm(220))
        let height = size * 1.35 * 2 + max(mm(18), size * 2.2) + 3 * gap
        let panel = Rect(x: (kiosk.viewport.width - width) / 2, y: gap, width: width, height: height)
        view.panels.append(panel)
        paragraph(text(.missingPosition) + colon + report.name, x: panel.x + gap, y: panel.y + gap, width: width - 2 * gap,
                  size: size, bold: true, maxLines: 2)
        var items: [(Control, String, VisitorView.ButtonStyle)] = [(.closePanel, text(.formCancel), .secondary)]
        if report.position != nil { items.append((.send, text(.formSend), .primary)) }
        buttonRow(items, in: panel)
    }

    // MARK: thanks

    /// While the shell stores the answer (a moment): the form's place, without buttons.
    mutating func sending() {
        let panel = modalPanel(width: mm(200), height: mm(40))
        paragraph("…", x: panel.x + gap, y: panel.y + gap, width: panel.width - 2 * gap, size: kiosk.layout.titleSize, bold: true)
    }

    mutating func thanks(_ kind: VisitorPanel.Thanks) {
        let panel = modalPanel(width: mm(200), height: mm(90))
        let key: StringCatalog.Key = kind == .sent ? .thanksSent : (kind == .full ? .thanksFull : .thanksFailed)
        let bottom = buttonRow([(.thanksOK, text(.thanksOK), .primary)], in: panel, height: max(mm(20), size * 2.4))
        let iconSize = min(mm(22), bottom - panel.y - 3 * gap - kiosk.layout.titleSize * 2.7)
        button(.thanksOK, Rect(x: panel.center.x - iconSize / 2, y: panel.y + gap, width: iconSize, height: iconSize), "",
               style: .answer, icon: kind == .sent ? .yes : .no, selected: true)
        paragraph(text(key), x: panel.x + gap, y: panel.y + 2 * gap + iconSize, width: panel.width - 2 * gap,
                  size: kiosk.layout.titleSize * 0.9, bold: true, maxLines: 2)
    }
}
