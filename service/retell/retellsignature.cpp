#include "retellsignature.h"

#include "core/constanttime.h"
#include "core/sha256.h"

namespace Callbook {

static constexpr qint64 kToleranceMs = 5 * 60 * 1000;

// HMAC-SHA256 over the body followed by the timestamp's decimal digits.
static QByteArray mac(QByteArrayView body, QByteArrayView timestampDigits, const QByteArray &key) {
    HmacSha256 hmac(key);
    hmac.addData(body);
    hmac.addData(timestampDigits);
    return hmac.result();
}

// "v=<1 to 18 digits>,d=<64 lowercase hex digits>", exactly.
static bool parseHeader(QByteArrayView header, QByteArrayView *digits, QByteArray *digest) {
    if (!header.startsWith("v="))
        return false;
    const qsizetype comma = header.indexOf(',');
    if (comma < 3 || comma > 20 || header.size() != comma + 3 + 64 ||
        header.sliced(comma + 1, 2) != "d=")
        return false;
    *digits = header.sliced(2, comma - 2);
    for (const char c : *digits)
        if (c < '0' || c > '9')
            return false;
    const QByteArrayView hex = header.sliced(comma + 3);
    for (const char c : hex)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    *digest = QByteArray::fromHex(hex.toByteArray());
    return true;
}

SignatureResult verifyRetellSignatureAny(const QByteArray &header, const QByteArray &rawBody,
                                         const QByteArrayList &apiKeys, qint64 nowMs) {
    if (header.isEmpty())
        return SignatureResult::Missing;
    QByteArrayView digits;
    QByteArray digest;
    if (!parseHeader(header, &digits, &digest))
        return SignatureResult::Malformed;
    bool ok = false;
    const qint64 timestamp = digits.toLongLong(&ok);
    if (!ok)
        return SignatureResult::Malformed;
    if (qAbs(nowMs - timestamp) > kToleranceMs)
        return SignatureResult::Stale;
    for (const QByteArray &key : apiKeys) {
        if (!key.isEmpty() && constantTimeEquals(mac(rawBody, digits, key), digest))
            return SignatureResult::Valid;
    }
    return SignatureResult::Mismatch;
}

SignatureResult verifyRetellSignature(const QByteArray &header, const QByteArray &rawBody,
                                      const QByteArray &apiKey, qint64 nowMs) {
    return verifyRetellSignatureAny(header, rawBody, QByteArrayList{apiKey}, nowMs);
}

QByteArray signRetellBody(const QByteArray &body, const QByteArray &apiKey, qint64 timestampMs) {
    const QByteArray digits = QByteArray::number(timestampMs);
    return "v=" + digits + ",d=" + mac(body, digits, apiKey).toHex();
}

QString describe(SignatureResult result) {
    switch (result) {
    case SignatureResult::Valid:
        return QStringLiteral("The signature is valid.");
    case SignatureResult::Missing:
        return QStringLiteral("The X-Retell-Signature header is missing.");
    case SignatureResult::Malformed:
        return QStringLiteral("The X-Retell-Signature header is not of the form v=<ms>,d=<hex>.");
    case SignatureResult::Stale:
        return QStringLiteral(
            "The signature timestamp is more than 5 minutes away from our clock.");
    case SignatureResult::Mismatch:
        return QStringLiteral("The signature does not match the body (wrong API key?).");
    }
    return {};
}

} // namespace Callbook
