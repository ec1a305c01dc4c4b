import Foundation
import Hummingbird

/// `PUT` and `POST /xapi/statements`: an AU's statements, checked against the cmi5 rules and stored
/// with what they change of the attempt (cmi5 progress, completion, success, score).
///
/// A statement usually costs one write and no read: the grant and the attempt's cmi5 progress come
/// from the store's memory, and the write stores the statements only if that progress is still the
/// database's (`Store.storeStatements`); when it is not (another request, another instance), the
/// progress is read again and the statements checked again.
extension Host {
    func statements(_ request: Request, put: Bool) async throws -> Response {
        var request = request
        guard let credential = Self.xapiCredential(request), var (grant, progress) = try await store.xapiGrant(credential: credential),
              let au = try grantedAU(grant) else { return Self.unauthorized }
        guard let text = try await request.bodyText(limit: configuration.maxJSONBytes) else {
            return Reply.error("the statements are over \(configuration.maxJSONBytes) bytes", status: .contentTooLarge)
        }
        let batch: StatementBatch
        switch StatementBatch.read(text, statementID: put ? .some(queryValue(request, "statementId")) : .none,
                                   stored: XAPITime.string(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))) {
        case .failure(let problem): return Reply.error(problem.message, status: .badRequest)
        case .success(let read): batch = read
        }
        // Statements stored before under the same ids for this attempt: a retry, answered as stored.
        var retried: Set<String> = []
        // The progress remembered may be behind the database (another instance stored since): a refusal
        // is only given on a progress read afresh, since what another instance stored (an 'initialized')
        // can be what makes a statement allowed.
        var progressIsFresh = false
        for _ in 0..<(batch.items.count + 4) {
            guard progress.open else {
                return Reply.error("this attempt was reset by the trainer; launch the AU again", status: .conflict)
            }
            var verbs = progress.verbs
            var fresh: [StoredStatement] = []
            var summary = XAPISummary()
            var refusal: (id: String, problem: String)?
            for item in batch.items where !retried.contains(item.id) {
                if let problem = CMI5.refusal(item.statement, grant: grant, entry: au.entry, earlier: verbs) {
                    refusal = (item.id, problem)
                    break
                }
                let verbID = item.statement.verbID ?? ""
                let verb = CMI5.verbs[verbID] ?? verbID
                if CMI5.verbs[verbID] != nil { verbs.append(verb) }
                switch verb {
                case "passed", "failed":
                    summary.success = verb
                    if let scaled = item.statement.scaledScore { summary.score = (scaled * 1000).rounded() / 10 }
                default: break
                }
                fresh.append(StoredStatement(id: item.id, attemptID: grant.attemptID, verb: verb, body: item.body))
            }
            if let refusal {
                // A statement sent again after its answer was lost breaks the rules the second time
                // ('initialized' twice); stored for this attempt, it is a retry, not a refusal.
                switch try await whoHas(ids: [refusal.id], grant: grant) {
                case .ours(let ids): retried.formUnion(ids); continue
                case .another(let id): return Reply.error("statement \(id) already exists", status: .conflict)
                case .none:
                    guard progressIsFresh else {
                        guard let current = try await store.xapiGrant(credential: credential, fresh: true) else { return Self.unauthorized }
                        (grant, progress) = current
                        progressIsFresh = true
                        continue
                    }
                    return Reply.error("refused by the cmi5 rules: \(refusal.problem)", status: .forbidden)
                }
            }
            if CMI5.satisfied(moveOn: au.entry.moveOn, verbs: verbs), !CMI5.satisfied(moveOn: au.entry.moveOn, verbs: progress.verbs) {
                summary.completion = "completed"
            }
            switch try await store.storeStatements(fresh, grant: grant, credential: credential, checkedAgainst: progress, verbsAfter: verbs,
                                                   summary: summary) {
            case .stored:
                if put { return Response(status: .noContent) }
                return Reply.text(FlatJSON.text(.array(batch.items.map { .string($0.id) })), contentType: "application/json; charset=utf-8")
            case .progressChanged:
                guard let current = try await store.xapiGrant(credential: credential, fresh: true) else { return Self.unauthorized }
                (grant, progress) = current
                progressIsFresh = true
            case .idsTaken:
                switch try await whoHas(ids: fresh.map(\.id), grant: grant) {
                case .ours(let ids): retried.formUnion(ids)
                case .another(let id): return Reply.error("statement \(id) already exists", status: .conflict)
                case .none: break
                }
            }
        }
        return Reply.error("the attempt kept changing while these statements were checked; send them again", status: .serviceUnavailable)
    }

    enum StatementOwner {
        case none
        /// Stored before for this attempt: retries.
        case ours(Set<String>)
        /// Stored for another attempt: a conflict (xAPI 1.0.3, 2.1.3: statement ids are unique).
        case another(String)
    }

    func whoHas(ids: [String], grant: XAPIGrant) async throws -> StatementOwner {
        let stored = try await store.statements(ids: ids)
        if let other = stored.first(where: { $0.attemptID != grant.attemptID }) { return .another(other.id) }
        return stored.isEmpty ? .none : .ours(Set(stored.map(\.id)))
    }
}

/// The statements of one request, each with its id (given or made) and the text to store.
struct StatementBatch {
    struct Item {
        let id: String
        let statement: XAPIStatement
        let body: String
    }

    let items: [Item]

    struct Problem: Error {
        let message: String
    }

    /// `statementID`: for PUT, the `statementId` of the query (nil inside: missing); nil for POST.
    static func read(_ text: String, statementID: String??, stored: String) -> Result<StatementBatch, Problem> {
        let stamp = StatementStamp(stored: stored)
        // A byte order mark is not part of the statement (RFC 8259 lets a reader ignore it).
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let data = Data(text.utf8)
        let decoder = JSONDecoder()
        let firstByte = text.utf8.first { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }
        if firstByte == UInt8(ascii: "{") {
            guard let statement = try? decoder.decode(XAPIStatement.self, from: data) else { return .failure(Problem(message: "the body is not JSON")) }
            if let twice = JSONDuplicateKeys.first(in: text) { return .failure(duplicate(twice)) }
            let id: String
            switch identify(statement, statementID: statementID) {
            case .failure(let problem): return .failure(problem)
            case .success(let given): id = given
            }
            if let body = stamp.append(to: text, statement: statement, id: id) {
                return .success(StatementBatch(items: [Item(id: id, statement: statement, body: body)]))
            }
            guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                  let body = try? stamp.rewrite(object, id: id) else { return .failure(Problem(message: "the body is not JSON")) }
            return .success(StatementBatch(items: [Item(id: id, statement: statement, body: body)]))
        }
        guard firstByte == UInt8(ascii: "[") else {
            return .failure(Problem(message: (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) == nil
                                    ? "the body is not JSON" : "a statement is a JSON object (POST: or an array of them)"))
        }
        if statementID != nil { return .failure(Problem(message: "PUT takes one statement and ?statementId=")) }
        guard let statements = try? decoder.decode([XAPIStatement].self, from: data),
              let objects = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]], objects.count == statements.count else {
            return .failure(Problem(message: "a statement is a JSON object (POST: or an array of them)"))
        }
        if let twice = JSONDuplicateKeys.first(in: text) { return .failure(duplicate(twice)) }
        var items: [Item] = []
        var seen: Set<String> = []
        for (statement, object) in zip(statements, objects) {
            guard case .success(let id) = identify(statement, statementID: nil) else {
                return .failure(Problem(message: "statement id '\(statement.id ?? "")' is not a UUID"))
            }
            guard seen.insert(id).inserted else { return .failure(Problem(message: "statement id \(id) appears twice in the request")) }
            guard let body = try? stamp.rewrite(object, id: id) else { return .failure(Problem(message: "the body is not JSON")) }
            items.append(Item(id: id, statement: statement, body: body))
        }
        return .success(StatementBatch(items: items))
    }

    static func duplicate(_ name: String) -> Problem {
        Problem(message: "the name '\(name)' appears twice in one object; readers disagree on which value counts, so send it once")
    }

    /// The statement's id in lowercase: the one sent, PUT's `statementId`, or a new one.
    static func identify(_ statement: XAPIStatement, statementID: String??) -> Result<String, Problem> {
        var id = statement.id?.lowercased()
        if let statementID {
            guard let given = statementID?.lowercased() else { return .failure(Problem(message: "PUT takes one statement and ?statementId=")) }
            if let id, id != given { return .failure(Problem(message: "the statement's id is not statementId")) }
            id = given
        }
        let chosen = id ?? Secret.uuid()
        guard UUID(uuidString: chosen) != nil else { return .failure(Problem(message: "statement id '\(chosen)' is not a UUID")) }
        return .success(chosen)
    }
}
