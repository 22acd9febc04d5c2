import Capture
import Foundation
import Payloads
import SIP
import Synchronization
import Web
import Wire

/// Extraction (packets, reassembly, framing, parsing, payload decoding, TLS and HTTP) on a
/// thread of its own, and whatever the caller does with each message — correlation,
/// output — on the caller's thread: the two halves cost about the same, so on two cores a
/// capture takes about half the time.
///
/// Messages cross in batches through a bounded queue, so memory does not depend on which
/// half is faster. Diagnostics are kept in two sinks, one per thread, and merged in the
/// order one thread would have recorded them.
public enum PipelinedExtraction {
    public struct Outcome {
        public let packetCount: UInt64
        /// Extraction's and analysis's diagnostics, interleaved.
        public let diagnostics: DiagnosticSink
    }

    /// `web` must report into `extractionDiagnostics`, and whatever `consume` calls must
    /// report into `analysisDiagnostics`: each sink is written from one thread only.
    /// Connections the registry hands over as closed reach `closed` on the caller's thread,
    /// before the message that followed their closing; those still held at the end stay in `web`.
    public static func run(_ source: any PacketSource, limits: Limits, web: WebConnectionRegistry?,
                           extractionDiagnostics: DiagnosticSink, analysisDiagnostics: DiagnosticSink,
                           closed: ([WebConnection]) throws -> Void = { _ in },
                           consume: (ObservedMessage, MessageDecoding) throws -> Void) throws -> Outcome {
        let xmlLimits = MessageAnalyzer.xmlLimits(limits)
        let pipe = MessagePipe()
        nonisolated(unsafe) let shared = (source: source, web: web, diagnostics: extractionDiagnostics)
        let extraction = Thread {
            var batch: [MessagePipe.Tagged] = []
            let cancellation = Cancellation()
            let extractor = SIPMessageExtractor(limits: limits, diagnostics: shared.diagnostics, web: shared.web) { message in
                batch.append(MessagePipe.Tagged(message: message, decoding: MessageDecoding(message.message, xmlLimits: xmlLimits),
                                                diagnosticsBefore: shared.diagnostics.recordedCount,
                                                closedBefore: shared.web?.takeClosed() ?? []))
                if batch.count >= MessagePipe.batchSize {
                    // The batches handed back are freed here, where they were made:
                    // freed on the other thread they contend for this thread's allocator.
                    if !pipe.push(batch).accepted { cancellation.cancel() }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            var failure: (any Error)?
            do { try extractor.run(shared.source, while: { !cancellation.isCancelled }) } catch { failure = error }
            if !batch.isEmpty { _ = pipe.push(batch) }
            pipe.finish(packetCount: extractor.packetCount, failure: failure)
        }
        // Deep XML and ASN.1 are parsed recursively; give the thread the main thread's room.
        extraction.stackSize = 16 << 20
        extraction.start()

        var positions: [Int] = []
        var consumeFailure: (any Error)?
        var consumed: [MessagePipe.Tagged] = []
        while consumeFailure == nil, let batch = pipe.pop(handingBack: &consumed) {
            consumed = batch
            for tagged in batch {
                let keptBefore = analysisDiagnostics.kept.count
                do {
                    if !tagged.closedBefore.isEmpty { try closed(tagged.closedBefore) }
                    try consume(tagged.message, tagged.decoding)
                } catch {
                    consumeFailure = error
                    break
                }
                for _ in keptBefore..<analysisDiagnostics.kept.count { positions.append(tagged.diagnosticsBefore) }
            }
        }
        let (packetCount, extractionFailure) = pipe.cancelAndWait()
        if let consumeFailure { throw consumeFailure }
        if let extractionFailure { throw extractionFailure }
        return Outcome(packetCount: packetCount,
                       diagnostics: .interleaving(extractionDiagnostics, analysisDiagnostics, positions: positions))
    }
}

/// The consumer has given up: set by the extraction thread's message handler, read for
/// every packet. An atomic in a constant, not a captured variable: each access to one of
/// those is checked for exclusivity at run time.
private final class Cancellation: Sendable {
    private let cancelled = Atomic(false)

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
}

/// The bounded queue between the two threads.
private final class MessagePipe: @unchecked Sendable {
    struct Tagged {
        let message: ObservedMessage
        let decoding: MessageDecoding
        /// How many diagnostics extraction had recorded when it handed this message on.
        let diagnosticsBefore: Int
        /// Connections that closed since the message before.
        let closedBefore: [WebConnection]
    }

    static let batchSize = 256
    static let capacity = 64

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var batches = FirstInFirstOut<[Tagged]>(vacated: [], compactingAfter: MessagePipe.capacity)
    private var handedBack: [[Tagged]] = []
    private var finished = false
    private var cancelled = false
    private var packetCount: UInt64 = 0
    private var failure: (any Error)?

    /// Waits for room; false once the consumer has given up. Returns the batches the
    /// consumer is done with, for the extraction thread to let go of.
    func push(_ batch: [Tagged]) -> (accepted: Bool, handedBack: [[Tagged]]) {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.capacity, !cancelled { condition.wait() }
        let done = handedBack
        handedBack = []
        guard !cancelled else { return (false, done) }
        batches.append(batch)
        condition.broadcast()
        return (true, done)
    }

    /// The next batch, or nil once extraction is over and everything was taken.
    /// `consumed`, the batch before, goes back (emptied here, so that the extraction
    /// thread holds the last reference) while extraction runs.
    func pop(handingBack consumed: inout [Tagged]) -> [Tagged]? {
        condition.lock()
        defer { condition.unlock() }
        if !consumed.isEmpty, !finished {
            handedBack.append(consumed)
            consumed = []
        }
        while batches.isEmpty, !finished { condition.wait() }
        guard let batch = batches.removeFirst() else { return nil }
        condition.broadcast()
        return batch
    }

    func finish(packetCount: UInt64, failure: (any Error)?) {
        condition.lock()
        self.packetCount = packetCount
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops extraction if it still runs, and waits until it has ended.
    func cancelAndWait() -> (packetCount: UInt64, failure: (any Error)?) {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        return (packetCount, failure)
    }
}
