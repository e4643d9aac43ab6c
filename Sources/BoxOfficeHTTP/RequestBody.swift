import Foundation

/// A JSON request body that names the fields it accepts. `JSONRequest.decode` refuses any
/// other field, as Stripe refuses an unknown parameter: `JSONDecoder` skips keys it does
/// not know, so a misspelt `hold_minutes` would quietly give the default hold.
protocol RequestBody: Decodable {
    /// The body's fields, in the order its decoding reads them; the snake_case of each
    /// case's `stringValue` is its JSON key.
    associatedtype CodingKeys: CodingKey & CaseIterable
    /// The fields that hold an object, or an array of objects, of a body of their own
    /// (a field not listed here may hold any object: nothing inside it is checked).
    static var nestedBodies: [String: any RequestBody.Type] { get }
    /// Why `field`, a key this body does not have, is refused.
    static func refusal(ofUnknownField field: String) -> String
}

extension RequestBody {
    static var nestedBodies: [String: any RequestBody.Type] { [:] }

    static func refusal(ofUnknownField field: String) -> String { unknownFieldReason }

    /// The refusal of a key that no body has.
    static var unknownFieldReason: String { "is not a known field" }

    /// The JSON keys of the body's fields, in decoding order.
    static var fieldNames: [String] { CodingKeys.allCases.map(\.stringValue.snakeCased) }

    /// The first key of `object` (this body's JSON, parsed) that the body does not have, at
    /// any depth, as a path such as `sections[0].colour`, with why it is refused.
    static func unknownField(in object: [String: Any], at path: String = "") -> (field: String, reason: String)? {
        let known = Set(fieldNames)
        for key in object.keys.sorted() {
            let field = path.isEmpty ? key : "\(path).\(key)"
            guard known.contains(key) else { return (field, refusal(ofUnknownField: key)) }
            guard let nested = nestedBodies[key] else { continue }
            for (child, childPath) in Self.objects(in: object[key], at: field) {
                if let found = nested.unknownField(in: child, at: childPath) { return found }
            }
        }
        return nil
    }

    /// The first field, in decoding order, that holds a number no integer field can take
    /// (a fraction, or beyond 64 bits), with why. `JSONDecoder` refuses such a number
    /// without saying where; every number field of every body is an integer, and every
    /// field decoded before the one that failed was decoded, so the first such number in
    /// decoding order is the one it refused.
    static func fieldHoldingANonInteger(in object: [String: Any], at path: String = "") -> (field: String, reason: String)? {
        for key in fieldNames {
            guard let value = object[key] else { continue }
            let field = path.isEmpty ? key : "\(path).\(key)"
            if let nested = nestedBodies[key] {
                for (child, childPath) in Self.objects(in: value, at: field) {
                    if let found = nested.fieldHoldingANonInteger(in: child, at: childPath) { return found }
                }
            } else if let reason = Self.refusal(ofNumber: value) {
                return (field, reason)
            }
        }
        return nil
    }

    /// Why no integer field takes `value`; nil if one does, or if it is not a number.
    private static func refusal(ofNumber value: Any) -> String? {
        guard !(value is Bool), !(value is Int), let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        if Int(exactly: double) != nil { return nil }
        return double.rounded() == double ? "is out of range" : "must be a whole number"
    }

    /// The objects a nested field holds, with their paths: the object itself, or each
    /// object of an array.
    private static func objects(in value: Any?, at path: String) -> [(object: [String: Any], path: String)] {
        if let object = value as? [String: Any] { return [(object, path)] }
        guard let items = value as? [Any] else { return [] }
        return items.enumerated().compactMap { index, item in (item as? [String: Any]).map { ($0, "\(path)[\(index)]") } }
    }
}

/// A JSON object the API accepts and ignores, whatever it holds.
struct IgnoredObject: Decodable {
    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: AnyCodingKey.self)
    }
}
