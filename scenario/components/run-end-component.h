/*
 * When the run ends (RunEndRule): once every request has its outcome, the run waits for the
 * clients' connections to end, at most --teardown-grace, and with --drain until each has left
 * TIME_WAIT; RUN_LIMIT ends it in any case. It checks each simulated second from 5 s after the
 * work is done, writes the progress line's text, the `run_end` row and the summary's run-end
 * lines (why the run ended, the connections still open).
 */
#ifndef HANDSHAKE_RUN_END_COMPONENT_H
#define HANDSHAKE_RUN_END_COMPONENT_H

#include "ns3/run-end-rule.h"
#include "ns3/scenario-component.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <string>

namespace ns3
{

class RunEndComponent : public ScenarioComponent
{
  public:
    std::string teardownGraceText{"120s"}; //!< SimOptions::TEARDOWN_GRACE_SECONDS
    bool drain{false}; //!< run until every connection is CLOSED (TIME_WAIT over)
    Time teardownGrace; //!< after Validate

    RunEndComponent();

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    /** The rule's limit and grace, with --drain longer by our TCP's TIME_WAIT. */
    std::string Prepare(const SimOptions& options) override;
    void Install(ScenarioContext& context) override;
    /** Starts the checks for the connections' end, 5 s from now. */
    void WorkDone() override;
    void Record(ResultsDatabase& database) override;
    std::string SummaryLines() const override;

    /** When the simulation stops at the latest. */
    Time Limit() const;
    /** The progress line's text now. */
    std::string Progress() const;
    /** The simulation stopped at \p now. */
    void Stopped(Time now);
    /** After Stopped: the run's end (why, when). */
    RunEndRecord EndRecord() const;

    // A run spread over ranks checks between its time windows (HandshakeScenario::SimulateInWindows)
    // what a run on one process checks in its events: the same rule, with every rank's counts.
    /** Every request had its outcome at \p at (the last rank's last): returns when the first check
     *  is due, as WorkDone schedules it. */
    Time WorkDoneAt(Time at);
    /** This rank's clients' connections not ended yet. */
    uint64_t LocalOpenConnections();
    /** At a check's time \p now with \p open connections over all ranks: stop now? */
    bool ShouldStopAt(Time now, uint64_t open);
    /** The time between two checks once the first is past. */
    static Time CheckInterval();

  private:
    /** Stops the run once ShouldStop says so; else checks again a simulated second later. */
    void StopWhenEnded();
    /** The clients' connections not ended yet (not CLOSED by their TCP with --drain). */
    uint64_t OpenConnections() const;

    RunEndRule m_rule;
    Time m_timeWait; //!< added to the limit and the grace with --drain
    std::optional<uint64_t> m_events; //!< simulator events executed, once stopped
    ScenarioContext* m_context{nullptr}; //!< from Install
};

} // namespace ns3

#endif // HANDSHAKE_RUN_END_COMPONENT_H
