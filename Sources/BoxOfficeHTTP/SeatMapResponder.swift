import BoxOfficeCore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Renders `GET /api/v1/events/{id}/seats` from the in-memory seat map, with an ETag
/// that changes whenever what a reader would see changes.
///
/// The body is written by hand rather than through `JSONEncoder`: a 20,000-seat map is
/// the hottest read of an on-sale and this is several times faster.
package enum SeatMapResponder {
    /// Names this process in ETags: two nodes may reach the same version number with
    /// different contents, so one node's ETag must never validate another's body.
    static let node = UUID().uuidString.prefix(8).lowercased()

    /// Answers from the ETag and the body cache when it can; asks for the seat map
    /// itself only to encode a version not encoded yet.
    static func respond(
        to request: Request, event: Event, etag baseETag: String, now: Date, cache: SeatMapBodyCache,
        seatMap: @escaping @Sendable () async throws -> SeatMapSnapshot
    ) async throws -> Response {
        // The whole map, unfiltered (what a buyer's page revalidates), skips the query parsing.
        let parameters = request.uri.query?.isEmpty == false ? request.uri.queryParameters : [:]
        let sectionFilter = parameters.get("section")
        var statusFilter: SeatStatus?
        if let text = parameters.get("status") {
            guard let status = SeatStatus(rawValue: text.uppercased()) else {
                throw BookingError.invalid(field: "status", reason: "must be one of AVAILABLE, HELD, SOLD, BLOCKED")
            }
            statusFilter = status
        }
        let sections = sectionFilter.map { filter in
            event.sections.filter { $0.id.text == filter.lowercased() || $0.name.caseInsensitiveCompare(filter) == .orderedSame }
        } ?? event.sections
        if let sectionFilter, sections.isEmpty {
            throw APIError(.notFound, "SECTION_NOT_FOUND", "No section \(sectionFilter) in this event")
        }
        let representation = (sectionFilter == nil ? "all" : sections.map { $0.id.text.prefix(8) }.joined(separator: "+"))
            + "-" + (statusFilter?.rawValue ?? "any")
        let etag = "\"\(node)-" + String(baseETag.dropFirst().dropLast()) + "-\(representation)\""
        // The gzip body is another representation, so it has its own ETag (either validates).
        let gzipETag = String(etag.dropLast()) + "-gzip\""
        let wantsGzip = acceptsGzip(request.headers[.acceptEncoding])
        var headers: HTTPFields = [.eTag: wantsGzip ? gzipETag : etag, .cacheControl: "no-cache", .vary: "Accept-Encoding"]
        // If-None-Match compares weakly (RFC 9110 13.1.2): `W/"x"` matches `"x"`. A proxy
        // that compresses (nginx's gzip) hands clients our ETag marked weak.
        if let match = request.headers[.ifNoneMatch], match == etag || match == gzipETag
            || match.split(separator: ",").contains(where: { candidate in
                let tag = String(candidate).trimmed
                return [etag, gzipETag, "*"].contains(tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag)
            }) {
            return Response(status: .notModified, headers: headers)
        }
        let status = statusFilter
        let render: @Sendable () async throws -> ByteBuffer = {
            ByteBuffer(string: Self.render(try await seatMap(), sections: sections, status: status, now: now))
        }
        let body = try await cache.body(for: etag, render: render)
        guard wantsGzip, body.readableBytes >= gzipThreshold else {
            headers[.eTag] = etag
            return JSONResponse.raw(body, headers: headers)
        }
        // Compressed once per version and filter, like the plain body; a 20,000-seat map
        // shrinks about fourfold (seat ids are random hex), which is what a buyer's phone waits for.
        let compressed = try await cache.body(for: gzipETag) {
            guard let compressed = Gzip.compress(try await cache.body(for: etag, render: render)) else {
                throw APIError(.internalServerError, "INTERNAL_ERROR", "compression failed")
            }
            return compressed
        }
        headers[.contentEncoding] = "gzip"
        return JSONResponse.raw(compressed, headers: headers)
    }

    /// Bodies smaller than this are sent as they are.
    static let gzipThreshold = 8_192

    /// Whether `Accept-Encoding` allows gzip (not refused with `q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.lowercased().split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { String($0).trimmed }
            guard pieces.first == "gzip" || pieces.first == "*" else { return false }
            return !pieces.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" || $0 == "q=0.0" }
        }
    }

    package static func render(_ map: SeatMapSnapshot, sections: [Section], status filter: SeatStatus?, now: Date) -> String {
        let available = map.availability(at: now)
        let wanted = Set(sections.map(\.id))
        var seatsBySection: [UUID: [SeatState]] = [:]
        for state in map.seats where wanted.contains(state.seat.sectionID) {
            seatsBySection[state.seat.sectionID, default: []].append(state)
        }
        var out = "{\"event_id\":\"\(map.event.id.text)\",\"version\":\(map.version),\"sections\":["
        out.reserveCapacity(96 * map.seats.count + 1024)
        for (index, section) in sections.enumerated() {
            if index > 0 { out += "," }
            out += "{\"section_id\":\"\(section.id.text)\",\"name\":\(JSONText.quoted(section.name)),\"kind\":\"\(section.kind.rawValue)\","
            out += "\"price_cents\":\(section.priceCents),\"capacity\":\(section.capacity),\"available_count\":\(available[section.id] ?? 0),\"seats\":["
            var first = true
            for state in seatsBySection[section.id] ?? [] {
                let status = SeatMapSnapshot.visibleStatus(state, at: now)
                if let filter, filter != status { continue }
                if !first { out += "," }
                first = false
                out += "{\"seat_id\":\"\(state.seat.id.text)\",\"row\":\(JSONText.quoted(state.seat.row)),\"number\":\(state.seat.number),"
                out += "\"price_cents\":\(state.seat.priceCents),\"status\":\"\(status.rawValue)\"}"
            }
            out += "]}"
        }
        let total = sections.reduce(0) { $0 + (available[$1.id] ?? 0) }
        out += "],\"total_available\":\(total),\"last_updated\":\"\(ISO8601.format(map.lastUpdated))\"}"
        return out
    }
}

/// Encoded seat-map bodies by ETag, so a map is encoded once per version and filter,
/// not once per request; concurrent readers of a version not encoded yet wait for the
/// one encoding instead of each encoding it. Small and bounded: a sale reads a few hot maps.
final class SeatMapBodyCache: Sendable {
    private let capacity: Int
    private let bodies = Mutex<[String: Task<ByteBuffer, any Error>]>([:])

    init(capacity: Int = 32) {
        self.capacity = capacity
    }

    func body(for etag: String, render: @escaping @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer {
        let task = bodies.withLock { bodies in
            if let existing = bodies[etag] { return existing }
            if bodies.count >= capacity { bodies.removeAll(keepingCapacity: true) }
            let task = Task { try await render() }
            bodies[etag] = task
            return task
        }
        do {
            return try await task.value
        } catch {
            bodies.withLock { _ = $0.removeValue(forKey: etag) }
            throw error
        }
    }
}
