import Foundation

/// Who a presale window lets in.
package enum PresaleKind: String, Sendable, Codable {
    /// Buyers who send one of the window's codes.
    case code
    /// Buyers whose account email is on the window's list.
    case list
    /// Everyone: a general on-sale period.
    case general
}

/// A period in which some buyers (or everyone) may reserve, with its own per-buyer limit.
package struct PresaleWindow: Sendable, Equatable, Codable {
    package static let maxCodes = 100_000
    package static let maxEmails = 100_000

    package var name: String
    package var startsAt: Date
    package var endsAt: Date
    package var kind: PresaleKind
    /// Accepted codes, compared without regard to case or surrounding space.
    package var codes: [String]
    /// Lower-cased account emails.
    package var emails: [String]
    /// Tickets one buyer may hold and own through this window; nil: the event's limit.
    package var maxTicketsPerUser: Int?
    /// Whether a code, once used by one account, is refused to every other account.
    package var singleUse: Bool

    package init(name: String, startsAt: Date, endsAt: Date, kind: PresaleKind, codes: [String] = [], emails: [String] = [],
                 maxTicketsPerUser: Int? = nil, singleUse: Bool = false) {
        self.name = name
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.kind = kind
        self.codes = codes
        self.emails = emails
        self.maxTicketsPerUser = maxTicketsPerUser
        self.singleUse = singleUse
    }

    package func isOpen(at date: Date) -> Bool { startsAt <= date && date < endsAt }

    package static func normalize(code: String) -> String { code.trimmed.uppercased() }

    func accepts(code: String?) -> Bool {
        guard let code else { return false }
        let wanted = Self.normalize(code: code)
        return codes.contains { Self.normalize(code: $0) == wanted }
    }

    /// Checks the window's fields; `index` names it in errors.
    package func validated(index: Int, eventLimit: Int) throws(BookingError) -> PresaleWindow {
        let field = "presales[\(index)]"
        var window = self
        window.name = name.trimmed
        guard !window.name.isEmpty, window.name.count <= 100 else {
            throw .invalid(field: "\(field).name", reason: "must be 1 to 100 characters")
        }
        guard startsAt < endsAt else { throw .invalid(field: "\(field).ends_at", reason: "must be after starts_at") }
        if let limit = maxTicketsPerUser, !(1...eventLimit).contains(limit) {
            throw .invalid(field: "\(field).max_tickets_per_user", reason: "must be between 1 and the event's limit (\(eventLimit))")
        }
        switch kind {
        case .code:
            window.codes = codes.map(\.trimmed)
            guard !window.codes.isEmpty, window.codes.count <= Self.maxCodes else {
                throw .invalid(field: "\(field).codes", reason: "a code window needs 1 to \(Self.maxCodes) codes")
            }
            guard window.codes.allSatisfy({ (1...64).contains($0.count) }) else {
                throw .invalid(field: "\(field).codes", reason: "each code must be 1 to 64 characters")
            }
            guard emails.isEmpty else { throw .invalid(field: "\(field).emails", reason: "only a list window has emails") }
        case .list:
            window.emails = emails.map { $0.trimmed.lowercased() }
            guard !window.emails.isEmpty, window.emails.count <= Self.maxEmails else {
                throw .invalid(field: "\(field).emails", reason: "a list window needs 1 to \(Self.maxEmails) emails")
            }
            guard window.emails.allSatisfy({ $0.contains("@") && $0.count <= 254 }) else {
                throw .invalid(field: "\(field).emails", reason: "each entry must be an email address")
            }
            guard codes.isEmpty else { throw .invalid(field: "\(field).codes", reason: "only a code window has codes") }
        case .general:
            guard codes.isEmpty, emails.isEmpty else {
                throw .invalid(field: "\(field).kind", reason: "a general window has no codes or emails")
            }
        }
        return window
    }
}

/// Which window a reservation is made under, as the hold records it.
package struct PresaleClaim: Sendable, Equatable {
    package var window: String
    /// The window's per-buyer limit, counted over reservations made under it.
    package var limit: Int?

    package init(window: String, limit: Int?) {
        self.window = window
        self.limit = limit
    }
}

/// The rule deciding who may reserve when, from the sale start and the presale windows.
package struct SaleAccess: Sendable {
    package var saleStartsAt: Date?
    package var presales: [PresaleWindow]

    package init(saleStartsAt: Date?, presales: [PresaleWindow]) {
        self.saleStartsAt = saleStartsAt
        self.presales = presales
    }

    /// The general on-sale: any open `general` window if the event has such windows,
    /// otherwise from `sale_starts_at` (or always, without one).
    package func generalSaleOpen(at date: Date) -> Bool {
        let general = presales.filter { $0.kind == .general }
        if !general.isEmpty { return general.contains { $0.isOpen(at: date) } }
        return saleStartsAt.map { date >= $0 } ?? true
    }

    /// The earliest moment anybody may reserve.
    package var firstOnSale: Date? {
        let starts = presales.map(\.startsAt) + [saleStartsAt].compactMap { $0 }
        return starts.min()
    }

    /// Decides whether the buyer may reserve at `date`: nil during general on-sale, the
    /// matching window during a presale; otherwise throws `saleNotStarted`,
    /// `presaleRequired` or `presaleCodeInvalid`.
    package func window(at date: Date, email: String?, code: String?) throws(BookingError) -> PresaleWindow? {
        if generalSaleOpen(at: date) { return nil }
        let open = presales.filter { $0.kind != .general && $0.isOpen(at: date) }
        guard !open.isEmpty else {
            let next = (presales.map(\.startsAt) + [saleStartsAt].compactMap { $0 }).filter { $0 > date }.min()
            if let next { throw .saleNotStarted(next) }
            throw .salesClosed
        }
        let email = email?.lowercased()
        if let match = open.first(where: { $0.kind == .list && email.map($0.emails.contains) == true }) { return match }
        if let match = open.first(where: { $0.kind == .code && $0.accepts(code: code) }) { return match }
        if code != nil, open.contains(where: { $0.kind == .code }) { throw .presaleCodeInvalid }
        throw .presaleRequired(open.map(\.name))
    }
}
