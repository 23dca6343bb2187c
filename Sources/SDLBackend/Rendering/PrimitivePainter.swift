import CSDL2
import MapScene

/// Carries out a display list's shapes (not its text) on one SDL renderer: the window's, or the
/// software renderer a tile is drawn with.
struct PrimitivePainter {
    let renderer: OpaquePointer
    private var currentBlend = SDL_BLENDMODE_BLEND

    init(renderer: OpaquePointer) {
        self.renderer = renderer
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND)
    }

    mutating func clear(_ color: RGBA) {
        SDL_SetRenderDrawColor(renderer, color.r, color.g, color.b, color.a)
        SDL_RenderClear(renderer)
    }

    /// Draws every shape of `list` in order; text, stamps and nested layers are the caller's.
    mutating func drawShapes(of list: DisplayList) {
        for item in list.items {
            switch item {
            case .mesh(let mesh): draw(mesh)
            case .rects(let rects): draw(rects)
            case .polylines(let lines): draw(lines)
            case .text, .basemap, .stamp: break
            }
        }
    }

    /// Opaque shapes skip blending: the software rasteriser then writes pixels straight.
    private mutating func setBlend(for color: RGBA) {
        let blend = color.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND
        if blend != currentBlend {
            SDL_SetRenderDrawBlendMode(renderer, blend)
            currentBlend = blend
        }
    }

    /// Rectangles with their edges rounded to whole pixels (``RectsPrimitive/pixelRect(_:)``):
    /// sharp, and the same on every renderer (SDL's software renderer truncates a fractional
    /// corner and size separately, a GPU fills the pixel centres inside; they would disagree by
    /// up to two pixels).
    mutating func draw(_ rects: RectsPrimitive) {
        setBlend(for: rects.color)
        SDL_SetRenderDrawColor(renderer, rects.color.r, rects.color.g, rects.color.b, rects.color.a)
        let pixels = (0..<rects.count).map { k in
            let area = rects.pixelRect(k)
            return SDL_Rect(x: Int32(area.x), y: Int32(area.y), w: Int32(area.width), h: Int32(area.height))
        }
        _ = SDL_RenderFillRects(renderer, pixels, Int32(pixels.count))
    }

    mutating func draw(_ lines: PolylinesPrimitive) {
        setBlend(for: lines.color)
        SDL_SetRenderDrawColor(renderer, lines.color.r, lines.color.g, lines.color.b, lines.color.a)
        lines.points.withUnsafeBufferPointer { floats in
            floats.baseAddress!.withMemoryRebound(to: SDL_FPoint.self, capacity: floats.count / 2) { points in
                for k in 0..<(lines.runStarts.count - 1) {
                    let start = Int(lines.runStarts[k]), end = Int(lines.runStarts[k + 1])
                    if end - start >= 2 { SDL_RenderDrawLinesF(renderer, points + start, Int32(end - start)) }
                }
            }
        }
    }

    mutating func draw(_ mesh: MeshPrimitive) {
        setBlend(for: mesh.color)
        var color = SDL_Color(r: mesh.color.r, g: mesh.color.g, b: mesh.color.b, a: mesh.color.a)
        let vertexCount = Int32(mesh.vertices.count / 2)
        mesh.vertices.withUnsafeBufferPointer { xy in
            mesh.indices.withUnsafeBufferPointer { idx in
                // One colour for every vertex: a colour stride of 0 reads the same SDL_Color each time.
                _ = SDL_RenderGeometryRaw(renderer, nil, xy.baseAddress, 8, &color, 0, nil, 0,
                                          vertexCount, idx.baseAddress, Int32(idx.count), 4)
            }
        }
    }
}
