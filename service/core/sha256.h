#pragma once

// SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104), for the signatures on every Retell request.
// Qt 6.4's QCryptographicHash hashes in portable C only; on a CPU with the SHA extensions (most
// x86-64 of the last years) these use them, about ten times faster, and otherwise a portable
// implementation. The results are the same either way (tested against Qt on both paths).

#include <QByteArray>
#include <QByteArrayView>
#include <array>
#include <cstdint>

namespace Callbook {

class Sha256 {
public:
    static constexpr int kDigestSize = 32;
    static constexpr int kBlockSize = 64;

    // Which compression runs. Automatic picks the CPU's SHA extensions when it has them.
    enum class Engine { Automatic, Portable, CpuExtensions };
    static bool cpuExtensionsAvailable();

    explicit Sha256(Engine engine = Engine::Automatic);
    void addData(QByteArrayView data);
    std::array<std::uint8_t, kDigestSize> finish(); // resets nothing: call once
    QByteArray result();                            // finish() as 32 bytes

    static QByteArray hash(QByteArrayView data, Engine engine = Engine::Automatic);

private:
    using Compress = void (*)(std::uint32_t *state, const std::uint8_t *blocks, qsizetype count);
    Compress m_compress;
    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, kBlockSize> m_buffer{};
    qsizetype m_buffered = 0;
    std::uint64_t m_length = 0; // bytes added
};

// HMAC-SHA256 with the key's inner and outer pads absorbed once at construction.
class HmacSha256 {
public:
    explicit HmacSha256(QByteArrayView key, Sha256::Engine engine = Sha256::Engine::Automatic);
    void addData(QByteArrayView data) { m_inner.addData(data); }
    QByteArray result(); // call once

    static QByteArray hash(QByteArrayView message, QByteArrayView key,
                           Sha256::Engine engine = Sha256::Engine::Automatic);

private:
    Sha256 m_inner;
    Sha256 m_outer;
};

} // namespace Callbook
