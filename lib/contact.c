/* placeholder until the format lands; replaced whole by its owner */
#include "internal.h"
