@testable import CoursepackPackage
import Foundation
import TestSupport
import XCTest

/// The zip's output end writes on a second thread: the file must still get every byte in the order
/// libarchive produced them, and a failed write must not go unnoticed.
final class WriteBehindTests: XCTestCase {
    func testBytesReachTheFileInOrderWhetherQueuedOrWrittenAtOnce() throws {
        let scratch = try Scratch()
        let (url, descriptor) = try newFile("out.bin", in: scratch)
        defer { close(descriptor) }
        let sink = WriteBehind(descriptor: descriptor, bufferSize: 4096, bufferCount: 2)
        var expected = Data()
        var header: [UInt8] = Array("header".utf8)
        for round in 0..<50 {
            // Bytes of the caller's own (a header): written at once, after whatever is queued.
            header[0] = UInt8(round)
            XCTAssertEqual(header.withUnsafeBytes { sink.write($0) }, header.count)
            expected.append(contentsOf: header)
            // A lent buffer (media): queued; the buffer is lent again only once it is written.
            let lease = sink.borrow()
            let count = 1000 + round * 50
            for index in 0..<count { lease.buffer[index] = UInt8(truncatingIfNeeded: index &+ round) }
            XCTAssertEqual(sink.write(UnsafeRawBufferPointer(rebasing: lease.buffer[0..<count])), count)
            expected.append(contentsOf: lease.buffer[0..<count])
            sink.giveBack(lease)
        }
        XCTAssertNil(sink.finish())
        XCTAssertEqual(try Data(contentsOf: url), expected)
    }

    /// Past a few megabytes the writer also asks the kernel to start writing to disk; the file is the same.
    func testALargeFileIsWholeWithWritebackStartedOnTheWay() throws {
        let scratch = try Scratch()
        let (url, descriptor) = try newFile("large.bin", in: scratch)
        defer { close(descriptor) }
        let sink = WriteBehind(descriptor: descriptor, bufferSize: 1 << 20)
        let chunks = 3 * WriteBehind.writebackStep / (1 << 20) + 1
        for chunk in 0..<chunks {
            let lease = sink.borrow()
            lease.buffer.initializeMemory(as: UInt8.self, repeating: UInt8(chunk))
            XCTAssertEqual(sink.write(UnsafeRawBufferPointer(lease.buffer)), lease.buffer.count)
            sink.giveBack(lease)
        }
        XCTAssertNil(sink.finish())
        let data = try Data(contentsOf: url)
        XCTAssertEqual(data.count, chunks << 20)
        for chunk in 0..<chunks {
            XCTAssertEqual(data[chunk << 20], UInt8(chunk))
            XCTAssertEqual(data[(chunk << 20) + (1 << 20) - 1], UInt8(chunk))
        }
    }

    func testAFailedQueuedWriteIsReportedByTheNextWriteAndByFinish() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try XCTSkipIf(descriptor < 0, "no /dev/full here")
        defer { close(descriptor) }
        let sink = WriteBehind(descriptor: descriptor, bufferSize: 4096)
        let lease = sink.borrow()
        // Queued: it cannot know yet that the disk is full.
        XCTAssertEqual(sink.write(UnsafeRawBufferPointer(rebasing: lease.buffer[0..<100])), 100)
        sink.giveBack(lease)
        XCTAssertEqual(sink.finish(), ENOSPC)
        let more: [UInt8] = [1, 2, 3]
        XCTAssertEqual(more.withUnsafeBytes { sink.write($0) }, -1, "nothing is written after a failure")
        XCTAssertEqual(errno, ENOSPC)
    }

    /// A new empty file in `scratch`, open for writing; the caller closes it.
    private func newFile(_ name: String, in scratch: Scratch) throws -> (url: URL, descriptor: Int32) {
        let url = scratch.root.appendingPathComponent(name)
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return (url, descriptor)
    }
}
