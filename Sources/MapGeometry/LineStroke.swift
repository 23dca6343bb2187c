/// How a polyline is drawn wide: a quad along each segment, `a ± n·w/2 … b ± n·w/2` with `n` the
/// segment's unit normal, and a bevel at each bend between the normals on either side, which at
/// map line widths reads as round. It is derived from the points each time a line is drawn, so a
/// prepared line keeps only its points, and one set of points serves every zoom and every width.
public enum LineStroke {
    /// A bend this straight (the sine of its angle) gets no bevel: the gap it leaves is under a
    /// thousandth of a pixel at map line widths.
    static let straightSine: Float = 1e-4

    /// Walks the polyline of points `start ..< end` of `points` (x, y pairs): `segment(ax, ay,
    /// bx, by, nx, ny)` for each segment with a length (a repeated point is skipped), and
    /// `bend(px, py, n1x, n1y, n2x, n2y)` at each point where the line turns.
    @inline(__always)
    public static func walk(_ points: [Float], from start: Int, to end: Int,
                            segment: (Float, Float, Float, Float, Float, Float) -> Void,
                            bend: (Float, Float, Float, Float, Float, Float) -> Void) {
        guard end - start >= 2 else { return }
        var ax = points[2 * start], ay = points[2 * start + 1]
        var afterSegment = false
        var pnx: Float = 0, pny: Float = 0
        for i in (start + 1)..<end {
            let bx = points[2 * i], by = points[2 * i + 1]
            let dx = bx - ax, dy = by - ay
            let length = (dx * dx + dy * dy).squareRoot()
            guard length > 0 else { continue }
            let inverse = 1 / length
            let nx = -dy * inverse, ny = dx * inverse
            if afterSegment && !(pnx * nx + pny * ny > 0 && abs(pnx * ny - pny * nx) < straightSine) {
                bend(ax, ay, pnx, pny, nx, ny)
            }
            segment(ax, ay, bx, by, nx, ny)
            pnx = nx
            pny = ny
            afterSegment = true
            ax = bx
            ay = by
        }
    }
}
