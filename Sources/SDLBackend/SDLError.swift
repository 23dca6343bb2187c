import CSDL2

/// An SDL call that failed, with SDL's own explanation.
public struct SDLError: Error, CustomStringConvertible {
    public var operation: String
    public var message: String

    public init(_ operation: String) {
        self.operation = operation
        self.message = String(cString: SDL_GetError())
    }

    public init(_ operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation) failed: \(message)" }
}
