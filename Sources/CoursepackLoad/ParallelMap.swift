import Dispatch

extension Array where Element: Sendable {
    /// Maps the elements on every core, keeping the order. Worth it only when each element is real
    /// work (a page to parse or check).
    public func concurrentMap<T>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = ResultSlots<T>(count: count)
        let elements = self
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, transform(elements[index]))
        }
        return results.values()
    }
}

/// One slot per index, each written by exactly one worker before any read.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ index: Int, _ value: T) { slots[index] = value }
    func values() -> [T] { (0..<count).map { slots[$0]! } }
}

/// Work started on another thread now, whose result is waited for when it is needed: for two long
/// reads that do not depend on each other.
public final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: T?

    public init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { [self] in
            result = work()
            done.signal()
        }
    }

    /// The result, waiting for it if the work is not finished. Every read goes through the semaphore
    /// (signalled again for the next read), which orders it after the write on the other thread.
    public var value: T {
        done.wait()
        defer { done.signal() }
        return result!
    }
}
