/// The order in which an ordering quiz shows its items and a matching quiz its right-hand sides.
/// The authors write them in the right order, so the markup must not: the order is mixed, the same
/// way in every locale and every build (seeded by the quiz id), so saved answers stay valid.
enum StableShuffle {
    /// `result[position]` is the index of the item shown at `position`; never the written order
    /// when there are two items or more.
    static func permutation(count: Int, seed: String) -> [Int] {
        var order = Array(0..<count)
        guard count > 1 else { return order }
        var state = fnv1a(seed)
        for index in stride(from: count - 1, to: 0, by: -1) {
            state = splitmix(state)
            let other = Int(state % UInt64(index + 1))
            order.swapAt(index, other)
        }
        if order == Array(0..<count) { order.append(order.removeFirst()) }
        return order
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static func splitmix(_ state: UInt64) -> UInt64 {
        var z = state &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
