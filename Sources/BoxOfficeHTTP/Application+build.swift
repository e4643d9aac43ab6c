import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import Prometheus
import ServiceLifecycle

/// Builds the HTTP application around the services: the one way the server is built, for
/// the server and for tests alike. `background` are the node's long-running parts, in
/// dependency order; the application runs them in its service group with the HTTP server
/// last, so the server stops first on shutdown and they stop after it, in reverse.
package func buildApplication(_ services: HTTPServices, settings: HTTPSettings,
                              background: [any Service] = []) -> some ApplicationProtocol {
    Application(
        router: buildRouter(services, settings: settings),
        // HTTP/1.1 with the seat map's WebSocket upgrade (the live map's own router decides it).
        server: .http1WebSocketUpgrade(webSocketRouter: LiveSeatMapController(live: services.live, origins: services.origins).webSocketRouter()),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "BoxOffice"),
        services: background,
        logger: settings.logger)
}

/// Every route the router serves, as `METHOD /path/{parameter}` (the API description lists the same).
package func routeList(_ services: HTTPServices, settings: HTTPSettings) -> [String] {
    buildRouter(services, settings: settings, refusingOtherMethods: false).routes.map { route in
        let path = "\(route.path)"
        return "\(route.method.rawValue) " + (path.hasPrefix("/") ? path : "/" + path)
    }
}

/// Every route and middleware of the API and the pages (the API description lists the same
/// routes), and, unless asked not to, the 405 answers for the methods a known path does not take.
func buildRouter(_ services: HTTPServices, settings: HTTPSettings, refusingOtherMethods: Bool = true) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: HTTPMetricsMiddleware(factory: PrometheusMetricsFactory(registry: services.metricsRegistry)))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: WebResources.fileMiddleware(logger: settings.logger))
    router.add(middleware: BearerAuthMiddleware(tokens: services.tokens, accounts: services.accounts))
    router.add(middleware: RequestLogMiddleware(sink: settings.requestLines))
    SystemController(keyring: services.keyring, operations: services.operations, metrics: services.metricsRegistry,
                     booking: services.booking, queue: services.queue)
        .addRoutes(to: router)
    let api = router.group("api/v1")
    AuthController(accounts: services.accounts, tokens: services.tokens).addRoutes(to: api.group("auth"))
    StaffController(accounts: services.accounts).addRoutes(to: api.group("staff"))
    WebhooksController(webhooks: services.webhooks).addRoutes(to: api.group("webhooks"))
    EventsController(catalog: services.catalog, booking: services.booking, refunds: services.refunds, sales: services.sales,
                     clock: settings.clock)
        .addRoutes(to: api.group("events"))
    OrganizerDeskController(catalog: services.catalog, accounts: services.accounts, sales: services.sales, queue: services.queue, clock: settings.clock)
        .addRoutes(me: api.group("me"), events: api.group("events"))
    LiveSeatMapController(live: services.live, origins: services.origins).addRoutes(to: api.group("events"))
    let limits = RateLimitMiddleware(perAccount: settings.accountRateLimit, perAddress: settings.addressRateLimit, clock: settings.clock)
    // The queue's polls are reads, but each buyer gets a budget for them too (its own buckets).
    let queueLimits = RateLimitMiddleware(perAccount: settings.accountRateLimit, perAddress: settings.addressRateLimit,
                                          clock: settings.clock, limitsReads: true)
    QueueController(queue: services.queue).addRoutes(to: api.group("events").add(middleware: queueLimits))
    ReservationsController(booking: services.booking, refunds: services.refunds, emails: services.emails, links: services.links)
        .addRoutes(to: api.group("reservations").add(middleware: limits))
    TicketPageController(booking: services.booking, links: services.links).addRoutes(to: router)
    PlainPagesController(catalog: services.catalog, clock: settings.clock).addRoutes(to: router)
    TicketsController(booking: services.booking, links: services.links).addRoutes(me: api.group("me"), tickets: api.group("tickets"))
    let checkIn = CheckInController(checkIn: services.checkIn)
    checkIn.addRoutes(to: api.group("checkin").add(middleware: limits))
    checkIn.addListRoute(to: api.group("events"))
    if refusingOtherMethods { router.refuseOtherMethodsOfKnownPaths() }
    return router
}
