import ArgumentParser
import Capture
import Foundation
import Reports
import Scenarios
import SIP
import Timeline
import Web
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGINT/SIGTERM; read between packets and on every poll.
nonisolated(unsafe) var liveStopRequested: sig_atomic_t = 0

struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Capture from an interface and print each scenario as it completes.",
        discussion: """
            A scenario is printed once its conversations have been quiet for --idle seconds (default 10),
            or when the capture stops (Ctrl-C, SIGTERM, --duration, --count); unfinished ones are then
            incomplete. The default filter covers SIP on 5060/5061 and TLS on 443; -f replaces it.

            Examples:
              sudo sipladder live -i any
              sudo sipladder live -i eth0 -f 'port 5061' --format jsonl -w trace.pcapng
            """
    )

    @Option(name: .shortAndLong, help: "The interface to capture on (`any` for all).")
    var interface: String

    @Option(name: .shortAndLong, help: "A capture filter in tcpdump syntax.")
    var filter: String = "port 5060 or port 5061 or tcp port 443"

    @Option(help: "Output format: text (ladders) or jsonl (one scenario per line).")
    var format: LiveFormat = .text

    @Option(name: .shortAndLong, help: "Also write every captured packet to this pcapng file.")
    var write: String?

    @Option(help: "Stop after this many seconds.")
    var duration: Double?

    @Option(help: "Stop after this many packets.")
    var count: Int?

    @Option(help: "Seconds a conversation must be quiet before its scenario is printed.")
    var idle: Double = 10

    @Option(help: "Only scenarios of this kind.")
    var scenario: String?

    @Option(help: "Only scenarios with this participant (a SIP URI).")
    var user: String?

    @Option(name: .customLong("drop-privileges"), help: "After opening the interface, run as this user (as tcpdump -Z does).")
    var dropPrivileges: String?

    @OptionGroup var keyLog: KeyLogOption

    @OptionGroup(title: "Limits") var limitOptions: LimitOptions

    enum LiveFormat: String, ExpressibleByArgument {
        case text, jsonl
    }

    func validate() throws {
        if let scenario, Scenario.Kind(rawValue: scenario) == nil {
            throw ValidationError("unknown scenario kind '\(scenario)'")
        }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        if idle < 0 { throw ValidationError("--idle must not be negative") }
    }

    func run() throws {
        let source: LiveInterfaceSource
        do { source = try LiveInterfaceSource(.init(interface: interface, filter: filter)) } catch {
            throw InputFailure(message: error.description)
        }
        let writer: PcapngWriter?
        do { writer = try write.map { path throws(CaptureError) in try PcapngWriter(path: path, linkType: source.linkType) } } catch {
            throw InputFailure(message: error.description)
        }
        if let dropPrivileges { try Privileges.drop(to: dropPrivileges) }
        signal(SIGINT) { _ in liveStopRequested = 1 }
        signal(SIGTERM) { _ in liveStopRequested = 1 }
        // A parent may have started us with these blocked (a spawning runtime's thread mask).
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &stopSignals, nil)
        let session = LiveSession(command: self, keyLog: try keyLog.load())
        let started = Date()
        var packets = 0
        // The interface is read on a thread of its own, so analysis never holds up the kernel's ring.
        let buffered = BufferedPacketSource(source)
        buffered.shouldStop = {
            session.tick()
            return liveStopRequested != 0 || duration.map { Date().timeIntervalSince(started) >= $0 } == true
        }
        try buffered.readPackets(into: session.diagnostics) { packet in
            packets += 1
            writer?.write(packet)
            session.process(packet)
            let done = liveStopRequested != 0 || count.map { packets >= $0 } == true
                || duration.map { Date().timeIntervalSince(started) >= $0 } == true
            return done ? .stop : .proceed
        }
        session.finish(statistics: source.statistics(), droppedByQueue: buffered.droppedByQueue)
    }
}

/// Privilege dropping after the capture handle is open.
enum Privileges {
    static func drop(to user: String) throws {
        guard let entry = getpwnam(user) else { throw InputFailure(message: "--drop-privileges: no user '\(user)'") }
        let uid = entry.pointee.pw_uid, gid = entry.pointee.pw_gid
        guard setgroups(0, nil) == 0 || getuid() != 0, setgid(gid) == 0, setuid(uid) == 0 else {
            throw InputFailure(message: "--drop-privileges: cannot switch to '\(user)': \(String(cString: strerror(errno)))")
        }
    }
}
