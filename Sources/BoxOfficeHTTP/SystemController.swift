import BoxOfficeCore
import Hummingbird

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

    let signer: TicketSigner

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("healthz") { _, _ in JSONResponse.make(Health(status: "ok")) }
        router.get("openapi.json") { _, _ in
            JSONResponse.raw(ByteBuffer(string: OpenAPIDocument.json))
        }
        router.get("api/v1/keys/tickets") { _, _ in
            JSONResponse.make(PublicKeys(keys: [PublicKey(
                keyId: signer.keyID, algorithm: "Ed25519", publicKey: signer.publicKey.rawRepresentation.base64EncodedString())]))
        }
    }
}
