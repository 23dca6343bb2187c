#ifndef INCLUSIONMAP_PIXEL_KERNELS_H
#define INCLUSIONMAP_PIXEL_KERNELS_H
#include <stdint.h>

/// to[i] = from[columns[i]] for i in 0 ..< count: one row of a tile stretched by nearest sampling.
/// With AVX2 (checked at run time), eight pixels a gather instruction; plain C otherwise.
void im_gather_row(const uint32_t *from, const int32_t *columns, uint32_t *to, long count);

/// Whether `im_gather_row` uses AVX2 on this CPU.
int im_gather_row_uses_avx2(void);

/// Swaps two distinct rows of `count` pixels, each reversed: a half turn of a picture, row by row.
void im_swap_rows_reversed(uint32_t *restrict top, uint32_t *restrict bottom, long count);
#endif
