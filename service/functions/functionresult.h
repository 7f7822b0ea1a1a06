#pragma once

#include <QJsonObject>
#include <QString>

namespace Callbook {

// What a function answers: a short sentence for the agent to speak in the business's language,
// and structured fields. Failures carry a code too. Business outcomes (slot taken, closed,
// unknown service) are answered with 200 so the agent hears the message; malformed requests
// get a 4xx.
struct FunctionResult {
    int httpStatus = 200;
    bool success = true;
    QString code;
    QString message;
    QJsonObject data;
    // More members, written as JSON already (`"key":value`, comma-separated): for the lists
    // on the hot path, which as QJsonArrays cost more to build than to write. Keys must not
    // be in `data` or be success, message or error.
    QByteArray rawMembers;
    bool cacheHit = false;  // answered from the availability cache
    qint64 upstreamMs = -1; // time spent waiting for Cal.com

    static FunctionResult ok(const QString &message, const QJsonObject &data = {}) {
        FunctionResult r;
        r.message = message;
        r.data = data;
        return r;
    }
    static FunctionResult failure(const QString &code, const QString &message, int httpStatus = 200,
                                  const QJsonObject &data = {}) {
        FunctionResult r;
        r.success = false;
        r.code = code;
        r.message = message;
        r.httpStatus = httpStatus;
        r.data = data;
        return r;
    }
    // Appends "key":value to the raw members, `json` being JSON text.
    void addRawMember(QLatin1StringView key, QByteArrayView json);
    // The same for a value, written here.
    void addMember(QLatin1StringView key, bool value) {
        addRawMember(key, value ? QByteArrayView("true") : QByteArrayView("false"));
    }
    void addMember(QLatin1StringView key, qint64 value) {
        addRawMember(key, QByteArray::number(value));
    }
    void addMember(QLatin1StringView key, const QString &text);
    // All structured fields: `data` with the raw members.
    QJsonObject fields() const;

    QJsonObject toJson() const {
        QJsonObject o = fields();
        o.insert(QStringLiteral("success"), success);
        o.insert(QStringLiteral("message"), message);
        if (!success)
            o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                          {QStringLiteral("message"), message}});
        return o;
    }
    // The same object as toJson(), as compact JSON bytes, without building it first.
    QByteArray toJsonBytes() const;

private:
    void addKey(QLatin1StringView key); // "key": after a comma where needed
};

} // namespace Callbook
