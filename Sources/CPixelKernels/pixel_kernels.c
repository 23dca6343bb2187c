// The one pixel loop Swift does not vectorise: a gather (each destination pixel reads a source
// column from a table). x86-64's baseline has no gather instruction; AVX2's takes eight at once,
// which made a whole 4K screen of stretched tiles 1.3–2× faster here (C, one thread).
#include "pixel_kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx2")))
static void gather_avx2(const uint32_t *from, const int32_t *columns, uint32_t *to, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i index = _mm256_loadu_si256((const __m256i *)(columns + i));
        __m256i pixels = _mm256_i32gather_epi32((const int *)from, index, 4);
        _mm256_storeu_si256((__m256i *)(to + i), pixels);
    }
    for (; i < count; i++) to[i] = from[columns[i]];
}
#endif

int im_gather_row_uses_avx2(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx2");
#else
    return 0;
#endif
}

void im_gather_row(const uint32_t *from, const int32_t *columns, uint32_t *to, long count) {
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx2")) {
        gather_avx2(from, columns, to, count);
        return;
    }
#endif
    for (long i = 0; i < count; i++) to[i] = from[columns[i]];
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
