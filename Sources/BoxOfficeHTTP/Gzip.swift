import CZlib
import NIOCore

/// gzip (RFC 1952) through the system's zlib, for large bodies a client accepts compressed.
enum Gzip {
    /// The body compressed at `level` (1 is fastest), or nil if zlib refuses.
    static func compress(_ body: ByteBuffer, level: Int32 = 1) -> ByteBuffer? {
        var stream = z_stream()
        // 15 window bits + 16: a gzip header and trailer instead of zlib's.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var input = body
        return input.withUnsafeMutableReadableBytes { source -> ByteBuffer? in
            let bound = Int(deflateBound(&stream, uLong(source.count)))
            var output = ByteBufferAllocator().buffer(capacity: bound)
            var finished = false
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { target -> Int in
                stream.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                finished = deflate(&stream, Z_FINISH) == Z_STREAM_END
                return finished ? target.count - Int(stream.avail_out) : 0
            }
            return finished ? output : nil
        }
    }
}
