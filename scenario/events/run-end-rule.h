/*
 * When a scenario run ends, and why (issue 23): what "done" means, in one place.
 *
 * The run's work is done once every request has its outcome. The run then ends as soon as every
 * connection the clients opened has ended by its own TCP: CLOSED (closed, reset, refused, timed out,
 * or dropped by a TCP whose retries ran out) or in TIME_WAIT, a state only its 2 MSL timer ends
 * (RFC 9293 3.3.2) and that holds nothing of the workload. A connection still retrying its teardown
 * is waited for at most the teardown grace after the work is done; the time limit ends the run in
 * any case. Whatever is still open then is named by the outputs (RunSummary::FormatRunEnd).
 *
 * Plain logic on times and counts: the scenario feeds it, and it also writes the progress line's
 * text, so the line says what the run is waiting for. Tests drive it without a simulator.
 */
#ifndef HANDSHAKE_RUN_END_RULE_H
#define HANDSHAKE_RUN_END_RULE_H

#include "ns3/nstime.h"
#include "ns3/run-records.h"

#include <cstdint>
#include <string>

namespace ns3
{

class RunEndRule
{
  public:
    /** \p limit: the run ends then at the latest; \p grace: the longest wait for connections to
     *  end once the work is done. */
    RunEndRule(Time limit, Time grace);

    /** Every request has its outcome (call once, when the last one is recorded). */
    void WorkDone(Time now);
    bool IsWorkDone() const;

    /**
     * Whether the run ends now, with \p open of the clients' connections not ended: when none is
     * open, or when the grace after the work is done is over. Only after WorkDone.
     */
    bool ShouldStop(Time now, uint64_t open);
    /** The simulation stopped at \p now: if ShouldStop never said so, the time limit stopped it. */
    void Stopped(Time now);

    /** "3/150 requests have an outcome (2%)", or once the work is done "all 150 requests have an
     *  outcome; waiting for 3 connections to end (until 130.0 s at the latest)", and after Stopped
     *  how the run ended ("run ended after the teardown grace, 3 connections still open"). */
    std::string Progress(uint64_t recorded, uint64_t expected, uint64_t open) const;

    /** After Stopped: the run's end for the records (RunEndRecord::reason "ended", "grace" or
     *  "limit"). */
    RunEndRecord Record() const;

  private:
    Time Deadline() const;

    Time m_limit;
    Time m_grace;
    Time m_workDoneAt{Seconds(-1)};
    Time m_stoppedAt{Seconds(-1)};
    const char* m_reason{nullptr};
};

} // namespace ns3

#endif // HANDSHAKE_RUN_END_RULE_H
