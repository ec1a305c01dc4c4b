/// How bad a finding is, in the three ways a partner's IT needs to tell apart.
public enum VerifySeverity: String, Sendable, Codable, CaseIterable {
    /// The package breaks a rule of its standard (SCORM CAM, cmi5, the zip format, Coursepack's own).
    case standard
    /// The standard allows it (or says nothing), but an LMS family refuses it on upload.
    case upload
    /// Accepted on upload, but broken when a learner opens it.
    case runtime
}

/// LMS families that treat packages differently enough to get a verdict each.
public enum LMSFamily: String, Sendable, Codable, CaseIterable {
    /// Moodle's mod/scorm: checks little more than an imsmanifest.xml at the root, reads the `adlcp:`
    /// and `imsss:` prefixes literally and takes an unknown or missing schemaversion for SCORM 1.2.
    case moodle
    /// LMSs that validate the manifest against the official schemas and resolve its references on
    /// upload, as ADL's conformance test suite does.
    case strict
    /// Coursepack's own `import` and local host.
    case coursepack
}

/// What a finding does to a package on an LMS family.
public enum LMSEffect: String, Sendable, Codable, Comparable {
    case accepted, broken, refused

    private var rank: Int { self == .accepted ? 0 : self == .broken ? 1 : 2 }
    public static func < (a: LMSEffect, b: LMSEffect) -> Bool { a.rank < b.rank }
}

/// A rule `verify` applies; every id is listed with its severity and families in docs/verify.md.
public struct VerifyRule: Sendable, Hashable {
    public let id: String
    public let severity: VerifySeverity
    public let moodle: LMSEffect
    public let strict: LMSEffect
    public let coursepack: LMSEffect
    public let summary: String

    public func effect(on family: LMSFamily) -> LMSEffect {
        switch family {
        case .moodle: return moodle
        case .strict: return strict
        case .coursepack: return coursepack
        }
    }

    public static func == (a: VerifyRule, b: VerifyRule) -> Bool { a.id == b.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    private init(_ id: String, _ severity: VerifySeverity, moodle: LMSEffect, strict: LMSEffect, coursepack: LMSEffect,
                 _ summary: String) {
        self.id = id
        self.severity = severity
        self.moodle = moodle
        self.strict = strict
        self.coursepack = coursepack
        self.summary = summary
    }

    private static func rule(_ id: String, _ severity: VerifySeverity, moodle: LMSEffect, strict: LMSEffect,
                             coursepack: LMSEffect? = nil, _ summary: String) -> VerifyRule {
        VerifyRule(id, severity, moodle: moodle, strict: strict, coursepack: coursepack ?? max(strict, moodle), summary)
    }

    // The package as a whole.
    public static let unreadable = rule("package-unreadable", .standard, moodle: .refused, strict: .refused,
                                        "the zip is refused by the safe reader (the message names the zip-* rule)")
    public static let noManifest = rule("package-no-manifest", .standard, moodle: .refused, strict: .refused,
                                        "no imsmanifest.xml, cmi5.xml, tincan.xml, AICC course files or index.html at the root")
    public static let nestedManifest = rule("manifest-nested", .upload, moodle: .refused, strict: .refused,
                                            "the manifest is in a folder of the zip, not at its root")
    public static let notWellFormed = rule("xml-not-well-formed", .standard, moodle: .refused, strict: .refused,
                                           "the manifest is not well-formed XML")
    public static let entity = rule("xml-entity", .standard, moodle: .refused, strict: .refused, coursepack: .refused,
                                    "the manifest declares an entity (billion laughs, external entities)")
    public static let tooDeep = rule("xml-too-deep", .standard, moodle: .refused, strict: .refused,
                                     "elements nested more than 256 deep")
    public static let schemaInvalid = rule("xsd-invalid", .standard, moodle: .accepted, strict: .refused,
                                           "the manifest does not validate against the official schemas (--schemas) or those the package ships")

    // SCORM manifests.
    public static let rootElement = rule("scorm-root", .standard, moodle: .refused, strict: .refused,
                                         "the root element is not an IMS content packaging <manifest>")
    public static let schemaversionUnknown = rule("scorm-schemaversion-unknown", .standard, moodle: .broken, strict: .refused,
                                                  "a schemaversion no SCORM edition uses (Moodle then reads the package as SCORM 1.2)")
    public static let schemaversionMissing = rule("scorm-schemaversion-missing", .standard, moodle: .broken, strict: .refused,
                                                  "a SCORM 2004 manifest without <schemaversion> (Moodle then reads it as SCORM 1.2)")
    public static let requiredMissing = rule("scorm-required-missing", .standard, moodle: .accepted, strict: .refused,
                                             "an element or attribute the content packaging schema requires is missing")
    public static let identifierInvalid = rule("scorm-identifier-invalid", .standard, moodle: .accepted, strict: .refused,
                                               "an identifier that is not an XML name (xs:ID), after white space is collapsed")
    public static let identifierDuplicate = rule("scorm-identifier-duplicate", .standard, moodle: .broken, strict: .refused,
                                                 "two elements share an identifier")
    public static let defaultOrganization = rule("scorm-default-organization", .standard, moodle: .accepted, strict: .refused,
                                                 "organizations default= names no organization")
    public static let noOrganization = rule("scorm-no-organization", .upload, moodle: .broken, strict: .refused,
                                            "no <organization>: nothing for a learner to launch")
    public static let danglingReference = rule("scorm-identifierref-dangling", .runtime, moodle: .broken, strict: .refused,
                                               "an item or dependency names a resource that does not exist")
    public static let launchMissing = rule("scorm-launch-missing", .runtime, moodle: .broken, strict: .broken,
                                           "a resource an item launches has no href, or its file is not in the package")
    public static let fileMissing = rule("scorm-file-missing", .runtime, moodle: .broken, strict: .broken,
                                         "a <file> the manifest lists is not in the package")
    public static let outside = rule("scorm-href-outside", .standard, moodle: .broken, strict: .refused,
                                     "an href (with its xml:base) climbs out of the package")
    public static let scormTypeInvalid = rule("scorm-scormtype-invalid", .standard, moodle: .broken, strict: .refused,
                                              "a resource's adlcp:scormType is neither 'sco' nor 'asset'")
    public static let scormTypeMissing = rule("scorm-scormtype-missing", .standard, moodle: .broken, strict: .refused,
                                              "a resource with an href has no adlcp:scormType (the CAM requires it; Moodle takes it for an asset)")
    public static let titleMissing = rule("scorm-title-missing", .standard, moodle: .accepted, strict: .refused,
                                          "an organization or item without a title (the CAM requires one; the schema does not)")
    public static let literalPrefix = rule("scorm-prefix-moodle", .runtime, moodle: .broken, strict: .accepted, coursepack: .accepted,
                                           "an ADL or IMS SS namespace bound to another prefix than adlcp:, imsss:, adlseq:, adlnav: (Moodle reads the prefixes literally)")
    public static let nothingLaunches = rule("scorm-nothing-launches", .runtime, moodle: .broken, strict: .broken,
                                             "no item launches a resource")
    public static let sequencingReference = rule("scorm-sequencing-dangling", .standard, moodle: .broken, strict: .refused,
                                                 "imsss:sequencing IDRef names no sequencing in <imsss:sequencingCollection>")
    public static let metadataMissing = rule("scorm-metadata-missing", .standard, moodle: .accepted, strict: .refused,
                                             "metadata in a separate file (adlcp:location) that is not in the package")
    public static let remoteHref = rule("scorm-href-network", .runtime, moodle: .broken, strict: .broken,
                                        "a resource launched from the network: the package does not work offline")

    // cmi5.
    public static let cmi5Root = rule("cmi5-root", .standard, moodle: .refused, strict: .refused,
                                      "the root element is not a cmi5 <courseStructure>")
    public static let cmi5Required = rule("cmi5-required-missing", .standard, moodle: .refused, strict: .refused,
                                          "an element or attribute the cmi5 course structure requires is missing or empty")
    public static let cmi5Order = rule("cmi5-order", .standard, moodle: .refused, strict: .refused,
                                       "elements out of the order the course structure schema sets")
    public static let cmi5IRI = rule("cmi5-iri", .standard, moodle: .refused, strict: .refused,
                                     "an id that is not an absolute IRI")
    public static let cmi5Duplicate = rule("cmi5-id-duplicate", .standard, moodle: .refused, strict: .refused,
                                           "an id used twice among the course, blocks, AUs and objectives")
    public static let cmi5Value = rule("cmi5-value", .standard, moodle: .refused, strict: .refused,
                                       "a moveOn, masteryScore or launchMethod value the schema does not allow")
    public static let cmi5URL = rule("cmi5-url-invalid", .standard, moodle: .refused, strict: .refused,
                                     "an AU url that is not a URL")
    public static let cmi5Reserved = rule("cmi5-url-reserved-parameter", .standard, moodle: .refused, strict: .refused,
                                          "an AU url presets a launch parameter the LMS adds (endpoint, fetch, actor, registration, activityId)")
    public static let cmi5Objective = rule("cmi5-objective-dangling", .standard, moodle: .refused, strict: .refused,
                                           "an objective reference that names no objective of the course")
    public static let cmi5Missing = rule("cmi5-au-missing", .runtime, moodle: .broken, strict: .broken,
                                         "an AU's url is relative and its file is not in the package")

    // AICC, Tin Can, web.
    public static let aiccMissing = rule("aicc-file-missing", .standard, moodle: .refused, strict: .refused,
                                         "an AICC course lacks one of its required files (.crs, .au, .des, .cst)")
    public static let aiccSection = rule("aicc-section-missing", .standard, moodle: .refused, strict: .refused,
                                         "an AICC course file lacks a required section or field")
    public static let tinCanLaunch = rule("tincan-launch-missing", .runtime, moodle: .refused, strict: .broken,
                                          "tincan.xml has no activity with a launch file in the package (Moodle has no Tin Can import)")
    public static let networkLoad = rule("network-load", .runtime, moodle: .broken, strict: .broken,
                                         "a page loads a script, frame, style or image from the network: it breaks offline")

    // Coursepack packages.
    public static let coursepackUnreadable = rule("coursepack-json", .standard, moodle: .accepted, strict: .accepted, coursepack: .refused,
                                                  "coursepack.json cannot be read")
    public static let coursepackChanged = rule("coursepack-file-changed", .standard, moodle: .accepted, strict: .accepted, coursepack: .refused,
                                               "a file differs from, is missing from or was added to what coursepack.json records")
    public static let coursepackDate = rule("coursepack-date", .runtime, moodle: .accepted, strict: .accepted, coursepack: .accepted,
                                            "an entry carries another date than the build date (the zip was rewritten)")
    public static let signatureInvalid = rule("signature-invalid", .standard, moodle: .accepted, strict: .accepted, coursepack: .refused,
                                              "coursepack.sig does not verify, or files changed after signing")
    public static let signatureUntrusted = rule("signature-untrusted", .upload, moodle: .accepted, strict: .accepted, coursepack: .refused,
                                                "signed by a key that is not in the --trust list")

    public static let all: [VerifyRule] = [
        unreadable, noManifest, nestedManifest, notWellFormed, entity, tooDeep, schemaInvalid,
        rootElement, schemaversionUnknown, schemaversionMissing, requiredMissing, identifierInvalid, identifierDuplicate,
        defaultOrganization, noOrganization, danglingReference, launchMissing, fileMissing, outside, scormTypeInvalid, scormTypeMissing,
        titleMissing,
        literalPrefix, nothingLaunches, sequencingReference, metadataMissing, remoteHref,
        cmi5Root, cmi5Required, cmi5Order, cmi5IRI, cmi5Duplicate, cmi5Value, cmi5URL, cmi5Reserved, cmi5Objective, cmi5Missing,
        aiccMissing, aiccSection, tinCanLaunch, networkLoad,
        coursepackUnreadable, coursepackChanged, coursepackDate, signatureInvalid, signatureUntrusted,
    ]
}
