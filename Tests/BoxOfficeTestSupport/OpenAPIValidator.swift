import BoxOfficeCore
import Foundation

/// The API description, parsed once.
///
/// It checks answers against the documented response schemas: JSON Schema 2020-12 as OpenAPI 3.1 uses it.
/// Checked keywords: `$ref` (local `#/...` pointers, also for responses, path items and examples), `type`
/// (a name or a list; `integer` is any number without a fraction, so `1.0` is one and `true` is not),
/// `nullable` (OpenAPI 3.0), `enum`, `const`, `properties`, `required`, `additionalProperties`,
/// `patternProperties`, `minProperties`, `maxProperties`, `items`, `prefixItems`, `minItems`, `maxItems`,
/// `uniqueItems`, `minLength`, `maxLength` (in Unicode scalars), `pattern`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`,
/// and `format` for `uuid` and `date-time` (RFC 3339) only; other formats (`email`, `binary`, ...) are not
/// checked. Annotations (`description`, `examples`, `default`, ...) are ignored; any other keyword in the
/// document is listed in `unsupportedKeywords`.
///
/// Bodies are parsed by a small JSON parser of its own rather than `JSONSerialization`, so that booleans,
/// integers and other numbers are told apart the same way on every platform (Foundation hands all three
/// back as `NSNumber`).
package struct OpenAPIDescription: @unchecked Sendable {
    // @unchecked Sendable is safe: every stored property is a `let`, set once in `init` and only read
    // afterwards. The parsed document is a tree of value types; the only reference type kept,
    // `NSRegularExpression`, is immutable and documented as safe to match from several threads at once.

    package struct InvalidDocument: Error, CustomStringConvertible {
        package let description: String
    }

    private let document: OAValue
    private let templates: [OAPathTemplate]
    private let regexes: [String: NSRegularExpression]
    private let exampleSites: [OAExampleSite]

    /// Schema keywords the document uses that this validator neither checks nor knows as annotations,
    /// sorted. Keep it empty: a keyword listed here is silently not enforced.
    package let unsupportedKeywords: [String]

    package init(data: Data) throws {
        var parser = OAParser(data)
        let document: OAValue
        do {
            document = try parser.parseDocument()
        } catch let failure as OAParser.Failure {
            throw InvalidDocument(description: "The OpenAPI document is not valid JSON: \(failure.description)")
        }
        guard let root = document.object, let paths = root["paths"]?.object else {
            throw InvalidDocument(description: "The OpenAPI document has no `paths` object")
        }
        self.document = document

        var templates: [OAPathTemplate] = []
        for path in paths.keys {
            guard let item = OAValue.resolveChain(paths[path], in: document)?.object else { continue }
            let methods = item.keys.filter { Self.httpMethods.contains($0) }.map { $0.uppercased() }
            templates.append(OAPathTemplate(path: path, methods: methods))
        }
        self.templates = templates

        var walker = OASchemaWalker(document: document)
        walker.walkDocument()
        var regexes: [String: NSRegularExpression] = [:]
        for pattern in walker.patterns {
            do {
                regexes[pattern] = try NSRegularExpression(pattern: pattern)
            } catch {
                throw InvalidDocument(description: "The pattern \(pattern) is not a valid regular expression")
            }
        }
        self.regexes = regexes
        exampleSites = walker.examples
        unsupportedKeywords = walker.unknownKeywords.sorted()
    }

    /// Every (method, path template) the document describes, e.g. ("GET", "/api/v1/events/{event_id}").
    package var operations: [(method: String, path: String)] {
        templates.flatMap { template in template.methods.map { (method: $0, path: template.path) } }
    }

    /// Violations of the documented response schema by this answer; empty when it conforms.
    /// `path` is the concrete request path without query (e.g. "/api/v1/events/3f1c..."), matched
    /// against the document's path templates (a literal segment beats a `{param}` segment).
    /// Returns a violation if the path/method is not in the document, or the status is not documented
    /// (neither the exact code, nor "2XX"-style ranges, nor "default").
    /// Bodies that are not JSON (the response's content type is not application/json) are checked only
    /// for being documented with that content type; pass `contentType` from the response header.
    package func violations(method: String, path: String, status: Int, contentType: String?, body: Data) -> [String] {
        let verb = method.uppercased()
        let requestPath = String(path.prefix { $0 != "?" && $0 != "#" })
        guard let template = template(for: requestPath) else {
            return ["\(verb) \(requestPath): no path of the document matches"]
        }
        let route = "\(verb) \(template.path)"
        guard template.methods.contains(verb),
              let operation = OAValue.resolveChain(
                  OAValue.resolveChain(document["paths"]?[template.path], in: document)?[verb.lowercased()],
                  in: document)
        else {
            let documented = template.methods.joined(separator: ", ")
            return ["\(route): the method is not documented for this path (documented: \(documented))"]
        }
        guard let responses = OAValue.resolveChain(operation["responses"], in: document)?.object else {
            return ["\(route): the operation documents no responses"]
        }
        let range = "\(status / 100)XX"
        let key = responses.keys.first { $0 == String(status) }
            ?? responses.keys.first { $0.uppercased() == range }
            ?? responses.keys.first { $0 == "default" }
        guard let key, let response = OAValue.resolveChain(responses[key], in: document) else {
            return ["\(route): status \(status) is not documented (documented: \(responses.keys.joined(separator: ", ")))"]
        }
        let answer = "\(route) \(status)"
        let content = response["content"]?.object ?? OAObject()
        if content.keys.isEmpty {
            return body.isEmpty ? [] : ["\(answer): the document describes no body, but the answer has \(body.count) bytes"]
        }
        let documentedTypes = content.keys.joined(separator: ", ")
        guard let mediaType = Self.mediaType(contentType) else {
            return body.isEmpty
                ? ["\(answer): the document describes a body (\(documentedTypes)), but the answer has none"]
                : ["\(answer): the answer has a body but no Content-Type"]
        }
        let (mainType, _) = Self.split(mediaType)
        let mediaKey = content.keys.first { Self.mediaType($0) == mediaType }
            ?? content.keys.first { Self.mediaType($0) == mainType + "/*" }
            ?? content.keys.first { $0 == "*/*" }
        guard let mediaKey, let media = content[mediaKey] else {
            return ["\(answer): content type \(mediaType) is not documented (documented: \(documentedTypes))"]
        }
        guard Self.isJSON(mediaType) else { return [] }
        let value: OAValue
        do {
            var parser = OAParser(body)
            value = try parser.parseDocument()
        } catch let failure as OAParser.Failure {
            return ["\(answer): the body is not valid JSON: \(failure.description)"]
        } catch {
            return ["\(answer): the body is not valid JSON"]
        }
        guard let schema = media["schema"] else { return [] }
        var out: [String] = []
        check(value, against: schema, at: "$", depth: 0, into: &out)
        return out
    }

    /// Checks every example in the document against the schema it illustrates: the `example` and
    /// `examples` of media types (responses and request bodies), parameters and headers, and the
    /// `examples` (and `example`) of every schema. Returns how many were checked and the violations,
    /// each prefixed with the example's JSON Pointer.
    package func exampleViolations() -> (checked: Int, violations: [String]) {
        var out: [String] = []
        for site in exampleSites {
            var found: [String] = []
            check(site.value, against: site.schema, at: "$", depth: 0, into: &found)
            out += found.map { "\(site.location): \($0)" }
        }
        return (exampleSites.count, out)
    }

    // MARK: - Paths and media types

    private static let httpMethods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The most specific template matching the path: at the first segment where two matching templates
    /// differ, a literal segment beats one with a parameter in it, which beats a bare `{param}`.
    private func template(for path: String) -> OAPathTemplate? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        var best: OAPathTemplate?
        for template in templates where template.matches(segments) {
            if let current = best, !template.ranks.lexicographicallyPrecedes(current.ranks, by: >) { continue }
            best = template
        }
        return best
    }

    /// `application/json; charset=utf-8` → `application/json`; nil when empty.
    private static func mediaType(_ header: String?) -> String? {
        guard let header else { return nil }
        let type = header.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        return type.isEmpty ? nil : type
    }

    private static func split(_ mediaType: String) -> (String, String) {
        let parts = mediaType.split(separator: "/", maxSplits: 1)
        return (String(parts.first ?? ""), parts.count > 1 ? String(parts[1]) : "")
    }

    private static func isJSON(_ mediaType: String) -> Bool {
        let (main, sub) = split(mediaType)
        return main == "application" && (sub == "json" || sub.hasSuffix("+json"))
    }

    // MARK: - Schema validation

    private func check(_ value: OAValue, against schema: OAValue, at path: String, depth: Int, into out: inout [String]) {
        guard depth < 128 else {
            out.append("\(path): the schema nests too deeply (a $ref cycle?)")
            return
        }
        switch schema {
        case .bool(true): return
        case .bool(false):
            out.append("\(path): no value is allowed here, got \(value.brief)")
            return
        case .object: break
        default:
            out.append("\(path): the document's schema here is not an object")
            return
        }
        guard let schema = schema.object else { return }

        if let ref = schema["$ref"]?.string {
            if let target = OAValue.resolve(ref, in: document) {
                check(value, against: target, at: path, depth: depth + 1, into: &out)
            } else {
                out.append("\(path): the document's $ref \(ref) does not resolve")
            }
        }

        if let typeSpec = schema["type"] {
            var types = typeSpec.string.map { [$0] } ?? (typeSpec.array ?? []).compactMap(\.string)
            if schema["nullable"]?.bool == true { types.append("null") }
            if !types.contains(where: { value.hasType($0) }) {
                out.append("\(path): \(value.brief) is not of type \(types.joined(separator: " or "))")
                return  // the other keywords would only repeat this
            }
        }
        if let options = schema["enum"]?.array, !options.contains(value) {
            let listed = options.prefix(12).map(\.brief).joined(separator: ", ") + (options.count > 12 ? ", ..." : "")
            out.append("\(path): \(value.brief) is not one of \(listed)")
        }
        if let constant = schema["const"], constant != value {
            out.append("\(path): \(value.brief) is not \(constant.brief)")
        }

        switch value {
        case let .string(text): checkString(text, schema, path, &out)
        case let .number(number): checkNumber(number, schema, path, &out)
        case let .array(items): checkArray(items, schema, path, depth, &out)
        case let .object(object): checkObject(object, schema, path, depth, &out)
        case .null, .bool: break
        }

        if let all = schema["allOf"]?.array {
            for part in all { check(value, against: part, at: path, depth: depth + 1, into: &out) }
        }
        if let any = schema["anyOf"]?.array {
            let results = any.map { violations(of: value, against: $0, at: path, depth: depth + 1) }
            if !results.contains(where: \.isEmpty) {
                out.append("\(path): matches none of the anyOf alternatives (\(Self.summary(results)))")
            }
        }
        if let one = schema["oneOf"]?.array {
            let results = one.map { violations(of: value, against: $0, at: path, depth: depth + 1) }
            let matching = results.indices.filter { results[$0].isEmpty }
            if matching.isEmpty {
                out.append("\(path): matches none of the oneOf alternatives (\(Self.summary(results)))")
            } else if matching.count > 1 {
                let which = matching.map { "#\($0)" }.joined(separator: ", ")
                out.append("\(path): matches \(matching.count) of the oneOf alternatives (\(which)); exactly one must match")
            }
        }
        if let not = schema["not"], violations(of: value, against: not, at: path, depth: depth + 1).isEmpty {
            out.append("\(path): matches the schema under `not`, which it must not")
        }
        if let condition = schema["if"] {
            let branch = violations(of: value, against: condition, at: path, depth: depth + 1).isEmpty
                ? schema["then"] : schema["else"]
            if let branch { check(value, against: branch, at: path, depth: depth + 1, into: &out) }
        }
    }

    private func violations(of value: OAValue, against schema: OAValue, at path: String, depth: Int) -> [String] {
        var out: [String] = []
        check(value, against: schema, at: path, depth: depth, into: &out)
        return out
    }

    private static func summary(_ results: [[String]]) -> String {
        results.enumerated().map { index, found in
            "#\(index): " + found.prefix(3).joined(separator: "; ") + (found.count > 3 ? "; ..." : "")
        }.joined(separator: " | ")
    }

    private func checkString(_ text: String, _ schema: OAObject, _ path: String, _ out: inout [String]) {
        let length = text.unicodeScalars.count
        if let minimum = schema["minLength"]?.number, Double(length) < minimum {
            out.append("\(path): \(OAValue.string(text).brief) is shorter than \(OAValue.number(minimum).brief) characters")
        }
        if let maximum = schema["maxLength"]?.number, Double(length) > maximum {
            out.append("\(path): \(OAValue.string(text).brief) is longer than \(OAValue.number(maximum).brief) characters")
        }
        if let pattern = schema["pattern"]?.string {
            let regex = regexes[pattern] ?? (try? NSRegularExpression(pattern: pattern))
            if let regex {
                let range = NSRange(location: 0, length: text.utf16.count)
                if regex.firstMatch(in: text, range: range) == nil {
                    out.append("\(path): \(OAValue.string(text).brief) does not match the pattern \(pattern)")
                }
            } else {
                out.append("\(path): the document's pattern \(pattern) is not a valid regular expression")
            }
        }
        switch schema["format"]?.string {
        case "uuid" where !OAFormat.isUUID(text):
            out.append("\(path): \(OAValue.string(text).brief) is not a UUID")
        case "date-time" where !OAFormat.isDateTime(text):
            out.append("\(path): \(OAValue.string(text).brief) is not an RFC 3339 date-time")
        default: break
        }
    }

    private func checkNumber(_ number: Double, _ schema: OAObject, _ path: String, _ out: inout [String]) {
        let shown = OAValue.number(number).brief
        if let minimum = schema["minimum"]?.number {
            let exclusive = schema["exclusiveMinimum"]?.bool == true  // OpenAPI 3.0 style
            if exclusive ? number <= minimum : number < minimum {
                out.append("\(path): \(shown) is less than \(exclusive ? "or equal to " : "")the minimum \(OAValue.number(minimum).brief)")
            }
        }
        if let maximum = schema["maximum"]?.number {
            let exclusive = schema["exclusiveMaximum"]?.bool == true
            if exclusive ? number >= maximum : number > maximum {
                out.append("\(path): \(shown) is greater than \(exclusive ? "or equal to " : "")the maximum \(OAValue.number(maximum).brief)")
            }
        }
        if let bound = schema["exclusiveMinimum"]?.number, number <= bound {
            out.append("\(path): \(shown) is not greater than \(OAValue.number(bound).brief)")
        }
        if let bound = schema["exclusiveMaximum"]?.number, number >= bound {
            out.append("\(path): \(shown) is not less than \(OAValue.number(bound).brief)")
        }
        if let divisor = schema["multipleOf"]?.number, divisor > 0 {
            let quotient = number / divisor
            if quotient.rounded() != quotient {
                out.append("\(path): \(shown) is not a multiple of \(OAValue.number(divisor).brief)")
            }
        }
    }

    private func checkArray(_ items: [OAValue], _ schema: OAObject, _ path: String, _ depth: Int, _ out: inout [String]) {
        if let minimum = schema["minItems"]?.number, Double(items.count) < minimum {
            out.append("\(path): has \(items.count) items, fewer than \(OAValue.number(minimum).brief)")
        }
        if let maximum = schema["maxItems"]?.number, Double(items.count) > maximum {
            out.append("\(path): has \(items.count) items, more than \(OAValue.number(maximum).brief)")
        }
        if schema["uniqueItems"]?.bool == true {
            outer: for later in items.indices {
                for earlier in items.indices where earlier < later && items[earlier] == items[later] {
                    out.append("\(path): items \(earlier) and \(later) are equal, but items must be unique")
                    break outer
                }
            }
        }
        // `prefixItems` (or the older array form of `items`) for the first items, `items` for the rest.
        var prefix: [OAValue] = schema["prefixItems"]?.array ?? []
        var rest = schema["items"]
        if let tuple = rest?.array {
            prefix = tuple
            rest = schema["additionalItems"]
        }
        for (index, item) in items.enumerated() {
            let itemSchema = index < prefix.count ? prefix[index] : rest
            if let itemSchema { check(item, against: itemSchema, at: "\(path)[\(index)]", depth: depth + 1, into: &out) }
        }
    }

    private func checkObject(_ object: OAObject, _ schema: OAObject, _ path: String, _ depth: Int, _ out: inout [String]) {
        for name in schema["required"]?.array?.compactMap(\.string) ?? [] where object[name] == nil {
            out.append("\(path): the required property \(OAValue.string(name).brief) is missing")
        }
        if let minimum = schema["minProperties"]?.number, Double(object.keys.count) < minimum {
            out.append("\(path): has \(object.keys.count) properties, fewer than \(OAValue.number(minimum).brief)")
        }
        if let maximum = schema["maxProperties"]?.number, Double(object.keys.count) > maximum {
            out.append("\(path): has \(object.keys.count) properties, more than \(OAValue.number(maximum).brief)")
        }
        let properties = schema["properties"]?.object ?? OAObject()
        let patterned = schema["patternProperties"]?.object ?? OAObject()
        let additional = schema["additionalProperties"]
        for name in object.keys {
            guard let member = object[name] else { continue }
            let memberPath = path + OAValue.pathComponent(name)
            var described = false
            if let propertySchema = properties[name] {
                described = true
                check(member, against: propertySchema, at: memberPath, depth: depth + 1, into: &out)
            }
            for pattern in patterned.keys {
                guard let regex = regexes[pattern] ?? (try? NSRegularExpression(pattern: pattern)),
                      regex.firstMatch(in: name, range: NSRange(location: 0, length: name.utf16.count)) != nil,
                      let patternSchema = patterned[pattern]
                else { continue }
                described = true
                check(member, against: patternSchema, at: memberPath, depth: depth + 1, into: &out)
            }
            guard !described, let additional else { continue }
            if additional == .bool(false) {
                out.append("\(path): the property \(OAValue.string(name).brief) is not allowed")
            } else {
                check(member, against: additional, at: memberPath, depth: depth + 1, into: &out)
            }
        }
    }
}

// MARK: - Path templates

private struct OAPathTemplate {
    enum Part: Equatable {
        case literal(String)
        case parameter
    }

    let path: String
    let methods: [String]
    let segments: [[Part]]
    /// Per segment: 2 for a literal, 1 for one mixing text and parameters, 0 for a bare `{param}`.
    let ranks: [Int]

    init(path: String, methods: [String]) {
        self.path = path
        self.methods = methods
        segments = path.split(separator: "/", omittingEmptySubsequences: false).map(Self.parts)
        ranks = segments.map { parts in
            if !parts.contains(.parameter) { return 2 }
            return parts == [.parameter] ? 0 : 1
        }
    }

    func matches(_ concrete: [Substring]) -> Bool {
        concrete.count == segments.count
            && zip(segments, concrete).allSatisfy { Self.match($0[...], $1) }
    }

    private static func parts(_ segment: Substring) -> [Part] {
        var parts: [Part] = []
        var rest = segment
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.parameter)
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty || parts.isEmpty { parts.append(.literal(String(rest))) }
        return parts
    }

    /// A parameter stands for one or more characters (never a `/`: segments are matched one by one).
    private static func match(_ parts: ArraySlice<Part>, _ text: Substring) -> Bool {
        guard let first = parts.first else { return text.isEmpty }
        switch first {
        case let .literal(literal):
            return text.hasPrefix(literal) && match(parts.dropFirst(), text.dropFirst(literal.count))
        case .parameter:
            var end = text.startIndex
            while end < text.endIndex {
                end = text.index(after: end)
                if match(parts.dropFirst(), text[end...]) { return true }
            }
            return false
        }
    }
}

// MARK: - Walking the document's schemas

private struct OAExampleSite {
    let location: String
    let schema: OAValue
    let value: OAValue
}

/// Finds every schema of the document: the keywords it uses, the patterns to compile, and the examples.
private struct OASchemaWalker {
    static let checked: Set<String> = [
        "$ref", "type", "nullable", "enum", "const", "properties", "required", "additionalProperties",
        "patternProperties", "minProperties", "maxProperties", "items", "prefixItems", "additionalItems",
        "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ]
    static let annotations: Set<String> = [
        "description", "title", "summary", "examples", "example", "default", "deprecated", "readOnly", "writeOnly",
        "contentEncoding", "contentMediaType", "$comment", "$schema", "$id", "$anchor", "$defs", "definitions",
        "discriminator", "xml", "externalDocs",
    ]

    let document: OAValue
    var patterns: Set<String> = []
    var unknownKeywords: Set<String> = []
    var examples: [OAExampleSite] = []

    init(document: OAValue) {
        self.document = document
    }

    mutating func walkDocument() {
        guard let root = document.object else { return }
        for key in root.keys {
            guard let value = root[key] else { continue }
            if key == "components", let components = value.object {
                for part in components.keys {
                    guard let member = components[part] else { continue }
                    if part == "schemas", let schemas = member.object {
                        for name in schemas.keys {
                            if let schema = schemas[name] { walkSchema(schema, at: "#/components/schemas/" + OAValue.escape(name)) }
                        }
                    } else if part != "examples" {  // named example values: checked where they are used
                        walkOpenAPI(member, at: "#/components/" + OAValue.escape(part))
                    }
                }
            } else {
                walkOpenAPI(value, at: "#/" + OAValue.escape(key))
            }
        }
    }

    /// OpenAPI objects: any object with a `schema` (media types, parameters, headers) holds a schema, and
    /// its `example` / `examples` illustrate that schema.
    private mutating func walkOpenAPI(_ value: OAValue, at location: String) {
        switch value {
        case let .array(items):
            for (index, item) in items.enumerated() { walkOpenAPI(item, at: "\(location)/\(index)") }
        case let .object(object):
            if let schema = object["schema"] {
                walkSchema(schema, at: location + "/schema")
                if let example = object["example"] {
                    examples.append(OAExampleSite(location: location + "/example", schema: schema, value: example))
                }
                if let named = object["examples"]?.object {
                    for name in named.keys {
                        guard let example = OAValue.resolveChain(named[name], in: document)?.object,
                              let sample = example["value"] else { continue }
                        examples.append(OAExampleSite(location: location + "/examples/" + OAValue.escape(name) + "/value",
                                                      schema: schema, value: sample))
                    }
                }
            }
            for key in object.keys where !["schema", "example", "examples"].contains(key) && !key.hasPrefix("x-") {
                if let member = object[key] { walkOpenAPI(member, at: location + "/" + OAValue.escape(key)) }
            }
        default: break
        }
    }

    private mutating func walkSchema(_ schema: OAValue, at location: String) {
        guard let object = schema.object else { return }
        for key in object.keys where !Self.checked.contains(key) && !Self.annotations.contains(key) && !key.hasPrefix("x-") {
            unknownKeywords.insert(key)
        }
        if let pattern = object["pattern"]?.string { patterns.insert(pattern) }
        if let samples = object["examples"]?.array {
            for (index, sample) in samples.enumerated() {
                examples.append(OAExampleSite(location: "\(location)/examples/\(index)", schema: schema, value: sample))
            }
        }
        if let sample = object["example"] {
            examples.append(OAExampleSite(location: location + "/example", schema: schema, value: sample))
        }
        for key in ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"] {
            guard let members = object[key]?.object else { continue }
            if key == "patternProperties" { patterns.formUnion(members.keys) }
            for name in members.keys {
                if let member = members[name] { walkSchema(member, at: "\(location)/\(key)/\(OAValue.escape(name))") }
            }
        }
        for key in ["items", "prefixItems", "allOf", "anyOf", "oneOf"] {
            if let list = object[key]?.array {
                for (index, member) in list.enumerated() { walkSchema(member, at: "\(location)/\(key)/\(index)") }
            }
        }
        for key in ["items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains",
                    "propertyNames", "unevaluatedItems", "unevaluatedProperties"] {
            if let member = object[key], member.object != nil { walkSchema(member, at: "\(location)/\(key)") }
        }
    }
}

// MARK: - Formats

private enum OAFormat {
    /// 8-4-4-4-12 hexadecimal digits, either case.
    static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard isHex(byte) else { return false }
            }
        }
        return true
    }

    /// RFC 3339 `date-time`: `2026-07-01T20:00:00Z`, with optional fractional seconds and a `Z` or `±hh:mm` offset.
    static func isDateTime(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return false }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<(start + count)] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard number(0, 4) != nil, bytes[4] == UInt8(ascii: "-"), let month = number(5, 2), (1...12).contains(month),
              bytes[7] == UInt8(ascii: "-"), let day = number(8, 2), (1...31).contains(day),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let hour = number(11, 2), hour < 24, bytes[13] == UInt8(ascii: ":"),
              let minute = number(14, 2), minute < 60, bytes[16] == UInt8(ascii: ":"),
              let second = number(17, 2), second <= 60
        else { return false }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return false }
        }
        guard index < bytes.count else { return false }
        if bytes[index] == UInt8(ascii: "Z") || bytes[index] == UInt8(ascii: "z") { return index + 1 == bytes.count }
        guard bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 == bytes.count,
              let offsetHours = number(index + 1, 2), offsetHours < 24, bytes[index + 3] == UInt8(ascii: ":"),
              let offsetMinutes = number(index + 4, 2), offsetMinutes < 60
        else { return false }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }
}

// MARK: - JSON values

/// A JSON value. Numbers are doubles (JSON Schema compares them by value: `1 == 1.0`); booleans are never numbers.
private enum OAValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([OAValue])
    case object(OAObject)

    var object: OAObject? { if case let .object(value) = self { value } else { nil } }
    var array: [OAValue]? { if case let .array(value) = self { value } else { nil } }
    var string: String? { if case let .string(value) = self { value } else { nil } }
    var number: Double? { if case let .number(value) = self { value } else { nil } }
    var bool: Bool? { if case let .bool(value) = self { value } else { nil } }

    subscript(key: String) -> OAValue? { object?[key] }

    func hasType(_ type: String) -> Bool {
        switch (type, self) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
             ("number", .number): true
        case let ("integer", .number(value)): value.isFinite && value.rounded(.towardZero) == value
        default: false
        }
    }

    /// The value as a violation message shows it: `null`, `true`, `12`, `"text"`, `an object`, `an array`.
    var brief: String {
        switch self {
        case .null: "null"
        case let .bool(value): value ? "true" : "false"
        case let .number(value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case let .string(value):
            Self.quoted(value.unicodeScalars.count > 60 ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(57))) + "..." : value)
        case .array: "an array"
        case .object: "an object"
        }
    }

    static func quoted(_ text: String) -> String { JSONText.quoted(text) }

    /// `.name` for identifier-like keys, `["odd key"]` otherwise.
    static func pathComponent(_ name: String) -> String {
        let identifier = !name.isEmpty && name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar == "_" || (scalar.isASCII && (CharacterSet.letters.contains(scalar)
                || (index > 0 && CharacterSet.decimalDigits.contains(scalar))))
        }
        return identifier ? "." + name : "[\(quoted(name))]"
    }

    /// A JSON Pointer reference token.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The value a local reference (`#/components/schemas/Event`) points at.
    static func resolve(_ reference: String, in document: OAValue) -> OAValue? {
        guard reference.hasPrefix("#") else { return nil }
        let pointer = reference.dropFirst().removingPercentEncoding ?? String(reference.dropFirst())
        if pointer.isEmpty { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var current = document
        for token in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case let .object(object):
                guard let next = object[key] else { return nil }
                current = next
            case let .array(items):
                guard let index = Int(key), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    /// Follows `{"$ref": ...}` objects (responses, path items, examples) to what they name.
    static func resolveChain(_ value: OAValue?, in document: OAValue) -> OAValue? {
        var current = value
        for _ in 0..<16 {
            guard let reference = current?["$ref"]?.string else { return current }
            current = resolve(reference, in: document)
        }
        return nil
    }
}

/// A JSON object: members by name, and the names in document order.
private struct OAObject: Equatable {
    var keys: [String] = []
    var members: [String: OAValue] = [:]

    subscript(key: String) -> OAValue? { members[key] }

    static func == (lhs: OAObject, rhs: OAObject) -> Bool { lhs.members == rhs.members }
}

/// A strict RFC 8259 parser (a duplicate key keeps its last value).
private struct OAParser {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ data: Data) {
        bytes = [UInt8](data)
    }

    mutating func parseDocument() throws -> OAValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected data after the JSON value") }
        return value
    }

    private func failure(_ message: String) -> Failure {
        Failure(description: "\(message) at byte \(index)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func expect(_ literal: String) throws {
        let expected = Array(literal.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw failure("invalid literal")
        }
        index += expected.count
    }

    private mutating func parseValue(depth: Int) throws -> OAValue {
        guard depth < 512 else { throw failure("nesting too deep") }
        guard index < bytes.count else { throw failure("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func parseObject(depth: Int) throws -> OAValue {
        index += 1
        var object = OAObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth + 1)
            if object.members.updateValue(value, forKey: key) == nil { object.keys.append(key) }
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(object)
            } else {
                throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws -> OAValue {
        index += 1
        var items: [OAValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("unterminated array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
            } else if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            } else {
                throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseString() throws -> String {
        index += 1
        var buffer: [UInt8] = []
        var start = index
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                buffer += bytes[start..<index]
                index += 1
                break
            }
            if byte == UInt8(ascii: "\\") {
                buffer += bytes[start..<index]
                index += 1
                guard index < bytes.count else { throw failure("unterminated string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw failure("unpaired UTF-16 surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired UTF-16 surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw failure("unpaired UTF-16 surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
                    buffer += Array(String(Character(scalar)).utf8)
                default: throw failure("invalid escape")
                }
                start = index
                continue
            }
            guard byte >= 0x20 else { throw failure("unescaped control character in a string") }
            index += 1
        }
        guard let text = String(bytes: buffer, encoding: .utf8) else { throw failure("a string is not valid UTF-8") }
        return text
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value * 16 + UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func parseNumber() throws -> OAValue {
        let start = index
        func isDigit(_ position: Int) -> Bool {
            position < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw failure("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw failure("invalid number") }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw failure("invalid number") }
            while isDigit(index) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw failure("number out of range") }
        return .number(value)
    }
}
