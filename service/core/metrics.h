#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <functional>

namespace Callbook {

// Counters and latency histograms in Prometheus' text format (GET /metrics). Lives on the
// service thread; every update is a hash lookup and an add, nothing waits.
class Metrics {
public:
    using Labels = QList<QPair<QString, QString>>;

    void describe(const QString &name, const QString &type, const QString &help);
    void increment(const QString &name, const Labels &labels = {}, double by = 1);
    // Seconds; buckets from 1 ms to 10 s.
    void observe(const QString &name, const Labels &labels, double seconds);

    // The exposition text; `gauges` adds values computed at scrape time.
    struct Sample {
        Labels labels;
        double value = 0;
    };
    struct Gauge {
        QString help;
        QList<Sample> samples;
    };
    QByteArray render(const QMap<QString, Gauge> &gauges = {}) const;

    static const QList<double> &buckets();

    struct Histogram {
        QList<quint64> counts; // per bucket (not cumulative)
        quint64 count = 0;
        double sum = 0;
    };
    // For hot paths: the place a counter or histogram lives, looked up once and then updated
    // directly. It stays valid as long as this object (nothing is ever removed).
    double &counter(const QString &name, const Labels &labels);
    Histogram &histogram(const QString &name, const Labels &labels);
    static void observe(Histogram &histogram, double seconds);

private:
    struct Family {
        QString type, help;
        QMap<QString, double> counters;      // rendered label set → value
        QMap<QString, Histogram> histograms; // rendered label set → histogram
    };
    static QString labelText(const Labels &labels);
    QMap<QString, Family> m_families;
};

} // namespace Callbook
