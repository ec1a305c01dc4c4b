import Foundation
import CoursepackLoad

/// WCAG 2.1 AA basics the author controls: text alternatives for images (1.1.1), captions for video
/// (1.2.2) and a transcript for audio (1.2.1). The player cannot make these up.
struct AccessibilityRule: ModuleRule {
    let pageByPage = true

    func check(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in context.module.pages {
            for link in page.outline.links where link.isImage && link.text.isBlank {
                diagnostics.append(Diagnostic(.imageWithoutAlt, at: link.location,
                                              "this image has no alternative text",
                                              hint: "write what the image shows between the brackets: ![A queue at the citizens' office](...)"))
            }
            for component in page.components {
                guard let body = component.body else { continue }
                switch component.type {
                case .image:
                    guard body["decorative"]?.bool != true, isBlank(body["alt"]) else { continue }
                    diagnostics.append(Diagnostic(.imageWithoutAlt, at: body["alt"]?.location ?? component.location,
                                                  "this image has no alternative text",
                                                  hint: "add 'alt:' saying what the image shows and why it matters here, or 'decorative: true' if it adds nothing"))
                case .video:
                    guard (body["captions"]?.array ?? []).isEmpty else { continue }
                    diagnostics.append(Diagnostic(.videoWithoutCaptions, at: body["captions"]?.location ?? component.location,
                                                  "this video has no captions",
                                                  hint: "add 'captions:' with at least one WebVTT file, for example:\ncaptions:\n  - locale: en\n    src: media/video.en.vtt"))
                case .audio:
                    guard isBlank(body["transcript"]), body["transcript_src"] == nil else { continue }
                    diagnostics.append(Diagnostic(.audioWithoutTranscript, at: component.location,
                                                  "this audio has no transcript",
                                                  hint: "add 'transcript:' with the words spoken, or 'transcript_src:' naming a text file in media/"))
                default:
                    continue
                }
            }
        }
        return diagnostics
    }

    private func isBlank(_ value: SourceValue?) -> Bool {
        guard let text = value?.string else { return value == nil || value?.kind == .null }
        return text.isBlank
    }
}
