import ArgumentParser
import Reports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Sipladder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sipladder",
        abstract: "Rebuild SIP and Microsoft Lync / Skype for Business activity from packet captures.",
        discussion: """
            Exit codes: 0 success, 1 a check or diff found a difference, 2 a usage or input error.
            """,
        version: "0.1.0",
        subcommands: [AnalyzeCommand.self, MessagesCommand.self, ConnectionsCommand.self, LiveCommand.self, CheckCommand.self, DiffCommand.self]
    )

    /// Runs the command and maps every failure onto the documented exit codes:
    /// swift-argument-parser's own usage status (64 on Linux) becomes 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as InputFailure {
            OutputStream.standardError.write("sipladder: \(failure.message)\n")
            OutputStream.standardError.flush()
            terminate(ExitStatus.inputError)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                OutputStream.standardOutput.write(message + "\n")
                OutputStream.standardOutput.flush()
                terminate(ExitStatus.success)
            }
            OutputStream.standardError.write(message + "\n")
            OutputStream.standardError.flush()
            terminate(code.rawValue == ExitStatus.difference ? ExitStatus.difference : ExitStatus.inputError)
        }
    }
}

/// Ends the process with `status` (the C library's `exit`, which `main` shadows).
func terminate(_ status: Int32) -> Never {
    #if canImport(Glibc)
    Glibc.exit(status)
    #else
    Darwin.exit(status)
    #endif
}

/// The process exit statuses, as README documents them.
enum ExitStatus {
    static let success: Int32 = 0
    static let difference: Int32 = 1
    static let inputError: Int32 = 2
}

/// A capture or file that cannot be used: reported as one line, exit status 2.
struct InputFailure: Error {
    let message: String
}
