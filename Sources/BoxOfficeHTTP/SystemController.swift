import BoxOfficeApp
import BoxOfficeCore
import Foundation
import Hummingbird
import Prometheus

/// Health, the API description, and the public ticket-verification keys.
struct SystemController {
    struct Health: Encodable {
        var status: String
    }

    struct PublicKey: Encodable {
        var keyId: String
        var algorithm: String
        var publicKey: String
    }

    struct PublicKeys: Encodable {
        var keys: [PublicKey]
    }

    let keyring: TicketKeyring
    let operations: OperationsService
    let metrics: PrometheusCollectorRegistry
    let booking: BookingService
    let queue: QueueService

    func addRoutes(to router: Router<AppRequestContext>) {
        // The checkout and receipt links the API hands out open the buyer's page there.
        for prefix in ["checkout", "receipts"] {
            router.get("\(prefix)/:reservation_id") { _, context in
                let id = context.parameters.get("reservation_id").flatMap(UUID.init(apiText:))?.text ?? ""
                return Response(status: .found, headers: [.location: "/#/checkout/\(id)"])
            }
        }
        router.get("healthz") { _, _ in JSONResponse.make(Health(status: "ok")) }
        router.get("readyz") { _, context in
            do {
                try await operations.checkReady()
                return JSONResponse.make(Health(status: "ready"))
            } catch {
                context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                throw APIError(.serviceUnavailable, "DATABASE_UNAVAILABLE", "The database cannot be reached")
            }
        }
        router.get("metrics") { _, _ in
            await booking.recordInventoryGauges()
            await queue.recordGauges()
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        let description = ByteBuffer(bytes: WebResources.openAPIDocument)
        router.get("openapi.json") { _, _ in
            JSONResponse.raw(description)
        }
        router.get("api/v1/keys/tickets") { _, _ in
            JSONResponse.make(PublicKeys(keys: keyring.signers.reversed().map {
                PublicKey(keyId: $0.keyID, algorithm: "Ed25519", publicKey: $0.publicKey.rawRepresentation.base64EncodedString())
            }))
        }
    }
}
