import BoxOfficeApp
import HummingbirdBcrypt
import NIOPosix

/// Bcrypt, run on NIO's blocking thread pool so a login never stalls request handling.
package struct BcryptHasher: PasswordHasher {
    let cost: UInt8

    package init(cost: UInt8) { self.cost = cost }

    package func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    package func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
