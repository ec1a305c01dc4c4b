import XCTest

// XCTest's assertions take synchronous autoclosures; the store and the host answer asynchronously.
// These let a test say `await assertEqual(try await store.x(), y)`; an error thrown while
// evaluating is a failure of the assertion, not of the whole test.

func assertEqual<T: Equatable>(_ expression1: @autoclosure () async throws -> T, _ expression2: @autoclosure () async throws -> T,
                                  _ message: @autoclosure () -> String = "", file: StaticString = #filePath, line: UInt = #line) async {
    do {
        let (a, b) = (try await expression1(), try await expression2())
        XCTAssertEqual(a, b, message(), file: file, line: line)
    } catch {
        XCTFail("threw \(error): \(message())", file: file, line: line)
    }
}

func assertNil(_ expression: @autoclosure () async throws -> Any?, _ message: @autoclosure () -> String = "",
                  file: StaticString = #filePath, line: UInt = #line) async {
    do {
        let value = try await expression()
        XCTAssertNil(value, message(), file: file, line: line)
    } catch {
        XCTFail("threw \(error): \(message())", file: file, line: line)
    }
}

func assertTrue(_ expression: @autoclosure () async throws -> Bool, _ message: @autoclosure () -> String = "",
                   file: StaticString = #filePath, line: UInt = #line) async {
    do {
        let value = try await expression()
        XCTAssertTrue(value, message(), file: file, line: line)
    } catch {
        XCTFail("threw \(error): \(message())", file: file, line: line)
    }
}
