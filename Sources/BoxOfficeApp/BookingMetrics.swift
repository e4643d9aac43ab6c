import BoxOfficeCore
import CoreMetrics
import Foundation

/// The booking counters, timers and gauges operators watch during a sale, made with an
/// explicit factory so each application instance (and each test) has its own.
package struct BookingMetrics: Sendable {
    let factory: any MetricsFactory
    let reservationAttempts: Counter
    let reservationSuccesses: Counter
    let reservationConflicts: Counter
    let reservationRejections: Counter
    let reservationLatency: CoreMetrics.Timer
    let holdsExpired: Counter
    let holdsCancelled: Counter
    let paymentSuccesses: Counter
    let paymentFailures: Counter
    let paymentLatency: CoreMetrics.Timer
    let ticketsIssued: Counter
    let activeHolds: Gauge
    let queueJoins: Counter

    package init(factory: any MetricsFactory) {
        self.factory = factory
        reservationAttempts = Counter(label: "boxoffice_reservation_attempts_total", factory: factory)
        reservationSuccesses = Counter(label: "boxoffice_reservation_success_total", factory: factory)
        reservationConflicts = Counter(label: "boxoffice_reservation_conflicts_total", factory: factory)
        reservationRejections = Counter(label: "boxoffice_reservation_rejected_total", factory: factory)
        reservationLatency = CoreMetrics.Timer(label: "boxoffice_reservation_duration_seconds", factory: factory)
        holdsExpired = Counter(label: "boxoffice_holds_expired_total", factory: factory)
        holdsCancelled = Counter(label: "boxoffice_holds_cancelled_total", factory: factory)
        paymentSuccesses = Counter(label: "boxoffice_payment_success_total", factory: factory)
        paymentFailures = Counter(label: "boxoffice_payment_failure_total", factory: factory)
        paymentLatency = CoreMetrics.Timer(label: "boxoffice_payment_duration_seconds", factory: factory)
        ticketsIssued = Counter(label: "boxoffice_tickets_issued_total", factory: factory)
        activeHolds = Gauge(label: "boxoffice_active_holds", factory: factory)
        queueJoins = Counter(label: "boxoffice_queue_joins_total", factory: factory)
    }

    /// A factory that records nothing, for code paths built without metrics.
    package static let disabled = BookingMetrics(factory: NOOPMetricsHandler.instance)

    /// Records one hold attempt's outcome and latency.
    func recordHold(started: ContinuousClock.Instant, outcome: Result<HoldOutcome, any Error>) {
        reservationAttempts.increment()
        reservationLatency.recordNanoseconds(Int64((ContinuousClock.now - started).nanoseconds))
        switch outcome {
        case .success: reservationSuccesses.increment()
        case .failure(BookingError.seatsUnavailable), .failure(BookingError.insufficientInventory): reservationConflicts.increment()
        case .failure: reservationRejections.increment()
        }
    }

    /// Buyers waiting in and admitted from an event's queue.
    func recordQueue(eventID: UUID, waiting: Int, admitted: Int) {
        Gauge(label: "boxoffice_queue_length", dimensions: [("event_id", eventID.text)], factory: factory).record(waiting)
        Gauge(label: "boxoffice_queue_admitted", dimensions: [("event_id", eventID.text)], factory: factory).record(admitted)
    }

    /// Seats (or GA places) available now, per event; set from the in-memory seat maps.
    func recordAvailability(eventID: UUID, available: Int) {
        Gauge(label: "boxoffice_seats_available", dimensions: [("event_id", eventID.text)], factory: factory).record(available)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
