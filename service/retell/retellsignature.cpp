#include "retellsignature.h"

#include "core/constanttime.h"

#include <QMessageAuthenticationCode>
#include <QRegularExpression>

namespace Callbook {

static constexpr qint64 kToleranceMs = 5 * 60 * 1000;

static QByteArray mac(const QByteArray &body, const QByteArray &key, qint64 timestampMs) {
    return QMessageAuthenticationCode::hash(body + QByteArray::number(timestampMs), key,
                                            QCryptographicHash::Sha256);
}

SignatureResult verifyRetellSignatureAny(const QByteArray &header, const QByteArray &rawBody,
                                         const QByteArrayList &apiKeys, qint64 nowMs) {
    if (header.isEmpty())
        return SignatureResult::Missing;
    static const QRegularExpression format(QStringLiteral("^v=(\\d{1,18}),d=([0-9a-f]{64})$"));
    const auto match = format.match(QString::fromLatin1(header));
    if (!match.hasMatch())
        return SignatureResult::Malformed;
    bool ok = false;
    const qint64 timestamp = match.captured(1).toLongLong(&ok);
    if (!ok)
        return SignatureResult::Malformed;
    if (qAbs(nowMs - timestamp) > kToleranceMs)
        return SignatureResult::Stale;
    const QByteArray digest = QByteArray::fromHex(match.captured(2).toLatin1());
    for (const QByteArray &key : apiKeys) {
        if (!key.isEmpty() && constantTimeEquals(mac(rawBody, key, timestamp), digest))
            return SignatureResult::Valid;
    }
    return SignatureResult::Mismatch;
}

SignatureResult verifyRetellSignature(const QByteArray &header, const QByteArray &rawBody,
                                      const QByteArray &apiKey, qint64 nowMs) {
    return verifyRetellSignatureAny(header, rawBody, QByteArrayList{apiKey}, nowMs);
}

QByteArray signRetellBody(const QByteArray &body, const QByteArray &apiKey, qint64 timestampMs) {
    return "v=" + QByteArray::number(timestampMs) + ",d=" + mac(body, apiKey, timestampMs).toHex();
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
