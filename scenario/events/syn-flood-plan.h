/*
 * A SYN flood for a topology (issue [hardening], --syn-flood): an attacker host on its own link to
 * the core (TopologyBuilder::AddAttacker) sends spoofed SYNs (SynFloodApplication) at a fixed rate
 * to one server's port, from a start time for a duration or until the run ends; a flood without a
 * duration stops (Stop) when the clients' work is done, so that it never keeps a finished run going.
 *
 * Text form: RATE or RATE@START+DURATION, RATE in SYNs per second (a number >= 0; 0 is no flood),
 * START and DURATION ns-3 times, e.g. "1000" (from 0 s to the end of the run) or "5000@2s+10s".
 */
#ifndef HANDSHAKE_SYN_FLOOD_PLAN_H
#define HANDSHAKE_SYN_FLOOD_PLAN_H

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/run-records.h"
#include "ns3/syn-flood-application.h"

#include <cstdint>
#include <string>

namespace ns3
{

class TopologyBuilder;

class SynFloodPlan
{
  public:
    /** Largest rate accepted: the event per SYN costs about a microsecond of wall time. */
    static constexpr double MAX_RATE = 1e6;
    /** The attacker's random stream (sources, ports, ISNs): far from any other, fixed for RngRun.
     */
    static constexpr int64_t RANDOM_STREAM = 1000;

    double rate{0}; //!< SYNs per second; 0: no flood
    Time start;
    Time duration; //!< zero: until the run ends

    /** Parses \p text (empty or "0": no flood); returns an error text, empty if valid. */
    std::string Parse(const std::string& text);
    bool Enabled() const;

    /**
     * Adds the attacker host to \p topology and its flood at server \p server's \p port. Call after
     * every other object of the run is made: the attacker's objects then take no automatic random
     * stream from them, and legitimate traffic draws the same numbers with or without a flood.
     */
    void Install(TopologyBuilder& topology, uint32_t server, uint16_t port);

    /** Ends a flood "until the run ends" (no duration) now: the scenario calls it when its clients'
     *  work is done, so that such a flood lasts while they work and never keeps a finished run
     *  going. A flood with a duration keeps its schedule (the run's end still cuts it short). */
    void Stop();

    /** What the attacker did; call before Simulator::Destroy. */
    SynFloodRecord Record() const;
    /** The attacker's application (null before Install), e.g. for its "Syn" trace. */
    Ptr<SynFloodApplication> GetApplication() const;

  private:
    Ptr<SynFloodApplication> m_application;
    std::string m_target;
    uint64_t m_repliesDropped{0};
    Time m_stoppedAt{Seconds(-1)}; //!< when Stop() ended it early; negative: it did not
};

} // namespace ns3

#endif // HANDSHAKE_SYN_FLOOD_PLAN_H
