import Testing
@testable import DutyUI

@Suite struct ColorTests {
    @Test func parsesTheForms() {
        #expect(Color(parsing: "#ff0000") == .rgb(255, 0, 0))
        #expect(Color(parsing: "#F80") == .rgb(0xff, 0x88, 0x00))
        #expect(Color(parsing: " #1C1c1c ") == .rgb(0x1c, 0x1c, 0x1c))
        #expect(Color(parsing: "red") == .ansi(1))
        #expect(Color(parsing: "Bright-Blue") == .ansi(12))
        #expect(Color(parsing: "bright_white") == .ansi(15))
        #expect(Color(parsing: "grey") == .ansi(8))
        #expect(Color(parsing: "color123") == .indexed(123))
        #expect(Color(parsing: "default") == .default)
        #expect(Color(parsing: "none") == .default)
    }

    @Test(arguments: ["#12345", "#1234567", "#gggggg", "reddish", "", "color256", "rgb(1,2,3)"])
    func rejectsNonColours(text: String) {
        #expect(Color(parsing: text) == nil)
    }

    @Test func descriptionRoundTrips() {
        for c: Color in [.default, .ansi(3), .ansi(13), .indexed(200), .rgb(0x5f, 0xaf, 0xd7)] {
            #expect(Color(parsing: c.description) == c)
        }
        #expect(Color.rgb(0x5f, 0xaf, 0xd7).description == "#5fafd7")
    }

    @Test func xtermPalette() {
        #expect(ColorMapping.paletteRGB(16) == (0, 0, 0))
        #expect(ColorMapping.paletteRGB(196) == (255, 0, 0))
        #expect(ColorMapping.paletteRGB(231) == (255, 255, 255))
        #expect(ColorMapping.paletteRGB(232) == (8, 8, 8))
        #expect(ColorMapping.paletteRGB(255) == (238, 238, 238))
        #expect(ColorMapping.paletteRGB(9) == (255, 0, 0))
    }

    @Test func nearest256FindsExactEntriesAndCloseOnes() {
        #expect(ColorMapping.nearest256((255, 0, 0)) == 196)
        #expect(ColorMapping.nearest256((0x5f, 0xaf, 0xd7)) == 74)
        #expect(ColorMapping.nearest256((0x1c, 0x1c, 0x1c)) == 234)
        #expect(ColorMapping.nearest256((0x80, 0x80, 0x80)) == 244)
        #expect(ColorMapping.nearest256((0xfe, 0x01, 0x02)) == 196)
        #expect(ColorMapping.nearest256((0, 0, 0)) == 16)          // never 0–15
    }

    @Test func nearest16And8() {
        #expect(ColorMapping.nearest16((255, 0, 0)) == 9)
        #expect(ColorMapping.nearest16((0xcd, 0, 0)) == 1)
        #expect(ColorMapping.nearest16((0x1c, 0x1c, 0x1c)) == 0)
        #expect(ColorMapping.nearest16((0x80, 0x80, 0x80)) == 8)
        #expect(ColorMapping.nearest8((255, 0, 0)) == 1)
        #expect(ColorMapping.nearest8((255, 255, 255)) == 7)
        #expect(ColorMapping.nearest8((0xff, 0xaf, 0x00)) == 3)      // orange → yellow
        #expect(ColorMapping.nearest8((0x5f, 0xaf, 0xff)) == 6 || ColorMapping.nearest8((0x5f, 0xaf, 0xff)) == 4)
    }

    @Test func indexForDepth() {
        #expect(ColorMapping.index(for: .rgb(255, 0, 0), depth: .xterm256) == 196)
        #expect(ColorMapping.index(for: .rgb(255, 0, 0), depth: .ansi16) == 9)
        #expect(ColorMapping.index(for: .rgb(255, 0, 0), depth: .ansi8) == 1)
        #expect(ColorMapping.index(for: .rgb(255, 0, 0), depth: .none) == nil)
        #expect(ColorMapping.index(for: .ansi(9), depth: .ansi8) == 1)
        #expect(ColorMapping.index(for: .ansi(9), depth: .xterm256) == 9)
        #expect(ColorMapping.index(for: .indexed(196), depth: .ansi16) == 9)
        #expect(ColorMapping.index(for: .indexed(196), depth: .ansi8) == 1)
        #expect(ColorMapping.index(for: .indexed(4), depth: .ansi16) == 4)
        #expect(ColorMapping.index(for: .default, depth: .xterm256) == nil)
    }

    @Test func depthFromColourCount() {
        #expect(ColorDepth(colors: 16_777_216) == .xterm256)
        #expect(ColorDepth(colors: 256) == .xterm256)
        #expect(ColorDepth(colors: 88) == .ansi16)
        #expect(ColorDepth(colors: 8) == .ansi8)
        #expect(ColorDepth(colors: 2) == ColorDepth.none)
        #expect(ColorDepth(colors: -1) == ColorDepth.none)
    }

    @Test func avoidingPicksTheNextNearest() {
        #expect(ColorMapping.index(for: .rgb(0x30, 0x30, 0x30), depth: .ansi8, avoiding: 0) != 0)
        #expect(ColorMapping.index(for: .default, depth: .ansi8, avoiding: 0) == nil)
    }
}
