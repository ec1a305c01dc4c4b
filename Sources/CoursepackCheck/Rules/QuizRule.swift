import CoursepackLoad

/// A choice quiz must have an answer to score, and a single-answer quiz exactly one: otherwise the
/// learner can never pass, or passes by picking either.
struct QuizRule: ModuleRule {
    let pageByPage = true

    func check(_ context: CheckContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (_, quiz) in context.components(of: .quiz) {
            guard let body = quiz.body, let kind = body["kind"]?.string, kind == "single" || kind == "multiple",
                  let options = body["options"]?.array, !options.isEmpty else { continue }
            let correct = options.filter { $0["correct"]?.bool == true }
            if correct.isEmpty {
                diagnostics.append(Diagnostic(.quizWithoutCorrectAnswer, at: body["options"]!.location,
                                              "this quiz has no correct answer",
                                              hint: "mark the right option with 'correct: true'"))
            } else if kind == "single", correct.count > 1 {
                let second = correct[1].member("correct")!.keyLocation
                diagnostics.append(Diagnostic(.singleQuizSeveralCorrect, at: second,
                                              "this single-answer quiz has \(correct.count) correct options",
                                              hint: "keep one correct option, or make it 'kind: multiple' if several answers are right"))
            }
        }
        return diagnostics
    }
}
