import Foundation

/// What one instance remembers of the database between requests: only facts that never change once
/// written (an attempt's kind, what an xAPI credential was issued for), so that several instances
/// sharing one database never act on something another instance has changed. The cmi5 progress kept
/// beside a grant is a guess, not a fact: the write it is used for checks it still holds and fails
/// otherwise (`Store.storeStatements`), and the caller then reads it afresh.
final class StoreMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var kinds: [String: RuntimeKind] = [:]
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
