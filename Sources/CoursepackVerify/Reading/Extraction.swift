import Foundation

/// Writes entries into a folder the caller made for them. Paths were checked already (`EntryPath`);
/// files are still created exclusively and without following links, so that nothing can land
/// outside the folder or replace what is there.
enum Extraction {
    struct Output {
        let descriptor: Int32
        let path: String
        private var closed = false

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        func write(_ chunk: UnsafeRawBufferPointer) throws(ReadFailure) {
            var offset = 0
            while offset < chunk.count {
                let count = Foundation.write(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw ReadFailure(.damaged, "cannot write \(path): \(String(cString: strerror(errno)))") }
                offset += count
            }
        }

        mutating func finish() throws(ReadFailure) {
            closed = true
            guard Foundation.close(descriptor) == 0 else {
                throw ReadFailure(.damaged, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }

        mutating func close() {
            if !closed { Foundation.close(descriptor); closed = true }
        }
    }

    static func makeFolder(_ name: String, in root: URL) throws(ReadFailure) {
        var path = root.path
        for segment in name.split(separator: "/") {
            path += "/" + segment
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw ReadFailure(.damaged, "cannot create \(path): \(String(cString: strerror(errno)))")
            }
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
                throw ReadFailure(.fileFolderClash, "cannot create the folder \(path): something else is there")
            }
        }
    }

    static func create(_ name: String, in root: URL) throws(ReadFailure) -> Output {
        if let slash = name.lastIndex(of: "/") { try makeFolder(String(name[..<slash]), in: root) }
        let path = root.path + "/" + name
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ReadFailure(.damaged, "cannot create \(path): \(String(cString: strerror(errno)))") }
        return Output(descriptor: descriptor, path: path)
    }
}
