import CSDL2
import Foundation
import MapScene

/// Frames on a GPU (OpenGL, OpenGL ES 2, Direct3D…): everything through the renderer, the basemap's
/// geometry every frame (a GPU rasterises it in no time), stamps and text as textures.
final class AcceleratedFrameRenderer: FrameRenderer {
    let name: String
    private let context: RenderingContext
    private(set) var lastFrame = FrameReport()

    init(renderer: OpaquePointer, name: String, text: TextRenderer) {
        self.name = name
        context = RenderingContext(renderer: renderer, text: text, keepsPixels: false)
    }

    func register(basemaps: [MapRenderer]) { context.register(basemaps: basemaps) }
    func register(stamps library: any StampLibrary) { context.stamps.library = library }

    func draw(_ frame: DisplayList, basemapFromTiles: Bool) {
        let start = DispatchTime.now().uptimeNanoseconds
        let size = context.beginFrame()
        let turned = frame.turned && context.beginTurnedFrame(size: size)
        defer { if turned { context.endTurnedFrame() } }
        context.painter.clear(frame.background)
        var report = FrameReport()
        for item in frame.items {
            switch item {
            case .text(let t): context.text.draw(t, renderer: context.renderer)
            case .stamp(let stamp): context.draw(stamp)
            case .mesh(let mesh): context.painter.draw(mesh)
            case .rects(let rects): context.painter.draw(rects)
            case .polylines(let lines): context.painter.draw(lines)
            case .basemap(let request):
                let basemapStart = DispatchTime.now().uptimeNanoseconds
                if let map = context.basemap(for: request) { context.painter.drawShapes(of: map.geometry(camera: request.camera)) }
                report.basemapMilliseconds += Double(DispatchTime.now().uptimeNanoseconds - basemapStart) / 1e6
            }
        }
        report.drawMilliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        lastFrame = report
    }

    func present() { SDL_RenderPresent(context.renderer) }
    func capture() throws -> RGBAImage { try context.capture() }

    var wantsAnotherFrame: Bool { false }
    var isSettling: Bool { false }
    func recover(from reset: RenderReset) { context.recover(from: reset) }
    var textures: TextureFigures { context.textures }
    func settle() {}
}
