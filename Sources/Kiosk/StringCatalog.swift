import Foundation

/// Every piece of visible text, by key and language. Loaded from `assets/strings/<lang>.json`.
public struct StringCatalog: Sendable {
    /// Keys the interface uses; every catalog file must define them all.
    public enum Key: String, Sendable, CaseIterable {
        case languageName = "language.name"
        case languageSwitch = "language.switch"
        case appTitle = "app.title"
        case appSubtitle = "app.subtitle"
        case zoomIn = "button.zoom_in"
        case zoomOut = "button.zoom_out"
        case home = "button.home"
        case idleWarning = "idle.warning"
        case idleCountdown = "idle.countdown"
        case staffPinTitle = "staff.pin_title"
        case staffPinWrong = "staff.pin_wrong"
        case staffPinLocked = "staff.pin_locked"
        case staffCancel = "staff.cancel"
        case staffTitle = "staff.title"
        case staffReload = "staff.reload"
        case staffClose = "staff.close"
        case staffSync = "staff.sync"
        case staffPlaceKiosk = "staff.place_kiosk"
        case staffPlaceKioskHint = "staff.place_kiosk_hint"
        case nearby = "button.nearby"
        case search = "button.search"
        case chipProcedures = "chip.procedures"
        case chipLearning = "chip.learning"
        case chipEquipment = "chip.equipment"
        case chipWheelchair = "chip.wheelchair"
        case chipOpenNow = "chip.open_now"
        case chipFree = "chip.free"
        case chipOneToOne = "chip.one_to_one"
        case chipWalkIn = "chip.walk_in"
        case moreFilters = "chip.more_filters"
        case moreFiltersSupport = "more_filters.support"
        case categoryFranceServices = "category.france_services"
        case categoryConseiller = "category.conseiller"
        case categoryAidantsConnect = "category.aidants_connect"
        case categoryOther = "category.other"
        case cardClose = "card.close"
        case cardFeedback = "card.feedback"
        case cardOpenNow = "card.open_now"
        case cardClosedNow = "card.closed_now"
        case cardClosesAt = "card.closes_at"
        case cardOpensAt = "card.opens_at"
        case cardHoursCheck = "card.hours_check"
        case cardHoursUnknown = "card.hours_unknown"
        case cardApproximate = "card.approximate"
        case cardServices = "card.services"
        case cardPublics = "card.publics"
        case cardAccessibility = "card.accessibility"
        case cardAccessibilityUnknown = "card.accessibility_unknown"
        case cardPhone = "card.phone"
        case cardUpdated = "card.updated"
        case cardSource = "card.source"
        case cardFeeFree = "card.fee.free"
        case cardFeeConditions = "card.fee.conditions"
        case cardFeePaid = "card.fee.paid"
        case cardSupportIndividual = "card.support.individual"
        case cardSupportWorkshop = "card.support.workshop"
        case cardSupportAutonomy = "card.support.autonomy"
        case cardSupportDistance = "card.support.distance"
        case cardAccessWalkIn = "card.access.walk_in"
        case cardAccessPhone = "card.access.phone"
        case cardAccessMail = "card.access.mail"
        case cardAccessOnline = "card.access.online"
        case cardAccessNone = "card.access.none"
        case cardItinerant = "card.itinerant"
        case cardAppointmentCode = "card.appointment_code"
        case cardAccesLibreCode = "card.acceslibre_code"
        case cardToCheck = "card.to_check"
        case cardHours = "card.hours"
        case cardClosedDay = "card.closed_day"
        case cardDirectionsCode = "card.directions_code"
        case cardContactCode = "card.contact_code"
        case cardCodesHint = "card.codes_hint"
        case cardHoursTitle = "card.hours_title"
        case attractInvitation = "attract.invitation"
        /// Units of distance ("km", "كم") and the comma between items of a list (", ", "، ").
        case unitMetre = "unit.metre"
        case unitKilometre = "unit.kilometre"
        case listComma = "list.comma"
        case day1 = "day.1"
        case day2 = "day.2"
        case day3 = "day.3"
        case day4 = "day.4"
        case day5 = "day.5"
        case day6 = "day.6"
        case day7 = "day.7"
        case month1 = "month.1", month2 = "month.2", month3 = "month.3", month4 = "month.4", month5 = "month.5", month6 = "month.6"
        case month7 = "month.7", month8 = "month.8", month9 = "month.9", month10 = "month.10", month11 = "month.11", month12 = "month.12"
        case today = "day.today"
        case timeAt = "day.at"
        case languageTitle = "language.title"
        case tomorrow = "day.tomorrow"
        case nearbyTitle = "nearby.title"
        case placesHereTitle = "here.title"
        case searchSome = "search.some"
        case searchAll = "search.all"
        case listApproximate = "list.approximate"
        case nearbyFromKiosk = "nearby.from_kiosk"
        case nearbyFromPoint = "nearby.from_point"
        case nearbyHint = "nearby.hint"
        case nearbyNone = "nearby.none"
        case searchTitle = "search.title"
        case searchPlaceholder = "search.placeholder"
        case searchNone = "search.none"
        case searchMissing = "search.missing"
        case keySpace = "key.space"
        case keyClear = "key.clear"
        case formTitle = "form.title"
        case formSkip = "form.skip"
        case formBack = "form.back"
        case restart = "button.restart"
        case clearFilters = "chips.clear"
        case legendButton = "legend.button", legendTitle = "legend.title"
        case legendFranceServices = "legend.france_services", legendConseiller = "legend.conseiller"
        case legendAidantsConnect = "legend.aidants_connect", legendOther = "legend.other"
        case legendApproximate = "legend.approximate", legendCluster = "legend.cluster"
        case formCancel = "form.cancel"
        case formSend = "form.send"
        case formNext = "form.next"
        case formReview = "form.review"
        case formComment = "form.comment"
        case formCounter = "form.counter"
        case formMore = "form.more"
        case formMoreYes = "form.more_yes"
        case formMoreNo = "form.more_no"
        case formNothing = "form.nothing"
        case formClose = "form.close"
        case formCancelConfirm = "form.cancel_confirm"
        case formCancelYes = "form.cancel_yes"
        case formCancelNo = "form.cancel_no"
        case questionVisited = "question.lieu_visite"
        case answerVisitedYes = "answer.visited.oui"
        case answerVisitedNo = "answer.visited.non"
        case questionEntreePlainPied = "question.entree_plain_pied"
        case questionEntreeMarchesRampe = "question.entree_marches_rampe"
        case questionCheminement = "question.accueil_cheminement_plain_pied"
        case questionSanitaires = "question.sanitaires_adaptes"
        case questionPersonnels = "question.accueil_personnels"
        case questionMalentendants = "question.accueil_equipements_malentendants_presence"
        case questionReperage = "question.entree_reperage"
        case questionInfos = "question.infos_correctes"
        case questionHoraires = "question.horaires_correctes"
        case questionOuvert = "question.lieu_ouvert"
        case questionSatisfaction = "question.satisfaction"
        case answerOui = "answer.oui"
        case answerNon = "answer.non"
        case answerNeSaitPas = "answer.ne_sait_pas"
        case answerFixe = "answer.fixe"
        case answerAmovible = "answer.amovible"
        case answerAucune = "answer.aucune"
        case answer1 = "answer.1"
        case answer2 = "answer.2"
        case answer3 = "answer.3"
        case answer4 = "answer.4"
        case answer5 = "answer.5"
        case thanksSent = "thanks.sent"
        case thanksFull = "thanks.full"
        case thanksFailed = "thanks.failed"
        case thanksOK = "thanks.ok"
        case missingTitle = "missing.title"
        case missingPosition = "missing.position"
        case coverageButton = "button.coverage"
        case coverageHeadline = "coverage.headline"
        case coverageCrowFlies = "coverage.crow_flies"
        case coverageAllPlaces = "coverage.all_places"
        case coverageFilters = "coverage.filters"
        case coverageLayerDistance = "coverage.layer.distance"
        case coverageLayerFragility = "coverage.layer.ifn"
        case coverageLayerPriority = "coverage.layer.priority"
        case coverageDistance0 = "coverage.distance.0"
        case coverageDistance1 = "coverage.distance.1"
        case coverageDistance2 = "coverage.distance.2"
        case coverageDistance3 = "coverage.distance.3"
        case coverageFragility0 = "coverage.ifn.0"
        case coverageFragility1 = "coverage.ifn.1"
        case coverageFragility2 = "coverage.ifn.2"
        case coverageFragility3 = "coverage.ifn.3"
        case coveragePriority0 = "coverage.priority.0"
        case coveragePriority1 = "coverage.priority.1"
        case coveragePriority2 = "coverage.priority.2"
        case coveragePriority3 = "coverage.priority.3"
        case coverageNoData = "coverage.no_data"
        case coverageWhenTitle = "coverage.when.title"
        case coverageWhenAny = "coverage.when.any"
        case coverageWhenNow = "coverage.when.now"
        case coverageWhenSaturday = "coverage.when.saturday"
        case coverageWhenEvening = "coverage.when.evening"
        case communePopulation = "commune.population"
        case communeNearest = "commune.nearest"
        case communeNoPlace = "commune.no_place"
        case communeWithin10km = "commune.within_10km"
        case communeIntercommunality = "commune.intercommunality"
        case communeFragility = "commune.fragility"
        case communeFragilityNone = "commune.fragility_none"
        case communePartBroadband = "commune.part.broadband"
        case communePartMobile = "commune.part.mobile"
        case communePartPoverty = "commune.part.poverty"
        case communePartOlder = "commune.part.older"
        case communePartDiploma = "commune.part.diploma"
        case listen = "speech.listen"
        case listenStop = "speech.stop"
        case speechHomeHint = "speech.home_hint"
        case posterTitle = "poster.title"
        case posterBeyond20km = "poster.beyond_20km"
        case posterMeanDistance = "poster.mean_distance"
        case posterPlaces = "poster.places"
        case posterPlaceDot = "poster.place_dot"
        case posterByDepartment = "poster.by_department"
        case posterColumnDepartment = "poster.column.department"
        case posterColumnPopulation = "poster.column.population"
        case posterColumnPlaces = "poster.column.places"
        case posterColumnRate = "poster.column.rate"
        case posterColumnBeyond = "poster.column.beyond"
        case posterRegion = "poster.region"
        case posterOpenAt = "poster.open_at"
        case posterSources = "poster.sources"
        case posterMade = "poster.made"
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "string catalog \(file): \(reason)" }
    }

    /// Language codes in the order the language button cycles through; the first is the default.
    public let languages: [String]
    private let table: [String: [String: String]]

    public init(languages: [String], table: [String: [String: String]]) {
        self.languages = languages
        self.table = table
    }

    /// Loads `<code>.json` for each language from a folder; a missing key is an error naming it.
    public static func load(directory: URL, languages: [String]) throws -> StringCatalog {
        var table: [String: [String: String]] = [:]
        for code in languages {
            let url = directory.appendingPathComponent("\(code).json")
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw LoadError(file: url.path, reason: "cannot be read (\(error.localizedDescription))")
            }
            guard let entries = try? JSONDecoder().decode([String: String].self, from: data) else {
                throw LoadError(file: url.path, reason: "is not a JSON object of strings")
            }
            let missing = Key.allCases.map(\.rawValue).filter { entries[$0] == nil }
            guard missing.isEmpty else {
                throw LoadError(file: url.path, reason: "missing keys: \(missing.joined(separator: ", "))")
            }
            table[code] = entries
        }
        return StringCatalog(languages: languages, table: table)
    }

    public var defaultLanguage: String { languages.first ?? "fr" }

    public func text(_ key: Key, _ language: String) -> String {
        table[language]?[key.rawValue] ?? table[defaultLanguage]?[key.rawValue] ?? key.rawValue
    }

    /// Text with `{n}` replaced, for counters such as the idle countdown.
    public func text(_ key: Key, _ language: String, n: Int) -> String {
        text(key, language).replacingOccurrences(of: "{n}", with: String(n))
    }

    /// Text by raw key (a question or an answer named by its data value), or nil.
    public func text(raw key: String, _ language: String) -> String? {
        table[language]?[key] ?? table[defaultLanguage]?[key]
    }

    /// Text with each `{name}` replaced by its value ("{people} habitants ({share})…").
    public func text(_ key: Key, _ language: String, values: [String: String]) -> String {
        values.reduce(text(key, language)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    /// Text with `{n}` replaced by a string.
    public func text(_ key: Key, _ language: String, value: String) -> String {
        text(key, language).replacingOccurrences(of: "{n}", with: value)
    }

    /// Whether a language is written right to left: its interface is laid out as any other, then
    /// shown reflected (see ``Kiosk/readsRightToLeft``).
    public static func isRightToLeft(_ code: String) -> Bool {
        ["ar", "fa", "he", "ur"].contains(code.split(separator: "-").first.map(String.init) ?? code)
    }

    public func language(after code: String) -> String {
        guard let i = languages.firstIndex(of: code) else { return defaultLanguage }
        return languages[(i + 1) % languages.count]
    }
}
