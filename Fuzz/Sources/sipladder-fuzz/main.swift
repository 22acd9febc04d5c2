import FuzzHarnesses
#if canImport(Glibc)
import Glibc
#endif

// libFuzzer's driver, called from this program's own entry point (SwiftPM names the
// executable's entry itself, so libFuzzer's `main` cannot be used).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The harness this process runs, from SIPLADDER_FUZZ_HARNESS (see Fuzz/README.md).
nonisolated(unsafe) var selected: FuzzHarness?

let name = getenv("SIPLADDER_FUZZ_HARNESS").map { String(cString: $0) } ?? ""
guard let harness = FuzzHarness(rawValue: name) else {
    let names = FuzzHarness.allCases.map(\.rawValue).joined(separator: ", ")
    print("sipladder-fuzz: set SIPLADDER_FUZZ_HARNESS to one of: \(names)")
    exit(2)
}
selected = harness

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
    selected!.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
})
