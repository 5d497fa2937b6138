#ifndef DUTYPLATFORM_H
#define DUTYPLATFORM_H

/// What the core needs from the compiler and Swift cannot say itself.
/// Kept tiny: everything else of libc goes through DutyCore's `Platform` enum.

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

#endif
