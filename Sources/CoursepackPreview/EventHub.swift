import Foundation

/// What happened to the module, as every open tab and the terminal hear it.
public enum PreviewEvent: Sendable, Equatable {
    /// These pages were rendered again: a tab puts each in place where it stands.
    case pages(version: Int, ids: [String])
    /// The whole module changed (module.yaml, tables, media): a tab loads its document again, keeping
    /// its page and scroll position.
    case reload(version: Int)
    case findings(FindingsReport)
}

/// The open event streams (one per tab, and the terminal's).
final class EventHub: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<PreviewEvent>.Continuation] = [:]

    func subscribe() -> AsyncStream<PreviewEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: PreviewEvent.self, bufferingPolicy: .bufferingNewest(64))
        let id = UUID()
        lock.lock()
        subscribers[id] = continuation
        lock.unlock()
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            self.lock.lock()
            self.subscribers[id] = nil
            self.lock.unlock()
        }
        return stream
    }

    func publish(_ event: PreviewEvent) {
        lock.lock()
        let all = Array(subscribers.values)
        lock.unlock()
        for continuation in all { continuation.yield(event) }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return subscribers.count
    }

    func finishAll() {
        lock.lock()
        let all = Array(subscribers.values)
        subscribers = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }
}
