extension Array where Element: Hashable {
    /// Each value once, in the order first met.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
