import Foundation

extension Event {
    /// When the event starts as the venue's clock reads it: "Saturday 12 December 2026,
    /// 20:00 CET" (English, as every ticket is printed).
    package var venueStartText: String { venueText(startsAt) }

    /// Any instant as the venue's clock reads it, in the same form.
    package func venueText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = venue.zone
        formatter.dateFormat = "EEEE d MMMM yyyy, HH:mm zzz"
        return formatter.string(from: date)
    }
}

extension Int {
    /// An amount in cents of `currency` as a person reads it: "USD 45.00" (zero-decimal
    /// currencies such as JPY without decimals).
    package func moneyText(currency: String) -> String {
        let code = currency.uppercased()
        if Self.zeroDecimalCurrencies.contains(code) { return "\(code) \(self)" }
        let sign = self < 0 ? "-" : ""
        let cents = abs(self) % 100
        return "\(code) \(sign)\(abs(self) / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    private static let zeroDecimalCurrencies: Set<String> = ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF",
                                                             "UGX", "VND", "VUV", "XAF", "XOF", "XPF"]
}
