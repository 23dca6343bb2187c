#ifndef INCLUSIONMAP_PIXEL_KERNELS_H
#define INCLUSIONMAP_PIXEL_KERNELS_H
#include <stdint.h>

/// to[i] = from[columns[i]] for i in 0 ..< count: one row of a tile stretched by nearest sampling.
/// `from` holds `fromCount` pixels, and `columns` is in increasing order, each below `fromCount`.
/// With AVX2 (checked at run time), eight pixels at a time; plain C otherwise.
void im_stretch_row(const uint32_t *from, long fromCount, const int32_t *columns, uint32_t *to, long count);

/// The same, one pixel at a time (what `im_stretch_row` does without AVX2).
void im_stretch_row_plain(const uint32_t *from, const int32_t *columns, uint32_t *to, long count);

/// Indexes a picture of `width` × `height` pixels (rows `fromPitch` pixels apart): writes each
/// pixel's number in `palette` (colours in the order first met) into `to` (rows `toPitch` bytes
/// apart). Returns how many colours `palette` holds, or -1 once a 257th colour turns up (then `to`
/// and `palette` hold a partial result). `palette` has room for 256 colours.
long im_index_pixels(const uint32_t *from, long fromPitch, long width, long height, uint8_t *to, long toPitch, uint32_t *palette);

/// to[i] = palette[from[i]] for i in 0 ..< count: one row of an indexed tile.
void im_expand_row(const uint8_t *from, const uint32_t *palette, uint32_t *to, long count);

/// to[i] = palette[from[columns[i]]] for i in 0 ..< count: one row of an indexed tile stretched.
void im_stretch_indexed_row(const uint8_t *from, const uint32_t *palette, const int32_t *columns, uint32_t *to, long count);

/// Swaps two distinct rows of `count` pixels, each reversed: a half turn of a picture, row by row.
void im_swap_rows_reversed(uint32_t *restrict top, uint32_t *restrict bottom, long count);
#endif
