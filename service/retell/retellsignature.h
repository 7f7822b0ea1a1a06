#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

namespace Callbook {

enum class SignatureResult { Valid, Missing, Malformed, Stale, Mismatch };

// Verifies `X-Retell-Signature: v=<ms>,d=<hex>` exactly as Retell signs: HMAC-SHA256 with the
// API key over the raw body followed by the decimal timestamp, ±5 minutes, constant time.
SignatureResult verifyRetellSignature(const QByteArray &header, const QByteArray &rawBody,
                                      const QByteArray &apiKey, qint64 nowMs);
// Accepts a signature made with any of the keys (key rotation).
SignatureResult verifyRetellSignatureAny(const QByteArray &header, const QByteArray &rawBody,
                                         const QByteArrayList &apiKeys, qint64 nowMs);
// The header value Retell would send (tests, benchmark, demo simulator).
QByteArray signRetellBody(const QByteArray &body, const QByteArray &apiKey, qint64 timestampMs);
QString describe(SignatureResult result);

} // namespace Callbook
