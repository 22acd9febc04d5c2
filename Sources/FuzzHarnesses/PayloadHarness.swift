import Payloads

/// The input is a Content-Type line and the body after it (`application/pidf+xml\n<presence…`),
/// so the fuzzer varies the type as well as the body — multipart boundaries included.
enum PayloadHarness {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let contentType = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<newline]), as: UTF8.self)
        let body = Array(bytes[min(bytes.endIndex, newline + 1)...])
        var problems: [PayloadProblem] = []
        _ = PayloadDecoder.decode(body: body, contentType: contentType.isEmpty ? nil : contentType, problems: &problems)
    }
}
