import Foundation
import MapGeometry

/// A recorded sequence of input, one JSON object a line, with positions normalised to the window
/// (0…1) so that one trace replays at any size:
///
/// ```
/// {"t": 0, "type": "finger_down", "id": 1, "x": 0.5, "y": 0.5}
/// {"t": 16, "type": "finger_motion", "id": 1, "x": 0.48, "y": 0.5}
/// {"t": 120, "type": "wheel", "x": 0.5, "y": 0.5, "dy": 1}
/// {"t": 300, "type": "key", "key": "plus"}
/// ```
/// `t` is in milliseconds from the start of the trace. Types: finger_down, finger_motion, finger_up,
/// mouse_down, mouse_motion, mouse_up, wheel (dy notches, positive zooms in), key.
///
/// Scripted traces (tests, demos) may also name what to touch rather than where, so that they
/// survive layout changes; the replay finds it on screen at that moment:
///
/// ```
/// {"t": 500, "type": "tap", "target": "control:nearby"}       // a button, chip, key, answer…
/// {"t": 900, "type": "tap", "target": "row:0"}                 // the first row of a list
/// {"t": 1500, "type": "tap", "target": "place:france-services-1933"}   // a place's marker
/// {"t": 1800, "type": "tap", "target": "geo:50.63,3.06"}      // a point of the map
/// {"t": 2000, "type": "type", "text": "mediat"}                // keys of the on-screen keyboard
/// ```
///
/// A trace may also post what the system would, for tests of the renderer's recovery:
///
/// ```
/// {"t": 2500, "type": "render_reset", "target": "device"}     // or "targets"
/// ```
public struct InputTrace: Sendable, Equatable {
    /// What an entry does; the raw value is how traces write it.
    public enum EntryType: String, Sendable, Equatable, Codable, CaseIterable {
        case fingerDown = "finger_down", fingerMotion = "finger_motion", fingerUp = "finger_up"
        case mouseDown = "mouse_down", mouseMotion = "mouse_motion", mouseUp = "mouse_up"
        case wheel, key
        /// Touch what `target` names.
        case tap
        /// Type `text` on the on-screen keyboard.
        case type
        /// The GPU lost its textures (`target` "device") or its render targets' pixels ("targets").
        case renderReset = "render_reset"

        /// Whether the entry is a raw event at a position (`x`, `y`).
        var isPositioned: Bool { ![.key, .tap, .type, .renderReset].contains(self) }
        var isFinger: Bool { [.fingerDown, .fingerMotion, .fingerUp].contains(self) }
    }

    public struct Entry: Sendable, Equatable, Codable {
        public var t: Double
        public var type: EntryType
        public var id: Int?
        public var x: Double?
        public var y: Double?
        public var dy: Double?
        public var key: String?
        /// For `tap`: what to touch (see the type's documentation).
        public var target: String?
        /// For `type`: the text to type on the on-screen keyboard.
        public var text: String?

        public init(t: Double, type: EntryType, id: Int? = nil, x: Double? = nil, y: Double? = nil,
                    dy: Double? = nil, key: String? = nil, target: String? = nil, text: String? = nil) {
            self.target = target
            self.text = text
            self.t = t
            self.type = type
            self.id = id
            self.x = x
            self.y = y
            self.dy = dy
            self.key = key
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public var source: String
        public var line: Int
        public var reason: String
        public var description: String { "\(source):\(line): \(reason)" }
    }


    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses JSON lines; blank lines are skipped; every problem names its line.
    public init(jsonLines text: String, source: String = "trace") throws {
        var entries: [Entry] = []
        let decoder = JSONDecoder()
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            struct Kind: Decodable { var type: String }
            if let kind = try? decoder.decode(Kind.self, from: Data(trimmed.utf8)), EntryType(rawValue: kind.type) == nil {
                throw ParseError(source: source, line: n + 1,
                                 reason: "unknown type \"\(kind.type)\"; expected one of \(EntryType.allCases.map(\.rawValue).sorted().joined(separator: ", "))")
            }
            let entry: Entry
            do {
                entry = try decoder.decode(Entry.self, from: Data(trimmed.utf8))
            } catch {
                throw ParseError(source: source, line: n + 1, reason: "not a trace event object (\(error))")
            }
            if entry.type == .tap, entry.target?.isEmpty ?? true {
                throw ParseError(source: source, line: n + 1, reason: "tap needs a \"target\" (control:…, row:N, place:ID, geo:LAT,LON)")
            }
            if entry.type == .renderReset, !["device", "targets"].contains(entry.target ?? "") {
                throw ParseError(source: source, line: n + 1, reason: "render_reset needs a \"target\": \"device\" or \"targets\"")
            }
            if entry.type == .type, entry.text?.isEmpty ?? true {
                throw ParseError(source: source, line: n + 1, reason: "type needs a \"text\"")
            }
            if entry.type.isPositioned {
                guard let x = entry.x, let y = entry.y, (-0.5...1.5).contains(x), (-0.5...1.5).contains(y) else {
                    throw ParseError(source: source, line: n + 1, reason: "\(entry.type) needs x and y, normalised to 0…1")
                }
            }
            if entry.type.isFinger, entry.id == nil {
                throw ParseError(source: source, line: n + 1, reason: "\(entry.type) needs a finger \"id\"")
            }
            if entry.type == .key, InputEvent.Key(rawValue: entry.key ?? "") == nil {
                throw ParseError(source: source, line: n + 1,
                                 reason: "unknown key \"\(entry.key ?? "")\"; expected one of \(InputEvent.Key.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let last = entries.last, entry.t < last.t {
                throw ParseError(source: source, line: n + 1, reason: "time \(entry.t) ms goes back before \(last.t) ms")
            }
            entries.append(entry)
        }
        self.entries = entries
    }

    public var duration: Double { entries.last?.t ?? 0 }

    /// The event in window pixels for a viewport.
    public static func event(for e: Entry, viewport: Size) -> InputEvent? {
        let p = Point(x: (e.x ?? 0) * viewport.width, y: (e.y ?? 0) * viewport.height)
        switch e.type {
        case .fingerDown: return .fingerDown(id: e.id ?? 0, position: p)
        case .fingerMotion: return .fingerMotion(id: e.id ?? 0, position: p)
        case .fingerUp: return .fingerUp(id: e.id ?? 0, position: p)
        case .mouseDown: return .mouseDown(position: p)
        case .mouseMotion: return .mouseMotion(position: p)
        case .mouseUp: return .mouseUp(position: p)
        case .wheel: return .wheel(notches: e.dy ?? 0, position: p)
        case .key: return InputEvent.Key(rawValue: e.key ?? "").map { .key($0) }
        case .tap, .type, .renderReset: return nil
        }
    }

    /// The trace entry for a live event, for `--record`.
    public static func entry(for event: InputEvent, at t: Double, viewport: Size) -> Entry? {
        func n(_ p: Point) -> (Double, Double) {
            ((p.x / viewport.width * 10000).rounded() / 10000, (p.y / viewport.height * 10000).rounded() / 10000)
        }
        let t = (t * 10).rounded() / 10
        switch event {
        case .fingerDown(let id, let p): let (x, y) = n(p); return Entry(t: t, type: .fingerDown, id: id, x: x, y: y)
        case .fingerMotion(let id, let p): let (x, y) = n(p); return Entry(t: t, type: .fingerMotion, id: id, x: x, y: y)
        case .fingerUp(let id, let p): let (x, y) = n(p); return Entry(t: t, type: .fingerUp, id: id, x: x, y: y)
        case .mouseDown(let p): let (x, y) = n(p); return Entry(t: t, type: .mouseDown, x: x, y: y)
        case .mouseMotion(let p): let (x, y) = n(p); return Entry(t: t, type: .mouseMotion, x: x, y: y)
        case .mouseUp(let p): let (x, y) = n(p); return Entry(t: t, type: .mouseUp, x: x, y: y)
        case .wheel(let notches, let p): let (x, y) = n(p); return Entry(t: t, type: .wheel, x: x, y: y, dy: notches)
        case .key(let k): return Entry(t: t, type: .key, key: k.rawValue)
        case .resize: return nil
        }
    }

    /// One JSON line for an entry, keys in a stable order.
    public static func jsonLine(_ e: Entry) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(e)) ?? Data(), as: UTF8.self)
    }
}
