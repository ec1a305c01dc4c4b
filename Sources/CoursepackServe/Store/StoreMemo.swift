import Foundation

/// What one instance remembers of the database between requests: only facts that never change once
/// written (an attempt's kind, what an xAPI credential was issued for), so that several instances
/// sharing one database never act on something another instance has changed. The cmi5 progress kept
/// beside a grant, and the sessions seen live, are guesses, not facts: the write they are used for
/// checks them in the database and fails otherwise (`Store.storeStatements`, `Store.commit`).
final class StoreMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var kinds: [String: RuntimeKind] = [:]
    private var sessions: Set<String> = []
    private var grants: [String: (grant: XAPIGrant, progress: CMI5Progress)] = [:]
    /// A bound on each table; reached (a host running for months), it starts again empty.
    private let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    func kind(ofAttempt id: String) -> RuntimeKind? {
        lock.withLock { kinds[id] }
    }

    func remember(kind: RuntimeKind, ofAttempt id: String) {
        lock.withLock {
            if kinds.count >= capacity { kinds.removeAll(keepingCapacity: true) }
            kinds[id] = kind
        }
    }

    /// Session tokens (hashes) seen live: a filter only, so that a made-up token costs a read and not a
    /// write; the write itself checks the session in the database.
    func knowsSession(_ hash: String) -> Bool {
        lock.withLock { sessions.contains(hash) }
    }

    func remember(session hash: String) {
        lock.withLock {
            if sessions.count >= capacity { sessions.removeAll(keepingCapacity: true) }
            sessions.insert(hash)
        }
    }

    func forget(session hash: String) {
        lock.withLock { _ = sessions.remove(hash) }
    }

    func grant(credentialHash: String) -> (grant: XAPIGrant, progress: CMI5Progress)? {
        lock.withLock { grants[credentialHash] }
    }

    func remember(grant: XAPIGrant, progress: CMI5Progress, credentialHash: String) {
        lock.withLock {
            if grants.count >= capacity { grants.removeAll(keepingCapacity: true) }
            grants[credentialHash] = (grant, progress)
        }
    }

    /// The progress this instance last wrote for a grant (the next statement's best guess).
    func update(progress: CMI5Progress, credentialHash: String) {
        lock.withLock {
            guard let known = grants[credentialHash] else { return }
            grants[credentialHash] = (known.grant, progress)
        }
    }

    func forgetProgress(credentialHash: String) {
        lock.withLock { _ = grants.removeValue(forKey: credentialHash) }
    }
}
