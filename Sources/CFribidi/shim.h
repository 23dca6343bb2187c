#ifndef INCLUSIONMAP_CFRIBIDI_SHIM_H
#define INCLUSIONMAP_CFRIBIDI_SHIM_H
#include <fribidi.h>

/// The paragraph directions, whose macros Swift cannot import.
static inline FriBidiParType cfribidi_paragraph_right_to_left(void) { return FRIBIDI_PAR_RTL; }
static inline FriBidiParType cfribidi_paragraph_from_first_letter(void) { return FRIBIDI_PAR_ON; }
#endif
