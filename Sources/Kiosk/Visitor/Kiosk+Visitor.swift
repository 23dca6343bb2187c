import Feedback
import Foundation
import MapGeometry
import MapScene
import Places

/// What a visitor does beyond moving the map: markers, the place card, "Près d'ici", search with
/// the on-screen keyboard, filter chips, the feedback form and the missing-place report.
extension Kiosk {
    /// The time of day ("open now"), from the configured wall clock.
    public var wallTime: Date { settings.wallClock.date(atKioskTime: now) }

    /// Replaces the places (start, data reload); panels that pointed at a place close.
    public mutating func setPlaces(_ directory: PlaceDirectory) {
        placeLayer = PlaceLayer(directory: directory)
        if case .details = panel { panel = .none }
        if panel == .feedback { panel = .none; form = nil }
        searchResults = []
        refreshVisitorView()
        needsRedraw = true
    }

    /// The open panel in words (`details:ID`, `nearby`, `thanks:sent`…), for replays and logs.
    public var panelDescription: String {
        switch panel {
        case .none: return "none"
        case .details(let i): return "details:" + placeLayer.directory.places[i].id
        case .nearby: return "nearby"
        case .search: return "search"
        case .feedback: return "feedback"
        case .missingPlaceName, .missingPlacePosition: return "missing_place"
        case .thanks(let kind): return "thanks:\(kind)"
        }
    }

    /// The places the open list shows, top to bottom.
    public var listedPlaceIDs: [String] {
        visitorView.buttons.compactMap { button in
            if case .placeRow(let i) = button.control { return placeLayer.directory.places[i].id } else { return nil }
        }
    }

    /// The filter the chips make; "open now" is taken to the minute, so clusters are reused.
    public var placeFilter: PlaceDirectory.Filter {
        var filter = PlaceDirectory.Filter(needs: Set(chips.compactMap(\.need)))
        if chips.contains(.openNow) {
            filter.openAt = Date(timeIntervalSince1970: (wallTime.timeIntervalSince1970 / 60).rounded(.down) * 60)
        }
        return filter
    }

    /// Where "Près d'ici" measures from: the point the visitor touched, the kiosk, or the home view.
    public var nearbyCenter: GeoCoordinate { nearbyOrigin ?? settings.kioskLocation ?? settings.homeCenter }

    public var nearbyHits: [PlaceDirectory.Hit] {
        placeLayer.directory.nearest(to: nearbyCenter, k: settings.nearbyCount, filter: placeFilter)
    }

    mutating func refreshVisitorView() {
        visitorView = makeVisitorView()
        viewMinute = Int(wallTime.timeIntervalSince1970 / 60)
    }

    mutating func activateVisitorControl(_ control: Control) {
        switch control {
        case .nearby:
            panel = .nearby
            refreshVisitorView()
            fitNearby()
        case .search:
            panel = .search
        case .chip(let chip):
            if chips.contains(chip) { chips.remove(chip) } else { chips.insert(chip) }
            if panel == .search { updateSearch() }
            if panel == .nearby { fitNearby() }
        case .closePanel where screen == .placingKiosk:
            screen = .map
        case .closePanel:
            if panel == .feedback, let form { panel = .details(form.placeIndex) } else { panel = .none }
            form = nil
            missingPlacePosition = nil
        case .placeRow(let i):
            showPlace(i)
        case .key(let s):
            type(s)
        case .backspace:
            editText { if !$0.isEmpty { $0.removeLast() } }
        case .clearText:
            editText { $0 = "" }
        case .giveFeedback:
            guard case .details(let i) = panel, let desk = settings.feedback else { break }
            if desk.hasRoom() {
                form = FeedbackForm(placeID: placeLayer.directory.places[i].id, placeIndex: i)
                panel = .feedback
            } else {
                panel = .thanks(.full)
                thanksSince = now
            }
        case .answer(let value):
            form?.answer(value)
        case .skip:
            form?.skip()
        case .back:
            if let f = form, f.position == 0 { panel = .details(f.placeIndex); form = nil } else { form?.back() }
        case .send:
            submit()
        case .missingPlace:
            missingPlaceName = ""
            missingPlacePosition = nil
            panel = .missingPlaceName
        case .next:
            if panel == .missingPlaceName, !missingPlaceName.trimmingCharacters(in: .whitespaces).isEmpty { panel = .missingPlacePosition }
        case .thanksOK:
            panel = .none
            thanksSince = nil
        case .home, .zoomIn, .zoomOut, .language:
            break
        }
        refreshVisitorView()
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
        let freeCenter = Point(x: (viewport.width - sidePanel.width) / 2,
                               y: (layout.titlePanel.maxY + layout.chipsTop) / 2)
        var target = Camera(center: Point(x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2), zoom: zoom, viewport: viewport)
        target = target.moving(from: viewport.center, to: freeCenter, within: settings.constraints)
        cameraController.set(target)
    }

    /// Centres the map on a place and opens its card.
    public mutating func showPlace(_ i: Int) {
        guard placeLayer.directory.places.indices.contains(i) else { return }
        if let c = placeLayer.directory.places[i].coordinate {
            // Centred in the part of the map the side panel leaves free.
            var target = Camera(coordinate: c, zoom: max(camera.zoom, 14), viewport: viewport)
            let panelWidth = sidePanel.width
            target = target.moving(from: viewport.center, to: Point(x: (viewport.width - panelWidth) / 2, y: mapCenter.y),
                                   within: settings.constraints)
            cameraController.set(target)
        }
        panel = .details(i)
        refreshVisitorView()
    }

    /// Which text the keyboard writes into: the search, the comment or the missing place's name.
    mutating func editText(_ edit: (inout String) -> Void) {
        switch panel {
        case .search:
            edit(&searchText)
            searchText = String(searchText.prefix(60))
            updateSearch()
        case .feedback:
            guard var f = form, f.step == .comment else { return }
            edit(&f.comment)
            f.comment = String(f.comment.prefix(FeedbackAnswers.maxCommentLength))
            form = f
        case .missingPlaceName:
            edit(&missingPlaceName)
            missingPlaceName = String(missingPlaceName.prefix(120))
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

    /// Results as you type: the store's full-text search (accents and case ignored, prefixes),
    /// kept to the chips' filter.
    mutating func updateSearch() {
        let query = searchText.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { searchResults = []; return }
        let directory = placeLayer.directory
        let ids: [String]
        if let search = settings.search {
            ids = search(query)
        } else {
            let folded = PlaceMerger.normalisedName(query)
            ids = directory.places.filter { PlaceMerger.normalisedName($0.name + " " + $0.commune).contains(folded) }.map(\.id)
        }
        let filter = placeFilter
        searchResults = Array(ids.compactMap(directory.index(ofID:)).filter { directory.matches($0, filter) }.prefix(12))
    }

    /// Commits the form or the missing-place report; "Merci" only once the shell says it is stored.
    mutating func submit() {
        guard let desk = settings.feedback else { return }
        let item: FeedbackItem
        do {
            if panel == .missingPlacePosition, let position = missingPlacePosition {
                item = try .missingPlace(.init(nom: missingPlaceName, latitude: position.latitude, longitude: position.longitude),
                                         kioskID: desk.kioskID, appVersion: desk.appVersion, at: wallTime)
            } else if let form {
                item = try .review(of: form.placeID, answers: form.finalAnswers(), kioskID: desk.kioskID,
                                   appVersion: desk.appVersion, at: wallTime)
            } else {
                return
            }
        } catch {
            return   // nothing to send: the button is not offered then
        }
        do {
            try desk.submit(item)
            panel = .thanks(.sent)
        } catch FeedbackError.outboxFull {
            panel = .thanks(.full)
        } catch {
            panel = .thanks(.failed)
        }
        form = nil
        missingPlaceName = ""
        missingPlacePosition = nil
        thanksSince = now
    }

    // MARK: the map

    /// Radius of a single marker, in pixels (a 10 mm disc: a comfortable target).
    var markerRadius: Double { max(9, metrics.px(5)) }

    /// Markers and clusters as drawn now: screen position, radius and members.
    mutating func visibleMarkers() -> [(center: Point, radius: Double, members: [Int])] {
        let clusters = placeLayer.clusters(zoom: camera.zoom, filter: placeFilter)
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
        if screen == .placingKiosk {
            let c = WebMercator.unproject(camera.worldPoint(atScreen: p))
            settings.kioskLocation = c
            nearbyOrigin = nil
            pendingEffects.append(.setKioskLocation(latitude: c.latitude, longitude: c.longitude))
            screen = .map
            refreshVisitorView()
            return
        }
        if panel == .missingPlacePosition {
            missingPlacePosition = WebMercator.unproject(camera.worldPoint(atScreen: p))
            refreshVisitorView()
            return
        }
        let reach = max(markerRadius, metrics.px(6))
        let hit = visibleMarkers()
            .map { (marker: $0, distance: ($0.center - p).length) }
            .filter { $0.distance <= max($0.marker.radius, reach) }
            .min { $0.distance < $1.distance }
        if let hit {
            if hit.marker.members.count > 1 {
                cameraController.animateZoom(by: min(3, max(1.5, constraintsRoom)), around: hit.marker.center)
            } else {
                panel = .details(hit.marker.members[0])
            }
        } else if panel == .nearby {
            nearbyOrigin = WebMercator.unproject(camera.worldPoint(atScreen: p))
        } else if case .details = panel {
            panel = .none
        }
        refreshVisitorView()
    }

    /// How far the camera can still zoom in.
    private var constraintsRoom: Double { settings.constraints.maxZoom - camera.zoom }

    // MARK: time

    mutating func advanceVisitor(to time: Double) {
        if let since = thanksSince, time - since >= 8, case .thanks = panel {
            panel = .none
            thanksSince = nil
            refreshVisitorView()
            needsRedraw = true
        }
        // "Open now" changes with the minute.
        if panel != .none || chips.contains(.openNow), Int(wallTime.timeIntervalSince1970 / 60) != viewMinute {
            if panel == .search { updateSearch() }
            refreshVisitorView()
            needsRedraw = true
        }
    }

    /// When the visitor's panels next need time to pass (thanks closing, the minute turning).
    var visitorDeadline: Double? {
        var deadline: Double?
        if let since = thanksSince { deadline = since + 8 }
        if panel != .none || chips.contains(.openNow) {
            let secondsToMinute = 60 - wallTime.timeIntervalSince1970.truncatingRemainder(dividingBy: 60)
            deadline = min(deadline ?? .infinity, now + secondsToMinute + 0.01)
        }
        return deadline
    }

    mutating func forgetVisitor() {
        panel = .none
        chips = []
        nearbyOrigin = nil
        searchText = ""
        searchResults = []
        form = nil
        missingPlaceName = ""
        missingPlacePosition = nil
        thanksSince = nil
    }
}
