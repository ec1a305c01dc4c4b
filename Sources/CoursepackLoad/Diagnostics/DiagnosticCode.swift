/// Every finding the loader and the checker can report, with a stable code.
///
/// The codes are an interface: CI configurations, SARIF baselines and `docs/diagnostics.md` name them,
/// so a code never changes meaning and a retired code is never reused.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable {
    // Loading
    case notAModule = "CP001"
    case emptyFolder = "CP002"
    case notUTF8 = "CP003"
    case binaryFile = "CP004"
    case fileTooLarge = "CP005"
    case unreadablePath = "CP006"
    case linkLeavesModule = "CP007"
    case specialFile = "CP008"
    case invalidYAML = "CP010"
    case duplicateKey = "CP011"
    case frontMatter = "CP012"
    case unknownComponent = "CP013"
    case componentNotMapping = "CP014"
    case yamlAliasLimit = "CP015"
    case nestingLimit = "CP016"
    // Schema
    case missingField = "CP100"
    case unknownField = "CP101"
    case wrongType = "CP102"
    case valueNotAllowed = "CP103"
    case badLength = "CP104"
    case badForm = "CP105"
    case outOfRange = "CP106"
    case schemaRule = "CP107"
    // Structure
    case pageNotListed = "CP201"
    case pageListedTwice = "CP202"
    case listedPageMissing = "CP203"
    case duplicateID = "CP204"
    case versionNotSemver = "CP205"
    case localeNotBCP47 = "CP206"
    // Links and media
    case brokenPageLink = "CP301"
    case brokenHeadingLink = "CP302"
    case missingMedia = "CP303"
    case unusedMedia = "CP304"
    // Accessibility
    case imageWithoutAlt = "CP401"
    case videoWithoutCaptions = "CP402"
    case audioWithoutTranscript = "CP403"
    case headingLevels = "CP404"
    // Interaction
    case quizWithoutCorrectAnswer = "CP501"
    case singleQuizSeveralCorrect = "CP502"
    case unreachableScene = "CP503"
    case deadEndScene = "CP504"
    case unknownDialogueReference = "CP505"
    case endingSceneWithChoices = "CP506"
    // Limits
    case learnerStateTooLarge = "CP601"
    case learnerStateNeverFitsSCORM12 = "CP602"
    // Translations
    case translationRefused = "CP701"
    case translationWarning = "CP702"
    case unreadableStringTable = "CP703"

    public var severity: Severity {
        switch self {
        case .unusedMedia, .headingLevels, .unreachableScene, .learnerStateTooLarge, .translationWarning: return .warning
        default: return .error
        }
    }

    /// A one-line summary, used by `docs/diagnostics.md` and as the SARIF rule description.
    public var summary: String {
        switch self {
        case .notAModule: return "The folder is not a module: it has no module.yaml."
        case .emptyFolder: return "The folder is empty."
        case .notUTF8: return "A text file is not valid UTF-8."
        case .binaryFile: return "A file that should be text holds binary data."
        case .fileTooLarge: return "A file is larger than the limit for its kind."
        case .unreadablePath: return "A path cannot be read: a symbolic link loop, a broken link or missing permission."
        case .linkLeavesModule: return "A symbolic link leads outside the module folder (or the folder given with --root); it is not read."
        case .specialFile: return "A path is a named pipe, a device or a socket, not a regular file; it is not read."
        case .invalidYAML: return "YAML that cannot be read: tabs, bad indentation, unclosed quotes and the like."
        case .duplicateKey: return "The same key appears twice in one YAML mapping."
        case .frontMatter: return "A page has no front matter, or its front matter is not closed."
        case .unknownComponent: return "A fenced block names a component type that does not exist."
        case .componentNotMapping: return "A component's body is not a YAML mapping of fields."
        case .yamlAliasLimit: return "YAML aliases that would expand to more values than the limit (\(YAMLLimits.aliasedValues))."
        case .nestingLimit: return "YAML or Markdown nested deeper than the limit (\(YAMLLimits.depth) levels of YAML, \(MarkdownLimits.depth) of Markdown)."
        case .missingField: return "A required field is missing."
        case .unknownField: return "A field that the format does not know."
        case .wrongType: return "A field holds the wrong kind of value (text, number, list...)."
        case .valueNotAllowed: return "A field holds a value outside the allowed choices."
        case .badLength: return "Text too long or too short, or a list with too many or too few entries."
        case .badForm: return "A value does not have the expected form (an id, a media path, an e-mail address...)."
        case .outOfRange: return "A number outside its allowed range."
        case .schemaRule: return "Another rule of the module format's schemas."
        case .pageNotListed: return "A page file is missing from the module's page order."
        case .pageListedTwice: return "A page is listed twice in the module's page order."
        case .listedPageMissing: return "The module's page order names a page that has no file."
        case .duplicateID: return "Two things in the module share one id."
        case .versionNotSemver: return "The module version is not a semantic version (MAJOR.MINOR.PATCH)."
        case .localeNotBCP47: return "A locale tag is not a well-formed BCP 47 language tag."
        case .brokenPageLink: return "A link points to a page that does not exist."
        case .brokenHeadingLink: return "A link points to a heading that does not exist."
        case .missingMedia: return "A media file that the module refers to does not exist."
        case .unusedMedia: return "A media file that nothing in the module uses."
        case .imageWithoutAlt: return "An image without alternative text."
        case .videoWithoutCaptions: return "A video without captions."
        case .audioWithoutTranscript: return "Audio without a transcript."
        case .headingLevels: return "Heading levels skip a level, or a page has more than one top-level heading."
        case .quizWithoutCorrectAnswer: return "A quiz with no correct answer."
        case .singleQuizSeveralCorrect: return "A single-answer quiz with several correct options."
        case .unreachableScene: return "A dialogue scene that no choice leads to."
        case .deadEndScene: return "A dialogue scene that is not an end and offers no choice."
        case .unknownDialogueReference: return "A dialogue names a scene or a character that does not exist."
        case .endingSceneWithChoices: return "A dialogue scene that ends the dialogue and also offers choices."
        case .learnerStateTooLarge: return "The learner state the player keeps may not fit SCORM 1.2's 4,096-character suspend_data."
        case .learnerStateNeverFitsSCORM12: return "Even the place, the pages seen and the results pass SCORM 1.2's 4,096 characters: no SCORM 1.2 package of this module."
        case .translationRefused: return "A translation breaks its source: a code, link or placeholder lost, Markdown unbalanced, unsafe HTML, a plural form missing, blank, or too long."
        case .translationWarning: return "A translation to look at: unchanged, numbers that differ, end punctuation, doubled words, bidi controls or kashida."
        case .unreadableStringTable: return "A string table (locales/*.po) cannot be read."
        }
    }
}
