/// JUnit XML (the Ant/Surefire shape CI systems read): one test case per expectation.
public struct JUnitReport: Sendable {
    public struct Case: Sendable {
        public let name: String
        public let className: String
        /// Nil when the case passed.
        public let failure: String?

        public init(name: String, className: String, failure: String?) {
            self.name = name
            self.className = className
            self.failure = failure
        }
    }

    public let suite: String
    public let cases: [Case]

    public init(suite: String, cases: [Case]) {
        self.suite = suite
        self.cases = cases
    }

    public var xml: String {
        let failures = cases.filter { $0.failure != nil }.count
        var lines = [#"<?xml version="1.0" encoding="UTF-8"?>"#,
                     #"<testsuites name="sipladder check" tests="\#(cases.count)" failures="\#(failures)" errors="0">"#,
                     #"  <testsuite name="\#(escape(suite))" tests="\#(cases.count)" failures="\#(failures)" errors="0" skipped="0">"#]
        for testCase in cases {
            let open = #"    <testcase name="\#(escape(testCase.name))" classname="\#(escape(testCase.className))""#
            if let failure = testCase.failure {
                lines.append(open + ">")
                lines.append(#"      <failure message="\#(escape(failure.split(separator: "\n").first.map(String.init) ?? failure))" type="mismatch">\#(escape(failure))</failure>"#)
                lines.append("    </testcase>")
            } else {
                lines.append(open + "/>")
            }
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": result += "?"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
