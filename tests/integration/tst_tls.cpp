// The optional HTTPS listener (`--tls-cert`, `--tls-key`) of the real binary, with a
// self-signed certificate made here by the openssl command: real TLS over loopback, the guard
// and the request metrics behind it, signed Retell events stored, plain HTTP refused, and bad
// certificate options a clear error. On SQLite and PostgreSQL.

#include "testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

#include "retell/retellsignature.h"

using namespace CallbookTest;

class TestTls : public QObject {
    Q_OBJECT
    std::unique_ptr<TestDatabase> m_db;
    QString m_cert, m_key;

    // One exchange over HTTPS, the server's certificate checked against ours.
    QByteArray httpsExchange(quint16 port, const QByteArray &request, QString *tlsError = nullptr) {
        QSslSocket socket;
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_cert));
        socket.setSslConfiguration(tls);
        socket.setPeerVerifyName(QStringLiteral("localhost"));
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
        if (!socket.waitForEncrypted(10000)) {
            if (tlsError)
                *tlsError = socket.errorString();
            return {};
        }
        if (tlsError)
            *tlsError =
                socket.sessionProtocol() >= QSsl::TlsV1_2 ? QString() : QStringLiteral("old TLS");
        socket.write(request);
        QByteArray answer;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000 && socket.state() == QAbstractSocket::ConnectedState)
            if (socket.waitForReadyRead(200))
                answer += socket.readAll();
        return answer + socket.readAll();
    }
    int runService(const QStringList &extra, QString *output) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        QStringList args = {QStringLiteral("--headless"),
                            QStringLiteral("--listen"),
                            QStringLiteral("127.0.0.1:0"),
                            QStringLiteral("--database"),
                            m_db->serviceUrl(),
                            QStringLiteral("--admin-database"),
                            m_db->adminUrl()};
        p.start(QStringLiteral(CALLBOOK_BINARY), args + extra);
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        *output = QString::fromUtf8(p.readAll());
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase() {
        m_db = std::make_unique<TestDatabase>();
        QString error;
        QVERIFY2(m_db->create(&error), qPrintable(error));
        m_cert = m_db->dir() + QStringLiteral("/cert.pem");
        m_key = m_db->dir() + QStringLiteral("/key.pem");
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), m_key, QStringLiteral("-out"), m_cert,
                       QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
        QVERIFY2(openssl.waitForStarted(10000), "openssl is missing");
        QVERIFY(openssl.waitForFinished(60000));
        QVERIFY2(openssl.exitCode() == 0, openssl.readAll().constData());
    }

    void servesHttpsWithTheGuardBehindIt() {
        ServiceProcess service;
        QString error;
        QVERIFY2(service.start(
                     *m_db, writeSampleConfig(m_db->dir()),
                     {QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key},
                     &error),
                 qPrintable(error));
        const quint16 port = service.port();
        QString tlsError;
        const QByteArray health = httpsExchange(
            port, "GET /api/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
            &tlsError);
        QVERIFY2(tlsError.isEmpty(), qPrintable(tlsError));
        QVERIFY2(health.startsWith("HTTP/1.1 200"), health.constData());
        QVERIFY(health.contains("\"status\":\"ok\""));

        // A signed Retell event over HTTPS is stored, like over HTTP.
        const QByteArray body =
            callEventBody(QStringLiteral("call_started"), QStringLiteral("call_tls_1"),
                          QStringLiteral("+493012345678"));
        const QByteArray signature =
            Callbook::signRetellBody(body, kRetellKey, QDateTime::currentMSecsSinceEpoch());
        const QByteArray stored = httpsExchange(
            port, "POST /api/webhooks/retell HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  "Content-Type: application/json\r\nX-Retell-Signature: " +
                      signature + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                      "\r\n\r\n" + body);
        QVERIFY2(stored.startsWith("HTTP/1.1 200"), stored.constData());
        QCOMPARE(m_db->count(QStringLiteral("SELECT COUNT(*) FROM calls WHERE call_id = "
                                            "'call_tls_1'")),
                 1);
        // The guard still answers for itself inside TLS.
        const QByteArray tooLarge = httpsExchange(
            port, "POST /api/webhooks/retell HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                  "99999999\r\n\r\n");
        QVERIFY2(tooLarge.startsWith("HTTP/1.1 413"), tooLarge.constData());
        // Plain HTTP to the HTTPS port gets no HTTP answer.
        const HttpResult plain = httpRequest(port, "GET", "/api/health", {}, {}, 3000);
        QCOMPARE(plain.status, 0);
        // A client that does not trust the certificate cannot talk to it.
        {
            QSslSocket untrusting;
            untrusting.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port);
            QVERIFY(!untrusting.waitForEncrypted(5000));
        }
        // Metrics count the answers that went out encrypted.
        const QByteArray metrics = httpsExchange(
            port, "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        QVERIFY2(metrics.contains(
                     "callbook_http_requests_total{route=\"/api/health\",status=\"200\"} 1\n"),
                 metrics.constData());
        QVERIFY(metrics.contains(
            "callbook_http_requests_total{route=\"/api/webhooks/retell\",status=\"200\"} 1\n"));
        QVERIFY(metrics.contains(
            "callbook_http_requests_total{route=\"/api/webhooks/retell\",status=\"413\"} 1\n"));
        QCOMPARE(service.terminate(), 0);
    }

    // The admin commands reach an HTTPS service when told which certificate to trust.
    void adminCommandsOverHttps() {
        ServiceProcess service;
        service.setEnvironment(QStringLiteral("CALLBOOK_SECRET_ADMIN_TOKEN"),
                               QStringLiteral("tls-admin-token-0123456789"));
        QString error;
        QVERIFY2(service.start(
                     *m_db, writeSampleConfig(m_db->dir()),
                     {QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), m_key},
                     &error),
                 qPrintable(error));
        auto breaker = [&](const QStringList &extra) {
            QProcess p;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("CALLBOOK_NO_KEYCHAIN"), QStringLiteral("1"));
            env.insert(QStringLiteral("CALLBOOK_SECRET_ADMIN_TOKEN"),
                       QStringLiteral("tls-admin-token-0123456789"));
            p.setProcessEnvironment(env);
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(QStringLiteral(CALLBOOK_BINARY),
                    QStringList{QStringLiteral("breaker"), QStringLiteral("--service"),
                                QStringLiteral("https://localhost:%1").arg(service.port())} +
                        extra);
            p.waitForFinished(30000);
            return std::make_pair(p.exitCode(), p.readAll());
        };
        const auto trusted = breaker({QStringLiteral("--service-ca"), m_cert});
        QCOMPARE(trusted.first, 0);
        QVERIFY2(trusted.second.contains("no business uses Cal.com"), trusted.second.constData());
        const auto untrusted = breaker({});
        QCOMPARE(untrusted.first, 1);
        QVERIFY2(untrusted.second.contains("cannot reach the service"),
                 untrusted.second.constData());
        QCOMPARE(service.terminate(), 0);
    }

    void badCertificateOptionsAreAClearError() {
        QString out;
        QCOMPARE(runService({QStringLiteral("--tls-cert"), m_cert}, &out), 2);
        QVERIFY2(out.contains(QStringLiteral("--tls-cert and --tls-key go together")),
                 qPrintable(out));
        QCOMPARE(
            runService({QStringLiteral("--tls-cert"), m_db->dir() + QStringLiteral("/missing.pem"),
                        QStringLiteral("--tls-key"), m_key},
                       &out),
            1);
        QVERIFY2(out.contains(QStringLiteral("cannot read the TLS certificate")), qPrintable(out));
        const QString garbage = m_db->dir() + QStringLiteral("/garbage.pem");
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("not a key\n");
        f.close();
        QCOMPARE(
            runService({QStringLiteral("--tls-cert"), m_cert, QStringLiteral("--tls-key"), garbage},
                       &out),
            1);
        QVERIFY2(out.contains(QStringLiteral("is not an unencrypted PEM private key")),
                 qPrintable(out));
        QCOMPARE(
            runService({QStringLiteral("--tls-cert"), garbage, QStringLiteral("--tls-key"), m_key},
                       &out),
            1);
        QVERIFY2(out.contains(QStringLiteral("holds no PEM certificate")), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
