import Foundation
import Testing
@testable import Kiosk
@testable import MapGeometry

@Suite struct InputTraceTests {
    @Test func parsesAndScalesToTheViewport() throws {
        let text = """
        {"t": 0, "type": "finger_down", "id": 1, "x": 0.5, "y": 0.25}

        {"t": 16, "type": "wheel", "x": 0.1, "y": 0.2, "dy": -1}
        {"t": 20, "type": "key", "key": "plus"}
        """
        let trace = try InputTrace(jsonLines: text)
        #expect(trace.entries.count == 3)
        #expect(InputTrace.event(for: trace.entries[0], viewport: Size(width: 1000, height: 800))
            == .fingerDown(id: 1, position: Point(x: 500, y: 200)))
        #expect(InputTrace.event(for: trace.entries[2], viewport: Size(width: 1, height: 1)) == .key(.zoomIn))
    }

    @Test func errorsNameTheLine() {
        let bad = "{\"t\": 0, \"type\": \"finger_down\", \"id\": 1, \"x\": 0.5, \"y\": 0.5}\n{\"t\": 5, \"type\": \"swipe\", \"x\": 0, \"y\": 0}"
        #expect { try InputTrace(jsonLines: bad, source: "t.jsonl") } throws: { "\($0)".contains("t.jsonl:2") && "\($0)".contains("swipe") }
        let backwards = "{\"t\": 10, \"type\": \"mouse_down\", \"x\": 0.5, \"y\": 0.5}\n{\"t\": 5, \"type\": \"mouse_up\", \"x\": 0.5, \"y\": 0.5}"
        #expect { try InputTrace(jsonLines: backwards) } throws: { "\($0)".contains(":2") }
        let noID = "{\"t\": 0, \"type\": \"finger_up\", \"x\": 0.5, \"y\": 0.5}"
        #expect(throws: InputTrace.ParseError.self) { try InputTrace(jsonLines: noID) }
    }

    @Test func recordThenReplayGivesTheSameEvents() throws {
        let viewport = Size(width: 1920, height: 1080)
        let events: [InputEvent] = [.fingerDown(id: 3, position: Point(x: 960, y: 540)),
                                    .fingerMotion(id: 3, position: Point(x: 480, y: 270)),
                                    .wheel(notches: 1, position: Point(x: 192, y: 108)), .key(.home)]
        let lines = events.enumerated().compactMap { i, e in
            InputTrace.entry(for: e, at: Double(i) * 10, viewport: viewport).map(InputTrace.jsonLine)
        }.joined(separator: "\n")
        let trace = try InputTrace(jsonLines: lines)
        #expect(trace.entries.compactMap { InputTrace.event(for: $0, viewport: viewport) } == events)
    }
}
