// The header's functions are static inline but for the few defined here.
// _GNU_SOURCE before any include: sched_getaffinity and CPU_COUNT are GNU's.
#define _GNU_SOURCE
#include <sched.h>
#include "dutyplatform.h"

int dd_affinity_cpus(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}
