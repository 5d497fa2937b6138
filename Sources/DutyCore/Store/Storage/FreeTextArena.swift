/// Where free texts (notes, details, ids of other items) live: appended once,
/// never moved, never freed before the store.
///
/// Why not an array of bytes plus an array of offsets: both double as they
/// grow, copying what they hold and faulting in twice the memory, and every
/// append paid for two of them. Here each text is written as a 4-byte length
/// and its bytes into 1 MiB pages, and its handle is simply where it starts:
/// one write, no index to keep.
// @unchecked Sendable: only its text table touches it, and the table's owner keeps to one queue at a time.
final class FreeTextArena: @unchecked Sendable {
    private static let pageShift = 20
    private static let pageSize = 1 << pageShift
    // Unchecked exclusivity: one queue appends, never in overlapping accesses (three checks per note otherwise).
    @exclusivity(unchecked) private var pages: [UnsafeMutableRawPointer] = []
    /// Next free byte in the last page.
    @exclusivity(unchecked) private var used = pageSize
    @exclusivity(unchecked) private(set) var count = 0

    init() {}

    deinit { for p in pages { p.deallocate() } }

    /// Stores `bytes`; returns a handle below 2^31 (page and offset in
    /// 4-byte units: 8 GiB of free text at most).
    @inline(__always)
    func append(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let need = (4 + bytes.count + 3) & ~3
        if used + need > Self.pageSize { newPage(holding: need) }
        let page = pages.count - 1
        let at = pages[page] + used
        at.storeBytes(of: UInt32(bytes.count), as: UInt32.self)
        if bytes.count > 0 { (at + 4).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
        let handle = (page << Self.pageShift | used) >> 2
        used = need > Self.pageSize ? Self.pageSize : used + need
        count += 1
        return UInt32(handle)
    }

    /// The bytes of a text stored earlier, valid while the arena lives.
    @inline(__always)
    func bytes(_ handle: UInt32) -> UnsafeRawBufferPointer {
        let at = Int(handle) << 2
        let p = pages[at >> Self.pageShift] + (at & (Self.pageSize - 1))
        return UnsafeRawBufferPointer(start: p + 4, count: Int(p.load(as: UInt32.self)))
    }

    private func newPage(holding need: Int) {
        precondition(pages.count < 1 << (33 - Self.pageShift), "free text arena full")
        if need > Self.pageSize {
            // Longer than a page (not from a feed line, which is at most
            // 1 MiB; from code): a page of its own, full once written.
            pages.append(.allocate(byteCount: need, alignment: 16))
            used = 0
            return
        }
        let page = UnsafeMutableRawPointer.allocate(byteCount: Self.pageSize, alignment: 16)
        if !pages.isEmpty { Platform.prefault(page, byteCount: Self.pageSize) }   // as PagedArray.newPage
        pages.append(page)
        used = 0
    }
}
