#pragma once

#include "functionresult.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <optional>

namespace Callbook {

// Reads a function's args strictly: every key must be one the function knows (call_id is
// always allowed), required ones present, each of the right type. The first problem is the
// answer (400, invalid_args), listing all problems.
class ArgReader {
public:
    ArgReader(const QJsonObject &args, const QStringList &known)
        : m_args(args) {
        for (auto it = args.begin(); it != args.end(); ++it)
            if (!known.contains(it.key()) && it.key() != QLatin1String("call_id"))
                m_problems << QStringLiteral("unknown argument \"%1\"").arg(it.key());
    }

    QString text(const QString &key, bool required = false) {
        const QJsonValue v = m_args.value(key);
        // Converted once: each toString() makes a new QString from the JSON value.
        const QString s = v.isString() ? v.toString() : QString();
        const QString trimmed = s.trimmed();
        if (v.isUndefined() || v.isNull() || (v.isString() && trimmed.isEmpty())) {
            if (required)
                m_problems << QStringLiteral("\"%1\" is required").arg(key);
            return {};
        }
        if (v.isDouble()) // a model sending 14 for "14" is forgiven
            return QString::number(v.toDouble());
        if (!v.isString()) {
            m_problems << QStringLiteral("\"%1\" must be a string").arg(key);
            return {};
        }
        if (s.size() > 500) {
            m_problems << QStringLiteral("\"%1\" is longer than 500 characters").arg(key);
            return {};
        }
        return trimmed;
    }

    std::optional<qint64> id(const QString &key, bool required = false) {
        const QJsonValue v = m_args.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                m_problems << QStringLiteral("\"%1\" is required").arg(key);
            return std::nullopt;
        }
        bool ok = v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
        qint64 value = qint64(v.toDouble());
        if (v.isString())
            value = v.toString().toLongLong(&ok);
        if (!ok || value <= 0) {
            m_problems << QStringLiteral("\"%1\" must be a positive whole number").arg(key);
            return std::nullopt;
        }
        return value;
    }

    bool ok() const { return m_problems.isEmpty(); }
    FunctionResult error(const QString &spoken) const {
        return FunctionResult::failure(
            QStringLiteral("invalid_args"), spoken, 400,
            {{QStringLiteral("problems"), QJsonArray::fromStringList(m_problems)}});
    }

private:
    QJsonObject m_args;
    QStringList m_problems;
};

} // namespace Callbook
