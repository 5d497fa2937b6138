/// An append-mostly array held in pages of 2^`pageShift` elements (16,384
/// unless told).
///
/// Why: the store's tables grow to millions of entries while a feed is read.
/// A plain array doubles, copying everything it holds and faulting in fresh
/// memory for the copy each time; pages are allocated once and never move.
/// A copy of the whole array (a replay checkpoint) shares the pages and
/// copies only a page that one side then writes: an array written at random
/// places (an item's latest snapshot) takes small pages, so a checkpoint
/// owns copies of the few kilobytes around each write, not of megabytes.
struct PagedArray<Element>: Sendable where Element: Sendable {
    let pageShift: Int
    private var pages: [[Element]] = []
    private(set) var count = 0

    init(pageShift: Int = 14) { self.pageShift = pageShift }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { pages[i >> pageShift][i & ((1 << pageShift) - 1)] }
        _modify { yield &pages[i >> pageShift][i & ((1 << pageShift) - 1)] }
    }

    @inline(__always)
    mutating func append(_ e: Element) {
        if count & ((1 << pageShift) - 1) == 0 { pages.append(Self.newPage(1 << pageShift, prefault: !pages.isEmpty)) }
        pages[pages.count - 1].append(e)
        count += 1
    }

    /// Gives the last, partly filled page a buffer just its size, for a copy
    /// that is kept rather than written (a replay checkpoint). Why: pages are
    /// allocated whole and mapped in at once, so a checkpoint sharing the
    /// ingesting store's tail page would keep all of it resident once the
    /// store's next append copies it away (16 K entries: a MiB for the
    /// snapshot log, at every checkpoint of every table). The copy made here
    /// is what that append would have copied; the ingesting store keeps
    /// writing its own page in place.
    mutating func trimTail() {
        guard let last = pages.indices.last else { return }
        pages[last] = Self.exactCopy(pages[last])
    }

    /// A copy of `page` in a buffer of exactly its count (`Array(page)` would share it).
    static func exactCopy(_ page: [Element]) -> [Element] {
        [Element](unsafeUninitializedCapacity: page.count) { buffer, initialized in
            page.withUnsafeBufferPointer { source in
                if let to = buffer.baseAddress, let from = source.baseAddress { to.initialize(from: from, count: source.count) }
            }
            initialized = page.count
        }
    }

    /// An empty page with room for `capacity` elements. From the second page
    /// on, its memory is mapped in at once (`Platform.prefault`): a table that
    /// outgrew one page is filling pages fast. A first page maps in as it
    /// is written, so a small table costs only what it holds.
    @inline(never)
    static func newPage(_ capacity: Int, prefault: Bool) -> [Element] {
        [Element](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            if prefault, let base = buffer.baseAddress {
                Platform.prefault(UnsafeMutableRawPointer(base), byteCount: buffer.count * MemoryLayout<Element>.stride)
            }
            initialized = 0
        }
    }
}

/// Bytes appended in runs that never straddle a page of 1 MiB, each found
/// again by a 40-bit reference (page << 20 | offset). Keys of the store's
/// tables live here; like `PagedArray`, nothing ever moves.
struct PagedBytes: Sendable {
    static let pageShift = 20
    static let pageSize = 1 << pageShift
    private var pages: [[UInt8]] = []

    /// Appends `bytes`; returns their reference. A run longer than a page
    /// (never from a feed line) gets a page of its own, full once written.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        if pages.isEmpty || pages[pages.count - 1].count + bytes.count > Self.pageSize {
            pages.append(PagedArray<UInt8>.newPage(max(Self.pageSize, bytes.count), prefault: !pages.isEmpty))
        }
        let p = pages.count - 1
        let offset = pages[p].count
        pages[p].append(contentsOf: bytes)
        return UInt64(p) << UInt64(Self.pageShift) | UInt64(offset)
    }

    /// The last page cut to what it holds (see `PagedArray.trimTail`).
    mutating func trimTail() {
        guard let last = pages.indices.last else { return }
        pages[last] = PagedArray<UInt8>.exactCopy(pages[last])
    }

    /// The run at `ref` of `count` bytes, valid during `body`.
    @inline(__always)
    func withBytes<R>(_ ref: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let offset = Int(ref & UInt64(Self.pageSize - 1))
        return pages[Int(ref >> UInt64(Self.pageShift))].withUnsafeBytes {
            body(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)]))
        }
    }
}
