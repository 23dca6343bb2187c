// The one pixel loop Swift does not vectorise: a row stretched by nearest sampling, where each
// destination pixel reads a source column from a table.
//
// x86-64's baseline has no instruction for it. AVX2 has two: a gather (eight loads, slower than
// the plain loop on AMD's cores) and a permutation within a register. Eight neighbouring
// destination pixels read neighbouring source pixels: up to 24 of them (shrunk to a third) are
// taken by one, two or four plain loads, each permuted, and blends, faster than the plain loop
// (`kiosk-benchmarks`). Shrunk further, the row is read from memory whichever way, and the plain
// loop is the faster.
#include "pixel_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// Eight pixels from `from`, lane i taking pixel offset[i] mod 8, as floats for the blends.
__attribute__((target("avx2")))
static inline __m256 permuted(const uint32_t *from, __m256i offset) {
    return _mm256_castsi256_ps(_mm256_permutevar8x32_epi32(_mm256_loadu_si256((const __m256i *)from), offset));
}

__attribute__((target("avx2")))
static void stretch_avx2(const uint32_t *from, long fromCount, const int32_t *columns, uint32_t *to, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        int32_t first = columns[i], span = columns[i + 7] - first;
        // Eight source pixels a load: one, two, or four (shrunk down to a third, a finer zoom's
        // tiles standing in while zooming out); beyond that, or in a row shorter than the loads,
        // one pixel at a time.
        long loads = span < 8 ? 1 : span < 16 ? 2 : span < 24 ? 4 : 0;
        if (loads == 0 || fromCount < 8 * loads) {
            for (int k = 0; k < 8; k++) to[i + k] = from[columns[i + k]];
            continue;
        }
        // Loaded from `base` ≤ first, so that the loads stay inside the row.
        long base = first + 8 * loads <= fromCount ? first : fromCount - 8 * loads;
        __m256i offset = _mm256_sub_epi32(_mm256_loadu_si256((const __m256i *)(columns + i)), _mm256_set1_epi32((int)base));
        // The permutation reads the low three bits of each offset; the next two name the load a
        // lane takes its pixel from (the blends read the sign bit).
        __m256 pixels = permuted(from + base, offset);
        if (loads >= 2) {
            __m256 second = _mm256_castsi256_ps(_mm256_slli_epi32(offset, 28));
            pixels = _mm256_blendv_ps(pixels, permuted(from + base + 8, offset), second);
            if (loads == 4) {
                __m256 upper = _mm256_castsi256_ps(_mm256_slli_epi32(offset, 27));
                __m256 high = _mm256_blendv_ps(permuted(from + base + 16, offset), permuted(from + base + 24, offset), second);
                pixels = _mm256_blendv_ps(pixels, high, upper);
            }
        }
        _mm256_storeu_si256((__m256i *)(to + i), _mm256_castps_si256(pixels));
    }
    for (; i < count; i++) to[i] = from[columns[i]];
}

#endif

void im_stretch_row_plain(const uint32_t *from, const int32_t *columns, uint32_t *to, long count) {
    for (long i = 0; i < count; i++) to[i] = from[columns[i]];
}

void im_stretch_row(const uint32_t *from, long fromCount, const int32_t *columns, uint32_t *to, long count) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) {
        stretch_avx2(from, fromCount, columns, to, count);
        return;
    }
#endif
    im_stretch_row_plain(from, columns, to, count);
}

// Tiles of few colours are kept as one byte a pixel, an index into the tile's own palette: a
// quarter of the memory. A basemap tile has few colours (the style's fills and lines, and where
// translucent ones overlap); the worker indexes it once, and every frame looks the indices
// up as it copies them to the screen.

enum { colour_slots = 1024 };  // a power of two, four times the most colours a palette holds

long im_index_pixels(const uint32_t *from, long fromPitch, long width, long height, uint8_t *to, long toPitch, uint32_t *palette) {
    // Open addressing: slot s holds colour slot_colour[s] as index slot_index[s] - 1 (0: empty).
    uint32_t slot_colour[colour_slots];
    uint16_t slot_index[colour_slots] = {0};
    long colours = 0;
    uint32_t last = 0;
    uint8_t lastIndex = 0;
    int haveLast = 0;
    for (long y = 0; y < height; y++) {
        const uint32_t *row = from + y * fromPitch;
        uint8_t *out = to + y * toPitch;
        for (long x = 0; x < width; x++) {
            uint32_t colour = row[x];
            // Runs of one colour are the rule: the previous pixel's answer first.
            if (haveLast && colour == last) {
                out[x] = lastIndex;
                continue;
            }
            uint32_t slot = (colour * 2654435761u) >> 22;
            while (slot_index[slot] != 0 && slot_colour[slot] != colour) slot = (slot + 1) & (colour_slots - 1);
            if (slot_index[slot] == 0) {
                if (colours == 256) return -1;
                palette[colours] = colour;
                slot_colour[slot] = colour;
                slot_index[slot] = (uint16_t)(++colours);
            }
            last = colour;
            lastIndex = (uint8_t)(slot_index[slot] - 1);
            haveLast = 1;
            out[x] = lastIndex;
        }
    }
    return colours;
}

void im_expand_row(const uint8_t *from, const uint32_t *palette, uint32_t *to, long count) {
    for (long i = 0; i < count; i++) to[i] = palette[from[i]];
}

void im_stretch_indexed_row(const uint8_t *from, const uint32_t *palette, const int32_t *columns, uint32_t *to, long count) {
    for (long i = 0; i < count; i++) to[i] = palette[from[columns[i]]];
}

// A half turn of a picture: row `top` takes row `bottom` backwards and the other way round.
// `restrict` tells the compiler the rows do not overlap, so that it swaps them four or eight
// pixels at a time (a shuffle reverses each group).
void im_swap_rows_reversed(uint32_t *restrict top, uint32_t *restrict bottom, long count) {
    for (long i = 0; i < count; i++) {
        uint32_t pixel = top[i];
        top[i] = bottom[count - 1 - i];
        bottom[count - 1 - i] = pixel;
    }
}
