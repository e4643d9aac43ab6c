import GRDB
import GRDBSQLite

/// The hold path binds and steps its cached statements with SQLite's C API: building
/// GRDB's `StatementArguments` (an array of boxed values per statement) cost more than
/// running the statement itself.
struct RawBinding {
    private let statement: OpaquePointer
    private var index: Int32 = 0

    init(_ statement: Statement) {
        self.statement = statement.sqliteStatement
        sqlite3_reset(self.statement)
        sqlite3_clear_bindings(self.statement)
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func text(_ value: String?) {
        index += 1
        guard let value else { sqlite3_bind_null(statement, index); return }
        // The byte count, not -1: a NUL inside the text must not cut it short.
        sqlite3_bind_text(statement, index, value, Int32(value.utf8.count), Self.transient)
    }

    mutating func int(_ value: Int64?) {
        index += 1
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    /// Runs a statement that returns no rows; the next binding is the first again, so one
    /// binding may run the statement once per row.
    mutating func run(_ db: Database) throws {
        let code = sqlite3_step(statement)
        defer {
            sqlite3_reset(statement)
            index = 0
        }
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw Self.error(code, db) }
    }

    /// Runs a query and returns the integer columns of its first row (nil if no row).
    mutating func firstRow(_ db: Database, columns: Int32) throws -> [Int64]? {
        let code = sqlite3_step(statement)
        defer {
            sqlite3_reset(statement)
            index = 0
        }
        switch code {
        case SQLITE_ROW: return (0..<columns).map { sqlite3_column_int64(statement, $0) }
        case SQLITE_DONE: return nil
        default: throw Self.error(code, db)
        }
    }

    private static func error(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
