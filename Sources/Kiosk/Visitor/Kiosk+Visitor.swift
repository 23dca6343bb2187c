import FeedbackModel
import Foundation
import MapGeometry
import MapScene
import Coverage
import Places

/// What a visitor does beyond moving the map: markers, the place card, "Près d'ici", search with
/// the on-screen keyboard, filter chips, the feedback form and the missing-place report.
extension Kiosk {
    /// The time of day ("open now"): a fixed clock's, or the shell's last word plus the kiosk time since.
    public var wallTime: Date {
        switch settings.wallClock {
        case .fixed(let start): return start.addingTimeInterval(now)
        case .system:
            guard let anchor = wallAnchor else { return Date(timeIntervalSince1970: 0) }
            return anchor.date.addingTimeInterval(now - anchor.kioskTime)
        }
    }

    /// Replaces the places (start, data reload); panels that pointed at a place close.
    /// Whether new places may replace the ones shown now: not while the visitor reads a place's
    /// card, answers the form or reports a missing place (their indices would change under them);
    /// the shell waits until that panel closes, or the visit ends.
    public var canTakeNewPlaces: Bool {
        switch visitor.panel {
        case .none, .languages, .legend, .moreFilters, .search, .nearby, .commune: return true
        case .details, .placesHere, .feedback, .missingPlace, .sending, .thanks: return false
        }
    }

    public mutating func setPlaces(_ directory: PlaceDirectory) {
        placeLayer = PlaceLayer(directory: directory)
        if preparesAhead { directory.prepareSearchWordsInBackground() }
        if var model = coverage {
            model.calculator = CoverageCalculator(territories: model.territories, directory: directory)
            model.figures = nil
            coverage = model
        }
        switch visitor.panel {
        case .details, .feedback: visitor.panel = .none
        default: break
        }
        visitor.search.results = []
        // The chips follow the data: a filter no place answers is not offered.
        visitor.chips = visitor.chips.filter { $0.offer.map(directory.offersPresent.contains) != false }
        visitor.publics = visitor.publics.filter(directory.publicsPresent.contains)
        visitor.support = visitor.support.filter(directory.supportPresent.contains)
        relayout()
        refreshClusters()
        refreshCoverage()
        refreshVisitorView()
        needsRedraw = true
    }

    /// Takes in what came of an effect (or changed beside the kiosk).
    public mutating func receive(_ result: EffectResult) {
        let panelBefore = visitor.panel
        defer { followPanelForSpeech(from: panelBefore) }
        switch result {
        case .feedbackCommitted(let id, let outcome):
            guard case .sending(let pending) = visitor.panel, pending == id else { return }
            let thanks: VisitorPanel.Thanks
            switch outcome {
            case .stored: thanks = .sent
            case .full: thanks = .full
            case .failed: thanks = .failed
            }
            visitor.panel = .thanks(thanks, since: now)
        case .feedbackIntake(let hasRoom):
            feedbackHasRoom = hasRoom
        case .staffReport(let lines):
            guard staff.screen == .staff else { return }
            staff.lines = lines.map { "\($0.label) : \($0.value)" }
        case .speechEnded:
            visitor.speaking = nil
        }
        refreshVisitorView()
        needsRedraw = true
    }

    /// The open panel in words (`details:ID`, `nearby`, `thanks:sent`…), for replays and logs.
    public var panelDescription: String {
        if case .details(let i) = visitor.panel { return "details:" + placeLayer.directory.places[i].id }
        if case .commune(let i) = visitor.panel, let model = coverage { return "commune:" + model.territories.communes[i].code }
        return visitor.panel.name
    }

    /// The places the open list shows, top to bottom.
    public var listedPlaceIDs: [String] {
        visitorView.buttons.compactMap { button in
            if case .placeRow(let i) = button.control { return placeLayer.directory.places[i].id } else { return nil }
        }
    }

    /// The filter the chips make (in the coverage view, with its moment); "open now" is taken to
    /// the minute, so clusters are reused.
    public var placeFilter: PlaceDirectory.Filter {
        var filter = PlaceDirectory.Filter(needs: Set(visitor.chips.compactMap(\.need)), offers: Set(visitor.chips.compactMap(\.offer)),
                                           publics: visitor.publics.sorted(), support: visitor.support.sorted())
        if let choice = visitor.coverage {
            filter.openAt = choice.moment.instant(after: wallTime)
        } else if visitor.chips.contains(.openNow) {
            filter.openAt = Date(timeIntervalSince1970: (wallTime.timeIntervalSince1970 / 60).rounded(.down) * 60)
        }
        return filter
    }

    /// Where "Près d'ici" measures from: the point the visitor touched, the kiosk, or the home view.
    public var nearbyCenter: GeoCoordinate { visitor.nearbyOrigin ?? settings.kioskLocation ?? settings.homeCenter }

    public var nearbyHits: [PlaceDirectory.Hit] {
        placeLayer.directory.nearest(to: nearbyCenter, k: settings.nearbyCount, filter: placeFilter)
    }

    mutating func refreshVisitorView() {
        visitorView = makeVisitorView()
        visitorView.screen = viewport
        // A panel faces the hand that opened it; the plain map's own buttons stay with the title.
        visitorView.facing = visitor.panel == .none && visitor.coverage == nil ? .bottom : visitor.panelFacing
        viewMinute = Int(wallTime.timeIntervalSince1970 / 60)
    }

    /// Clusters for the visitor's filter at every zoom level the camera can reach, renewed when
    /// the filter or the places change: each level is made when first drawn, or ahead of it on a
    /// spare core once the shell asks (``prepareAhead()``).
    mutating func refreshClusters() {
        let filter = placeFilter
        guard filter != clusterLevels.filter || clusterLevels.placesIdentity !== placeLayer.identity else { return }
        clusterLevels = placeLayer.clusterLevels(zooms: Int(settings.constraints.minZoom.rounded(.down))...Int(settings.constraints.maxZoom.rounded(.up)),
                                                 filter: filter)
        if preparesAhead { clusterLevels.makeRemainingLevelsInBackground() }
    }

    /// From now on, what a visitor's next gestures need is made ahead on a spare core: the cluster
    /// levels not drawn yet (for this filter and every later one), so that a pinch does not wait
    /// for them, and the places' search words. The shell calls it once the first frame is shown:
    /// a start waits for neither.
    public mutating func prepareAhead() {
        preparesAhead = true
        clusterLevels.makeRemainingLevelsInBackground()
        placeLayer.directory.prepareSearchWordsInBackground()
    }

    mutating func activateVisitorControl(_ control: Control) {
        switch control {
        case .nearby:
            visitor.panel = .nearby
            refreshVisitorView()
            fitNearby()
        case .search:
            visitor.panel = .search
        case .chip(let chip):
            if visitor.chips.contains(chip) { visitor.chips.remove(chip) } else { visitor.chips.insert(chip) }
            // "Tout afficher" comes and goes with the filters.
            relayout()
            refreshClusters()
            refreshCoverage()
            if visitor.panel == .search { updateSearch() }
            if visitor.panel == .nearby { fitNearby() }
        case .closePanel where staff.screen == .placingKiosk:
            staff.screen = .map
        case .closePanel:
            if var form {
                // Answers are not dropped on one touch: "Annuler" asks first.
                if form.saidCount > 0 && !form.confirmingCancel {
                    form.confirmingCancel = true
                    visitor.panel = .feedback(form)
                } else {
                    visitor.panel = .details(form.placeIndex)
                }
            } else {
                visitor.panel = .none
            }
        case .keepAnswering:
            updateForm { $0.confirmingCancel = false }
        case .placeRow(let i):
            let list = visitor.panel
            showPlace(i)
            switch list {
            case .nearby, .search, .placesHere: visitor.cardOpenedFrom = list
            default: visitor.cardOpenedFrom = nil
            }
        case .legend:
            visitor.panel = visitor.panel == .legend ? .none : .legend
        case .moreFilters:
            visitor.panel = visitor.panel == .moreFilters ? .none : .moreFilters
        case .publicFilter(let value), .supportFilter(let value):
            if case .publicFilter = control {
                if visitor.publics.remove(value) == nil { visitor.publics.insert(value) }
            } else if visitor.support.remove(value) == nil {
                visitor.support.insert(value)
            }
            relayout()
            refreshClusters()
            refreshCoverage()
        case .clearFilters:
            visitor.chips = []
            visitor.publics = []
            visitor.support = []
            relayout()
            refreshClusters()
            refreshCoverage()
            if visitor.panel == .search { updateSearch() }
            if visitor.panel == .nearby { fitNearby() }
        case .key(let s):
            type(s)
        case .backspace:
            editText { if !$0.isEmpty { $0.removeLast() } }
        case .clearText:
            editText { $0 = "" }
        case .giveFeedback:
            guard case .details(let i) = visitor.panel, settings.feedback != nil else { break }
            if feedbackHasRoom {
                visitor.panel = .feedback(FeedbackForm(place: placeLayer.directory.places[i], placeIndex: i))
            } else {
                visitor.thanksReturnTo = i
                visitor.panel = .thanks(.full, since: now)
            }
        case .answer(let value):
            updateForm { $0.answer(value) }
        case .skip:
            updateForm { $0.skip() }
        case .back:
            if selectedPlace != nil, let list = visitor.cardOpenedFrom {
                // "Retour": the list the card was opened from, as it was.
                visitor.panel = list
                visitor.cardOpenedFrom = nil
                if list == .nearby { fitNearby() }
            } else if let form, form.position == 0 {
                visitor.panel = .details(form.placeIndex)
            } else {
                updateForm { $0.back() }
            }
        case .send:
            submit()
        case .missingPlace:
            visitor.panel = .missingPlace(MissingPlaceReport())
        case .next:
            if var report = missingPlace, !report.name.trimmingCharacters(in: .whitespaces).isEmpty {
                report.step = .position
                visitor.panel = .missingPlace(report)
            }
        case .thanksOK:
            visitor.panel = visitor.thanksReturnTo.map { .details($0) } ?? .none
            visitor.thanksReturnTo = nil
        case .home, .zoomIn, .zoomOut, .language, .coverage, .coverageLayer, .coverageMoment, .listen, .largeText, .contrast, .turn, .setLanguage,
             .restart:
            break
        }
        refreshVisitorView()
    }

    private mutating func updateForm(_ change: (inout FeedbackForm) -> Void) {
        guard case .feedback(var form) = visitor.panel else { return }
        change(&form)
        visitor.panel = .feedback(form)
    }

    /// Shows the origin and the places listed, in the part of the map the side panel leaves free.
    mutating func fitNearby() {
        let points = [nearbyCenter] + nearbyHits.prefix(5).compactMap { placeLayer.directory.places[$0.index].coordinate }
        let world = points.map(WebMercator.project)
        let box = BoundingBox(points: world)
        let free = Size(width: viewport.width - sidePanel.width - metrics.px(16),
                        height: layout.chipsTop - layout.titlePanel.maxY - metrics.px(16))
        let span = max(box.maxX - box.minX, 1e-9), height = max(box.maxY - box.minY, 1e-9)
        let zoom = min(16, max(settings.constraints.minZoom, log2(min(free.width / span, free.height / height))))
        let freeCenter = Point(x: freeMapCenter.x, y: (layout.titlePanel.maxY + layout.chipsTop) / 2)
        var target = Camera(center: Point(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2), zoom: zoom, viewport: viewport)
        target = target.moving(from: viewport.center, to: freeCenter, within: settings.constraints)
        cameraController.set(target)
    }

    /// The middle of the map beside the side panel, on whichever side it is shown (a card
    /// turned towards the far side of a table opens on the left).
    var freeMapCenter: Point {
        let shown = shownRect(visitor.panelFacing.rect(sidePanel, within: viewport))
        let onTheRight = shown.center.x > viewport.width / 2
        let left = onTheRight ? 0 : shown.maxX, right = onTheRight ? shown.minX : viewport.width
        return Point(x: (left + right) / 2, y: mapCenter.y)
    }

    /// Centres the map on a place and opens its card.
    public mutating func showPlace(_ i: Int) {
        guard placeLayer.directory.places.indices.contains(i) else { return }
        if let c = placeLayer.directory.places[i].coordinate {
            // Centred in the part of the map the side panel leaves free.
            var target = Camera(coordinate: c, zoom: max(camera.zoom, 14), viewport: viewport)
            target = target.moving(from: viewport.center, to: freeMapCenter, within: settings.constraints)
            cameraController.set(target)
        }
        visitor.panel = .details(i)
        refreshVisitorView()
    }

    /// Which text the keyboard writes into: the search, the comment or the missing place's name.
    mutating func editText(_ edit: (inout String) -> Void) {
        switch visitor.panel {
        case .search:
            edit(&visitor.search.text)
            visitor.search.text = String(visitor.search.text.prefix(60))
            updateSearch()
        case .feedback(var form):
            guard form.step == .comment else { return }
            edit(&form.comment)
            form.comment = String(form.comment.prefix(FeedbackAnswers.maxCommentLength))
            visitor.panel = .feedback(form)
        case .missingPlace(var report) where report.step == .name:
            edit(&report.name)
            report.name = String(report.name.prefix(120))
            visitor.panel = .missingPlace(report)
        default:
            break
        }
    }

    mutating func type(_ s: String) {
        editText { text in
            // A space never starts a text nor doubles.
            if s == " " && (text.isEmpty || text.hasSuffix(" ")) { return }
            text += s
        }
    }

    /// Results as you type, found in memory by the site's ``PlaceSearch``.
    mutating func updateSearch() {
        guard visitor.panel == .search else { return }
        let text = visitor.search.text.trimmingCharacters(in: .whitespaces)
        // In memory, as the visitor types: everyday words, names, communes, a slip forgiven;
        // nearest to the kiosk first, within the filters.
        let directory = placeLayer.directory, filter = placeFilter
        let hits = text.isEmpty ? [] : settings.placeSearch.search(text, in: directory, from: nearbyCenter).filter { directory.matches($0.index, filter) }
        visitor.search.results = hits.map(\.index)
        visitor.search.distances = hits.map(\.distance)
    }

    /// Hands the form or the missing-place report to the shell to be stored; "Merci" comes only
    /// once the shell says it is (see ``receive(_:)``).
    mutating func submit() {
        guard let identity = settings.feedback else { return }
        let item: FeedbackItem
        do {
            if let report = missingPlace, report.step == .position, let position = report.position {
                item = try .missingPlace(.init(nom: report.name, latitude: position.latitude, longitude: position.longitude),
                                         kioskID: identity.kioskID, appVersion: identity.appVersion, at: wallTime)
            } else if let form, form.saidCount > 0 {
                visitor.thanksReturnTo = form.placeIndex
                item = try .review(of: form.placeID, answers: form.finalAnswers(), kioskID: identity.kioskID,
                                   appVersion: identity.appVersion, at: wallTime)
            } else {
                return
            }
        } catch {
            return   // nothing to send: the button is not offered then
        }
        visitor.panel = .sending(item.id)
        pendingEffects.append(.commitFeedback(item))
    }

    // MARK: the map

    /// Radius of a single marker, in pixels (a 10 mm disc: a comfortable target).
    var markerRadius: Double { max(9, metrics.px(5)) }

    /// Markers and clusters as drawn now: screen position, radius and members.
    func visibleMarkers() -> [(center: Point, radius: Double, members: [Int])] {
        let clusters = clusterLevels.clusters(atZoom: camera.zoom)
        let margin = markerRadius * 3
        var out: [(Point, Double, [Int])] = []
        out.reserveCapacity(clusters.count)
        for cluster in clusters {
            var p = camera.screenPoint(of: cluster.center)
            // A place known only by its commune sits just under the town's name, not on it.
            if cluster.count == 1, placeLayer.directory.places[cluster.members[0]].isApproximate { p.y += markerRadius * 2.2 }
            guard p.x > -margin, p.y > -margin, p.x < viewport.width + margin, p.y < viewport.height + margin else { continue }
            let radius = cluster.count == 1 ? markerRadius : markerRadius * (1.15 + min(0.6, log10(Double(cluster.count)) * 0.3))
            out.append((p, radius, cluster.members))
        }
        return out
    }

    /// A tap on the map: a cluster zooms in, a marker opens its card; in "Près d'ici" an empty
    /// spot becomes the new origin; when placing a missing place, the spot is its position.
    mutating func tapMap(at p: Point) {
        let touched = WebMercator.unproject(camera.worldPoint(atScreen: p))
        if staff.screen == .placingKiosk {
            settings.kioskLocation = touched
            visitor.nearbyOrigin = nil
            pendingEffects.append(.setKioskLocation(latitude: touched.latitude, longitude: touched.longitude))
            staff.screen = .map
            refreshVisitorView()
            return
        }
        if var report = missingPlace, report.step == .position {
            report.position = touched
            visitor.panel = .missingPlace(report)
            refreshVisitorView()
            return
        }
        let reach = max(markerRadius, metrics.px(6))
        let markers = visibleMarkers()
        let hit = markers
            .map { (marker: $0, distance: ($0.center - p).length) }
            .filter { $0.distance <= max($0.marker.radius, reach) }
            .min { $0.distance < $1.distance }
        if let hit {
            // Markers drawn over the one touched (places at one spot) are touched with it.
            let together = markers.filter { ($0.center - hit.marker.center).length < markerRadius }.flatMap(\.members)
            let members = together.count > hit.marker.members.count ? together : hit.marker.members
            if members.count > 1 && !neverSeparate(members) {
                cameraController.animateZoom(by: min(3, max(1.5, constraintsRoom)), around: hit.marker.center)
            } else if members.count > 1 {
                // No zoom parts them: their list, each a row to tap.
                visitor.panel = .placesHere(members)
            } else {
                visitor.panel = .details(hit.marker.members[0])
                visitor.cardOpenedFrom = nil
                // A card turned towards the far side opens on the left: the place must not vanish under it.
                if visitor.panelFacing.rect(sidePanel, within: viewport).contains(hit.marker.center) {
                    cameraController.set(camera.moving(from: hit.marker.center, to: freeMapCenter, within: settings.constraints))
                }
            }
        } else if visitor.panel == .nearby {
            visitor.nearbyOrigin = touched
        } else if visitor.panel == .languages {
            visitor.panel = .none
        } else if tapCommune(at: p) {
            // The commune's card is open.
        } else if case .details = visitor.panel {
            visitor.panel = .none
        }
        refreshVisitorView()
    }

    /// How far the camera can still zoom in.
    private var constraintsRoom: Double { settings.constraints.maxZoom - camera.zoom }

    /// Whether places are so close that even the closest zoom draws their markers over each
    /// other (the same building, a town hall's position for several): zooming would not help.
    func neverSeparate(_ members: [Int]) -> Bool {
        let points = members.compactMap { placeLayer.directory.places[$0].coordinate }.map(WebMercator.project)
        guard let first = points.first else { return true }
        let spread = points.map { ($0 - first).length }.max() ?? 0
        return constraintsRoom < 0.5 || spread * pow(2, settings.constraints.maxZoom) < markerRadius * 2
    }

    // MARK: time

    /// How long "Merci" stays before the map comes back.
    static let thanksSeconds = 8.0

    mutating func advanceVisitor(to time: Double) {
        if case .thanks(_, let since) = visitor.panel, time - since >= Self.thanksSeconds {
            stopSpeaking()
            visitor.panel = visitor.thanksReturnTo.map { .details($0) } ?? .none
            visitor.thanksReturnTo = nil
            refreshVisitorView()
            needsRedraw = true
        }
        // "Open now" changes with the minute.
        if visitor.panel != .none || followsTheMinute, Int(wallTime.timeIntervalSince1970 / 60) != viewMinute {
            refreshClusters()
            refreshCoverage()
            updateSearch()
            refreshVisitorView()
            needsRedraw = true
        }
    }

    /// Whether what the map shows changes with the minute ("open now", or the coverage view's moments).
    var followsTheMinute: Bool {
        visitor.chips.contains(.openNow) || (visitor.coverage.map { $0.moment != .anyTime } ?? false)
    }

    /// When the visitor's panels next need time to pass (thanks closing, the minute turning).
    var visitorDeadline: Double? {
        var deadline: Double?
        if case .thanks(_, let since) = visitor.panel { deadline = since + Self.thanksSeconds }
        if visitor.panel != .none || followsTheMinute {
            let secondsToMinute = 60 - wallTime.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
            deadline = min(deadline ?? .infinity, now + secondsToMinute + 0.01)
        }
        return deadline
    }
}
