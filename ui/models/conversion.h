#pragma once

#include "serviceevents.h"

namespace Callbook {

// The totals of a range of days, as the conversion page shows them.
struct ConversionTotals {
    qint64 calls = 0;
    qint64 booked = 0;
    double conversionPct = 0;
    double averageDurationS = 0;
    double functionErrorPct = 0;
    double costEur = 0;

    static ConversionTotals of(const QList<DailyStats> &days) {
        ConversionTotals t;
        double durationSum = 0;
        qint64 withDuration = 0, functions = 0, errors = 0;
        double costCents = 0;
        for (const DailyStats &d : days) {
            t.calls += d.calls;
            t.booked += d.booked;
            durationSum += d.durationSumS;
            withDuration += d.callsWithDuration;
            functions += d.functionCalls;
            errors += d.functionErrors;
            costCents += d.costCents;
        }
        t.conversionPct = t.calls ? 100.0 * double(t.booked) / double(t.calls) : 0;
        t.averageDurationS = withDuration ? durationSum / double(withDuration) : 0;
        t.functionErrorPct = functions ? 100.0 * double(errors) / double(functions) : 0;
        t.costEur = costCents / 100.0;
        return t;
    }
};

} // namespace Callbook
