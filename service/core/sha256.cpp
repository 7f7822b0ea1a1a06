#include "sha256.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CALLBOOK_SHA_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace Callbook {

namespace {

// The first 32 bits of the fractional parts of the cube roots of the first 64 primes.
alignas(16) constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// The first 32 bits of the fractional parts of the square roots of the first 8 primes.
constexpr std::array<std::uint32_t, 8> kInitial = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

std::uint32_t bigEndian32(const std::uint8_t *p) {
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 |
           std::uint32_t(p[3]);
}

void compressPortable(std::uint32_t *state, const std::uint8_t *blocks, qsizetype count) {
    using std::rotr;
    for (; count > 0; --count, blocks += Sha256::kBlockSize) {
        std::uint32_t w[64];
        for (int t = 0; t < 16; ++t)
            w[t] = bigEndian32(blocks + 4 * t);
        for (int t = 16; t < 64; ++t) {
            const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
            const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16] + s0 + w[t - 7] + s1;
        }
        std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4],
                      f = state[5], g = state[6], h = state[7];
        for (int t = 0; t < 64; ++t) {
            const std::uint32_t sum1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
            const std::uint32_t choose = (e & f) ^ (~e & g);
            const std::uint32_t t1 = h + sum1 + choose + kRound[t] + w[t];
            const std::uint32_t sum0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
            const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + sum0 + majority;
        }
        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}

#ifdef CALLBOOK_SHA_X86
// The SHA extensions keep the state as two vectors, ABEF and CDGH (A in the highest lane);
// each SHA256RNDS2 does two rounds, SHA256MSG1/MSG2 extend the message schedule.
__attribute__((target("sha,sse4.1,ssse3"))) void
compressCpu(std::uint32_t *state, const std::uint8_t *blocks, qsizetype count) {
    const __m128i byteSwapWords = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i *>(state));
    __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i *>(state + 4));
    abcd = _mm_shuffle_epi32(abcd, 0xB1);             // B A D C
    efgh = _mm_shuffle_epi32(efgh, 0x1B);             // H G F E
    __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);    // F E B A
    __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0); // H G D C

    for (; count > 0; --count, blocks += Sha256::kBlockSize) {
        const __m128i abefBefore = abef, cdghBefore = cdgh;
        __m128i w[4]; // message words 4j..4j+3 of group j in w[j % 4]
#pragma GCC unroll 16
        for (int j = 0; j < 16; ++j) {
            __m128i &group = w[j % 4];
            if (j < 4) {
                group = _mm_shuffle_epi8(
                    _mm_loadu_si128(reinterpret_cast<const __m128i *>(blocks + 16 * j)),
                    byteSwapWords);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]; group holds j-4 here.
                const __m128i minus7 = _mm_alignr_epi8(w[(j + 3) % 4], w[(j + 2) % 4], 4);
                group = _mm_sha256msg2_epu32(
                    _mm_add_epi32(_mm_sha256msg1_epu32(group, w[(j + 1) % 4]), minus7),
                    w[(j + 3) % 4]);
            }
            __m128i message = _mm_add_epi32(
                group, _mm_load_si128(reinterpret_cast<const __m128i *>(kRound + 4 * j)));
            // Two rounds make the old ABEF the new CDGH: the vectors trade roles twice.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, message);
            message = _mm_shuffle_epi32(message, 0x0E); // the group's other two words
            abef = _mm_sha256rnds2_epu32(abef, cdgh, message);
        }
        abef = _mm_add_epi32(abef, abefBefore);
        cdgh = _mm_add_epi32(cdgh, cdghBefore);
    }

    const __m128i abef2 = _mm_shuffle_epi32(abef, 0x1B); // A B E F
    const __m128i cdgh2 = _mm_shuffle_epi32(cdgh, 0xB1); // G H C D
    _mm_storeu_si128(reinterpret_cast<__m128i *>(state), _mm_blend_epi16(abef2, cdgh2, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i *>(state + 4), _mm_alignr_epi8(cdgh2, abef2, 8));
}

bool detectCpuExtensions() {
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
        return false;
    const bool ssse3 = ecx & (1u << 9), sse41 = ecx & (1u << 19);
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx))
        return false;
    const bool sha = ebx & (1u << 29);
    return ssse3 && sse41 && sha;
}
#endif

} // namespace

bool Sha256::cpuExtensionsAvailable() {
#ifdef CALLBOOK_SHA_X86
    static const bool available = detectCpuExtensions();
    return available;
#else
    return false;
#endif
}

Sha256::Sha256(Engine engine)
    : m_compress(compressPortable)
    , m_state(kInitial) {
#ifdef CALLBOOK_SHA_X86
    if (engine != Engine::Portable && cpuExtensionsAvailable())
        m_compress = compressCpu;
#else
    Q_UNUSED(engine);
#endif
}

void Sha256::addData(QByteArrayView data) {
    auto bytes = reinterpret_cast<const std::uint8_t *>(data.data());
    qsizetype size = data.size();
    m_length += std::uint64_t(size);
    if (m_buffered > 0) {
        const qsizetype take = std::min<qsizetype>(size, kBlockSize - m_buffered);
        std::memcpy(m_buffer.data() + m_buffered, bytes, size_t(take));
        m_buffered += take;
        bytes += take;
        size -= take;
        if (m_buffered < kBlockSize)
            return;
        m_compress(m_state.data(), m_buffer.data(), 1);
        m_buffered = 0;
    }
    if (const qsizetype whole = size / kBlockSize; whole > 0) {
        m_compress(m_state.data(), bytes, whole);
        bytes += whole * kBlockSize;
        size -= whole * kBlockSize;
    }
    if (size > 0) {
        std::memcpy(m_buffer.data(), bytes, size_t(size));
        m_buffered = size;
    }
}

std::array<std::uint8_t, Sha256::kDigestSize> Sha256::finish() {
    // 0x80, zeros up to 56 bytes into a block, then the length in bits, big-endian.
    const std::uint64_t bits = m_length * 8;
    std::uint8_t tail[2 * kBlockSize] = {0x80};
    const qsizetype padded = m_buffered < 56 ? 64 : 128;
    const qsizetype pad = padded - m_buffered - 8;
    for (int i = 0; i < 8; ++i)
        tail[pad + i] = std::uint8_t(bits >> (56 - 8 * i));
    addData(QByteArrayView(reinterpret_cast<const char *>(tail), pad + 8));
    std::array<std::uint8_t, kDigestSize> digest;
    for (int i = 0; i < 8; ++i)
        for (int k = 0; k < 4; ++k)
            digest[size_t(4 * i + k)] = std::uint8_t(m_state[size_t(i)] >> (24 - 8 * k));
    return digest;
}

QByteArray Sha256::result() {
    const auto digest = finish();
    return QByteArray(reinterpret_cast<const char *>(digest.data()), kDigestSize);
}

QByteArray Sha256::hash(QByteArrayView data, Engine engine) {
    Sha256 sha(engine);
    sha.addData(data);
    return sha.result();
}

HmacSha256::HmacSha256(QByteArrayView key, Sha256::Engine engine)
    : m_inner(engine)
    , m_outer(engine) {
    std::uint8_t block[Sha256::kBlockSize] = {};
    if (key.size() > Sha256::kBlockSize) {
        Sha256 keyHash(engine);
        keyHash.addData(key);
        const auto digest = keyHash.finish();
        std::memcpy(block, digest.data(), digest.size());
    } else if (!key.isEmpty()) {
        std::memcpy(block, key.data(), size_t(key.size()));
    }
    std::uint8_t pad[Sha256::kBlockSize];
    for (int i = 0; i < Sha256::kBlockSize; ++i)
        pad[i] = block[i] ^ 0x36;
    m_inner.addData(QByteArrayView(reinterpret_cast<const char *>(pad), Sha256::kBlockSize));
    for (int i = 0; i < Sha256::kBlockSize; ++i)
        pad[i] = block[i] ^ 0x5c;
    m_outer.addData(QByteArrayView(reinterpret_cast<const char *>(pad), Sha256::kBlockSize));
}

QByteArray HmacSha256::result() {
    const auto inner = m_inner.finish();
    m_outer.addData(QByteArrayView(reinterpret_cast<const char *>(inner.data()), inner.size()));
    return m_outer.result();
}

QByteArray HmacSha256::hash(QByteArrayView message, QByteArrayView key, Sha256::Engine engine) {
    HmacSha256 mac(key, engine);
    mac.addData(message);
    return mac.result();
}

} // namespace Callbook
