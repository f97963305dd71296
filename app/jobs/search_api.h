#pragma once
// engine/search/grid_search.h declares `TrialBackend::slots()`, which Qt's `slots` keyword macro
// breaks. Qt code includes it through this header, with the macro suspended.
#pragma push_macro("slots")
#undef slots
#include "engine/search/grid_search.h"
#pragma pop_macro("slots")
