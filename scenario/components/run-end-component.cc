#include "run-end-component.h"

#include "ns3/connection-recorder.h"
#include "ns3/flag-set.h"
#include "ns3/handshake-tcp-socket.h"
#include "ns3/mpi-ranks.h"
#include "ns3/request-recorder.h"
#include "ns3/results-database.h"
#include "ns3/run-results.h"
#include "ns3/run-summary.h"
#include "ns3/scenario-context.h"
#include "ns3/sim-options.h"

#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

namespace
{

const Time RUN_LIMIT = Seconds(SimOptions::RUN_LIMIT_SECONDS);
/** 5 s after the last request's outcome at the earliest: time for the last FIN and its ACK, and
 *  their retransmissions, to reach the pcap; a connection still retrying after its request gave up
 *  then ends with its own outcome, not "unfinished". */
const Time FIRST_CHECK = Seconds(5);
const Time CHECK_INTERVAL = Seconds(1);

/** TIME_WAIT of handshake's TCP: 2 MSL (RFC 9293 3.3.2), as a socket made now gets it (the
 *  profile's, or an Msl the user set). */
Time
TimeWaitDuration()
{
    return 2 * NanoSeconds(CreateObject<HandshakeTcpSocket>()->GetConfig().msl.count());
}

} // namespace

RunEndComponent::RunEndComponent()
    : m_rule(RUN_LIMIT, Seconds(SimOptions::TEARDOWN_GRACE_SECONDS))
{
}

void
RunEndComponent::AddFlags(FlagSet& flags)
{
    flags.Add("teardown-grace",
              "once every request has its outcome, wait at most this long for the clients' "
              "connections to end (their teardown); those still open are named",
              teardownGraceText);
    flags.AddSwitch("drain",
                    "after the last request, run on until every connection has left TIME_WAIT, so "
                    "that each one's closed time is recorded (--tcp=handshake only)",
                    drain);
}

std::string
RunEndComponent::Validate(const SimOptions& options)
{
    std::string problem = SimOptions::ParseNonNegativeTime("teardown-grace", teardownGraceText, teardownGrace);
    if (problem.empty() && drain && options.tcp != "handshake")
    {
        // The wait is our TCP's 2 MSL (its Msl attribute); stock TCP's TIME_WAIT, now seen through
        // each socket's State trace, lasts 2 x its MaxSegLifetime, which the run does not read.
        problem = "--drain: needs --tcp=handshake (the run waits our TCP's 2 MSL, not stock TCP's)";
    }
    return problem;
}

void
RunEndComponent::AddReportParameters(Parameters& parameters) const
{
    parameters.emplace_back("teardown-grace", teardownGraceText);
}

std::string
RunEndComponent::Prepare(const SimOptions& options)
{
    // TIME_WAIT ends only by its 2 MSL timer: with --drain the run waits that much longer.
    m_timeWait = drain && !options.check ? TimeWaitDuration() : Seconds(0);
    m_rule = RunEndRule(RUN_LIMIT + m_timeWait, teardownGrace + m_timeWait);
    return "";
}

void
RunEndComponent::Install(ScenarioContext& context)
{
    m_context = &context;
}

void
RunEndComponent::WorkDone()
{
    m_rule.WorkDone(Simulator::Now());
    Simulator::Schedule(FIRST_CHECK, &RunEndComponent::StopWhenEnded, this);
}

Time
RunEndComponent::WorkDoneAt(Time at)
{
    m_rule.WorkDone(at);
    return at + FIRST_CHECK;
}

uint64_t
RunEndComponent::LocalOpenConnections()
{
    m_context->connections.Settle();
    return OpenConnections();
}

bool
RunEndComponent::ShouldStopAt(Time now, uint64_t open)
{
    return m_rule.ShouldStop(now, open);
}

Time
RunEndComponent::CheckInterval()
{
    return CHECK_INTERVAL;
}

/**
 * Stops the run once every connection the clients opened has ended (RunEndRule): CLOSED by its
 * TCP's own trace with --drain (TIME_WAIT over), else closed, reset, timed out or in TIME_WAIT.
 */
void
RunEndComponent::StopWhenEnded()
{
    // Settle: connections a stock TCP gave up without a word have ended.
    if (m_rule.ShouldStop(Simulator::Now(), LocalOpenConnections()))
    {
        Simulator::Stop();
        return;
    }
    Simulator::Schedule(CHECK_INTERVAL, &RunEndComponent::StopWhenEnded, this);
}

uint64_t
RunEndComponent::OpenConnections() const
{
    const ConnectionRecorder& connections = m_context->connections;
    uint64_t ended = drain ? connections.TcpClosed() : connections.Ended();
    return connections.Started() - std::min(ended, connections.Started());
}

Time
RunEndComponent::Limit() const
{
    return RUN_LIMIT + m_timeWait;
}

std::string
RunEndComponent::Progress() const
{
    const RequestRecorder& requests = m_context->requests;
    return m_rule.Progress(requests.Recorded(), requests.Expected(), OpenConnections());
}

void
RunEndComponent::Stopped(Time now)
{
    m_rule.Stopped(now);
    m_events = MpiRanks::Sum(Simulator::GetEventCount()); // every rank's (one process: its own)
}

RunEndRecord
RunEndComponent::EndRecord() const
{
    RunEndRecord record = m_rule.Record();
    record.events = m_events;
    return record;
}

void
RunEndComponent::Record(ResultsDatabase& database)
{
    database.SetRunEnd(EndRecord());
}

std::string
RunEndComponent::SummaryLines() const
{
    const RunResults& r = m_context->results;
    return RunSummary::FormatRunEnd(m_rule.Record(), r.connections, r.transactions);
}

} // namespace ns3
