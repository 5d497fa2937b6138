// The header's functions are static inline; this unit only makes the target a library.
#include "dutyplatform.h"
