/* SPDX-License-Identifier: MIT */
/* Run-time choice of the SIMD level, aceh__walk, aceh_validate, aceh_split. */

/* ------------------------------------------------------------------------
 * Run-time choice of the level (x86-64): the only writable state of the
 * library, one int, written with the same value by any threads that race
 * on the first call (or with the level aceh_simd_select asks for).
 * ------------------------------------------------------------------------ */

/* The best level this CPU (and its OS, which must save the AVX and
 * AVX-512 registers: the compiler's CPU detection checks XCR0) runs. */
static int aceh__detect(void)
{
#if ACEH__LO < ACEH__TOP
    int avx2, avx512, vbmi2, l;

    __builtin_cpu_init();
    avx2 = (__builtin_cpu_supports("avx2") != 0) &
           (__builtin_cpu_supports("bmi") != 0) &
           (__builtin_cpu_supports("bmi2") != 0) &
           (__builtin_cpu_supports("popcnt") != 0);
    avx512 = avx2 & (__builtin_cpu_supports("avx512f") != 0) &
             (__builtin_cpu_supports("avx512bw") != 0);
    vbmi2 = avx512 & (__builtin_cpu_supports("avx512vbmi2") != 0);
    l = 1 + avx2 + avx512 + vbmi2;
    /* Never below what the compiler was told it may use, nor above the
     * levels compiled in (ACEH_DISPATCH_MAX); without branches, which on
     * a given CPU would go one way only. */
    l = ACEH__LO + ((l - ACEH__LO) & -(int)(l > ACEH__LO));
    return l - ((l - ACEH__TOP) & -(int)(l > ACEH__TOP));
#else
    return ACEH__LO;
#endif
}

#if ACEH__LO < ACEH__TOP
static int aceh__choice; /* 0: not chosen yet */

static int aceh__isa(void)
{
    int c = __atomic_load_n(&aceh__choice, __ATOMIC_RELAXED);

    if (c == 0) {
        c = aceh__detect();
        __atomic_store_n(&aceh__choice, c, __ATOMIC_RELAXED);
    }
    return c;
}

/* Call level l's copy of fn (fn##_1 .. fn##_4) with arguments a. */
#if ACEH__LO <= 1
#define ACEH__T2(fn, l, a) ((l) >= 2 ? fn##_2 a : fn##_1 a)
#else
#define ACEH__T2(fn, l, a) fn##_2 a
#endif
#if ACEH__LO <= 2
#define ACEH__T3(fn, l, a) ((l) >= 3 ? fn##_3 a : ACEH__T2(fn, l, a))
#else
#define ACEH__T3(fn, l, a) fn##_3 a
#endif
#define ACEH__CALL(fn, a) ACEH__CALL_AT(fn, aceh__isa(), a)
#if ACEH__TOP >= 4
#define ACEH__CALL_AT(fn, l, a) ((l) >= 4 ? fn##_4 a : ACEH__T3(fn, l, a))
#elif ACEH__TOP == 3
#define ACEH__CALL_AT(fn, l, a) ACEH__T3(fn, l, a)
#else
#define ACEH__CALL_AT(fn, l, a) ACEH__T2(fn, l, a)
#endif
#else
#define ACEH__CAT2(a, b) a##b
#define ACEH__CAT(a, b) ACEH__CAT2(a, b)
#define ACEH__CALL(fn, a) ACEH__CAT(fn##_, ACEH__LO) a
#endif

static const char *const aceh__level_name[5] = {
    "scalar",
#if defined(ACEH_SIMD_NEON)
    "neon",
#elif defined(ACEH_SIMD_PSHUFB)
    "ssse3",
#else
    "sse2",
#endif
    "avx2", "avx512bw", "avx512vbmi2"};

const char *aceh_simd_path(void)
{
#if ACEH__LO < ACEH__TOP
    return aceh__level_name[aceh__isa()];
#else
    return aceh__level_name[ACEH__LO];
#endif
}

/* NUL-terminated strings equal (no libc call: parser/ links to nothing
 * that can fail or allocate, and strcmp is not on that list). */
static int aceh__streq(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int aceh_simd_select(const char *name)
{
    const int best = aceh__detect();
    int l, want = -1;

    if (name == NULL) {
        want = best;
    } else {
        for (l = ACEH__LO; l <= best; l++)
            if (aceh__streq(name, aceh__level_name[l]))
                want = l;
        if (want < 0)
            return 0;
    }
#if ACEH__LO < ACEH__TOP
    __atomic_store_n(&aceh__choice, want, __ATOMIC_RELAXED);
#else
    (void)want; /* one level compiled in: nothing to choose */
#endif
    return 1;
}

/* aceh_validate, also handing the line's names to k (may be NULL; see
 * aceh__sink): on error exactly those before the failing element, as on
 * success all of them. *count and *err_off are always set. */
/*@ requires \valid(count) && \valid(err_off) && \separated(count, err_off);
    requires k == \null || (\valid(k) &&
             \separated(k, k->names + (0 .. k->cap - 1), count, err_off) &&
             aceh__sunk(k));
    assigns *count, *err_off, k->first, k->wildcard, k->stored, k->listed,
            k->names[k->stored .. k->cap - 1];
    ensures k != \null ==> aceh__sunk(k);
 */
ACEH_INLINE aceh_status aceh__walk(const char *p, size_t len, size_t *count,
                                   size_t *err_off, aceh__sink *k)
{
    const unsigned char *u = (const unsigned char *)p;

    *count = 0;
    *err_off = 0;
    if (p == NULL && len != 0)
        return ACEH_E_NULL;
    if (k == NULL)
        return ACEH__CALL(aceh__valid, (u, len, count, err_off));
    k->first = k->stored;
    return ACEH__CALL(aceh__sinkv, (u, len, count, err_off, k));
}

aceh_status aceh_validate(const char *p, size_t len, size_t *count,
                          size_t *err_off)
{
    size_t n, off;
    aceh_status st = aceh__walk(p, len, &n, &off, NULL);

    if (count)
        *count = n;
    if (err_off)
        *err_off = off;
    return st;
}

aceh_status aceh_split(const char *p, size_t len, aceh_slice *names,
                       size_t cap, size_t *count, size_t *err_off)
{
    /* Without an array, a pointer or a byte there is nothing to store,
     * and nothing to truncate. */
    if (names == NULL || p == NULL || len == 0)
        return aceh_validate(p, len, count, err_off);
    return ACEH__CALL(aceh__splitv, ((const unsigned char *)p, len, names,
                                     cap, count, err_off));
}
