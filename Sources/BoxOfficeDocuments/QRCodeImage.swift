import CQRencode
import CZlib
import Foundation

/// A QR code of a ticket payload, encoded by libqrencode, rendered as SVG or PNG.
package struct QRCodeImage: Sendable {
    /// Modules per side, and the dark ones row by row.
    package let size: Int
    package let dark: [Bool]
    /// Blank modules around the code, as the standard asks.
    package static let quietZone = 4

    package enum Failure: Error { case encodingFailed }

    package init(text: String) throws {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { throw Failure.encodingFailed }
        defer { QRcode_free(code) }
        size = Int(code.pointee.width)
        dark = (0..<(size * size)).map { code.pointee.data[$0] & 1 == 1 }
    }

    package func isDark(x: Int, y: Int) -> Bool {
        let (column, row) = (x - Self.quietZone, y - Self.quietZone)
        guard (0..<size).contains(column), (0..<size).contains(row) else { return false }
        return dark[row * size + column]
    }

    /// One path of unit squares, scaled by the viewer.
    package var svg: String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for y in 0..<side {
            for x in 0..<side where isDark(x: x, y: y) { path += "M\(x) \(y)h1v1h-1z" }
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(side * 8)" height="\(side * 8)" \
        shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
        """
    }

    /// An 8-bit greyscale PNG, `scale` pixels per module.
    package func png(scale: Int = 8) -> Data {
        let modules = size + 2 * Self.quietZone
        let side = modules * scale
        // Each row of modules once, scaled across, then repeated `scale` times down.
        var raw = [UInt8]()
        raw.reserveCapacity((side + 1) * side)
        var line = [UInt8](repeating: 255, count: side + 1)
        line[0] = 0  // filter: none
        for y in 0..<modules {
            for x in 0..<modules {
                let value: UInt8 = isDark(x: x, y: y) ? 0 : 255
                for pixel in 0..<scale { line[1 + x * scale + pixel] = value }
            }
            for _ in 0..<scale { raw.append(contentsOf: line) }
        }
        var header = Data()
        header.appendBigEndian(UInt32(side))
        header.appendBigEndian(UInt32(side))
        header.append(contentsOf: [8, 0, 0, 0, 0])
        var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        png.appendChunk("IHDR", header)
        png.appendChunk("IDAT", Self.zlibCompressed(Data(raw)))
        png.appendChunk("IEND", Data())
        return png
    }

    /// The image rows as a zlib stream (a QR code is mostly runs: a few KB at any scale).
    static func zlibCompressed(_ data: Data) -> Data {
        var bound = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = data.withUnsafeBytes { source in
            compress2(&out, &bound, source.bindMemory(to: Bytef.self).baseAddress, uLong(data.count), 6)
        }
        precondition(status == Z_OK, "zlib failed to compress a QR image: \(status)")
        return Data(out.prefix(Int(bound)))
    }
}

extension Data {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func appendChunk(_ type: String, _ body: Data) {
        appendBigEndian(UInt32(body.count))
        let typed = Data(type.utf8) + body
        append(typed)
        appendBigEndian(Self.crc32(typed))
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
