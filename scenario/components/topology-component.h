/*
 * The run's hosts and links (TopologyBuilder): --topology, --fanout, the clients' access links
 * (--delay, --loss, --loss-model) and the shared bottleneck (--bottleneck-rate, --bottleneck-delay),
 * for SimOptions' --clients, --servers and --tcp. It builds the topology before anything is
 * written, so that a client's draw outside its range is a flag error, and it fills each client's
 * row of the `clients` table with its addresses and its link's draws.
 */
#ifndef HANDSHAKE_TOPOLOGY_COMPONENT_H
#define HANDSHAKE_TOPOLOGY_COMPONENT_H

#include "ns3/scenario-component.h"
#include "ns3/topology-builder.h"

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"

#include <cstdint>
#include <string>

namespace ns3
{

class TopologyComponent : public ScenarioComponent
{
  public:
    std::string shape{"tree"};
    uint32_t fanout{100};
    std::string delayText{"ns3::UniformRandomVariable[Min=5|Max=100]"};
    std::string lossText{"ns3::UniformRandomVariable[Min=0|Max=0.02]"};
    std::string lossModel{"random"};
    std::string bottleneckRateText{"100Mbps"};
    std::string bottleneckDelayText{"5ms"};

    // After Validate.
    Ptr<RandomVariableStream> delayMs;  //!< per-client access one-way delay, ms
    Ptr<RandomVariableStream> lossRate; //!< per-client access loss probability
    DataRate bottleneckRate;
    Time bottleneckDelay;

    TopologyComponent();

    void AddFlags(FlagSet& flags) override;
    std::string Validate(const SimOptions& options) override;
    void AddReportParameters(Parameters& parameters) const override;
    /** Builds the topology; a draw outside its range names its flag (--delay, --loss). */
    std::string Prepare(const SimOptions& options) override;
    /** Each client's row: index, addresses, its access link's delay and loss as drawn. */
    void Install(ScenarioContext& context) override;

    /** After Prepare; null after Release. */
    Ptr<TopologyBuilder> GetTopology() const;
    /** Lets the topology go (its devices close their capture files when the last reference does). */
    void Release();

  private:
    std::string m_fanoutText;
    Ptr<TopologyBuilder> m_topology;
};

} // namespace ns3

#endif // HANDSHAKE_TOPOLOGY_COMPONENT_H
