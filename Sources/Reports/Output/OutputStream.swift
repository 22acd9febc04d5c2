#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered text sink: standard output, standard error, or a file.
public final class OutputStream: TextOutputStream {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool

    // The C streams are process-wide; the command line writes from one thread.
    nonisolated(unsafe) public static let standardOutput = OutputStream(file: fdopen(STDOUT_FILENO, "w"), ownsFile: false)
    nonisolated(unsafe) public static let standardError = OutputStream(file: fdopen(STDERR_FILENO, "w"), ownsFile: false)

    private init(file: UnsafeMutablePointer<FILE>?, ownsFile: Bool) {
        guard let file else { preconditionFailure("cannot open a standard stream") }
        self.file = file
        self.ownsFile = ownsFile
    }

    /// Opens `path` for writing, replacing it.
    public convenience init(path: String) throws(OutputError) {
        guard let opened = fopen(path, "w") else {
            throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
        self.init(file: opened, ownsFile: true)
    }

    deinit {
        fflush(file)
        if ownsFile { fclose(file) }
    }

    public func write(_ string: String) {
        var text = string
        text.withUTF8 { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, file) }
    }

    public func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    public func flush() { fflush(file) }

    /// True when the stream is a terminal (colour and progress are shown only then).
    public var isTerminal: Bool { isatty(fileno(file)) != 0 }
}

public struct OutputError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
}
