#ifndef DUTYPLATFORM_H
#define DUTYPLATFORM_H

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// What the core needs from the compiler and Swift cannot spell: a prefetch
/// and a 16-byte vector test for the feed scanner (SSE2, which every
/// x86-64 has; a plain C loop with the same results elsewhere). Kept tiny:
/// everything else of libc goes through DutyCore's `Platform` enum.

/// Asks the CPU to start loading the cache line at `p` for reading, and goes
/// on without waiting: the ingest names the hash slot of a record's item
/// while it decodes the rest of the line, so the slot is there by the time
/// the store looks.
static inline void dd_prefetch(const void *p) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(p, 0, 3);
#else
    (void)p;
#endif
}

/// The CPUs this process may run on (its affinity mask; 0 when unknown):
/// a process pinned to one CPU of a many-core host must not split a load
/// into threads that all wait for that one CPU.
int dd_affinity_cpus(void);

/// Four 16-bit masks of p[0..16) in one word, for scanning JSON strings that
/// are mostly Chinese without stopping at every character:
///  bits 0–15:  '"', '\\' or a control byte (< 0x20);
///  bits 16–31: any byte >= 0x80;
///  bits 32–47: a three-byte lead E1–EC or EE–EF (E0 and ED need a range
///              check on the next byte, so they are left to the slow path);
///  bits 48–63: a continuation byte 80–BF.
/// Reads 16 bytes.
__attribute__((always_inline)) static inline unsigned long long dd_string_masks16(const void *p) {
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)p);
    __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    __m128i control = _mm_and_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)), _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
    unsigned stops = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control));
    unsigned high = (unsigned)_mm_movemask_epi8(v);
    __m128i lead = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xF0)), _mm_set1_epi8((char)0xE0));
    __m128i special = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0)), _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)));
    unsigned leads = (unsigned)_mm_movemask_epi8(_mm_andnot_si128(special, lead));
    unsigned conts = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)),
                                                                _mm_set1_epi8((char)0x80)));
    return (unsigned long long)stops | (unsigned long long)high << 16
        | (unsigned long long)leads << 32 | (unsigned long long)conts << 48;
#else
    const unsigned char *b = (const unsigned char *)p;
    unsigned long long m = 0;
    for (int i = 0; i < 16; i++) {
        unsigned char c = b[i];
        if (c == '"' || c == '\\' || c < 0x20) m |= 1ull << i;
        if (c >= 0x80) m |= 1ull << (16 + i);
        if ((c & 0xF0) == 0xE0 && c != 0xE0 && c != 0xED) m |= 1ull << (32 + i);
        if ((c & 0xC0) == 0x80) m |= 1ull << (48 + i);
    }
    return m;
#endif
}

/// Where a JSON string body ends, when it ends within the 32 bytes at
/// `block` with nothing but ASCII and whole three-byte characters (E1–EC,
/// EE–EF leads) before its closing quote. The body starts at block[skip]
/// (skip is 0, or more for a string near the end of a line, whose last 32
/// bytes are the block). Returns the quote's offset from the body's start,
/// else -1: an escape, a control byte, a longer string, or anything else
/// the byte-wise path must check. Most values of a feed line (ids, times,
/// names, titles) end so, and deciding them in one step spares a
/// mispredicted branch per value. Reads the 32 bytes at block.
__attribute__((always_inline)) static inline int dd_short_string_end32(const void *block, unsigned skip) {
    unsigned long long m0 = dd_string_masks16(block);
    unsigned long long m1 = dd_string_masks16((const unsigned char *)block + 16);
    unsigned stops = ((unsigned)(m0 & 0xFFFF) | (unsigned)(m1 & 0xFFFF) << 16) >> skip;
    if (stops == 0) return -1;
    int limit = __builtin_ctz(stops);
    unsigned within = (1u << limit) - 1;
    unsigned high = (((unsigned)(m0 >> 16 & 0xFFFF) | (unsigned)(m1 >> 16 & 0xFFFF) << 16) >> skip) & within;
    if (high != 0) {
        unsigned leads = (((unsigned)(m0 >> 32 & 0xFFFF) | (unsigned)(m1 >> 32 & 0xFFFF) << 16) >> skip) & within;
        unsigned conts = (((unsigned)(m0 >> 48) | (unsigned)(m1 >> 48) << 16) >> skip) & within;
        unsigned long long expected = (unsigned long long)leads << 1 | (unsigned long long)leads << 2;
        if (high != (leads | conts) || (expected & within) != conts || (expected >> limit) != 0) return -1;
    }
    return ((const unsigned char *)block)[skip + limit] == '"' ? limit : -1;
}

#endif
