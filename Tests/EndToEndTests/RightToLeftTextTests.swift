import CSDL2
import MapGeometry
import MapScene
@testable import SDLBackend
import Testing

/// Arabic on screen: runs of one direction in the order they stand (GNU FriBidi), Arabic letters
/// shaped by HarfBuzz with Noto Sans Arabic, French names and numbers left to right inside.
struct RightToLeftTextTests {
    typealias Run = BidiLine.Run
    static let fonts = InclusionMapBinary.packageRoot.appendingPathComponent("assets/fonts")

    @Test func runsStandFromLeftToRightAsAReaderOfEachLanguageExpects() {
        // A time inside an Arabic sentence: the sentence reads from the right, the time from the left.
        #expect(BidiLine("يغلق على الساعة 12:00", rightToLeft: false).runs
                == [Run(text: "12:00", rightToLeft: false), Run(text: "يغلق على الساعة ", rightToLeft: true)])
        // A French name after an Arabic label: the label on the right, the name on its left, whole.
        #expect(BidiLine("رأيك في هذا المكان: Bibliothèque de Lille", rightToLeft: true).runs
                == [Run(text: "Bibliothèque de Lille", rightToLeft: false), Run(text: "رأيك في هذا المكان: ", rightToLeft: true)])
        // An Arabic word inside a French line keeps the French order around it.
        #expect(BidiLine("Centre social الأمل Roubaix", rightToLeft: false).runs
                == [Run(text: "Centre social ", rightToLeft: false), Run(text: "الأمل", rightToLeft: true), Run(text: " Roubaix", rightToLeft: false)])
        // A French line is one run, even in the Arabic interface, and costs no reordering.
        #expect(BidiLine("Médiathèque Aimé Césaire", rightToLeft: true).runs == [Run(text: "Médiathèque Aimé Césaire", rightToLeft: false)])
        #expect(BidiLine("", rightToLeft: true).runs.isEmpty)
    }

    @Test func arabicLettersComeFromTheArabicFaceAndWhatItLacksFromTheLatinOne() throws {
        let text = try TextRenderer(regularPath: Self.fonts.appendingPathComponent("DejaVuSans.ttf").path,
                                    boldPath: Self.fonts.appendingPathComponent("DejaVuSans-Bold.ttf").path)
        #expect(text.arabicRegularPath?.hasSuffix("NotoSansArabic-Regular.ttf") == true, "found beside the Latin face")
        // Noto Sans Arabic has no brackets: they come from DejaVu, still shaped right to left (so mirrored).
        let pieces = text.pieces(of: "مكتبة (مغلق)", rightToLeft: true)
        #expect(pieces.map(\.text) == [")", "مغلق", "(", "مكتبة "], "\(pieces.map(\.text))")
        #expect(pieces.map(\.face) == [.latin, .arabic, .latin, .arabic])
        #expect(pieces.allSatisfy { $0.rightToLeft })
        #expect(text.pieces(of: "Lille", rightToLeft: true).map(\.face) == [.latin])

        // Shaped: joined Arabic letters are narrower than the same letters set apart.
        let joined = text.measure("مغلق", size: 20, bold: false).width
        let apart = text.measure("م غ ل ق", size: 20, bold: false).width - 3 * text.measure(" ", size: 20, bold: false).width
        #expect(joined > 10 && joined < apart, "joined \(joined), apart \(apart)")
    }

    /// A mixed line is drawn as one image whose width is the sum of its pieces, the time on the
    /// left of the Arabic words (where a reader from the right meets it last).
    @Test func aMixedLineIsDrawnInOnePieceWithTheTimeOnTheLeft() throws {
        let text = try TextRenderer(regularPath: Self.fonts.appendingPathComponent("DejaVuSans.ttf").path,
                                    boldPath: Self.fonts.appendingPathComponent("DejaVuSans-Bold.ttf").path)
        text.keepsPixels = true
        let surface = try #require(SDL_CreateRGBSurfaceWithFormat(0, 600, 100, 32, UInt32(SDL_PIXELFORMAT_RGB888.rawValue)))
        defer { SDL_FreeSurface(surface) }
        let renderer = try #require(SDL_CreateSoftwareRenderer(surface))
        defer { SDL_DestroyRenderer(renderer) }
        SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255)
        SDL_RenderClear(renderer)
        let line = "يغلق على الساعة 12:00"
        let width = text.measure(line, size: 24, bold: false).width
        text.beginFrame()
        text.draw(TextPrimitive(line, at: Point(x: 20, y: 50), size: 24, color: .black, alignment: .left), renderer: renderer)
        text.draw(TextPrimitive("12:00", at: Point(x: 20, y: 50), size: 24, color: RGBA(255, 0, 0, 255), alignment: .left), renderer: renderer)
        SDL_RenderFlush(renderer)
        // Ink spans the measured width, and the time drawn alone in red lies exactly over the
        // left end of the line (its black digits are covered, the Arabic to their right is not).
        let pixels = try #require(surface.pointee.pixels).assumingMemoryBound(to: UInt32.self)
        let pitch = Int(surface.pointee.pitch) / 4
        var inked: [Int] = [], red: [Int] = []
        for x in 0..<600 {
            let column = (20..<80).map { pixels[$0 * pitch + x] & 0xFFFFFF }
            if column.contains(where: { $0 & 0xFF < 0x80 && ($0 >> 16) & 0xFF < 0x80 }) { inked.append(x) }
            if column.contains(where: { ($0 >> 16) & 0xFF > 0xC0 && $0 & 0xFF < 0x60 }) { red.append(x) }
        }
        let ink = try #require(inked.first.map { $0...inked.last! })
        let time = try #require(red.first.map { $0...red.last! })
        #expect(Double(ink.upperBound - 20) > width * 0.9 && Double(ink.upperBound - 20) <= width + 2, "ink \(ink), width \(width)")
        #expect(time.lowerBound <= 24 && ink.upperBound > time.upperBound + 40, "time \(time), ink \(ink)")
    }
}
