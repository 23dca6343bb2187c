import Foundation

/// Server-rendered HTML, escaped by construction: every value goes through ``escape(_:)``.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// The pages' frame: the title, the menu (the current page marked), the body. Styles are
    /// inline: nothing is fetched from anywhere.
    static func page(title: String, current: String, body: String, script: String = "") -> String {
        let menu = [("/", "En direct"), ("/lieux", "Accessibilité par lieu"), ("/usage", "Usage"), ("/flotte", "Bornes"),
                    ("/couverture", "Couverture"), ("/exports", "Exports")]
            .map { path, label in
                "<a href=\"\(path)\"\(path == current ? " aria-current=\"page\"" : "")>\(escape(label))</a>"
            }.joined(separator: " ")
        return """
            <!doctype html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) — InclusionMap, labo</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:0;color:#1d2433;background:#f7f5ef}
            header{background:#1d3557;color:#fff;padding:.8rem 1.2rem}header h1{margin:0;font-size:1.3rem}
            nav a{color:#fff;margin-right:1rem;text-decoration:none}nav a[aria-current]{text-decoration:underline;font-weight:bold}
            main{padding:1rem 1.2rem;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem;background:#fff}
            th,td{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .alert{background:#fde2e1;border-left:4px solid #b00020;padding:.5rem 1rem}.stale{color:#b00020;font-weight:bold}
            .figure{font-size:2rem;font-weight:bold}.new{background:#fff3b0}svg text{font-size:11px;fill:#1d2433}
            </style></head>
            <body><header><h1>InclusionMap — labo</h1><nav>\(menu)</nav></header>
            <main><h2>\(escape(title))</h2>
            \(body)
            </main>\(script.isEmpty ? "" : "<script>\(script)</script>")</body></html>
            """
    }

    static func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], id: String? = nil) -> String {
        var out = "<table\(id.map { " id=\"\($0)\"" } ?? "")><thead><tr>"
        out += headers.map { "<th>\(escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { i, cell in "<td\(numeric.contains(i) ? " class=\"n\"" : "")>\(cell)</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// A bar chart as inline SVG: one bar per (label, value), the value written above it.
    static func bars(_ data: [(label: String, value: Double)], title: String, width: Int = 720, height: Int = 180) -> String {
        guard !data.isEmpty else { return "<p>Pas encore de données.</p>" }
        let top = max(data.map(\.value).max() ?? 1, 1)
        let step = Double(width - 20) / Double(data.count)
        let barWidth = max(2, step * 0.7)
        var svg = "<svg role=\"img\" aria-label=\"\(escape(title))\" width=\"\(width)\" height=\"\(height + 30)\" viewBox=\"0 0 \(width) \(height + 30)\">"
        svg += "<title>\(escape(title))</title>"
        for (i, bar) in data.enumerated() {
            let h = Double(height - 20) * bar.value / top
            let x = 10 + Double(i) * step
            svg += String(format: "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2a6f97\"><title>%@ : %@</title></rect>",
                          x, Double(height) - h, barWidth, h, escape(bar.label), number(bar.value))
            svg += String(format: "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%@</text>", x + barWidth / 2, Double(height) - h - 3,
                          number(bar.value))
            if data.count <= 31 {
                svg += String(format: "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%@</text>", x + barWidth / 2, height + 15, escape(bar.label))
            }
        }
        return svg + "</svg>"
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
