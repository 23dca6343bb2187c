extension StringProtocol {
    /// Without leading and trailing white space (spaces, tabs, new lines, no-break spaces): the
    /// importers call it on every field, and Foundation's `trimmingCharacters` bridges through
    /// NSString on Linux, several times slower.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(self[first...last])
    }
}
