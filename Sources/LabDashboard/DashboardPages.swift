import Feedback
import Foundation

/// What the lab knows of a place from its published data, to name it and to tell when visitors
/// contradict it.
public struct PlaceFacts: Sendable {
    public var name: String
    /// The data says a wheelchair user can get in (the kiosk's "fauteuil" filter lets it through).
    public var saysStepFree: Bool
    public init(name: String, saysStepFree: Bool) {
        self.name = name
        self.saysStepFree = saysStepFree
    }
}

/// The dashboard's pages as HTML, from the data read for them.
struct DashboardPages {
    var places: [String: PlaceFacts]

    func name(_ place: String?) -> String {
        guard let place else { return "—" }
        return places[place].map { "\(HTML.escape($0.name)) <small>(\(HTML.escape(place)))</small>" } ?? HTML.escape(place)
    }

    static let paris: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        return calendar
    }()

    /// "30/11 15:47:04", Paris time.
    static func time(_ date: Date) -> String {
        let c = paris.dateComponents([.day, .month, .hour, .minute, .second], from: date)
        return String(format: "%02d/%02d %02d:%02d:%02d", c.day ?? 0, c.month ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    static func answersText(_ answers: [String: String]) -> String {
        answers.sorted { $0.key < $1.key }.map { "\(HTML.escape($0.key))=\(HTML.escape($0.value))" }.joined(separator: ", ")
    }

    func live(_ live: DashboardData.Live) -> String {
        let today = HTML.table(["Borne", "Réponses aujourd'hui", "Visites aujourd'hui"],
                               live.today.map { [HTML.escape($0.kiosk), "\($0.answers)", "\($0.visits)"] }, numeric: [1, 2], id: "today")
        let latest = HTML.table(["Reçue", "Borne", "Lieu", "Réponses"], live.latest.map {
            [Self.time($0.receivedAt), HTML.escape($0.kiosk), name($0.place), $0.kind == "avis" ? Self.answersText($0.answers) : "lieu manquant"]
        }, id: "latest")
        let body = """
            <p id="lab-status" aria-live="polite">Les réponses et les visites s'affichent ici dès qu'elles arrivent.</p>
            <h3>Aujourd'hui</h3>\(today)
            <h3>Dernières réponses</h3>\(latest)
            """
        // The page's only script: new answers and visits, pushed by the server (GET /events).
        let script = """
            const status = document.getElementById('lab-status');
            const events = new EventSource('/events');
            function cell(row, text) { const td = row.insertCell(); td.textContent = text; return td; }
            function count(kiosk, column) {
              const body = document.querySelector('#today tbody');
              let row = [...body.rows].find(r => r.cells[0].textContent === kiosk);
              if (!row) { row = body.insertRow(); cell(row, kiosk); cell(row, '0').className = 'n'; cell(row, '0').className = 'n'; }
              row.cells[column].textContent = String(Number(row.cells[column].textContent) + 1);
            }
            events.addEventListener('answer', e => {
              const a = JSON.parse(e.data);
              const row = document.querySelector('#latest tbody').insertRow(0);
              row.className = 'new';
              row.dataset.id = a.id;
              row.dataset.latencyMs = String(Date.now() - a.received_ms);
              cell(row, new Date(a.received_ms).toLocaleString('fr-FR', {timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit'}).replace(',', ''));
              cell(row, a.kiosk);
              cell(row, a.place_name ? a.place_name + ' (' + a.place + ')' : a.place);
              cell(row, Object.keys(a.answers).sort().map(k => k + '=' + a.answers[k]).join(', '));
              count(a.kiosk, 1);
            });
            events.addEventListener('visit', e => { const v = JSON.parse(e.data); if (v.kind === 'visit_start') count(v.kiosk, 2); });
            events.addEventListener('status', e => {
              const lab = JSON.parse(e.data).lab;
              status.textContent = lab === 'ok' ? 'En direct.' : 'Base du labo injoignable : reconnexion en cours…';
              status.className = lab === 'ok' ? '' : 'alert';
            });
            """
        return HTML.page(title: "En direct", current: "/", body: body, script: script)
    }

    /// Places where visitors contradict the published data first, then by number of answers.
    func accessibility(_ answers: [DashboardData.PlaceAnswers]) -> String {
        func contradicts(_ place: DashboardData.PlaceAnswers) -> Bool {
            let step = place.counts["entree_plain_pied"] ?? [:]
            return places[place.place]?.saysStepFree == true && (step["non"] ?? 0) > (step["oui"] ?? 0)
        }
        let ordered = answers.sorted {
            (contradicts($0) ? 1 : 0, $0.total, $1.place) > (contradicts($1) ? 1 : 0, $1.total, $0.place)
        }
        var body = "<p>\(ordered.filter(contradicts).count) lieu(x) où les visiteurs contredisent les données publiées.</p>"
        let keys = DashboardData.accessibilityKeys
        for place in ordered {
            body += "<section data-place=\"\(HTML.escape(place.place))\"><h3>\(name(place.place))</h3>"
            if contradicts(place) {
                body += "<p class=\"alert\">Les données publiées disent l'entrée accessible en fauteuil ; la plupart des visiteurs disent qu'elle n'est pas de plain-pied.</p>"
            }
            let rows = keys.compactMap { key -> [String]? in
                guard let counts = place.counts[key] else { return nil }
                let others = counts.filter { !["oui", "non", "ne_sait_pas"].contains($0.key) }.sorted { $0.key < $1.key }
                    .map { "\(HTML.escape($0.key)) \($0.value)" }.joined(separator: ", ")
                return [HTML.escape(key), "\(counts["oui"] ?? 0)", "\(counts["non"] ?? 0)", "\(counts["ne_sait_pas"] ?? 0)", others]
            }
            body += HTML.table(["Question (Acceslibre)", "oui", "non", "je ne sais pas", "autres réponses"], rows, numeric: [1, 2, 3])
            body += "<p>Dernières réponses : " + place.latest.map { "\(Self.time($0.receivedAt)) — \(Self.answersText($0.answers))" }
                .joined(separator: " ; ") + "</p></section>"
        }
        if answers.isEmpty { body += "<p>Aucune réponse d'accessibilité pour l'instant.</p>" }
        return HTML.page(title: "Accessibilité par lieu", current: "/lieux", body: body)
    }

    func usage(_ usage: DashboardData.Usage) -> String {
        let median = usage.medianSeconds.map { String(format: "%.0f s", $0) } ?? "—"
        var body = """
            <p><span class="figure" id="visits">\(usage.visits)</span> visites ; durée médiane <span class="figure" id="median">\(median)</span></p>
            <h3>Visites par jour</h3>\(HTML.bars(usage.perDay, title: "Visites par jour"))
            <h3>Visites par heure (heure de Paris)</h3>\(HTML.bars(usage.perHour, title: "Visites par heure"))
            <h3>Langues</h3>
            """
        body += HTML.table(["Langue", "Visites"], usage.languages.map { [HTML.escape($0.0), "\($0.1)"] }, numeric: [1], id: "languages")
        body += "<h3>Ce qui sert</h3>" + HTML.table(["Fonction", "Fois"], usage.features.map { [HTML.escape($0.0), "\($0.1)"] }, numeric: [1], id: "features")
        body += "<h3>Le formulaire</h3>"
        let funnel = [("commencé", Double(usage.formStarted))] + usage.formReached.map { ("question \($0.question)", Double($0.visitors)) }
            + [("envoyé", Double(usage.formSent))]
        body += HTML.bars(funnel, title: "Du formulaire commencé au formulaire envoyé")
        body += HTML.table(["Étape", "Visiteurs"], funnel.map { [HTML.escape($0.0), HTML.number($0.1)] }, numeric: [1], id: "funnel")
        return HTML.page(title: "Usage", current: "/usage", body: body)
    }

    func fleet(_ fleet: FleetReport) -> String {
        let rows = fleet.kiosks.map { k in
            [(k.stale ? "<span class=\"stale\">silencieuse</span> " : "") + HTML.escape(k.kiosk), Self.time(k.last_seen),
             HTML.escape(k.app_version), k.data_version.map { "v\($0)" } ?? "fichiers locaux", "\(k.places)", "\(k.pending)",
             "\(k.quarantined)", HTML.escape(k.last_error ?? "")]
        }
        let body = fleet.kiosks.isEmpty ? "<p>Aucune borne ne s'est encore signalée.</p>"
            : HTML.table(["Borne", "Vue", "Version", "Données", "Lieux", "En attente", "Mis de côté", "Dernière erreur"], rows,
                         numeric: [4, 5, 6], id: "fleet")
        return HTML.page(title: "Bornes", current: "/flotte", body: body)
    }

    func coverage(poster: Bool, table: [[String]]?) -> String {
        var body = ""
        if poster { body += "<p><img src=\"/couverture/affiche.png\" alt=\"Affiche de la couverture de la région\" style=\"max-width:100%;height:auto\"></p>" }
        if let table, let header = table.first {
            body += HTML.table(header, table.dropFirst().map { $0.map(HTML.escape) })
        }
        if body.isEmpty {
            body = "<p>Pas de couverture ici : lancez <code>lab serve</code> avec <code>--coverage-poster</code> (fait par "
                + "<code>inclusion-map coverage --poster</code>) et <code>--coverage-table</code> (<code>coverage --by epci --csv</code>).</p>"
        }
        return HTML.page(title: "Couverture", current: "/couverture", body: body)
    }

    func exports() -> String {
        HTML.page(title: "Exports", current: "/exports", body: """
            <ul><li><a href="/export/feedback.csv">feedback.csv</a> — une ligne par réponse, les champs Acceslibre en colonnes</li>
            <li><a href="/export/usage.csv">usage.csv</a> — une ligne par événement d'usage (anonyme)</li></ul>
            """)
    }

    static func unreachable(_ reason: String) -> String {
        HTML.page(title: "Base du labo injoignable", current: "", body: """
            <p class="alert">Base du labo injoignable : la page se rafraîchira d'elle-même.</p><p><small>\(HTML.escape(reason))</small></p>
            """, script: "setTimeout(() => location.reload(), 5000);")
    }

    static func login(error: Bool, next: String) -> String {
        HTML.page(title: "Connexion", current: "", body: """
            \(error ? "<p class=\"alert\">Nom ou mot de passe incorrect.</p>" : "")
            <form method="post" action="/login">
            <input type="hidden" name="next" value="\(HTML.escape(next))">
            <p><label>Nom <input name="name" autocomplete="username" required></label></p>
            <p><label>Mot de passe <input name="password" type="password" autocomplete="current-password" required></label></p>
            <p><button type="submit">Se connecter</button></p></form>
            """)
    }
}
