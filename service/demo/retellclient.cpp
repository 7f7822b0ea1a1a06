#include "retellclient.h"

#include "retell/retellsignature.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <memory>

namespace Callbook {

RetellClient::RetellClient(const QUrl &serviceUrl, const QByteArray &apiKey, QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_serviceUrl(serviceUrl)
    , m_apiKey(apiKey) {}

void RetellClient::post(const QString &path, const QJsonObject &body, QObject *context, Done done) {
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    send(path, &bytes, context, std::move(done));
}

void RetellClient::get(const QString &path, QObject *context, Done done) {
    send(path, nullptr, context, std::move(done));
}

void RetellClient::send(const QString &path, const QByteArray *body, QObject *context, Done done) {
    QUrl url = m_serviceUrl;
    url.setPath(path);
    QNetworkRequest request(url);
    request.setTransferTimeout(10000); // Retell's own webhook timeout
    QNetworkReply *reply = nullptr;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        request.setRawHeader("X-Retell-Signature",
                             signRetellBody(*body, m_apiKey, QDateTime::currentMSecsSinceEpoch()));
        reply = m_network->post(request, *body);
    } else {
        reply = m_network->get(request);
    }
    ++m_sent;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, timer, guard, done] {
        reply->deleteLater();
        RetellAnswer answer;
        answer.elapsedMs = timer->elapsed();
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.json = QJsonDocument::fromJson(reply->readAll()).object();
        if (!answer.answered())
            ++m_errors;
        if (guard)
            done(answer);
    });
}

} // namespace Callbook
