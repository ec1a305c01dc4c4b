import ArgumentParser
import CoursepackPackage
import Foundation

struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an Ed25519 key pair to sign packages with (pack --sign).",
        discussion: """
            Writes NAME.key, the private key (PEM, readable by you only: keep it secret, back it up) and \
            NAME.pub, the public key (PEM) to give to the partners who check your packages with \
            coursepack inspect --key NAME.pub. Existing files are never overwritten.
            """)

    @Argument(help: "The key files' name, without extension.", completion: .file())
    var name: String = "coursepack-signing"

    func run() throws {
        let written: SigningKeyFiles.Written
        do { written = try SigningKeyFiles.generate(base: URL(fileURLWithPath: name)) } catch {
            throw CommandFailure(message: error.description)
        }
        print("wrote \(name).key (private: keep it secret) and \(name).pub (public: give it to partners)")
        print("key id \(written.keyID)")
    }
}
