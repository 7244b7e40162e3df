/*
 * Link failures for a topology (issue [hardening], --link-down): a link goes down at a time for a
 * duration and comes back. "Down" means every frame sent over it in either direction is lost, as on
 * a cut cable; frames already serialised when it goes down are lost too. TCP sees only silence: its
 * retransmissions either get through once the link is back, or its retry limits end the connection
 * with the timeout outcome.
 *
 * Text form: comma-separated faults, each LINK@START+DURATION with ns-3 times, LINK one of
 * "bottleneck" or "client:N" (client N's access link), e.g. "bottleneck@5s+10s,client:3@2s+500ms".
 */
#ifndef HANDSHAKE_LINK_FAULT_PLAN_H
#define HANDSHAKE_LINK_FAULT_PLAN_H

#include "ns3/error-model.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

class TopologyBuilder;

class LinkFaultPlan
{
  public:
    struct Fault
    {
        bool bottleneck{false};
        uint32_t client{0}; //!< when not the bottleneck
        Time start;
        Time duration;
    };

    /**
     * Parses \p text (empty: no fault) for a topology of \p clients clients. Returns an error text
     * naming the faulty part, empty if valid. Two faults of one link may not overlap in time.
     */
    std::string Parse(const std::string& text, uint32_t clients);

    const std::vector<Fault>& Faults() const;

    /** Schedules every fault on \p topology's devices (call before Simulator::Run). */
    void Schedule(const TopologyBuilder& topology) const;

  private:
    /** Both ends of the faulty link. */
    static std::vector<Ptr<PointToPointNetDevice>> Devices(const TopologyBuilder& topology,
                                                          const Fault& fault);

    std::vector<Fault> m_faults;
};

} // namespace ns3

#endif // HANDSHAKE_LINK_FAULT_PLAN_H
