#pragma once

// The narrow interface between the service and anything that watches it (the console,
// metrics). Plain value types only; signals are delivered queued across threads.

#include <QMetaType>
#include <QObject>
#include <QString>

namespace Callbook {

struct CallActivity {
    QString callId;
    qint64 companyId = 0;
    QString companyName;
    QString event;
    QString status;
    QString callerMasked;
    qint64 atMs = 0;
    qint64 durationMs = -1;
};

class ServiceEvents final : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void callEventStored(const Callbook::CallActivity &activity);
    void databaseAvailabilityChanged(bool available);
    void listening(quint16 port);
};

} // namespace Callbook

Q_DECLARE_METATYPE(Callbook::CallActivity)
