import XCTest
@testable import CoursepackServe

final class SecretTests: XCTestCase {
    func testTheStoredHashOfATokenIsItsSHA256InLowercaseHex() {
        // FIPS 180-2's example: SHA-256("abc")
        XCTAssertEqual(Secret.hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Secret.hex([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
    }

    func testATokenIsFreshLowercaseHexOfTheAskedLength() {
        let token = Secret.token()
        XCTAssertEqual(token.count, 48)
        XCTAssertTrue(token.allSatisfy { "0123456789abcdef".contains($0) }, token)
        XCTAssertNotEqual(token, Secret.token())
    }
}
