import CoursepackLoad
import CoursepackLocalize
@testable import CoursepackRender
import Foundation
import TestSupport
import XCTest

/// Loading modules and rendering them, for the render tests.
enum RenderFixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sample(_ name: String) -> URL {
        repositoryRoot.appendingPathComponent("Samples/\(name)")
    }

    static func strings(at root: URL) throws -> ModuleStrings {
        let loaded = try ModuleLoader.load(root)
        let module = try XCTUnwrap(loaded.module, "\(loaded.diagnostics)")
        return try ModuleStrings.load(module)
    }

    /// The module's source language first, then its locales, as a package carrying every one would.
    static func allLocales(_ strings: ModuleStrings) -> [String] {
        [strings.identity.sourceLanguage] + strings.identity.locales
    }

    static func render(_ strings: ModuleStrings, locales: [String]? = nil,
                       target: PackageTarget = .scorm12) throws -> RenderedModule {
        try ModuleRenderer.render(strings, locales: locales ?? allLocales(strings), target: target)
    }

    /// A module written to a temporary folder, with the pages given (`pages/<id>.md`), listed in order.
    static func module(pages: [(id: String, text: String)], manifestExtra: String = "",
                       files: [String: String] = [:]) throws -> TemporaryModule {
        let list = pages.map { "  - \($0.id)" }.joined(separator: "\n")
        var all = files
        all["module.yaml"] = """
            id: test-module
            version: 1.0.0
            title: Test module
            language: en
            audience: general
            pages:
            \(list)
            completion:
              rule: pages-seen
            \(manifestExtra)
            """
        for page in pages { all["pages/\(page.id).md"] = page.text }
        return try TemporaryModule(all)
    }
}

extension RenderedModule {
    func document(_ locale: String) throws -> String {
        let document = try XCTUnwrap(documents.first { $0.locale == locale }, "no document for \(locale)")
        return String(decoding: document.html, as: UTF8.self)
    }
}
