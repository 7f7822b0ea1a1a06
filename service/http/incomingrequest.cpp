#include "incomingrequest.h"

namespace Callbook {

IncomingRequest::IncomingRequest(const QHttpServerRequest &request)
    : m_method(request.method())
    , m_url(request.url())
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    , m_headers(request.headers().toListOfPairs())
#else
    , m_headers(request.headers())
#endif
    , m_body(request.body())
    , m_remoteAddress(request.remoteAddress()) {
}

QByteArray IncomingRequest::value(QByteArrayView name) const {
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace Callbook
