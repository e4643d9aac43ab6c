import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird

/// A JSON value, for error details and documents built in code.
enum JSONValue: Encodable, Sendable, Equatable {
    case string(String), int(Int), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case .null: try container.encodeNil()
        case let .array(values): try container.encode(values)
        case let .object(values): try container.encode(values)
        }
    }
}

/// ISO 8601 instants as the API writes and reads them.
enum ISO8601 {
    /// `2026-07-01T20:00:00Z`, whole seconds, UTC.
    static func format(_ date: Date) -> String { ISO8601Text.format(date) }

    static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// Encoding responses: snake_case keys, ISO 8601 dates, sorted keys for stable bodies.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"INTERNAL_ERROR","message":"response encoding failed"}"#.utf8)
        return raw(ByteBuffer(bytes: data), status: status, headers: headers)
    }

    static func raw(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: body))
    }
}

/// A request body whose `CodingKeys` are already the snake_case JSON keys (hot routes
/// skip the decoder's per-key conversion).
protocol SnakeCaseKeyed: Decodable {}

/// Decoding request bodies into clear 400/422 errors instead of 500s.
enum JSONRequest {
    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = ISO8601.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date-time such as 2026-07-01T20:00:00Z")
            }
            return date
        }
        return decoder
    }()

    /// For bodies that spell their own snake_case keys: no key conversion per decode.
    static let plainDecoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = JSONRequest.decoder.dateDecodingStrategy
        return decoder
    }()

    static func decode<T: RequestBody>(_ type: T.Type, from request: Request, context: AppRequestContext) async throws -> T {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, "BODY_TOO_LARGE", "The request body is larger than \(context.maxUploadSize) bytes")
        }
        guard body.readableBytes > 0 else { throw APIError(.badRequest, "INVALID_JSON", "The request needs a JSON body") }
        return try decode(type, body: body)
    }

    /// As `decode(_:from:context:)`, but an empty body is `empty` (routes whose body is optional).
    static func decode<T: RequestBody>(_ type: T.Type, from request: Request, context: AppRequestContext, ifEmpty empty: T) async throws -> T {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw APIError(.contentTooLarge, "BODY_TOO_LARGE", "The request body is larger than \(context.maxUploadSize) bytes")
        }
        guard body.readableBytes > 0 else { return empty }
        return try decode(type, body: body)
    }

    private static func decode<T: RequestBody>(_ type: T.Type, body: ByteBuffer) throws -> T {
        // The flat reader takes only the body's own keys, so a body it reads has no unknown field.
        if let flatType = T.self as? any FlatJSONDecodable.Type,
           let value = body.withUnsafeReadableBytes({ bytes in FlatJSON(bytes).flatMap { flatType.init(flat: $0) } }) {
            return value as! T
        }
        let data = Data(buffer: body)
        // The parsed tree tells broken JSON (400) from a wrong shape (422), and says what the
        // decoder cannot: which keys it would skip unread, and where a number no integer
        // field takes is.
        guard let tree = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            throw APIError(.badRequest, "INVALID_JSON", "The request body is not valid JSON")
        }
        let object = tree as? [String: Any]
        if let object, let unknown = T.unknownField(in: object) {
            throw BookingError.invalid(field: unknown.field, reason: unknown.reason)
        }
        do {
            return try (T.self is any SnakeCaseKeyed.Type ? plainDecoder : decoder).decode(T.self, from: data)
        } catch let error as DecodingError {
            if case let .dataCorrupted(failure) = error, failure.codingPath.isEmpty, let object,
               let number = T.fieldHoldingANonInteger(in: object) {
                throw BookingError.invalid(field: number.field, reason: number.reason)
            }
            throw APIError(error)
        }
    }
}

extension APIError {
    init(_ error: DecodingError) {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (last.map { [$0] } ?? [])
            let text = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue.snakeCased)" }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "body" : text)
        }
        let field: String
        let reason: String
        switch error {
        case let .keyNotFound(key, context): (field, reason) = (path(context.codingPath, key), "is required")
        case let .typeMismatch(type, context): (field, reason) = (path(context.codingPath), "must be of type \(Self.jsonType(type))")
        case let .valueNotFound(type, context): (field, reason) = (path(context.codingPath), "must be a \(Self.jsonType(type)), not null")
        case let .dataCorrupted(context): (field, reason) = (path(context.codingPath), Self.plainReason(context.debugDescription))
        @unknown default: (field, reason) = ("body", "is not valid")
        }
        self.init(.unprocessableContent, "VALIDATION_ERROR", "\(field) \(reason)", details: ["field": .string(field)])
    }

    /// Foundation's wording, without its Swift type names.
    private static func plainReason(_ description: String) -> String {
        if description.hasPrefix("Cannot initialize") { return "is not one of the accepted values" }
        if description.contains("not valid JSON") { return "is not valid JSON, or holds a number out of range" }
        return description
    }

    private static func jsonType(_ type: Any.Type) -> String {
        if "\(type)".hasPrefix("Dictionary") { return "object" }
        return switch type {
        case is String.Type: "string"
        case is Int.Type, is Int64.Type: "integer"
        case is Bool.Type: "boolean"
        case is Double.Type: "number"
        default: type is any Collection.Type ? "array" : "object"
        }
    }
}

extension UUID {
    /// Parses an id from a path or body; nil for anything that is not a UUID.
    init?(apiText: String?) {
        guard let apiText, let id = UUID(text: apiText) else { return nil }
        self = id
    }
}

/// A coding key for whatever a JSON object holds (to list the keys a client sent).
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension String {
    /// A Swift property name as its JSON key (`maxTicketsPerUser` → `max_tickets_per_user`).
    var snakeCased: String {
        reduce(into: "") { text, character in
            if character.isUppercase { text += "_" + character.lowercased() } else { text.append(character) }
        }
    }
}
