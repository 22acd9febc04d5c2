import Foundation
import Wire

/// Runs jobs one after another, in the order they were given, on a thread of its own: the
/// caller goes on while they run. A bounded queue holds the caller back when the jobs fall
/// behind, so memory does not depend on which side is faster. The first job that throws
/// ends the work; its error comes back from the next `submit` or from `finish`.
final class SerialWorker: @unchecked Sendable {
    typealias Job = () throws -> Void

    static let capacity = 32

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs = FirstInFirstOut<Job>(vacated: {}, compactingAfter: SerialWorker.capacity)
    private var closed = false
    private var exited = false
    private var failure: (any Error)?

    init() {
        let thread = Thread { [self] in run() }
        // Deep nesting in what a job renders is walked recursively; the main thread's room.
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// Queues `job`, waiting for room; throws the error of a job that failed before.
    func submit(_ job: @escaping Job) throws {
        condition.lock()
        defer { condition.unlock() }
        while jobs.count >= Self.capacity, failure == nil { condition.wait() }
        if let failure { throw failure }
        precondition(!closed, "a job submitted after the worker was finished")
        jobs.append(job)
        condition.broadcast()
    }

    /// Waits until every job has run; throws the error of the one that failed.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !exited { condition.wait() }
        if let failure { throw failure }
    }

    /// Lets the thread end once the queued jobs have run, without waiting for it.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while let job = next() {
            do {
                try job()
            } catch {
                condition.lock()
                failure = error
                jobs.removeAll()
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// The next job, or nil once the worker is closed and nothing is left (or a job failed).
    private func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty, !closed, failure == nil { condition.wait() }
        guard failure == nil, let job = jobs.removeFirst() else {
            exited = true
            condition.broadcast()
            return nil
        }
        condition.broadcast()
        return job
    }
}
