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

/// Four 16-bit masks of p[0..16) in one word, for scanning JSON strings that
/// are mostly Chinese without stopping at every character:
///  bits 0–15:  '"', '\\' or a control byte (< 0x20);
///  bits 16–31: any byte >= 0x80;
///  bits 32–47: a three-byte lead E1–EC or EE–EF (E0 and ED need a range
///              check on the next byte, so they are left to the slow path);
///  bits 48–63: a continuation byte 80–BF.
/// Reads 16 bytes.
static inline unsigned long long dd_string_masks16(const void *p) {
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

#endif
