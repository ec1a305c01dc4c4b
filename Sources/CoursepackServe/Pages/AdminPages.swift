import Foundation

/// The trainer's pages (English: the host's strings for learners are translated; the admin pages are
/// not yet). Every form carries the session's CSRF token.
enum AdminPages {
    static let english = HostStrings(language: "en")

    static func page(title: String, body: String, signedIn: Bool = true, script: Bool = false) -> String {
        let header = signedIn ? """
            <nav class="languages"><a href="/admin">Packages and learners</a> <a href="/admin/progress">Progress</a></nav>
            <form method="post" action="/admin/logout" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><button class="quiet" type="submit">Sign out</button></form>
            """ : ""
        return PageLayout.page(english, title: title, header: header, body: body, script: script ? "/static/admin.js" : nil)
    }

    static func login(error: String? = nil) -> String {
        page(title: "Sign in", body: """
            <h1>Trainer sign-in</h1>
            \(error.map { "<p class=\"error\" role=\"alert\">\(escapeHTML($0))</p>" } ?? "")
            <form method="post" action="/admin/login" class="card">
            <label for="password">Admin password</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <p><button type="submit">Sign in</button></p>
            </form>
            <p>The password is set with <code>coursepack serve admin-password --library DIR</code>.</p>
            """, signedIn: false)
    }

    static func csrfField(_ csrf: String) -> String { "<input type=\"hidden\" name=\"csrf\" value=\"\(escapeHTML(csrf))\">" }

    static func dashboard(csrf: String, packages: [Catalog.Package], choices: [String: String], learners: [Learner], message: String?, newLearners: [Learner]) -> String {
        let packageRows = packages.map { package -> String in
            let options = package.versions.map { "<option value=\"\(escapeHTML($0))\"\($0 == package.version ? " selected" : "")>\(escapeHTML($0))</option>" }.joined()
            let flag = package.structure.needsFullSequencing ? "<br><span class=\"status failed\">needs full sequencing (offered in order)</span>" : ""
            return """
                <tr><td><strong>\(escapeHTML(package.structure.title.isEmpty ? package.id : package.structure.title))</strong><br><code>\(escapeHTML(package.id))</code>\(flag)</td>
                <td>\(escapeHTML(package.record.edition))<br>\(package.structure.launchables.count) launchable\(package.structure.launchables.count == 1 ? "" : "s")</td>
                <td><form method="post" action="/admin/packages/\(escapeURLComponent(package.id))/version">\(csrfField(csrf))
                <label for="v-\(escapeHTML(package.id))">Learners get</label><select id="v-\(escapeHTML(package.id))" name="version">\(options)</select>
                <button class="quiet" type="submit">Set</button></form></td></tr>
                """
        }.joined()
        let learnerRows = learners.map {
            "<tr><td><a href=\"/admin/learners/\(escapeURLComponent($0.id))\">\(escapeHTML($0.name))</a></td><td><code class=\"code\">\(escapeHTML($0.code))</code></td></tr>"
        }.joined()
        let created = newLearners.isEmpty ? "" : "<div class=\"card\" id=\"new-codes\"><h2>New codes</h2><table><tr><th>Name</th><th>Code</th></tr>"
            + newLearners.map { "<tr><td>\(escapeHTML($0.name))</td><td><code class=\"code\">\(escapeHTML($0.code))</code></td></tr>" }.joined() + "</table></div>"
        return page(title: "Packages and learners", body: """
            <h1>Packages and learners</h1>
            \(message.map { "<p class=\"notice\" role=\"status\" id=\"message\">\(escapeHTML($0))</p>" } ?? "")
            <h2>Packages</h2>
            <div class="scroll"><table id="packages"><tr><th>Package</th><th>Kind</th><th>Version</th></tr>\(packageRows)</table></div>
            <form class="card" id="upload" data-csrf="\(escapeHTML(csrf))">
            <label for="package-file">Add a package (zip): it is verified before it is installed</label>
            <input type="file" id="package-file" accept=".zip,application/zip">
            <p><button type="submit">Upload and import</button></p>
            <p id="upload-result" role="status"></p>
            </form>
            <h2>Learners</h2>
            \(created)
            <form method="post" action="/admin/learners" class="card">\(csrfField(csrf))
            <label for="names">New learners, one name per line</label>
            <textarea id="names" name="names" rows="4" style="width:100%;font:inherit"></textarea>
            <p><button type="submit">Create codes</button></p>
            </form>
            <div class="scroll"><table id="learners"><tr><th>Name</th><th>Code</th></tr>\(learnerRows)</table></div>
            """, script: true).replacingOccurrences(of: "{{csrf}}", with: escapeHTML(csrf))
    }

    struct ProgressRow {
        let learner: Learner
        let package: String
        let title: String
        let state: String
        let score: Double?
    }

    static func progress(csrf: String, rows: [ProgressRow]) -> String {
        let body = rows.map {
            """
            <tr><td><a href="/admin/learners/\(escapeURLComponent($0.learner.id))">\(escapeHTML($0.learner.name))</a></td><td>\(escapeHTML($0.title))</td>
            <td><span class="status \($0.state)">\(escapeHTML(english["status." + $0.state]))</span></td><td>\($0.score.map(LearnerPages.formatScore) ?? "")</td></tr>
            """
        }.joined()
        return page(title: "Progress", body: """
            <h1>Progress</h1>
            <p><a href="/admin/export/progress.csv">Progress (CSV)</a> · <a href="/admin/export/answers.csv">Answers (CSV)</a> · <a href="/admin/export/statements.json">xAPI statements (JSON)</a></p>
            <div class="scroll"><table id="progress"><tr><th>Learner</th><th>Module</th><th>Status</th><th>Score</th></tr>\(body)</table></div>
            """).replacingOccurrences(of: "{{csrf}}", with: escapeHTML(csrf))
    }

    static func learner(csrf: String, learner: Learner, attempts: [(attempt: Attempt, title: String)]) -> String {
        let blocks = attempts.map { item -> String in
            let attempt = item.attempt
            let summary = RecordSummary(attempt.record, kind: attempt.kind)
            let answers = summary.interactions.map {
                "<tr><td><code>\(escapeHTML($0.id))</code>\($0.description.isEmpty ? "" : "<br>" + escapeHTML($0.description))</td><td>\(escapeHTML($0.response))</td><td>\(escapeHTML($0.result))</td><td>\(escapeHTML($0.correct))</td></tr>"
            }.joined()
            return """
                <div class="card attempt" data-attempt="\(escapeHTML(attempt.id))">
                <h2>\(escapeHTML(item.title))</h2>
                <p>Attempt \(attempt.number) (\(attempt.status.rawValue)) · \(attempt.kind == .cmi5 ? "cmi5" : "SCORM " + attempt.kind.rawValue) · version \(escapeHTML(attempt.packageVersion))</p>
                <p>Completion: <strong class="completion">\(escapeHTML(attempt.completion ?? "not reported"))</strong> · Success: <strong class="success">\(escapeHTML(attempt.success ?? "not reported"))</strong> · Score: <strong class="score">\(attempt.score.map(LearnerPages.formatScore) ?? "none")</strong></p>
                \(answers.isEmpty ? "" : "<div class=\"scroll\"><table class=\"answers\"><tr><th>Question</th><th>Answer</th><th>Result</th><th>Expected</th></tr>\(answers)</table></div>")
                <p><a href="/admin/attempts/\(escapeURLComponent(attempt.id))/trace">Trace of runtime calls</a></p>
                <form method="post" action="/admin/attempts/\(escapeURLComponent(attempt.id))/reset" class="inline">\(csrfField(csrf))<button class="quiet" type="submit">Reset attempt</button></form>
                <form method="post" action="/admin/attempts/\(escapeURLComponent(attempt.id))/complete" class="inline">\(csrfField(csrf))<button class="quiet" type="submit">Mark complete</button></form>
                </div>
                """
        }.joined()
        return page(title: learner.name, body: """
            <h1>\(escapeHTML(learner.name))</h1>
            <p>Code <code class="code">\(escapeHTML(learner.code))</code></p>
            \(blocks.isEmpty ? "<p>No attempt yet.</p>" : blocks)
            """).replacingOccurrences(of: "{{csrf}}", with: escapeHTML(csrf))
    }

    static func trace(csrf: String, attempt: Attempt, commits: [(seq: Int64, reason: String, at: Int64, calls: String)]) -> String {
        let formatter = ISO8601DateFormatter()
        let rows = commits.map { commit -> String in
            let calls = (try? JSONSerialization.jsonObject(with: Data(commit.calls.utf8))) as? [[String: Any]] ?? []
            let lines = calls.map { call -> String in
                let args = (call["args"] as? [Any] ?? []).map { "\"\($0)\"" }.joined(separator: ", ")
                let error = (call["err"] as? String).flatMap { $0 == "0" ? nil : " → error \($0)" } ?? ""
                let diagnostic = (call["diagnostic"] as? String).map { " (\($0))" } ?? ""
                return "<li class=\"\(error.isEmpty ? "" : "failed")\"><code>\(escapeHTML("\(call["fn"] ?? "")(\(args)) = \"\(call["ret"] ?? "")\"\(error)\(diagnostic)"))</code></li>"
            }.joined()
            let time = formatter.string(from: Date(timeIntervalSince1970: Double(commit.at) / 1000))
            return "<li><strong>#\(commit.seq) \(escapeHTML(commit.reason))</strong> · \(time)<ol>\(lines)</ol></li>"
        }.joined()
        return page(title: "Trace", body: """
            <h1>Trace of attempt \(attempt.number) at <code>\(escapeHTML(attempt.scoID))</code></h1>
            <p>Every runtime call the content made, in the commit that carried it to the server.</p>
            <ol id="trace">\(rows)</ol>
            """).replacingOccurrences(of: "{{csrf}}", with: escapeHTML(csrf))
    }

    /// The upload form sends the zip as the request body (no multipart parsing on the server).
    static let script = """
    (function () {
      'use strict';
      var form = document.getElementById('upload');
      if (!form) return;
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var file = document.getElementById('package-file').files[0];
        var out = document.getElementById('upload-result');
        if (!file) { out.textContent = 'Choose a zip file first.'; return; }
        out.textContent = 'Uploading and verifying ' + file.name + '…';
        fetch('/admin/upload?name=' + encodeURIComponent(file.name), {
          method: 'POST', credentials: 'same-origin', body: file,
          headers: { 'X-CSRF-Token': form.getAttribute('data-csrf'), 'Content-Type': 'application/zip' }
        }).then(function (res) { return res.json().then(function (j) { return { ok: res.ok, j: j }; }); }).then(function (r) {
          out.textContent = r.ok ? r.j.message : r.j.error;
          if (r.ok) setTimeout(function () { location.reload(); }, 800);
        }).catch(function () { out.textContent = 'The server could not be reached.'; });
      });
    })();
    """
}
