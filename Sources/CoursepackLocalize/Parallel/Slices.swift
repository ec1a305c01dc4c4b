import Dispatch
import Foundation

/// Work over the hundred thousand strings of a large module done side by side on every core, in
/// contiguous slices: each slice is long enough that handing it to a thread costs nothing next to
/// the work, and results come back in order.
enum Slices {
    /// `0..<count` cut into about two slices per core (so that a core that finishes early takes
    /// another and none waits long for the last), none shorter than `minimum`; one slice when the
    /// work is too small to share.
    static func of(_ count: Int, minimum: Int = 1000) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let size = max(minimum, count / (2 * ProcessInfo.processInfo.activeProcessorCount) + 1)
        return stride(from: 0, to: count, by: size).map { $0..<min($0 + size, count) }
    }
}

extension Array where Element: Sendable {
    /// `map` done in slices on every core, each result written straight into its place in the new
    /// array: joining one array per slice would copy (and retain) every value once more.
    func slicedMap<T: Sendable>(minimumSlice: Int = 1000, _ transform: @Sendable (Element) -> T) -> [T] {
        let slices = Slices.of(count, minimum: minimumSlice)
        guard slices.count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let target = SlotPointer(base: buffer.baseAddress!)
            withUnsafeBufferPointer { source in
                let source = SlotSource(buffer: source)
                DispatchQueue.concurrentPerform(iterations: slices.count) { slice in
                    // Each index belongs to exactly one slice: no two threads touch the same slot.
                    for index in slices[slice] { (target.base + index).initialize(to: transform(source.buffer[index])) }
                }
            }
            initialized = count
        }
    }
}

/// The new array's storage, shared with the threads that fill disjoint ranges of it.
private struct SlotPointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

/// The source array's elements, read (never written) by every thread.
private struct SlotSource<T>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<T>
}
